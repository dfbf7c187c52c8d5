// SPDX-License-Identifier: GPL-3.0-or-later
// Usage events as Stripe Billing Meter events: one meter per billable metric, one meter event
// per matching usage event and metric.
#include "sync/StripeSync.h"

#include "engine/Clock.h"
#include "engine/metrics/MetricDefinition.h"
#include "models/Database.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/catalog/MetricRepository.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "models/usage/UsageEventRow.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace orb {

namespace {

const QString MeterType = QStringLiteral("meter");
constexpr qint64 WindowSeconds = 35 * 24 * 3600;
// Leave a margin so an event does not age out between this check and Stripe's.
constexpr qint64 WindowMarginSeconds = 3600;
constexpr qint64 FutureSeconds = 5 * 60;
constexpr int Chunk = 500;
constexpr int LoggedRefusals = 50;
constexpr int ProgressEvery = 25;

/// Stripe's aggregation formula for an Orb aggregation; empty when Stripe's meters cannot
/// express it (max, min, average, unique_count, weighted_sum are computed by Orb only).
QString formulaFor(Aggregation a)
{
    switch (a) {
    case Aggregation::Count:
        return QStringLiteral("count");
    case Aggregation::Sum:
        return QStringLiteral("sum");
    case Aggregation::Latest:
        return QStringLiteral("last");
    default:
        return {};
    }
}

/// The meter event's identifier: the usage event's idempotency key when it fits (and only one
/// metric reads the event), else a digest of the key and the metric, stable across runs.
QString identifierFor(const QByteArray &key, const QString &metricName, bool alone)
{
    if (alone && key.size() <= 100)
        return QString::fromUtf8(key);
    return QStringLiteral("orb_") + QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(key + '\n' + metricName.toUtf8()), QCryptographicHash::Sha256).toHex().left(64));
}

} // namespace

std::optional<QString> StripeSync::ensureMeter(const QString &metricId, const QString &metricName, const QString &formula,
                                               SyncRunSummary &summary, StripeError *error)
{
    StripeIdMap ids(m_db);
    if (auto id = ids.stripeId(MeterType, metricId))
        return id;
    // A meter for this event name may exist already (made by hand, or by a run that stopped
    // before it stored the id): adopt it rather than create a second one.
    QString after;
    for (;;) {
        FormParams q;
        q.add(QStringLiteral("limit"), QStringLiteral("100")).add(QStringLiteral("status"), QStringLiteral("active"));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_client.get(QStringLiteral("/v1/billing/meters"), q);
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok()) {
            *error = r.error;
            return std::nullopt;
        }
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject m = v.toObject();
            if (m.value(QLatin1String("event_name")).toString() == metricName) {
                const QString id = m.value(QLatin1String("id")).toString();
                ids.set(MeterType, metricId, id);
                return id;
            }
        }
        if (data.isEmpty() || !r.response.json.value(QLatin1String("has_more")).toBool())
            break;
        after = data.last().toObject().value(QLatin1String("id")).toString();
    }
    FormParams p;
    p.add(QStringLiteral("display_name"), metricName)
        .add(QStringLiteral("event_name"), metricName)
        .addNested(QStringLiteral("default_aggregation"), QStringLiteral("formula"), formula)
        .addNested(QStringLiteral("customer_mapping"), QStringLiteral("event_payload_key"), QStringLiteral("stripe_customer_id"))
        .addNested(QStringLiteral("customer_mapping"), QStringLiteral("type"), QStringLiteral("by_id"))
        .addNested(QStringLiteral("value_settings"), QStringLiteral("event_payload_key"), QStringLiteral("value"));
    const StripeResult r = m_client.post(QStringLiteral("/v1/billing/meters"), p, QStringLiteral("orb-meter-") + metricId);
    summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    const QString id = r.response.json.value(QLatin1String("id")).toString();
    ids.set(MeterType, metricId, id);
    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("info"), QStringLiteral("push"), 0, {}, {}, id,
                       QStringLiteral("meter %1 created for metric %2 (%3)").arg(id, metricName, formula)});
    return id;
}

bool StripeSync::originalMayBeInStripe(qint64 originalSeq, qint64 amendedAtMs) const
{
    // The original went to Stripe if the item holding it got past it before the amendment;
    // an item that reached it only later found it superseded and skipped it. When unsure
    // (an item still under way), say yes: a refusal is reported, a double count is not.
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT progress, done_at FROM sync_outbox WHERE object_type = 'usage_range' "
                                           "AND CAST(substr(object_id, 1, instr(object_id, '-') - 1) AS INTEGER) <= ? "
                                           "AND CAST(substr(object_id, instr(object_id, '-') + 1) AS INTEGER) >= ?"),
                            {originalSeq, originalSeq});
    while (q.next()) {
        if (q.value(0).toLongLong() < originalSeq)
            continue;
        const QDateTime doneAt = fromIsoUtc(q.value(1).toString());
        if (!doneAt.isValid() || doneAt.toMSecsSinceEpoch() <= amendedAtMs)
            return true;
    }
    return false;
}

StripeSync::Outcome StripeSync::pushUsage(const OutboxItem &item, SyncRunSummary &summary)
{
    const qsizetype dash = item.objectId.indexOf(QLatin1Char('-'));
    const qint64 first = item.objectId.left(dash).toLongLong();
    const qint64 last = item.objectId.mid(dash + 1).toLongLong();
    Outbox outbox(m_db);
    SyncLog log(m_db);
    MetricRepository metrics(m_db);
    StripeIdMap ids(m_db);
    QHash<QString, QList<MetricDefinition>> metricsByEvent;
    // Refusals are counted across runs: a run that stops midway leaves its count behind.
    SyncState state(m_db);
    const QString refusedKey = QStringLiteral("usage_refused_%1").arg(item.id);
    int refused = state.get(refusedKey, QStringLiteral("0")).toInt();
    int sinceSaved = 0;
    qint64 lastDone = item.progress; // the last event fully handled
    auto stopHere = [&](Outcome o) {
        if (lastDone > item.progress)
            outbox.setProgress(item.id, lastDone);
        state.set(refusedKey, QString::number(refused));
        return o;
    };
    qint64 next = std::max(first, item.progress + 1);
    const qint64 nowS = m_clock.now().toSecsSinceEpoch();
    while (next <= last) {
        if (cancelled())
            return stopHere(Outcome::Offline);
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, amends, ingested_at "
                                               "FROM usage_events WHERE seq BETWEEN ? AND ? ORDER BY seq LIMIT ?"),
                                {next, last, Chunk});
        struct Row {
            qint64 seq;
            UsageEventRow row;
            int status;
            qint64 amends;
            qint64 ingestedAtMs;
        };
        QList<Row> rows;
        while (q.next()) {
            Row r;
            r.seq = q.value(0).toLongLong();
            r.row.idempotencyKey = q.value(1).toByteArray();
            r.row.eventName = q.value(2).toByteArray();
            r.row.tsMs = q.value(3).toLongLong();
            r.row.customerId = q.value(4).toByteArray();
            r.row.externalCustomerId = q.value(5).toByteArray();
            r.row.properties = q.value(6).toByteArray();
            r.status = q.value(7).toInt();
            r.amends = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
            r.ingestedAtMs = q.value(9).toLongLong();
            rows.append(r);
        }
        q.finish();
        if (rows.isEmpty())
            break;
        for (const Row &r : rows) {
            progress(QStringLiteral("Sending usage"), int(r.seq - first), int(last - first + 1));
            // Only events that count now; a later amendment is a new row with its own seq.
            if (r.status != int(UsageEventStatus::Active)) {
                lastDone = r.seq;
                continue;
            }
            const QString eventName = QString::fromUtf8(r.row.eventName);
            if (!metricsByEvent.contains(eventName))
                metricsByEvent.insert(eventName, metrics.forEventName(eventName));
            const QList<MetricDefinition> &forEvent = metricsByEvent[eventName];
            const Event event = r.row.toEvent();
            QString customerId = QString::fromUtf8(r.row.customerId);
            if (customerId.isEmpty() && !r.row.externalCustomerId.isEmpty())
                customerId = m_db.scalar(QStringLiteral("SELECT id FROM customers WHERE external_customer_id = ?"),
                                         {QString::fromUtf8(r.row.externalCustomerId)}).toString();
            for (const MetricDefinition &metric : forEvent) {
                if (metric.filter() && !metric.filter()->matches(event))
                    continue;
                const QString formula = formulaFor(metric.aggregation());
                const QString key = QString::fromUtf8(r.row.idempotencyKey);
                auto refuse = [&](const QString &why, const QString &kind) {
                    // Each refusal is logged, up to a limit per item; the summary counts them all.
                    if (++refused <= LoggedRefusals)
                        log.add({0, m_clock.now(), QStringLiteral("error"), kind, item.id, {}, {}, {},
                                 QStringLiteral("usage event %1 (metric %2) not sent: %3").arg(key, metric.name(), why)});
                };
                if (formula.isEmpty()) {
                    if (!m_unsupportedMetrics.contains(metric.id())) {
                        m_unsupportedMetrics.insert(metric.id());
                        log.add({0, m_clock.now(), QStringLiteral("warning"), QStringLiteral("push"), item.id, {}, {}, {},
                                 QStringLiteral("metric %1 aggregates by %2, which Stripe meters cannot express; its usage is billed by Orb only")
                                     .arg(metric.name(), MetricDefinition::aggregationName(metric.aggregation()))});
                    }
                    continue;
                }
                QString value = QStringLiteral("1");
                if (metric.aggregation() != Aggregation::Count) {
                    const PropertyValue *v = event.property(metric.property());
                    if (!v || !v->asDecimal()) {
                        refuse(QStringLiteral("property \"%1\" is missing or not a number").arg(metric.property()), QStringLiteral("push"));
                        continue;
                    }
                    value = v->asDecimal()->toString();
                }
                const qint64 ts = r.row.tsMs / 1000;
                if (ts < nowS - WindowSeconds + WindowMarginSeconds) {
                    refuse(QStringLiteral("its timestamp %1 is outside Stripe's 35-day window").arg(toApiTimestamp(QDateTime::fromSecsSinceEpoch(ts, Qt::UTC))),
                           QStringLiteral("usage_window"));
                    continue;
                }
                if (ts > nowS + FutureSeconds) {
                    refuse(QStringLiteral("its timestamp %1 is more than 5 minutes in the future").arg(toApiTimestamp(QDateTime::fromSecsSinceEpoch(ts, Qt::UTC))),
                           QStringLiteral("usage_window"));
                    continue;
                }
                if (r.amends > 0 && originalMayBeInStripe(r.amends, r.ingestedAtMs)) {
                    // The version it replaces was queued earlier and may be in Stripe already;
                    // meter events cannot be changed, so sending this one could count twice.
                    refuse(QStringLiteral("it amends an event already queued for Stripe (meter events cannot be changed; correct it in Stripe)"),
                           QStringLiteral("push"));
                    continue;
                }
                if (customerId.isEmpty()) {
                    refuse(QStringLiteral("its customer is not known to Orb"), QStringLiteral("push"));
                    continue;
                }
                StripeError error;
                const auto stripeCustomer = ensureCustomer(customerId, summary, &error);
                if (!stripeCustomer) {
                    if (error.retryable)
                        return stopHere(failOrWait(item, error, summary));
                    refuse(error.describe(), QStringLiteral("push"));
                    continue;
                }
                if (!ensureMeter(metric.id(), metric.name(), formula, summary, &error))
                    return stopHere(failOrWait(item, error, summary));
                FormParams p;
                p.add(QStringLiteral("event_name"), metric.name())
                    .add(QStringLiteral("identifier"), identifierFor(r.row.idempotencyKey, metric.name(), forEvent.size() == 1))
                    .add(QStringLiteral("timestamp"), QString::number(ts))
                    .addNested(QStringLiteral("payload"), QStringLiteral("stripe_customer_id"), *stripeCustomer)
                    .addNested(QStringLiteral("payload"), QStringLiteral("value"), value);
                const StripeResult res = m_client.post(QStringLiteral("/v1/billing/meter_events"), p,
                                                       item.idempotencyKey(QStringLiteral("mev-%1-%2").arg(r.seq).arg(metric.id())));
                summary.requests += res.ok() ? res.response.attempts : res.error.attempts;
                // Stripe already has an event with this identifier: it was sent before.
                if (!res.ok() && res.error.code != QLatin1String("duplicate_meter_event")) {
                    if (res.error.retryable || res.error.kind == StripeError::Kind::Authentication)
                        return stopHere(failOrWait(item, res.error, summary));
                    refuse(res.error.describe(), QStringLiteral("push"));
                }
            }
            // Progress is committed every few events rather than after each: a commit costs an
            // fsync, and after a crash the few events since are sent again with the same keys,
            // which Stripe answers from its idempotency store.
            lastDone = r.seq;
            if (++sinceSaved >= ProgressEvery) {
                outbox.setProgress(item.id, r.seq);
                sinceSaved = 0;
            }
        }
        next = rows.last().seq + 1;
        outbox.setProgress(item.id, rows.last().seq);
        sinceSaved = 0;
    }
    UnitOfWork uow(m_db);
    m_db.exec(QStringLiteral("DELETE FROM sync_state WHERE key = ?"), {refusedKey});
    if (refused > 0) {
        // Reported, never dropped in silence: the item stays failed until the user skips it.
        const QString message = QStringLiteral("%1 usage event(s) were not sent to Stripe (see the sync log%2)")
                                    .arg(refused)
                                    .arg(refused > LoggedRefusals ? QStringLiteral(", which lists the first %1").arg(LoggedRefusals) : QString());
        log.add({0, m_clock.now(), QStringLiteral("error"), QStringLiteral("push"), item.id, {}, {}, {},
                 QStringLiteral("usage %1: %2").arg(item.objectId, message)});
        outbox.markFailed(item.id, message, m_clock.now());
        ++summary.failed;
    } else {
        outbox.markDone(item.id, m_clock.now());
        ++summary.pushed;
    }
    uow.commit();
    return refused > 0 ? Outcome::Failed : Outcome::Done;
}

} // namespace orb
