// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/InvoiceDocument.h"

#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace orb {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

Decimal dec(const QJsonObject &o, const char *key)
{
    return Decimal::tryParse(str(o, key)).value_or(Decimal(0));
}

QStringList recipientLines(const Customer &c, const DocumentLanguage &lang)
{
    QStringList lines = c.billingAddress.lines();
    if (!c.taxId.isEmpty())
        lines << DocumentIdentity::taxIdLine(lang, c.taxId.value, c.taxId.type);
    if (!c.email.isEmpty())
        lines << c.email;
    return lines;
}

QString safeName(QString name)
{
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return name;
}

/// The price of one unit of a line that has no single sub-line saying so (a fixed fee, a unit
/// price): its subtotal over its quantity, shown only when that is exact.
QString unitPrice(const QJsonObject &line, const DocumentFormat &fmt, const QString &currency)
{
    const QJsonArray subs = line.value(QStringLiteral("sub_line_items")).toArray();
    if (subs.size() == 1 && !str(subs.first().toObject(), "unit_amount").isEmpty())
        return fmt.money(str(subs.first().toObject(), "unit_amount"), currency);
    if (!subs.isEmpty())
        return {};
    const auto quantity = Decimal::tryParse(str(line, "quantity"));
    const auto subtotal = Decimal::tryParse(str(line, "subtotal"));
    if (!quantity || !subtotal || quantity->isZero() || quantity->isNegative())
        return {};
    const Decimal unit = subtotal->divide(*quantity, 12).normalized();
    if (unit * *quantity != *subtotal)
        return {};
    return fmt.money(unit, currency);
}

/// Names the engine writes into sub-lines, in the document's language.
QString subLineName(const QString &name, const DocumentLanguage &lang)
{
    static const QRegularExpression tier(QStringLiteral("^(.*?)Tier (\\d+)$"));
    const auto m = tier.match(name);
    if (m.hasMatch())
        return m.captured(1) + lang.translate("orb::InvoiceDocument", "Tier %1").arg(m.captured(2));
    if (name == QLatin1String("Free units"))
        return lang.translate("orb::InvoiceDocument", "Free units");
    if (name == QLatin1String("Fixed fees"))
        return lang.translate("orb::InvoiceDocument", "Fixed fees");
    return name;
}

} // namespace

QString InvoiceDocument::adjustmentName(const QString &type, const DocumentLanguage &lang)
{
    if (type == QLatin1String("usage_discount"))
        return lang.translate("orb::InvoiceDocument", "Usage discount");
    if (type == QLatin1String("amount_discount"))
        return lang.translate("orb::InvoiceDocument", "Amount discount");
    if (type == QLatin1String("percentage_discount"))
        return lang.translate("orb::InvoiceDocument", "Percentage discount");
    if (type == QLatin1String("minimum"))
        return lang.translate("orb::InvoiceDocument", "Minimum");
    if (type == QLatin1String("maximum"))
        return lang.translate("orb::InvoiceDocument", "Maximum");
    QString name = type;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

QString InvoiceDocument::fileName(const Invoice &invoice)
{
    return safeName(invoice.invoiceNumber.isEmpty() ? QStringLiteral("draft-") + invoice.id : invoice.invoiceNumber) + QStringLiteral(".pdf");
}

QString InvoiceDocument::fileName(const CreditNote &note)
{
    return safeName(note.number.isEmpty() ? note.id : note.number) + QStringLiteral(".pdf");
}

PrintedDocument InvoiceDocument::invoice(const Invoice &inv, const Customer &customer, const DocumentIdentity &company)
{
    const QLocale locale = company.localeFor(customer.documentLanguage);
    const DocumentLanguage lang(locale);
    const DocumentFormat fmt(locale);
    const QString cur = inv.currency;
    PrintedDocument doc;
    doc.locale = locale;
    doc.title = lang.translate("orb::InvoiceDocument", "Invoice");
    doc.reference = inv.invoiceNumber.isEmpty() ? lang.translate("orb::InvoiceDocument", "(draft)") : inv.invoiceNumber;
    if (inv.status == InvoiceStatus::Draft)
        doc.stamp = {lang.translate("orb::InvoiceDocument", "DRAFT"), PrintedDocument::StampKind::Draft};
    else if (inv.status == InvoiceStatus::Void)
        doc.stamp = {lang.translate("orb::InvoiceDocument", "VOID"), PrintedDocument::StampKind::Void};
    else if (inv.status == InvoiceStatus::Paid)
        doc.stamp = {lang.translate("orb::InvoiceDocument", "PAID"), PrintedDocument::StampKind::Paid};
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines(lang);
    doc.recipientHeading = lang.translate("orb::InvoiceDocument", "Bill to");
    doc.recipientName = customer.name;
    doc.recipientLines = recipientLines(customer, lang);

    doc.fields.append({lang.translate("orb::InvoiceDocument", "Invoice number"),
                       inv.invoiceNumber.isEmpty() ? lang.translate("orb::InvoiceDocument", "Draft") : inv.invoiceNumber});
    doc.fields.append({lang.translate("orb::InvoiceDocument", "Invoice date"), fmt.date(inv.invoiceDate)});
    if (inv.periodStart.isValid())
        doc.fields.append({lang.translate("orb::InvoiceDocument", "Service period"), fmt.range(inv.periodStart, inv.periodEnd.addDays(-1))});
    doc.fields.append({lang.translate("orb::InvoiceDocument", "Terms"), inv.netTerms > 0 ? lang.translate("orb::InvoiceDocument", "Net %1").arg(inv.netTerms)
                                                                                         : lang.translate("orb::InvoiceDocument", "Due on receipt")});
    if (inv.dueDate.isValid())
        doc.fields.append({lang.translate("orb::InvoiceDocument", "Due date"), fmt.date(inv.dueDate)});
    doc.fields.append({lang.translate("orb::InvoiceDocument", "Customer"), customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId});

    doc.columns = {{lang.translate("orb::InvoiceDocument", "Description"), 4.0, Qt::AlignLeft},
                   {lang.translate("orb::InvoiceDocument", "Period"), 3.0, Qt::AlignLeft},
                   {lang.translate("orb::InvoiceDocument", "Quantity"), 1.5, Qt::AlignRight},
                   {lang.translate("orb::InvoiceDocument", "Unit price"), 1.5, Qt::AlignRight},
                   {lang.translate("orb::InvoiceDocument", "Amount"), 1.7, Qt::AlignRight}};
    doc.emptyTableText = lang.translate("orb::InvoiceDocument", "No charges.");
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    for (const QJsonValue &lv : lines) {
        const QJsonObject l = lv.toObject();
        const QDate start = QDate::fromString(str(l, "start_date"), Qt::ISODate);
        const QDate end = QDate::fromString(str(l, "end_date"), Qt::ISODate);
        const QString period = start.isValid() && end.isValid() ? fmt.range(start, end > start ? end.addDays(-1) : end) : QString();
        const QJsonArray subs = l.value(QStringLiteral("sub_line_items")).toArray();
        doc.rows.append({{str(l, "name"), period, fmt.quantity(str(l, "quantity")), unitPrice(l, fmt, cur), fmt.money(str(l, "subtotal"), cur)}});
        if (subs.size() > 1) {
            for (const QJsonValue &sv : subs) {
                const QJsonObject s = sv.toObject();
                if (dec(s, "quantity").isZero() && dec(s, "amount").isZero())
                    continue;
                QString name = subLineName(str(s, "name"), lang);
                const QJsonObject g = s.value(QStringLiteral("grouping")).toObject();
                if (g.contains(QStringLiteral("first_unit"))) {
                    const QString last = str(g, "last_unit");
                    name += QStringLiteral(" (%1 – %2)").arg(fmt.quantity(str(g, "first_unit")), last.isEmpty() ? QStringLiteral("∞") : fmt.quantity(last));
                }
                doc.rows.append(
                    {{name, QString(), fmt.quantity(str(s, "quantity")), fmt.money(str(s, "unit_amount"), cur), fmt.money(str(s, "amount"), cur)}, 1});
            }
        }
        for (const QJsonValue &av : l.value(QStringLiteral("adjustments")).toArray()) {
            const QJsonObject a = av.toObject();
            if (dec(a, "amount").isZero())
                continue;
            doc.rows.append({{adjustmentName(str(a, "adjustment_type"), lang), QString(), QString(), QString(), fmt.money(str(a, "amount"), cur)}, 1});
        }
        if (!dec(l, "coupon_discount").isZero())
            doc.rows.append(
                {{lang.translate("orb::InvoiceDocument", "Coupon"), QString(), QString(), QString(), fmt.money(-dec(l, "coupon_discount"), cur)}, 1});
    }

    doc.totals.append({lang.translate("orb::InvoiceDocument", "Subtotal"), fmt.money(inv.subtotal, cur)});
    if (!inv.adjustmentsTotal.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Adjustments"), fmt.money(inv.adjustmentsTotal, cur)});
    if (!inv.couponsTotal.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Coupons"), fmt.money(-inv.couponsTotal, cur)});
    // Prepaid credits come before tax inside the lines; an invoice issued before that shows
    // them after its total.
    bool creditsInLines = false;
    for (const QJsonValue &l : inv.document.value(QStringLiteral("line_items")).toArray())
        creditsInLines = creditsInLines || l.toObject().contains(QStringLiteral("credits_applied"));
    if (creditsInLines && !inv.creditsApplied.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Prepaid credits applied"), fmt.money(-inv.creditsApplied, cur)});
    for (const QJsonValue &tv : inv.document.value(QStringLiteral("tax_amounts")).toArray()) {
        const QJsonObject t = tv.toObject();
        doc.totals.append(
            {QStringLiteral("%1 (%2)").arg(str(t, "tax_rate_description"), fmt.percent(str(t, "tax_rate_percentage"))), fmt.money(str(t, "amount"), cur)});
    }
    doc.totals.append({lang.translate("orb::InvoiceDocument", "Total"), fmt.money(inv.total, cur), true});
    if (!inv.balanceApplied.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Balance applied"), fmt.money(-inv.balanceApplied, cur)});
    if (!creditsInLines && !inv.creditsApplied.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Prepaid credits applied"), fmt.money(-inv.creditsApplied, cur)});
    doc.totals.append({lang.translate("orb::InvoiceDocument", "Amount paid"), fmt.money(-inv.amountPaid, cur)});
    if (!inv.credited.isZero())
        doc.totals.append({lang.translate("orb::InvoiceDocument", "Credited"), fmt.money(-inv.credited, cur)});
    const Decimal due = inv.status == InvoiceStatus::Void ? Decimal(0) : inv.amountRemaining();
    doc.totals.append({lang.translate("orb::InvoiceDocument", "Amount due (%1)").arg(cur), fmt.money(due, cur), true});

    if (inv.status == InvoiceStatus::Void)
        doc.notes.append(
            {lang.translate("orb::InvoiceDocument", "Void"), lang.translate("orb::InvoiceDocument", "This invoice was voided and is not payable.")});
    else if (!company.paymentInstructions.isEmpty() && inv.status != InvoiceStatus::Paid) {
        QString text = company.paymentInstructions;
        text.replace(QLatin1String("{invoice_number}"), doc.reference);
        doc.notes.append({lang.translate("orb::InvoiceDocument", "Payment instructions"), text});
    }
    if (!inv.memo.isEmpty())
        doc.notes.append({lang.translate("orb::InvoiceDocument", "Memo"), inv.memo});
    doc.footer = company.footer.isEmpty() ? lang.translate("orb::InvoiceDocument", "%1 · Invoice %2").arg(company.name, doc.reference) : company.footer;
    return doc;
}

PrintedDocument InvoiceDocument::creditNote(const CreditNote &note, const Invoice &inv, const Customer &customer, const DocumentIdentity &company,
                                            QDate issuedOn)
{
    const QLocale locale = company.localeFor(customer.documentLanguage);
    const DocumentLanguage lang(locale);
    const DocumentFormat fmt(locale);
    const QString cur = note.currency;
    PrintedDocument doc;
    doc.locale = locale;
    doc.title = lang.translate("orb::InvoiceDocument", "Credit note");
    doc.reference = note.number;
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines(lang);
    doc.recipientHeading = lang.translate("orb::InvoiceDocument", "Credit to");
    doc.recipientName = customer.name;
    doc.recipientLines = recipientLines(customer, lang);
    doc.fields = {{lang.translate("orb::InvoiceDocument", "Credit note number"), note.number},
                  {lang.translate("orb::InvoiceDocument", "Date"), fmt.date(issuedOn)},
                  {lang.translate("orb::InvoiceDocument", "Invoice"), inv.invoiceNumber},
                  {lang.translate("orb::InvoiceDocument", "Invoice date"), fmt.date(inv.invoiceDate)},
                  {lang.translate("orb::InvoiceDocument", "Type"), note.kind == QLatin1String("refund")
                                                                       ? lang.translate("orb::InvoiceDocument", "Refund")
                                                                       : lang.translate("orb::InvoiceDocument", "Adjustment")}};
    doc.columns = {{lang.translate("orb::InvoiceDocument", "Description"), 5, Qt::AlignLeft},
                   {lang.translate("orb::InvoiceDocument", "Amount"), 1.6, Qt::AlignRight},
                   {lang.translate("orb::InvoiceDocument", "Tax"), 1.4, Qt::AlignRight},
                   {lang.translate("orb::InvoiceDocument", "Total"), 1.6, Qt::AlignRight}};
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    for (const CreditNoteLine &l : note.lines) {
        const QString name = l.invoiceLinePosition >= 0 && l.invoiceLinePosition < lines.size()
                                 ? str(lines.at(l.invoiceLinePosition).toObject(), "name")
                                 : lang.translate("orb::InvoiceDocument", "Line %1").arg(l.invoiceLinePosition);
        doc.rows.append({{name, fmt.money(l.amount - l.tax, cur), fmt.money(l.tax, cur), fmt.money(l.amount, cur)}});
    }
    doc.totals = {{lang.translate("orb::InvoiceDocument", "Subtotal"), fmt.money(note.subtotal, cur)},
                  {lang.translate("orb::InvoiceDocument", "Tax"), fmt.money(note.taxTotal, cur)},
                  {lang.translate("orb::InvoiceDocument", "Total credited (%1)").arg(cur), fmt.money(note.total, cur), true}};
    doc.notes.append({lang.translate("orb::InvoiceDocument", "Reason"), note.reason});
    if (!note.memo.isEmpty())
        doc.notes.append({lang.translate("orb::InvoiceDocument", "Memo"), note.memo});
    doc.footer = company.footer.isEmpty() ? lang.translate("orb::InvoiceDocument", "%1 · Credit note %2").arg(company.name, note.number) : company.footer;
    return doc;
}

} // namespace orb
