// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CompanyFile.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/Validation.h"
#include "models/AuditLog.h"
#include "models/RowSeals.h"
#include "models/SchemaCheck.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/backup/CompanyLock.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/ServerCursor.h"
#include "models/storage/ServerRoles.h"
#include "models/storage/ServerSchema.h"
#include "models/usage/UsageMonthCounts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlError>
#include <QStandardPaths>

#include <sqlite3.h>

namespace orb {

namespace {

quint32 bigEndian32(const QByteArray &bytes, int offset)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData() + offset);
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

// Files larger than this skip the full quick_check on open: it reads the whole file. Their
// corruption is still caught by SQLite when a damaged page is read, and by backup/restore.
constexpr qint64 QuickCheckLimit = 64LL * 1024 * 1024;

void removeFileSet(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QFile::remove(path + QStringLiteral("-journal"));
}

} // namespace

int CompanyFile::latestSchemaVersion()
{
    const auto list = SchemaCheck::migrations();
    return list.isEmpty() ? 0 : list.last().version;
}

QString CompanyFile::defaultPath()
{
    const QString env = qEnvironmentVariable("ORB_DB");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/orb/company.orb");
}

CompanyFile::CompanyFile(QString path) : m_path(std::move(path)) {}

CompanyFile::~CompanyFile() = default;

std::unique_ptr<CompanyFile> CompanyFile::open(const QString &path)
{
    if (CompanyLocation::looksLikeServer(path))
        return openServer(path, false);
    return openImpl(path, false);
}

std::unique_ptr<CompanyFile> CompanyFile::openReadOnly(const QString &path)
{
    if (CompanyLocation::looksLikeServer(path))
        return openServer(path, true);
    return openImpl(path, true);
}

std::unique_ptr<CompanyFile> CompanyFile::openServer(const QString &text, bool readOnly)
{
    CompanyLocation location;
    try {
        location = CompanyLocation::parse(text);
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Invalid, e.message());
    }
    std::unique_ptr<CompanyFile> file(new CompanyFile(location.display()));
    try {
        file->m_db.openServer(location, readOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Io, e.message());
    }
    try {
        const int version = ServerSchema::version(file->m_db);
        if (version == 0)
            throw CompanyFileError(
                CompanyFileError::Kind::NotFound,
                QStringLiteral("the database %1 holds no Orb company (move one there with `orbctl company move-to-server`)").arg(file->m_path));
        if (version > latestSchemaVersion())
            throw CompanyFileError(
                CompanyFileError::Kind::TooNew,
                QStringLiteral("%1 was written by a newer Orb (schema version %2; this Orb knows up to %3). Open it with that version or later.")
                    .arg(file->m_path)
                    .arg(version)
                    .arg(latestSchemaVersion()));
        if (version < latestSchemaVersion()) {
            if (readOnly)
                throw CompanyFileError(CompanyFileError::Kind::Invalid,
                                       QStringLiteral("%1 was written by an older Orb and must be upgraded, but it is open read-only.").arg(file->m_path));
            ServerSchema::migrate(file->m_db);
            // Tables the upgrade added get their grants, so billing and viewers reach them.
            if (ServerRoles::isSetUp(file->m_db))
                ServerRoles::applyGrants(file->m_db);
            UsageMonthCounts::ensure(file->m_db);
        } else if (!readOnly) {
            // As a file does at every open: the month counts follow the company's zone (two
            // reads when they do). A role that may not write them leaves them as they are:
            // the dashboard then counts the events of a month not listed.
            try {
                UsageMonthCounts::ensure(file->m_db);
            } catch (const ServiceError &) {
            }
        }
        if (file->m_db.scalar(QStringLiteral("SELECT value FROM orb_meta WHERE key = 'format'")).toString() != QLatin1String("orb-company"))
            throw CompanyFileError(CompanyFileError::Kind::NotACompanyFile, QStringLiteral("the database %1 is not an Orb company").arg(file->m_path));
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot open %1: %2").arg(file->m_path, e.message()));
    }
    return file;
}

std::unique_ptr<CompanyFile> CompanyFile::openForInspection(const QString &path)
{
    return openImpl(path, true, true);
}

QString CompanyFile::foreignSchemaMessage(const QString &path, const QStringList &objects)
{
    QString text = QStringLiteral("%1 was changed outside Orb: it holds database code or tables that Orb did not put there. "
                                  "Such changes can alter invoices, customers' details or payment instructions behind your back, "
                                  "so Orb did not open it and left it untouched. What is not Orb's:")
                       .arg(path);
    for (const QString &o : objects)
        text += QStringLiteral("\n  - ") + o;
    text += QStringLiteral("\nOpen it read-only to look at it, or restore the company from a backup you trust.");
    return text;
}

std::unique_ptr<CompanyFile> CompanyFile::openLocked(const QString &path)
{
    // A server company is shared by design: the server keeps several users apart.
    if (CompanyLocation::looksLikeServer(path))
        return openServer(path, false);
    checkHeader(path);
    auto lock = std::make_unique<CompanyLock>(path);
    if (!lock->tryLock()) {
        const auto owner = CompanyLock::owner(path);
        if (owner)
            throw CompanyFileError(CompanyFileError::Kind::InUse, CompanyLock::inUseMessage(path, *owner));
        // Freed between the two looks: one more try, then give up plainly.
        if (!lock->tryLock())
            throw CompanyFileError(CompanyFileError::Kind::InUse,
                                   QStringLiteral("%1 is in use by another program. Open it read-only, or close it there first.").arg(path));
    }
    std::unique_ptr<CompanyFile> file = openImpl(path, false);
    file->m_lock = std::move(lock);
    return file;
}

int CompanyFile::verify(const QString &path)
{
    checkHeader(path);
    std::unique_ptr<CompanyFile> file(new CompanyFile(QFileInfo(path).absoluteFilePath()));
    try {
        file->m_db.open(file->m_path, Database::Mode::Inspect);
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Io, e.message());
    }
    file->inspect();
    try {
        QSqlQuery q = file->m_db.exec(QStringLiteral("PRAGMA integrity_check"));
        QStringList problems;
        while (q.next()) {
            const QString line = q.value(0).toString();
            if (line != QLatin1String("ok"))
                problems << line;
        }
        if (!problems.isEmpty())
            throw CompanyFileError(CompanyFileError::Kind::Corrupt,
                                   QStringLiteral("%1 is damaged (%2)").arg(path, problems.mid(0, 3).join(QStringLiteral("; "))));
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Corrupt, QStringLiteral("%1 is damaged or unreadable (%2)").arg(path, e.message()));
    }
    return file->schemaVersion();
}

void CompanyFile::checkHeader(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        throw CompanyFileError(CompanyFileError::Kind::NotFound, QStringLiteral("there is no company file at %1").arg(path));
    if (!fi.isFile())
        throw CompanyFileError(CompanyFileError::Kind::NotACompanyFile, QStringLiteral("%1 is not a file").arg(path));

    // Look at SQLite's header before SQLite itself: a foreign file is refused without being
    // opened by SQLite at all, so nothing (not even a journal) can touch it.
    QFile raw(path);
    if (!raw.open(QIODevice::ReadOnly))
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, raw.errorString()));
    const QByteArray header = raw.read(100);
    raw.close();
    if (header.size() < 100 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        throw CompanyFileError(CompanyFileError::Kind::NotACompanyFile,
                               QStringLiteral("%1 is not an Orb company file (it is not an SQLite database); it was left untouched").arg(path));
    if (bigEndian32(header, 68) != quint32(ApplicationId))
        throw CompanyFileError(CompanyFileError::Kind::NotACompanyFile,
                               QStringLiteral("%1 is an SQLite database, but not an Orb company file; it was left untouched").arg(path));
    const int headerVersion = int(bigEndian32(header, 60));
    if (headerVersion > latestSchemaVersion())
        throw CompanyFileError(CompanyFileError::Kind::TooNew,
                               QStringLiteral("%1 was written by a newer Orb (schema version %2; this Orb knows up to %3). Open it with that version or later.")
                                   .arg(path)
                                   .arg(headerVersion)
                                   .arg(latestSchemaVersion()));
}

std::unique_ptr<CompanyFile> CompanyFile::openImpl(const QString &path, bool forceReadOnly, bool inspection)
{
    checkHeader(path);
    const QFileInfo fi(path);
    // Read-only when the file or its folder cannot be written, or when its owner took away its
    // write permission (honoured even for an administrator, who could write anyway).
    const bool readOnly = forceReadOnly || !fi.isWritable() || !(fi.permissions() & QFileDevice::WriteOwner) || !QFileInfo(fi.absolutePath()).isWritable();

    std::unique_ptr<CompanyFile> file(new CompanyFile(fi.absoluteFilePath()));
    file->m_inspection = inspection;
    try {
        file->m_db.open(file->m_path, Database::Mode::Inspect);
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Io, e.message());
    }
    file->inspect();
    if (readOnly) {
        if (file->schemaVersion() < latestSchemaVersion() && !inspection)
            throw CompanyFileError(
                CompanyFileError::Kind::Invalid,
                QStringLiteral("%1 was written by an older Orb and must be upgraded, but it is read-only. Make it writable or open a copy.").arg(path));
        file->m_db.exec(QStringLiteral("PRAGMA query_only = 1"));
        return file;
    }
    file->m_db.close();
    try {
        file->m_db.open(file->m_path, Database::Mode::ReadWrite);
        file->configure();
        file->migrate();
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot open %1 for writing: %2").arg(path, e.message()));
    }
    return file;
}

void CompanyFile::inspect()
{
    // Any SQLite error here means the file is damaged: its header looked right, but its pages
    // do not read back.
    try {
        const int appId = m_db.scalar(QStringLiteral("PRAGMA application_id")).toInt();
        if (appId != ApplicationId)
            throw CompanyFileError(CompanyFileError::Kind::NotACompanyFile, QStringLiteral("%1 is not an Orb company file; it was left untouched").arg(m_path));
        const int version = schemaVersion();
        if (version > latestSchemaVersion())
            throw CompanyFileError(
                CompanyFileError::Kind::TooNew,
                QStringLiteral("%1 was written by a newer Orb (schema version %2; this Orb knows up to %3). Open it with that version or later.")
                    .arg(m_path)
                    .arg(version)
                    .arg(latestSchemaVersion()));
        if (QFileInfo(m_path).size() <= QuickCheckLimit) {
            QSqlQuery q = m_db.exec(QStringLiteral("PRAGMA quick_check"));
            QStringList problems;
            while (q.next()) {
                const QString line = q.value(0).toString();
                if (line != QLatin1String("ok"))
                    problems << line;
            }
            if (!problems.isEmpty())
                throw CompanyFileError(CompanyFileError::Kind::Corrupt, QStringLiteral("%1 is damaged (%2); it was left untouched. Restore it from a backup.")
                                                                            .arg(m_path, problems.mid(0, 3).join(QStringLiteral("; "))));
        }
        // Data, never code: the schema must be exactly what Orb's migrations create for this
        // version, before anything is read through it or written to it.
        const QStringList foreign = SchemaCheck::check(m_db, version);
        if (!foreign.isEmpty()) {
            if (!m_inspection)
                throw CompanyFileError(CompanyFileError::Kind::ForeignSchema, foreignSchemaMessage(m_path, foreign), foreign);
            m_schemaProblems = foreign;
            return;
        }
        if (version > 0) {
            const QString format = m_db.scalar(QStringLiteral("SELECT value FROM orb_meta WHERE key = 'format'")).toString();
            if (format != QLatin1String("orb-company"))
                throw CompanyFileError(CompanyFileError::Kind::Corrupt,
                                       QStringLiteral("%1 has lost its Orb company record; it was left untouched. Restore it from a backup.").arg(m_path));
        }
    } catch (const ServiceError &e) {
        throw CompanyFileError(CompanyFileError::Kind::Corrupt,
                               QStringLiteral("%1 is damaged or unreadable (%2); it was left untouched. Restore it from a backup.").arg(m_path, e.message()));
    }
}

void CompanyFile::configure()
{
    m_db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    m_db.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    // A finance file: a commit survives power loss, not only a crash of the program.
    m_db.exec(QStringLiteral("PRAGMA synchronous = FULL"));
}

int CompanyFile::schemaVersion() const
{
    if (m_db.isServer())
        return ServerSchema::version(m_db);
    return m_db.scalar(QStringLiteral("PRAGMA user_version")).toInt();
}

void CompanyFile::migrate()
{
    const int current = schemaVersion();
    const auto tableSql = [this] {
        QHash<QString, QString> sql;
        for (const SchemaObject &o : SchemaCheck::actual(m_db))
            if (o.type == QLatin1String("table"))
                sql.insert(o.name, o.sql);
        return sql;
    };
    for (const Migration &m : SchemaCheck::migrations()) {
        if (m.version <= current)
            continue;
        const QString script = m.script();
        UnitOfWork uow(m_db);
        const QHash<QString, QString> before = tableSql();
        m_db.execScript(script);
        m_db.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                  {m.version, m.name, toIsoUtc(QDateTime::currentDateTimeUtc())});
        m_db.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version));
        if (m.version == RowSeals::SchemaVersion) {
            // The file's rows as they stand at the upgrade are its first sealed state.
            RowSeals::sealAll(m_db);
        } else if (m.version > RowSeals::SchemaVersion) {
            // A migration that rebuilt a table (ALTER TABLE, a new column) changes every row's
            // digest: those tables are sealed again as the migration left them.
            const QHash<QString, QString> after = tableSql();
            QStringList rebuilt;
            for (auto it = after.constBegin(); it != after.constEnd(); ++it)
                if (before.contains(it.key()) && before.value(it.key()) != it.value())
                    rebuilt << it.key();
            if (!rebuilt.isEmpty())
                RowSeals::sealAll(m_db, rebuilt);
        }
        uow.commit();
    }
    // The dashboard's month counts follow the company's zone (listed at the upgrade to 0031).
    UsageMonthCounts::ensure(m_db);
}

std::unique_ptr<CompanyFile> CompanyFile::create(const QString &path, const CompanySettings &settings, const Clock &clock)
{
    const FieldErrors errors = validateCompanySettings(settings);
    if (!errors.isEmpty())
        throw CompanyFileError(CompanyFileError::Kind::Invalid, QStringLiteral("the company settings are not valid:\n") + joinErrors(errors));
    const QFileInfo fi(path);
    if (fi.exists())
        throw CompanyFileError(CompanyFileError::Kind::AlreadyExists, QStringLiteral("%1 already exists; Orb does not overwrite a file").arg(path));
    if (!QDir().mkpath(fi.absolutePath()))
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot create the folder %1").arg(fi.absolutePath()));
    {
        // Owner-only from the first byte: a company file holds customers' data.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot create %1: %2").arg(path, f.errorString()));
    }
    std::unique_ptr<CompanyFile> file(new CompanyFile(fi.absoluteFilePath()));
    try {
        file->m_db.open(file->m_path, Database::Mode::ReadWrite);
        file->m_db.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
        file->configure();
        file->migrate();
        const QString now = toIsoUtc(clock.now());
        UnitOfWork uow(file->m_db);
        file->m_db.exec(QStringLiteral("INSERT INTO company (id, name, email, address_line1, address_line2, address_city, address_state, "
                                       "address_postal_code, address_country, tax_id, default_currency, timezone, invoice_prefix, "
                                       "document_locale, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {settings.name, settings.email, settings.addressLine1, settings.addressLine2, settings.city, settings.state, settings.postalCode,
                         settings.country, settings.taxId, settings.defaultCurrency, settings.timezone, settings.invoicePrefix, settings.documentLocale, now,
                         now});
        UsageMonthCounts::ensure(file->m_db);
        uow.commit();
    } catch (const ServiceError &e) {
        file->m_db.close();
        removeFileSet(path);
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot create %1: %2").arg(path, e.message()));
    }
    return file;
}

std::unique_ptr<CompanyFile> CompanyFile::createEmpty(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.exists())
        throw CompanyFileError(CompanyFileError::Kind::AlreadyExists, QStringLiteral("%1 already exists; Orb does not overwrite a file").arg(path));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot create %1: %2").arg(path, f.errorString()));
    }
    std::unique_ptr<CompanyFile> file(new CompanyFile(fi.absoluteFilePath()));
    try {
        file->m_db.open(file->m_path, Database::Mode::ReadWrite);
        file->m_db.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
        file->configure();
        file->migrate();
    } catch (const ServiceError &e) {
        file->m_db.close();
        removeFileSet(path);
        throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot create %1: %2").arg(path, e.message()));
    }
    return file;
}

std::unique_ptr<Database> CompanyFile::openConnection() const
{
    auto db = std::make_unique<Database>();
    if (isServer()) {
        db->openServer(CompanyLocation::parse(m_path), isReadOnly() ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
        return db;
    }
    db->open(m_path, isReadOnly() ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
    db->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (!isReadOnly())
        db->exec(QStringLiteral("PRAGMA synchronous = FULL"));
    return db;
}

bool CompanyFile::connectionLost() const
{
    return ServerCursor::lost(m_db);
}

void CompanyFile::reconnect()
{
    if (!CompanyLocation::looksLikeServer(m_path))
        return;
    if (m_db.inTransaction())
        throw ServiceError::conflict(QStringLiteral("the connection to %1 cannot be replaced in the middle of an action").arg(m_path));
    const Database::Mode mode = isReadOnly() ? Database::Mode::ReadOnly : Database::Mode::ReadWrite;
    const CompanyLocation location = CompanyLocation::parse(m_path);
    {
        // The server answers and lets this user in (a refusal throws here, and the connection
        // in use stays as it was).
        Database probe;
        probe.openServer(location, mode);
    }
    m_db.openServer(location, mode);
}

CompanySettings CompanyFile::settings() const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT name, email, address_line1, address_line2, address_city, address_state, "
                                           "address_postal_code, address_country, tax_id, default_currency, timezone, "
                                           "invoice_prefix, document_locale, created_at, updated_at FROM company WHERE id = 1"));
    CompanySettings s;
    if (!q.next())
        throw ServiceError::storage(QStringLiteral("%1 has no company record").arg(m_path));
    s.name = q.value(0).toString();
    s.email = q.value(1).toString();
    s.addressLine1 = q.value(2).toString();
    s.addressLine2 = q.value(3).toString();
    s.city = q.value(4).toString();
    s.state = q.value(5).toString();
    s.postalCode = q.value(6).toString();
    s.country = q.value(7).toString();
    s.taxId = q.value(8).toString();
    s.defaultCurrency = q.value(9).toString();
    s.timezone = q.value(10).toString();
    s.invoicePrefix = q.value(11).toString();
    s.documentLocale = q.value(12).toString();
    s.createdAt = fromIsoUtc(q.value(13).toString());
    s.updatedAt = fromIsoUtc(q.value(14).toString());
    return s;
}

void CompanyFile::updateSettings(const CompanySettings &s, const Clock &clock)
{
    const FieldErrors errors = validateCompanySettings(s);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the company settings are not valid"), errors);
    UnitOfWork uow(m_db);
    const QJsonObject before = settingsJson(settings());
    m_db.exec(QStringLiteral("UPDATE company SET name = ?, email = ?, address_line1 = ?, address_line2 = ?, address_city = ?, "
                             "address_state = ?, address_postal_code = ?, address_country = ?, tax_id = ?, default_currency = ?, "
                             "timezone = ?, invoice_prefix = ?, document_locale = ?, updated_at = ? WHERE id = 1"),
              {s.name, s.email, s.addressLine1, s.addressLine2, s.city, s.state, s.postalCode, s.country, s.taxId, s.defaultCurrency, s.timezone,
               s.invoicePrefix, s.documentLocale, toIsoUtc(clock.now())});
    const QJsonObject after = settingsJson(settings());
    // Another zone moves every month's bounds: the dashboard's month counts are taken again.
    UsageMonthCounts::ensure(m_db);
    if (after != before)
        AuditLog(m_db).append(clock.now(), QStringLiteral("company.update"), QStringLiteral("company"), QStringLiteral("1"), before, after);
    uow.commit();
}

QString CompanyFile::setting(const QString &key, const QString &defaultValue) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    return v.isValid() ? v.toString() : defaultValue;
}

int CompanyFile::setting(IntSetting which) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {intSettingRule(which).key});
    return intSettingValue(which, v.isValid() ? std::optional<QString>(v.toString()) : std::nullopt);
}

void CompanyFile::setSetting(const QString &key, const QString &value)
{
    setSetting(key, value, SystemClock());
}

void CompanyFile::setSetting(const QString &key, const QString &value, const Clock &clock)
{
    UnitOfWork uow(m_db);
    const QVariant old = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (old.isValid() && old.toString() == value) {
        uow.commit();
        return;
    }
    m_db.exec(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key});
    m_db.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), {key, value});
    AuditLog(m_db).append(clock.now(), QStringLiteral("settings.set"), QStringLiteral("setting"), key,
                          old.isValid() ? std::optional<QJsonObject>(QJsonObject{{QStringLiteral("value"), old.toString()}}) : std::nullopt,
                          QJsonObject{{QStringLiteral("value"), value}});
    uow.commit();
}

QJsonObject settingsJson(const CompanySettings &s)
{
    return QJsonObject{{QStringLiteral("name"), s.name},
                       {QStringLiteral("email"), s.email},
                       {QStringLiteral("address_line1"), s.addressLine1},
                       {QStringLiteral("address_line2"), s.addressLine2},
                       {QStringLiteral("city"), s.city},
                       {QStringLiteral("state"), s.state},
                       {QStringLiteral("postal_code"), s.postalCode},
                       {QStringLiteral("country"), s.country},
                       {QStringLiteral("tax_id"), s.taxId},
                       {QStringLiteral("currency"), s.defaultCurrency},
                       {QStringLiteral("timezone"), s.timezone},
                       {QStringLiteral("invoice_prefix"), s.invoicePrefix},
                       {QStringLiteral("document_locale"), s.documentLocale}};
}

FieldErrors validateCompanySettings(const CompanySettings &s)
{
    FieldErrors errors;
    if (s.name.trimmed().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("is required")});
    else if (s.name.size() > 200)
        errors.append({QStringLiteral("name"), QStringLiteral("must be at most 200 characters")});
    if (!s.email.isEmpty() && !validation::isEmail(s.email))
        errors.append({QStringLiteral("email"), QStringLiteral("\"%1\" is not an e-mail address").arg(s.email)});
    if (!Currency::fromCode(s.defaultCurrency))
        errors.append({QStringLiteral("currency"), QStringLiteral("\"%1\" is not an ISO 4217 currency code (such as USD, EUR, JPY)").arg(s.defaultCurrency)});
    if (!validation::isTimeZone(s.timezone))
        errors.append(
            {QStringLiteral("timezone"), QStringLiteral("\"%1\" is not an IANA time zone (such as Europe/Berlin or America/New_York)").arg(s.timezone)});
    if (!s.country.isEmpty() && !validation::isCountryCode(s.country))
        errors.append({QStringLiteral("country"), QStringLiteral("\"%1\" is not an ISO 3166 two-letter country code").arg(s.country)});
    static const QRegularExpression prefixRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_./-]{0,15}$"));
    if (!prefixRe.match(s.invoicePrefix).hasMatch())
        errors.append({QStringLiteral("invoice_prefix"),
                       QStringLiteral("\"%1\" must be 1 to 16 letters, digits, '-', '_', '.' or '/', starting with a letter or digit").arg(s.invoicePrefix)});
    const QLocale locale(s.documentLocale);
    if (s.documentLocale.isEmpty() || (locale.language() == QLocale::C && s.documentLocale != QLatin1String("C")))
        errors.append({QStringLiteral("document_locale"), QStringLiteral("\"%1\" is not a locale (such as en_US or de_DE)").arg(s.documentLocale)});
    return errors;
}

} // namespace orb
