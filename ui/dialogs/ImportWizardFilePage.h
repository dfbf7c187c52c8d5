// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/ImportReader.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;

namespace orb {

class ImportWizard;

/// The import wizard's first page: the file, its format (detected, may be changed), its size,
/// and optionally a pending backfill to import into.
class ImportWizardFilePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportWizardFilePage(ImportWizard *wizard);

    void setFilePath(const QString &path);
    QString filePath() const;
    ImportReader::Format format() const;
    QString backfillId() const;
    /// Reads the pending backfills again and chooses this one (just created from the preview).
    void useBackfill(const QString &id);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void browse();
    void pathChanged();
    void loadBackfills();

    ImportWizard *m_wizard;
    QLineEdit *m_path;
    QComboBox *m_format;
    QComboBox *m_backfill;
    QLabel *m_size;
    QLabel *m_error;
};

} // namespace orb
