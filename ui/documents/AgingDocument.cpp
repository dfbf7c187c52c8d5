// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/AgingDocument.h"

#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

namespace orb {

QString AgingDocument::bucketTitle(int bucket, const DocumentLanguage &lang)
{
    switch (bucket) {
    case AgingReport::Current: return lang.translate("orb::AgingDocument", "Current");
    case AgingReport::Days1To30: return lang.translate("orb::AgingDocument", "1–30 days");
    case AgingReport::Days31To60: return lang.translate("orb::AgingDocument", "31–60 days");
    case AgingReport::Days61To90: return lang.translate("orb::AgingDocument", "61–90 days");
    case AgingReport::Over90: return lang.translate("orb::AgingDocument", "Over 90 days");
    default: return lang.translate("orb::AgingDocument", "Total");
    }
}

PrintedDocument AgingDocument::build(const AgingReport &report, const DocumentIdentity &company)
{
    const DocumentLanguage lang(company.locale);
    const DocumentFormat fmt(company.locale);
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.landscape = true;
    doc.title = lang.translate("orb::AgingDocument", "Receivables aging");
    doc.reference = fmt.date(report.asOf());
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines(lang);
    doc.fields = {{lang.translate("orb::AgingDocument", "As of"), fmt.date(report.asOf())},
                  {lang.translate("orb::AgingDocument", "Customers"), company.locale.toString(report.rows().size())},
                  {lang.translate("orb::AgingDocument", "Open invoices"), company.locale.toString(report.openInvoices())}};
    doc.columns = {{lang.translate("orb::AgingDocument", "Customer"), 3.2, Qt::AlignLeft}, {lang.translate("orb::AgingDocument", "Cur."), 0.8, Qt::AlignLeft}};
    for (int b = 0; b < AgingReport::BucketCount; ++b)
        doc.columns.append({bucketTitle(b, lang), 1.5, Qt::AlignRight});
    doc.columns.append({lang.translate("orb::AgingDocument", "Total"), 1.6, Qt::AlignRight});
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
        doc.rows.append({cells(r, lang.translate("orb::AgingDocument", "Total %1").arg(r.currency)), 0, DocumentRow::Style::Strong});
    doc.emptyTableText = lang.translate("orb::AgingDocument", "Nothing is owed as of this date.");
    doc.notes.append(
        {lang.translate("orb::AgingDocument", "How to read this report"),
         lang.translate("orb::AgingDocument", "Amounts are what was unpaid of each issued invoice at the end of the report date, by days past its due "
                                              "date. Amounts in different currencies are never added together.")});
    doc.footer = lang.translate("orb::AgingDocument", "%1 · Receivables aging as of %2").arg(company.name, fmt.date(report.asOf()));
    return doc;
}

} // namespace orb
