// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sync/Outbox.h"
#include "models/sync/PaymentSink.h"
#include "models/sync/SyncLog.h"

#include <QList>
#include <QString>

#include <optional>

namespace orb {

class Clock;
class Database;

/// One of Stripe's events as the pull hands it over: what to log and what it says about money.
struct PulledEvent {
    QString id;
    QString type;
    QString objectId;
    qint64 created = 0; ///< Unix seconds
    QString level;      ///< info, warning
    QString message;
    std::optional<StripePayment> payment;
};

/**
 * Every write the Stripe worker makes to the company file, each its own unit of work: the
 * outbox state of an item with its log line, the id map, the event cursor with the events of
 * a page and what the payment sink records of them. The worker (sync/) runs no SQL and opens
 * no transaction itself; a crash between a request and its effect here is repaired by the next
 * run finding the object in Stripe again (see docs/SYNC.md, "Exactly once").
 */
class SyncJournal final
{
public:
    SyncJournal(Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

    void log(const QString &level, const QString &kind, qint64 outboxId, const QString &stripeObjectId, const QString &message);
    /// The item is done: marked so with its log line, in one transaction.
    void finishItem(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message);
    /// The item stops with a message for a person; the rest of the queue goes on.
    void failItem(const OutboxItem &item, const QString &error);
    /// An attempt that will be repeated later (offline, a refused key): the item stays pending.
    void attemptItem(const OutboxItem &item, const QString &error);
    /// Stores local ↔ Stripe id at once (so a later run finds the object without a search).
    void map(const QString &objectType, const QString &localId, const QString &stripeId);
    /// Stores the mapping and finishes the item in one transaction.
    void mapAndFinish(const OutboxItem &item, const QString &objectType, const QString &localId, const QString &stripeId, const QString &message);
    /// An invoice's push is over: the item done, and the payments and credit notes the push
    /// folded into its amount marked as known to Stripe, in one transaction.
    void finishInvoicePush(const OutboxItem &item, const QStringList &paymentIds, const QStringList &creditNoteIds, const QString &stripeId,
                           const QString &level, const QString &message);
    /// A payment or credit note told to Stripe (or found there): mapped, and its item done.
    void finishFollowUp(const OutboxItem &item, const QString &objectType, const QString &stripeId, const QString &level, const QString &message);
    /// Drops a mapping (an object Orb deleted in Stripe, a fresh start on another account).
    void unmap(const QString &objectType, const QString &localId);
    /// The pending item for an object, queued now when there is none.
    qint64 pendingItemFor(const QString &objectType, const QString &objectId, const QString &action);
    /// Queues what the worker must send besides the outbox written by the services: usage
    /// stored since the last sweep, and payments and credit notes Orb recorded on invoices
    /// already in Stripe (each once, see StripeFollowUps).
    void sweep();

    void setState(const QString &key, const QString &value);
    void removeState(const QString &key);
    /// A usage item's progress and its count of refused events, together; with an
    /// `inflightKey`, the extent of the next batch (`inflight`, removed when empty) too.
    void saveUsageProgress(const OutboxItem &item, qint64 progress, const QString &refusedKey, int refused, const QString &inflightKey = {},
                           const QString &inflight = {});
    /// Ends a usage item: done, or failed when some events were refused.
    void finishUsage(const OutboxItem &item, const QString &refusedKey, int refused, const QString &message);
    /// Whether the usage event an amendment replaces may already be in Stripe.
    bool usageOriginalMayBeSent(qint64 originalSeq, qint64 amendedAtMs) const;

    /**
     * One page of events, oldest first, in one transaction with the cursor: each event logged
     * once by its id, what the sink makes of a new one, and the cursor moved to the last.
     * Returns how many were new.
     */
    int recordEventPage(const QList<PulledEvent> &oldestFirst, PaymentSink *sink);
    /// What a direct read of a Stripe object says, handed to the sink in its own transaction.
    void recordRead(const StripePayment &payment, PaymentSink *sink, const QString &kind);
    /// Binds the sync to a Stripe account; with `freshStart` the id map and the event cursor
    /// are forgotten first and the open invoices queued again, so the new account learns of
    /// them and nothing is sent to an object of the old one.
    void bindAccount(const QString &accountId, const QString &livemode, bool freshStart, const QString &message);
    /// The run's end: its time and result in the sync state and the log.
    void finishRun(const QString &result, bool offline);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace orb
