// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/Usage.h"
#include "engine/metrics/Event.h"
#include "engine/metrics/MetricDefinition.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>
#include <vector>

namespace orb {

/**
 * Aggregates the events of one billable metric over a half-open window [start, end) in one
 * streaming pass: feed events with add() in any order, then call finish(). Nothing but the
 * per-group state is kept (plus one small record per event when event values are wanted), so
 * a caller can stream millions of rows from SQLite through it.
 *
 * An event counts when its name is the metric's event_name, its timestamp is in the window
 * and it passes the filters. For every aggregation but count and unique_count, an event whose
 * property is missing, null or not a number (numeric strings such as "12.5" are numbers) is
 * skipped and counted in skippedEvents(); unique_count skips only missing and null values.
 *
 * Groups: the values of the group keys (the price's keys, else the metric's group_by), ""
 * when a property is absent; each group is aggregated with the metric's own aggregation.
 */
class Aggregator final
{
public:
    /// Places of an average, rounded half-up.
    static constexpr int AveragePlaces = 20;
    /// Places of a weighted sum, rounded up (Lago rounds with ceil(20)).
    static constexpr int WeightedSumPlaces = 20;

    Aggregator(const MetricDefinition &metric, const QDateTime &start, const QDateTime &end, const QStringList &groupKeys = {}, bool wantEventValues = false);

    /// weighted_sum only: the running total carried in from before `start`.
    void setInitialRunningTotal(const std::optional<Decimal> &total) { m_initialTotal = total; }
    /// weighted_sum only: per-group running totals carried in, keyed by group values.
    void setInitialGroupRunningTotals(const QHash<QStringList, Decimal> &totals) { m_initialGroups = totals; }

    /// Feeds one event; returns whether it matched (name, window and filters).
    bool add(const Event &event);

    /// The usage so far. May be called more than once.
    UsageQuantities finish() const { return finish(m_initialTotal, m_initialGroups); }
    /// As finish(), with the given carried-in running totals instead of the stored ones.
    UsageQuantities finish(const std::optional<Decimal> &initialTotal, const QHash<QStringList, Decimal> &initialGroups) const;

    /// weighted_sum: the running total at `end` (initial plus every delta in the window).
    Decimal closingRunningTotal(const std::optional<Decimal> &initialTotal) const;
    /// weighted_sum: per-group running totals at `end`.
    QHash<QStringList, Decimal> closingGroupRunningTotals(const QHash<QStringList, Decimal> &initialGroups) const;

    /// The grouping actually used (the price's keys, else [group_by], else none).
    const QStringList &groupKeys() const { return m_groupKeys; }
    qint64 matchedEvents() const { return m_matched; }
    /// Matching events left out because their property was missing or not numeric.
    qint64 skippedEvents() const { return m_skipped; }

    /// Convenience for events held in memory.
    static UsageQuantities aggregate(const MetricDefinition &metric, const QList<Event> &events, const QDateTime &start, const QDateTime &end,
                                     const QStringList &groupKeys = {}, bool wantEventValues = false, const std::optional<Decimal> &initialRunningTotal = {});

private:
    struct State {
        Decimal sum;      // sum, average, weighted_sum (the deltas)
        Decimal extreme;  // max, min
        Decimal latest;   // latest
        Decimal weighted; // weighted_sum: Σ delta × (end − t) in milliseconds
        QSet<QString> distinct;
        qint64 count = 0;
        qint64 latestMs = 0;
        qint64 latestSeq = -1;
        bool hasValue = false;
    };
    struct Record {
        qint64 ms;
        qint64 seq;
        Decimal value;
        QString key; // unique_count: the distinct value
    };

    void accumulate(State &state, qint64 ms, qint64 seq, const PropertyValue *value, const Decimal &number) const;
    Decimal result(const State &state, const std::optional<Decimal> &initial) const;

    QString m_eventName;
    QString m_property;
    std::optional<MetricFilter> m_filter;
    Aggregation m_aggregation;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QStringList m_groupKeys;
    bool m_wantEventValues = false;

    std::optional<Decimal> m_initialTotal;
    QHash<QStringList, Decimal> m_initialGroups;

    State m_total;
    QHash<QStringList, qsizetype> m_groupIndex;
    std::vector<State> m_groups;
    std::vector<QStringList> m_groupValues;
    QStringList m_scratch; // reused group key, so a known group costs no allocation
    std::vector<Record> m_records;
    qint64 m_matched = 0;
    qint64 m_skipped = 0;
    qint64 m_seq = 0;
};

/// aggregate() as a free function: the metric's usage over [start, end) of events in memory.
inline UsageQuantities aggregate(const MetricDefinition &metric, const QList<Event> &events, const QDateTime &start, const QDateTime &end,
                                 const QStringList &groupKeys = {}, bool wantEventValues = false, const std::optional<Decimal> &initialRunningTotal = {})
{
    return Aggregator::aggregate(metric, events, start, end, groupKeys, wantEventValues, initialRunningTotal);
}

} // namespace orb
