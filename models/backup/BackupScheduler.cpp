// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/BackupScheduler.h"

#include "models/BackgroundJob.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"

#include <QDir>

#include <utility>

namespace orb {

BackupSchedule BackupSchedule::of(const CompanyFile &file)
{
    BackupSchedule s;
    s.folder = file.setting(QStringLiteral("backup.folder"));
    s.intervalHours = file.setting(IntSetting::BackupIntervalHours);
    s.keep = file.setting(IntSetting::BackupKeep);
    s.encrypted = file.setting(QStringLiteral("backup.encrypt")) == QLatin1String("keychain");
    return s;
}

BackupScheduler::BackupScheduler(CompanyFile &file, QObject *parent)
    : QObject(parent), m_file(file), m_job(new BackgroundJob(QStringLiteral("orb-backup"), this))
{
    connect(&m_timer, &QTimer::timeout, this, [this] { backupIfDue(QDateTime::currentDateTimeUtc()); });
}

BackupScheduler::~BackupScheduler()
{
    // A backup under way finishes first (it polls no cancel flag: a backup is whole or absent);
    // its result (queued to the job) is then dropped.
    m_job->wait();
}

void BackupScheduler::start(int checkIntervalMs)
{
    m_timer.start(checkIntervalMs);
    backupIfDue(QDateTime::currentDateTimeUtc());
}

void BackupScheduler::stop()
{
    m_timer.stop();
}

bool BackupScheduler::backupIfDue(const QDateTime &now)
{
    const BackupSchedule s = BackupSchedule::of(m_file);
    if (!s.enabled() || m_running)
        return false;
    const QDateTime newest = Backup::newestBackupTime(s.folder, m_file.path());
    if (newest.isValid() && newest.addSecs(qint64(s.intervalHours) * 3600) > now)
        return false;
    return runNow(now);
}

bool BackupScheduler::runNow(const QDateTime &now)
{
    const BackupSchedule s = BackupSchedule::of(m_file);
    if (s.folder.isEmpty() || m_running)
        return false;
    m_running = true;
    const QString company = m_file.path();
    const QString folder = s.folder;
    const int keep = s.keep;
    const PassphraseProvider passphraseOf = m_passphrase;
    const bool encrypted = s.encrypted;
    // The job opens its own connection: Qt SQL connections must not cross threads, and the
    // copy must not keep the window's thread busy.
    m_job->start(
        company,
        [folder, keep, now, passphraseOf, encrypted](BackgroundJob::Context &context) {
            const QString &path = context.companyPath();
            QString keyError;
            QByteArray passphrase;
            if (encrypted) {
                // A company whose backups are encrypted never gets a plain one instead.
                passphrase = passphraseOf ? passphraseOf(&keyError) : QByteArray();
                if (passphrase.isEmpty())
                    throw ServiceError::storage(QStringLiteral("the backup passphrase could not be read from the keychain (%1); no backup was written")
                                                    .arg(keyError.isEmpty() ? QStringLiteral("it is not there") : keyError));
            }
            const QString dest = QDir(folder).absoluteFilePath(Backup::timestampedName(path, now, !passphrase.isEmpty()));
            const QString written = passphrase.isEmpty() ? Backup::create(path, dest).path : Backup::createEncrypted(path, dest, passphrase).path;
            return std::make_pair(written, Backup::prune(folder, path, keep));
        },
        [this](const std::pair<QString, QStringList> &done) { onWorkerDone(done.first, done.second, QString()); },
        [this](const QString &error) { onWorkerDone(QString(), QStringList(), error); });
    return true;
}

void BackupScheduler::onWorkerDone(const QString &path, const QStringList &pruned, const QString &error)
{
    m_running = false;
    if (error.isEmpty())
        Q_EMIT backupFinished(path, pruned);
    else
        Q_EMIT backupFailed(error);
}

} // namespace orb
