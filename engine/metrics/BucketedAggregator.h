// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Usage.h"
#include "engine/metrics/Aggregator.h"
#include "engine/metrics/TimeBuckets.h"

#include <QList>

#include <optional>
#include <vector>

namespace orb {

/// Usage of one report bucket.
struct BucketUsage {
    TimeBucket bucket;
    UsageQuantities usage;
};

/**
 * Usage per bucket (day, week, month) for reports, in one streaming pass: each event goes to
 * the aggregator of the bucket that holds it. For weighted_sum the running total carries from
 * one bucket into the next (per group too), as it would across billing periods; the buckets
 * must then be contiguous, as TimeBuckets::split() makes them.
 */
class BucketedAggregator final
{
public:
    BucketedAggregator(const MetricDefinition &metric, const QList<TimeBucket> &buckets, const QStringList &groupKeys = {}, bool wantEventValues = false,
                       const std::optional<Decimal> &initialRunningTotal = {});

    /// Feeds one event; returns whether some bucket counted it.
    bool add(const Event &event);
    QList<BucketUsage> finish() const;

private:
    QList<TimeBucket> m_buckets;
    std::vector<qint64> m_startsMs;
    std::vector<Aggregator> m_aggregators;
    std::optional<Decimal> m_initialTotal;
};

} // namespace orb
