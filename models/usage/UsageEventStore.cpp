#include "models/usage/UsageEventStore.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <sqlite3.h>

namespace orb {

UsageEventStore::UsageEventStore(Database &db) : m_db(db.sqliteHandle())
{
    if (!m_db)
        throw ServiceError::storage(QStringLiteral("the company file has no SQLite handle"));
    m_probe = prepare("SELECT 1 FROM usage_events WHERE key_hash = ?1 LIMIT 1");
    m_fetch = prepare("SELECT idempotency_key, event_name, ts, customer_id, external_customer_id, properties "
                      "FROM usage_events WHERE key_hash = ?1 AND amends IS NULL");
    m_insert = prepare("INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, "
                       "properties, status, backfill_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
}

UsageEventStore::~UsageEventStore()
{
    sqlite3_finalize(m_probe);
    sqlite3_finalize(m_fetch);
    sqlite3_finalize(m_insert);
}

sqlite3_stmt *UsageEventStore::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        throw ServiceError::storage(QStringLiteral("the company file refused a statement: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
    return stmt;
}

void UsageEventStore::check(int rc, const char *what)
{
    if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK)
        return;
    const QString msg = QStringLiteral("the company file failed while %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db)));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        throw ServiceError::conflict(msg);
    throw ServiceError::storage(msg);
}

void UsageEventStore::tuneForBulkIngest()
{
    // 256 MB: enough for the key and time indexes of tens of millions of events.
    sqlite3_exec(m_db, "PRAGMA cache_size = -262144", nullptr, nullptr, nullptr);
}

namespace {

void bindText(sqlite3_stmt *s, int i, const QByteArray &v)
{
    if (v.isEmpty())
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v.constData(), int(v.size()), SQLITE_STATIC);
}

QByteArray columnText(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QByteArray(p, sqlite3_column_bytes(s, i)) : QByteArray();
}

} // namespace

bool UsageEventStore::findOriginal(const UsageEventRow &row, UsageEventRow *stored)
{
    sqlite3_reset(m_fetch);
    sqlite3_bind_int64(m_fetch, 1, row.keyHash);
    int rc;
    while ((rc = sqlite3_step(m_fetch)) == SQLITE_ROW) {
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
        sqlite3_reset(m_fetch);
        return true;
    }
    check(rc, "looking up an idempotency key");
    sqlite3_reset(m_fetch);
    return false;
}

UsageEventStore::Outcome UsageEventStore::insert(const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId,
                                                 qint64 ingestedAtMs)
{
    sqlite3_reset(m_probe);
    sqlite3_bind_int64(m_probe, 1, row.keyHash);
    const int rc = sqlite3_step(m_probe);
    check(rc, "probing an idempotency key");
    sqlite3_reset(m_probe);
    if (rc == SQLITE_ROW) {
        UsageEventRow stored;
        if (findOriginal(row, &stored))
            return stored.sameBody(row) ? Outcome::Duplicate : Outcome::Conflict;
    }
    sqlite3_reset(m_insert);
    sqlite3_bind_int64(m_insert, 1, row.keyHash);
    bindText(m_insert, 2, row.idempotencyKey);
    bindText(m_insert, 3, row.eventName);
    sqlite3_bind_int64(m_insert, 4, row.tsMs);
    bindText(m_insert, 5, row.customerId);
    bindText(m_insert, 6, row.externalCustomerId);
    sqlite3_bind_text(m_insert, 7, row.properties.constData(), int(row.properties.size()), SQLITE_STATIC);
    sqlite3_bind_int(m_insert, 8, int(status));
    bindText(m_insert, 9, backfillId);
    sqlite3_bind_int64(m_insert, 10, ingestedAtMs);
    check(sqlite3_step(m_insert), "inserting an event");
    sqlite3_reset(m_insert);
    return Outcome::Inserted;
}

} // namespace orb
