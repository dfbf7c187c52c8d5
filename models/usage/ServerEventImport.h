// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/UsageEventRow.h"
#include "models/usage/UsageEventStore.h"

#include <QByteArray>
#include <QHash>

#include <unordered_map>
#include <vector>

typedef struct pg_conn PGconn;

namespace orb {

class Database;

/**
 * The write path of usage events on a company server (PostgreSQL), the counterpart of
 * UsageEventStore with the same outcomes for the same rows in the same order:
 *
 * - the first row of each key of a batch is found by the client (keys compare as bytes, as in
 *   the file; on the server since migration 0040);
 * - those keys are streamed with COPY FROM STDIN (libpq, on the QPSQL connection's own PGconn)
 *   into a temporary table and looked up in the unique index of original submissions
 *   (migration 0033), one probe per key; the originals found come back with their bodies;
 * - the client decides every row's outcome as UsageEventStore does (a key with an original, in
 *   the company or earlier in the batch, is a Duplicate when the body is the same, else a
 *   Conflict) and streams the new rows with COPY straight into usage_events, in batch order, so
 *   seqs follow the file as on SQLite;
 * - the inserted events' customer directory rows (usage_customer_postings) are gathered by the
 *   client and written by flushKeys() with COPY, one row per customer ref of the transaction,
 *   as on SQLite;
 * - the inserted active events are counted per month and customer reference
 *   (usage_month_counts, the dashboard's top customers) by the client as CustomerPostings
 *   counts them on a file, and added by flushKeys() in one statement per transaction.
 *
 * The caller owns the transaction (UnitOfWork, or Database::begin/commit); the key table is
 * temporary and emptied at every commit. Nothing here keeps SQLite's key index
 * (usage_key_*): a server deduplicates through its unique index alone.
 */
class ServerEventStore final
{
public:
    using Outcome = UsageEventStore::Outcome;

    explicit ServerEventStore(Database &db);

    /// The same outcomes as UsageEventStore::insertBatch for the same rows.
    void insertBatch(const std::vector<UsageEventRow> &rows, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs,
                     std::vector<Outcome> &outcomes);
    /// Writes the customer directory rows and the month counts of the events inserted since
    /// the last flush; call inside the transaction, before it commits.
    void flushKeys();
    /// Forgets the directory rows not yet written (their transaction was rolled back).
    void discardPendingKeys();
    /// The original submission stored under this key, if any.
    bool findOriginal(const UsageEventRow &row, UsageEventRow *stored);

    // The SQLite store's bulk tuning and in-memory key filter have no counterpart here: the
    // unique index answers every key.
    void tuneForBulkIngest() {}
    bool loadKeyFilter(qint64) { return false; }
    bool keyFilterStillValid() { return false; }

private:
    void ensureTables();
    void startCopy(const char *sql, const QString &what);
    /// Sends the buffer when it holds about 1 MB, or whatever it holds when `all`.
    void sendCopy(bool all);
    void endCopy(const QString &what);

    Database &m_db;
    PGconn *m_conn = nullptr;
    QByteArray m_buffer;
    void addPostings(const QByteArray &customerId, const QByteArray &externalCustomerId, qint64 tsMs, qint64 seq);
    /// Counts an inserted active event in its month under its reference (UsageMonthCounts).
    void countInMonth(const QByteArray &customerId, const QByteArray &externalCustomerId, qint64 tsMs);
    /// The start of the listed month holding `tsMs` (UsageMonthCounts::OutsideMonths if none).
    qint64 monthOf(qint64 tsMs);

    /// One customer directory row in the making: a ref's events since the last flush.
    struct Posting {
        QByteArray ref;
        qint64 tsMin = 0;
        qint64 tsMax = 0;
        QByteArray seqs; ///< ascending, comma-separated
    };
    bool m_copyFailed = false;
    // The first row of each key of the batch, by the key's hash (and by the key for a hash
    // that two keys share).
    std::unordered_map<qint64, size_t> m_firstByHash;
    QHash<QByteArray, size_t> m_firstByKey;
    std::vector<Posting> m_postings;               // in the order of each ref's first event
    QHash<QByteArray, size_t> m_postingByCustomer; // by customer id
    QHash<QByteArray, size_t> m_postingByExternal; // by external customer id
    // The listed months (usage_months: start, end), read once per transaction: a change of
    // the company's zone lists them again in its own transaction, under the writer lock.
    std::vector<std::pair<qint64, qint64>> m_months;
    bool m_monthsRead = false;
    // Active events inserted since the last flush, per (month start, reference).
    QHash<QPair<qint64, QByteArray>, qint64> m_monthCounts;
    std::vector<QPair<qint64, QByteArray>> m_monthOrder; // in the order first counted
};

} // namespace orb
