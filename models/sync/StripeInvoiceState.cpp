// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/StripeInvoiceState.h"

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "models/CustomerRepository.h"
#include "models/Database.h"
#include "models/billing/InvoiceRepository.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/StripeSettings.h"
#include "models/sync/SyncState.h"

namespace orb {

std::optional<StripeInvoiceState> StripeInvoiceState::of(Database &db, const QString &invoiceId)
{
    StripeInvoiceState s;
    s.stripeId = StripeIdMap(db).stripeId(QStringLiteral("invoice"), invoiceId).value_or(QString());
    QSqlQuery q = db.exec(QStringLiteral("SELECT state, COALESCE(last_error, '') FROM sync_outbox WHERE object_type = 'invoice' AND object_id = ? "
                                         "ORDER BY id DESC LIMIT 1"),
                          {invoiceId});
    QString itemState, error;
    if (q.next()) {
        itemState = q.value(0).toString();
        error = q.value(1).toString();
    }
    q.finish();
    if (itemState.isEmpty() && s.stripeId.isEmpty())
        return std::nullopt;
    if (const auto dispute = StripeIdMap(db).stripeId(QStringLiteral("dispute"), invoiceId)) {
        const QStringList d = dispute->split(QLatin1Char('|'));
        s.disputeId = d.value(0);
        s.disputeStatus = d.value(1);
        s.disputedMinor = d.value(2).toLongLong();
        s.disputeCurrency = d.value(3);
    }
    s.followUpsWaiting = db.scalar(QStringLiteral("SELECT COUNT(*) FROM sync_outbox WHERE state IN ('pending', 'failed') AND "
                                                  "((object_type = 'invoice_payment' AND object_id IN (SELECT id FROM payments WHERE invoice_id = ?)) OR "
                                                  "(object_type = 'invoice_credit' AND object_id IN (SELECT id FROM credit_notes WHERE invoice_id = ?)))"),
                                   {invoiceId, invoiceId})
                             .toInt();
    if (itemState == QLatin1String("failed")) {
        s.state = QStringLiteral("failed");
        s.message = error;
    } else if (itemState == QLatin1String("pending")) {
        s.state = QStringLiteral("queued");
        s.message = error;
    } else if (!s.stripeId.isEmpty()) {
        s.state = s.followUpsWaiting > 0 ? QStringLiteral("sent") : QStringLiteral("told");
    } else {
        s.state = QStringLiteral("not_sent");
    }
    if (s.stripeId.startsWith(QLatin1String("in_"))) {
        const bool live = SyncState(db).get(SyncState::AccountLivemode) == QLatin1String("true");
        s.dashboardUrl = QStringLiteral("https://dashboard.stripe.com/%1invoices/%2").arg(live ? QString() : QStringLiteral("test/"), s.stripeId);
    }
    return s;
}

QString StripeInvoiceState::automaticChargeId(Database &db, const QString &invoiceId)
{
    const auto stripeId = StripeIdMap(db).stripeId(QStringLiteral("invoice"), invoiceId);
    if (!stripeId)
        return {};
    const auto invoice = InvoiceRepository(db).find(invoiceId);
    if (!invoice)
        return {};
    const auto customer = CustomerRepository(db).findById(invoice->customerId);
    QString method = customer ? customer->metadata.value(QStringLiteral("stripe_collection_method")) : QString();
    if (method.isEmpty())
        method = StripeSettings(db).collectionMethod();
    return method == QLatin1String("charge_automatically") ? *stripeId : QString();
}

QString StripeInvoiceState::manualPaymentWarning(Database &db, const QString &invoiceId)
{
    const QString stripeId = automaticChargeId(db, invoiceId);
    if (stripeId.isEmpty())
        return {};
    const auto invoice = InvoiceRepository(db).find(invoiceId);
    return QStringLiteral("invoice %1 went to Stripe as %2 to be charged automatically: Stripe may be charging the card now. The next sync tells "
                          "Stripe of this payment (paid out of band, or a credit note for a part), which stops further charges; if the card was "
                          "charged meanwhile, the customer has paid twice and the Sync screen asks you to refund one")
        .arg(invoice->invoiceNumber.isEmpty() ? invoice->id : invoice->invoiceNumber, stripeId);
}

namespace {

bool disputeIsOpen(const QString &status)
{
    return !status.isEmpty() && status != QLatin1String("won") && status != QLatin1String("lost") && status != QLatin1String("warning_closed")
           && status != QLatin1String("charge_refunded");
}

bool disputeWithdrew(const QString &status)
{
    return !status.isEmpty() && status != QLatin1String("won") && !status.startsWith(QLatin1String("warning_"));
}

QString minorText(qint64 minor, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return Decimal::fromMinorUnits(minor, c ? c->minorUnits() : 2).toString();
}

} // namespace

bool StripeInvoiceState::disputeOpen() const
{
    return !disputeId.isEmpty() && disputeIsOpen(disputeStatus);
}

bool StripeInvoiceState::fundsWithdrawn() const
{
    return !disputeId.isEmpty() && disputeWithdrew(disputeStatus);
}

QList<StripeInvoiceState::Dispute> StripeInvoiceState::disputes(const Database &db, const QString &customerId)
{
    // The recorder keeps each invoice's dispute as it stands in the id map ("dispute": id|status|minor|currency).
    QString sql = QStringLiteral("SELECT i.invoice_number, i.id, COALESCE(c.name, ''), m.stripe_id FROM sync_stripe_ids m "
                                 "JOIN invoices i ON i.id = m.local_id LEFT JOIN customers c ON c.id = i.customer_id WHERE m.object_type = 'dispute' ");
    QVariantList binds;
    if (!customerId.isEmpty()) {
        sql += QStringLiteral("AND i.customer_id = ? ");
        binds << customerId;
    }
    QSqlQuery q = db.exec(sql + QStringLiteral("ORDER BY i.invoice_date DESC, i.id"), binds);
    QList<Dispute> out;
    while (q.next()) {
        const QStringList d = q.value(3).toString().split(QLatin1Char('|'));
        Dispute x;
        x.invoiceNumber = q.value(0).toString().isEmpty() ? q.value(1).toString() : q.value(0).toString();
        x.invoiceId = q.value(1).toString();
        x.customerName = q.value(2).toString();
        x.disputeId = d.value(0);
        x.status = d.value(1);
        x.currency = d.value(3);
        const auto c = Currency::fromCode(x.currency);
        x.amount = Decimal::fromMinorUnits(d.value(2).toLongLong(), c ? c->minorUnits() : 2);
        x.open = disputeIsOpen(x.status);
        x.withdrawn = disputeWithdrew(x.status);
        out.append(x);
    }
    return out;
}

QStringList StripeInvoiceState::openDisputes(const Database &db)
{
    QStringList out;
    for (const Dispute &d : disputes(db)) {
        if (!d.open)
            continue;
        out << QStringLiteral("%1 (%2): %3 %4 %5, dispute %6 %7")
                   .arg(d.invoiceNumber, d.customerName, d.amount.toString(), d.currency,
                        d.withdrawn ? QStringLiteral("withdrawn") : QStringLiteral("in question (an inquiry, nothing withdrawn yet)"), d.disputeId, d.status);
    }
    return out;
}

QJsonObject StripeInvoiceState::toJson() const
{
    return {{QStringLiteral("stripe_id"), stripeId.isEmpty() ? QJsonValue() : QJsonValue(stripeId)},
            {QStringLiteral("state"), state},
            {QStringLiteral("message"), message.isEmpty() ? QJsonValue() : QJsonValue(message)},
            {QStringLiteral("dashboard_url"), dashboardUrl.isEmpty() ? QJsonValue() : QJsonValue(dashboardUrl)},
            {QStringLiteral("follow_ups_waiting"), followUpsWaiting},
            {QStringLiteral("dispute"), disputeId.isEmpty()
                                            ? QJsonValue()
                                            : QJsonValue(QJsonObject{{QStringLiteral("id"), disputeId},
                                                                     {QStringLiteral("status"), disputeStatus},
                                                                     {QStringLiteral("amount_minor"), QString::number(disputedMinor)},
                                                                     {QStringLiteral("currency"), disputeCurrency},
                                                                     {QStringLiteral("amount"), minorText(disputedMinor, disputeCurrency)},
                                                                     {QStringLiteral("open"), disputeOpen()},
                                                                     {QStringLiteral("funds_withdrawn"), fundsWithdrawn()},
                                                                     {QStringLiteral("withdrawn"), fundsWithdrawn() ? minorText(disputedMinor, disputeCurrency)
                                                                                                                    : minorText(0, disputeCurrency)}})},
            {QStringLiteral("disputed"), disputeOpen()}};
}

} // namespace orb
