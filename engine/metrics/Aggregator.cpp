// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/Aggregator.h"

#include <algorithm>

namespace orb {

namespace {

/// num ÷ den to `places` places, fewer when the integer part leaves no room within 38 digits
/// (a sum of 10^30 averaged over 3 events cannot also carry 20 places).
Decimal divideWithin(const Decimal &num, const Decimal &den, int places, Rounding rounding)
{
    const Decimal whole = num.divide(den, 0, Rounding::Down);
    const int intDigits = whole.isZero() ? 0 : whole.digits();
    const int room = Decimal::MaxDigits - 1 - intDigits;
    return num.divide(den, std::max(0, std::min(places, room)), rounding).normalized();
}

} // namespace

Aggregator::Aggregator(const MetricDefinition &metric, const QDateTime &start, const QDateTime &end, const QStringList &groupKeys, bool wantEventValues)
    : m_eventName(metric.eventName()), m_property(metric.property()), m_filter(metric.filter()), m_aggregation(metric.aggregation()),
      m_startMs(start.toMSecsSinceEpoch()), m_endMs(end.toMSecsSinceEpoch()), m_groupKeys(groupKeys), m_wantEventValues(wantEventValues)
{
    if (m_groupKeys.isEmpty() && !metric.groupBy().isEmpty())
        m_groupKeys << metric.groupBy();
    m_scratch = m_groupKeys; // right size; contents overwritten per event
    // An empty `and` is how a filter-less metric could also be written: skip evaluating it.
    if (m_filter && m_filter->kind() == MetricFilter::Kind::And && m_filter->children().empty())
        m_filter.reset();
}

bool Aggregator::add(const Event &event)
{
    if (event.eventName != m_eventName || !event.timestamp.isValid())
        return false;
    const qint64 ms = event.timestamp.toMSecsSinceEpoch();
    if (ms < m_startMs || ms >= m_endMs)
        return false;
    if (m_filter && !m_filter->matches(event))
        return false;
    ++m_matched;

    const PropertyValue *value = nullptr;
    Decimal number(1); // what count contributes per event
    if (m_aggregation == Aggregation::UniqueCount) {
        value = event.property(m_property);
        if (!value || value->isNull()) {
            ++m_skipped;
            return true;
        }
    } else if (m_aggregation != Aggregation::Count) {
        value = event.property(m_property);
        if (!value || !value->asDecimal()) {
            ++m_skipped;
            return true;
        }
        number = *value->asDecimal();
    }

    const qint64 seq = m_seq++;
    accumulate(m_total, ms, seq, value, number);
    if (!m_groupKeys.isEmpty()) {
        for (qsizetype i = 0; i < m_groupKeys.size(); ++i) {
            const PropertyValue *g = event.property(m_groupKeys.at(i));
            m_scratch[i] = g ? g->text() : QString();
        }
        qsizetype index;
        const auto it = m_groupIndex.constFind(m_scratch);
        if (it != m_groupIndex.cend()) {
            index = it.value();
        } else {
            index = static_cast<qsizetype>(m_groups.size());
            m_groupIndex.insert(m_scratch, index);
            m_groups.emplace_back();
            m_groupValues.push_back(m_scratch);
        }
        accumulate(m_groups[static_cast<size_t>(index)], ms, seq, value, number);
    }
    if (m_wantEventValues) {
        m_records.push_back(Record{ms, seq, number, m_aggregation == Aggregation::UniqueCount ? value->text() : QString()});
    }
    return true;
}

void Aggregator::accumulate(State &s, qint64 ms, qint64 seq, const PropertyValue *value, const Decimal &number) const
{
    ++s.count;
    switch (m_aggregation) {
    case Aggregation::Count: break;
    case Aggregation::Sum:
    case Aggregation::Average: s.sum += number; break;
    case Aggregation::Max:
        if (!s.hasValue || number > s.extreme)
            s.extreme = number;
        s.hasValue = true;
        break;
    case Aggregation::Min:
        if (!s.hasValue || number < s.extreme)
            s.extreme = number;
        s.hasValue = true;
        break;
    case Aggregation::UniqueCount: s.distinct.insert(value->text()); break;
    case Aggregation::Latest:
        // Latest by timestamp; at equal timestamps the event fed later wins (file order).
        if (!s.hasValue || ms > s.latestMs || (ms == s.latestMs && seq > s.latestSeq)) {
            s.latest = number;
            s.latestMs = ms;
            s.latestSeq = seq;
        }
        s.hasValue = true;
        break;
    case Aggregation::WeightedSum:
        // A delta at t raises the running total from t to the end of the window, so its share
        // of Σ total × duration is delta × (end − t). Summing that per event gives the same
        // result as walking the events in time order, without needing them sorted.
        s.sum += number;
        s.weighted += number * Decimal(static_cast<long long>(m_endMs - ms));
        break;
    }
}

Decimal Aggregator::result(const State &s, const std::optional<Decimal> &initial) const
{
    switch (m_aggregation) {
    case Aggregation::Count: return Decimal(static_cast<long long>(s.count));
    case Aggregation::Sum: return s.sum;
    case Aggregation::Max:
    case Aggregation::Min: return s.hasValue ? s.extreme : Decimal(0);
    case Aggregation::Average:
        return s.count == 0 ? Decimal(0) : divideWithin(s.sum, Decimal(static_cast<long long>(s.count)), AveragePlaces, Rounding::HalfUp);
    case Aggregation::UniqueCount: return Decimal(static_cast<long long>(s.distinct.size()));
    case Aggregation::Latest: return s.hasValue ? s.latest : Decimal(0);
    case Aggregation::WeightedSum: {
        const qint64 period = m_endMs - m_startMs;
        if (period <= 0)
            return Decimal(0);
        Decimal numerator = s.weighted;
        if (initial)
            numerator += *initial * Decimal(static_cast<long long>(period));
        return divideWithin(numerator, Decimal(static_cast<long long>(period)), WeightedSumPlaces, Rounding::Ceiling);
    }
    }
    return Decimal(0);
}

UsageQuantities Aggregator::finish(const std::optional<Decimal> &initialTotal, const QHash<QStringList, Decimal> &initialGroups) const
{
    const bool weighted = m_aggregation == Aggregation::WeightedSum;
    UsageQuantities usage;
    usage.total = result(m_total, weighted ? initialTotal : std::nullopt);
    usage.groupKeys = m_groupKeys;

    if (!m_groupKeys.isEmpty()) {
        std::vector<qsizetype> order(m_groups.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<qsizetype>(i);
        std::sort(order.begin(), order.end(),
                  [this](qsizetype a, qsizetype b) { return m_groupValues[static_cast<size_t>(a)] < m_groupValues[static_cast<size_t>(b)]; });
        QList<UsageGroup> groups;
        groups.reserve(static_cast<qsizetype>(order.size()) + (weighted ? initialGroups.size() : 0));
        for (const qsizetype i : order) {
            const QStringList &values = m_groupValues[static_cast<size_t>(i)];
            std::optional<Decimal> initial;
            if (weighted && initialGroups.contains(values))
                initial = initialGroups.value(values);
            groups.append(UsageGroup{values, result(m_groups[static_cast<size_t>(i)], initial)});
        }
        if (weighted) {
            // A group with a carried-in total but no event in the window still used capacity.
            bool added = false;
            for (auto it = initialGroups.cbegin(); it != initialGroups.cend(); ++it) {
                if (!m_groupIndex.contains(it.key()) && it.key().size() == m_groupKeys.size()) {
                    groups.append(UsageGroup{it.key(), result(State(), it.value())});
                    added = true;
                }
            }
            if (added) {
                std::sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values < b.values; });
            }
        }
        usage.groups = groups;
    }

    if (m_wantEventValues) {
        usage.hasEventValues = true;
        std::vector<const Record *> sorted;
        sorted.reserve(m_records.size());
        for (const Record &r : m_records)
            sorted.push_back(&r);
        std::sort(sorted.begin(), sorted.end(), [](const Record *a, const Record *b) { return a->ms != b->ms ? a->ms < b->ms : a->seq < b->seq; });
        usage.eventValues.reserve(static_cast<qsizetype>(sorted.size()));
        if (m_aggregation == Aggregation::UniqueCount) {
            // One unit for each event that brings a value not seen before, so that the event
            // values add up to the total.
            QSet<QString> seen;
            for (const Record *r : sorted) {
                if (!seen.contains(r->key)) {
                    seen.insert(r->key);
                    usage.eventValues.append(Decimal(1));
                }
            }
        } else {
            for (const Record *r : sorted)
                usage.eventValues.append(r->value);
        }
    }
    return usage;
}

Decimal Aggregator::closingRunningTotal(const std::optional<Decimal> &initialTotal) const
{
    return initialTotal.value_or(Decimal(0)) + m_total.sum;
}

QHash<QStringList, Decimal> Aggregator::closingGroupRunningTotals(const QHash<QStringList, Decimal> &initialGroups) const
{
    QHash<QStringList, Decimal> closing = initialGroups;
    for (size_t i = 0; i < m_groups.size(); ++i)
        closing[m_groupValues[i]] = initialGroups.value(m_groupValues[i], Decimal(0)) + m_groups[i].sum;
    return closing;
}

UsageQuantities Aggregator::aggregate(const MetricDefinition &metric, const QList<Event> &events, const QDateTime &start, const QDateTime &end,
                                      const QStringList &groupKeys, bool wantEventValues, const std::optional<Decimal> &initialRunningTotal)
{
    Aggregator aggregator(metric, start, end, groupKeys, wantEventValues);
    aggregator.setInitialRunningTotal(initialRunningTotal);
    for (const Event &e : events)
        aggregator.add(e);
    return aggregator.finish();
}

} // namespace orb
