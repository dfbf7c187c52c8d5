// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sync/PaymentSink.h"
#include "sync/StripeClient.h"
#include "sync/SyncRunSummary.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace orb {

class Clock;
class Database;
class StripeCustomerPush;
class StripeEventPull;
class StripeFollowUpPush;
class StripeInvoicePush;
class StripeSyncContext;
class StripeUsagePush;
class WorkLease;
struct OutboxItem;
enum class PushOutcome;

/// The Stripe account a key belongs to (GET /v1/account) and its mode.
struct StripeAccount {
    QString id;
    bool livemode = false;
    QString describe() const;
};

/**
 * One pass of Stripe sync on the calling thread and its own connection: checks that the key
 * belongs to the account the company file is bound to, drains the outbox in order (customers,
 * usage as meter events, issued invoices, voids, payments and credit notes recorded after the
 * push) and then pulls new events. An item Stripe refuses stops with a clear message and the
 * rest of the queue goes on; when Stripe cannot be reached (after the client's retries) the
 * run stops and everything not done stays queued, so nothing is lost however long the program
 * stays offline. Every write goes through the models layer (SyncJournal), each its own unit
 * of work; a crash between a request and its record is repaired by the next run finding the
 * object in Stripe before it creates anything (see docs/SYNC.md).
 */
class StripeSync final
{
public:
    StripeSync(Database &db, StripeClient &client, const Clock &clock);
    ~StripeSync();

    /// Where payments, failures, refunds and voids go (StripePaymentRecorder); none: log only.
    void setPaymentSink(PaymentSink *sink);
    /// Progress for a bar: a phrase, items done, items in all.
    void setProgress(std::function<void(const QString &, int, int)> progress);
    /// Checked between requests; set it to stop a run early (the queue stays as it is).
    void setCancelFlag(const std::atomic_bool *cancel);

    /**
     * The lease that keeps Stripe sync in one place (WorkLease::stripeSync()); a worker that
     * runs pass after pass passes its own, held across passes and released when it stops.
     * Without one, each pass takes and gives back a lease of its own.
     */
    void setLease(WorkLease *lease);

    /// One pass: when another worker holds the lease, nothing is pushed or pulled and the
    /// summary's heldElsewhere says where sync runs.
    SyncRunSummary runOnce();
    /// Pushes the queue only.
    void push(SyncRunSummary &summary);
    /// Pulls new events only; returns false when Stripe could not be read (reason in summary).
    bool pull(SyncRunSummary &summary);
    /// Reads every open invoice Orb pushed directly (for what is older than Stripe keeps events).
    bool reconcile(SyncRunSummary &summary);
    /// Checks the key's account against the one the company file is bound to (binding it when
    /// none is yet); false, with the reason in summary, when they differ or Stripe cannot say.
    bool checkAccount(SyncRunSummary &summary);

    /// Checks a key by a harmless read; the error's describe() says why it was refused.
    static StripeError checkKey(StripeClient &client);
    /// The account a key belongs to; nullopt with *error when Stripe cannot say.
    static std::optional<StripeAccount> accountOf(StripeClient &client, StripeError *error);
    /// The account the company file's sync is bound to, if any.
    static std::optional<StripeAccount> boundAccount(Database &db);
    /// Binds the company file to an account (saving a key does this): for another account
    /// than the bound one, only with `freshStart`, which forgets the id map and the event
    /// cursor so that everything is sent to the new account anew.
    static void bindAccount(Database &db, const Clock &clock, const StripeAccount &account, bool freshStart);

    /// What one of Stripe's events says about money (a payment, a failure, a refund, a
    /// dispute, a credit note, a void), without the local invoice id; nothing for an event Orb
    /// does not act on. Public for the fuzz target of Stripe's responses.
    static std::optional<StripePayment> paymentFromEvent(const QJsonObject &event);

private:
    PushOutcome pushItem(const OutboxItem &item, SyncRunSummary &summary);
    bool holdLease(SyncRunSummary &summary);

    WorkLease *m_lease = nullptr; ///< a worker's, held across passes
    std::unique_ptr<WorkLease> m_ownLease;
    WorkLease *m_active = nullptr; ///< the lease the running pass holds
    QDateTime m_leaseRenewedAt;

    std::unique_ptr<StripeSyncContext> m_ctx;
    std::unique_ptr<StripeCustomerPush> m_customers;
    std::unique_ptr<StripeUsagePush> m_usage;
    std::unique_ptr<StripeInvoicePush> m_invoices;
    std::unique_ptr<StripeFollowUpPush> m_followUps;
    std::unique_ptr<StripeEventPull> m_events;
};

} // namespace orb
