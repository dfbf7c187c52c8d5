// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SqliteStatement.h"

#include "models/StorageError.h"

#include <QString>

#include <utility>

namespace orb {

void sqliteCheck(sqlite3 *db, int rc, const char *what)
{
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
        return;
    const QString msg = QStringLiteral("the company file failed while %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db)));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        throw ServiceError::conflict(msg);
    throw ServiceError::storage(msg);
}

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql, const char *what, bool persistent) : SqliteStatement(db, sql, -1, what, persistent) {}

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql, int bytes, const char *what, bool persistent) : m_db(db), m_what(what)
{
    const int rc = sqlite3_prepare_v3(db, sql, bytes, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        sqliteCheck(db, rc, what);
    }
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_what = other.m_what;
    }
    return *this;
}

SqliteStatement &SqliteStatement::bind(int i, qint64 value)
{
    sqliteCheck(m_db, sqlite3_bind_int64(m_stmt, i, value), m_what);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int i, const QByteArray &utf8Text, Bytes bytes)
{
    return bindText(i, utf8Text.constData(), int(utf8Text.size()), bytes);
}

SqliteStatement &SqliteStatement::bindText(int i, const char *utf8, int size, Bytes bytes)
{
    sqliteCheck(m_db, sqlite3_bind_text(m_stmt, i, utf8, size, bytes == Bytes::Copy ? SQLITE_TRANSIENT : SQLITE_STATIC), m_what);
    return *this;
}

SqliteStatement &SqliteStatement::bindBlob(int i, const void *data, int size, Bytes bytes)
{
    sqliteCheck(m_db, sqlite3_bind_blob(m_stmt, i, data, size, bytes == Bytes::Copy ? SQLITE_TRANSIENT : SQLITE_STATIC), m_what);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int i)
{
    sqliteCheck(m_db, sqlite3_bind_null(m_stmt, i), m_what);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int i, const QVariant &value)
{
    // As Qt's SQLite driver binds the same values: no value, a null variant or a null string
    // is NULL (never an empty text, which compares and sorts differently), bytes are a blob.
    if (!value.isValid() || value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isNull()))
        return bindNull(i);
    switch (value.typeId()) {
    case QMetaType::Bool: return bind(i, qint64(value.toBool() ? 1 : 0));
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return bindBlob(i, bytes.constData(), int(bytes.size()), Bytes::Copy);
    }
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt: return bind(i, value.toLongLong());
    default: return bind(i, value.toString().toUtf8());
    }
}

bool SqliteStatement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    sqliteCheck(m_db, rc, m_what);
    return false;
}

void SqliteStatement::run()
{
    sqliteCheck(m_db, sqlite3_step(m_stmt), m_what);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
}

} // namespace orb
