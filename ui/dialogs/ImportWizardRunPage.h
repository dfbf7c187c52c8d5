// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace orb {

class ImportWizard;

/**
 * The import wizard's last page: the import runs in the background (ImportJob) with a
 * progress bar and a Stop button; then the counts, the rejected rows (line and reason) and
 * "Save rejects…"; after an import into a backfill, "Close backfill" makes its events count.
 */
class ImportWizardRunPage final : public QWizardPage
{
    Q_OBJECT

public:
    /// Rejected rows listed on the page; "Save rejects…" writes them all.
    static constexpr int ShownRejects = 1000;

    explicit ImportWizardRunPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    /// Writes every rejected row of the finished import; returns the error, empty on success.
    QString saveRejects(const QString &path);
    /// Closes the backfill the events went into (they count from then on); returns the error,
    /// empty on success.
    QString closeBackfill();

private:
    void stop();
    void finished();
    void askSaveRejects();

    ImportWizard *m_wizard;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_stop;
    QLabel *m_counts;
    QLabel *m_rejectsLabel;
    QTableWidget *m_rejects;
    QPushButton *m_save;
    QPushButton *m_closeBackfill;
    bool m_done = false;
};

} // namespace orb
