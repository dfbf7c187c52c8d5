// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/DocumentMailer.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/Money.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/StorageError.h"
#include "models/exports/MimeMessage.h"
#include "models/reports/ReportSource.h"
#include "ui/documents/DocumentExporter.h"
#include "ui/documents/DocumentFormat.h"
#include "ui/documents/DocumentLanguage.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace orb {

namespace {

struct Template {
    QString subject;
    QString body;
};

/// The message of each kind in the customer's language; {placeholders} are filled in after.
Template templateFor(const QString &kind, const DocumentLanguage &lang)
{
    if (kind == QLatin1String("invoice"))
        return {lang.translate("orb::EmailTemplates", "Invoice {invoice_number} from {company_name}"),
                lang.translate("orb::EmailTemplates", "Dear {customer_name},\n\nplease find attached invoice {invoice_number} of {invoice_date} "
                                                      "for {amount_due}, due on {due_date}.\n\nKind regards,\n{company_name}")};
    if (kind == QLatin1String("statement"))
        return {lang.translate("orb::EmailTemplates", "Statement of your account with {company_name}"),
                lang.translate("orb::EmailTemplates", "Dear {customer_name},\n\nplease find attached the statement of your account for "
                                                      "{period}. The balance due is {balance_due}.\n\nKind regards,\n{company_name}")};
    return {lang.translate("orb::EmailTemplates", "Payment reminder from {company_name}"),
            lang.translate("orb::EmailTemplates", "Dear {customer_name},\n\naccording to our records {overdue_count} invoices are overdue, "
                                                  "{amount_to_pay} in all. The attached reminder lists them. If you have paid already, please "
                                                  "disregard this message.\n\nKind regards,\n{company_name}")};
}

/// The placeholders each kind fills in.
QStringList placeholders(const QString &kind)
{
    QStringList common{QStringLiteral("customer_name"), QStringLiteral("company_name")};
    if (kind == QLatin1String("invoice"))
        return common + QStringList{QStringLiteral("invoice_number"), QStringLiteral("invoice_date"), QStringLiteral("due_date"), QStringLiteral("amount_due")};
    if (kind == QLatin1String("statement"))
        return common + QStringList{QStringLiteral("period"), QStringLiteral("balance_due")};
    return common + QStringList{QStringLiteral("overdue_count"), QStringLiteral("amount_to_pay")};
}

/// Reads and checks the templates file: every kind known, every text a string, every
/// placeholder one its kind fills in. Throws ServiceError naming the file and the place.
QJsonObject readTemplates(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ServiceError::invalid(QStringLiteral("setting email.templates: %1: cannot read (%2)").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (doc.isNull() || !doc.isObject())
        throw ServiceError::invalid(QStringLiteral("%1: not a JSON object (%2 at offset %3)").arg(path, error.errorString()).arg(error.offset));
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
    const QJsonObject root = doc.object();
    for (auto kind = root.constBegin(); kind != root.constEnd(); ++kind) {
        if (kind.key() != QLatin1String("invoice") && kind.key() != QLatin1String("statement") && kind.key() != QLatin1String("reminder"))
            throw ServiceError::invalid(QStringLiteral("%1: \"%2\" is not a kind of message (invoice, statement, reminder)").arg(path, kind.key()));
        const QJsonObject languages = kind.value().toObject();
        for (auto lang = languages.constBegin(); lang != languages.constEnd(); ++lang) {
            const QJsonObject t = lang.value().toObject();
            for (const char *field : {"subject", "body"}) {
                const QString where = QStringLiteral("%1: %2.%3.%4").arg(path, kind.key(), lang.key(), QLatin1String(field));
                const QJsonValue v = t.value(QLatin1String(field));
                if (!v.isString() || v.toString().trimmed().isEmpty())
                    throw ServiceError::invalid(where + QStringLiteral(" must be a text"));
                auto it = placeholder.globalMatch(v.toString());
                while (it.hasNext()) {
                    const QString name = it.next().captured(1);
                    if (!placeholders(kind.key()).contains(name))
                        throw ServiceError::invalid(
                            where
                            + QStringLiteral(": {%1} is not a placeholder of this kind (%2)").arg(name, placeholders(kind.key()).join(QStringLiteral(", "))));
                }
            }
        }
    }
    return root;
}

QString fill(QString text, const QHash<QString, QString> &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

} // namespace

DocumentMailer::DocumentMailer(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock)
{
    m_from = file.setting(QStringLiteral("email.from"));
    if (m_from.isEmpty())
        throw ServiceError::invalid(QStringLiteral("no sender: orbctl settings set email.from \"Billing <billing@example.com>\""));
    const QString templates = file.setting(QStringLiteral("email.templates"));
    if (!templates.isEmpty())
        m_templates = readTemplates(templates);
}

OutboxMessage DocumentMailer::queue(const QString &kind, const QString &documentId, const QString &documentRef, const Customer &customer,
                                    const NamedDocument &pdf, const QHash<QString, QString> &givenValues)
{
    if (customer.email.isEmpty())
        throw ServiceError::invalid(
            QStringLiteral("%1 %2: customer \"%3\" has no e-mail address (orbctl customers update %4 --email ...)")
                .arg(kind, documentRef, customer.name, customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId));
    const DocumentLanguage lang(pdf.document.locale);
    QHash<QString, QString> values = givenValues;
    values.insert(QStringLiteral("customer_name"), customer.name);
    values.insert(QStringLiteral("company_name"), m_file.settings().name);
    Template t = templateFor(kind, lang);
    // The company's own template for this kind: the customer's locale ("de_CH"), else its language ("de").
    const QJsonObject own = m_templates.value(kind).toObject();
    const QString localeName = pdf.document.locale.name();
    const QJsonObject chosen = own.contains(localeName) ? own.value(localeName).toObject() : own.value(localeName.section(QLatin1Char('_'), 0, 0)).toObject();
    if (!chosen.isEmpty())
        t = {chosen.value(QStringLiteral("subject")).toString(), chosen.value(QStringLiteral("body")).toString()};
    MailMessage mail;
    mail.from = m_from;
    mail.to = {customer.email};
    for (const QString &cc : customer.metadata.value(QStringLiteral("email_cc")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        mail.cc << cc.trimmed();
    mail.subject = fill(t.subject, values);
    mail.body = fill(t.body, values);
    mail.attachments = {{pdf.fileName, QStringLiteral("application/pdf"), DocumentExporter::toPdf(pdf.document)}};
    mail.messageId = MailMessage::newMessageId(m_from);
    mail.date = m_clock.now();
    OutboxMessage m;
    m.documentKind = kind;
    m.documentId = documentId;
    m.documentRef = documentRef;
    m.customerId = customer.id;
    m.recipients = (mail.to + mail.cc).join(QStringLiteral(", "));
    m.subject = mail.subject;
    m.messageId = mail.messageId;
    m.mime = mail.toMime();
    return EmailOutbox(m_file).enqueue(m, m_clock);
}

OutboxMessage DocumentMailer::queueInvoice(const QString &reference)
{
    const auto inv = InvoiceRepository(m_file.db()).resolve(reference);
    if (!inv)
        throw ServiceError::notFound(QStringLiteral("invoice \"%1\" not found (give its id or number)").arg(reference));
    if (inv->invoiceNumber.isEmpty() || inv->status == InvoiceStatus::Draft)
        throw ServiceError::conflict(QStringLiteral("invoice %1 is a draft; issue it before sending it").arg(reference));
    const auto customer = CustomerRepository(m_file.db()).findById(inv->customerId);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("invoice %1: its customer is missing").arg(reference));
    const NamedDocument pdf = DocumentExporter(m_file).invoice(inv->id);
    const DocumentFormat fmt(pdf.document.locale);
    return queue(QStringLiteral("invoice"), inv->id, inv->invoiceNumber, *customer, pdf,
                 {{QStringLiteral("invoice_number"), inv->invoiceNumber},
                  {QStringLiteral("invoice_date"), fmt.date(inv->invoiceDate)},
                  {QStringLiteral("due_date"), fmt.date(inv->dueDate.isValid() ? inv->dueDate : inv->invoiceDate)},
                  {QStringLiteral("amount_due"), fmt.money(inv->status == InvoiceStatus::Void ? Decimal(0) : inv->amountRemaining(), inv->currency)}});
}

QList<OutboxMessage> DocumentMailer::queueInvoices(const InvoiceFilter &filter)
{
    QList<OutboxMessage> out;
    for (const Invoice &inv : InvoiceRepository(m_file.db()).list(filter))
        if (!inv.invoiceNumber.isEmpty() && inv.status != InvoiceStatus::Draft)
            out.append(queueInvoice(inv.id));
    return out;
}

OutboxMessage DocumentMailer::queueStatement(const QString &customerRef, QDate from, QDate to)
{
    const auto customer = CustomerRepository(m_file.db()).resolve(customerRef);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerRef));
    const NamedDocument pdf = DocumentExporter(m_file).statement(customer->id, from, to);
    const Statement s = ReportSource(m_file).statement(customer->id, from, to);
    const DocumentFormat fmt(pdf.document.locale);
    return queue(QStringLiteral("statement"), customer->id, QStringLiteral("statement %1..%2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)),
                 *customer, pdf, {{QStringLiteral("period"), fmt.range(from, to)}, {QStringLiteral("balance_due"), fmt.money(s.closing, s.currency)}});
}

QList<OutboxMessage> DocumentMailer::queueReminders(QDate asOf, const QString &customerRef)
{
    DocumentExporter exporter(m_file);
    CustomerRepository customers(m_file.db());
    QList<NamedDocument> docs;
    QList<Customer> owners;
    QStringList ids;
    if (!customerRef.isEmpty()) {
        const auto c = customers.resolve(customerRef);
        if (!c)
            throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerRef));
        ids << c->id;
    } else {
        for (const AgingItem &i : ReportSource(m_file).agingItems(asOf))
            if (!ids.contains(i.customerId))
                ids << i.customerId;
    }
    QList<OutboxMessage> out;
    for (const QString &id : ids) {
        const auto c = customers.findById(id);
        if (!c)
            continue;
        for (const NamedDocument &d : exporter.reminders(c->id, asOf)) {
            const DocumentFormat fmt(d.document.locale);
            QHash<QString, QString> values{{QStringLiteral("overdue_count"), QString()}, {QStringLiteral("amount_to_pay"), QString()}};
            for (const DocumentField &f : d.document.fields) {
                // The letter's own figures: what it says is what the message says.
                if (f.label == DocumentLanguage(d.document.locale).translate("orb::ReminderDocument", "Overdue invoices"))
                    values[QStringLiteral("overdue_count")] = f.value;
                if (f.label == DocumentLanguage(d.document.locale).translate("orb::ReminderDocument", "Amount to pay"))
                    values[QStringLiteral("amount_to_pay")] = f.value;
            }
            out.append(queue(QStringLiteral("reminder"), c->id, QStringLiteral("reminder %1 %2").arg(asOf.toString(Qt::ISODate), d.fileName), *c, d, values));
        }
    }
    return out;
}

} // namespace orb
