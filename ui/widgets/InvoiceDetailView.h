// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/exports/EmailOutbox.h"

#include <QTextBrowser>

namespace orb {

/// One invoice in full: header, lines with their sub-lines, adjustments, taxes, totals,
/// payments and credit notes. Read-only.
class InvoiceDetailView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit InvoiceDetailView(QWidget *parent = nullptr);

    /// Shows the invoice with its customer name, payments and credit notes.
    /// and the e-mails that carried it.
    void showInvoice(const Invoice &invoice, const QString &customerName, const QList<Payment> &payments, const QList<CreditNote> &notes,
                     const QList<OutboxMessage> &emails = {});
    /// Shows a short message instead (nothing selected, or why the invoice could not be read).
    void showMessage(const QString &text);

    /// The HTML for an invoice (also the preview of upcoming invoices in the dialogs).
    static QString invoiceHtml(const Invoice &invoice, const QString &customerName, const QList<Payment> &payments,
                               const QList<CreditNote> &notes);
};

} // namespace orb
