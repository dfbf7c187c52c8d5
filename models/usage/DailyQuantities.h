// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/metrics/MetricDefinition.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace orb {

class Database;

/**
 * The quantity in force on each day of a period, for the price models that prorate by the days
 * a quantity was in force (*_with_proration): for a customer and metric, the metric aggregated
 * over [period start, end of day k) for every day k, in one pass over the period's events.
 * Each requested day gets its own aggregator, so every aggregation (latest, max, sum, ...)
 * keeps its exact meaning; memory is bounded by customers requested × days.
 */
class DailyQuantities final
{
public:
    DailyQuantities(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end);

    /// Asks for the customer's running totals of the metric at `index` at each of `dayEnds`
    /// (UTC instants in (start, end], ascending).
    void request(const QString &customerId, int index, const QList<QDateTime> &dayEnds);
    /// Runs the pass. Result: key(customer, index) → the total at each day end.
    QHash<QString, QList<Decimal>> run();
    static QString key(const QString &customerId, int index) { return customerId + QLatin1Char('|') + QString::number(index); }

private:
    struct Request {
        QString customerId;
        int index = 0;
        QList<QDateTime> dayEnds;
    };
    Database &m_db;
    QList<MetricDefinition> m_metrics;
    QDateTime m_start;
    QDateTime m_end;
    QList<Request> m_requests;
};

} // namespace orb
