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

    /// Runs the pass; `sink` gets every non-empty customer × metric usage.
    void run(const std::function<void(const CustomerMetricUsage &)> &sink);
    qint64 rowsScanned() const { return m_rows; }

private:
    Database &m_db;
    QList<MetricDefinition> m_metrics;
    QDateTime m_start;
    QDateTime m_end;
    qint64 m_rows = 0;
};

} // namespace orb
