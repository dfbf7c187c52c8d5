#pragma once

#include "models/usage/UsageEventRow.h"

#include <QByteArray>

struct sqlite3;
struct sqlite3_stmt;

namespace orb {

class Database;

/**
 * The write path of usage events: raw sqlite3 prepared statements on the connection's handle,
 * the only SQLite-specific code of the usage capability. The caller owns the transaction
 * (UnitOfWork); this class only looks keys up and inserts.
 *
 * Deduplication: the key's 64-bit hash is looked up in its own index (a covering probe that
 * needs no table row when nothing matches, the common case for random keys); only on a hash
 * match is the stored original compared by full key and body.
 */
class UsageEventStore final
{
public:
    enum class Outcome { Inserted, Duplicate, Conflict };

    explicit UsageEventStore(Database &db);
    ~UsageEventStore();
    UsageEventStore(const UsageEventStore &) = delete;
    UsageEventStore &operator=(const UsageEventStore &) = delete;

    /// A large page cache for this connection, so that the key index stays in memory during a
    /// bulk import (PERFORMANCE.md: the dedup index decides ingest speed).
    void tuneForBulkIngest();

    /// Inserts the event unless its key is known; the same key with the same body is a
    /// Duplicate, with another body a Conflict (nothing written in either case).
    Outcome insert(const UsageEventRow &row, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs);

    /// The original submission stored under this key, if any.
    bool findOriginal(const UsageEventRow &row, UsageEventRow *stored);

private:
    sqlite3_stmt *prepare(const char *sql);
    void check(int rc, const char *what);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_probe = nullptr;
    sqlite3_stmt *m_fetch = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

} // namespace orb
