// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace orb {

class Clock;
class CompanyFile;

/**
 * Exports a period's invoices, payments, credit notes and voids as journal entries for the
 * ledger (GnuCash CSV or QuickBooks IIF), the window's face of `orbctl ledger export`: the
 * period, the format, the file, whether to mark the period exported; it says how many entries
 * the period holds and whether it was exported before.
 */
class LedgerExportDialog final : public QDialog
{
    Q_OBJECT

public:
    LedgerExportDialog(CompanyFile &file, const Clock &clock, QDate from, QDate to, QWidget *parent = nullptr);

    /// Writes the file; returns the error, empty on success (also shown in the dialog).
    QString exportNow();

private:
    void updateSummary();

    CompanyFile &m_file;
    const Clock &m_clock;
    QComboBox *m_format;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLineEdit *m_path;
    QCheckBox *m_mark;
    QLabel *m_summary;
    QLabel *m_result;
    QPushButton *m_export;
};

} // namespace orb
