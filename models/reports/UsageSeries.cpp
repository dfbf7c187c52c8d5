// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/UsageSeries.h"

#include <QMap>

namespace orb {

QString UsageSeries::label(QDate d, BucketSize size)
{
    switch (size) {
    case BucketSize::Day: return d.toString(Qt::ISODate);
    case BucketSize::Week: {
        int year = 0;
        const int week = d.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case BucketSize::Month: return d.toString(QStringLiteral("yyyy-MM"));
    }
    return d.toString(Qt::ISODate);
}

ChartData UsageSeries::build(const QList<BucketUsage> &buckets, BucketSize size, const QString &metricName)
{
    ChartData chart;
    chart.title = QStringLiteral("%1 per %2").arg(metricName, TimeBuckets::sizeName(size));
    chart.valueLabel = metricName;
    bool grouped = false;
    for (const BucketUsage &b : buckets)
        grouped = grouped || !b.usage.groupKeys.isEmpty();
    if (!grouped) {
        ChartSeries total{metricName, {}};
        for (const BucketUsage &b : buckets) {
            chart.categories.append(label(b.bucket.label, size));
            total.values.append(b.usage.total);
        }
        chart.series = {total};
        return chart;
    }
    // One series per group seen in any bucket, in name order; a bucket without the group is 0.
    chart.stacked = true;
    QMap<QString, QList<Decimal>> series;
    for (int i = 0; i < buckets.size(); ++i) {
        chart.categories.append(label(buckets.at(i).bucket.label, size));
        for (const UsageGroup &g : buckets.at(i).usage.groups) {
            QStringList parts;
            for (const QString &v : g.values)
                parts << (v.isEmpty() ? QStringLiteral("(none)") : v);
            QList<Decimal> &values = series[parts.join(QStringLiteral(" / "))];
            values.resize(buckets.size(), Decimal(0));
            values[i] += g.quantity;
        }
    }
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        chart.series.append({it.key(), it.value()});
    return chart;
}

} // namespace orb
