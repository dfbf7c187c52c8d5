// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"
#include "models/Company.h"
#include "models/Database.h"
#include "models/SettingKeys.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <stdexcept>

namespace orb {

class Clock;
class CompanyLock;

/// Why a company file could not be opened or created. Nothing was written to the file.
class CompanyFileError : public std::runtime_error
{
public:
    /// ForeignSchema: the file holds tables, indexes, triggers or views Orb did not create (or
    /// altered ones); objects() names each.
    enum class Kind { NotFound, NotACompanyFile, Corrupt, TooNew, AlreadyExists, Invalid, Io, InUse, ForeignSchema };
    CompanyFileError(Kind kind, const QString &message, QStringList objects = {})
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message), m_objects(std::move(objects))
    {
    }
    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const QStringList &objects() const { return m_objects; }

private:
    Kind m_kind;
    QString m_message;
    QStringList m_objects;
};

/**
 * One company's books: an SQLite file (extension .orb) holding the company's settings and all
 * of its data. Opening checks that the file is an Orb company file, not written by a newer
 * Orb and not corrupt before anything is written to it, then brings its schema up to date with
 * the numbered migrations embedded in the program, each in its own transaction.
 */
class CompanyFile final
{
public:
    /// The schema version this program writes.
    static int latestSchemaVersion();
    /// SQLite's application_id for company files ("ORB1").
    static constexpr int ApplicationId = 0x4F524231;

    /// Opens an existing company file; read-only when the file cannot (or must not) be written.
    static std::unique_ptr<CompanyFile> open(const QString &path);
    /// Opens read-only whatever the file's permissions (the answer to "in use: open read-only?").
    static std::unique_ptr<CompanyFile> openReadOnly(const QString &path);
    /**
     * Opens a file whose schema is not Orb's (CompanyFileError::Kind::ForeignSchema) read-only,
     * to look at it: nothing can be written through it, its schema cannot run functions, and
     * schemaProblems() lists what is foreign. Every other refusal still throws.
     */
    static std::unique_ptr<CompanyFile> openForInspection(const QString &path);
    /**
     * Opens a company file for the desktop program: takes the lock beside it first (see
     * CompanyLock) and holds it while the file is open. A file another live program holds
     * throws CompanyFileError(InUse) whose message names the user, host, program and time;
     * the caller may then offer openReadOnly().
     */
    static std::unique_ptr<CompanyFile> openLocked(const QString &path);
    /**
     * Checks a file without writing to it: the header checks of open(), then SQLite's full
     * integrity_check (whatever the file's size). Throws CompanyFileError; returns the file's
     * schema version. Used before a backup is restored.
     */
    static int verify(const QString &path);
    /// Creates a new company file (refuses to overwrite one), readable by its owner only.
    static std::unique_ptr<CompanyFile> create(const QString &path, const CompanySettings &settings, const Clock &clock);
    /// A new company file with Orb's schema and no company in it (not even the company row),
    /// readable by its owner only: what a backup of a company server is filled into.
    static std::unique_ptr<CompanyFile> createEmpty(const QString &path);

    /// The default location of the company file: $ORB_DB, else the user's data folder.
    static QString defaultPath();

    ~CompanyFile();

    /// The company file's path, or a server company's location (postgresql://..., no password).
    const QString &path() const { return m_path; }
    /// Whether the company lives on a PostgreSQL server (see docs/TEAM.md).
    bool isServer() const { return m_db.isServer(); }
    bool isReadOnly() const { return m_db.isReadOnly(); }
    /// Opened by openForInspection(): what in its schema is not Orb's (empty otherwise).
    const QStringList &schemaProblems() const { return m_schemaProblems; }
    bool isInspection() const { return m_inspection; }
    /// The message for a file whose schema is not Orb's, naming each object, for people.
    static QString foreignSchemaMessage(const QString &path, const QStringList &objects);
    int schemaVersion() const;
    Database &db() { return m_db; }

    /// A second connection to the same file, for a worker thread (call from that thread).
    std::unique_ptr<Database> openConnection() const;
    /// A server company whose connection the server dropped (stopped, restarted, unreachable):
    /// true until reconnect() succeeds. Always false for a company file.
    bool connectionLost() const;
    /**
     * Opens a server company's connection again after it was lost, the same Database object
     * (so every model holding it carries on), as the same user and mode. Tries a second
     * connection first, so the connection in use is replaced only once the server answers;
     * throws ServiceError(Storage) with the server's refusal, leaving everything as it was.
     * Refused (Conflict) inside a transaction, whose work died with the old connection.
     */
    void reconnect();

    CompanySettings settings() const;
    /// Validates and stores the company's settings in one transaction; throws ServiceError.
    void updateSettings(const CompanySettings &settings, const Clock &clock);

    /// A key-value setting ("grace_period_hours"), or the default when unset.
    QString setting(const QString &key, const QString &defaultValue = {}) const;
    /// A whole-number setting, its default and range from the one settings table (SettingKeys).
    int setting(IntSetting which) const;
    /// Stores a setting in one transaction, with an audit entry.
    void setSetting(const QString &key, const QString &value, const Clock &clock);
    /// As above, dated by the system clock.
    void setSetting(const QString &key, const QString &value);

private:
    explicit CompanyFile(QString path);
    static void checkHeader(const QString &path); // SQLite and Orb headers, before SQLite opens it
    static std::unique_ptr<CompanyFile> openImpl(const QString &path, bool forceReadOnly, bool inspection = false);
    static std::unique_ptr<CompanyFile> openServer(const QString &location, bool readOnly); // postgresql://
    void inspect();                                                                         // read-only checks, before any write
    void configure();                                                                       // pragmas for a writable connection
    void migrate();

    QString m_path;
    std::unique_ptr<CompanyLock> m_lock; // released after the connection closes
    Database m_db;
    bool m_inspection = false;
    QStringList m_schemaProblems;
};

/// The settings as the API shows them (audit entries, `orbctl company show --json`).
QJsonObject settingsJson(const CompanySettings &settings);

/// Validates company settings; returns every broken rule.
FieldErrors validateCompanySettings(const CompanySettings &settings);

} // namespace orb
