// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeEventPull.h"

#include "engine/Clock.h"
#include "models/Timestamps.h"
#include "models/sync/StripeFollowUps.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncState.h"

#include <QJsonArray>

namespace orb {

namespace {

const QString InvoiceType = QStringLiteral("invoice");

QJsonObject payloadOf(const QJsonObject &event)
{
    return event.value(QLatin1String("data")).toObject().value(QLatin1String("object")).toObject();
}

/// A Stripe-side credit note Orb made itself (a payment or credit note told to Stripe).
bool isOrbsOwn(const QJsonObject &creditNote)
{
    const QJsonObject meta = creditNote.value(QLatin1String("metadata")).toObject();
    return meta.contains(QLatin1String("orb_payment_id")) || meta.contains(QLatin1String("orb_credit_note_id"));
}

} // namespace

QStringList StripeEventPull::handledTypes()
{
    return {QStringLiteral("invoice.paid"),
            QStringLiteral("invoice.updated"),
            QStringLiteral("invoice.payment_failed"),
            QStringLiteral("invoice.voided"),
            QStringLiteral("invoice.marked_uncollectible"),
            QStringLiteral("charge.refunded"),
            QStringLiteral("charge.refund.updated"),
            QStringLiteral("charge.dispute.created"),
            QStringLiteral("charge.dispute.updated"),
            QStringLiteral("charge.dispute.closed"),
            QStringLiteral("charge.dispute.funds_withdrawn"),
            QStringLiteral("charge.dispute.funds_reinstated"),
            QStringLiteral("credit_note.created"),
            QStringLiteral("credit_note.voided")};
}

std::optional<StripePayment> StripeEventPull::paymentFromEvent(const QJsonObject &event)
{
    const QString type = event.value(QLatin1String("type")).toString();
    const QJsonObject o = payloadOf(event);
    StripePayment p;
    p.stripeEventId = event.value(QLatin1String("id")).toString();
    p.stripeObjectId = o.value(QLatin1String("id")).toString();
    p.occurredAt = QDateTime::fromSecsSinceEpoch(event.value(QLatin1String("created")).toInteger(), Qt::UTC);
    p.currency = o.value(QLatin1String("currency")).toString().toUpper();
    if (type == QLatin1String("invoice.paid")
        || ((type == QLatin1String("invoice.updated") || type == QLatin1String("invoice.payment_succeeded"))
            && o.value(QLatin1String("amount_paid")).toInteger() > 0
            && (o.value(QLatin1String("status")).toString() == QLatin1String("open")
                || o.value(QLatin1String("status")).toString() == QLatin1String("paid")))) {
        // What the invoice has received in all (a partial payment, or the whole).
        p.kind = QStringLiteral("payment");
        p.amountMinor = o.value(QLatin1String("amount_paid")).toInteger();
        p.outOfBand = o.value(QLatin1String("paid_out_of_band")).toBool();
    } else if (type == QLatin1String("invoice.payment_failed")) {
        p.kind = QStringLiteral("payment_failed");
        p.amountMinor = o.value(QLatin1String("amount_remaining")).toInteger();
        p.failureMessage = QStringLiteral("payment attempt %1 failed").arg(o.value(QLatin1String("attempt_count")).toInt());
    } else if (type == QLatin1String("invoice.voided")) {
        p.kind = QStringLiteral("invoice_voided");
    } else if (type == QLatin1String("invoice.marked_uncollectible")) {
        p.kind = QStringLiteral("invoice_uncollectible");
    } else if (type == QLatin1String("charge.refunded")
               || (type == QLatin1String("charge.refund.updated") && o.value(QLatin1String("object")).toString() == QLatin1String("charge"))) {
        // Cumulative: what the charge has given back in all.
        p.kind = QStringLiteral("refund");
        p.amountMinor = o.value(QLatin1String("amount_refunded")).toInteger();
        p.chargeId = p.stripeObjectId;
    } else if (type.startsWith(QLatin1String("charge.dispute.")) && handledTypes().contains(type)) {
        p.status = o.value(QLatin1String("status")).toString();
        p.kind = type == QLatin1String("charge.dispute.closed") || p.status == QLatin1String("won") || p.status == QLatin1String("lost")
                     ? QStringLiteral("dispute_closed")
                     : QStringLiteral("dispute_opened");
        p.amountMinor = o.value(QLatin1String("amount")).toInteger();
        p.chargeId = o.value(QLatin1String("charge")).toString();
    } else if (type == QLatin1String("credit_note.created") || type == QLatin1String("credit_note.voided")) {
        if (isOrbsOwn(o))
            return std::nullopt; // told by Orb itself; already in Orb's books
        p.kind = type == QLatin1String("credit_note.created") ? QStringLiteral("credit_note") : QStringLiteral("credit_note_voided");
        p.amountMinor = o.value(QLatin1String("amount")).toInteger();
        p.status = o.value(QLatin1String("status")).toString();
        p.stripeInvoiceId = o.value(QLatin1String("invoice")).toString();
        p.refundId = o.value(QLatin1String("refund")).toString();
        if (p.amountMinor < 0)
            return std::nullopt; // Stripe never states a negative credit note; not trusted
        return p;
    } else {
        return std::nullopt;
    }
    if (p.amountMinor < 0)
        return std::nullopt; // Stripe never states a negative amount here; not trusted
    p.stripeInvoiceId = type.startsWith(QLatin1String("invoice.")) ? p.stripeObjectId : o.value(QLatin1String("invoice")).toString();
    return p;
}

void StripeEventPull::fillLocalInvoice(StripePayment &p, const QJsonObject &object, const QString &type) const
{
    if (p.stripeInvoiceId.isEmpty())
        return;
    if (auto local = StripeIdMap(m_ctx.db).localId(InvoiceType, p.stripeInvoiceId))
        p.localInvoiceId = *local;
    else if (type.startsWith(QLatin1String("invoice.")))
        p.localInvoiceId = object.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString();
}

bool StripeEventPull::stop(const StripeError &error, SyncRunSummary &summary)
{
    summary.stopReason = error.describe();
    summary.offline = error.retryable || error.kind == StripeError::Kind::Authentication;
    return false;
}

std::optional<QJsonObject> StripeEventPull::reread(const QString &type, const QJsonObject &payload, SyncRunSummary &summary)
{
    QString path;
    const QString id = payload.value(QLatin1String("id")).toString();
    if (type.startsWith(QLatin1String("invoice.")))
        path = QStringLiteral("/v1/invoices/");
    else if (type.startsWith(QLatin1String("charge.dispute.")))
        path = QStringLiteral("/v1/disputes/");
    else if (type.startsWith(QLatin1String("charge.")))
        path = QStringLiteral("/v1/charges/");
    else if (type.startsWith(QLatin1String("credit_note.")))
        path = QStringLiteral("/v1/credit_notes/");
    if (path.isEmpty() || id.isEmpty() || id.contains(QLatin1Char('/')))
        return QJsonObject{};
    const StripeResult r = m_ctx.client.get(path + id);
    StripeSyncContext::count(summary, r);
    if (!r.ok()) {
        if (r.error.status == 404)
            return QJsonObject{}; // gone (a deleted draft): nothing to act on
        stop(r.error, summary);
        return std::nullopt;
    }
    return r.response.json;
}

bool StripeEventPull::prepare(const QList<QJsonObject> &oldestFirst, QList<PulledEvent> *out, SyncRunSummary &summary)
{
    QSet<QString> seen;
    for (const QJsonObject &e : oldestFirst) {
        PulledEvent pe;
        pe.id = e.value(QLatin1String("id")).toString();
        pe.type = e.value(QLatin1String("type")).toString();
        pe.created = e.value(QLatin1String("created")).toInteger();
        const QJsonObject payload = payloadOf(e);
        pe.objectId = payload.value(QLatin1String("id")).toString();
        pe.level = QStringLiteral("info");
        pe.message = QStringLiteral("%1 %2").arg(pe.type, pe.objectId);
        if (pe.id.isEmpty())
            continue; // not an event
        std::optional<StripePayment> payment = paymentFromEvent(e);
        if (payment) {
            // Act on the object as Stripe has it now, in the pinned version.
            const auto now = reread(pe.type, payload, summary);
            if (!now)
                return false;
            if (now->isEmpty()) {
                payment.reset();
                pe.level = QStringLiteral("warning");
                pe.message += QStringLiteral(" (Stripe no longer has the object; nothing recorded)");
            } else {
                QJsonObject fresh = e;
                QJsonObject data = fresh.value(QLatin1String("data")).toObject();
                data.insert(QStringLiteral("object"), *now);
                fresh.insert(QStringLiteral("data"), data);
                payment = paymentFromEvent(fresh);
                if (payment && payment->kind.startsWith(QLatin1String("dispute")) && !payment->chargeId.isEmpty()) {
                    // A dispute names its charge; the charge names the invoice.
                    const StripeResult c = m_ctx.client.get(QStringLiteral("/v1/charges/") + payment->chargeId);
                    StripeSyncContext::count(summary, c);
                    if (!c.ok() && c.error.status != 404)
                        return stop(c.error, summary);
                    if (c.ok()) {
                        payment->stripeInvoiceId = c.response.json.value(QLatin1String("invoice")).toString();
                        if (payment->currency.isEmpty())
                            payment->currency = c.response.json.value(QLatin1String("currency")).toString().toUpper();
                    }
                }
                if (payment)
                    fillLocalInvoice(*payment, *now, pe.type);
            }
        }
        if (payment) {
            if (payment->kind == QLatin1String("payment_failed") || payment->kind.startsWith(QLatin1String("dispute"))
                || payment->kind == QLatin1String("refund"))
                pe.level = QStringLiteral("warning");
            pe.message += QStringLiteral(" (%1 %2 minor units, Orb invoice %3)")
                              .arg(payment->currency)
                              .arg(payment->amountMinor)
                              .arg(payment->localInvoiceId.isEmpty() ? QStringLiteral("unknown") : payment->localInvoiceId);
        }
        if (seen.contains(pe.id))
            continue;
        seen.insert(pe.id);
        pe.payment = payment;
        out->append(pe);
    }
    return true;
}

bool StripeEventPull::pull(SyncRunSummary &summary)
{
    SyncState state(m_ctx.db);
    const QString cursor = state.get(SyncState::EventCursor);
    const qint64 cursorCreated = state.get(SyncState::EventCursorCreated).toLongLong();
    const qint64 now = m_ctx.clock.now().toSecsSinceEpoch();
    m_ctx.progress(QStringLiteral("Reading Stripe events"), 0, 0);
    bool fromStart = cursor.isEmpty() || cursorCreated <= 0;
    if (!fromStart && now - cursorCreated > CursorTrustSeconds) {
        // Stripe keeps events 30 days: noticed before Stripe refuses the cursor. What happened
        // meanwhile is read from the objects themselves; then every event Stripe still has.
        m_ctx.journal.log(QStringLiteral("warning"), QStringLiteral("event"), 0, {},
                          QStringLiteral("the last Stripe event read is from %1, older than the 30 days Stripe keeps events; reading every open "
                                         "invoice directly")
                              .arg(toApiTimestamp(QDateTime::fromSecsSinceEpoch(cursorCreated, Qt::UTC))));
        if (!reconcile(summary))
            return false;
        fromStart = true;
    } else {
        const QDateTime last = fromIsoUtc(state.get(SyncState::LastReconcileAt));
        if (!last.isValid() || now - last.toSecsSinceEpoch() > ReconcileEverySeconds) {
            if (!reconcile(summary))
                return false;
        }
    }
    // Newest first from Stripe, back to the cursor's second (events of that second again: the
    // log records each event once), then recorded oldest first.
    QList<QJsonObject> newestFirst;
    QString after;
    for (;;) {
        if (m_ctx.cancelled())
            return true;
        FormParams q;
        q.add(QStringLiteral("limit"), QStringLiteral("100"));
        for (const QString &t : handledTypes())
            q.add(QStringLiteral("types[]"), t);
        if (!fromStart)
            q.addNested(QStringLiteral("created"), QStringLiteral("gte"), QString::number(cursorCreated));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/events"), q);
        StripeSyncContext::count(summary, r);
        if (!r.ok() && r.error.code == QLatin1String("resource_missing") && !fromStart) {
            // Stripe no longer has what the read started from (its clock ran further than
            // ours, or an event aged out between two pages): read the objects themselves, then
            // every event Stripe still keeps. Never a stop: a stop here would recur every run.
            m_ctx.journal.log(QStringLiteral("warning"), QStringLiteral("event"), 0, {},
                              QStringLiteral("Stripe no longer has the events Orb read up to (%1); reading every open invoice directly").arg(r.error.message));
            if (!reconcile(summary))
                return false;
            fromStart = true;
            after.clear();
            newestFirst.clear();
            continue;
        }
        if (!r.ok())
            return stop(r.error, summary);
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &e : data)
            newestFirst.append(e.toObject());
        if (data.isEmpty() || !r.response.json.value(QLatin1String("has_more")).toBool())
            break;
        after = newestFirst.last().value(QLatin1String("id")).toString();
    }
    std::reverse(newestFirst.begin(), newestFirst.end());
    for (qsizetype i = 0; i < newestFirst.size(); i += 100) {
        if (m_ctx.cancelled())
            return true;
        QList<PulledEvent> page;
        if (!prepare(newestFirst.mid(i, 100), &page, summary))
            return false;
        summary.eventsSeen += m_ctx.journal.recordEventPage(page, m_ctx.sink);
    }
    return true;
}

bool StripeEventPull::reconcile(SyncRunSummary &summary)
{
    const QList<QPair<QString, QString>> invoices = StripeFollowUps(m_ctx.db).mappedOpenInvoices();
    int done = 0;
    for (const auto &[local, stripe] : invoices) {
        if (m_ctx.cancelled())
            return true;
        m_ctx.progress(QStringLiteral("Reconciling invoices"), done++, int(invoices.size()));
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/invoices/") + stripe);
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            if (r.error.status == 404) {
                // A draft Orb deleted (a void before finalizing), or gone for another reason:
                // nothing to read; the mapping goes so it is not asked again.
                m_ctx.journal.unmap(InvoiceType, local);
                m_ctx.journal.log(QStringLiteral("warning"), QStringLiteral("reconcile"), 0, stripe,
                                  QStringLiteral("Stripe no longer has invoice %1 (Orb invoice %2); skipped and unmapped").arg(stripe, local));
                continue;
            }
            return stop(r.error, summary);
        }
        const QJsonObject inv = r.response.json;
        const QString status = inv.value(QLatin1String("status")).toString();
        StripePayment p;
        p.stripeObjectId = stripe;
        p.stripeInvoiceId = stripe;
        p.localInvoiceId = local;
        p.currency = inv.value(QLatin1String("currency")).toString().toUpper();
        p.occurredAt = m_ctx.clock.now();
        const qint64 paid = inv.value(QLatin1String("amount_paid")).toInteger();
        if (status == QLatin1String("paid") || (status == QLatin1String("open") && paid > 0)) {
            p.kind = QStringLiteral("payment");
            p.amountMinor = paid;
            p.outOfBand = inv.value(QLatin1String("paid_out_of_band")).toBool();
        } else if (status == QLatin1String("void")) {
            p.kind = QStringLiteral("invoice_voided");
        } else if (status == QLatin1String("uncollectible")) {
            p.kind = QStringLiteral("invoice_uncollectible");
        }
        if (!p.kind.isEmpty())
            m_ctx.journal.recordRead(p, m_ctx.sink, QStringLiteral("reconcile"));
        // The money that moved after the payment: refunds and disputes of its charge.
        const QString charge = inv.value(QLatin1String("charge")).toString();
        if (charge.isEmpty())
            continue;
        const StripeResult c = m_ctx.client.get(QStringLiteral("/v1/charges/") + charge);
        StripeSyncContext::count(summary, c);
        if (!c.ok()) {
            if (c.error.status == 404)
                continue;
            return stop(c.error, summary);
        }
        if (c.response.json.value(QLatin1String("amount_refunded")).toInteger() > 0) {
            StripePayment refund = p;
            refund.kind = QStringLiteral("refund");
            refund.stripeObjectId = charge;
            refund.chargeId = charge;
            refund.outOfBand = false;
            refund.amountMinor = c.response.json.value(QLatin1String("amount_refunded")).toInteger();
            m_ctx.journal.recordRead(refund, m_ctx.sink, QStringLiteral("reconcile"));
        }
        if (c.response.json.value(QLatin1String("disputed")).toBool()) {
            FormParams q;
            q.add(QStringLiteral("charge"), charge).add(QStringLiteral("limit"), QStringLiteral("10"));
            const StripeResult d = m_ctx.client.get(QStringLiteral("/v1/disputes"), q);
            StripeSyncContext::count(summary, d);
            if (!d.ok())
                return stop(d.error, summary);
            for (const QJsonValue &v : d.response.json.value(QLatin1String("data")).toArray()) {
                const QJsonObject dispute = v.toObject();
                StripePayment dp = p;
                dp.stripeObjectId = dispute.value(QLatin1String("id")).toString();
                dp.chargeId = charge;
                dp.status = dispute.value(QLatin1String("status")).toString();
                dp.kind = dp.status == QLatin1String("won") || dp.status == QLatin1String("lost") ? QStringLiteral("dispute_closed")
                                                                                                  : QStringLiteral("dispute_opened");
                dp.amountMinor = dispute.value(QLatin1String("amount")).toInteger();
                m_ctx.journal.recordRead(dp, m_ctx.sink, QStringLiteral("reconcile"));
            }
        }
    }
    m_ctx.journal.setState(SyncState::LastReconcileAt, toIsoUtc(m_ctx.clock.now()));
    return true;
}

} // namespace orb
