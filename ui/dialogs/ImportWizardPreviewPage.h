// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QLabel;
class QTableWidget;

namespace orb {

class ImportWizard;

/**
 * The import wizard's preview: the file's first rows read and checked as the import will
 * (EventImporter::preview), each shown as imported, already present, or rejected with the
 * reason, with the counts. Nothing is written. Its button starts the import.
 */
class ImportWizardPreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    /// Rows the preview reads.
    static constexpr int PreviewRows = 50;

    explicit ImportWizardPreviewPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    ImportWizard *m_wizard;
    QLabel *m_summary;
    QTableWidget *m_table;
    bool m_ok = false;
};

} // namespace orb
