// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageQueryService.h"

#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/catalog/MetricRepository.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/PropertiesJson.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace orb {

UsageQueryService::UsageQueryService(CompanyFile &file) : m_db(file.db()) {}

QDateTime UsageQueryService::parseBound(const QString &text, const QTimeZone &zone)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10) {
        // Where a zone skips midnight, the day starts at its first existing instant.
        for (int minutes = 0; minutes <= 180; minutes += 30) {
            const QDateTime t(date, QTime(0, 0).addSecs(minutes * 60), zone);
            if (t.isValid() && t.time() == QTime(0, 0).addSecs(minutes * 60))
                return t.toUTC();
        }
        return {};
    }
    return parseTimestampWithZone(text);
}

std::pair<Customer, MetricDefinition> UsageQueryService::resolve(const UsageRequest &r) const
{
    const auto customer = CustomerRepository(m_db).resolve(r.customer);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("--customer: no customer \"%1\"").arg(r.customer));
    const auto metric = MetricRepository(m_db).resolve(r.metric);
    if (!metric)
        throw ServiceError::notFound(QStringLiteral("--metric: no billable metric \"%1\"").arg(r.metric));
    if (!r.start.isValid() || !r.end.isValid() || r.start >= r.end)
        throw ServiceError::invalid(QStringLiteral("--from must be before --to"));
    return {*customer, *metric};
}

void UsageQueryService::check(const UsageRequest &request) const
{
    resolve(request);
}

UsageReport UsageQueryService::usage(const UsageRequest &r) const
{
    UsageReport report;
    const auto [customer, metric] = resolve(r);
    report.customer = customer;
    report.metric = metric;
    const QTimeZone zone(customer.timezone.toUtf8());
    QList<TimeBucket> buckets;
    if (r.granularity)
        buckets = TimeBuckets::split(r.start, r.end, *r.granularity, zone);
    else
        buckets.append({r.start.toTimeZone(zone).date(), r.start.toUTC(), r.end.toUTC()});
    const QStringList groupKeys = r.groupBy.isEmpty() ? QStringList() : QStringList{r.groupBy};
    BucketedAggregator aggregator(metric, buckets, groupKeys);

    // The customer's own events (CustomerPostings), in seq order: ingestion order decides
    // `latest` between events of the same instant. An event counts when it names the customer
    // by id or by its current external id.
    const QByteArray id = customer.id.toUtf8();
    const QByteArray external = customer.externalCustomerId.toUtf8();
    const QByteArray eventName = metric.eventName().toUtf8();
    const std::vector<CustomerEventRow> rows = CustomerPostings::eventsIn(m_db, id, external, r.start.toMSecsSinceEpoch(), r.end.toMSecsSinceEpoch());
    Event e;
    e.eventName = metric.eventName();
    e.customerId = customer.id;
    QHash<QByteArray, QString> names;
    for (const CustomerEventRow &row : rows) {
        if (row.status != 0 || row.eventName != eventName || (row.customerId != id && (external.isEmpty() || row.externalCustomerId != external)))
            continue;
        e.timestamp = QDateTime::fromMSecsSinceEpoch(row.tsMs, Qt::UTC);
        PropertiesJson::parse(row.properties, e.properties, &names);
        if (aggregator.add(e))
            ++report.matchedEvents;
    }
    report.buckets = aggregator.finish();
    return report;
}

QJsonObject UsageReport::toJson() const
{
    QJsonArray data;
    for (const BucketUsage &b : buckets) {
        QJsonArray groups;
        for (const UsageGroup &g : b.usage.groups) {
            QJsonObject values;
            for (qsizetype i = 0; i < b.usage.groupKeys.size(); ++i)
                values.insert(b.usage.groupKeys[i], g.values.value(i));
            groups.append(QJsonObject{{QStringLiteral("group"), values}, {QStringLiteral("quantity"), g.quantity.toString()}});
        }
        QJsonObject row{{QStringLiteral("timeframe_start"), toApiTimestamp(b.bucket.start)},
                        {QStringLiteral("timeframe_end"), toApiTimestamp(b.bucket.end)},
                        {QStringLiteral("quantity"), b.usage.total.toString()}};
        if (!b.usage.groupKeys.isEmpty())
            row.insert(QStringLiteral("groups"), groups);
        data.append(row);
    }
    return {{QStringLiteral("customer_id"), customer.id},
            {QStringLiteral("external_customer_id"), customer.externalCustomerId},
            {QStringLiteral("metric_id"), metric.id()},
            {QStringLiteral("metric_name"), metric.name()},
            {QStringLiteral("timeframe_start"), buckets.isEmpty() ? QString() : toApiTimestamp(buckets.first().bucket.start)},
            {QStringLiteral("timeframe_end"), buckets.isEmpty() ? QString() : toApiTimestamp(buckets.last().bucket.end)},
            {QStringLiteral("data"), data}};
}

} // namespace orb
