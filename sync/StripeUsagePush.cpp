// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeUsagePush.h"

#include "engine/Clock.h"
#include "engine/metrics/MetricDefinition.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"
#include "models/catalog/MetricRepository.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncState.h"
#include "models/usage/QueuedUsageReader.h"
#include "sync/StripeCustomerPush.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMap>

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
    case Aggregation::Count: return QStringLiteral("count");
    case Aggregation::Sum: return QStringLiteral("sum");
    case Aggregation::Latest: return QStringLiteral("last");
    default: return {};
    }
}

/// The meter event's identifier: the usage event's idempotency key when it fits (and only one
/// metric reads the event), else a digest of the key and the metric, stable across runs.
QString identifierFor(const QByteArray &key, const QString &metricName, bool alone)
{
    if (alone && key.size() <= 100)
        return QString::fromUtf8(key);
    return QStringLiteral("orb_")
           + QString::fromLatin1(QCryptographicHash::hash(QByteArray(key + '\n' + metricName.toUtf8()), QCryptographicHash::Sha256).toHex().left(64));
}

/// The value one event adds to a metric's meter, or nothing when the event does not count
/// for it (another filter) or has no usable value.
std::optional<QString> meterValue(const MetricDefinition &metric, const Event &event, bool *missingProperty)
{
    *missingProperty = false;
    if (metric.filter() && !metric.filter()->matches(event))
        return std::nullopt;
    if (metric.aggregation() == Aggregation::Count)
        return QStringLiteral("1");
    const PropertyValue *v = event.property(metric.property());
    if (!v || !v->asDecimal()) {
        *missingProperty = true;
        return std::nullopt;
    }
    return v->asDecimal()->toString();
}

QString inflightKey(const OutboxItem &item)
{
    return QStringLiteral("usage_inflight_%1").arg(item.id);
}

} // namespace

std::optional<QString> StripeUsagePush::ensureMeter(const QString &metricId, const QString &metricName, const QString &formula, SyncRunSummary &summary,
                                                    StripeError *error)
{
    if (auto id = StripeIdMap(m_ctx.db).stripeId(MeterType, metricId))
        return id;
    // A meter for this event name may exist already (made by hand, or by a run that stopped
    // before it stored the id): adopt it rather than create a second one.
    QString after;
    for (;;) {
        FormParams q;
        q.add(QStringLiteral("limit"), QStringLiteral("100")).add(QStringLiteral("status"), QStringLiteral("active"));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/billing/meters"), q);
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            *error = r.error;
            return std::nullopt;
        }
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject m = v.toObject();
            if (m.value(QLatin1String("event_name")).toString() == metricName) {
                const QString id = m.value(QLatin1String("id")).toString();
                m_ctx.journal.map(MeterType, metricId, id);
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
    const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/billing/meters"), p, QStringLiteral("orb-meter-") + metricId);
    StripeSyncContext::count(summary, r);
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    const QString id = r.response.json.value(QLatin1String("id")).toString();
    m_ctx.journal.map(MeterType, metricId, id);
    m_ctx.journal.log(QStringLiteral("info"), QStringLiteral("push"), 0, id,
                      QStringLiteral("meter %1 created for metric %2 (%3)").arg(id, metricName, formula));
    return id;
}

StripeUsagePush::Prepared StripeUsagePush::prepare(const OutboxItem &item, const QueuedUsageEvent &r, const MetricDefinition &metric, bool alone,
                                                   SyncRunSummary &summary, Send *send, QString *why, PushOutcome *stop)
{
    const QString formula = formulaFor(metric.aggregation());
    const Event event = r.row.toEvent();
    bool missingProperty = false;
    const auto value = meterValue(metric, event, &missingProperty);
    if (!value && !missingProperty)
        return Prepared::Skip; // the metric's filter leaves the event out
    if (formula.isEmpty()) {
        if (!m_unsupportedMetrics.contains(metric.id())) {
            m_unsupportedMetrics.insert(metric.id());
            m_ctx.journal.log(QStringLiteral("warning"), QStringLiteral("push"), item.id, {},
                              QStringLiteral("metric %1 aggregates by %2, which Stripe meters cannot express; its usage is billed by Orb only")
                                  .arg(metric.name(), MetricDefinition::aggregationName(metric.aggregation())));
        }
        return Prepared::Skip;
    }
    if (!value) {
        *why = QStringLiteral("property \"%1\" is missing or not a number").arg(metric.property());
        return Prepared::Refused;
    }
    const qint64 nowS = m_ctx.clock.now().toSecsSinceEpoch();
    const qint64 ts = r.row.tsMs / 1000;
    if (ts < nowS - WindowSeconds + WindowMarginSeconds) {
        *why = QStringLiteral("its timestamp %1 is outside Stripe's 35-day window").arg(toApiTimestamp(QDateTime::fromSecsSinceEpoch(ts, Qt::UTC)));
        return Prepared::Refused;
    }
    if (ts > nowS + FutureSeconds) {
        *why = QStringLiteral("its timestamp %1 is more than 5 minutes in the future").arg(toApiTimestamp(QDateTime::fromSecsSinceEpoch(ts, Qt::UTC)));
        return Prepared::Refused;
    }
    if (r.amends > 0 && m_ctx.journal.usageOriginalMayBeSent(r.amends, r.ingestedAtMs)) {
        // The version it replaces was queued earlier and may be in Stripe already; meter
        // events cannot be changed, so sending this one could count twice.
        *why = QStringLiteral("it amends an event already queued for Stripe (meter events cannot be changed; correct it in Stripe)");
        return Prepared::Refused;
    }
    QString customerId = QString::fromUtf8(r.row.customerId);
    if (customerId.isEmpty() && !r.row.externalCustomerId.isEmpty())
        customerId = QueuedUsageReader(m_ctx.db).customerIdForExternal(QString::fromUtf8(r.row.externalCustomerId));
    if (customerId.isEmpty()) {
        *why = QStringLiteral("its customer is not known to Orb");
        return Prepared::Refused;
    }
    StripeError error;
    const auto stripeCustomer = m_customers.ensure(customerId, summary, &error);
    if (!stripeCustomer) {
        if (error.retryable) {
            *stop = m_ctx.failOrWait(item, error, summary);
            return Prepared::Stop;
        }
        *why = error.describe();
        return Prepared::Refused;
    }
    const auto meter = ensureMeter(metric.id(), metric.name(), formula, summary, &error);
    if (!meter) {
        *stop = m_ctx.failOrWait(item, error, summary);
        return Prepared::Stop;
    }
    send->meter = *meter;
    send->metricName = metric.name();
    send->customer = *stripeCustomer;
    send->identifier = identifierFor(r.row.idempotencyKey, metric.name(), alone);
    send->ts = ts;
    send->value = *value;
    send->key = item.idempotencyKey(QStringLiteral("mev-%1-%2").arg(r.seq).arg(metric.id()));
    return Prepared::Send;
}

bool StripeUsagePush::reconcileUncertain(const OutboxItem &item, qint64 through, SyncRunSummary &summary, int &refused, PushOutcome *stop)
{
    struct Group {
        QString meter;
        QString stripeCustomer;
        QString customerId;
        QString externalId;
        MetricDefinition *metric = nullptr;
        qint64 minute = 0;
        QList<Send> sends;
        Decimal uncertain;
    };
    MetricRepository metrics(m_ctx.db);
    QHash<QString, QList<MetricDefinition>> metricsByEvent;
    QMap<QString, Group> groups;
    auto refuse = [&](const QString &why) {
        if (++refused <= LoggedRefusals)
            m_ctx.journal.log(QStringLiteral("error"), QStringLiteral("push"), item.id, {}, why);
    };
    const QList<QueuedUsageEvent> rows = QueuedUsageReader(m_ctx.db).range(item.progress + 1, through, Chunk * 4);
    for (const QueuedUsageEvent &r : rows) {
        if (r.status != int(UsageEventStatus::Active))
            continue;
        const QString eventName = QString::fromUtf8(r.row.eventName);
        if (!metricsByEvent.contains(eventName))
            metricsByEvent.insert(eventName, metrics.forEventName(eventName));
        QList<MetricDefinition> &forEvent = metricsByEvent[eventName];
        for (MetricDefinition &metric : forEvent) {
            Send send;
            QString why;
            switch (prepare(item, r, metric, forEvent.size() == 1, summary, &send, &why, stop)) {
            case Prepared::Stop: return false;
            case Prepared::Skip: continue;
            case Prepared::Refused:
                refuse(QStringLiteral("usage event %1 (metric %2) not sent: %3").arg(QString::fromUtf8(r.row.idempotencyKey), metric.name(), why));
                continue;
            case Prepared::Send: break;
            }
            const qint64 minute = send.ts - send.ts % 60;
            const QString key = QStringLiteral("%1|%2|%3").arg(send.meter, send.customer).arg(minute);
            Group &g = groups[key];
            g.meter = send.meter;
            g.stripeCustomer = send.customer;
            g.customerId = QString::fromUtf8(r.row.customerId);
            if (g.customerId.isEmpty())
                g.customerId = QueuedUsageReader(m_ctx.db).customerIdForExternal(QString::fromUtf8(r.row.externalCustomerId));
            g.metric = &metric;
            g.minute = minute;
            g.uncertain += Decimal::parse(send.value);
            g.sends.append(send);
        }
    }
    for (const Group &g : std::as_const(groups)) {
        const MetricDefinition &metric = *g.metric;
        const auto customer = CustomerRepository(m_ctx.db).findById(g.customerId);
        const QString minuteText = toApiTimestamp(QDateTime::fromSecsSinceEpoch(g.minute, Qt::UTC));
        const bool last = metric.aggregation() == Aggregation::Latest;
        // What Orb sent for sure in that minute: the events before the uncertain batch (their
        // sum, or for a "last" meter the value of the latest).
        Decimal known;
        qint64 knownLatestTs = -1;
        Decimal knownLatest;
        for (const QueuedUsageEvent &e :
             QueuedUsageReader(m_ctx.db).activeInWindow(metric.eventName(), g.customerId, customer ? customer->externalCustomerId : QString(), g.minute * 1000,
                                                        (g.minute + 60) * 1000, item.progress)) {
            bool missing = false;
            if (const auto v = meterValue(metric, e.row.toEvent(), &missing)) {
                known += Decimal::parse(*v);
                if (e.row.tsMs / 1000 >= knownLatestTs) {
                    knownLatestTs = e.row.tsMs / 1000;
                    knownLatest = Decimal::parse(*v);
                }
            }
        }
        FormParams q;
        q.add(QStringLiteral("customer"), g.stripeCustomer)
            .add(QStringLiteral("start_time"), QString::number(g.minute))
            .add(QStringLiteral("end_time"), QString::number(g.minute + 60));
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/billing/meters/%1/event_summaries").arg(g.meter), q);
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            *stop = m_ctx.failOrWait(item, r.error, summary);
            return false;
        }
        Decimal inStripe;
        for (const QJsonValue &v : r.response.json.value(QLatin1String("data")).toArray()) {
            // Stripe states the aggregate as a JSON number; 15 significant digits is all a
            // double carries, and Orb's quantities are compared at that precision here.
            const auto d = Decimal::tryParse(QString::number(v.toObject().value(QLatin1String("aggregated_value")).toDouble(), 'g', 15));
            if (d)
                inStripe += *d;
        }
        if (last) {
            // Stripe's "last" is the value of the latest event in the window. The batch's latest
            // event decides what Stripe must show; events before a known later one cannot change it.
            qint64 batchLatestTs = -1;
            Decimal batchLatest;
            bool tie = false;
            for (const Send &s : g.sends) {
                if (s.ts > batchLatestTs) {
                    batchLatestTs = s.ts;
                    batchLatest = Decimal::parse(s.value);
                    tie = false;
                } else if (s.ts == batchLatestTs && Decimal::parse(s.value) != batchLatest) {
                    tie = true;
                }
            }
            const QString figures = QStringLiteral("Stripe shows %1, the latest value Orb sent for sure is %2, the latest without an answer is %3")
                                        .arg(inStripe.toString(), knownLatestTs < 0 ? QStringLiteral("none") : knownLatest.toString(), batchLatest.toString());
            if (knownLatestTs > batchLatestTs || (knownLatestTs == batchLatestTs && knownLatest == batchLatest && !tie)) {
                m_ctx.journal.log(QStringLiteral("info"), QStringLiteral("push"), item.id, g.meter,
                                  QStringLiteral("usage of metric %1 for customer %2 at %3: a later value was sent for sure, so the events without an "
                                                 "answer cannot change Stripe's last value; not sent again (%4)")
                                      .arg(metric.name(), g.customerId, minuteText, figures));
                continue;
            }
            const bool ambiguous =
                tie || knownLatestTs == batchLatestTs || (knownLatestTs >= 0 && knownLatest == batchLatest) || (knownLatestTs < 0 && batchLatest.isZero());
            if (!ambiguous && inStripe == batchLatest) {
                m_ctx.journal.log(QStringLiteral("info"), QStringLiteral("push"), item.id, g.meter,
                                  QStringLiteral("usage of metric %1 for customer %2 at %3 is already in Stripe; not sent again (%4)")
                                      .arg(metric.name(), g.customerId, minuteText, figures));
                continue;
            }
            if (ambiguous || inStripe != (knownLatestTs < 0 ? Decimal(0) : knownLatest)) {
                refuse(QStringLiteral("usage of metric %1 for customer %2 at %3 cannot be told apart in Stripe's last value (%4); not sent again, "
                                      "compare it in Stripe by hand")
                           .arg(metric.name(), g.customerId, minuteText, figures));
                continue;
            }
            // Stripe shows what Orb sent for sure: the batch is missing.
        } else if (inStripe == known + g.uncertain) {
            m_ctx.journal.log(QStringLiteral("info"), QStringLiteral("push"), item.id, g.meter,
                              QStringLiteral("usage of metric %1 for customer %2 at %3 is already in Stripe (%4); not sent again")
                                  .arg(metric.name(), g.customerId, minuteText, inStripe.toString()));
            continue;
        }
        if (!last && inStripe != known) {
            refuse(QStringLiteral("usage of metric %1 for customer %2 at %3: Stripe counts %4, Orb sent %5 for sure and %6 more without an answer "
                                  "more than a day ago; not sent again, correct it in Stripe by hand")
                       .arg(metric.name(), g.customerId, minuteText, inStripe.toString(), known.toString(), g.uncertain.toString()));
            continue;
        }
        for (const Send &s : g.sends) {
            FormParams p;
            p.add(QStringLiteral("event_name"), s.metricName)
                .add(QStringLiteral("identifier"), s.identifier)
                .add(QStringLiteral("timestamp"), QString::number(s.ts))
                .addNested(QStringLiteral("payload"), QStringLiteral("stripe_customer_id"), s.customer)
                .addNested(QStringLiteral("payload"), QStringLiteral("value"), s.value);
            // A fresh key: Stripe has forgotten the old one, and the summary says it is missing.
            const StripeResult res = m_ctx.client.post(QStringLiteral("/v1/billing/meter_events"), p, s.key + QStringLiteral("-r"));
            StripeSyncContext::count(summary, res);
            if (!res.ok() && res.error.code != QLatin1String("duplicate_meter_event")) {
                if (res.error.retryable || res.error.kind == StripeError::Kind::Authentication) {
                    *stop = m_ctx.failOrWait(item, res.error, summary);
                    return false;
                }
                refuse(res.error.describe());
            }
        }
        m_ctx.journal.log(QStringLiteral("info"), QStringLiteral("push"), item.id, g.meter,
                          QStringLiteral("usage of metric %1 for customer %2 at %3 was missing in Stripe after a day without an answer; sent %4")
                              .arg(metric.name(), g.customerId, minuteText, g.uncertain.toString()));
    }
    return true;
}

PushOutcome StripeUsagePush::push(const OutboxItem &original, SyncRunSummary &summary)
{
    OutboxItem item = original;
    const qsizetype dash = item.objectId.indexOf(QLatin1Char('-'));
    const qint64 first = item.objectId.left(dash).toLongLong();
    const qint64 last = item.objectId.mid(dash + 1).toLongLong();
    MetricRepository metrics(m_ctx.db);
    QHash<QString, QList<MetricDefinition>> metricsByEvent;
    // Refusals are counted across runs: a run that stops midway leaves its count behind.
    SyncState state(m_ctx.db);
    const QString refusedKey = QStringLiteral("usage_refused_%1").arg(item.id);
    int refused = state.get(refusedKey, QStringLiteral("0")).toInt();
    const qint64 nowS = m_ctx.clock.now().toSecsSinceEpoch();

    // A batch sent by an earlier run whose outcome is unknown: within a day the same
    // identifiers and keys are safe to send again; after that, reconcile first.
    const QStringList inflight = state.get(inflightKey(item)).split(QLatin1Char(':'));
    if (inflight.size() == 2) {
        const qint64 through = inflight.at(0).toLongLong();
        const qint64 since = inflight.at(1).toLongLong();
        if (through > item.progress && nowS - since > TrustedMemorySeconds) {
            PushOutcome stop = PushOutcome::Offline;
            if (!reconcileUncertain(item, through, summary, refused, &stop)) {
                m_ctx.journal.saveUsageProgress(item, item.progress, refusedKey, refused);
                return stop;
            }
            m_ctx.journal.saveUsageProgress(item, through, refusedKey, refused);
            item.progress = through;
        }
        m_ctx.journal.removeState(inflightKey(item));
    }

    qint64 lastDone = item.progress; // the last event fully handled
    auto stopHere = [&](PushOutcome o) {
        m_ctx.journal.saveUsageProgress(item, std::max(lastDone, item.progress), refusedKey, refused);
        return o;
    };
    qint64 next = std::max(first, item.progress + 1);
    while (next <= last) {
        if (m_ctx.cancelled())
            return stopHere(PushOutcome::Offline);
        const QList<QueuedUsageEvent> rows = QueuedUsageReader(m_ctx.db).range(next, last, Chunk);
        if (rows.isEmpty())
            break;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QueuedUsageEvent &r = rows.at(i);
            if (i % ProgressEvery == 0) {
                // Progress is committed every few events rather than after each (a commit
                // costs an fsync); the batch's extent and time are recorded first, so a later
                // run knows which events may be in Stripe and since when.
                const qint64 through = rows.at(std::min(i + ProgressEvery - 1, rows.size() - 1)).seq;
                m_ctx.journal.saveUsageProgress(item, std::max(lastDone, item.progress), refusedKey, refused, inflightKey(item),
                                                QStringLiteral("%1:%2").arg(through).arg(m_ctx.clock.now().toSecsSinceEpoch()));
            }
            m_ctx.progress(QStringLiteral("Sending usage"), int(r.seq - first), int(last - first + 1));
            // Only events that count now; a later amendment is a new row with its own seq.
            if (r.status != int(UsageEventStatus::Active)) {
                lastDone = r.seq;
                continue;
            }
            const QString eventName = QString::fromUtf8(r.row.eventName);
            if (!metricsByEvent.contains(eventName))
                metricsByEvent.insert(eventName, metrics.forEventName(eventName));
            const QList<MetricDefinition> &forEvent = metricsByEvent[eventName];
            for (const MetricDefinition &metric : forEvent) {
                Send send;
                QString why;
                PushOutcome stop = PushOutcome::Offline;
                const QString key = QString::fromUtf8(r.row.idempotencyKey);
                auto refuse = [&](const QString &message, const QString &kind) {
                    // Each refusal is logged, up to a limit per item; the summary counts them all.
                    if (++refused <= LoggedRefusals)
                        m_ctx.journal.log(QStringLiteral("error"), kind, item.id, {},
                                          QStringLiteral("usage event %1 (metric %2) not sent: %3").arg(key, metric.name(), message));
                };
                const Prepared prepared = prepare(item, r, metric, forEvent.size() == 1, summary, &send, &why, &stop);
                if (prepared == Prepared::Stop)
                    return stopHere(stop);
                if (prepared == Prepared::Skip)
                    continue;
                if (prepared == Prepared::Refused) {
                    refuse(why, why.contains(QLatin1String("window")) || why.contains(QLatin1String("future")) ? QStringLiteral("usage_window")
                                                                                                               : QStringLiteral("push"));
                    continue;
                }
                FormParams p;
                p.add(QStringLiteral("event_name"), send.metricName)
                    .add(QStringLiteral("identifier"), send.identifier)
                    .add(QStringLiteral("timestamp"), QString::number(send.ts))
                    .addNested(QStringLiteral("payload"), QStringLiteral("stripe_customer_id"), send.customer)
                    .addNested(QStringLiteral("payload"), QStringLiteral("value"), send.value);
                const StripeResult res = m_ctx.client.post(QStringLiteral("/v1/billing/meter_events"), p, send.key);
                StripeSyncContext::count(summary, res);
                // Stripe already has an event with this identifier: it was sent before.
                if (!res.ok() && res.error.code != QLatin1String("duplicate_meter_event")) {
                    if (res.error.retryable || res.error.kind == StripeError::Kind::Authentication)
                        return stopHere(m_ctx.failOrWait(item, res.error, summary));
                    refuse(res.error.describe(), QStringLiteral("push"));
                }
            }
            lastDone = r.seq;
        }
        next = rows.last().seq + 1;
        m_ctx.journal.saveUsageProgress(item, rows.last().seq, refusedKey, refused, inflightKey(item), {});
    }
    const QString message = QStringLiteral("%1 usage event(s) were not sent to Stripe (see the sync log%2)")
                                .arg(refused)
                                .arg(refused > LoggedRefusals ? QStringLiteral(", which lists the first %1").arg(LoggedRefusals) : QString());
    m_ctx.journal.finishUsage(item, refusedKey, refused, message);
    if (refused > 0) {
        ++summary.failed;
        return PushOutcome::Failed;
    }
    ++summary.pushed;
    return PushOutcome::Done;
}

} // namespace orb
