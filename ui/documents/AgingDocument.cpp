// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/AgingDocument.h"

#include "ui/documents/DocumentFormat.h"

namespace orb {

PrintedDocument AgingDocument::build(const AgingReport &report, const DocumentIdentity &company)
{
    const DocumentFormat fmt(company.locale);
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.landscape = true;
    doc.title = QStringLiteral("Receivables aging");
    doc.reference = fmt.date(report.asOf());
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines;
    doc.fields = {{QStringLiteral("As of"), fmt.date(report.asOf())},
                  {QStringLiteral("Customers"), QString::number(report.rows().size())},
                  {QStringLiteral("Open invoices"), QString::number(report.items().size())}};
    doc.columns = {{QStringLiteral("Customer"), 3.2, Qt::AlignLeft}, {QStringLiteral("Cur."), 0.8, Qt::AlignLeft}};
    for (int b = 0; b < AgingReport::BucketCount; ++b)
        doc.columns.append({AgingReport::bucketTitle(b), 1.5, Qt::AlignRight});
    doc.columns.append({QStringLiteral("Total"), 1.6, Qt::AlignRight});
    auto cells = [&](const AgingRow &r, const QString &name) {
        QStringList c{name, r.currency};
        for (const Decimal &d : r.buckets)
            c << (d.isZero() ? QStringLiteral("–") : fmt.money(d, r.currency));
        c << fmt.money(r.total, r.currency);
        return c;
    };
    for (const AgingRow &r : report.rows())
        doc.rows.append({cells(r, r.customerName)});
    for (const AgingRow &r : report.totals())
        doc.rows.append({cells(r, QStringLiteral("Total %1").arg(r.currency)), 0, DocumentRow::Style::Strong});
    doc.emptyTableText = QStringLiteral("Nothing is owed as of this date.");
    doc.notes.append({QStringLiteral("How to read this report"),
                      QStringLiteral("Amounts are what was unpaid of each issued invoice at the end of the report date, by days past its due "
                                     "date. Amounts in different currencies are never added together.")});
    doc.footer = QStringLiteral("%1 · Receivables aging as of %2").arg(company.name, fmt.date(report.asOf()));
    return doc;
}

} // namespace orb
