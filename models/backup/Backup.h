// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace orb {

class Database;

/// What a backup wrote.
struct BackupInfo {
    QString path;
    qint64 bytes = 0;
    int pages = 0;
};

/// What a restore did: where the restored file is and where the file it replaced was kept.
struct RestoreResult {
    QString restoredPath;
    QString keptAsidePath; ///< empty when there was no file to replace
    int schemaVersion = 0; ///< of the backup, before the restored file was brought up to date
};

/**
 * Online backups of a company file and their restore.
 *
 * A backup is taken with SQLite's backup API over a connection to the live file, so that the
 * desktop program and `orbctl` go on working while it runs (WAL: the copy reads one consistent
 * snapshot, writers are not blocked). It is written beside its destination under a temporary
 * name, readable by its owner only, checked with integrity_check, made a self-contained file
 * (rollback journal, no -wal beside it), synced and only then renamed into place: a backup file
 * that exists is always whole.
 *
 * A restore first checks the backup (CompanyFile::verify: the headers and a full
 * integrity_check), refuses a file in use (see CompanyLock) unless forced, copies the backup
 * beside the target and checks the copy, keeps the old file aside (`NAME.before-restore-TIME`),
 * puts the copy in place and opens it as a company file (which brings an older schema up to
 * date). Should that fail, the old file is put back. Errors are ServiceError.
 */
class Backup final
{
public:
    /// Backs up the database of an open connection (used from the thread that owns it).
    static BackupInfo create(const Database &source, const QString &destPath);
    /// Backs up a company file through a connection of its own (for a worker thread).
    static BackupInfo create(const QString &companyPath, const QString &destPath);

    /**
     * An encrypted backup (BackupCrypto, Argon2id from the passphrase): the pages are copied
     * and checked as above into a file beside the company file (which holds the same data in
     * the clear already), encrypted to destPath, and that plain copy deleted. Nothing in the
     * clear is written where the backup goes.
     */
    static BackupInfo createEncrypted(const Database &source, const QString &destPath, const QByteArray &passphrase);
    static BackupInfo createEncrypted(const QString &companyPath, const QString &destPath, const QByteArray &passphrase);

    /// Restores a backup over (or to) targetPath; force restores even over a file in use. An
    /// encrypted backup needs its passphrase: without one, or with a wrong one, or with any
    /// byte of it changed, it is refused (ServiceError::InvalidInput) and nothing changes.
    static RestoreResult restore(const QString &backupPath, const QString &targetPath, bool force, const QDateTime &now, const QByteArray &passphrase = {});

    /// The file name of a scheduled backup: "<company stem>-YYYYMMDD-HHMMSS.orb" (UTC), or
    /// ".orbenc" for an encrypted one.
    static QString timestampedName(const QString &companyPath, const QDateTime &now, bool encrypted = false);
    /// The scheduled backups of a company in a folder (plain and encrypted), newest first.
    static QStringList backupsIn(const QString &folder, const QString &companyPath);
    /// When the newest scheduled backup in a folder was taken (invalid when none).
    static QDateTime newestBackupTime(const QString &folder, const QString &companyPath);
    /// Deletes all but the newest `keep` scheduled backups; returns the deleted paths.
    static QStringList prune(const QString &folder, const QString &companyPath, int keep);
};

} // namespace orb
