// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace orb {

/**
 * A stored price as a clerk reads it: its name, item, metric, cadence, billing and currency in
 * words, the model's settings with their labels, and its tiers, cells or rates as a table (a
 * matrix as a grid of its dimension values). Read-only; no internal ids.
 */
class PriceSummary final : public QWidget
{
    Q_OBJECT

public:
    explicit PriceSummary(QWidget *parent = nullptr);

    /// Shows a price in Orb's JSON with the names of its item and metric; an empty object clears it.
    void setPrice(const QJsonObject &price, const QString &itemName, const QString &metricName, const QString &currency);
    /// The summary's text (the header and settings), for tests and screen readers.
    QString text() const;

private:
    QLabel *m_header;
    QTableWidget *m_table;
};

} // namespace orb
