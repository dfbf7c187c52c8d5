// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace orb {

class Database;

/// Where an Orb invoice stands with Stripe, for the invoice detail and `invoices show`.
struct StripeInvoiceState {
    QString stripeId;         ///< empty when Stripe does not know it (yet)
    QString state;            ///< not_sent, queued, failed, sent, told
    QString message;          ///< the failed item's error, or what is waiting
    QString dashboardUrl;     ///< the invoice in Stripe's Dashboard, when sent
    int followUpsWaiting = 0; ///< payments or credit notes recorded in Orb not yet told to Stripe
    /// The customer disputed the payment: the dispute, its status (needs_response, won, lost,
    /// ...) and the amount withdrawn, in minor units; empty when none.
    QString disputeId;
    QString disputeStatus;
    qint64 disputedMinor = 0;
    QString disputeCurrency;

    /// The state of one invoice; nullopt when Stripe sync never concerned it.
    static std::optional<StripeInvoiceState> of(Database &db, const QString &invoiceId);
    /// For a payment recorded by hand: a warning when the invoice went to Stripe to be charged
    /// automatically (Stripe may be charging the card meanwhile), saying what Orb does about
    /// it; empty otherwise.
    static QString manualPaymentWarning(Database &db, const QString &invoiceId);
    /// As JSON for `invoices show --json` (stripe_id, state, message, dashboard_url).
    QJsonObject toJson() const;
};

} // namespace orb
