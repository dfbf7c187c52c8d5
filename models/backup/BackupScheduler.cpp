// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/BackupScheduler.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"

#include <QDir>
#include <QPointer>
#include <QThread>

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

BackupScheduler::BackupScheduler(CompanyFile &file, QObject *parent) : QObject(parent), m_file(file)
{
    connect(&m_timer, &QTimer::timeout, this, [this] { backupIfDue(QDateTime::currentDateTimeUtc()); });
}

BackupScheduler::~BackupScheduler()
{
    // A backup under way finishes first; its result (queued to this object) is then dropped.
    if (m_worker)
        m_worker->wait();
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
    // The worker opens its own connection: Qt SQL connections must not cross threads, and the
    // copy must not keep the window's thread busy.
    QThread *worker = QThread::create([this, company, folder, keep, now, passphraseOf, encrypted] {
        QString error;
        QString written;
        QStringList pruned;
        try {
            QString keyError;
            QByteArray passphrase;
            if (encrypted) {
                // A company whose backups are encrypted never gets a plain one instead.
                passphrase = passphraseOf ? passphraseOf(&keyError) : QByteArray();
                if (passphrase.isEmpty())
                    throw ServiceError::storage(QStringLiteral("the backup passphrase could not be read from the keychain (%1); no backup was written")
                                                    .arg(keyError.isEmpty() ? QStringLiteral("it is not there") : keyError));
            }
            const QString dest = QDir(folder).absoluteFilePath(Backup::timestampedName(company, now, !passphrase.isEmpty()));
            written = passphrase.isEmpty() ? Backup::create(company, dest).path : Backup::createEncrypted(company, dest, passphrase).path;
            pruned = Backup::prune(folder, company, keep);
        } catch (const ServiceError &e) {
            error = e.message();
        } catch (const CompanyFileError &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, written, pruned, error] { onWorkerDone(written, pruned, error); }, Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    worker->start(QThread::LowPriority);
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
