// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStandardItemModel;
class QTableView;

namespace orb {

class CompanyFile;
struct AuditEntry;

/**
 * The audit trail as people read it: the latest entries of the whole file, or one object's
 * trail (a customer, an invoice, a subscription, or TYPE:ID), with what changed in each entry,
 * its before and after, and a check of the hash chain.
 */
class AuditTrailDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AuditTrailDialog(CompanyFile &file, QWidget *parent = nullptr);

    /// Shows one object's trail (empty: the latest entries of the file). Returns false, with a
    /// message on the dialog, when the reference names nothing.
    bool showObject(const QString &reference);
    int entryCount() const;

    /// An entry's action as a person reads it ("invoice.issue" → "issued"); the stored code
    /// when it is not one Orb writes.
    static QString actionText(const QString &action);
    /// The kind of object in words ("credit_note" → "Credit note"); the stored type otherwise.
    static QString objectTypeText(const QString &type);
    /// What changed: "new record", "record removed", or each changed field with its old and
    /// new value.
    static QString changeText(const AuditEntry &e);

private:
    void showSelected();
    void verifyChain();

    CompanyFile &m_file;
    QLineEdit *m_object;
    QLabel *m_status;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
};

} // namespace orb
