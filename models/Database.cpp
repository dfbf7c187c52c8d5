// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Database.h"

#include "models/StorageError.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

namespace orb {

namespace {

QString describe(const QSqlError &e)
{
    QString text = e.databaseText();
    if (text.isEmpty())
        text = e.text();
    return text;
}

} // namespace

Database::~Database()
{
    close();
}

void Database::open(const QString &path, Mode mode)
{
    close();
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("orb-%1").arg(++counter);
    m_path = path;
    m_mode = mode;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (!db.open()) {
        const QString why = describe(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        throw ServiceError::storage(QStringLiteral("cannot open %1: %2").arg(path, why));
    }
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_inTransaction = false;
}

bool Database::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

sqlite3 *Database::sqliteHandle() const
{
    const QVariant v = handle().driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.data());
    return nullptr;
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &binds) const
{
    QSqlQuery q(handle());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        throw ServiceError::storage(QStringLiteral("the company file refused a statement: %1").arg(describe(q.lastError())));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        const int code = sqliteCode(e);
        if (code == SQLITE_CONSTRAINT)
            throw ServiceError::conflict(QStringLiteral("the company file refused the change: %1").arg(describe(e)));
        if (code == SQLITE_READONLY)
            throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_path));
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            throw ServiceError::conflict(QStringLiteral("%1 is busy: another program is writing to it; try again").arg(m_path));
        throw ServiceError::storage(QStringLiteral("the company file %1 failed: %2").arg(m_path, describe(e)));
    }
    return q;
}

QVariant Database::scalar(const QString &sql, const QVariantList &binds) const
{
    QSqlQuery q = exec(sql, binds);
    return q.next() ? q.value(0) : QVariant();
}

void Database::execScript(const QString &script) const
{
    // Statements end with ";" at the end of a line; migrations are written that way.
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) && current.trimmed().isEmpty())
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            exec(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        exec(current.trimmed());
}

void Database::begin()
{
    if (m_depth > 0) {
        // A transaction inside a transaction is a savepoint: the outer one can still roll the
        // whole thing back (the desktop program previews a change that way without storing it).
        exec(QStringLiteral("SAVEPOINT orb_%1").arg(m_depth));
        ++m_depth;
        return;
    }
    // IMMEDIATE takes the write lock up front, so two writers never deadlock on an upgrade.
    exec(QStringLiteral("BEGIN IMMEDIATE"));
    m_depth = 1;
    m_inTransaction = true;
}

void Database::commit()
{
    if (m_depth > 1) {
        --m_depth;
        exec(QStringLiteral("RELEASE orb_%1").arg(m_depth));
        return;
    }
    exec(QStringLiteral("COMMIT"));
    m_depth = 0;
    m_inTransaction = false;
}

void Database::rollback()
{
    if (!m_inTransaction)
        return;
    QSqlQuery q(handle());
    if (m_depth > 1) {
        --m_depth;
        q.exec(QStringLiteral("ROLLBACK TO orb_%1").arg(m_depth));
        q.exec(QStringLiteral("RELEASE orb_%1").arg(m_depth));
        return;
    }
    m_depth = 0;
    m_inTransaction = false;
    q.exec(QStringLiteral("ROLLBACK"));
}

int Database::sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

} // namespace orb
