// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/StripePaymentRecorder.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "models/sync/StripeFollowUps.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"

namespace orb {

namespace {

const QString ReferencePrefix = QStringLiteral("stripe:");

/// Id map type of the money movements already acted on (each refund total, dispute state
/// and Stripe-side credit note once, whether seen in an event or in the daily direct read).
const QString MovementType = QStringLiteral("stripe_movement");
/// Id map type of what each charge's refunds came to when last recorded (charge → minor units).
const QString RefundedType = QStringLiteral("stripe_refunded");
/// Id map type linking a credit note Orb made for money given back to the payment it gives back.
const QString RefundOfType = QStringLiteral("refund_of");

QString nameOf(const Invoice &inv)
{
    return inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
}

} // namespace

QString StripePaymentRecorder::referenceFor(const QString &stripeInvoiceId, qint64 amountPaidMinor)
{
    return ReferencePrefix + stripeInvoiceId + QLatin1Char(':') + QString::number(amountPaidMinor);
}

void StripePaymentRecorder::warn(Database &db, const StripePayment &payment, const QString &message, const QString &type) const
{
    // The event itself is already in the log under its id (one line per event id).
    SyncLog(db).add(
        {0, m_clock.now(), QStringLiteral("warning"), QStringLiteral("event"), 0, {}, type.isEmpty() ? payment.kind : type, payment.stripeObjectId, message});
}

std::optional<Payment> StripePaymentRecorder::stripePaymentOf(Database &db, const Invoice &inv, const QString &stripeInvoiceId)
{
    // The latest payment Orb recorded from this Stripe invoice: what the charge paid.
    const QString prefix = ReferencePrefix + stripeInvoiceId + QLatin1Char(':');
    std::optional<Payment> found;
    for (const Payment &p : InvoiceRepository(db).payments(inv.id))
        if (p.reference.startsWith(prefix))
            found = p;
    return found;
}

QString StripePaymentRecorder::giveBack(Database &db, const Invoice &inv, const StripePayment &payment, qint64 minor, const QString &reason,
                                        const QString &source, CreditNote *note) const
{
    if (payment.currency.compare(inv.currency, Qt::CaseInsensitive) != 0)
        return QStringLiteral("%1 in %2 on invoice %3, which is in %4; not recorded, record it by hand")
            .arg(source, payment.currency, nameOf(inv), inv.currency);
    if (inv.status != InvoiceStatus::Issued && inv.status != InvoiceStatus::Paid)
        return QStringLiteral("%1 on invoice %2, which is %3 in Orb; not recorded, check it by hand").arg(source, nameOf(inv), toText(inv.status));
    const auto currency = Currency::fromCode(inv.currency);
    const Decimal amount = Decimal::fromMinorUnits(minor, currency ? currency->minorUnits() : 2);
    const auto paid = stripePaymentOf(db, inv, payment.stripeInvoiceId);
    const QString memo = paid ? QStringLiteral("Given back from payment %1 (%2 on %3), Stripe charge %4")
                                    .arg(paid->id, moneyText(paid->amount, paid->currency), paid->paidOn.toString(Qt::ISODate), payment.chargeId)
                              : QStringLiteral("Given back in Stripe, charge %1").arg(payment.chargeId);
    try {
        *note = InvoiceService::refundWithin(db, m_clock.now(), inv.id, amount, reason, memo);
    } catch (const ServiceError &e) {
        if (e.kind() == ServiceError::Kind::Storage)
            throw;
        return QStringLiteral("%1 on invoice %2: %3; record it by hand").arg(source, nameOf(inv), e.message());
    }
    // Stripe knows of it (it moved the money): the credit note is never sent back to Stripe.
    StripeFollowUps(db).markTold({}, {note->id}, payment.stripeObjectId);
    if (paid)
        StripeIdMap(db).set(RefundOfType, note->id, paid->id);
    return {};
}

QString StripePaymentRecorder::recordRefund(Database &db, const StripePayment &payment, const std::optional<Invoice> &inv)
{
    // Stripe states what the charge has given back in all; what Orb has not yet recorded of it
    // becomes one credit note of kind refund.
    if (!inv)
        return QStringLiteral("Stripe refunded charge %1, which is not for an invoice Orb sent to Stripe; record it by hand if it belongs to one")
            .arg(payment.stripeObjectId);
    // Stripe's answer is untrusted: a refund that names no charge cannot be kept apart from
    // others, so it is reported rather than recorded (and never stops the sync).
    if (payment.chargeId.isEmpty() || payment.stripeObjectId.isEmpty())
        return QStringLiteral("Stripe reported a refund on invoice %1 without naming its charge; check it in Stripe and record it by hand")
            .arg(inv->invoiceNumber.isEmpty() ? inv->id : inv->invoiceNumber);
    StripeIdMap ids(db);
    const qint64 before = ids.stripeId(RefundedType, payment.chargeId).value_or(QStringLiteral("0")).toLongLong();
    const qint64 fresh = payment.amountMinor - before;
    if (fresh <= 0)
        return {};
    ids.set(RefundedType, payment.chargeId, QString::number(payment.amountMinor));
    const int places = Currency::fromCode(payment.currency) ? Currency::fromCode(payment.currency)->minorUnits() : 2;
    const QString amount = Decimal::fromMinorUnits(fresh, places).toString() + QLatin1Char(' ') + payment.currency;
    CreditNote note;
    const QString error = giveBack(db, *inv, payment, fresh, QStringLiteral("Refunded in Stripe (charge %1)").arg(payment.chargeId),
                                   QStringLiteral("Stripe refunded %1 of charge %2").arg(amount, payment.chargeId), &note);
    if (!error.isEmpty())
        return error;
    warn(db, payment,
         QStringLiteral("Stripe refunded %1 of charge %2 for invoice %3: recorded as credit note %4 (refund)")
             .arg(amount, payment.chargeId, nameOf(*inv), note.number),
         QStringLiteral("refund_recorded"));
    return {};
}

QString StripePaymentRecorder::writeOffLostDispute(Database &db, const StripePayment &payment, const std::optional<Invoice> &inv, const QString &amount)
{
    // The bank took the money back for good: the same as a refund in Orb's books.
    if (!inv)
        return QStringLiteral("dispute %1 was lost (%2) on charge %3, which is not for an invoice Orb sent to Stripe; write it off by hand")
            .arg(payment.stripeObjectId, amount, payment.chargeId);
    if (payment.chargeId.isEmpty() || payment.stripeObjectId.isEmpty())
        return QStringLiteral("Stripe reported a lost dispute (%1) on invoice %2 without naming it or its charge; write it off by hand")
            .arg(amount, inv->invoiceNumber.isEmpty() ? inv->id : inv->invoiceNumber);
    CreditNote note;
    const QString error = giveBack(db, *inv, payment, payment.amountMinor,
                                   QStringLiteral("Dispute lost in Stripe (dispute %1, charge %2)").arg(payment.stripeObjectId, payment.chargeId),
                                   QStringLiteral("dispute %1 was lost (%2)").arg(payment.stripeObjectId, amount), &note);
    if (!error.isEmpty())
        return error;
    warn(db, payment,
         QStringLiteral("dispute %1 on invoice %2 ended lost: %3 is lost, written off in Orb with credit note %4")
             .arg(payment.stripeObjectId, nameOf(*inv), amount, note.number),
         QStringLiteral("dispute_lost"));
    return {};
}

QString StripePaymentRecorder::record(Database &db, const StripePayment &payment)
{
    // Stripe's answer is untrusted: a movement without its object's id cannot be recorded
    // exactly once, so it is reported for a person and never stops the sync.
    if (payment.stripeObjectId.isEmpty())
        return QStringLiteral("Stripe reported a %1 on invoice %2 without its id; check it in Stripe").arg(payment.kind, payment.stripeInvoiceId);
    if (payment.kind == QLatin1String("payment"))
        return recordPayment(db, payment);
    if (payment.kind == QLatin1String("payment_failed"))
        return {}; // no state change; the pull has logged it as a warning
    std::optional<Invoice> inv;
    if (!payment.localInvoiceId.isEmpty())
        inv = InvoiceRepository(db).find(payment.localInvoiceId);
    const QString name = inv ? nameOf(*inv) : QStringLiteral("(not an Orb invoice)");
    const int places = Currency::fromCode(payment.currency) ? Currency::fromCode(payment.currency)->minorUnits() : 2;
    const QString amount = Decimal::fromMinorUnits(payment.amountMinor, places).toString() + QLatin1Char(' ') + payment.currency;
    // Each state of a movement once: a refund by its running total, a dispute by its status.
    const QString movement = QStringLiteral("%1:%2:%3")
                                 .arg(payment.kind, payment.stripeObjectId,
                                      payment.kind.startsWith(QLatin1String("dispute")) ? payment.status : QString::number(payment.amountMinor));
    StripeIdMap ids(db);
    const bool isMovement = payment.kind == QLatin1String("refund") || payment.kind.startsWith(QLatin1String("dispute"))
                            || payment.kind.startsWith(QLatin1String("credit_note")) || payment.kind == QLatin1String("invoice_voided")
                            || payment.kind == QLatin1String("invoice_uncollectible");
    if (isMovement && ids.stripeId(MovementType, movement))
        return {};
    if (isMovement)
        ids.set(MovementType, movement, payment.stripeObjectId);
    if (payment.kind == QLatin1String("refund"))
        return recordRefund(db, payment, inv);
    if (payment.kind.startsWith(QLatin1String("dispute")) && inv) {
        // The invoice's dispute as it stands, for invoices show, the detail and the Sync screen.
        ids.set(QStringLiteral("dispute"), inv->id,
                QStringLiteral("%1|%2|%3|%4").arg(payment.stripeObjectId, payment.status).arg(payment.amountMinor).arg(payment.currency));
    }
    if (payment.kind == QLatin1String("dispute_opened")) {
        warn(db, payment,
             QStringLiteral("the customer disputed charge %1 for invoice %2 (%3, dispute %4 %5): the funds are withdrawn until it is "
                            "decided; answer it in Stripe")
                 .arg(payment.chargeId, name, amount, payment.stripeObjectId, payment.status));
        return {};
    }
    if (payment.kind == QLatin1String("dispute_closed")) {
        if (payment.status == QLatin1String("won")) {
            warn(db, payment, QStringLiteral("dispute %1 on invoice %2 was won: %3 comes back").arg(payment.stripeObjectId, name, amount),
                 QStringLiteral("dispute_won"));
            return {};
        }
        if (payment.status == QLatin1String("lost"))
            return writeOffLostDispute(db, payment, inv, amount);
        // An inquiry closed without a chargeback (warning_closed): no money moved.
        warn(db, payment, QStringLiteral("dispute %1 on invoice %2 ended %3 (%4)").arg(payment.stripeObjectId, name, payment.status, amount));
        return {};
    }
    if (payment.kind == QLatin1String("credit_note") && !payment.refundId.isEmpty()) {
        // Its money went back as a refund of the charge, which is recorded from charge.refunded:
        // making the same change in Orb by hand as well would count it twice.
        warn(db, payment,
             QStringLiteral("a credit note of %1 was issued in Stripe on invoice %2 (%3) with refund %4; the refund is recorded in Orb from the "
                            "charge as a credit note of kind refund")
                 .arg(amount, name, payment.stripeObjectId, payment.refundId),
             QStringLiteral("credit_note_refund"));
        return {};
    }
    if (payment.kind == QLatin1String("credit_note") || payment.kind == QLatin1String("credit_note_voided")) {
        warn(
            db, payment,
            QStringLiteral("a credit note of %1 was %2 in Stripe on invoice %3 (%4); make the same change in Orb")
                .arg(amount, payment.kind == QLatin1String("credit_note") ? QStringLiteral("issued") : QStringLiteral("voided"), name, payment.stripeObjectId));
        return {};
    }
    if (payment.kind == QLatin1String("invoice_voided") || payment.kind == QLatin1String("invoice_uncollectible")) {
        if (inv && inv->status == InvoiceStatus::Void)
            return {}; // Orb voided it first and told Stripe
        const QString what = payment.kind == QLatin1String("invoice_voided") ? QStringLiteral("voided") : QStringLiteral("marked uncollectible");
        warn(db, payment,
             QStringLiteral("invoice %1 was %2 in Stripe (%3); Orb keeps it %4, void it or credit it in Orb if that was meant")
                 .arg(name, what, payment.stripeInvoiceId, inv ? toText(inv->status) : QStringLiteral("unknown")));
        return {};
    }
    return QStringLiteral("unknown kind of Stripe movement \"%1\"").arg(payment.kind);
}

QString StripePaymentRecorder::recordPayment(Database &db, const StripePayment &payment)
{
    if (payment.localInvoiceId.isEmpty() || payment.stripeInvoiceId.isEmpty())
        return QStringLiteral("payment %1 is not for an invoice Orb sent to Stripe; record it by hand if it belongs to one").arg(payment.stripeObjectId);
    InvoiceRepository repo(db);
    const auto inv = repo.find(payment.localInvoiceId);
    if (!inv)
        return QStringLiteral("Stripe invoice %1 names Orb invoice %2, which does not exist").arg(payment.stripeInvoiceId, payment.localInvoiceId);
    if (payment.currency.compare(inv->currency, Qt::CaseInsensitive) != 0)
        return QStringLiteral("Stripe invoice %1 was paid in %2 but Orb invoice %3 is in %4; not recorded")
            .arg(payment.stripeInvoiceId, payment.currency, nameOf(*inv), inv->currency);
    const auto currency = Currency::fromCode(inv->currency);
    const int places = currency ? currency->minorUnits() : 2;
    const Decimal paidInAll = Decimal::fromMinorUnits(payment.amountMinor, places);
    // What this Stripe invoice has already brought in, recorded by earlier events or reads.
    const QString prefix = ReferencePrefix + payment.stripeInvoiceId + QLatin1Char(':');
    Decimal recorded;
    for (const Payment &p : repo.payments(inv->id))
        if (p.reference.startsWith(prefix))
            recorded += p.amount;
    Decimal fresh = paidInAll - recorded;
    if (!fresh.isPositive())
        return {}; // recorded already
    if (payment.outOfBand) {
        // Stripe was told the money came outside Stripe: Orb has it already (a payment told to
        // Stripe), or, for what Orb still lacks, it is booked as paid outside Stripe.
        if (inv->status != InvoiceStatus::Issued || !inv->amountRemaining().isPositive())
            return {};
        fresh = Decimal::min(fresh, inv->amountRemaining());
    }
    if (inv->status != InvoiceStatus::Issued)
        return QStringLiteral("Stripe invoice %1 received %2 %3 but Orb invoice %4 is %5; not recorded, check it by hand")
            .arg(payment.stripeInvoiceId, fresh.toString(), inv->currency, nameOf(*inv), toText(inv->status));
    const QDate paidOn = (payment.occurredAt.isValid() ? payment.occurredAt : m_clock.now()).toUTC().date();
    try {
        InvoiceService::recordPaymentWithin(db, m_clock.now(), inv->id, fresh, paidOn,
                                            payment.outOfBand ? QStringLiteral("stripe_out_of_band") : QStringLiteral("stripe"),
                                            referenceFor(payment.stripeInvoiceId, payment.amountMinor),
                                            payment.outOfBand ? QStringLiteral("Stripe invoice %1, paid outside Stripe").arg(payment.stripeInvoiceId)
                                                              : QStringLiteral("Stripe invoice %1").arg(payment.stripeInvoiceId));
    } catch (const ServiceError &e) {
        if (e.kind() == ServiceError::Kind::Storage)
            throw;
        return e.message();
    }
    return {};
}

} // namespace orb
