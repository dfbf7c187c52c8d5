// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Database.h"

#include "models/RowSeals.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/ServerRoles.h"
#include "models/storage/SqlDialect.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
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
    return text.trimmed();
}

// Writers on a server take this transaction-scoped advisory lock first, so they follow one
// another as they do on a company file (BEGIN IMMEDIATE): every read-then-write of a business
// action (the next invoice number, "not yet invoiced") sees all that committed before it.
// Readers never wait (MVCC). "ORB1", the company files' application id.
constexpr qint64 WriterLockKey = 0x4F524231;

// What a refused connection means to people, in front of libpq's own words: a wrong password,
// a missing database, a server that is not there and a TLS refusal read differently.
QString connectFailure(const CompanyLocation &location, const QString &libpq)
{
    const QString user = location.user.isEmpty() ? QStringLiteral("your login") : QStringLiteral("user %1").arg(location.user);
    const QString where = location.host.startsWith(QLatin1Char('/')) || location.host.isEmpty()
                              ? QStringLiteral("the socket in %1").arg(location.host.isEmpty() ? QStringLiteral("the default folder") : location.host)
                              : QStringLiteral("%1 port %2").arg(location.host).arg(location.port);
    QString why;
    if (libpq.contains(QLatin1String("password authentication failed")))
        why = QStringLiteral("the server refused the password of %1").arg(user);
    else if (libpq.contains(QLatin1String("no password supplied")))
        why = QStringLiteral("the server asks for the password of %1 and none was given (enter it when connecting, or keep it in ~/.pgpass)").arg(user);
    else if (libpq.contains(QLatin1String("does not exist")) && libpq.contains(QLatin1String("database")))
        why = QStringLiteral("the server has no database %1").arg(location.database);
    else if (libpq.contains(QLatin1String("role")) && libpq.contains(QLatin1String("does not exist")))
        why = QStringLiteral("the server knows no %1").arg(user);
    else if (libpq.contains(QLatin1String("SSL"), Qt::CaseInsensitive) || libpq.contains(QLatin1String("certificate"), Qt::CaseInsensitive))
        why = QStringLiteral("the TLS connection was refused (check the TLS mode and the root certificate)");
    else if (libpq.contains(QLatin1String("Connection refused")) || libpq.contains(QLatin1String("No such file or directory"))
             || libpq.contains(QLatin1String("could not translate host name")) || libpq.contains(QLatin1String("timeout expired"))
             || libpq.contains(QLatin1String("the database system is shutting down")) || libpq.contains(QLatin1String("the database system is starting up")))
        why = QStringLiteral("no server answers at %1 (is it running and reachable?)").arg(where);
    return why.isEmpty() ? libpq : QStringLiteral("%1 (%2)").arg(why, libpq.simplified());
}

QHash<QString, QString> &serverPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

// The table a writing statement changes ("INSERT INTO customers", "UPDATE invoices SET", "DELETE
// FROM payments"), or nothing for a read. Only the first words are looked at.
QString writtenTable(const QString &sql)
{
    static const QRegularExpression write(QStringLiteral(R"(^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+))"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = write.match(sql);
    return m.hasMatch() ? m.captured(1).toLower() : QString();
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

void Database::setServerPassword(const QString &location, const QString &password)
{
    QMutexLocker lock(&registryMutex());
    if (password.isEmpty())
        serverPasswords().remove(location);
    else
        serverPasswords().insert(location, password);
}

bool Database::hasServerPassword(const QString &location)
{
    QMutexLocker lock(&registryMutex());
    return serverPasswords().contains(location);
}

QString Database::changeChannel()
{
    return QStringLiteral("orb_changes");
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
    m_engine = Engine::Sqlite;
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

void Database::openServer(const CompanyLocation &location, Mode mode)
{
    close();
    m_serverRole.reset();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        throw ServiceError::storage(
            QStringLiteral("cannot connect to %1: Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)").arg(location.display()));
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("orb-pg-%1").arg(++counter);
    m_path = location.display();
    m_mode = mode;
    m_engine = Engine::PostgreSql;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!location.host.isEmpty())
        db.setHostName(location.host);
    db.setPort(location.port);
    db.setDatabaseName(location.database);
    if (!location.user.isEmpty())
        db.setUserName(location.user);
    // A password only when the program was given one (the keychain, a prompt); otherwise
    // libpq reads PGPASSWORD or ~/.pgpass itself.
    {
        QMutexLocker lock(&registryMutex());
        const auto it = serverPasswords().constFind(m_path);
        if (it != serverPasswords().constEnd())
            db.setPassword(*it);
    }
    QString options = location.options;
    if (!options.contains(QLatin1String("connect_timeout=")))
        options += QStringLiteral("%1connect_timeout=10").arg(options.isEmpty() ? QString() : QStringLiteral(";"));
    options += QStringLiteral(";application_name=orb");
    db.setConnectOptions(options);
    if (!db.open()) {
        const QString why = describe(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        m_engine = Engine::Sqlite;
        throw ServiceError::storage(QStringLiteral("cannot connect to the company server %1: %2").arg(m_path, connectFailure(location, why)));
    }
    {
        QMutexLocker lock(&registryMutex());
        ++registry()[m_path];
    }
    try {
        // UTC and ISO dates on the wire, whatever the server's defaults: Orb stores instants as
        // ISO 8601 UTC text and compares them as text.
        exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        // The login, not a role it may switch to: the audit trail names who connected.
        m_sessionUser = scalar(QStringLiteral("SELECT session_user")).toString();
        if (mode != Mode::ReadWrite)
            exec(QStringLiteral("SET default_transaction_read_only = on"));
        refreshRole();
    } catch (...) {
        close();
        throw;
    }
}

qint64 Database::lastInsertId(const QSqlQuery &query) const
{
    if (isServer())
        return scalar(QStringLiteral("SELECT lastval()")).toLongLong();
    return query.lastInsertId().toLongLong();
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen() && isServer()) {
            if (m_inTransaction)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        } else if (db.isOpen()) {
            if (sqlite3 *h = rawSqliteHandle()) {
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
        const QString k = isServer() ? m_path : registryKey(m_path);
        if (--registry()[k] <= 0)
            registry().remove(k);
    }
    m_connectionName.clear();
    m_tracker.reset();
    m_inTransaction = false;
    m_depth = 0;
    m_engine = Engine::Sqlite;
    m_sessionUser.clear();
    m_changedTables.clear();
}

void Database::noteWrite(const QString &sql) const
{
    const QString table = writtenTable(sql);
    if (table.isEmpty() || m_changedTables.contains(table))
        return;
    m_changedTables << table;
    if (!m_inTransaction)
        announceChanges(); // a statement outside a transaction commits on its own
}

void Database::announceChanges() const
{
    if (m_changedTables.isEmpty())
        return;
    // NOTIFY in the transaction is delivered at its commit and dropped with its rollback, so
    // other windows hear of exactly what committed. The payload names the tables.
    const QString payload = m_changedTables.join(QLatin1Char(','));
    m_changedTables.clear();
    run(QStringLiteral("SELECT pg_notify('%1', ?)").arg(changeChannel()), {payload});
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
    if (isServer())
        throw ServiceError::conflict(SqlDialect::notOnServer(QStringLiteral("This action")));
    return rawSqliteHandle();
}

sqlite3 *Database::rawSqliteHandle() const
{
    const QVariant v = handle().driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.data());
    return nullptr;
}

Role Database::role() const
{
    if (!isServer())
        return m_roleLimit;
    // Read when the connection opened (refreshRole): asking in the middle of another
    // statement's streamed result would lose that result.
    return std::min(m_serverRole.value_or(Role::Viewer), m_roleLimit);
}

void Database::refreshRole()
{
    if (!isServer())
        return;
    // Viewer while the server is asked (a read): a failure to ask never grants more.
    m_serverRole = Role::Viewer;
    m_serverRole = ServerRoles::connectionRole(*this);
}

QSqlQuery Database::run(const QString &sql, const QVariantList &binds) const
{
    // Every statement on a server passes here (translated or native): the role decides first.
    Roles::check(role(), sql);
    // A server connection: prepared (server-side) only with binds, since PostgreSQL prepares
    // no BEGIN, SET or CREATE; the SQLSTATE decides what the failure means to people.
    QSqlQuery q(handle());
    q.setForwardOnly(true);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = q.exec(sql);
    } else {
        // A failed prepare is told apart as a failed statement is (a lost connection above all):
        // with binds, the prepare is the first word to the server.
        ok = q.prepare(sql);
        if (ok) {
            for (const QVariant &b : binds)
                q.addBindValue(b);
            ok = q.exec();
        }
    }
    if (!ok) {
        const QSqlError e = q.lastError();
        const QString state = e.nativeErrorCode();
        if (state.startsWith(QLatin1String("23")))
            throw ServiceError::conflict(QStringLiteral("the company database refused the change: %1").arg(describe(e)));
        // The server's grants refused what the program's own check let through (a role that
        // changed meanwhile, a table the grants guard more narrowly): the same refusal.
        if (state == QLatin1String("42501"))
            throw Roles::refusal(role(), QStringLiteral("do this (the company server refused: %1)").arg(describe(e)));
        if (state == QLatin1String("25006"))
            throw ServiceError::conflict(QStringLiteral("%1 is open read-only for you; nothing was changed (%2)").arg(m_path, describe(e)));
        if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
            throw ServiceError::conflict(QStringLiteral("%1 is busy: another user is changing the same data; try again").arg(m_path));
        // 57P01-57P03: the server was stopped or restarted under the connection (pg_ctl stop).
        if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")) || !handle().isOpen() || !handle().driver()->isOpen())
            // Lost on the COMMIT itself, the server may have committed before the answer was lost.
            throw ServiceError::storage(
                QStringLiteral("the connection to the company server %1 was lost (it was stopped, restarted or cannot be reached); %2: %3")
                    .arg(m_path,
                         sql.startsWith(QLatin1String("COMMIT"))
                             ? QStringLiteral("the server may or may not have saved this action, so look before trying it again")
                             : QStringLiteral("nothing of this action was saved, try it again when the server is back"),
                         describe(e)));
        throw ServiceError::storage(QStringLiteral("the company server %1 failed: %2").arg(m_path, describe(e)));
    }
    return q;
}

QSqlQuery Database::execNative(const QString &sql, const QVariantList &binds) const
{
    return isServer() ? run(sql, binds) : exec(sql, binds);
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &binds) const
{
    if (isServer()) {
        QSqlQuery q = run(SqlDialect::forPostgres(sql), binds);
        if (m_mode == Mode::ReadWrite)
            noteWrite(sql);
        return q;
    }
    if (m_roleLimit != Role::Admin)
        Roles::check(m_roleLimit, sql);
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
        sqlite3 *h = rawSqliteHandle();
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
    splitScript(script, false);
}

void Database::execNativeScript(const QString &script) const
{
    splitScript(script, true);
}

void Database::splitScript(const QString &script, bool native) const
{
    const auto runOne = [&](const QString &statement) {
        if (native && isServer())
            run(statement, {});
        else
            exec(statement);
    };
    // Statements end with ";" at the end of a line; migrations are written that way.
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) && current.trimmed().isEmpty())
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            runOne(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        runOne(current.trimmed());
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
    if (isServer() && m_mode == Mode::ReadWrite) {
        try {
            exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(WriterLockKey));
        } catch (...) {
            rollback();
            throw;
        }
    }
}

void Database::commit()
{
    if (m_depth > 1) {
        --m_depth;
        exec(QStringLiteral("RELEASE orb_%1").arg(m_depth));
        return;
    }
    sealPending();
    if (isServer())
        announceChanges();
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
    m_changedTables.clear();
    q.exec(QStringLiteral("ROLLBACK"));
}

int Database::sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

} // namespace orb
