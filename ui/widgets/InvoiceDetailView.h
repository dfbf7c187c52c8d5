// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/exports/EmailOutbox.h"
#include "models/sync/StripeInvoiceState.h"

#include <optional>

#include <QTextBrowser>

namespace orb {

/// One invoice in full: header, lines with their sub-lines, adjustments, taxes, totals,
/// payments and credit notes. Read-only.
class InvoiceDetailView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit InvoiceDetailView(QWidget *parent = nullptr);

    /// Shows the invoice with its customer name, payments and credit notes, the e-mails that
    /// carried it, and where it stands with Stripe when sync concerns it.
    void showInvoice(const Invoice &invoice, const QString &customerName, const QList<Payment> &payments, const QList<CreditNote> &notes,
                     const QList<OutboxMessage> &emails = {}, const std::optional<StripeInvoiceState> &stripe = std::nullopt);
    /// Shows a short message instead (nothing selected, or why the invoice could not be read).
    void showMessage(const QString &text);

    /// The HTML for an invoice (also the preview of upcoming invoices in the dialogs).
    static QString invoiceHtml(const Invoice &invoice, const QString &customerName, const QList<Payment> &payments, const QList<CreditNote> &notes);
    /// The Stripe section: state, the Stripe invoice with a link to it, what waits or failed.
    static QString stripeHtml(const StripeInvoiceState &stripe);

signals:
    /// A link in the Stripe section was activated (the Stripe Dashboard).
    void stripeLinkActivated(const QUrl &url);
};

} // namespace orb
