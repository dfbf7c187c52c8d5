// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "models/billing/InvoiceService.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace orb {

class Clock;
class CompanyFile;
class InvoiceDetailView;
class InvoiceTableModel;
class OptionalDateEdit;

/**
 * Invoices: filter by status, customer, invoice date and overdue; the selected invoice in full
 * (lines, sub-lines, adjustments, taxes, payments, credit notes); issue, void, record a
 * payment, credit note, delete a draft (undoable: undo composes it again), and the invoice run.
 * PDF export and printing belong to the documents capability: exportPdfRequested() and
 * printRequested() carry the invoice id; their actions are enabled once something listens.
 */
class InvoicesScreen final : public QWidget
{
    Q_OBJECT

public:
    InvoicesScreen(CompanyFile &file, const Clock &clock, QUndoStack *undo, QWidget *parent = nullptr);

    InvoiceTableModel *model() const { return m_model; }
    QString selectedId() const;
    /// Selects an invoice by id; false when the filter hides it.
    bool selectInvoice(const QString &id);

    // The actions on the selected invoice; each returns the error in plain words, empty on success.
    QString issueSelected();
    /// What the confirmation before issuing says: the number the invoice will get, the customer
    /// and the amount (rich text). Empty with nothing selected.
    QString issueConfirmationText() const;
    QString voidSelected(const QString &reason);
    QString paySelected(const Decimal &amount, QDate paidOn, const QString &method, const QString &reference, const QString &memo);
    QString creditSelected(const QList<CreditNoteRequestLine> &lines, const QString &reason, const QString &kind, const QString &memo);
    /// Deletes the selected draft through the undo stack.
    QString deleteSelectedDraft();

public slots:
    void applyFilter();
    void reload();
    void openInvoiceRun();
    /// Shows only this customer's invoices (from the customer screen).
    void showCustomer(const QString &customerId);
    /// Shows the issued invoices past their due date.
    void showOverdue();
    /// Shows the invoices with this status.
    void showStatus(InvoiceStatus status);

signals:
    /// Invoices changed (the dashboard and customer details refresh).
    void invoicesChanged();
    /// Export the invoice as PDF: the documents capability connects here.
    void exportPdfRequested(const QString &invoiceId);
    /// Print the invoice: the documents capability connects here.
    void printRequested(const QString &invoiceId);

private:
    void updateActions();
    void showDetails();
    void askIssue();
    void askVoid();
    void askPay();
    void askCredit();
    void askDelete();
    QString afterAction(const QString &id);
    std::optional<Invoice> selectedInvoice() const;

    CompanyFile &m_file;
    const Clock &m_clock;
    QUndoStack *m_undo;
    InvoiceTableModel *m_model;
    QString m_selectAfterLoad; ///< selected before the list being read arrived, selected again after
    QComboBox *m_status;
    QLineEdit *m_customer;
    OptionalDateEdit *m_from;
    OptionalDateEdit *m_to;
    QCheckBox *m_overdue;
    QLabel *m_count;
    QTableView *m_table;
    InvoiceDetailView *m_detail;
    QPushButton *m_issue;
    QPushButton *m_void;
    QPushButton *m_pay;
    QPushButton *m_credit;
    QPushButton *m_delete;
    QPushButton *m_export;
    QPushButton *m_print;
};

} // namespace orb
