// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/UsageEventRow.h"
#include "models/usage/UsageEventStore.h"

#include <QByteArray>

#include <vector>

typedef struct pg_conn PGconn;

namespace orb {

class Database;

/**
 * The write path of usage events on a company server (PostgreSQL), the counterpart of
 * UsageEventStore with the same outcomes for the same rows in the same order:
 *
 * - a batch is streamed with COPY FROM STDIN (libpq, on the QPSQL connection's own PGconn) into a
 *   temporary staging table, each row with its position in the batch;
 * - one INSERT ... SELECT writes the first row of every key of the batch, in batch order (so seqs
 *   follow the file as on SQLite), ON CONFLICT DO NOTHING against the unique index of original
 *   submissions (migration 0033): a key stored before is skipped by the index, not by a lookup;
 * - only when fewer rows went in than came: one join of the staging rows with the originals
 *   of their keys tells a Duplicate (same body) from a Conflict, exactly as UsageEventStore's
 *   comparison does;
 * - the inserted events' customer directory rows (usage_customer_postings) are written by
 *   flushKeys(), one row per customer ref of the transaction, as on SQLite.
 *
 * The caller owns the transaction (UnitOfWork, or Database::begin/commit); the staging tables
 * are temporary and emptied at every commit. Nothing here keeps SQLite's key index
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
    /// Writes the customer directory rows of the events inserted since the last flush; call
    /// inside the transaction, before it commits.
    void flushKeys();
    /// The original submission stored under this key, if any.
    bool findOriginal(const UsageEventRow &row, UsageEventRow *stored);

    // The SQLite store's bulk tuning and in-memory key filter have no counterpart here: the
    // unique index answers every key.
    void tuneForBulkIngest() {}
    bool loadKeyFilter(qint64) { return false; }
    bool keyFilterStillValid() { return false; }

private:
    void ensureTables();
    void copyIn(const std::vector<UsageEventRow> &rows);

    Database &m_db;
    PGconn *m_conn = nullptr;
    QByteArray m_buffer;
    /// The highest seq before this transaction's first batch (-1: nothing since the last flush).
    qint64 m_pendingFrom = -1;
};

} // namespace orb
