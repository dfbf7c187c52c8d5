// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SqliteStatement.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/KeyHashSet.h"
#include "models/usage/UsageEventRow.h"
#include "models/usage/UsageKeyIndex.h"

#include <QByteArray>

#include <vector>

struct sqlite3;

namespace orb {

class Database;

/**
 * The write path of usage events: raw sqlite3 prepared statements on the connection's handle
 * (with UsageKeyIndex, the only SQLite-specific code of the usage capability). The caller owns the transaction
 * (UnitOfWork); this class only looks keys up and inserts.
 *
 * Deduplication: the key's 64-bit hash is looked up in the log-structured key index
 * (UsageKeyIndex); only on a hash match is the stored original read by seq and compared by
 * full key and body. Every insert adds its key to that index: at once, or, after
 * tuneForBulkIngest(), in memory, to be written as one sorted run by flushKeys().
 */
class UsageEventStore final
{
public:
    enum class Outcome { Inserted, Duplicate, Conflict };

    explicit UsageEventStore(Database &db);
    ~UsageEventStore();
    UsageEventStore(const UsageEventStore &) = delete;
    UsageEventStore &operator=(const UsageEventStore &) = delete;

    /**
     * Bulk mode: a large page cache for this connection (the time index and the pages an
     * import appends to stay in memory between its checkpoints), and the keys of inserted
     * events are buffered in memory: call flushKeys() inside every transaction before it
     * commits, which writes them as one sorted run of the key index.
     */
    void tuneForBulkIngest();

    /// Writes buffered keys (bulk mode) and keeps the key index compact (UsageKeyIndex::flush);
    /// call inside the transaction, before it commits. Also worth calling after single inserts:
    /// it drains the key index's B-tree of recent keys when that has grown large.
    /// Also writes the buffered rows of the customer directory (CustomerPostings).
    void flushKeys()
    {
        m_keys.flush();
        m_postings.write(m_db);
    }
    /// Forgets the keys inserted since the last flush (after a rollback).
    void discardPendingKeys()
    {
        m_keys.discardPending();
        m_postings.discard();
    }
    /**
     * Outside bulk mode, each insert writes its row of the customer directory at once; after
     * this, they are buffered and written by flushKeys() as one row per customer (call it
     * before the transaction commits, as in bulk mode).
     */
    void bufferPostings() { m_bufferPostings = true; }
    /**
     * Keys of inserted events are buffered in memory, as in bulk mode (without its page
     * cache), and written by flushKeys() (call it before the transaction commits): as one
     * sorted run when at least `runMinEntries` are buffered, else into usage_key_recent.
     * For ingestion in transactions of a few hundred events (the REST API's requests).
     */
    void bufferKeys(qsizetype runMinEntries)
    {
        m_bufferKeys = true;
        m_keys.setRunMinEntries(runMinEntries);
    }

    /**
     * Bulk imports: loads the key hashes of every stored event into memory (one scan of the
     * key index), so that insert() answers "unknown key" without a lookup; a hash found in
     * memory still goes to the key index and the comparison of the full key and body. Refused
     * (false, nothing loaded) when the table holds more than `maxRows` events, to bound memory
     * (16 to 32 bytes an event: 8-byte slots, at most half full, a power of two of them). Call inside the write transaction; the filter stays exact only
     * while no other connection writes: call keyFilterStillValid() after every BEGIN.
     */
    bool loadKeyFilter(qint64 maxRows);
    /// After BEGIN (IMMEDIATE, so nobody else can write until the commit): false, and the
    /// filter is dropped (every key is looked up again), when another connection committed since the
    /// filter was loaded or last checked.
    bool keyFilterStillValid();
    bool hasKeyFilter() const { return m_filterOn; }

    /// Inserts the event unless its key is known; the same key with the same body is a
    /// Duplicate, with another body a Conflict (nothing written in either case).
    Outcome insert(const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs);

    /**
     * insert() for every row of a batch, in order (one outcome a row). With the key filter
     * loaded, a row whose hash is not in it is inserted without any lookup. (Multi-row
     * INSERT statements and INSERT ... WHERE NOT EXISTS were measured slower here than one
     * prepared single-row INSERT per event.)
     */
    void insertBatch(const std::vector<UsageEventRow> &rows, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs,
                     std::vector<Outcome> &outcomes);

    /// The original submission stored under this key, if any.
    bool findOriginal(const UsageEventRow &row, UsageEventRow *stored);

private:
    void bindRow(SqliteStatement &s, const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs);

    sqlite3 *m_db = nullptr;
    SqliteStatement m_fetch;
    SqliteStatement m_insert;
    UsageKeyIndex m_keys;
    CustomerPostings m_postings;
    bool m_bufferPostings = false;
    std::vector<qint64> m_seqs;
    KeyHashSet m_filter;
    bool m_filterOn = false;
    bool m_bufferKeys = false;
    qint64 m_dataVersion = 0;
};

} // namespace orb
