// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/Backup.h"

#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/backup/BackupCrypto.h"
#include "models/backup/CompanyLock.h"
#include "models/backup/ServerBackup.h"
#include "models/storage/CompanyLocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <functional>

#include <fcntl.h>
#include <unistd.h>

namespace orb {

namespace {

const QStringList &sidecars()
{
    static const QStringList list = {QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")};
    return list;
}

void removeFileSet(const QString &path)
{
    QFile::remove(path);
    for (const QString &s : sidecars())
        QFile::remove(path + s);
}

// Renames a database with its -wal/-shm/-journal: a WAL holds committed pages that belong
// to the file it sits beside.
bool renameFileSet(const QString &from, const QString &to)
{
    if (!QFile::rename(from, to))
        return false;
    for (const QString &s : sidecars())
        if (QFile::exists(from + s))
            QFile::rename(from + s, to + s);
    return true;
}

void syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Creates an empty file readable by its owner only; SQLite then fills it and keeps the mode.
void createOwnerOnly(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        throw ServiceError::storage(QStringLiteral("cannot create %1: %2").arg(path, f.errorString()));
}

QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

void execOn(sqlite3 *db, const char *sql, const QString &path)
{
    char *error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const QString why = error ? QString::fromUtf8(error) : sqliteMessage(db);
        sqlite3_free(error);
        throw ServiceError::storage(QStringLiteral("%1: %2").arg(path, why));
    }
}

QString integrityProblems(sqlite3 *db)
{
    QStringList problems;
    try {
        SqliteStatement st(db, "PRAGMA integrity_check", "checking integrity");
        while (st.next()) {
            const QString line = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
            if (line != QLatin1String("ok"))
                problems << line;
        }
    } catch (const ServiceError &) {
        // A file SQLite cannot even check is a problem to report, not an error of the caller's.
        problems << sqliteMessage(db);
    }
    return problems.mid(0, 3).join(QStringLiteral("; "));
}

// Copies every page of `source` into the file at `dest` (which exists and is empty), checks
// the copy and turns it into a self-contained rollback-journal file.
int copyPages(sqlite3 *source, const QString &dest)
{
    sqlite3 *dst = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(dest).constData(), &dst, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const QString why = dst ? sqliteMessage(dst) : QStringLiteral("out of memory");
        sqlite3_close(dst);
        throw ServiceError::storage(QStringLiteral("cannot write %1: %2").arg(dest, why));
    }
    const auto closeDst = qScopeGuard([&] { sqlite3_close(dst); });
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", source, "main");
    if (!b)
        throw ServiceError::storage(QStringLiteral("cannot back up to %1: %2").arg(dest, sqliteMessage(dst)));
    // All pages in one step: one read transaction over one snapshot, which in WAL mode does
    // not hold up writers. A busy source (a checkpoint, an exclusive lock) is retried.
    int rc = SQLITE_OK;
    int busyRetries = 0;
    do {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++busyRetries > 200)
                break;
            sqlite3_sleep(50);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    const int pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        throw ServiceError::storage(QStringLiteral("the backup to %1 failed: %2").arg(dest, QString::fromUtf8(sqlite3_errstr(rc))));
    execOn(dst, "PRAGMA journal_mode = DELETE", dest);
    const QString problems = integrityProblems(dst);
    if (!problems.isEmpty())
        throw ServiceError::storage(QStringLiteral("the backup written to %1 does not check out (%2)").arg(dest, problems));
    return pages;
}

// A company file written row by row (a server's backup): made self-contained and checked as
// copyPages() does its copy; returns its page count.
int checkWritten(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const QString why = db ? sqliteMessage(db) : QStringLiteral("out of memory");
        sqlite3_close(db);
        throw ServiceError::storage(QStringLiteral("cannot check %1: %2").arg(path, why));
    }
    const auto close = qScopeGuard([&] { sqlite3_close(db); });
    execOn(db, "PRAGMA journal_mode = DELETE", path);
    const QString problems = integrityProblems(db);
    if (!problems.isEmpty())
        throw ServiceError::storage(QStringLiteral("the backup written to %1 does not check out (%2)").arg(path, problems));
    SqliteStatement pages(db, "PRAGMA page_count", "counting pages");
    return pages.next() ? sqlite3_column_int(pages, 0) : 0;
}

BackupInfo finish(const QString &partial, const QString &destPath, int pages)
{
    QFile::setPermissions(partial, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    syncPath(partial);
    if (!QFile::rename(partial, destPath)) {
        removeFileSet(partial);
        throw ServiceError::storage(QStringLiteral("cannot move the backup into place at %1").arg(destPath));
    }
    syncPath(QFileInfo(destPath).absolutePath());
    return {destPath, QFileInfo(destPath).size(), pages};
}

QString prepareDestination(const QString &destPath)
{
    const QFileInfo fi(destPath);
    if (fi.exists())
        throw ServiceError::conflict(QStringLiteral("%1 already exists; a backup never overwrites a file").arg(destPath));
    if (!QDir().mkpath(fi.absolutePath()))
        throw ServiceError::storage(QStringLiteral("cannot create the folder %1").arg(fi.absolutePath()));
    const QString partial = fi.absoluteFilePath() + QStringLiteral(".partial");
    removeFileSet(partial); // left by a backup that was interrupted
    createOwnerOnly(partial);
    return partial;
}

// What a scheduled backup's name starts with: the company file's name without its extension,
// or a server company's database name (its location as a path would name a folder of the URL).
QString backupStem(const QString &companyPath)
{
    if (!CompanyLocation::looksLikeServer(companyPath))
        return QFileInfo(companyPath).completeBaseName();
    QString stem;
    try {
        stem = CompanyLocation::parse(companyPath).database;
    } catch (const ServiceError &) {
    }
    // A database name may hold what a file name must not (a slash, a leading dot).
    for (QChar &c : stem)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    return stem.isEmpty() ? QStringLiteral("company") : stem;
}

QRegularExpression scheduledName(const QString &companyPath)
{
    return QRegularExpression(QStringLiteral("^%1-(\\d{8}-\\d{6})\\.orb(enc)?$").arg(QRegularExpression::escape(backupStem(companyPath))));
}

} // namespace

BackupInfo Backup::create(const Database &source, const QString &destPath)
{
    if (source.isServer()) {
        // A company server: its rows into a new company file (ServerBackup), checked the same.
        const QString partial = prepareDestination(destPath);
        try {
            QFile::remove(partial); // the new company file creates it, owner-only
            ServerBackup::write(source, partial);
            const int pages = checkWritten(partial);
            return finish(partial, QFileInfo(destPath).absoluteFilePath(), pages);
        } catch (...) {
            removeFileSet(partial);
            throw;
        }
    }
    sqlite3 *handle = source.sqliteHandle();
    if (!handle)
        throw ServiceError::storage(QStringLiteral("the company file is not open"));
    const QString partial = prepareDestination(destPath);
    try {
        const int pages = copyPages(handle, partial);
        return finish(partial, QFileInfo(destPath).absoluteFilePath(), pages);
    } catch (...) {
        removeFileSet(partial);
        throw;
    }
}

BackupInfo Backup::create(const QString &companyPath, const QString &destPath)
{
    // No CompanyFile::verify() of the source here: the scheduler passes the file the program
    // has open, and a full check of a large live file would double the backup's reading. The
    // copy itself is checked.
    if (!QFileInfo(companyPath).isFile())
        throw ServiceError::notFound(QStringLiteral("there is no company file at %1").arg(companyPath));
    Database db;
    // Read-write (but query_only): a read-only connection cannot join a WAL file whose -shm
    // it may not create.
    db.open(companyPath, Database::Mode::ReadWrite);
    db.exec(QStringLiteral("PRAGMA query_only = 1"));
    return create(db, destPath);
}

BackupInfo Backup::createEncrypted(const Database &source, const QString &destPath, const QByteArray &passphrase)
{
    if (passphrase.size() < BackupCrypto::MinPassphraseLength)
        throw ServiceError::invalid(QStringLiteral("the backup passphrase must be at least %1 characters long").arg(BackupCrypto::MinPassphraseLength));
    if (QFileInfo::exists(destPath))
        throw ServiceError::conflict(QStringLiteral("%1 already exists; a backup never overwrites a file").arg(destPath));
    // The plain copy goes beside the company file, which holds the same in the clear; a server
    // company has no file here, so it goes into a folder of this user's only.
    QTemporaryDir serverPlain;
    if (source.isServer() && !serverPlain.isValid())
        throw ServiceError::storage(QStringLiteral("cannot create a temporary folder for the backup: %1").arg(serverPlain.errorString()));
    const QString plain = source.isServer() ? serverPlain.filePath(QStringLiteral("company.encrypting"))
                                            : QFileInfo(source.path()).absoluteFilePath() + QStringLiteral(".encrypting");
    removeFileSet(plain);
    const auto removePlain = qScopeGuard([&] { removeFileSet(plain); });
    const BackupInfo copied = create(source, plain);
    if (!QDir().mkpath(QFileInfo(destPath).absolutePath()))
        throw ServiceError::storage(QStringLiteral("cannot create the folder %1").arg(QFileInfo(destPath).absolutePath()));
    BackupCrypto::encrypt(plain, destPath, passphrase);
    syncPath(QFileInfo(destPath).absolutePath());
    return {QFileInfo(destPath).absoluteFilePath(), QFileInfo(destPath).size(), copied.pages};
}

BackupInfo Backup::createEncrypted(const QString &companyPath, const QString &destPath, const QByteArray &passphrase)
{
    if (!QFileInfo(companyPath).isFile())
        throw ServiceError::notFound(QStringLiteral("there is no company file at %1").arg(companyPath));
    Database db;
    db.open(companyPath, Database::Mode::ReadWrite);
    db.exec(QStringLiteral("PRAGMA query_only = 1"));
    return createEncrypted(db, destPath, passphrase);
}

RestoreResult Backup::restore(const QString &backupPath, const QString &targetPath, bool force, const QDateTime &now, const QByteArray &passphrase)
{
    if (BackupCrypto::isEncrypted(backupPath)) {
        if (passphrase.isEmpty())
            throw ServiceError::invalid(QStringLiteral("%1 is an encrypted backup: give its passphrase; nothing was restored").arg(backupPath));
        // Decrypted beside the target (where the company's data lives in the clear anyway),
        // authenticated whole before any of it is used, and deleted whatever happens next.
        const QString plain = QFileInfo(targetPath).absoluteFilePath() + QStringLiteral(".decrypted");
        removeFileSet(plain);
        if (!QDir().mkpath(QFileInfo(plain).absolutePath()))
            throw ServiceError::storage(QStringLiteral("cannot create the folder %1").arg(QFileInfo(plain).absolutePath()));
        const auto removePlain = qScopeGuard([&] { removeFileSet(plain); });
        BackupCrypto::decrypt(backupPath, plain, passphrase);
        return restore(plain, targetPath, force, now);
    }
    RestoreResult result;
    try {
        result.schemaVersion = CompanyFile::verify(backupPath);
    } catch (const CompanyFileError &e) {
        throw ServiceError::invalid(QStringLiteral("%1 cannot be restored: %2").arg(backupPath, e.message()));
    }
    const QFileInfo target(targetPath);
    const QString path = target.absoluteFilePath();
    if (QFileInfo(backupPath).absoluteFilePath() == path)
        throw ServiceError::invalid(QStringLiteral("%1 is the company file itself; name a backup to restore").arg(backupPath));
    if (target.exists() && !target.isFile())
        throw ServiceError::invalid(QStringLiteral("%1 is not a file").arg(targetPath));
    if (!QDir().mkpath(target.absolutePath()))
        throw ServiceError::storage(QStringLiteral("cannot create the folder %1").arg(target.absolutePath()));

    // Held for the whole restore, so a program starting meanwhile is told the file is in use.
    CompanyLock lock(path);
    if (!lock.tryLock() && !force) {
        const auto owner = CompanyLock::owner(path);
        throw ServiceError::conflict(owner ? CompanyLock::inUseMessage(path, *owner)
                                                 + QStringLiteral(" Nothing was restored; restore with --force only once that program is closed.")
                                           : QStringLiteral("%1 is in use; nothing was restored").arg(path));
    }

    // 1. The copy, beside the target (same file system, so the final rename is atomic).
    const QString incoming = path + QStringLiteral(".restoring");
    removeFileSet(incoming);
    createOwnerOnly(incoming);
    try {
        Database src;
        src.open(QFileInfo(backupPath).absoluteFilePath(), Database::Mode::Inspect);
        copyPages(src.sqliteHandle(), incoming);
        src.close();
        QFile::setPermissions(incoming, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        syncPath(incoming);
        CompanyFile::verify(incoming);
    } catch (const CompanyFileError &e) {
        removeFileSet(incoming);
        throw ServiceError::storage(QStringLiteral("the copy of %1 does not check out (%2); nothing was restored").arg(backupPath, e.message()));
    } catch (...) {
        removeFileSet(incoming);
        throw;
    }

    // 2. The old file aside, 3. the copy in place.
    if (target.exists()) {
        result.keptAsidePath = path + QStringLiteral(".before-restore-") + now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        for (int n = 2; QFileInfo::exists(result.keptAsidePath); ++n)
            result.keptAsidePath =
                path + QStringLiteral(".before-restore-") + now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-') + QString::number(n);
        if (!renameFileSet(path, result.keptAsidePath)) {
            removeFileSet(incoming);
            throw ServiceError::storage(QStringLiteral("cannot move %1 aside; nothing was restored").arg(path));
        }
    }
    const auto putBack = [&] {
        removeFileSet(path);
        if (!result.keptAsidePath.isEmpty())
            renameFileSet(result.keptAsidePath, path);
    };
    if (!QFile::rename(incoming, path)) {
        removeFileSet(incoming);
        putBack();
        throw ServiceError::storage(QStringLiteral("cannot move the restored copy into place at %1; the old file was put back").arg(path));
    }
    syncPath(target.absolutePath());

    // 4. Open it as the program will: WAL, and migrations for a backup of an older Orb.
    try {
        CompanyFile::open(path);
    } catch (const CompanyFileError &e) {
        putBack();
        throw ServiceError::storage(QStringLiteral("the restored file does not open (%1); the old file was put back").arg(e.message()));
    }
    result.restoredPath = path;
    return result;
}

QString Backup::timestampedName(const QString &companyPath, const QDateTime &now, bool encrypted)
{
    return backupStem(companyPath) + QLatin1Char('-') + now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"))
           + (encrypted ? QStringLiteral(".orbenc") : QStringLiteral(".orb"));
}

QStringList Backup::backupsIn(const QString &folder, const QString &companyPath)
{
    const QRegularExpression re = scheduledName(companyPath);
    QStringList names;
    const QStringList entries = QDir(folder).entryList(QDir::Files, QDir::Name);
    for (const QString &name : entries)
        if (re.match(name).hasMatch())
            names << name;
    // The timestamp in the name sorts as text; newest first (whatever the extension).
    std::sort(names.begin(), names.end(), [&](const QString &a, const QString &b) { return re.match(a).captured(1) > re.match(b).captured(1); });
    QStringList paths;
    for (const QString &name : names)
        paths << QDir(folder).absoluteFilePath(name);
    return paths;
}

QDateTime Backup::newestBackupTime(const QString &folder, const QString &companyPath)
{
    const QStringList list = backupsIn(folder, companyPath);
    if (list.isEmpty())
        return {};
    const auto m = scheduledName(companyPath).match(QFileInfo(list.first()).fileName());
    const QDateTime local = QDateTime::fromString(m.captured(1), QStringLiteral("yyyyMMdd-HHmmss"));
    return QDateTime(local.date(), local.time(), Qt::UTC);
}

QStringList Backup::prune(const QString &folder, const QString &companyPath, int keep)
{
    QStringList removed;
    const QStringList list = backupsIn(folder, companyPath);
    for (qsizetype i = qMax(keep, 1); i < list.size(); ++i)
        if (QFile::remove(list[i]))
            removed << list[i];
    return removed;
}

} // namespace orb
