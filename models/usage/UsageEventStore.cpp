// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageEventStore.h"

#include "models/SqliteStatement.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <sqlite3.h>

#include <algorithm>

namespace orb {

namespace {

sqlite3 *handleOf(Database &db)
{
    if (!db.sqliteHandle())
        throw ServiceError::storage(QStringLiteral("the company file has no SQLite handle"));
    return db.sqliteHandle();
}

} // namespace

UsageEventStore::UsageEventStore(Database &db) : m_db(handleOf(db)), m_keys(m_db)
{
    // The original submission (amendments have `amends` set): dedup compares with it.
    m_fetch = SqliteStatement(m_db,
                              "SELECT idempotency_key, event_name, ts, customer_id, external_customer_id, properties "
                              "FROM usage_events WHERE seq = ?1 AND amends IS NULL",
                              "looking up an idempotency key", true);
    m_insert = SqliteStatement(m_db,
                               "INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, "
                               "properties, status, backfill_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               "inserting an event", true);
}

// The statements finalize themselves, also when the second one fails to prepare.
UsageEventStore::~UsageEventStore() = default;

void UsageEventStore::tuneForBulkIngest()
{
    // 256 MB: the time index of tens of millions of events and a checkpoint's new pages.
    sqlite3_exec(m_db, "PRAGMA cache_size = -262144", nullptr, nullptr, nullptr);
    m_bufferKeys = true;
    m_bufferPostings = true;
}

namespace {

// Borrowed: the row outlives the step that reads it (insert() resets after stepping).
void bindTextOrNull(SqliteStatement &s, int i, const QByteArray &v)
{
    if (v.isEmpty())
        s.bindNull(i);
    else
        s.bind(i, v, SqliteStatement::Bytes::Borrowed);
}

QByteArray columnText(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QByteArray(p, sqlite3_column_bytes(s, i)) : QByteArray();
}

} // namespace

bool UsageEventStore::findOriginal(const UsageEventRow &row, UsageEventRow *stored)
{
    m_seqs.clear();
    m_keys.find(row.keyHash, m_seqs);
    for (const qint64 seq : m_seqs) {
        m_fetch.reset();
        m_fetch.bind(1, seq);
        if (!m_fetch.next())
            continue; // an amendment: not the original submission
        const auto *key = static_cast<const char *>(sqlite3_column_blob(m_fetch, 0));
        const int keyLen = sqlite3_column_bytes(m_fetch, 0);
        if (keyLen != row.idempotencyKey.size() || memcmp(key, row.idempotencyKey.constData(), size_t(keyLen)) != 0)
            continue; // a hash collision with another key
        if (stored) {
            stored->idempotencyKey = row.idempotencyKey;
            stored->keyHash = row.keyHash;
            stored->eventName = columnText(m_fetch, 1);
            stored->tsMs = sqlite3_column_int64(m_fetch, 2);
            stored->customerId = columnText(m_fetch, 3);
            stored->externalCustomerId = columnText(m_fetch, 4);
            stored->properties = columnText(m_fetch, 5);
        }
        m_fetch.reset();
        return true;
    }
    m_fetch.reset();
    return false;
}

void UsageEventStore::bindRow(SqliteStatement &s, const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs)
{
    s.bind(1, row.keyHash);
    bindTextOrNull(s, 2, row.idempotencyKey);
    bindTextOrNull(s, 3, row.eventName);
    s.bind(4, row.tsMs);
    bindTextOrNull(s, 5, row.customerId);
    bindTextOrNull(s, 6, row.externalCustomerId);
    s.bind(7, row.properties, SqliteStatement::Bytes::Borrowed);
    s.bind(8, qint64(status));
    bindTextOrNull(s, 9, backfillId);
    s.bind(10, ingestedAtMs);
}

void UsageEventStore::insertBatch(const std::vector<UsageEventRow> &rows, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs,
                                  std::vector<Outcome> &outcomes)
{
    outcomes.resize(rows.size());
    constexpr size_t Ahead = 8;
    if (m_filterOn)
        for (size_t i = 0; i < std::min(Ahead, rows.size()); ++i)
            m_filter.prefetch(rows[i].keyHash);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (m_filterOn && i + Ahead < rows.size())
            m_filter.prefetch(rows[i + Ahead].keyHash);
        outcomes[i] = insert(rows[i], status, backfillId, ingestedAtMs);
    }
}

namespace {

qint64 dataVersion(sqlite3 *db)
{
    SqliteStatement s(db, "PRAGMA data_version", "reading the file's data version");
    return s.next() ? sqlite3_column_int64(s, 0) : -1;
}

} // namespace

bool UsageEventStore::loadKeyFilter(qint64 maxRows)
{
    m_filter.clear();
    m_filterOn = false;
    if (sqlite3_get_autocommit(m_db))
        return false; // outside a transaction the filter could go stale at once
    qint64 rows = 0;
    {
        SqliteStatement s(m_db, "SELECT max(seq) FROM usage_events", "counting events");
        if (s.next())
            rows = sqlite3_column_int64(s, 0);
    }
    if (rows > maxRows)
        return false;
    m_filter.reserve(rows + 1);
    m_keys.forEachHash([this](qint64 hash) { m_filter.insert(hash); });
    m_dataVersion = dataVersion(m_db);
    m_filterOn = m_dataVersion >= 0;
    return m_filterOn;
}

bool UsageEventStore::keyFilterStillValid()
{
    if (!m_filterOn)
        return false;
    const qint64 v = dataVersion(m_db);
    if (v == m_dataVersion && v >= 0)
        return true;
    m_filter.clear();
    m_filterOn = false;
    return false;
}

UsageEventStore::Outcome UsageEventStore::insert(const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs)
{
    // Not in the in-memory filter, which holds every stored hash: a new key, no lookup. A
    // hash that is in it (or no filter) is looked up and compared by full key and body.
    if (!m_filterOn || m_filter.contains(row.keyHash)) {
        UsageEventRow stored;
        if (findOriginal(row, &stored))
            return stored.sameBody(row) ? Outcome::Duplicate : Outcome::Conflict;
    }
    m_insert.reset();
    bindRow(m_insert, row, status, backfillId, ingestedAtMs);
    m_insert.run();
    m_insert.reset();
    const qint64 seq = sqlite3_last_insert_rowid(m_db);
    if (m_bufferKeys)
        m_keys.add(row.keyHash, seq);
    else
        m_keys.insertNow(row.keyHash, seq);
    // The customer directory is written in the transaction of its events, like the key index.
    m_postings.add(m_db, row, seq, status == UsageEventStatus::Active);
    if (!m_bufferPostings)
        m_postings.write(m_db);
    if (m_filterOn)
        m_filter.insert(row.keyHash);
    return Outcome::Inserted;
}

} // namespace orb
