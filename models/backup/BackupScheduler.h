// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace orb {

class BackgroundJob;
class CompanyFile;

/// The scheduled-backup settings of a company file (keys backup.folder, backup.interval_hours, backup.keep).
struct BackupSchedule {
    QString folder; ///< empty: no scheduled backups
    int intervalHours = 24;
    int keep = 14;
    bool encrypted = false; ///< backup.encrypt = keychain: a passphrase is kept in the keychain

    bool enabled() const { return !folder.isEmpty() && intervalHours > 0; }
    /// Reads the schedule from a company file's settings.
    static BackupSchedule of(const CompanyFile &file);
};

/**
 * Takes the scheduled backups of the company file the desktop program has open: every few
 * minutes it checks whether the newest backup in the backup folder is older than the interval,
 * and if so backs up on a BackgroundJob with a connection of its own (the window goes on
 * working), then deletes all but the newest `keep` backups. runNow() backs up at once.
 *
 * Results arrive as queued signals on the thread that owns the scheduler.
 */
class BackupScheduler final : public QObject
{
    Q_OBJECT
public:
    /// Reads the schedule from `file` (again before each check, so changed settings apply).
    explicit BackupScheduler(CompanyFile &file, QObject *parent = nullptr);
    ~BackupScheduler() override;

    /// Starts checking every checkIntervalMs (default five minutes), and checks once now.
    void start(int checkIntervalMs = 5 * 60 * 1000);
    void stop();
    /// Backs up now if the schedule says one is due (at `now`); returns whether one started.
    bool backupIfDue(const QDateTime &now);
    /// Backs up now into the backup folder, due or not; false when one is already running
    /// or no folder is set.
    bool runNow(const QDateTime &now);
    bool isRunning() const { return m_running; }

    /**
     * Where the backup passphrase comes from when the company's backups are encrypted
     * (backup.encrypt = keychain): the OS keychain, which the models layer does not know.
     * Called on the backup's worker thread before each backup; the backup is then encrypted
     * (".orbenc"). No passphrase (or an error) fails the backup rather than write it in the clear.
     */
    using PassphraseProvider = std::function<QByteArray(QString *error)>;
    void setPassphraseProvider(PassphraseProvider provider) { m_passphrase = std::move(provider); }

Q_SIGNALS:
    void backupFinished(const QString &path, const QStringList &pruned);
    void backupFailed(const QString &message);

private:
    void onWorkerDone(const QString &path, const QStringList &pruned, const QString &error);

    CompanyFile &m_file;
    PassphraseProvider m_passphrase;
    QTimer m_timer;
    BackgroundJob *m_job; ///< the backup under way, on a thread of its own
    bool m_running = false;
};

} // namespace orb
