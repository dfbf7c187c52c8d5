// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

class Clock;
class CompanyFile;
class Database;

/// A message in the e-mail outbox.
struct OutboxMessage {
    QString id;
    QString documentKind; ///< invoice, credit_note, statement, reminder
    QString documentId;
    QString documentRef;
    QString customerId;
    QString recipients;
    QString subject;
    QString messageId;
    QByteArray mime;
    QString status; ///< queued, sending, sent, failed
    int attempts = 0;
    QString lastError;
    QDateTime queuedAt;
    QDateTime sentAt;
};

/**
 * The e-mail outbox of a company file (table email_messages). A message is queued whole, in
 * one transaction with its audit entry. Sending claims it first (status 'sending', committed
 * before a byte goes out); only a claimed message is sent, and it becomes 'sent' (with an audit
 * entry on its document) or goes back to 'queued' with the error. A message still 'sending'
 * after a crash is never claimed again on its own: it may have gone out, so release() — a
 * person's decision — is needed to send it again. Thus neither a crash nor a retry sends twice.
 */
class EmailOutbox final
{
public:
    explicit EmailOutbox(CompanyFile &file) : m_file(file) {}

    OutboxMessage enqueue(OutboxMessage message, const Clock &clock);
    /// The queued messages, oldest first.
    QList<OutboxMessage> queued() const;
    /// Every message of a document, newest first (the invoice detail's "E-mails").
    QList<OutboxMessage> forDocument(const QString &kind, const QString &documentId) const;
    QList<OutboxMessage> all() const;
    /// Marks a queued message 'sending'; false when it is not queued (another sender has it).
    bool claim(const QString &id);
    void markSent(const QString &id, const Clock &clock);
    /// Back to 'queued' with the error, or 'failed' after `maxAttempts`.
    void markFailed(const QString &id, const QString &error, int maxAttempts = 5);
    /// A message left 'sending' (or 'failed') queued again, audited: the person checked it did not go out.
    void release(const QString &id, const Clock &clock);

    /// Issued invoices that no message has carried yet, in the invoice list's order: a batch never
    /// sends an invoice twice. One statement, so it stays quick on a file of a million invoices.
    static QStringList issuedInvoicesNotEmailed(const Database &db);
    /// How many issued invoices no message has carried yet, and how many messages wait queued;
    /// counted in SQL (the window shows them while the user decides).
    struct Pending {
        qint64 invoicesNotEmailed = 0;
        qint64 queuedMessages = 0;
    };
    static Pending pending(const Database &db);

private:
    CompanyFile &m_file;
};

} // namespace orb
