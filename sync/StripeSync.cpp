// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeSync.h"

#include "engine/Clock.h"
#include "models/CustomerRepository.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/sync/PaymentSink.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"

#include <QJsonArray>

namespace orb {

namespace {

const QString CustomerType = QStringLiteral("customer");
const QString InvoiceType = QStringLiteral("invoice");

/// The fields of a Stripe customer Orb owns. On an update every field is sent, empty ones as
/// "" (Stripe's way of unsetting), so a field cleared in Orb is cleared in Stripe too.
FormParams customerParams(const Customer &c, bool update)
{
    FormParams p;
    p.add(QStringLiteral("name"), c.name);
    if (update)
        p.add(QStringLiteral("email"), c.email);
    else
        p.addIfSet(QStringLiteral("email"), c.email);
    p.addNested(QStringLiteral("metadata"), QStringLiteral("orb_id"), c.id);
    if (update || !c.externalCustomerId.isEmpty())
        p.addNested(QStringLiteral("metadata"), QStringLiteral("orb_external_customer_id"), c.externalCustomerId);
    const Address &a = c.billingAddress;
    if (!a.isEmpty()) {
        p.addNested(QStringLiteral("address"), QStringLiteral("line1"), a.line1);
        p.addNested(QStringLiteral("address"), QStringLiteral("line2"), a.line2);
        p.addNested(QStringLiteral("address"), QStringLiteral("city"), a.city);
        p.addNested(QStringLiteral("address"), QStringLiteral("state"), a.state);
        p.addNested(QStringLiteral("address"), QStringLiteral("postal_code"), a.postalCode);
        p.addNested(QStringLiteral("address"), QStringLiteral("country"), a.country);
    } else if (update) {
        p.add(QStringLiteral("address"), QString());
    }
    return p;
}

} // namespace

QString SyncRunSummary::describe() const
{
    QString s = QStringLiteral("%1 pushed, %2 failed, %3 waiting, %4 new Stripe events, %5 requests")
                    .arg(pushed)
                    .arg(failed)
                    .arg(pending)
                    .arg(eventsSeen)
                    .arg(requests);
    if (offline)
        s += QStringLiteral("; offline: ") + stopReason;
    else if (!stopReason.isEmpty())
        s += QStringLiteral("; stopped: ") + stopReason;
    return s;
}

StripeSync::StripeSync(Database &db, StripeClient &client, const Clock &clock) : m_db(db), m_client(client), m_clock(clock) {}

StripeSync::~StripeSync() = default;

StripeError StripeSync::checkKey(StripeClient &client)
{
    FormParams q;
    q.add(QStringLiteral("limit"), QStringLiteral("1"));
    return client.get(QStringLiteral("/v1/customers"), q).error;
}

void StripeSync::progress(const QString &what, int done, int total) const
{
    if (m_progress)
        m_progress(what, done, total);
}

SyncRunSummary StripeSync::runOnce()
{
    SyncRunSummary summary;
    summary.startedAt = m_clock.now();
    m_unsupportedMetrics.clear();
    push(summary);
    if (!summary.offline && !cancelled())
        pull(summary);
    summary.pending = Outbox(m_db).counts().pending;
    summary.finishedAt = m_clock.now();
    SyncState state(m_db);
    UnitOfWork uow(m_db);
    state.set(SyncState::LastRunAt, toIsoUtc(summary.finishedAt));
    state.set(SyncState::LastRunResult, summary.describe());
    SyncLog(m_db).add({0, summary.finishedAt, summary.offline ? QStringLiteral("warning") : QStringLiteral("info"), QStringLiteral("run"), 0, {},
                       {}, {}, summary.describe()});
    uow.commit();
    return summary;
}

void StripeSync::push(SyncRunSummary &summary)
{
    Outbox outbox(m_db);
    {
        UnitOfWork uow(m_db);
        Outbox::sweepUsage(m_db);
        uow.commit();
    }
    const int total = outbox.counts().pending;
    int done = 0;
    while (!cancelled()) {
        const auto item = outbox.nextPending();
        if (!item)
            break;
        progress(QStringLiteral("Sending %1 %2").arg(item->objectType, item->objectId), done, total);
        const Outcome o = pushItem(*item, summary);
        ++done;
        if (o == Outcome::Offline)
            break;
    }
    progress(QStringLiteral("Sent"), done, std::max(total, done));
    if (cancelled() && summary.stopReason.isEmpty())
        summary.stopReason = QStringLiteral("cancelled");
}

StripeSync::Outcome StripeSync::pushItem(const OutboxItem &item, SyncRunSummary &summary)
{
    try {
        if (item.objectType == CustomerType)
            return pushCustomer(item, summary);
        if (item.objectType == QLatin1String("usage_range"))
            return pushUsage(item, summary);
        if (item.objectType == InvoiceType && item.action == QLatin1String("push"))
            return pushInvoice(item, summary);
        if (item.objectType == QLatin1String("invoice_void"))
            return pushInvoiceVoid(item, summary);
        return refuse(item, QStringLiteral("this version of Orb cannot send %1 %2 to Stripe").arg(item.objectType, item.action), summary);
    } catch (const ServiceError &e) {
        // The company file failed: stop, the item stays queued.
        summary.stopReason = e.message();
        summary.offline = false;
        throw;
    }
}

StripeSync::Outcome StripeSync::finish(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message,
                                       SyncRunSummary &summary)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), level, QStringLiteral("push"), item.id, {}, {}, stripeId, message});
    uow.commit();
    ++summary.pushed;
    return Outcome::Done;
}

StripeSync::Outcome StripeSync::refuse(const OutboxItem &item, const QString &message, SyncRunSummary &summary)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).markFailed(item.id, message, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("error"), QStringLiteral("push"), item.id, {}, {}, {},
                       QStringLiteral("%1 %2 (%3): %4").arg(item.objectType, item.objectId, item.action, message)});
    uow.commit();
    ++summary.failed;
    return Outcome::Failed;
}

StripeSync::Outcome StripeSync::failOrWait(const OutboxItem &item, const StripeError &error, SyncRunSummary &summary)
{
    Outbox outbox(m_db);
    if (error.retryable) {
        // Offline, or Stripe kept failing: keep the item and its keys for the next run.
        outbox.markAttempt(item.id, error.describe(), m_clock.now());
        summary.offline = true;
        summary.stopReason = error.describe();
        return Outcome::Offline;
    }
    if (error.kind == StripeError::Kind::Authentication) {
        // Every other item would fail the same way: stop the run, leave the queue as it is.
        outbox.markAttempt(item.id, error.describe(), m_clock.now());
        summary.stopReason = error.describe();
        summary.offline = true;
        return Outcome::Offline;
    }
    UnitOfWork uow(m_db);
    outbox.markFailed(item.id, error.describe(), m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("error"), QStringLiteral("push"), item.id, {}, {}, {},
                       QStringLiteral("%1 %2 (%3): %4").arg(item.objectType, item.objectId, item.action, error.describe())});
    uow.commit();
    ++summary.failed;
    return Outcome::Failed;
}

std::optional<QString> StripeSync::ensureCustomer(const QString &customerId, SyncRunSummary &summary, StripeError *error)
{
    StripeIdMap ids(m_db);
    if (auto id = ids.stripeId(CustomerType, customerId))
        return id;
    // Push the customer's queued item now (with its own keys), or queue one for a customer
    // that existed before sync was set up.
    Outbox outbox(m_db);
    QVariant pending = m_db.scalar(QStringLiteral("SELECT id FROM sync_outbox WHERE object_type = 'customer' AND object_id = ? AND state = 'pending' "
                                                  "ORDER BY id LIMIT 1"),
                                   {customerId});
    if (!pending.isValid()) {
        UnitOfWork uow(m_db);
        pending = Outbox::enqueue(m_db, CustomerType, customerId, QStringLiteral("create"));
        uow.commit();
    }
    const auto item = outbox.find(pending.toLongLong());
    const Outcome o = pushCustomer(*item, summary);
    if (auto id = ids.stripeId(CustomerType, customerId))
        return id;
    error->kind = o == Outcome::Offline ? StripeError::Kind::Network : StripeError::Kind::InvalidRequest;
    error->retryable = o == Outcome::Offline;
    error->message = QStringLiteral("customer %1 could not be sent to Stripe: %2").arg(customerId, outbox.find(item->id)->lastError);
    return std::nullopt;
}

StripeSync::Outcome StripeSync::pushCustomer(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto customer = CustomerRepository(m_db).findById(item.objectId);
    Outbox outbox(m_db);
    if (!customer) {
        UnitOfWork uow(m_db);
        outbox.markDone(item.id, m_clock.now());
        SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("warning"), QStringLiteral("push"), item.id, {}, {}, {},
                           QStringLiteral("customer %1 no longer exists in Orb; nothing sent").arg(item.objectId)});
        uow.commit();
        ++summary.pushed;
        return Outcome::Done;
    }
    StripeIdMap ids(m_db);
    const auto stripeId = ids.stripeId(CustomerType, customer->id);
    const StripeResult r = stripeId ? m_client.post(QStringLiteral("/v1/customers/") + *stripeId, customerParams(*customer, true),
                                                    item.idempotencyKey(QStringLiteral("update")))
                                    : m_client.post(QStringLiteral("/v1/customers"), customerParams(*customer, false),
                                                    item.idempotencyKey(QStringLiteral("create")));
    summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
    if (!r.ok())
        return failOrWait(item, r.error, summary);
    const QString id = r.response.json.value(QLatin1String("id")).toString();
    UnitOfWork uow(m_db);
    ids.set(CustomerType, customer->id, id);
    outbox.markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("info"), QStringLiteral("push"), item.id, {}, {}, id,
                       QStringLiteral("customer %1 %2 as %3%4")
                           .arg(customer->id, stripeId ? QStringLiteral("updated") : QStringLiteral("created"), id,
                                r.response.replayed ? QStringLiteral(" (replayed)") : QString())});
    uow.commit();
    ++summary.pushed;
    return Outcome::Done;
}

bool StripeSync::pull(SyncRunSummary &summary)
{
    SyncState state(m_db);
    QString cursor = state.get(SyncState::EventCursor);
    progress(QStringLiteral("Reading Stripe events"), 0, 0);
    if (!cursor.isEmpty()) {
        // ending_before the cursor gives the events just after it, newest first.
        for (;;) {
            if (cancelled())
                return true;
            FormParams q;
            q.add(QStringLiteral("limit"), QStringLiteral("100")).add(QStringLiteral("ending_before"), cursor);
            const StripeResult r = m_client.get(QStringLiteral("/v1/events"), q);
            summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
            if (!r.ok()) {
                if (r.error.code == QLatin1String("resource_missing")) {
                    // The cursor is older than Stripe keeps events: read objects directly,
                    // then start again from the events Stripe still has.
                    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("warning"), QStringLiteral("event"), 0, cursor, {}, {},
                                       QStringLiteral("the event cursor %1 is older than Stripe keeps events; reconciling invoices directly").arg(cursor)});
                    if (!reconcile(summary))
                        return false;
                    state.set(SyncState::EventCursor, QString());
                    cursor.clear();
                    break;
                }
                summary.stopReason = r.error.describe();
                summary.offline = r.error.retryable || r.error.kind == StripeError::Kind::Authentication;
                return false;
            }
            const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
            QList<QJsonObject> oldestFirst;
            for (qsizetype i = data.size() - 1; i >= 0; --i)
                oldestFirst.append(data.at(i).toObject());
            if (oldestFirst.isEmpty())
                return true;
            recordEvents(oldestFirst, summary);
            cursor = oldestFirst.last().value(QLatin1String("id")).toString();
            if (!r.response.json.value(QLatin1String("has_more")).toBool())
                return true;
        }
    }
    // No cursor: read back through every event Stripe keeps, then record them oldest first.
    QList<QJsonObject> newestFirst;
    QString after;
    for (;;) {
        if (cancelled())
            return true;
        FormParams q;
        q.add(QStringLiteral("limit"), QStringLiteral("100"));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_client.get(QStringLiteral("/v1/events"), q);
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok()) {
            summary.stopReason = r.error.describe();
            summary.offline = r.error.retryable || r.error.kind == StripeError::Kind::Authentication;
            return false;
        }
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &e : data)
            newestFirst.append(e.toObject());
        if (data.isEmpty() || !r.response.json.value(QLatin1String("has_more")).toBool())
            break;
        after = newestFirst.last().value(QLatin1String("id")).toString();
    }
    std::reverse(newestFirst.begin(), newestFirst.end());
    for (qsizetype i = 0; i < newestFirst.size(); i += 100)
        recordEvents(newestFirst.mid(i, 100), summary);
    return true;
}

void StripeSync::recordEvents(const QList<QJsonObject> &oldestFirst, SyncRunSummary &summary)
{
    // One transaction per page: the events, what the sink makes of them and the cursor.
    UnitOfWork uow(m_db);
    SyncLog log(m_db);
    for (const QJsonObject &e : oldestFirst) {
        const QString id = e.value(QLatin1String("id")).toString();
        const QString type = e.value(QLatin1String("type")).toString();
        const QJsonObject object = e.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject();
        const auto payment = paymentOf(e);
        QString level = QStringLiteral("info");
        QString message = QStringLiteral("%1 %2").arg(type, object.value(QLatin1String("id")).toString());
        if (payment && payment->kind == QLatin1String("payment_failed"))
            level = QStringLiteral("warning");
        if (payment)
            message += QStringLiteral(" (%1 %2 minor units, Orb invoice %3)")
                           .arg(payment->currency)
                           .arg(payment->amountMinor)
                           .arg(payment->localInvoiceId.isEmpty() ? QStringLiteral("unknown") : payment->localInvoiceId);
        const bool fresh = log.addEvent({0, QDateTime::fromSecsSinceEpoch(e.value(QLatin1String("created")).toInteger(), Qt::UTC), level,
                                         QStringLiteral("event"), 0, id, type, object.value(QLatin1String("id")).toString(), message});
        if (!fresh)
            continue; // seen before (a run that stopped before moving the cursor)
        ++summary.eventsSeen;
        if (payment && m_sink) {
            const QString problem = m_sink->record(m_db, *payment);
            if (!problem.isEmpty())
                log.add({0, m_clock.now(), QStringLiteral("error"), QStringLiteral("event"), 0, {}, type, payment->stripeObjectId,
                         QStringLiteral("%1 could not be recorded: %2").arg(id, problem)});
        }
    }
    SyncState state(m_db);
    state.set(SyncState::EventCursor, oldestFirst.last().value(QLatin1String("id")).toString());
    state.set(SyncState::EventCursorCreated, QString::number(oldestFirst.last().value(QLatin1String("created")).toInteger()));
    uow.commit();
}

std::optional<StripePayment> StripeSync::paymentFromEvent(const QJsonObject &event)
{
    const QString type = event.value(QLatin1String("type")).toString();
    const QJsonObject o = event.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject();
    StripePayment p;
    p.stripeEventId = event.value(QLatin1String("id")).toString();
    p.stripeObjectId = o.value(QLatin1String("id")).toString();
    p.occurredAt = QDateTime::fromSecsSinceEpoch(event.value(QLatin1String("created")).toInteger(), Qt::UTC);
    p.currency = o.value(QLatin1String("currency")).toString().toUpper();
    if (type == QLatin1String("invoice.paid")) {
        p.kind = QStringLiteral("payment");
        p.amountMinor = o.value(QLatin1String("amount_paid")).toInteger();
    } else if (type == QLatin1String("invoice.updated") && o.value(QLatin1String("status")).toString() == QLatin1String("open")
               && o.value(QLatin1String("amount_paid")).toInteger() > 0) {
        // Part of an open invoice paid (a partial payment): what it has received so far.
        p.kind = QStringLiteral("payment");
        p.amountMinor = o.value(QLatin1String("amount_paid")).toInteger();
    } else if (type == QLatin1String("invoice.payment_failed")) {
        p.kind = QStringLiteral("payment_failed");
        p.amountMinor = o.value(QLatin1String("amount_remaining")).toInteger();
        p.failureMessage = QStringLiteral("payment attempt %1 failed").arg(o.value(QLatin1String("attempt_count")).toInt());
    } else if (type == QLatin1String("invoice.voided")) {
        p.kind = QStringLiteral("invoice_voided");
    } else if (type == QLatin1String("invoice.marked_uncollectible")) {
        p.kind = QStringLiteral("invoice_uncollectible");
    } else if (type == QLatin1String("charge.refunded")) {
        p.kind = QStringLiteral("refund");
        p.amountMinor = o.value(QLatin1String("amount_refunded")).toInteger();
    } else {
        return std::nullopt;
    }
    p.stripeInvoiceId = type.startsWith(QLatin1String("invoice.")) ? p.stripeObjectId : o.value(QLatin1String("invoice")).toString();
    return p;
}

std::optional<StripePayment> StripeSync::paymentOf(const QJsonObject &event) const
{
    std::optional<StripePayment> found = paymentFromEvent(event);
    if (!found)
        return std::nullopt;
    StripePayment p = *found;
    const QString type = event.value(QLatin1String("type")).toString();
    const QJsonObject o = event.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject();
    if (!p.stripeInvoiceId.isEmpty()) {
        if (auto local = StripeIdMap(m_db).localId(InvoiceType, p.stripeInvoiceId))
            p.localInvoiceId = *local;
        else if (type.startsWith(QLatin1String("invoice.")))
            p.localInvoiceId = o.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString();
    }
    return p;
}

bool StripeSync::reconcile(SyncRunSummary &summary)
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT local_id, stripe_id FROM sync_stripe_ids WHERE object_type = 'invoice' ORDER BY local_id"));
    QList<QPair<QString, QString>> invoices;
    while (q.next())
        invoices.append({q.value(0).toString(), q.value(1).toString()});
    int done = 0;
    for (const auto &[local, stripe] : invoices) {
        progress(QStringLiteral("Reconciling invoices"), done++, int(invoices.size()));
        const StripeResult r = m_client.get(QStringLiteral("/v1/invoices/") + stripe);
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok()) {
            summary.stopReason = r.error.describe();
            summary.offline = r.error.retryable || r.error.kind == StripeError::Kind::Authentication;
            return false;
        }
        const QString status = r.response.json.value(QLatin1String("status")).toString();
        StripePayment p;
        p.stripeObjectId = stripe;
        p.stripeInvoiceId = stripe;
        p.localInvoiceId = local;
        p.currency = r.response.json.value(QLatin1String("currency")).toString().toUpper();
        p.occurredAt = m_clock.now();
        const qint64 paid = r.response.json.value(QLatin1String("amount_paid")).toInteger();
        if (status == QLatin1String("paid") || (status == QLatin1String("open") && paid > 0)) {
            p.kind = QStringLiteral("payment");
            p.amountMinor = r.response.json.value(QLatin1String("amount_paid")).toInteger();
        } else if (status == QLatin1String("void")) {
            p.kind = QStringLiteral("invoice_voided");
        } else if (status == QLatin1String("uncollectible")) {
            p.kind = QStringLiteral("invoice_uncollectible");
        } else {
            continue;
        }
        if (m_sink) {
            // The sink records a payment once per invoice, whether it comes from an event or here.
            UnitOfWork uow(m_db);
            const QString problem = m_sink->record(m_db, p);
            if (!problem.isEmpty())
                SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("error"), QStringLiteral("reconcile"), 0, {}, {}, stripe, problem});
            uow.commit();
        }
    }
    return true;
}

} // namespace orb
