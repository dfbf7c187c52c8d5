// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageKeyIndex.h"

#include "models/SqliteStatement.h"

#include "models/StorageError.h"

#include <QString>
#include <QtEndian>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace orb {

namespace {

constexpr int EntryBytes = 16;

using Entry = std::pair<qint64, qint64>; // (key hash, seq)

void decodeBlock(const void *blob, int bytes, std::vector<Entry> &out)
{
    const auto *p = static_cast<const uchar *>(blob);
    const int n = bytes / EntryBytes;
    out.resize(size_t(n));
    for (int i = 0; i < n; ++i)
        out[size_t(i)] = {qFromLittleEndian<qint64>(p + i * EntryBytes), qFromLittleEndian<qint64>(p + i * EntryBytes + 8)};
}

} // namespace

/// Writes one run: entries appended in (hash, seq) order are packed into blocks.
class UsageKeyIndex::RunWriter
{
public:
    RunWriter(UsageKeyIndex &index, int level) : m_index(index)
    {
        index.m_newRun.reset();
        index.m_newRun.bind(1, qint64(level));
        index.m_newRun.run();
        index.m_newRun.reset();
        m_run = sqlite3_last_insert_rowid(index.m_db);
        m_block.reserve(size_t(BlockEntries) * EntryBytes);
    }
    void append(qint64 hash, qint64 seq)
    {
        if (m_block.empty())
            m_firstHash = hash;
        uchar buf[EntryBytes];
        qToLittleEndian(hash, buf);
        qToLittleEndian(seq, buf + 8);
        m_block.insert(m_block.end(), buf, buf + EntryBytes);
        ++m_entries;
        if (m_block.size() == size_t(BlockEntries) * EntryBytes)
            writeBlock();
    }
    void finish()
    {
        if (!m_block.empty())
            writeBlock();
        SqliteStatement &s = m_index.m_setRunEntries;
        s.reset();
        s.bind(1, m_entries);
        s.bind(2, m_run);
        s.run();
        s.reset();
    }

private:
    void writeBlock()
    {
        SqliteStatement &s = m_index.m_insertBlock;
        s.reset();
        s.bind(1, m_run);
        s.bind(2, m_firstHash);
        s.bindBlob(3, m_block.data(), int(m_block.size()), SqliteStatement::Bytes::Borrowed);
        s.run();
        s.reset();
        m_block.clear();
    }

    UsageKeyIndex &m_index;
    qint64 m_run = 0;
    qint64 m_entries = 0;
    qint64 m_firstHash = 0;
    std::vector<uchar> m_block;
};

/// Reads one run's entries in order, a block at a time.
class UsageKeyIndex::RunCursor
{
public:
    RunCursor(UsageKeyIndex &index, qint64 run)
    {
        m_stmt = index.prepare("SELECT pairs FROM usage_key_blocks WHERE run = ?1 ORDER BY first_hash, id", "reading a key run");
        m_stmt.bind(1, run);
        advance();
    }
    RunCursor(const RunCursor &) = delete;
    RunCursor &operator=(const RunCursor &) = delete;

    bool atEnd() const { return m_pos >= m_entries.size(); }
    const Entry &current() const { return m_entries[m_pos]; }
    void next()
    {
        if (++m_pos >= m_entries.size())
            advance();
    }

private:
    void advance()
    {
        m_entries.clear();
        m_pos = 0;
        while (m_entries.empty()) {
            if (!m_stmt.next())
                return;
            decodeBlock(sqlite3_column_blob(m_stmt, 0), sqlite3_column_bytes(m_stmt, 0), m_entries);
        }
    }

    SqliteStatement m_stmt;
    std::vector<Entry> m_entries;
    size_t m_pos = 0;
};

UsageKeyIndex::UsageKeyIndex(sqlite3 *db) : m_db(db)
{
    m_findRecent = prepare("SELECT seq FROM usage_key_recent WHERE key_hash = ?1", "looking up an idempotency key");
    // In each run, the blocks that can hold the hash: the last one starting below it (its tail
    // may hold it) and every one starting at it.
    m_findRuns = prepare("SELECT b.pairs FROM usage_key_runs AS r CROSS JOIN usage_key_blocks AS b ON b.run = r.id "
                         "WHERE b.first_hash <= ?1 AND b.first_hash >= coalesce((SELECT max(first_hash) FROM usage_key_blocks "
                         "WHERE run = r.id AND first_hash < ?1), ?1)",
                         "looking up an idempotency key");
    m_insertRecent = prepare("INSERT INTO usage_key_recent (key_hash, seq) VALUES (?1, ?2)", "storing an idempotency key");
    m_insertBlock = prepare("INSERT INTO usage_key_blocks (run, first_hash, pairs) VALUES (?1, ?2, ?3)", "writing a key block");
    m_newRun = prepare("INSERT INTO usage_key_runs (level, entries) VALUES (?1, 0)", "starting a key run");
    m_setRunEntries = prepare("UPDATE usage_key_runs SET entries = ?1 WHERE id = ?2", "finishing a key run");
}

// Each statement finalizes itself, also when a later one in the constructor fails to prepare.
UsageKeyIndex::~UsageKeyIndex() = default;

SqliteStatement UsageKeyIndex::prepare(const char *sql, const char *what)
{
    return SqliteStatement(m_db, sql, what, true);
}

void UsageKeyIndex::check(int rc, const char *what)
{
    if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK)
        return;
    const QString msg = QStringLiteral("the company file failed while %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db)));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        throw ServiceError::conflict(msg);
    throw ServiceError::storage(msg);
}

void UsageKeyIndex::add(qint64 hash, qint64 seq)
{
    m_pending.emplace_back(hash, seq);
    if (m_pendingMapped)
        m_pendingMap.insert(hash, seq);
}

void UsageKeyIndex::find(qint64 hash, std::vector<qint64> &seqs)
{
    if (!m_pendingMapped && !m_pending.empty()) {
        for (const Entry &e : m_pending)
            m_pendingMap.insert(e.first, e.second);
        m_pendingMapped = true;
    }
    if (m_pendingMapped)
        m_pendingMap.find(hash, seqs);
    m_findRecent.reset();
    m_findRecent.bind(1, hash);
    while (m_findRecent.next())
        seqs.push_back(sqlite3_column_int64(m_findRecent, 0));
    m_findRecent.reset();

    m_findRuns.reset();
    m_findRuns.bind(1, hash);
    while (m_findRuns.next()) {
        const auto *p = static_cast<const uchar *>(sqlite3_column_blob(m_findRuns, 0));
        const int n = sqlite3_column_bytes(m_findRuns, 0) / EntryBytes;
        // Binary search for the first entry not below the hash; equal hashes are adjacent.
        int lo = 0, hi = n;
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (qFromLittleEndian<qint64>(p + mid * EntryBytes) < hash)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (int i = lo; i < n && qFromLittleEndian<qint64>(p + i * EntryBytes) == hash; ++i)
            seqs.push_back(qFromLittleEndian<qint64>(p + i * EntryBytes + 8));
    }
    m_findRuns.reset();
}

void UsageKeyIndex::flush()
{
    if (!m_pending.empty()) {
        std::sort(m_pending.begin(), m_pending.end());
        if (qsizetype(m_pending.size()) >= m_runMinEntries) {
            RunWriter w(*this, 0);
            for (const Entry &e : m_pending)
                w.append(e.first, e.second);
            w.finish();
        } else {
            for (const Entry &e : m_pending)
                insertNow(e.first, e.second);
        }
        discardPending();
    }
    if (recentEntries() > RecentMaxEntries)
        drainRecent();
    compact();
}

void UsageKeyIndex::discardPending()
{
    m_pending.clear();
    if (m_pendingMapped)
        m_pendingMap.clear();
    m_pendingMapped = false;
}

void UsageKeyIndex::insertNow(qint64 hash, qint64 seq)
{
    m_insertRecent.reset();
    m_insertRecent.bind(1, hash);
    m_insertRecent.bind(2, seq);
    m_insertRecent.run();
    m_insertRecent.reset();
}

qint64 UsageKeyIndex::recentEntries()
{
    // A count of a B-tree that is kept small (a few hundred pages), once per flush.
    SqliteStatement s(m_db, "SELECT count(*) FROM usage_key_recent", "counting idempotency keys", true);
    return s.next() ? sqlite3_column_int64(s, 0) : 0;
}

int UsageKeyIndex::runCount()
{
    SqliteStatement s(m_db, "SELECT count(*) FROM usage_key_runs", "counting key runs", true);
    return s.next() ? sqlite3_column_int(s, 0) : 0;
}

void UsageKeyIndex::drainRecent()
{
    {
        RunWriter w(*this, 0);
        SqliteStatement s(m_db, "SELECT key_hash, seq FROM usage_key_recent ORDER BY key_hash, seq", "reading recent idempotency keys", true);
        while (s.next())
            w.append(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
        w.finish();
    }
    check(sqlite3_exec(m_db, "DELETE FROM usage_key_recent", nullptr, nullptr, nullptr), "draining recent idempotency keys");
}

void UsageKeyIndex::compact()
{
    for (;;) {
        SqliteStatement s(m_db, "SELECT level FROM usage_key_runs GROUP BY level HAVING count(*) >= ?1 ORDER BY level LIMIT 1", "reading key runs", true);
        s.bind(1, qint64(Fanout));
        const int level = s.next() ? sqlite3_column_int(s, 0) : -1;
        if (level < 0)
            return;
        mergeLevel(level);
    }
}

void UsageKeyIndex::mergeLevel(int level)
{
    std::vector<qint64> runs;
    {
        SqliteStatement s(m_db, "SELECT id FROM usage_key_runs WHERE level = ?1 ORDER BY id", "reading key runs", true);
        s.bind(1, qint64(level));
        while (s.next())
            runs.push_back(sqlite3_column_int64(s, 0));
    }
    {
        // A streaming k-way merge: memory is one block per input run.
        std::vector<std::unique_ptr<RunCursor>> cursors;
        for (const qint64 run : runs)
            cursors.push_back(std::make_unique<RunCursor>(*this, run));
        RunWriter w(*this, level + 1);
        for (;;) {
            RunCursor *best = nullptr;
            for (const auto &c : cursors)
                if (!c->atEnd() && (!best || c->current() < best->current()))
                    best = c.get();
            if (!best)
                break;
            w.append(best->current().first, best->current().second);
            best->next();
        }
        w.finish();
    }
    SqliteStatement dropBlocks(m_db, "DELETE FROM usage_key_blocks WHERE run = ?1", "merging key runs", true);
    SqliteStatement dropRun(m_db, "DELETE FROM usage_key_runs WHERE id = ?1", "merging key runs", true);
    for (const qint64 run : runs) {
        for (SqliteStatement *s : {&dropBlocks, &dropRun}) {
            s->reset();
            s->bind(1, run);
            s->run();
        }
    }
}

void UsageKeyIndex::forEachHash(const std::function<void(qint64)> &fn)
{
    for (const Entry &e : m_pending)
        fn(e.first);
    SqliteStatement recent(m_db, "SELECT key_hash FROM usage_key_recent", "reading idempotency keys", true);
    while (recent.next())
        fn(sqlite3_column_int64(recent, 0));
    SqliteStatement blocks(m_db, "SELECT pairs FROM usage_key_blocks", "reading idempotency keys", true);
    while (blocks.next()) {
        const auto *p = static_cast<const uchar *>(sqlite3_column_blob(blocks, 0));
        const int n = sqlite3_column_bytes(blocks, 0) / EntryBytes;
        for (int i = 0; i < n; ++i)
            fn(qFromLittleEndian<qint64>(p + i * EntryBytes));
    }
}

} // namespace orb
