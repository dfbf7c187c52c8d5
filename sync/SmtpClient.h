// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace orb {

/// Where and as whom mail is sent: email.smtp_url, email.username and the password.
struct SmtpSettings {
    QUrl url;         ///< smtps://host:465 (TLS from the start) or smtp://host:587 (STARTTLS)
    QString username; ///< empty: no login
    QString password;
    int timeoutSeconds = 60;
};

/**
 * Sends one MIME message through an SMTP server with libcurl. smtps:// speaks TLS from the
 * first byte; smtp:// must upgrade with STARTTLS, except to a server on this machine (a local
 * relay or a test sink), where plain SMTP is allowed. The envelope sender is the From address,
 * the recipients To and Cc. Blocking: call it from a worker thread or the command line.
 */
class SmtpClient final
{
public:
    explicit SmtpClient(SmtpSettings settings) : m_settings(std::move(settings)) {}

    /// Returns the error (the server's answer when it gave one), empty on success.
    QString send(const QString &from, const QStringList &recipients, const QByteArray &mime) const;

    /// Checks the URL: smtp or smtps, a host; the rule broken, empty when fine.
    static QString checkUrl(const QUrl &url);

private:
    SmtpSettings m_settings;
};

} // namespace orb
