// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeWorker.h"

#include <QThread>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace orb {

class CompanyFile;

/**
 * Stripe sync at a glance: the state, the last run, the queue (filter by state) with retry and
 * skip for failed items, and the sync log. The secret key is entered in Settings (StripeKeyBox).
 * Sync runs on a StripeWorker in its own thread; this screen only shows what the worker
 * reports and reads small lists from the company file.
 */
class SyncScreen final : public QWidget
{
    Q_OBJECT

public:
    explicit SyncScreen(CompanyFile &file, QWidget *parent = nullptr);
    ~SyncScreen() override;

    /// The worker (lives in the screen's sync thread), for a status bar to listen to.
    StripeWorker *worker() const { return m_worker; }
    /// One line for the status bar ("Stripe: 3 waiting, 1 failed").
    QString statusText() const;

public slots:
    void refresh();
    void syncNow();
    /// Starts polling every `seconds` (the window calls this once a key is known).
    void startPolling(int seconds = 300);
    /// Pushes with this key from now on (empty: read the keychain again at the next run).
    void useKey(const QString &key);

signals:
    /// The status bar's text changed.
    void statusChanged(const QString &text);
    /// The user asked for the Stripe key settings.
    void keySettingsRequested();

private:
    void retrySelected();
    void skipSelected();
    void onState(StripeWorker::State state, const QString &message);
    /// The key is of another Stripe account: start afresh with it (after a confirmation).
    void startFreshWithNewAccount();
    qint64 selectedItem() const;

    CompanyFile &m_file;
    QThread m_thread;
    StripeWorker *m_worker;
    QLabel *m_state;
    QLabel *m_lastRun;
    QProgressBar *m_progress;
    QPushButton *m_syncNow;
    QComboBox *m_filter;
    QTableView *m_queueView;
    QStandardItemModel *m_queue;
    QPushButton *m_retry;
    QPushButton *m_skip;
    QTableView *m_attentionView;
    QStandardItemModel *m_attention;
    QPushButton *m_freshAccount;
    QTableView *m_logView;
    QStandardItemModel *m_log;
    QString m_status;
};

} // namespace orb
