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
#include <QSqlRecord>
#include <QSqlResult>
#include <QThread>
#include <QUrl>

#include <sodium.h>
// Debian's (and every distribution's) SQLite is built with the pre-update hook; its
// declaration is behind this switch.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace orb {

namespace {

struct StatementSlot;

} // namespace

/*
 * The connection's prepared statements by SQL text. A slot is lent to one caller at a time
 * (inUse) through a CachedResult wrapped in the QSqlQuery exec() returns; when the caller's
 * last copy of that query goes, the slot comes back reset (SQLite: sqlite3_reset, so it holds
 * no read transaction and no lock) and waits for the next run of the same text. Slots the
 * cache let go of (evicted, cleared at close) die with their last borrower instead.
 */
struct StatementCache {
    /// The most kept: the billing paths use about a hundred texts; past that, the least
    /// recently used goes (finalized), so statements composed with values in them cannot
    /// grow the cache without end.
    static constexpr int Capacity = 160;
    QHash<QString, std::shared_ptr<StatementSlot>> kept;
    quint64 clock = 0;

    StatementCache() = default;
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;
    ~StatementCache() { clear(); }
    void drop(const std::shared_ptr<StatementSlot> &slot);
    void clear();
    void makeRoom();
};

namespace {

struct StatementSlot {
    QString sql;
    QSqlQuery query;
    qsizetype binds = 0;
    quint64 lastUse = 0;
    bool inUse = false;
    bool server = false;
    bool tainted = false;            ///< the borrower prepared or ran something else on it
    StatementCache *owner = nullptr; ///< null once the cache let go of it
};

/*
 * What the caller's QSqlQuery reads through: the cached statement's own query, positioned in
 * step with it. Everything is forwarded through QSqlQuery's public interface, so the values,
 * types and errors are exactly the driver's. Going away, it gives the statement back.
 */
class CachedResult final : public QSqlResult
{
public:
    explicit CachedResult(std::shared_ptr<StatementSlot> slot) : QSqlResult(slot->query.driver()), m_slot(std::move(slot))
    {
        QSqlResult::setForwardOnly(true);
        QSqlResult::setQuery(m_slot->sql);
        sync();
    }
    ~CachedResult() override { giveBack(); }
    CachedResult(const CachedResult &) = delete;
    CachedResult &operator=(const CachedResult &) = delete;

    QVariant handle() const override
    {
        const QSqlResult *r = m_slot->query.result();
        return r ? r->handle() : QVariant();
    }

protected:
    QVariant data(int i) override { return m_slot->query.value(i); }
    bool isNull(int i) override { return m_slot->query.isNull(i); }
    bool fetch(int i) override { return moved(m_slot->query.seek(i)); }
    bool fetchFirst() override { return moved(m_slot->query.first()); }
    bool fetchLast() override { return moved(m_slot->query.last()); }
    bool fetchNext() override { return moved(m_slot->query.next()); }
    bool fetchPrevious() override { return moved(m_slot->query.previous()); }
    int size() override { return m_slot->query.size(); }
    int numRowsAffected() override { return m_slot->query.numRowsAffected(); }
    QSqlRecord record() const override { return m_slot->query.record(); }
    QVariant lastInsertId() const override { return m_slot->query.lastInsertId(); }
    void detachFromResultSet() override { m_slot->query.finish(); }
    bool nextResult() override
    {
        const bool ok = m_slot->query.nextResult();
        sync();
        return ok;
    }
    void setNumericalPrecisionPolicy(QSql::NumericalPrecisionPolicy policy) override
    {
        QSqlResult::setNumericalPrecisionPolicy(policy);
        m_slot->query.setNumericalPrecisionPolicy(policy);
    }
    // The borrower running other SQL on the query it was handed: done on the statement's own
    // query, which then no longer answers to its text and leaves the cache when given back.
    bool reset(const QString &sql) override
    {
        m_slot->tainted = true;
        const bool ok = m_slot->query.exec(sql);
        sync();
        return ok;
    }
    bool prepare(const QString &sql) override
    {
        m_slot->tainted = true;
        const bool ok = m_slot->query.prepare(sql);
        sync();
        return ok;
    }
    bool exec() override
    {
        m_slot->tainted = true;
        const QList<QVariant> &values = boundValues();
        for (int i = 0; i < values.size(); ++i)
            m_slot->query.bindValue(i, values.at(i), bindValueType(i));
        const bool ok = m_slot->query.exec();
        sync();
        return ok;
    }

private:
    bool moved(bool ok)
    {
        if (ok) {
            QSqlResult::setAt(m_slot->query.at());
            return true;
        }
        const QSqlError e = m_slot->query.lastError();
        if (e.isValid())
            setLastError(e);
        return false;
    }
    void sync()
    {
        QSqlResult::setActive(m_slot->query.isActive());
        QSqlResult::setSelect(m_slot->query.isSelect());
        QSqlResult::setAt(m_slot->query.at());
        setLastError(m_slot->query.lastError());
    }
    void giveBack()
    {
        StatementSlot &s = *m_slot;
        s.inUse = false;
        if (!s.owner)
            return; // let go of by the cache: finalized with this last reference
        // A server streams a forward-only result row by row; one not read to its end is still
        // running there (its implicit transaction open) until the connection hears of it, so
        // it is let go of the way Qt always ends it, discarding the rest, not kept half-read.
        const bool unfinished = s.server && s.query.isActive() && s.query.isSelect() && s.query.at() != QSql::AfterLastRow;
        if (s.tainted || unfinished) {
            s.owner->drop(m_slot);
            return;
        }
        // SQLite: sqlite3_reset, so the statement holds no read transaction and no lock.
        s.query.finish();
    }

    std::shared_ptr<StatementSlot> m_slot;
};

} // namespace

void StatementCache::drop(const std::shared_ptr<StatementSlot> &slot)
{
    const auto it = kept.constFind(slot->sql);
    if (it != kept.constEnd() && it->get() == slot.get())
        kept.erase(it);
    slot->owner = nullptr;
}

void StatementCache::clear()
{
    // Slots still lent out are finalized when their borrower lets go; the rest here.
    for (const auto &slot : kept)
        slot->owner = nullptr;
    kept.clear();
}

void StatementCache::makeRoom()
{
    while (kept.size() >= Capacity) {
        auto oldest = kept.end();
        for (auto it = kept.begin(); it != kept.end(); ++it) {
            if (oldest == kept.end() || it.value()->lastUse < oldest.value()->lastUse)
                oldest = it;
        }
        oldest.value()->owner = nullptr;
        kept.erase(oldest);
    }
}

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

namespace {

// Runs `sql` with `binds` on `db` (a server's when `server`) through `cache` (none: prepared for this once, as without a
// cache); false with `error` set, and `prepareFailed` when it did not even prepare.
// Whether the statement's result can change width under it: a "*" (but COUNT(*)) takes the
// table's columns as they are when it runs. SQLite prepares such a statement again after a
// schema change, and Qt's driver, which sized its row for the old width, must not read it;
// a server refuses to run a kept plan whose result type changed. Those are never kept.
bool widthMayChange(const QString &sql)
{
    for (qsizetype i = sql.indexOf(QLatin1Char('*')); i >= 0; i = sql.indexOf(QLatin1Char('*'), i + 1)) {
        qsizetype p = i - 1;
        while (p >= 0 && sql.at(p).isSpace())
            --p;
        if (p < 0)
            return true;
        const QChar before = sql.at(p);
        if (before == QLatin1Char(',') || before == QLatin1Char('.'))
            return true; // "a, *", "t.*"
        if (before == QLatin1Char('(') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char(')'))
            continue; // COUNT(*)
        if (before.isLetter()) {
            qsizetype w = p;
            while (w >= 0 && (sql.at(w).isLetterOrNumber() || sql.at(w) == QLatin1Char('_')))
                --w;
            const QStringView word = QStringView(sql).mid(w + 1, p - w);
            for (const char *k : {"SELECT", "DISTINCT", "ALL", "RETURNING"})
                if (word.compare(QLatin1String(k), Qt::CaseInsensitive) == 0)
                    return true;
        }
        // Otherwise a product ("qty * price", "2 * x"): the width is the statement's own.
    }
    return false;
}

bool runCached(StatementCache *cache, const Database &db, bool server, const QString &sql, const QVariantList &binds, QSqlQuery &out, QSqlError &error,
               bool &prepareFailed)
{
    prepareFailed = false;
    if (cache && widthMayChange(sql))
        cache = nullptr;
    std::shared_ptr<StatementSlot> slot;
    const auto it = cache ? cache->kept.constFind(sql) : decltype(cache->kept.constFind(sql))();
    const bool known = cache && it != cache->kept.constEnd();
    if (known && !it.value()->inUse && it.value()->binds == binds.size()) {
        slot = it.value();
    } else {
        QSqlQuery q(db.handle());
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            error = q.lastError();
            prepareFailed = true;
            return false;
        }
        // No cache (a closed connection, a statement of changing width), a different number
        // of binds (refused as before), or
        // lent out already (a caller still reads its earlier result, or runs it inside that
        // loop): this one is prepared beside it and finalized after use, as before the cache.
        if (!cache || known) {
            for (int i = 0; i < binds.size(); ++i)
                q.bindValue(i, binds.at(i));
            if (!q.exec()) {
                error = q.lastError();
                return false;
            }
            out = std::move(q);
            return true;
        }
        cache->makeRoom();
        slot = std::make_shared<StatementSlot>();
        slot->sql = sql;
        slot->query = std::move(q);
        slot->binds = binds.size();
        slot->server = server;
        slot->owner = cache;
        cache->kept.insert(sql, slot);
    }
    slot->lastUse = ++cache->clock;
    for (int i = 0; i < binds.size(); ++i)
        slot->query.bindValue(i, binds.at(i));
    if (!slot->query.exec()) {
        error = slot->query.lastError();
        // Prepared anew next time: after a failure the statement may be what failed (a lost
        // connection, a server that forgot it).
        slot->query.finish();
        cache->drop(slot);
        return false;
    }
    slot->inUse = true;
    out = QSqlQuery(new CachedResult(slot));
    return true;
}

} // namespace

// What a connection keeps beside its handle while open: the rows changed since the last seal
// (read-write SQLite connections), its prepared statements and those of its seals.
struct Database::Tracker {
    PendingRows rows;
    StatementCache statements;
    SealStatements seals;
};

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
    m_tracker = std::make_unique<Tracker>();
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
        m_tracker.reset();
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
    m_tracker = std::make_unique<Tracker>();
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
        m_tracker.reset();
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
            // After the ROLLBACK (an aborted transaction refuses DEALLOCATE), before the
            // connection goes: each kept statement is deallocated on the server.
            if (m_tracker)
                m_tracker->statements.clear();
            db.close();
        } else if (db.isOpen()) {
            // Every kept statement finalized first: a SQLite connection does not close while
            // a statement of it is unfinalized.
            if (m_tracker)
                m_tracker->statements.clear();
            if (sqlite3 *h = rawSqliteHandle()) {
                if (!sqlite3_get_autocommit(h))
                    sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
                // Rows written through the raw handle and committed with a raw COMMIT (bulk
                // paths) are sealed here at the latest, so they never read as written by
                // another program.
                if (m_tracker && !m_tracker->rows.empty() && sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
                    try {
                        RowSeals::seal(h, m_tracker->rows, &m_tracker->seals);
                        sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
                    } catch (const ServiceError &) {
                        sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
                    }
                    m_tracker->rows.clear();
                }
                if (m_tracker)
                    m_tracker->seals.clear();
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
    if (m_tracker)
        m_tracker->statements.clear();
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
    RowSeals::seal(sqliteHandle(), rows, &m_tracker->seals);
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
    // no BEGIN, SET or CREATE; the SQLSTATE decides what the failure means to people. Those
    // prepared are kept (runCached) and run again with new binds.
    QSqlQuery q;
    QSqlError e;
    bool ok = false;
    if (binds.isEmpty()) {
        q = QSqlQuery(handle());
        q.setForwardOnly(true);
        ok = q.exec(sql);
        if (!ok) {
            e = q.lastError();
        } else if (static const QRegularExpression ddl(QStringLiteral(R"(^\s*(?:CREATE|ALTER|DROP)\b)"), QRegularExpression::CaseInsensitiveOption);
                   ddl.match(sql).hasMatch()) {
            // A kept plan whose tables changed shape may refuse to run ("cached plan must not
            // change result type"): after a schema change every statement is prepared anew.
            if (m_tracker)
                m_tracker->statements.clear();
        }
    } else {
        // A failed prepare is told apart as a failed statement is (a lost connection above all):
        // with binds, the prepare is the first word to the server.
        bool prepareFailed = false;
        ok = runCached(m_tracker ? &m_tracker->statements : nullptr, *this, true, sql, binds, q, e, prepareFailed);
    }
    if (!ok) {
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
    QSqlQuery q;
    QSqlError e;
    bool prepareFailed = false;
    if (!runCached(m_tracker ? &m_tracker->statements : nullptr, *this, false, sql, binds, q, e, prepareFailed)) {
        if (prepareFailed)
            throw ServiceError::storage(QStringLiteral("the company file refused a statement: %1").arg(describe(e)));
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
    if (!q.next())
        return QVariant();
    const QVariant value = q.value(0);
    // A server streams the rows: reading past a one-row result's end lets its prepared
    // statement be kept (a result left half-read is not kept, see CachedResult).
    if (isServer())
        q.next();
    return value;
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
    if (m_tracker) {
        m_tracker->rows.clear();
        // A schema change undone here may come back as another at the same schema version:
        // what the seals know of the tables is read again.
        m_tracker->seals.clear();
    }
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
