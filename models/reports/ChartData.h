// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

/// One named series of a chart: one exact value per category.
struct ChartSeries {
    QString name;
    QList<Decimal> values;
};

/**
 * The data behind a chart, independent of how it is drawn: categories along the x axis (days,
 * months, plans) and one or more series of exact values. Charts convert to floating point only
 * to draw; CSV exports keep the exact decimals.
 */
struct ChartData {
    QString title;
    QString valueLabel;   ///< what the values are ("USD", "API calls")
    bool stacked = false; ///< series add up (parts of a whole) rather than compare
    QStringList categories;
    QList<ChartSeries> series;

    bool isEmpty() const { return categories.isEmpty() || series.isEmpty(); }
    const ChartSeries *find(const QString &name) const;
    /// The largest value of any series in any category (or the stacked sum); zero when empty.
    Decimal maximum() const;
    /// "category,series1,series2\n" then one row per category; fields quoted when needed.
    QString toCsv() const;
};

/// A field for a CSV file: quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text);

} // namespace orb
