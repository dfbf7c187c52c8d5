// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QVariant>

#include <sqlite3.h>

namespace orb {

/// Throws ServiceError when `rc` is not SQLITE_OK, SQLITE_ROW or SQLITE_DONE: Conflict for a
/// busy or locked file, Storage otherwise; the message says what failed ("counting events") and
/// SQLite's reason.
void sqliteCheck(sqlite3 *db, int rc, const char *what);

/**
 * One raw SQLite statement, for the hot paths that bypass Qt SQL (usage ingestion and
 * aggregation, the key index, the row-id lists, row seals). Preparing, binding and stepping are checked (a failed prepare throws
 * ServiceError naming `what`, never a null statement stepped later) and the statement is
 * finalized however the scope is left, so an exception never leaks one (a leaked statement
 * keeps the connection from closing).
 */
class SqliteStatement final
{
public:
    SqliteStatement() = default;
    /// Prepares `sql` on `db`; `persistent` for a statement reused many times.
    SqliteStatement(sqlite3 *db, const char *sql, const char *what, bool persistent = false);
    /// The same for a statement of `bytes` bytes (-1: up to the terminating zero).
    SqliteStatement(sqlite3 *db, const char *sql, int bytes, const char *what, bool persistent = false);
    ~SqliteStatement() { sqlite3_finalize(m_stmt); }
    SqliteStatement(SqliteStatement &&other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt), m_what(other.m_what) { other.m_stmt = nullptr; }
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    sqlite3_stmt *get() const { return m_stmt; }
    operator sqlite3_stmt *() const { return m_stmt; }

    /// Copy: SQLite keeps its own copy of bound text or blob. Borrowed: the caller keeps the
    /// bytes alive and unchanged until the statement is reset or stepped for the last time (the
    /// hot ingestion paths, which would otherwise copy every event twice).
    enum class Bytes { Copy, Borrowed };

    /// Binds parameter `i` (from 1); every bind is checked (a wrong index or a statement out
    /// of memory throws ServiceError naming the statement).
    SqliteStatement &bind(int i, qint64 value);
    SqliteStatement &bind(int i, const QByteArray &utf8Text, Bytes bytes = Bytes::Copy);
    SqliteStatement &bindText(int i, const char *utf8, int size, Bytes bytes = Bytes::Copy);
    SqliteStatement &bindBlob(int i, const void *data, int size, Bytes bytes = Bytes::Copy);
    SqliteStatement &bindNull(int i);
    /// An integer for whole-number variants, text for everything else.
    SqliteStatement &bind(int i, const QVariant &value);

    /// One step: true for a row, false when done; throws on an error.
    bool next();
    /// Steps once and checks the outcome (for a statement without rows).
    void run();
    /// Ready to run again with new binds.
    void reset();

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    const char *m_what = "";
};

} // namespace orb
