// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/exports/CustomerCsv.h"

#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Imports customers from a CSV file, like the usage import: choose the file, map Orb's customer
 * fields to its columns (prefilled by name), preview what each row becomes (new, duplicate of
 * an existing external id, refused with its errors), import. The window's face of
 * `orbctl customers import`.
 */
class CustomerImportWizard final : public QWizard
{
    Q_OBJECT

public:
    enum Page { FilePage, MappingPage, PreviewPage, ResultPage };
    CustomerImportWizard(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

    /// Test hook: start with this file chosen.
    void setFile(const QString &path);
    const CustomerImportResult &result() const { return m_result; }

signals:
    /// Customers were created; lists showing them should reload.
    void imported(int created);

protected:
    bool validateCurrentPage() override;
    void initializePage(int id) override;

private:
    QHash<QString, int> mapping() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    CsvTable m_table;
    CustomerImportResult m_result;
    QLineEdit *m_path;
    QLabel *m_fileError;
    QList<QComboBox *> m_columns; ///< one per CustomerCsv::fields()
    QLabel *m_mappingError;
    QTableWidget *m_preview;
    QLabel *m_previewSummary;
    QLabel *m_resultSummary;
    QTableWidget *m_problems;
};

} // namespace orb
