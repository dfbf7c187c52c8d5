// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Database.h"

#include "models/RowSeals.h"
#include "models/StorageError.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>

#include <sodium.h>
// Debian's (and every distribution's) SQLite is built with the pre-update hook; its
// declaration is behind this switch.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <cstring>

namespace orb {

struct Database::Tracker {
    PendingRows rows;
};

namespace {

QMutex &registryMutex()
{
    static QMutex m;
    return m;
}

QHash<QString, int> &registry()
{
    static QHash<QString, int> r;
    return r;
}

QString registryKey(const QString &path)
{
    return path == QLatin1String(":memory:") ? path : QFileInfo(path).absoluteFilePath();
}

// SQLite's pre-update hook: called for every row a statement of this connection inserts,
// updates or deletes (REPLACE deletions and FOREIGN KEY actions included), before the change.
// It only notes the row; the seal is computed at commit, from the row as it then stands.
void onPreUpdate(void *context, sqlite3 *, int op, const char *database, const char *table, sqlite3_int64 oldRowid, sqlite3_int64 newRowid)
{
    if (std::strcmp(database, "main") != 0 || !RowSeals::tracks(table))
        return;
    auto &rows = static_cast<PendingRows *>(context)->operator[](table);
    if (op != SQLITE_INSERT)
        rows.insert(oldRowid);
    if (op != SQLITE_DELETE)
        rows.insert(newRowid);
}

QString describe(const QSqlError &e)
{
    QString text = e.databaseText();
    if (text.isEmpty())
        text = e.text();
    return text;
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

int Database::openConnections(const QString &path)
{
    QMutexLocker lock(&registryMutex());
    return registry().value(registryKey(path));
}

void Database::harden()
{
    sqlite3 *h = sqliteHandle();
    if (!h)
        throw ServiceError::storage(QStringLiteral("cannot open %1: the SQLite driver gave no handle").arg(m_path));
    // Defensive mode: no PRAGMA writable_schema, no writes to sqlite_schema or shadow tables,
    // no journal_mode=OFF; a file cannot be turned into another by SQL sent through Orb.
    int defensive = -1;
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive);
    // An untrusted schema: functions with side effects and virtual tables that are not
    // innocuous cannot be used from a view, trigger, CHECK or default stored in the file.
    int trusted = -1;
    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &trusted);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    exec(QStringLiteral("PRAGMA trusted_schema = OFF"));
    int checkDefensive = -1;
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, -1, &checkDefensive);
    if (defensive != 1 || checkDefensive != 1 || trusted != 0 || scalar(QStringLiteral("PRAGMA trusted_schema")).toInt() != 0)
        throw ServiceError::storage(QStringLiteral("cannot open %1: this SQLite refuses defensive mode, so Orb does not trust it with the file").arg(m_path));
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
    if (mode != Mode::ReadWrite)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (mode == Mode::Inspect && path != QLatin1String(":memory:") && !QFileInfo::exists(path + QStringLiteral("-wal"))) {
        db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
        options += QStringLiteral(";QSQLITE_OPEN_URI");
    }
    db.setConnectOptions(options);
    if (!db.open()) {
        const QString why = describe(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        throw ServiceError::storage(QStringLiteral("cannot open %1: %2").arg(path, why));
    }
    {
        QMutexLocker lock(&registryMutex());
        ++registry()[registryKey(path)];
    }
    try {
        harden();
    } catch (...) {
        close();
        throw;
    }
    if (mode == Mode::ReadWrite) {
        static const bool sodiumReady = sodium_init() >= 0;
        if (!sodiumReady)
            throw ServiceError::storage(QStringLiteral("cannot open %1: libsodium did not start").arg(path));
        m_tracker = std::make_unique<Tracker>();
        sqlite3_preupdate_hook(sqliteHandle(), &onPreUpdate, &m_tracker->rows);
    }
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            if (sqlite3 *h = sqliteHandle()) {
                if (!sqlite3_get_autocommit(h))
                    sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
                // Rows written through the raw handle and committed with a raw COMMIT (bulk
                // paths) are sealed here at the latest, so they never read as written by
                // another program.
                if (m_tracker && !m_tracker->rows.empty() && sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
                    try {
                        RowSeals::seal(h, m_tracker->rows);
                        sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
                    } catch (const ServiceError &) {
                        sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
                    }
                    m_tracker->rows.clear();
                }
                // Every committed page into the file itself, the WAL cut to nothing: should
                // this not be the last connection (or the program die before that one closes),
                // the file on its own still holds everything committed through this one.
                if (m_mode == Mode::ReadWrite)
                    sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
                sqlite3_preupdate_hook(h, nullptr, nullptr);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    {
        QMutexLocker lock(&registryMutex());
        const QString k = registryKey(m_path);
        if (--registry()[k] <= 0)
            registry().remove(k);
    }
    m_connectionName.clear();
    m_tracker.reset();
    m_inTransaction = false;
    m_depth = 0;
}

void Database::sealPending()
{
    if (!m_tracker || m_tracker->rows.empty())
        return;
    PendingRows rows;
    rows.swap(m_tracker->rows);
    RowSeals::seal(sqliteHandle(), rows);
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
    // A write outside any transaction: seal it at once, in a transaction of its own.
    if (m_tracker && !m_tracker->rows.empty()) {
        sqlite3 *h = sqliteHandle();
        if (h && sqlite3_get_autocommit(h)) {
            auto *self = const_cast<Database *>(this);
            self->begin();
            try {
                self->commit();
            } catch (...) {
                self->rollback();
                throw;
            }
        }
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
    sealPending();
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
    if (m_tracker)
        m_tracker->rows.clear();
    q.exec(QStringLiteral("ROLLBACK"));
}

int Database::sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

} // namespace orb
