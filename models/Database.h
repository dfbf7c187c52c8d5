// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/storage/Roles.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <memory>
#include <optional>

struct sqlite3;

namespace orb {

struct CompanyLocation;

/**
 * One connection to a company file, owned by the thread that opened it (Qt SQL connections
 * must not cross threads). Every statement goes through query()/exec(), which turn failures
 * into ServiceError with the statement's purpose in the message.
 */
class Database final
{
public:
    /// Inspect: read-only, for a first look at a file from outside. When no -wal lies beside
    /// the file (nothing committed waits outside it), SQLite opens it as immutable, so the
    /// look creates no -wal or -shm and leaves the folder as it found it.
    enum class Mode { ReadWrite, ReadOnly, Inspect };
    /// Sqlite: a company file (the embedded default). PostgreSql: a company on a server, through
    /// Qt's QPSQL driver; statements are written in SQLite's dialect and translated once each
    /// (SqlDialect), and what has no translation yet is refused, never run with another meaning.
    enum class Engine { Sqlite, PostgreSql };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /**
     * Opens the SQLite file; throws ServiceError(Storage) when SQLite cannot open it. Every
     * connection is hardened before its first statement: defensive mode (no writable_schema,
     * no direct writes to the schema or shadow tables) and an untrusted schema (a view or
     * trigger in the file can call no function with side effects), checked to have taken
     * effect. A read-write connection records the rows it changes for their seals (RowSeals).
     */
    void open(const QString &path, Mode mode);
    /**
     * Connects to a company database on a PostgreSQL server; throws ServiceError(Storage) when
     * the server refuses. The password comes from libpq (PGPASSWORD, ~/.pgpass), never from
     * Orb. A read-only connection is a read-only session (default_transaction_read_only), so
     * not even a statement Orb did not mean can write through it.
     */
    void openServer(const CompanyLocation &location, Mode mode);
    /**
     * A password for one server location (its display()), held in this process's memory only
     * and handed to libpq by every later connection to that location (worker threads too).
     * The window and `orbctl` put one here after reading it from the OS keychain or asking
     * for it; without one libpq reads PGPASSWORD or ~/.pgpass itself. Empty forgets it.
     */
    static void setServerPassword(const QString &location, const QString &password);
    static bool hasServerPassword(const QString &location);
    /// The database user of a server connection (its login, session_user); empty for a file.
    const QString &sessionUser() const { return m_sessionUser; }
    /// The channel a server company's committed writes are announced on (LISTEN orb_changes);
    /// the payload names the tables written, comma-separated.
    static QString changeChannel();
    Engine engine() const { return m_engine; }
    bool isServer() const { return m_engine == Engine::PostgreSql; }
    /// The id the last INSERT of this connection gave its identity / INTEGER PRIMARY KEY column
    /// (SQLite's last rowid; PostgreSQL's lastval()).
    qint64 lastInsertId(const QSqlQuery &query) const;
    /// Runs one statement in this engine's own dialect, untranslated (catalog queries).
    QSqlQuery execNative(const QString &sql, const QVariantList &binds = {}) const;
    /// Runs a script written in this engine's own dialect (migrations), untranslated.
    void execNativeScript(const QString &script) const;

    /// Closes the connection; a read-write one first checkpoints its WAL into the file and
    /// truncates it, so the last connection to close leaves the file whole on its own.
    void close();
    /// How many connections to `path` this process has open now (all threads).
    static int openConnections(const QString &path);
    bool isOpen() const;
    bool isReadOnly() const { return m_mode != Mode::ReadWrite; }
    const QString &path() const { return m_path; }

    QSqlDatabase handle() const;
    /// The raw SQLite handle, for the backup API and hot paths. On a server connection it
    /// throws ServiceError(Conflict) "not yet available on a company server": every raw SQLite
    /// path refuses there instead of misbehaving.
    sqlite3 *sqliteHandle() const;

    /// Prepares and runs a statement with positional binds; throws on failure.
    QSqlQuery exec(const QString &sql, const QVariantList &binds = {}) const;
    /// Runs a statement that returns one value (or none: an invalid QVariant).
    QVariant scalar(const QString &sql, const QVariantList &binds = {}) const;
    /// Runs a script of statements separated by semicolons at line ends.
    void execScript(const QString &script) const;

    /// Begin and end a transaction (used by UnitOfWork). Inside a transaction, begin() opens a
    /// savepoint that commit() releases and rollback() undoes, so an outer rollback undoes all.
    void begin();
    void commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }

    /**
     * The role acting through this connection (models/storage/Roles): on a company file its
     * one local user, with every role; on a server what the server grants the connection's
     * user (ServerRoles, read once). Never more than roleLimit(). Every statement is checked
     * against it before it runs.
     */
    Role role() const;
    Role roleLimit() const { return m_roleLimit; }
    /// Narrows the role (ActingRole does it for a scope).
    void setRoleLimit(Role limit) { m_roleLimit = limit; }
    /// Reads the server role again now (after memberships changed), never while a result is
    /// being read: a server connection streams one result at a time.
    void refreshRole();

    /// The SQLite result code of the last error of a query ("11" corrupt, "26" not a database).
    static int sqliteCode(const QSqlError &error);

private:
    struct Tracker;
    void harden();
    void sealPending();
    sqlite3 *rawSqliteHandle() const;
    QSqlQuery run(const QString &sql, const QVariantList &binds) const;
    void splitScript(const QString &script, bool native) const;

    QString m_connectionName;
    std::unique_ptr<Tracker> m_tracker; ///< rows changed since the last seal
    QString m_path;
    Mode m_mode = Mode::ReadWrite;
    Engine m_engine = Engine::Sqlite;
    bool m_inTransaction = false;
    int m_depth = 0; ///< 1 in a transaction, more inside savepoints
    QString m_sessionUser;
    mutable QStringList m_changedTables; ///< server: tables written in the open transaction, announced at commit
    void noteWrite(const QString &sql) const;
    void announceChanges() const;
    Role m_roleLimit = Role::Admin;
    mutable std::optional<Role> m_serverRole;
};

} // namespace orb
