// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeSyncContext.h"

namespace orb {

/**
 * What Orb records on an invoice after it went to Stripe, told to Stripe so that it never asks
 * for money Orb already has: a payment that settles what Stripe still asks for as
 * `pay` with `paid_out_of_band=true`; a smaller one, and each of Orb's credit notes, as a
 * Stripe credit note (on an open invoice it lowers `amount_due`; beyond that, or on a paid
 * invoice, the rest is `out_of_band_amount`). Each carries `metadata[orb_payment_id]` or
 * `metadata[orb_credit_note_id]` and is looked for on the invoice before it is created, so a
 * lost answer never makes a second one, however late the retry.
 */
class StripeFollowUpPush final
{
public:
    explicit StripeFollowUpPush(StripeSyncContext &ctx) : m_ctx(ctx) {}

    PushOutcome pushPayment(const OutboxItem &item, SyncRunSummary &summary);
    PushOutcome pushCreditNote(const OutboxItem &item, SyncRunSummary &summary);

private:
    /// The Stripe credit note carrying metadata[key] = value on the invoice, if any; nullopt
    /// with *error when Stripe could not be asked.
    std::optional<QString> findCreditNote(const QString &stripeInvoice, const QString &key, const QString &value, SyncRunSummary &summary, StripeError *error);
    /// Reads the Stripe invoice for a follow-up; nullopt when the item ended here (*outcome).
    std::optional<QJsonObject> stripeInvoice(const OutboxItem &item, const QString &invoiceId, SyncRunSummary &summary, PushOutcome *outcome);
    /// Creates a credit note of `amount` on an invoice with `remaining` left to pay.
    PushOutcome createCreditNote(const OutboxItem &item, const QString &stripeInvoice, qint64 amount, qint64 remaining, const QString &metaKey,
                                 const QString &memo, const QString &what, SyncRunSummary &summary);

    StripeSyncContext &m_ctx;
};

} // namespace orb
