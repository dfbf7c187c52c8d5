// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeFollowUpPush.h"

#include "engine/Currency.h"
#include "models/billing/InvoiceRepository.h"
#include "models/sync/StripeFollowUps.h"
#include "models/sync/StripeIdMap.h"

#include <QJsonArray>

namespace orb {

namespace {

const QString InvoiceType = QStringLiteral("invoice");

qint64 minorOf(const Decimal &amount, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return amount.toMinorUnits(c ? c->minorUnits() : 2);
}

} // namespace

std::optional<QString> StripeFollowUpPush::findCreditNote(const QString &stripeInvoice, const QString &key, const QString &value, SyncRunSummary &summary,
                                                          StripeError *error)
{
    QString after;
    for (;;) {
        FormParams q;
        q.add(QStringLiteral("invoice"), stripeInvoice).add(QStringLiteral("limit"), QStringLiteral("100"));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/credit_notes"), q);
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            *error = r.error;
            return std::nullopt;
        }
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("metadata")).toObject().value(key).toString() == value)
                return o.value(QLatin1String("id")).toString();
        }
        if (data.isEmpty() || !r.response.json.value(QLatin1String("has_more")).toBool())
            return QString();
        after = data.last().toObject().value(QLatin1String("id")).toString();
    }
}

std::optional<QJsonObject> StripeFollowUpPush::stripeInvoice(const OutboxItem &item, const QString &invoiceId, SyncRunSummary &summary, PushOutcome *outcome)
{
    const auto stripeId = StripeIdMap(m_ctx.db).stripeId(InvoiceType, invoiceId);
    if (!stripeId) {
        *outcome = m_ctx.finish(item, QStringLiteral("info"), {},
                                QStringLiteral("%1 %2: its invoice is not in Stripe; nothing to tell").arg(item.objectType, item.objectId), summary);
        return std::nullopt;
    }
    const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/invoices/") + *stripeId);
    StripeSyncContext::count(summary, r);
    if (!r.ok()) {
        if (r.error.status == 404) {
            *outcome =
                m_ctx.finish(item, QStringLiteral("warning"), *stripeId,
                             QStringLiteral("%1 %2: Stripe no longer has invoice %3; nothing told").arg(item.objectType, item.objectId, *stripeId), summary);
            return std::nullopt;
        }
        *outcome = m_ctx.failOrWait(item, r.error, summary);
        return std::nullopt;
    }
    return r.response.json;
}

PushOutcome StripeFollowUpPush::createCreditNote(const OutboxItem &item, const QString &stripeInvoice, qint64 amount, qint64 remaining, const QString &metaKey,
                                                 const QString &memo, const QString &what, SyncRunSummary &summary)
{
    StripeError error;
    const auto found = findCreditNote(stripeInvoice, metaKey, item.objectId, summary, &error);
    if (!found)
        return m_ctx.failOrWait(item, error, summary);
    const QString type = item.objectType == StripeFollowUps::PaymentItem ? StripeFollowUps::PaymentType : StripeFollowUps::CreditNoteType;
    if (!found->isEmpty()) {
        m_ctx.journal.finishFollowUp(item, type, *found, QStringLiteral("info"),
                                     QStringLiteral("%1 is already in Stripe as credit note %2 on %3").arg(what, *found, stripeInvoice));
        ++summary.pushed;
        return PushOutcome::Done;
    }
    // On an open invoice a credit note first lowers what is left to pay; what goes beyond
    // (or all of it on a paid invoice) must be said to be settled outside Stripe.
    const qint64 outside = amount - std::min(amount, std::max<qint64>(0, remaining));
    FormParams p;
    p.add(QStringLiteral("invoice"), stripeInvoice)
        .add(QStringLiteral("amount"), QString::number(amount))
        .add(QStringLiteral("memo"), memo.left(500))
        .addNested(QStringLiteral("metadata"), metaKey, item.objectId);
    if (outside > 0)
        p.add(QStringLiteral("out_of_band_amount"), QString::number(outside));
    const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/credit_notes"), p, item.idempotencyKey(QStringLiteral("credit-note")));
    StripeSyncContext::count(summary, r);
    if (!r.ok())
        return m_ctx.failOrWait(item, r.error, summary);
    const QString id = r.response.json.value(QLatin1String("id")).toString();
    m_ctx.journal.finishFollowUp(item, type, id, QStringLiteral("info"),
                                 QStringLiteral("%1 told to Stripe as credit note %2 on %3 (%4 minor units%5)")
                                     .arg(what, id, stripeInvoice)
                                     .arg(amount)
                                     .arg(outside > 0 ? QStringLiteral(", %1 out of band").arg(outside) : QString()));
    ++summary.pushed;
    return PushOutcome::Done;
}

PushOutcome StripeFollowUpPush::pushPayment(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto payment = StripeFollowUps(m_ctx.db).findPayment(item.objectId);
    if (!payment)
        return m_ctx.finish(item, QStringLiteral("warning"), {}, QStringLiteral("payment %1 no longer exists in Orb; nothing told").arg(item.objectId),
                            summary);
    PushOutcome outcome = PushOutcome::Done;
    const auto si = stripeInvoice(item, payment->invoiceId, summary, &outcome);
    if (!si)
        return outcome;
    const QString sid = si->value(QLatin1String("id")).toString();
    const QString status = si->value(QLatin1String("status")).toString();
    const qint64 amount = minorOf(payment->amount, payment->currency);
    const QString what = QStringLiteral("payment %1 (%2 %3, %4)").arg(payment->id, payment->amount.toString(), payment->currency, payment->method);
    const QString type = StripeFollowUps::PaymentType;
    if (status == QLatin1String("void") || status == QLatin1String("uncollectible"))
        return m_ctx.refuse(item, QStringLiteral("%1 was recorded in Orb but Stripe invoice %2 is %3; check the invoice in both").arg(what, sid, status),
                            summary);
    if (status == QLatin1String("draft"))
        return m_ctx.refuse(item, QStringLiteral("%1: Stripe invoice %2 is still a draft; push the invoice first").arg(what, sid), summary);
    const QJsonObject meta = si->value(QLatin1String("metadata")).toObject();
    if (status == QLatin1String("paid")) {
        if (si->value(QLatin1String("paid_out_of_band")).toBool() && meta.value(QLatin1String("orb_paid_by")).toString() == payment->id) {
            m_ctx.journal.finishFollowUp(item, type, sid, QStringLiteral("info"),
                                         QStringLiteral("%1 is already in Stripe: %2 paid out of band").arg(what, sid));
            ++summary.pushed;
            return PushOutcome::Done;
        }
        StripeError error;
        const auto found = findCreditNote(sid, QStringLiteral("orb_payment_id"), payment->id, summary, &error);
        if (!found)
            return m_ctx.failOrWait(item, error, summary);
        if (!found->isEmpty()) {
            m_ctx.journal.finishFollowUp(item, type, *found, QStringLiteral("info"),
                                         QStringLiteral("%1 is already in Stripe as credit note %2").arg(what, *found));
            ++summary.pushed;
            return PushOutcome::Done;
        }
        // Paid in Stripe and in Orb: the customer paid twice. Only a person can decide
        // which payment to give back.
        return m_ctx.refuse(item,
                            QStringLiteral("%1 was recorded in Orb, but Stripe invoice %2 is paid in Stripe as well: the customer may have paid twice; "
                                           "refund one of the payments (in Stripe, or in Orb with a credit note of kind refund), then skip this item")
                                .arg(what, sid),
                            summary);
    }
    // An earlier attempt may have told Stripe already as a credit note, whose answer was lost:
    // that note lowered amount_remaining, so the payment may now seem to settle the rest.
    // Look for it before choosing how to tell Stripe, or the payment is told twice.
    StripeError error;
    const auto earlier = findCreditNote(sid, QStringLiteral("orb_payment_id"), payment->id, summary, &error);
    if (!earlier)
        return m_ctx.failOrWait(item, error, summary);
    if (!earlier->isEmpty()) {
        m_ctx.journal.finishFollowUp(item, type, *earlier, QStringLiteral("info"),
                                     QStringLiteral("%1 is already in Stripe as credit note %2").arg(what, *earlier));
        ++summary.pushed;
        return PushOutcome::Done;
    }
    const qint64 remaining = si->value(QLatin1String("amount_remaining")).toInteger();
    if (amount >= remaining) {
        // It settles what Stripe still asks for: paid out of band, named in the metadata
        // first so that a later run knows whose payment it was.
        // An earlier attempt may have named it already (its answer lost): not again, since
        // every update is an event in Stripe.
        if (meta.value(QLatin1String("orb_paid_by")).toString() != payment->id) {
            FormParams m;
            m.addNested(QStringLiteral("metadata"), QStringLiteral("orb_paid_by"), payment->id);
            const StripeResult named = m_ctx.client.post(QStringLiteral("/v1/invoices/") + sid, m, item.idempotencyKey(QStringLiteral("paid-by")));
            StripeSyncContext::count(summary, named);
            if (!named.ok())
                return m_ctx.failOrWait(item, named.error, summary);
        }
        FormParams pay;
        pay.add(QStringLiteral("paid_out_of_band"), QStringLiteral("true"));
        const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/invoices/%1/pay").arg(sid), pay, item.idempotencyKey(QStringLiteral("pay-oob")));
        StripeSyncContext::count(summary, r);
        if (!r.ok())
            return m_ctx.failOrWait(item, r.error, summary);
        m_ctx.journal.finishFollowUp(
            item, type, sid, amount > remaining ? QStringLiteral("warning") : QStringLiteral("info"),
            QStringLiteral("%1 told to Stripe: %2 paid out of band%3")
                .arg(what, sid,
                     amount > remaining ? QStringLiteral(" (Orb recorded %1 minor units, Stripe asked for %2)").arg(amount).arg(remaining) : QString()));
        ++summary.pushed;
        return PushOutcome::Done;
    }
    return createCreditNote(
        item, sid, amount, remaining, QStringLiteral("orb_payment_id"),
        QStringLiteral("Paid outside Stripe (%1%2)").arg(payment->method, payment->reference.isEmpty() ? QString() : QStringLiteral(", ") + payment->reference),
        what, summary);
}

PushOutcome StripeFollowUpPush::pushCreditNote(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto note = StripeFollowUps(m_ctx.db).findCreditNote(item.objectId);
    if (!note)
        return m_ctx.finish(item, QStringLiteral("warning"), {}, QStringLiteral("credit note %1 no longer exists in Orb; nothing told").arg(item.objectId),
                            summary);
    PushOutcome outcome = PushOutcome::Done;
    const auto si = stripeInvoice(item, note->invoiceId, summary, &outcome);
    if (!si)
        return outcome;
    const QString sid = si->value(QLatin1String("id")).toString();
    const QString status = si->value(QLatin1String("status")).toString();
    const QString what = QStringLiteral("credit note %1 (%2 %3)").arg(note->number, note->total.toString(), note->currency);
    if (status == QLatin1String("void"))
        return m_ctx.finish(item, QStringLiteral("info"), sid, QStringLiteral("%1: Stripe invoice %2 is void; nothing to tell").arg(what, sid), summary);
    if (status == QLatin1String("draft"))
        return m_ctx.refuse(item, QStringLiteral("%1: Stripe invoice %2 is still a draft; push the invoice first").arg(what, sid), summary);
    const qint64 remaining = status == QLatin1String("open") ? si->value(QLatin1String("amount_remaining")).toInteger() : 0;
    return createCreditNote(item, sid, minorOf(note->total, note->currency), remaining, QStringLiteral("orb_credit_note_id"),
                            QStringLiteral("Orb credit note %1: %2").arg(note->number, note->reason), what, summary);
}

} // namespace orb
