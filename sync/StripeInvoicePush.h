// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeSyncContext.h"

#include <QList>

namespace orb {

class StripeCustomerPush;
struct Invoice;

/// One Stripe invoice item: a part of an Orb invoice, in minor units.
struct StripeInvoicePart {
    QString key;       ///< metadata[orb_part]: line-3, tax-3-1, taxes-K, lines-A-B, balance, credits, settled
    int position = -1; ///< the Orb line (its position, as `invoices show` numbers them), -1 for invoice-level parts
    qint64 amount = 0;
    QString description;
};

/**
 * Issued invoices to Stripe: a draft found or created (never two for one Orb invoice, however
 * long after a lost answer the push is retried), one item per part, finalized with
 * `auto_advance=false` so that nothing is collected before Stripe's `amount_due` is compared
 * with what Orb asks; only then is the invoice sent or paid. Voids go as their own item.
 */
class StripeInvoicePush final
{
public:
    /// Stripe's limit of invoice items per invoice.
    static constexpr int MaxParts = 250;

    StripeInvoicePush(StripeSyncContext &ctx, StripeCustomerPush &customers) : m_ctx(ctx), m_customers(customers) {}

    PushOutcome push(const OutboxItem &item, SyncRunSummary &summary);
    /// A void in Orb: voids the Stripe invoice (or deletes a draft left by an interrupted push).
    PushOutcome pushVoid(const OutboxItem &item, SyncRunSummary &summary);

    /// The Orb invoice as items whose sum is what Orb still asks for; empty with *error set
    /// when an amount does not fit the currency's minor unit or the sums disagree. More parts
    /// than Stripe allows are folded (taxes per rate, then runs of lines) to fit exactly.
    static QList<StripeInvoicePart> partsOf(const Invoice &inv, QString *error, int maxParts = MaxParts);

private:
    /// The Stripe invoice made for this Orb invoice by an earlier attempt, if any.
    std::optional<QString> findDraft(const QString &customer, const QString &orbId, const OutboxItem &item, SyncRunSummary &summary, StripeError *error);
    /// Checks the finalized amount, then sends or charges; the item ends here.
    PushOutcome collect(const OutboxItem &item, const Invoice &inv, const QString &method, const QJsonObject &stripeInvoice, const QStringList &paymentIds,
                        const QStringList &creditNoteIds, SyncRunSummary &summary);

    StripeSyncContext &m_ctx;
    StripeCustomerPush &m_customers;
};

} // namespace orb
