// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/StripePaymentRecorder.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "models/sync/SyncLog.h"

namespace orb {

namespace {

const QString ReferencePrefix = QStringLiteral("stripe:");

QString nameOf(const Invoice &inv)
{
    return inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
}

} // namespace

QString StripePaymentRecorder::referenceFor(const QString &stripeInvoiceId, qint64 amountPaidMinor)
{
    return ReferencePrefix + stripeInvoiceId + QLatin1Char(':') + QString::number(amountPaidMinor);
}

void StripePaymentRecorder::warn(Database &db, const StripePayment &payment, const QString &message) const
{
    // The event itself is already in the log under its id (one line per event id).
    SyncLog(db).add({0, m_clock.now(), QStringLiteral("warning"), QStringLiteral("event"), 0, {}, payment.kind, payment.stripeObjectId, message});
}

QString StripePaymentRecorder::record(Database &db, const StripePayment &payment)
{
    if (payment.kind == QLatin1String("payment"))
        return recordPayment(db, payment);
    if (payment.kind == QLatin1String("payment_failed"))
        return {}; // no state change; the pull has logged it as a warning
    std::optional<Invoice> inv;
    if (!payment.localInvoiceId.isEmpty())
        inv = InvoiceRepository(db).find(payment.localInvoiceId);
    const QString name = inv ? nameOf(*inv) : QStringLiteral("(not an Orb invoice)");
    if (payment.kind == QLatin1String("refund")) {
        const int places = Currency::fromCode(payment.currency) ? Currency::fromCode(payment.currency)->minorUnits() : 2;
        warn(db, payment, QStringLiteral("Stripe refunded %1 %2 of charge %3 for invoice %4; record it in Orb as a credit note of kind refund")
                              .arg(Decimal::fromMinorUnits(payment.amountMinor, places).toString(), payment.currency, payment.stripeObjectId, name));
        return {};
    }
    if (payment.kind == QLatin1String("invoice_voided") || payment.kind == QLatin1String("invoice_uncollectible")) {
        if (inv && inv->status == QLatin1String("void"))
            return {}; // Orb voided it first and told Stripe
        const QString what = payment.kind == QLatin1String("invoice_voided") ? QStringLiteral("voided") : QStringLiteral("marked uncollectible");
        warn(db, payment, QStringLiteral("invoice %1 was %2 in Stripe (%3); Orb keeps it %4, void it or credit it in Orb if that was meant")
                              .arg(name, what, payment.stripeInvoiceId, inv ? inv->status : QStringLiteral("unknown")));
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
    const Decimal fresh = paidInAll - recorded;
    if (!fresh.isPositive())
        return {}; // recorded already
    if (inv->status != QLatin1String("issued"))
        return QStringLiteral("Stripe invoice %1 received %2 %3 but Orb invoice %4 is %5; not recorded, check it by hand")
            .arg(payment.stripeInvoiceId, fresh.toString(), inv->currency, nameOf(*inv), inv->status);
    const QDate paidOn = (payment.occurredAt.isValid() ? payment.occurredAt : m_clock.now()).toUTC().date();
    try {
        InvoiceService::recordPaymentWithin(db, m_clock.now(), inv->id, fresh, paidOn, QStringLiteral("stripe"),
                                            referenceFor(payment.stripeInvoiceId, payment.amountMinor),
                                            QStringLiteral("Stripe invoice %1").arg(payment.stripeInvoiceId));
    } catch (const ServiceError &e) {
        if (e.kind() == ServiceError::Kind::Storage)
            throw;
        return e.message();
    }
    return {};
}

} // namespace orb
