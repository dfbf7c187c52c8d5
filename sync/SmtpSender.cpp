// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SmtpSender.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/exports/EmailOutbox.h"
#include "models/exports/MimeMessage.h"
#include "sync/CredentialStore.h"

namespace orb {

SmtpSender::SmtpSender(CompanyFile &file, const Clock &clock, SmtpSettings settings, QString from)
    : m_file(file), m_clock(clock), m_client(std::move(settings)), m_from(std::move(from))
{
}

SmtpSettings SmtpSender::settingsFor(CompanyFile &file)
{
    SmtpSettings s;
    const QString url = file.setting(QStringLiteral("email.smtp_url"));
    if (url.isEmpty())
        throw ServiceError::invalid(QStringLiteral("no SMTP server: orbctl settings set email.smtp_url smtp://HOST:587 (or smtps://HOST:465)"));
    s.url = QUrl(url);
    const QString bad = SmtpClient::checkUrl(s.url);
    if (!bad.isEmpty())
        throw ServiceError::invalid(QStringLiteral("setting email.smtp_url: %1").arg(bad));
    s.username = file.setting(QStringLiteral("email.username"));
    if (!s.username.isEmpty()) {
        s.password = qEnvironmentVariable("ORB_SMTP_PASSWORD");
        if (s.password.isEmpty()) {
            QString error;
            const auto stored = CredentialStore(CredentialStore::serviceForCompanyFile(file.path())).read(keychainAccount(), &error);
            if (!error.isEmpty())
                throw ServiceError::storage(QStringLiteral("the SMTP password could not be read from the keychain: %1").arg(error));
            if (!stored)
                throw ServiceError::invalid(
                    QStringLiteral("no SMTP password for %1: orbctl email set-password (standard input), or ORB_SMTP_PASSWORD").arg(s.username));
            s.password = *stored;
        }
    }
    return s;
}

SmtpSendReport SmtpSender::run(const QStringList &only, const std::function<void(int, int)> &progress, const std::atomic<bool> *stop)
{
    EmailOutbox outbox(m_file);
    QList<OutboxMessage> todo;
    for (const OutboxMessage &m : outbox.queued())
        if (only.isEmpty() || only.contains(m.id))
            todo.append(m);
    SmtpSendReport report;
    const int total = int(todo.size());
    if (progress)
        progress(0, total);
    for (int i = 0; i < total; ++i) {
        if (stop && stop->load()) {
            report.stopped = true;
            break;
        }
        const OutboxMessage &m = todo.at(i);
        if (!outbox.claim(m.id))
            continue; // another sender has it
        QStringList recipients;
        for (const QString &r : m.recipients.split(QLatin1Char(','), Qt::SkipEmptyParts))
            recipients << MailMessage::address(r);
        const QString error = m_client.send(MailMessage::address(m_from), recipients, m.mime);
        if (error.isEmpty()) {
            outbox.markSent(m.id, m_clock);
            ++report.sent;
        } else {
            outbox.markFailed(m.id, error);
            ++report.failed;
            report.errors << QStringLiteral("%1: %2").arg(m.documentRef, error);
        }
        if (progress)
            progress(i + 1, total);
    }
    return report;
}

} // namespace orb
