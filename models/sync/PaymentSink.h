// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace orb {

class Database;

/// A money movement pulled from Stripe, in the smallest currency unit as Stripe states it.
struct StripePayment {
    /// payment, payment_failed, refund, dispute_opened, dispute_closed, credit_note,
    /// invoice_voided, invoice_uncollectible
    QString kind;
    QString stripeEventId;   ///< the event it came from (empty when read directly to reconcile)
    QString stripeObjectId;  ///< the invoice, charge or payment intent id
    QString stripeInvoiceId; ///< the Stripe invoice it concerns, when known
    QString localInvoiceId;  ///< Orb's invoice id (from the id map or the invoice's metadata[orb_id])
    qint64 amountMinor = 0;  ///< integer minor units (cents), exact
    QString currency;        ///< ISO 4217, upper case
    QDateTime occurredAt;
    QString failureMessage; ///< for payment_failed
    bool outOfBand = false; ///< a payment Stripe records as made outside Stripe (paid_out_of_band)
    QString chargeId;       ///< the charge a refund or dispute concerns
    QString status;         ///< a dispute's status (won, lost, needs_response, ...)
    QString refundId;       ///< a Stripe-side credit note's refund (its money comes back as charge.refunded)
};

/**
 * Where the pull loop hands payments, failures, refunds and voids. The invoicing capability
 * implements it to record each payment once and mark its invoice paid or partly paid; it is
 * called on the worker's thread and connection, inside the transaction that also advances the
 * event cursor, so a payment is recorded exactly once even if the program stops mid-pull.
 * Return an empty string when handled, else a message (logged as an error; the cursor still
 * moves, and the direct reconcile read finds the object again).
 */
class PaymentSink
{
public:
    virtual ~PaymentSink() = default;
    virtual QString record(Database &db, const StripePayment &payment) = 0;
};

} // namespace orb
