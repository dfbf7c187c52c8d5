// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/InvoiceService.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace orb {

/// Asks for a credit note against an issued or paid invoice: what to credit on each line
/// (everything that is left, by default), a reason, refund or adjustment, and a memo.
class CreditNoteDialog final : public QDialog
{
    Q_OBJECT

public:
    CreditNoteDialog(const Invoice &invoice, QWidget *parent = nullptr);

    /// The lines with a non-zero amount.
    QList<CreditNoteRequestLine> lines() const;
    QString reason() const;
    QString kind() const;
    QString memo() const;

    void accept() override;

private:
    QTableWidget *m_lines;
    QComboBox *m_reason;
    QComboBox *m_kind;
    QLineEdit *m_memo;
    QLabel *m_error;
    QString m_currency;
};

} // namespace orb
