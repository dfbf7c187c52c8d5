// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/InvoiceRepository.h"
#include "models/exports/EmailOutbox.h"

#include <QDate>
#include <QJsonObject>

namespace orb {

class Clock;
class CompanyFile;
struct Customer;
struct NamedDocument;

/**
 * Puts documents into the e-mail outbox: the message in the customer's document language
 * (subject and text from the template of its kind, placeholders filled in), the PDF attached
 * as `orbctl invoices pdf` writes it, To the customer's billing e-mail and Cc the addresses of
 * its metadata key email_cc. The templates built in (English, German) can be replaced per kind
 * and language by the JSON file of the setting email.templates. Sending is SmtpSender's. Throws ServiceError naming what is
 * missing (email.from, a customer without an e-mail address, a draft invoice).
 */
class DocumentMailer final
{
public:
    DocumentMailer(CompanyFile &file, const Clock &clock);

    OutboxMessage queueInvoice(const QString &reference);
    /// Every invoice the filter selects that has a number (drafts are skipped).
    QList<OutboxMessage> queueInvoices(const InvoiceFilter &filter);
    OutboxMessage queueStatement(const QString &customer, QDate from, QDate to);
    /// A reminder per customer and currency with invoices overdue on `asOf`; `customer` empty: all.
    QList<OutboxMessage> queueReminders(QDate asOf, const QString &customer = {});

private:
    OutboxMessage queue(const QString &kind, const QString &documentId, const QString &documentRef, const Customer &customer, const NamedDocument &pdf,
                        const QHash<QString, QString> &values);

    CompanyFile &m_file;
    const Clock &m_clock;
    QString m_from;
    QJsonObject m_templates; ///< email.templates: kind → language → {subject, body}
};

} // namespace orb
