// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/StripeInvoiceState.h"

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

QString StripeInvoiceState::manualPaymentWarning(Database &db, const QString &invoiceId)
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
    if (method != QLatin1String("charge_automatically"))
        return {};
    return QStringLiteral("invoice %1 went to Stripe as %2 to be charged automatically: Stripe may be charging the card now. The next sync tells "
                          "Stripe of this payment (paid out of band, or a credit note for a part), which stops further charges; if the card was "
                          "charged meanwhile, the customer has paid twice and the Sync screen asks you to refund one")
        .arg(invoice->invoiceNumber.isEmpty() ? invoice->id : invoice->invoiceNumber, *stripeId);
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
                                                                     {QStringLiteral("funds_withdrawn"), disputeStatus != QLatin1String("won")}})}};
}

} // namespace orb
