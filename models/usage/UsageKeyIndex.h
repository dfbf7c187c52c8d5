// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SqliteStatement.h"
#include "models/usage/KeyHashMap.h"

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace orb {

/**
 * The idempotency-key index of usage events: key hash → seq of every stored version, kept
 * log-structured so that a bulk import appends to it instead of writing to random pages
 * (migration 0006 describes the tables).
 *
 * - insertNow() writes an entry into the usage_key_recent B-tree at once (single events,
 *   amendments).
 * - add() buffers an entry in memory (find() sees it at once); flush() writes the buffer in
 *   the caller's transaction: a large buffer as one new sorted run (appended blocks), a small
 *   one into usage_key_recent. A transaction that add()s must flush() before it commits; a
 *   rollback must be followed by discardPending().
 * - flush() then drains usage_key_recent into a run when it holds more than RecentMaxEntries,
 *   and merges runs: whenever a level holds Fanout runs they become one run of the next level
 *   (a streaming merge, bounded memory). A lookup therefore reads usage_key_recent and about
 *   (Fanout - 1) × log_Fanout(stored / first run size) runs, one block each.
 *
 * Raw sqlite3 on the connection's handle (hot path); the caller owns the transaction.
 */
class UsageKeyIndex final
{
public:
    /// Entries per block: 200 × 16 bytes fits a 4 KiB page without overflow.
    static constexpr int BlockEntries = 200;
    /// A flush of at least this many entries becomes a run; fewer go to usage_key_recent.
    static constexpr qsizetype RunMinEntries = 4096;
    /// usage_key_recent is drained into a run above this many entries.
    static constexpr qint64 RecentMaxEntries = 65536;
    /// Runs merged at once, and the number a level holds before they are.
    static constexpr int Fanout = 4;

    explicit UsageKeyIndex(sqlite3 *db);
    ~UsageKeyIndex();
    UsageKeyIndex(const UsageKeyIndex &) = delete;
    UsageKeyIndex &operator=(const UsageKeyIndex &) = delete;

    /// Records that event `seq` has key hash `hash`, in usage_key_recent at once.
    void insertNow(qint64 hash, qint64 seq);
    /// Records that event `seq` has key hash `hash` (buffered until flush()).
    void add(qint64 hash, qint64 seq);
    /// Appends to `seqs` the seq of every event stored (or added) under `hash`, in no order.
    void find(qint64 hash, std::vector<qint64> &seqs);
    /// Writes the buffered entries and keeps the structure compact (drains usage_key_recent
    /// when it is large, merges runs); call before each commit.
    void flush();
    /// Forgets buffered entries (after a rollback).
    void discardPending();
    /**
     * The smallest flush written as a run (RunMinEntries unless set). Ingestion requests of a
     * few hundred events, each committed alone, set it lower: their keys then go out as one
     * sorted run (a few appended pages) instead of as random inserts into usage_key_recent,
     * which touch a page of that B-tree each and make every commit's WAL write large.
     */
    void setRunMinEntries(qsizetype entries) { m_runMinEntries = std::max<qsizetype>(1, entries); }
    bool hasPending() const { return !m_pending.empty(); }

    /// Calls `fn` with the hash of every entry (stored and buffered), in no order.
    void forEachHash(const std::function<void(qint64)> &fn);
    /// Number of runs on disk (for tests and diagnostics).
    int runCount();
    /// Entries in usage_key_recent.
    qint64 recentEntries();

private:
    class RunWriter;
    class RunCursor;

    SqliteStatement prepare(const char *sql, const char *what);
    void check(int rc, const char *what);
    void drainRecent();
    void mergeLevel(int level);
    void compact();

    sqlite3 *m_db;
    std::vector<std::pair<qint64, qint64>> m_pending;
    /// Built from m_pending at the first find() of a transaction, then kept up to date: a
    /// bulk import of new keys never looks anything up, so it never pays for the map.
    KeyHashMap m_pendingMap;
    bool m_pendingMapped = false;
    qsizetype m_runMinEntries = RunMinEntries;
    SqliteStatement m_findRecent;
    SqliteStatement m_findRuns;
    SqliteStatement m_insertRecent;
    SqliteStatement m_insertBlock;
    SqliteStatement m_newRun;
    SqliteStatement m_setRunEntries;
};

} // namespace orb
