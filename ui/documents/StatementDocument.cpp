// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/StatementDocument.h"

#include "ui/documents/DocumentFormat.h"

namespace orb {

PrintedDocument StatementDocument::build(const Statement &s, const DocumentIdentity &company)
{
    const DocumentFormat fmt(company.locale);
    const QString cur = s.currency;
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.title = QStringLiteral("Statement");
    doc.reference = s.customerName;
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines;
    doc.recipientHeading = QStringLiteral("Statement for");
    doc.recipientName = s.customerName;
    doc.recipientLines = s.customerAddress;
    if (!s.customerTaxId.isEmpty())
        doc.recipientLines << QStringLiteral("Tax ID %1").arg(s.customerTaxId);
    doc.fields = {{QStringLiteral("Period"), fmt.range(s.from, s.to)},
                  {QStringLiteral("Currency"), cur},
                  {QStringLiteral("Opening balance"), fmt.money(s.opening, cur)},
                  {QStringLiteral("Closing balance"), fmt.money(s.closing, cur)}};
    doc.columns = {{QStringLiteral("Date"), 1.4, Qt::AlignLeft},
                   {QStringLiteral("Type"), 1.2, Qt::AlignLeft},
                   {QStringLiteral("Reference"), 2.1, Qt::AlignLeft},
                   {QStringLiteral("Description"), 3.1, Qt::AlignLeft},
                   {QStringLiteral("Charges"), 1.4, Qt::AlignRight},
                   {QStringLiteral("Credits"), 1.4, Qt::AlignRight},
                   {QStringLiteral("Balance"), 1.5, Qt::AlignRight}};
    doc.rows.append({{fmt.date(s.from), QString(), QString(), QStringLiteral("Opening balance"), QString(), QString(), fmt.money(s.opening, cur)},
                     0, DocumentRow::Style::Strong});
    for (const StatementLine &l : s.lines)
        doc.rows.append({{fmt.date(l.date), Statement::kindName(l.kind), l.reference,
                          l.periodStart.isValid() ? QStringLiteral("Service %1").arg(fmt.range(l.periodStart, l.periodEnd)) : l.description,
                          l.debit.isZero() ? QString() : fmt.money(l.debit, cur), l.credit.isZero() ? QString() : fmt.money(l.credit, cur),
                          fmt.money(l.balance, cur)}});
    doc.rows.append({{fmt.date(s.to), QString(), QString(), QStringLiteral("Closing balance"), QString(), QString(), fmt.money(s.closing, cur)},
                     0, DocumentRow::Style::Strong});

    for (int b = 0; b < AgingReport::BucketCount; ++b)
        doc.totals.append({AgingReport::bucketTitle(b), fmt.money(s.aging.buckets[size_t(b)], cur)});
    doc.totals.append({QStringLiteral("Open invoices (%1)").arg(s.aging.invoices), fmt.money(s.aging.total, cur), true});
    doc.totals.append({QStringLiteral("Balance due (%1)").arg(cur), fmt.money(s.closing, cur), true});
    if (!company.paymentInstructions.isEmpty()) {
        QString text = company.paymentInstructions;
        text.replace(QLatin1String("{invoice_number}"), QStringLiteral("the invoice numbers"));
        doc.notes.append({QStringLiteral("Payment instructions"), text});
    }
    doc.footer = company.footer.isEmpty() ? QStringLiteral("%1 · Statement for %2, %3").arg(company.name, s.customerName, fmt.range(s.from, s.to))
                                          : company.footer;
    return doc;
}

} // namespace orb
