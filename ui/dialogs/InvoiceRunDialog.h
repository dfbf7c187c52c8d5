// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/InvoiceRunService.h"

#include <QDialog>

#include <QHash>

class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace orb {

class BackgroundJob;
class Clock;
class CompanyFile;

/**
 * The invoice run: pick the as-of date, preview what would be created (a dry run), run it,
 * and read the summary. Both the preview and the run happen on a BackgroundJob with its own
 * connection to the company file, with progress and a Cancel button; what a cancelled run
 * committed stays, and the next run finishes the rest.
 */
class InvoiceRunDialog final : public QDialog
{
    Q_OBJECT

public:
    InvoiceRunDialog(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~InvoiceRunDialog() override;

    bool isRunning() const;
    /// The last finished run or preview.
    const InvoiceRunSummary &summary() const { return m_summary; }
    QString lastError() const { return m_error; }

public slots:
    void preview();
    void run();
    void cancelRun();
    void reject() override;

signals:
    /// A real run finished (the invoice list reloads).
    void invoicesChanged();
    /// A preview or run finished (tests wait for it).
    void finished(bool dryRun);

private:
    /// What the run's job hands back; the customers' names are read on the job's connection so
    /// the UI thread runs no query.
    struct RunOutcome {
        InvoiceRunSummary summary;
        QHash<QString, QString> customerNames;
        QHash<QString, InvoiceStatus> existing; ///< identity → status of the invoices already stored
        QString error;
    };

    void start(bool dryRun);
    void showOutcome(const RunOutcome &outcome, bool dryRun);
    void onFinished(bool dryRun);
    void setBusy(bool busy);
    QDateTime asOf() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    QDateEdit *m_asOf;
    QPushButton *m_preview;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_close;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_failures; ///< the subscriptions the last run or preview could not bill
    QTableWidget *m_invoices;
    BackgroundJob *m_job; ///< the preview or run under way
    bool m_closeWhenDone = false;
    InvoiceRunSummary m_summary;
    QString m_error;
};

} // namespace orb
