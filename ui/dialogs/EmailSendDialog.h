// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace orb {

class BackgroundJob;
class BackgroundReader;
class Clock;
class CompanyFile;
struct SmtpSendReport;

/**
 * E-mails invoices in a batch on a BackgroundJob, with progress and Stop: the issued invoices
 * not e-mailed before are queued (each in the customer's language, its PDF attached), then
 * every queued message goes out through the company's SMTP server. Stop takes effect between
 * two messages; what was queued and not sent stays in the outbox for the next run. The
 * window's face of `orbctl invoices send --status issued`.
 */
class EmailSendDialog final : public QDialog
{
    Q_OBJECT

public:
    EmailSendDialog(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~EmailSendDialog() override;

    /// Starts the batch (the Send button).
    void start();
    bool isRunning() const;

signals:
    void finished(int sent, int failed);

private:
    void setBusy(bool busy);
    void refreshSummary();
    void showOutcome(const SmtpSendReport &result, const QString &failure);

    CompanyFile &m_file;
    const Clock &m_clock;
    QComboBox *m_scope;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_send;
    QPushButton *m_stopButton;
    QPushButton *m_close;
    BackgroundJob *m_job;       ///< the batch under way
    BackgroundReader *m_reader; ///< counts what waits, off the window's thread
};

} // namespace orb
