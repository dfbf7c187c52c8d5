// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/StripeFollowUps.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRepository.h"
#include "models/sync/Outbox.h"
#include "models/sync/StripeIdMap.h"

namespace orb {

void StripeFollowUps::sweep()
{
    if (!m_db.inTransaction())
        throw ServiceError::storage(QStringLiteral("Stripe follow-ups must be queued inside a transaction"));
    struct Pending {
        QString type;
        QString id;
    };
    QList<Pending> found;
    // Payments Stripe brought in are recorded with method "stripe" (or "stripe_out_of_band");
    // they are never sent back.
    // Only once the invoice's push is over: what the push itself reads goes as its "settled" part.
    const QString pushed = QStringLiteral("AND NOT EXISTS (SELECT 1 FROM sync_outbox i WHERE i.object_type = 'invoice' AND i.object_id = %1.invoice_id "
                                          "AND i.state IN ('pending', 'failed')) ");
    const QString sql =
        QStringLiteral("SELECT 'p', p.id FROM payments p JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = p.invoice_id "
                       "WHERE p.method NOT IN ('stripe', 'stripe_out_of_band') ")
        + pushed.arg(QStringLiteral("p"))
        + QStringLiteral("AND NOT EXISTS (SELECT 1 FROM sync_stripe_ids t WHERE t.object_type = 'payment' AND t.local_id = p.id) "
                         "AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.object_type = 'invoice_payment' AND o.object_id = p.id) "
                         "UNION ALL "
                         "SELECT 'c', c.id FROM credit_notes c JOIN sync_stripe_ids m ON m.object_type = 'invoice' AND m.local_id = c.invoice_id "
                         "WHERE 1 = 1 ")
        + pushed.arg(QStringLiteral("c"))
        + QStringLiteral("AND NOT EXISTS (SELECT 1 FROM sync_stripe_ids t WHERE t.object_type = 'credit_note' AND t.local_id = c.id) "
                         "AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.object_type = 'invoice_credit' AND o.object_id = c.id) "
                         "ORDER BY 2");
    QSqlQuery q = m_db.exec(sql);
    while (q.next())
        found.append({q.value(0).toString(), q.value(1).toString()});
    for (const Pending &p : found)
        Outbox::enqueue(m_db, p.type == QLatin1String("p") ? PaymentItem : CreditItem, p.id, QStringLiteral("push"));
}

void StripeFollowUps::markTold(const QStringList &paymentIds, const QStringList &creditNoteIds, const QString &stripeId)
{
    StripeIdMap ids(m_db);
    for (const QString &id : paymentIds)
        if (!ids.stripeId(PaymentType, id))
            ids.set(PaymentType, id, stripeId);
    for (const QString &id : creditNoteIds)
        if (!ids.stripeId(CreditNoteType, id))
            ids.set(CreditNoteType, id, stripeId);
}

std::optional<Payment> StripeFollowUps::findPayment(const QString &paymentId) const
{
    const QVariant invoice = m_db.scalar(QStringLiteral("SELECT invoice_id FROM payments WHERE id = ?"), {paymentId});
    if (!invoice.isValid())
        return std::nullopt;
    for (const Payment &p : InvoiceRepository(m_db).payments(invoice.toString()))
        if (p.id == paymentId)
            return p;
    return std::nullopt;
}

std::optional<CreditNote> StripeFollowUps::findCreditNote(const QString &creditNoteId) const
{
    return InvoiceRepository(m_db).findCreditNote(creditNoteId);
}

QList<QPair<QString, QString>> StripeFollowUps::mappedOpenInvoices() const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT m.local_id, m.stripe_id FROM sync_stripe_ids m JOIN invoices i ON i.id = m.local_id "
                                           "WHERE m.object_type = 'invoice' AND i.status IN ('issued', 'paid') ORDER BY m.local_id"));
    QList<QPair<QString, QString>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString()});
    return rows;
}

} // namespace orb
