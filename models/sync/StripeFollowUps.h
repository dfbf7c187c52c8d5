// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QStringList>

#include <optional>

namespace orb {

class Database;

/**
 * Money Orb records on an invoice after it went to Stripe: payments taken outside Stripe (by
 * hand, bank import, the API) and Orb's credit notes. Stripe must learn of each, or it keeps
 * asking the customer for money Orb already has. The invoice tables are their own outbox here
 * (as usage events are): `sweep` queues, in the caller's transaction, one `invoice_payment`
 * or `invoice_credit` item per payment or credit note on a mapped invoice that is neither
 * mapped itself (told already, folded into the push as `settled`, or read from Stripe) nor
 * queued, once the invoice's own push is over, so every write path is covered without a hook in the billing services.
 */
class StripeFollowUps final
{
public:
    static inline const QString PaymentItem = QStringLiteral("invoice_payment");
    static inline const QString CreditItem = QStringLiteral("invoice_credit");
    /// Id map types of what Stripe knows of (or what came from Stripe).
    static inline const QString PaymentType = QStringLiteral("payment");
    static inline const QString CreditNoteType = QStringLiteral("credit_note");

    explicit StripeFollowUps(Database &db) : m_db(db) {}

    /// Queues what is not yet told; must run inside the caller's transaction.
    void sweep();
    /// Marks payments and credit notes as known to Stripe (folded into the push of its
    /// invoice, or read from Stripe); in the caller's transaction.
    void markTold(const QStringList &paymentIds, const QStringList &creditNoteIds, const QString &stripeId);

    /// Mapped invoices Orb has open or paid (a paid one may still be refunded or disputed),
    /// as (Orb id, Stripe id): what the direct reconcile read covers.
    QList<QPair<QString, QString>> mappedOpenInvoices() const;
    /// A payment by its id (the item's object), if it still exists.
    std::optional<Payment> findPayment(const QString &paymentId) const;
    /// A credit note by its id, if it still exists.
    std::optional<CreditNote> findCreditNote(const QString &creditNoteId) const;

private:
    Database &m_db;
};

} // namespace orb
