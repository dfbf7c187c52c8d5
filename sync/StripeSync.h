// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sync/Outbox.h"
#include "sync/StripeClient.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <functional>

namespace orb {

class Clock;
class Database;
class PaymentSink;
struct StripePayment;

/// What one run did.
struct SyncRunSummary {
    QDateTime startedAt;
    QDateTime finishedAt;
    int pushed = 0;      ///< outbox items done
    int failed = 0;      ///< items stopped with an error this run
    int pending = 0;     ///< items left for a later run
    int requests = 0;    ///< requests that reached Stripe, retries included
    int eventsSeen = 0;  ///< new Stripe events recorded
    bool offline = false; ///< the run stopped because Stripe could not be reached
    QString stopReason;  ///< why the run stopped early, empty when it finished
    /// One line for the status bar and `orbctl sync run`.
    QString describe() const;
};

/**
 * One pass of Stripe sync on the calling thread and its own connection: drains the outbox in
 * order (customers, usage as meter events, issued invoices, voids) and then pulls new events from the persisted
 * cursor. An item Stripe refuses stops with a clear message and the rest of the queue goes
 * on; when Stripe cannot be reached (after the client's retries) the run stops and everything
 * not done stays queued, so nothing is lost however long the program stays offline. Every
 * local effect of a request (id mapping, outbox state, cursor) commits in one transaction
 * after the request; a crash in between is repaired by the next run sending the same request
 * with the same Idempotency-Key, which Stripe answers from its idempotency store.
 */
class StripeSync final
{
public:
    StripeSync(Database &db, StripeClient &client, const Clock &clock);
    ~StripeSync();

    /// Where payments, failures, refunds and voids go (StripePaymentRecorder); none: log only.
    void setPaymentSink(PaymentSink *sink) { m_sink = sink; }
    /// Progress for a bar: a phrase, items done, items in all.
    void setProgress(std::function<void(const QString &, int, int)> progress) { m_progress = std::move(progress); }
    /// Checked between requests; set it to stop a run early (the queue stays as it is).
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    SyncRunSummary runOnce();
    /// Pushes the queue only.
    void push(SyncRunSummary &summary);
    /// Pulls new events only; returns false when Stripe could not be read (reason in summary).
    bool pull(SyncRunSummary &summary);
    /// Reads every invoice Orb pushed directly (for what is older than Stripe keeps events).
    bool reconcile(SyncRunSummary &summary);

    /// Checks a key by a harmless read; the error's describe() says why it was refused.
    static StripeError checkKey(StripeClient &client);

private:
    enum class Outcome { Done, Failed, Offline };
    Outcome pushItem(const OutboxItem &item, SyncRunSummary &summary);
    Outcome pushCustomer(const OutboxItem &item, SyncRunSummary &summary);
    Outcome pushUsage(const OutboxItem &item, SyncRunSummary &summary);
    /// An issued invoice: its items, the invoice, finalized (StripeInvoicePush.cpp).
    Outcome pushInvoice(const OutboxItem &item, SyncRunSummary &summary);
    /// A void in Orb: voids the Stripe invoice (or deletes a draft left by an interrupted push).
    Outcome pushInvoiceVoid(const OutboxItem &item, SyncRunSummary &summary);
    /// Marks an item done with a log line, in one transaction.
    Outcome finish(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message, SyncRunSummary &summary);
    /// Marks an item failed with a message Orb itself found (not Stripe's refusal).
    Outcome refuse(const OutboxItem &item, const QString &message, SyncRunSummary &summary);
    /// The customer's Stripe id, pushing the customer first when it has none yet.
    std::optional<QString> ensureCustomer(const QString &customerId, SyncRunSummary &summary, StripeError *error);
    /// The Stripe meter for a metric (found by event_name or created), or an error.
    std::optional<QString> ensureMeter(const QString &metricId, const QString &metricName, const QString &formula,
                                       SyncRunSummary &summary, StripeError *error);
    /// Whether the usage event an amendment replaces may already be in Stripe.
    bool originalMayBeInStripe(qint64 originalSeq, qint64 amendedAtMs) const;
    Outcome failOrWait(const OutboxItem &item, const StripeError &error, SyncRunSummary &summary);
    void recordEvents(const QList<QJsonObject> &oldestFirst, SyncRunSummary &summary);
    std::optional<StripePayment> paymentOf(const QJsonObject &event) const;

public:
    /// What one of Stripe's events says about money (a payment, a failure, a refund, a void),
    /// without the local invoice id; nothing for an event Orb does not act on. Public for the
    /// fuzz target of Stripe's responses.
    static std::optional<StripePayment> paymentFromEvent(const QJsonObject &event);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    void progress(const QString &what, int done, int total) const;

    Database &m_db;
    StripeClient &m_client;
    const Clock &m_clock;
    PaymentSink *m_sink = nullptr;
    const std::atomic_bool *m_cancel = nullptr;
    std::function<void(const QString &, int, int)> m_progress;
    QSet<QString> m_unsupportedMetrics; ///< reported once per run
};

} // namespace orb
