// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace orb {

class Database;

/// One queued change Stripe must learn of.
struct OutboxItem {
    qint64 id = 0;
    QString objectType; ///< customer, usage_range, invoice, invoice_void
    QString objectId;
    QString action; ///< create, update, push, void
    QDateTime createdAt;
    QString state; ///< pending, done, failed, skipped
    int attempts = 0;
    int generation = 0;
    QString lastError;
    QDateTime lastAttemptAt;
    QString idempotencyBase;
    qint64 progress = 0;

    /// The Idempotency-Key of one request of this item: stable across every retry of the same
    /// generation, fresh after the user retries a failed item (Stripe would replay the error).
    QString idempotencyKey(const QString &step) const;
};

/// Counts per state, for the status bar and `orbctl sync status`.
struct OutboxCounts {
    int pending = 0;
    int done = 0;
    int failed = 0;
    int skipped = 0;
};

/**
 * The transactional outbox in the company file. `enqueue` is called by a service inside the
 * transaction of the change itself, so a change and its promise to tell Stripe commit (or roll
 * back) together; the worker drains the queue in id order on its own connection.
 */
class Outbox final
{
public:
    /// Queues a change; must run inside the caller's transaction (throws Storage otherwise).
    /// An identical pending item not yet attempted is not queued twice: the worker reads
    /// the current state of the object when it pushes, so one push covers both changes.
    static qint64 enqueue(Database &db, const QString &objectType, const QString &objectId, const QString &action);
    /// Queues the usage events stored after `seqBefore` in the caller's transaction (for a
    /// usage write path that wants its batch queued in its own transaction: remember MAX(seq)
    /// before the batch, call this before commit). Events already queued are not queued again.
    static void enqueueUsageSince(Database &db, qint64 seqBefore);
    /**
     * Queues every usage event stored since the last one queued, in the caller's transaction.
     * The sync worker calls it at the start of each run. Usage events are durable in the same
     * file and their seq only grows (a writer holds the lock until it commits, so no smaller
     * seq can appear later), so the events table is its own outbox: nothing stored is ever
     * missed, whether or not the write path queued its batch itself.
     */
    static void sweepUsage(Database &db);
    /// MAX(seq) of usage_events, for enqueueUsageSince.
    static qint64 lastUsageSeq(Database &db);

    explicit Outbox(Database &db) : m_db(db) {}

    /// The oldest pending item, if any.
    std::optional<OutboxItem> nextPending() const;
    std::optional<OutboxItem> find(qint64 id) const;
    /// Items, newest first; an empty state lists all.
    QList<OutboxItem> list(const QString &state = {}, int limit = 200) const;
    OutboxCounts counts() const;
    /// The oldest pending item for an object, if any.
    std::optional<qint64> pendingFor(const QString &objectType, const QString &objectId) const;
    /// The statement pendingFor runs (binds: object type, object id), for EXPLAIN in tests.
    static QString pendingForSql();

    /// Records an attempt that will be retried later (the item stays pending).
    void markAttempt(qint64 id, const QString &error, const QDateTime &at);
    void markDone(qint64 id, const QDateTime &at);
    /// Stops the item with a message; the rest of the queue goes on.
    void markFailed(qint64 id, const QString &error, const QDateTime &at);
    void setProgress(qint64 id, qint64 progress);
    /// A failed (or skipped) item goes back to pending with a new generation of keys. One
    /// action of its own (the Sync screen and `orbctl sync retry` both call it); returns the item.
    OutboxItem retry(qint64 id);
    /// A failed or pending item is left out for good; one action of its own, returns the item.
    OutboxItem skip(qint64 id);

private:
    Database &m_db;
};

} // namespace orb
