// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

struct sqlite3;

namespace orb {

/**
 * One connection to a company file, owned by the thread that opened it (Qt SQL connections
 * must not cross threads). Every statement goes through query()/exec(), which turn failures
 * into ServiceError with the statement's purpose in the message.
 */
class Database final
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens the SQLite file; throws ServiceError(Storage) when SQLite cannot open it.
    void open(const QString &path, Mode mode);
    void close();
    bool isOpen() const;
    bool isReadOnly() const { return m_mode == Mode::ReadOnly; }
    const QString &path() const { return m_path; }

    QSqlDatabase handle() const;
    /// The raw SQLite handle, for the backup API and hot paths.
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

    /// The SQLite result code of the last error of a query ("11" corrupt, "26" not a database).
    static int sqliteCode(const QSqlError &error);

private:
    QString m_connectionName;
    QString m_path;
    Mode m_mode = Mode::ReadWrite;
    bool m_inTransaction = false;
    int m_depth = 0; ///< 1 in a transaction, more inside savepoints
};

} // namespace orb
