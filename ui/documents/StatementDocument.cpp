// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/StatementDocument.h"

#include "ui/documents/AgingDocument.h"
#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

namespace orb {

namespace {

/// The movement in the document's language, from its parts rather than the English text.
QString description(const StatementLine &l, const DocumentLanguage &lang, const DocumentFormat &fmt)
{
    if (l.periodStart.isValid())
        return lang.translate("orb::StatementDocument", "Service %1").arg(fmt.range(l.periodStart, l.periodEnd));
    switch (l.kind) {
    case StatementLine::Kind::Invoice: return lang.translate("orb::StatementDocument", "One-off invoice");
    case StatementLine::Kind::Payment:
        if (!l.invoiceNumber.isEmpty())
            return lang.translate("orb::StatementDocument", "Payment for %1 (%2)").arg(l.invoiceNumber, StatementDocument::paymentMethod(l.detail, lang));
        break;
    case StatementLine::Kind::CreditNote:
        if (!l.invoiceNumber.isEmpty())
            return lang.translate("orb::StatementDocument", "Credit note on %1: %2").arg(l.invoiceNumber, l.detail);
        break;
    case StatementLine::Kind::RefundPaid:
        if (!l.invoiceNumber.isEmpty())
            return lang.translate("orb::StatementDocument", "Refund paid on %1").arg(l.invoiceNumber);
        break;
    case StatementLine::Kind::Void:
        if (!l.invoiceNumber.isEmpty())
            return lang.translate("orb::StatementDocument", "Invoice %1 voided").arg(l.invoiceNumber);
        break;
    }
    return l.description;
}

} // namespace

QString StatementDocument::paymentMethod(const QString &method, const DocumentLanguage &lang)
{
    if (method == QLatin1String("bank_transfer") || method == QLatin1String("bank transfer"))
        return lang.translate("orb::StatementDocument", "bank transfer");
    if (method == QLatin1String("card"))
        return lang.translate("orb::StatementDocument", "card");
    if (method == QLatin1String("cash"))
        return lang.translate("orb::StatementDocument", "cash");
    if (method == QLatin1String("check") || method == QLatin1String("cheque"))
        return lang.translate("orb::StatementDocument", "check");
    if (method == QLatin1String("stripe"))
        return QStringLiteral("Stripe");
    return method;
}

QString StatementDocument::kindName(StatementLine::Kind kind, const DocumentLanguage &lang)
{
    switch (kind) {
    case StatementLine::Kind::Invoice: return lang.translate("orb::StatementDocument", "Invoice");
    case StatementLine::Kind::Payment: return lang.translate("orb::StatementDocument", "Payment");
    case StatementLine::Kind::CreditNote: return lang.translate("orb::StatementDocument", "Credit note");
    case StatementLine::Kind::RefundPaid: return lang.translate("orb::StatementDocument", "Refund paid");
    case StatementLine::Kind::Void: return lang.translate("orb::StatementDocument", "Void");
    }
    return {};
}

PrintedDocument StatementDocument::build(const Statement &s, const DocumentIdentity &company)
{
    const DocumentLanguage lang(company.locale);
    const DocumentFormat fmt(company.locale);
    const QString cur = s.currency;
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.title = lang.translate("orb::StatementDocument", "Statement");
    doc.reference = s.customerName;
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines(lang);
    doc.recipientHeading = lang.translate("orb::StatementDocument", "Statement for");
    doc.recipientName = s.customerName;
    doc.recipientLines = s.customerAddress;
    if (!s.customerTaxId.isEmpty())
        doc.recipientLines << DocumentIdentity::taxIdLine(lang, s.customerTaxId);
    doc.fields = {{lang.translate("orb::StatementDocument", "Period"), fmt.range(s.from, s.to)},
                  {lang.translate("orb::StatementDocument", "Currency"), cur},
                  {lang.translate("orb::StatementDocument", "Opening balance"), fmt.money(s.opening, cur)},
                  {lang.translate("orb::StatementDocument", "Closing balance"), fmt.money(s.closing, cur)}};
    doc.columns = {{lang.translate("orb::StatementDocument", "Date"), 1.4, Qt::AlignLeft},
                   {lang.translate("orb::StatementDocument", "Type"), 1.2, Qt::AlignLeft},
                   {lang.translate("orb::StatementDocument", "Reference"), 2.1, Qt::AlignLeft},
                   {lang.translate("orb::StatementDocument", "Description"), 3.1, Qt::AlignLeft},
                   {lang.translate("orb::StatementDocument", "Charges"), 1.4, Qt::AlignRight},
                   {lang.translate("orb::StatementDocument", "Credits"), 1.4, Qt::AlignRight},
                   {lang.translate("orb::StatementDocument", "Balance"), 1.5, Qt::AlignRight}};
    doc.rows.append(
        {{fmt.date(s.from), QString(), QString(), lang.translate("orb::StatementDocument", "Opening balance"), QString(), QString(), fmt.money(s.opening, cur)},
         0,
         DocumentRow::Style::Strong});
    for (const StatementLine &l : s.lines)
        doc.rows.append(
            {{fmt.date(l.date), kindName(l.kind, lang), l.reference, description(l, lang, fmt), l.debit.isZero() ? QString() : fmt.money(l.debit, cur),
              l.credit.isZero() ? QString() : fmt.money(l.credit, cur), fmt.money(l.balance, cur)}});
    doc.rows.append(
        {{fmt.date(s.to), QString(), QString(), lang.translate("orb::StatementDocument", "Closing balance"), QString(), QString(), fmt.money(s.closing, cur)},
         0,
         DocumentRow::Style::Strong});

    for (int b = 0; b < AgingReport::BucketCount; ++b)
        doc.totals.append({AgingDocument::bucketTitle(b, lang), fmt.money(s.aging.buckets[size_t(b)], cur)});
    doc.totals.append({lang.translate("orb::StatementDocument", "Open invoices (%1)").arg(s.aging.invoices), fmt.money(s.aging.total, cur), true});
    doc.totals.append({lang.translate("orb::StatementDocument", "Balance due (%1)").arg(cur), fmt.money(s.closing, cur), true});
    if (!s.disputes.isEmpty()) {
        QStringList lines;
        for (const Statement::Dispute &d : s.disputes)
            lines << (d.withdrawn ? lang.translate("orb::StatementDocument",
                                                   "Invoice %1: the payment of %2 is disputed; your bank holds it until the dispute is decided")
                                  : lang.translate("orb::StatementDocument", "Invoice %1: your bank asked about the payment of %2"))
                         .arg(d.invoiceNumber, fmt.money(d.amount, cur));
        doc.notes.append({lang.translate("orb::StatementDocument", "Disputed payments"), lines.join(QLatin1Char('\n'))});
    }
    if (!company.paymentInstructions.isEmpty()) {
        QString text = company.paymentInstructions;
        text.replace(QLatin1String("{invoice_number}"), lang.translate("orb::StatementDocument", "the invoice numbers"));
        doc.notes.append({lang.translate("orb::StatementDocument", "Payment instructions"), text});
    }
    doc.footer = company.footer.isEmpty()
                     ? lang.translate("orb::StatementDocument", "%1 · Statement for %2, %3").arg(company.name, s.customerName, fmt.range(s.from, s.to))
                     : company.footer;
    return doc;
}

} // namespace orb
