// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/ReminderDocument.h"

#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

#include <QRegularExpression>

namespace orb {

Decimal ReminderLetter::overdue() const
{
    Decimal sum(0);
    for (const AgingItem &i : items)
        sum += i.outstanding;
    return sum;
}

QString ReminderDocument::fileName(const ReminderLetter &letter)
{
    QString name = QStringLiteral("reminder-%1-%2-%3.pdf").arg(letter.customerId, letter.currency, letter.asOf.toString(Qt::ISODate));
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return name;
}

PrintedDocument ReminderDocument::build(const ReminderLetter &r, const DocumentIdentity &company)
{
    const DocumentLanguage lang(company.locale);
    const DocumentFormat fmt(company.locale);
    const QString cur = r.currency;
    PrintedDocument doc;
    doc.locale = company.locale;
    doc.title = lang.translate("orb::ReminderDocument", "Payment reminder");
    doc.reference = r.customerName;
    doc.logo = company.logo;
    doc.senderName = company.name;
    doc.senderLines = company.lines(lang);
    doc.recipientHeading = lang.translate("orb::ReminderDocument", "To");
    doc.recipientName = r.customerName;
    doc.recipientLines = r.customerAddress;
    if (!r.customerTaxId.isEmpty())
        doc.recipientLines << DocumentIdentity::taxIdLine(lang, r.customerTaxId);
    doc.fields = {{lang.translate("orb::ReminderDocument", "Date"), fmt.date(r.asOf)},
                  {lang.translate("orb::ReminderDocument", "Currency"), cur},
                  {lang.translate("orb::ReminderDocument", "Overdue invoices"), company.locale.toString(r.items.size())},
                  {lang.translate("orb::ReminderDocument", "Amount to pay"), fmt.money(r.total(), cur)}};
    doc.intro.append(
        {lang.translate("orb::ReminderDocument", "Dear customer,"),
         lang.translate("orb::ReminderDocument", "according to our records the invoices below were due and are still unpaid. If you have already paid them, "
                                                 "please disregard this letter; otherwise please pay the amount below without delay.")});
    doc.columns = {{lang.translate("orb::ReminderDocument", "Invoice"), 2.2, Qt::AlignLeft},
                   {lang.translate("orb::ReminderDocument", "Invoice date"), 1.5, Qt::AlignLeft},
                   {lang.translate("orb::ReminderDocument", "Due date"), 1.5, Qt::AlignLeft},
                   {lang.translate("orb::ReminderDocument", "Days overdue"), 1.3, Qt::AlignRight},
                   {lang.translate("orb::ReminderDocument", "Open amount"), 1.8, Qt::AlignRight}};
    for (const AgingItem &i : r.items) {
        const QDate due = i.dueDate.isValid() ? i.dueDate : i.invoiceDate;
        doc.rows.append(
            {{i.invoiceNumber, fmt.date(i.invoiceDate), fmt.date(due), company.locale.toString(due.daysTo(r.asOf)), fmt.money(i.outstanding, cur)}});
    }
    doc.emptyTableText = lang.translate("orb::ReminderDocument", "No invoice is overdue.");
    doc.totals.append({lang.translate("orb::ReminderDocument", "Overdue"), fmt.money(r.overdue(), cur)});
    if (!r.fee.isZero())
        doc.totals.append({lang.translate("orb::ReminderDocument", "Reminder fee"), fmt.money(r.fee, cur)});
    doc.totals.append({lang.translate("orb::ReminderDocument", "Amount to pay (%1)").arg(cur), fmt.money(r.total(), cur), true});
    if (!company.paymentInstructions.isEmpty()) {
        QString text = company.paymentInstructions;
        text.replace(QLatin1String("{invoice_number}"), lang.translate("orb::ReminderDocument", "the invoice numbers"));
        doc.notes.append({lang.translate("orb::ReminderDocument", "Payment instructions"), text});
    }
    doc.footer = company.footer.isEmpty()
                     ? lang.translate("orb::ReminderDocument", "%1 · Payment reminder for %2, %3").arg(company.name, r.customerName, fmt.date(r.asOf))
                     : company.footer;
    return doc;
}

} // namespace orb
