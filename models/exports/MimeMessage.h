// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

/// A file attached to a message.
struct MailAttachment {
    QString fileName;
    QString contentType; ///< "application/pdf"
    QByteArray bytes;
};

/**
 * An e-mail as RFC 5322 / MIME text: headers (non-ASCII words encoded per RFC 2047), a
 * text/plain UTF-8 body (quoted-printable) and attachments (base64), multipart/mixed when
 * there are attachments. Lines end in CRLF, none longer than 998 octets. The same message
 * gives the same bytes (the boundary derives from the Message-ID).
 */
struct MailMessage {
    QString from; ///< "Northwind Billing <billing@example.com>" or an address
    QStringList to;
    QStringList cc;
    QString subject;
    QString body;
    QList<MailAttachment> attachments;
    QString messageId; ///< without angle brackets
    QDateTime date;

    QByteArray toMime() const;
    /// The bare address of "Name <a@b>" or "a@b".
    static QString address(const QString &mailbox);
    /// A unique Message-ID at the sender's domain.
    static QString newMessageId(const QString &from);
};

} // namespace orb
