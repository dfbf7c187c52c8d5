// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/EmailOutbox.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace orb {

namespace {

const QString kSelect = QStringLiteral("SELECT id, document_kind, document_id, document_ref, customer_id, recipients, subject, message_id, mime, "
                                       "status, attempts, last_error, queued_at, sent_at FROM email_messages ");

OutboxMessage fromRow(const QSqlQuery &q)
{
    OutboxMessage m;
    m.id = q.value(0).toString();
    m.documentKind = q.value(1).toString();
    m.documentId = q.value(2).toString();
    m.documentRef = q.value(3).toString();
    m.customerId = q.value(4).toString();
    m.recipients = q.value(5).toString();
    m.subject = q.value(6).toString();
    m.messageId = q.value(7).toString();
    m.mime = q.value(8).toByteArray();
    m.status = q.value(9).toString();
    m.attempts = q.value(10).toInt();
    m.lastError = q.value(11).toString();
    m.queuedAt = fromIsoUtc(q.value(12).toString());
    m.sentAt = fromIsoUtc(q.value(13).toString());
    return m;
}

QJsonObject auditJson(const OutboxMessage &m)
{
    return {{QStringLiteral("email_id"), m.id},
            {QStringLiteral("message_id"), m.messageId},
            {QStringLiteral("recipients"), m.recipients},
            {QStringLiteral("subject"), m.subject},
            {QStringLiteral("document"), m.documentRef}};
}

} // namespace

OutboxMessage EmailOutbox::enqueue(OutboxMessage m, const Clock &clock)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was queued").arg(m_file.path()));
    m.id = newId();
    m.status = QStringLiteral("queued");
    m.attempts = 0;
    m.queuedAt = clock.now();
    UnitOfWork uow(m_file.db());
    m_file.db().exec(QStringLiteral("INSERT INTO email_messages (id, document_kind, document_id, document_ref, customer_id, recipients, subject, "
                                    "message_id, mime, status, attempts, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)"),
                     {m.id, m.documentKind, m.documentId, m.documentRef, m.customerId, m.recipients, m.subject, m.messageId, m.mime, toIsoUtc(m.queuedAt)});
    AuditLog(m_file.db()).append(m.queuedAt, m.documentKind + QStringLiteral(".email_queued"), m.documentKind, m.documentId, std::nullopt, auditJson(m));
    uow.commit();
    return m;
}

QList<OutboxMessage> EmailOutbox::queued() const
{
    QList<OutboxMessage> out;
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("WHERE status = 'queued' ORDER BY queued_at, id"));
    while (q.next())
        out.append(fromRow(q));
    return out;
}

QList<OutboxMessage> EmailOutbox::forDocument(const QString &kind, const QString &documentId) const
{
    QList<OutboxMessage> out;
    QSqlQuery q =
        m_file.db().exec(kSelect + QStringLiteral("WHERE document_kind = ? AND document_id = ? ORDER BY queued_at DESC, id DESC"), {kind, documentId});
    while (q.next())
        out.append(fromRow(q));
    return out;
}

namespace {
const QString kNotEmailed = QStringLiteral("FROM invoices i WHERE i.status = 'issued' AND NOT EXISTS (SELECT 1 FROM email_messages m "
                                           "WHERE m.document_kind = 'invoice' AND m.document_id = i.id) ");
} // namespace

QStringList EmailOutbox::issuedInvoicesNotEmailed(const Database &db)
{
    QStringList ids;
    QSqlQuery q = db.exec(QStringLiteral("SELECT i.id ") + kNotEmailed + QStringLiteral("ORDER BY i.invoice_date, i.created_at, i.id"));
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

EmailOutbox::Pending EmailOutbox::pending(const Database &db)
{
    Pending p;
    QSqlQuery q =
        db.exec(QStringLiteral("SELECT (SELECT COUNT(*) ") + kNotEmailed + QStringLiteral("), (SELECT COUNT(*) FROM email_messages WHERE status = 'queued')"));
    if (q.next()) {
        p.invoicesNotEmailed = q.value(0).toLongLong();
        p.queuedMessages = q.value(1).toLongLong();
    }
    return p;
}

QList<OutboxMessage> EmailOutbox::all() const
{
    QList<OutboxMessage> out;
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("ORDER BY queued_at, id"));
    while (q.next())
        out.append(fromRow(q));
    return out;
}

bool EmailOutbox::claim(const QString &id)
{
    UnitOfWork uow(m_file.db());
    QSqlQuery q =
        m_file.db().exec(QStringLiteral("UPDATE email_messages SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'"), {id});
    const bool claimed = q.numRowsAffected() == 1;
    uow.commit();
    return claimed;
}

void EmailOutbox::markSent(const QString &id, const Clock &clock)
{
    UnitOfWork uow(m_file.db());
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("WHERE id = ?"), {id});
    if (!q.next())
        throw ServiceError::notFound(QStringLiteral("no e-mail %1 in the outbox").arg(id));
    const OutboxMessage m = fromRow(q);
    const QDateTime now = clock.now();
    m_file.db().exec(QStringLiteral("UPDATE email_messages SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?"), {toIsoUtc(now), id});
    // The document records that it went out: its audit trail has the message.
    AuditLog(m_file.db()).append(now, m.documentKind + QStringLiteral(".emailed"), m.documentKind, m.documentId, std::nullopt, auditJson(m));
    uow.commit();
}

void EmailOutbox::markFailed(const QString &id, const QString &error, int maxAttempts)
{
    UnitOfWork uow(m_file.db());
    m_file.db().exec(QStringLiteral("UPDATE email_messages SET status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END, last_error = ? "
                                    "WHERE id = ? AND status = 'sending'"),
                     {maxAttempts, error, id});
    uow.commit();
}

void EmailOutbox::release(const QString &id, const Clock &clock)
{
    UnitOfWork uow(m_file.db());
    QSqlQuery q = m_file.db().exec(kSelect + QStringLiteral("WHERE id = ?"), {id});
    if (!q.next())
        throw ServiceError::notFound(QStringLiteral("no e-mail %1 in the outbox").arg(id));
    const OutboxMessage m = fromRow(q);
    if (m.status != QLatin1String("sending") && m.status != QLatin1String("failed"))
        throw ServiceError::conflict(QStringLiteral("e-mail %1 is %2; only an interrupted or failed message is released").arg(id, m.status));
    m_file.db().exec(QStringLiteral("UPDATE email_messages SET status = 'queued', attempts = 0 WHERE id = ?"), {id});
    AuditLog(m_file.db()).append(clock.now(), m.documentKind + QStringLiteral(".email_released"), m.documentKind, m.documentId, std::nullopt, auditJson(m));
    uow.commit();
}

} // namespace orb
