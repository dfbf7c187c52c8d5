// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

#include <atomic>
#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;
class QThread;

namespace orb {

class ImportWizard;

/**
 * The import wizard's preview: the file's first rows read and checked as the import will
 * (EventImporter::preview), each shown as imported, already present, or rejected with the
 * reason, with the counts. Nothing is written. Its button starts the import. When live rows
 * are older than the grace period, it offers to create a backfill for them and import into it.
 */
class ImportWizardPreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    /// Rows the preview reads.
    static constexpr int PreviewRows = 50;

    explicit ImportWizardPreviewPage(ImportWizard *wizard);
    ~ImportWizardPreviewPage() override;

    void initializePage() override;
    bool isComplete() const override;

    /// Whether the scan of the file for events older than the grace period is running.
    bool scanning() const { return m_scan != nullptr; }

private:
    /// Reads the whole file on a worker thread for the events older than the grace period,
    /// then offers a backfill for them (BackfillOfferDialog) and previews again into it.
    void offerBackfill();
    void stopScan();

    ImportWizard *m_wizard;
    QLabel *m_offerText;
    QPushButton *m_offer;
    QThread *m_scan = nullptr;
    std::shared_ptr<std::atomic<bool>> m_scanCancelled;
    QLabel *m_summary;
    QTableWidget *m_table;
    bool m_ok = false;
};

} // namespace orb
