// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/InvoiceDocument.h"

#include "ui/documents/DocumentFormat.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace orb {

namespace {

QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }

Decimal dec(const QJsonObject &o, const char *key)
{
    return Decimal::tryParse(str(o, key)).value_or(Decimal(0));
}

QStringList recipientLines(const Customer &c)
{
    QStringList lines = c.billingAddress.lines();
    if (!c.taxId.isEmpty())
        lines << QStringLiteral("Tax ID %1").arg(c.taxId.value);
    if (!c.email.isEmpty())
        lines << c.email;
    return lines;
}

QString safeName(QString name)
{
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return name;
}

} // namespace

QString InvoiceDocument::adjustmentName(const QString &type)
{
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
    const DocumentFormat fmt(company.locale);
    const QString cur = inv.currency;
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.title = QStringLiteral("Invoice");
    doc.reference = inv.invoiceNumber.isEmpty() ? QStringLiteral("(draft)") : inv.invoiceNumber;
    if (inv.status == QLatin1String("draft"))
        doc.stamp = QStringLiteral("DRAFT");
    else if (inv.status == QLatin1String("void"))
        doc.stamp = QStringLiteral("VOID");
    else if (inv.status == QLatin1String("paid"))
        doc.stamp = QStringLiteral("PAID");
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines;
    doc.recipientHeading = QStringLiteral("Bill to");
    doc.recipientName = customer.name;
    doc.recipientLines = recipientLines(customer);

    doc.fields.append({QStringLiteral("Invoice number"), inv.invoiceNumber.isEmpty() ? QStringLiteral("Draft") : inv.invoiceNumber});
    doc.fields.append({QStringLiteral("Invoice date"), fmt.date(inv.invoiceDate)});
    if (inv.periodStart.isValid())
        doc.fields.append({QStringLiteral("Service period"), fmt.range(inv.periodStart, inv.periodEnd.addDays(-1))});
    doc.fields.append({QStringLiteral("Terms"), inv.netTerms > 0 ? QStringLiteral("Net %1").arg(inv.netTerms) : QStringLiteral("Due on receipt")});
    if (inv.dueDate.isValid())
        doc.fields.append({QStringLiteral("Due date"), fmt.date(inv.dueDate)});
    doc.fields.append({QStringLiteral("Customer"), customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId});

    doc.columns = {{QStringLiteral("Description"), 4.0, Qt::AlignLeft},
                   {QStringLiteral("Period"), 3.0, Qt::AlignLeft},
                   {QStringLiteral("Quantity"), 1.5, Qt::AlignRight},
                   {QStringLiteral("Unit price"), 1.5, Qt::AlignRight},
                   {QStringLiteral("Amount"), 1.7, Qt::AlignRight}};
    doc.emptyTableText = QStringLiteral("No charges.");
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    for (const QJsonValue &lv : lines) {
        const QJsonObject l = lv.toObject();
        const QDate start = QDate::fromString(str(l, "start_date"), Qt::ISODate);
        const QDate end = QDate::fromString(str(l, "end_date"), Qt::ISODate);
        const QString period = start.isValid() && end.isValid() ? fmt.range(start, end > start ? end.addDays(-1) : end) : QString();
        const QJsonArray subs = l.value(QStringLiteral("sub_line_items")).toArray();
        // A line with a single sub-line carries its unit price itself.
        QString unit;
        if (subs.size() == 1 && !str(subs.first().toObject(), "unit_amount").isEmpty())
            unit = fmt.money(str(subs.first().toObject(), "unit_amount"), cur);
        doc.rows.append({{str(l, "name"), period, fmt.quantity(str(l, "quantity")), unit, fmt.money(str(l, "subtotal"), cur)}});
        if (subs.size() > 1) {
            for (const QJsonValue &sv : subs) {
                const QJsonObject s = sv.toObject();
                if (dec(s, "quantity").isZero() && dec(s, "amount").isZero())
                    continue;
                QString name = str(s, "name");
                const QJsonObject g = s.value(QStringLiteral("grouping")).toObject();
                if (g.contains(QStringLiteral("first_unit"))) {
                    const QString last = str(g, "last_unit");
                    name += QStringLiteral(" (%1 – %2)").arg(fmt.quantity(str(g, "first_unit")), last.isEmpty() ? QStringLiteral("∞") : fmt.quantity(last));
                }
                doc.rows.append({{name, QString(), fmt.quantity(str(s, "quantity")), fmt.money(str(s, "unit_amount"), cur), fmt.money(str(s, "amount"), cur)}, 1});
            }
        }
        for (const QJsonValue &av : l.value(QStringLiteral("adjustments")).toArray()) {
            const QJsonObject a = av.toObject();
            if (dec(a, "amount").isZero())
                continue;
            doc.rows.append({{adjustmentName(str(a, "adjustment_type")), QString(), QString(), QString(), fmt.money(str(a, "amount"), cur)}, 1});
        }
        if (!dec(l, "coupon_discount").isZero())
            doc.rows.append({{QStringLiteral("Coupon"), QString(), QString(), QString(), fmt.money(-dec(l, "coupon_discount"), cur)}, 1});
    }

    doc.totals.append({QStringLiteral("Subtotal"), fmt.money(inv.subtotal, cur)});
    if (!inv.adjustmentsTotal.isZero())
        doc.totals.append({QStringLiteral("Adjustments"), fmt.money(inv.adjustmentsTotal, cur)});
    if (!inv.couponsTotal.isZero())
        doc.totals.append({QStringLiteral("Coupons"), fmt.money(-inv.couponsTotal, cur)});
    for (const QJsonValue &tv : inv.document.value(QStringLiteral("tax_amounts")).toArray()) {
        const QJsonObject t = tv.toObject();
        doc.totals.append({QStringLiteral("%1 (%2)").arg(str(t, "tax_rate_description"), fmt.percent(str(t, "tax_rate_percentage"))),
                           fmt.money(str(t, "amount"), cur)});
    }
    doc.totals.append({QStringLiteral("Total"), fmt.money(inv.total, cur), true});
    if (!inv.balanceApplied.isZero())
        doc.totals.append({QStringLiteral("Balance applied"), fmt.money(-inv.balanceApplied, cur)});
    if (!inv.creditsApplied.isZero())
        doc.totals.append({QStringLiteral("Prepaid credits applied"), fmt.money(-inv.creditsApplied, cur)});
    doc.totals.append({QStringLiteral("Amount paid"), fmt.money(-inv.amountPaid, cur)});
    if (!inv.credited.isZero())
        doc.totals.append({QStringLiteral("Credited"), fmt.money(-inv.credited, cur)});
    const Decimal due = inv.status == QLatin1String("void") ? Decimal(0) : inv.amountRemaining();
    doc.totals.append({QStringLiteral("Amount due (%1)").arg(cur), fmt.money(due, cur), true});

    if (inv.status == QLatin1String("void"))
        doc.notes.append({QStringLiteral("Void"), QStringLiteral("This invoice was voided and is not payable.")});
    else if (!company.paymentInstructions.isEmpty() && inv.status != QLatin1String("paid")) {
        QString text = company.paymentInstructions;
        text.replace(QLatin1String("{invoice_number}"), doc.reference);
        doc.notes.append({QStringLiteral("Payment instructions"), text});
    }
    if (!inv.memo.isEmpty())
        doc.notes.append({QStringLiteral("Memo"), inv.memo});
    doc.footer = company.footer.isEmpty() ? QStringLiteral("%1 · Invoice %2").arg(company.name, doc.reference) : company.footer;
    return doc;
}

PrintedDocument InvoiceDocument::creditNote(const CreditNote &note, const Invoice &inv, const Customer &customer, const DocumentIdentity &company,
                                            QDate issuedOn)
{
    const DocumentFormat fmt(company.locale);
    const QString cur = note.currency;
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.title = QStringLiteral("Credit note");
    doc.reference = note.number;
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines;
    doc.recipientHeading = QStringLiteral("Credit to");
    doc.recipientName = customer.name;
    doc.recipientLines = recipientLines(customer);
    doc.fields = {{QStringLiteral("Credit note number"), note.number},
                  {QStringLiteral("Date"), fmt.date(issuedOn)},
                  {QStringLiteral("Invoice"), inv.invoiceNumber},
                  {QStringLiteral("Invoice date"), fmt.date(inv.invoiceDate)},
                  {QStringLiteral("Type"), note.kind == QLatin1String("refund") ? QStringLiteral("Refund") : QStringLiteral("Adjustment")}};
    doc.columns = {{QStringLiteral("Description"), 5, Qt::AlignLeft},
                   {QStringLiteral("Amount"), 1.6, Qt::AlignRight},
                   {QStringLiteral("Tax"), 1.4, Qt::AlignRight},
                   {QStringLiteral("Total"), 1.6, Qt::AlignRight}};
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    for (const CreditNoteLine &l : note.lines) {
        const QString name = l.invoiceLinePosition >= 0 && l.invoiceLinePosition < lines.size()
                                 ? str(lines.at(l.invoiceLinePosition).toObject(), "name")
                                 : QStringLiteral("Line %1").arg(l.invoiceLinePosition);
        doc.rows.append({{name, fmt.money(l.amount - l.tax, cur), fmt.money(l.tax, cur), fmt.money(l.amount, cur)}});
    }
    doc.totals = {{QStringLiteral("Subtotal"), fmt.money(note.subtotal, cur)},
                  {QStringLiteral("Tax"), fmt.money(note.taxTotal, cur)},
                  {QStringLiteral("Total credited (%1)").arg(cur), fmt.money(note.total, cur), true}};
    doc.notes.append({QStringLiteral("Reason"), note.reason});
    if (!note.memo.isEmpty())
        doc.notes.append({QStringLiteral("Memo"), note.memo});
    doc.footer = company.footer.isEmpty() ? QStringLiteral("%1 · Credit note %2").arg(company.name, note.number) : company.footer;
    return doc;
}

} // namespace orb
