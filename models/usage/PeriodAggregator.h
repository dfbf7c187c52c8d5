// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Usage.h"
#include "engine/metrics/MetricDefinition.h"

#include <QDateTime>
#include <QList>
#include <QSet>

#include <functional>

struct sqlite3;

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
 *
 * The pass uses two threads: one steps SQLite, the other reads the properties the metrics
 * need (PropertiesJson::extract, no general parse) and aggregates; each group is fed its
 * events in row order, so the results are exactly those of a single-threaded pass.
 */
class PeriodAggregator final
{
public:
    PeriodAggregator(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end);
    /// The same pass over a raw connection (a second, read-only one that the calling thread
    /// owns, so that a run can aggregate while it writes on its main connection).
    PeriodAggregator(sqlite3 *handle, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end);

    /// Groups the usage of the metric at `index` by these properties (a price's grouping keys)
    /// and keeps each event's value when asked (per-event price models). The same metric may be
    /// passed twice with different groupings; `sink` then tells them apart by index.
    void setGrouping(int index, const QStringList &groupKeys, bool wantEventValues);

    /// Aggregates only these customers (Orb ids; their events sent under their external ids
    /// included): the events of others are skipped before their properties are parsed. An
    /// incremental invoice run composes the drafts of a few customers only.
    void restrictToCustomers(const QSet<QString> &customerIds);

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
    sqlite3 *m_handle = nullptr;
    Database *m_server = nullptr; ///< set on a company server: the pass reads its stream instead
    QList<MetricDefinition> m_metrics;
    QDateTime m_start;
    QDateTime m_end;
    qint64 m_rows = 0;
    QList<QStringList> m_groupKeys;
    QList<bool> m_eventValues;
    bool m_restricted = false;
    QSet<QByteArray> m_only; ///< the customer ids asked for, when restricted
};

} // namespace orb
