// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/ChartData.h"

#include <QChartView>
#include <QLocale>

namespace orb {

/**
 * Draws a ChartData with Qt Charts: bars (grouped, or stacked when the series are parts of a
 * whole) or lines, a legend, and a tooltip with the exact value of the bar or point under the
 * mouse. Exports the chart as PNG and its data as CSV (exact decimals).
 */
class ReportChartView final : public QChartView
{
    Q_OBJECT
public:
    enum class Kind { Bars, Lines };

    explicit ReportChartView(QWidget *parent = nullptr);

    void setData(const ChartData &data, Kind kind = Kind::Bars);
    const ChartData &data() const { return m_data; }
    Kind kind() const { return m_kind; }

    /// The tooltip text for a series and category: "Paid, 2026-02: 100.00 USD".
    QString toolTipFor(int series, int category) const;
    /// A report's fixed name (title, series, "One-off") in the interface language.
    static QString displayText(const QString &text);
    /// A category as people read it in `locale` ("2026-12" → "Dec 2026", a day → "07.12.").
    static QString categoryText(const QString &category, const QLocale &locale = QLocale());
    /// The last tooltip shown (hovering), for tests.
    const QString &lastToolTip() const { return m_lastToolTip; }

    /// Writes the chart as it looks on screen; false with the reason when it cannot.
    bool exportPng(const QString &path, QString *error = nullptr);
    bool exportCsv(const QString &path, QString *error = nullptr) const;

private:
    void showTip(int series, int category);

    QString valueText(const Decimal &value) const;

    ChartData m_data;
    Kind m_kind = Kind::Bars;
    QString m_lastToolTip;
};

} // namespace orb
