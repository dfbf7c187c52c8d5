// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "engine/metrics/BucketedAggregator.h"
#include "engine/metrics/MetricDefinition.h"

#include <QJsonObject>
#include <QTimeZone>

#include <optional>
#include <utility>

namespace orb {

class CompanyFile;
class Database;

/// What `orbctl usage` asks: one customer, one metric, [start, end).
struct UsageRequest {
    QString customer; ///< id or external id
    QString metric;   ///< id or name
    QDateTime start;
    QDateTime end;
    std::optional<BucketSize> granularity; ///< none: one bucket for the whole window
    QString groupBy;                       ///< overrides the metric's group_by
};

struct UsageReport {
    Customer customer;
    MetricDefinition metric;
    QList<BucketUsage> buckets;
    qint64 matchedEvents = 0;

    /// {"customer_id", "metric_id", "timeframe_start", "timeframe_end", "data": [{timeframe_start,
    /// timeframe_end, quantity, groups: [{group: {key: value}, quantity}]}]}
    QJsonObject toJson() const;
};

/**
 * Usage of one customer and metric, optionally per day / week / month at the customer's local
 * midnight. Events submitted with either the customer's id or its external id count (external
 * ids are resolved now, so events that arrived before their customer count too). Only active
 * events count: not superseded, deprecated, pending in a backfill, replaced or discarded.
 */
class UsageQueryService final
{
public:
    explicit UsageQueryService(CompanyFile &file);
    /// On any connection to the company file (a BackgroundReader's, say): it only reads.
    explicit UsageQueryService(const Database &db) : m_db(db) {}

    UsageReport usage(const UsageRequest &request) const;
    /// The checks usage() makes before it scans (customer, metric, period), without the scan:
    /// cheap enough for the window's thread, so a bad request is refused at once. Throws as
    /// usage() does.
    void check(const UsageRequest &request) const;

    /// A bound given on the command line: an ISO 8601 timestamp with a zone, or a date
    /// (2026-03-01), meaning the start of that day in `zone`. Invalid when neither.
    static QDateTime parseBound(const QString &text, const QTimeZone &zone);

private:
    /// The request's customer and metric; throws NotFound or InvalidInput.
    std::pair<Customer, MetricDefinition> resolve(const UsageRequest &request) const;

    const Database &m_db;
};

} // namespace orb
