// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SmtpClient.h"

#include <atomic>
#include <functional>

namespace orb {

class Clock;
class CompanyFile;

/// What a send run did.
struct SmtpSendReport {
    int sent = 0;
    int failed = 0;
    QStringList errors; ///< "INV-000042: ... (server answered 535)"
    bool stopped = false;
};

/**
 * Drains a company's e-mail outbox through one SMTP server: each queued message is claimed,
 * sent and marked sent (or queued again with the error). `stop` is checked between messages, so
 * Stop never cuts a message in half. Runs on the calling thread with its own connection to the
 * company file (the command line, or a worker thread of the window).
 */
class SmtpSender final
{
public:
    SmtpSender(CompanyFile &file, const Clock &clock, SmtpSettings settings, QString from);

    /// `only`: message ids to send (empty: every queued one). `progress(done, total)`.
    SmtpSendReport run(const QStringList &only = {}, const std::function<void(int, int)> &progress = {}, const std::atomic<bool> *stop = nullptr);

    /// The settings of a company: email.smtp_url, email.username, and the password from
    /// ORB_SMTP_PASSWORD or the keychain. Throws ServiceError naming what is missing.
    static SmtpSettings settingsFor(CompanyFile &file);
    /// The keychain account of the SMTP password.
    static QString keychainAccount() { return QStringLiteral("smtp-password"); }

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    SmtpClient m_client;
    QString m_from;
};

} // namespace orb
