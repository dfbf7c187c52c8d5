// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/BucketedAggregator.h"
#include "engine/metrics/TimeBuckets.h"
#include "models/reports/ChartData.h"

namespace orb {

/// Usage per day, week or month as a chart: one series for the total, or one per group when
/// the usage was grouped by a property (stacked, since the groups add up to the total).
class UsageSeries final
{
public:
    static ChartData build(const QList<BucketUsage> &buckets, BucketSize size, const QString &metricName);
    /// "2026-03-01" for a day, "2026-W09" for a week, "2026-03" for a month.
    static QString label(QDate bucketLabel, BucketSize size);
};

} // namespace orb
