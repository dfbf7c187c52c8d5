// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/BucketedAggregator.h"

#include <algorithm>

namespace orb {

BucketedAggregator::BucketedAggregator(const MetricDefinition &metric, const QList<TimeBucket> &buckets, const QStringList &groupKeys, bool wantEventValues,
                                       const std::optional<Decimal> &initialRunningTotal)
    : m_buckets(buckets), m_initialTotal(initialRunningTotal)
{
    m_startsMs.reserve(static_cast<size_t>(buckets.size()));
    m_aggregators.reserve(static_cast<size_t>(buckets.size()));
    for (const TimeBucket &b : buckets) {
        m_startsMs.push_back(b.start.toMSecsSinceEpoch());
        m_aggregators.emplace_back(metric, b.start, b.end, groupKeys, wantEventValues);
    }
}

bool BucketedAggregator::add(const Event &event)
{
    if (m_startsMs.empty() || !event.timestamp.isValid())
        return false;
    const qint64 ms = event.timestamp.toMSecsSinceEpoch();
    // The last bucket starting at or before the event; its own window check does the rest.
    const auto it = std::upper_bound(m_startsMs.cbegin(), m_startsMs.cend(), ms);
    if (it == m_startsMs.cbegin())
        return false;
    return m_aggregators[static_cast<size_t>(it - m_startsMs.cbegin()) - 1].add(event);
}

QList<BucketUsage> BucketedAggregator::finish() const
{
    QList<BucketUsage> result;
    result.reserve(m_buckets.size());
    std::optional<Decimal> carry = m_initialTotal;
    QHash<QStringList, Decimal> groupCarry;
    for (size_t i = 0; i < m_aggregators.size(); ++i) {
        const Aggregator &a = m_aggregators[i];
        result.append(BucketUsage{m_buckets[static_cast<qsizetype>(i)], a.finish(carry, groupCarry)});
        carry = a.closingRunningTotal(carry);
        groupCarry = a.closingGroupRunningTotals(groupCarry);
    }
    return result;
}

} // namespace orb
