// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/sync/PaymentSink.h"

#include <optional>

namespace orb {

class Clock;
class Decimal;

/**
 * Records what the Stripe pull reports against Orb's invoices, on the worker's connection and
 * inside the transaction that moves the event cursor:
 * - a payment: Stripe states what its invoice has received in all (`amount_paid`); the part
 *   not yet recorded from that Stripe invoice becomes one Orb payment (method `stripe`,
 *   reference `stripe:<Stripe invoice id>:<amount paid in minor units>`), so an event read
 *   twice, an event and the direct reconcile read, or a partial payment followed by the rest
 *   are each recorded once. The invoice becomes paid or stays issued, partly paid. A payment
 *   Stripe marks as made outside Stripe (`paid_out_of_band`) is Orb's own when Orb already has
 *   the money (nothing recorded), else booked as `stripe_out_of_band` for what Orb lacks.
 * - a failed payment: nothing changes (the pull logs it as a warning).
 * - a refund, a dispute (opened, decided), a Stripe-side credit note, a void or
 *   "uncollectible" in Stripe: reported once per state (the id map's `stripe_movement`) for a
 *   person, with what to do; a dispute is kept on the invoice (`dispute` in the id map) for
 *   `invoices show` and the invoice detail. Orb keeps the books: it does not void or credit an
 *   invoice on Stripe's word.
 */
class StripePaymentRecorder final : public PaymentSink
{
public:
    explicit StripePaymentRecorder(const Clock &clock) : m_clock(clock) {}

    QString record(Database &db, const StripePayment &payment) override;

    /// The payment reference a Stripe invoice's cumulative amount is recorded under.
    static QString referenceFor(const QString &stripeInvoiceId, qint64 amountPaidMinor);

    /// The payment Orb last recorded from a Stripe invoice (what a refund or dispute gives back).
    static std::optional<Payment> stripePaymentOf(Database &db, const Invoice &inv, const QString &stripeInvoiceId);

private:
    QString recordPayment(Database &db, const StripePayment &payment);
    QString recordRefund(Database &db, const StripePayment &payment, const std::optional<Invoice> &inv);
    QString writeOffLostDispute(Database &db, const StripePayment &payment, const std::optional<Invoice> &inv, const QString &amount);
    /// A credit note of kind refund for money Stripe gave back, against the payment it came
    /// from; an error message (nothing written) when it cannot be recorded.
    QString giveBack(Database &db, const Invoice &inv, const StripePayment &payment, qint64 minor, const QString &reason, const QString &source,
                     CreditNote *note) const;
    void warn(Database &db, const StripePayment &payment, const QString &message, const QString &type = {}) const;

    const Clock &m_clock;
};

} // namespace orb
