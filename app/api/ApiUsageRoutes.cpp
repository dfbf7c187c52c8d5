// SPDX-License-Identifier: GPL-3.0-or-later
// Orb's usage endpoints: ping, ingest, event backfills.
#include "app/api/ApiIngest.h"

#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"
#include "models/Timestamps.h"
#include "models/CompanyFile.h"
#include "models/api/ApiCreatedOrder.h"
#include "models/api/ApiIngestWriter.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"
#include "models/usage/FastEventParser.h"

#include <QMap>

#include <optional>
#include <thread>

namespace orb::api {

namespace {

/// Orb's limit of events in one ingestion request.
constexpr qsizetype kMaxEventsPerRequest = 500;

ApiResponse ping(ApiContext &)
{
    return ApiResponse::json(QJsonObject{{QStringLiteral("response"), QStringLiteral("pong")}});
}

bool flagSet(const QString &text)
{
    return text == QLatin1String("true") || text == QLatin1String("1");
}

} // namespace

ParsedEvent parseIngestEvent(QByteArrayView text)
{
    ParsedEvent p;
    if (FastEventParser::parse(text, p.row)) {
        p.ok = true;
        p.key = QString::fromUtf8(p.row.idempotencyKey);
        return p;
    }
    JsonParseError error;
    const auto value = JsonReader::parse(text, &error);
    if (value && value->isObject())
        if (const JsonValue *k = value->find(u"idempotency_key"); k && k->isString())
            p.key = k->text();
    const auto event = value ? EventParser::fromJsonValue(*value, &error) : std::nullopt;
    if (!event) {
        p.error = error.toString();
        return p;
    }
    p.ok = true;
    p.row = UsageEventRow::fromEvent(*event);
    return p;
}

IngestPlan planIngest(const ApiContext &ctx)
{
    IngestPlan plan;
    QList<ParsedEvent> &parsed = plan.parsed;
    IngestBodySplit split = splitIngestBody(ctx.request.body);
    if (split.shape == IngestBodyShape::Events) {
        const QList<QByteArrayView> *slices = &split.events;
        if (slices->size() > kMaxEventsPerRequest)
            throw ApiError::validation(
                QStringLiteral("events: %1 events in one request; at most %2").arg(slices->size()).arg(kMaxEventsPerRequest),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("events")}, {QStringLiteral("message"), QStringLiteral("at most 500")}}});
        parsed.resize(slices->size());
        // Parsing is most of a request's work: a second thread takes the first half, as the
        // file import reads on one thread while it writes on the other.
        const qsizetype half = slices->size() >= 64 ? slices->size() / 2 : 0;
        std::thread helper([&] {
            for (qsizetype i = 0; i < half; ++i)
                parsed[i] = parseIngestEvent(slices->at(i));
        });
        for (qsizetype i = half; i < slices->size(); ++i)
            parsed[i] = parseIngestEvent(slices->at(i));
        helper.join();
    } else {
        // Rare shapes and refusals: the full reader names what is wrong, where.
        JsonParseError parseError;
        const auto root = JsonReader::parse(ctx.request.body, &parseError);
        if (!root)
            throw ApiError::badRequest(QStringLiteral("the body is not valid JSON: %1").arg(parseError.toString()));
        if (!root->isObject())
            throw ApiError::badRequest(QStringLiteral("the body must be a JSON object {\"events\": [...]}"));
        const JsonValue *events = root->find(u"events");
        if (!events || !events->isArray())
            throw ApiError::validation(
                QStringLiteral("events: required, a list of events"),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("events")}, {QStringLiteral("message"), QStringLiteral("required list")}}});
        if (events->size() > kMaxEventsPerRequest)
            throw ApiError::validation(
                QStringLiteral("events: %1 events in one request; at most %2").arg(events->size()).arg(kMaxEventsPerRequest),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("events")}, {QStringLiteral("message"), QStringLiteral("at most 500")}}});
        for (qsizetype i = 0; i < root->size(); ++i)
            if (root->keyAt(i) != QLatin1String("events"))
                throw ApiError::validation(QStringLiteral("%1: unknown field (the body is {\"events\": [...]})").arg(root->keyAt(i)));
        for (qsizetype i = 0; i < events->size(); ++i) {
            const JsonValue &e = events->at(i);
            ParsedEvent p;
            if (e.isObject())
                if (const JsonValue *k = e.find(u"idempotency_key"); k && k->isString())
                    p.key = k->text();
            JsonParseError error;
            if (const auto event = EventParser::fromJsonValue(e, &error)) {
                p.ok = true;
                p.row = UsageEventRow::fromEvent(*event);
            } else {
                p.error = error.toString();
            }
            parsed.append(p);
        }
    }

    plan.debug = flagSet(ctx.query(QStringLiteral("debug")));
    plan.backfillId = ctx.query(QStringLiteral("backfill_id"));
    for (qsizetype i = 0; i < parsed.size(); ++i)
        if (parsed[i].ok)
            plan.rows.append(parsed[i].row);
    return plan;
}

ApiResponse answerIngest(const IngestPlan &plan, const QList<IngestResult> &results)
{
    const QList<ParsedEvent> &parsed = plan.parsed;
    QMap<qsizetype, QJsonObject> failedAt; // by position in the request, so they are listed in its order
    auto fail = [&](qsizetype at, const QString &key, const QString &why) {
        failedAt.insert(at, QJsonObject{{QStringLiteral("idempotency_key"), key}, {QStringLiteral("validation_errors"), QJsonArray{why}}});
    };
    QJsonArray ingested;
    QJsonArray duplicate;
    qsizetype next = 0; // the result of the next valid event
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        if (!parsed[i].ok) {
            fail(i, parsed[i].key, QStringLiteral("events[%1]: %2").arg(i).arg(parsed[i].error));
            continue;
        }
        const IngestResult &r = results.at(next++);
        switch (r.outcome) {
        // The debug lists only when asked for: 500 keys into QJson and out again per request
        // are a measurable part of an ingestion request.
        case IngestOutcome::Accepted:
            if (plan.debug)
                ingested.append(parsed[i].key);
            break;
        case IngestOutcome::Duplicate:
            if (plan.debug)
                duplicate.append(parsed[i].key);
            break;
        case IngestOutcome::Rejected: fail(i, parsed[i].key, QStringLiteral("events[%1]: %2").arg(i).arg(r.reason)); break;
        }
    }
    if (failedAt.isEmpty() && !plan.debug) {
        // The common answer, always the same bytes.
        static const QByteArray kAllIngested = QByteArrayLiteral(R"({"debug":null,"validation_failed":[]})");
        return ApiResponse{200, kAllIngested, {}};
    }
    QJsonArray failed;
    for (const QJsonObject &f : std::as_const(failedAt))
        failed.append(f);
    QJsonObject out{{QStringLiteral("validation_failed"), failed},
                    {QStringLiteral("debug"), plan.debug
                                                  ? QJsonValue(QJsonObject{{QStringLiteral("duplicate"), duplicate}, {QStringLiteral("ingested"), ingested}})
                                                  : QJsonValue(QJsonValue::Null)}};
    if (failed.isEmpty())
        return ApiResponse::json(out);
    // Orb's error object beside Orb's ingestion answer: the events that passed are stored.
    out.insert(QStringLiteral("type"), QStringLiteral("https://docs.withorb.com/reference/error-responses#400-request-validation-errors"));
    out.insert(QStringLiteral("status"), 400);
    out.insert(QStringLiteral("title"), QStringLiteral("Request validation error"));
    out.insert(QStringLiteral("detail"), QStringLiteral("%1 of %2 events failed validation; the others were ingested").arg(failed.size()).arg(parsed.size()));
    out.insert(QStringLiteral("validation_errors"), failed);
    return ApiResponse::json(out, 400);
}

namespace {

ApiResponse ingest(ApiContext &ctx)
{
    const IngestPlan plan = planIngest(ctx);
    const QList<IngestResult> results = plan.rows.isEmpty() ? QList<IngestResult>() : ctx.ingestWriter.ingest(plan.rows, plan.backfillId);
    return answerIngest(plan, results);
}

/// A backfill's timeframe bound: Orb's type is an ISO 8601 date-time (RFC 3339: a date, a
/// time and a zone, `Z` or an offset; fractions of a second beyond milliseconds are cut).
/// A plain date or a time without a zone names no instant and is refused, as Orb refuses
/// what is not a date-time, with what was sent and what is expected.
QDateTime requiredTimestamp(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    const auto refuse = [&](const QString &why) {
        return ApiError::validation(
            QStringLiteral("%1: %2; send an ISO 8601 date-time with a zone, e.g. 2026-03-01T00:00:00Z").arg(field, why),
            {QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("message"), QStringLiteral("ISO 8601 date-time with a zone")}}});
    };
    if (v.isUndefined() || v.isNull())
        throw refuse(QStringLiteral("required"));
    if (!v.isString())
        throw refuse(QStringLiteral("must be a string"));
    const QString text = v.toString().trimmed();
    const QDateTime t = parseTimestampWithZone(text);
    if (t.isValid())
        return t;
    if (QDate::fromString(text, Qt::ISODate).isValid() && text.size() == 10)
        throw refuse(QStringLiteral("\"%1\" is a date, not a date-time").arg(text));
    if (QDateTime::fromString(text, Qt::ISODateWithMs).isValid())
        throw refuse(QStringLiteral("\"%1\" has no zone").arg(text));
    throw refuse(QStringLiteral("\"%1\" is not a date-time").arg(text));
}

/// Orb's default limit on a backfill's timeframe.
constexpr qint64 kMaxBackfillDays = 31;

ApiResponse createBackfill(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    const QDateTime start = requiredTimestamp(body, QStringLiteral("timeframe_start"));
    const QDateTime end = requiredTimestamp(body, QStringLiteral("timeframe_end"));
    if (start < end && start.secsTo(end) > kMaxBackfillDays * 24 * 3600)
        throw ApiError::validation(QStringLiteral("timeframe_start to timeframe_end: %1 days; a backfill covers at most %2 days (Orb's limit): split it")
                                       .arg(QString::number(double(start.secsTo(end)) / 86400.0, 'f', 1))
                                       .arg(kMaxBackfillDays),
                                   {QJsonObject{{QStringLiteral("field"), QStringLiteral("timeframe_end")},
                                                {QStringLiteral("message"), QStringLiteral("at most 31 days after timeframe_start")}}});
    QString customer = body.value(QStringLiteral("customer_id")).toString();
    const QString external = body.value(QStringLiteral("external_customer_id")).toString();
    if (!customer.isEmpty() && !external.isEmpty())
        throw ApiError::validation(QStringLiteral("customer_id and external_customer_id: give at most one"));
    if (customer.isEmpty())
        customer = external;
    for (const char *unsupported : {"close_time", "deprecation_filter"})
        if (!body.value(QLatin1String(unsupported)).isNull() && !body.value(QLatin1String(unsupported)).isUndefined())
            throw ApiError::validation(
                QStringLiteral("%1: not supported by this server (close the backfill with POST .../close)").arg(QLatin1String(unsupported)));
    const Backfill b =
        BackfillService(ctx.company, ctx.clock).create(start, end, customer, body.value(QStringLiteral("replace_existing_events")).toBool(false));
    return ApiResponse::json(b.toJson());
}

ApiResponse listBackfills(ApiContext &ctx)
{
    // Orb lists the most recently created first: by keyset in SQL, as every large list.
    const int limit = ctx.limit();
    std::optional<CreatedKey> after;
    if (const QString c = ctx.query(QStringLiteral("cursor")); !c.isEmpty()) {
        after = ApiCreatedOrder::parseCursor(ApiCreatedOrder::Table::Backfills, c);
        if (!after)
            throw ApiError::validation(
                QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page of this list").arg(c),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    }
    const QList<CreatedKey> keys = ApiCreatedOrder::keys(ctx.company.db(), ApiCreatedOrder::Table::Backfills, {}, {}, after, limit + 1);
    const bool hasMore = keys.size() > limit;
    BackfillService service(ctx.company, ctx.clock);
    QJsonArray data;
    for (qsizetype i = 0; i < std::min<qsizetype>(keys.size(), limit); ++i)
        data.append(service.get(keys[i].id).toJson());
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination_metadata"),
         QJsonObject{{QStringLiteral("has_more"), hasMore},
                     {QStringLiteral("next_cursor"),
                      hasMore ? QJsonValue(ApiCreatedOrder::cursor(ApiCreatedOrder::Table::Backfills, keys[limit - 1])) : QJsonValue(QJsonValue::Null)}}}});
}

ApiResponse fetchBackfill(ApiContext &ctx)
{
    return ApiResponse::json(BackfillService(ctx.company, ctx.clock).get(ctx.params[0]).toJson());
}

ApiResponse closeBackfill(ApiContext &ctx)
{
    return ApiResponse::json(BackfillService(ctx.company, ctx.clock).close(ctx.params[0]).toJson());
}

ApiResponse revertBackfill(ApiContext &ctx)
{
    return ApiResponse::json(BackfillService(ctx.company, ctx.clock).revert(ctx.params[0]).toJson());
}

} // namespace

QList<Route> usageRoutes()
{
    return {
        {"GET", QStringLiteral("/v1/ping"), Access::Ingest, &ping},
        {"POST", QStringLiteral("/v1/ingest"), Access::Ingest, &ingest},
        {"POST", QStringLiteral("/v1/events/backfills"), Access::Billing, &createBackfill},
        {"GET", QStringLiteral("/v1/events/backfills"), Access::Billing, &listBackfills},
        {"GET", QStringLiteral("/v1/events/backfills/{id}"), Access::Billing, &fetchBackfill},
        {"POST", QStringLiteral("/v1/events/backfills/{id}/close"), Access::Billing, &closeBackfill},
        {"POST", QStringLiteral("/v1/events/backfills/{id}/revert"), Access::Billing, &revertBackfill},
    };
}

} // namespace orb::api
