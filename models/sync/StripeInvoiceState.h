// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

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

    /// A dispute is still being decided (not won, lost or a closed inquiry).
    bool disputeOpen() const;
    /// The bank has taken the disputed amount from the Stripe balance: an open chargeback or a
    /// lost one (an inquiry, `warning_*`, takes nothing; a won one gave it back).
    bool fundsWithdrawn() const;

    /// One invoice's dispute as the recorder keeps it.
    struct Dispute {
        QString invoiceId;
        QString invoiceNumber;
        QString customerName;
        QString disputeId;
        QString status;
        Decimal amount;
        QString currency;
        bool open = false;      ///< still being decided
        bool withdrawn = false; ///< the bank holds the amount
    };
    /// Every invoice's dispute (of one customer, or all), newest invoice first.
    static QList<Dispute> disputes(const Database &db, const QString &customerId = {});
    /// Every invoice with a dispute still being decided, as lines for a person ("INV-000001
    /// (ACME): 50.00 EUR withdrawn, dispute du_… needs_response"), newest invoice first.
    static QStringList openDisputes(const Database &db);
    /// The state of one invoice; nullopt when Stripe sync never concerned it.
    static std::optional<StripeInvoiceState> of(Database &db, const QString &invoiceId);
    /// For a payment recorded by hand: a warning when the invoice went to Stripe to be charged
    /// automatically (Stripe may be charging the card meanwhile), saying what Orb does about
    /// it; empty otherwise.
    static QString manualPaymentWarning(Database &db, const QString &invoiceId);
    /// The Stripe invoice id when the invoice went to Stripe to be charged automatically
    /// (`charge_automatically`); empty otherwise. For the window's payment dialog.
    static QString automaticChargeId(Database &db, const QString &invoiceId);
    /// As JSON for `invoices show --json` (stripe_id, state, message, dashboard_url).
    QJsonObject toJson() const;
};

} // namespace orb
