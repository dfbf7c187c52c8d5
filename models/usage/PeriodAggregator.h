// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Usage.h"
#include "engine/metrics/MetricDefinition.h"

#include <QDateTime>
#include <QList>

#include <functional>

namespace orb {

class Database;

/// The usage of one customer and metric in the period.
struct CustomerMetricUsage {
    QString customerId;         ///< resolved Orb id; empty when no customer has the external id yet
    QString externalCustomerId; ///< set when customerId is empty
    QString metricId;
    int metricIndex = 0; ///< the position of the metric in the list given
    UsageQuantities usage;
};

/**
 * The invoice run's aggregation: every customer × every metric over one period [start, end)
 * in a single streaming pass over the period's rows (PERFORMANCE.md: SQLite has no hash
 * aggregation, so one pass into hash maps beats GROUP BY). Memory is bounded by customers ×
 * metrics (plus distinct values for unique_count), never by the number of events; the
 * properties of an event are parsed only when some metric counts its event name.
 * External ids are resolved to customers at aggregation time.
 */
class PeriodAggregator final
{
public:
    PeriodAggregator(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end);

    /// Groups the usage of the metric at `index` by these properties (a price's grouping keys)
    /// and keeps each event's value when asked (per-event price models). The same metric may be
    /// passed twice with different groupings; `sink` then tells them apart by index.
    void setGrouping(int index, const QStringList &groupKeys, bool wantEventValues);

    /// Runs the pass; `sink` gets every non-empty customer × metric usage.
    void run(const std::function<void(const CustomerMetricUsage &)> &sink);
    qint64 rowsScanned() const { return m_rows; }
    /**
     * run() restricted to one customer (its id and its current external id, which may be
     * empty): the same usage run() gives that customer, from that customer's events alone
     * (CustomerPostings), for the reads of one subscription (upcoming invoices, previews).
     */
    void runForCustomer(const QString &customerId, const QString &externalId, const std::function<void(const CustomerMetricUsage &)> &sink);

private:
    Database &m_db;
    QList<MetricDefinition> m_metrics;
    QDateTime m_start;
    QDateTime m_end;
    qint64 m_rows = 0;
    QList<QStringList> m_groupKeys;
    QList<bool> m_eventValues;
};

} // namespace orb
