// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/MimeMessage.h"

#include "models/Ids.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QRegularExpression>

namespace orb {

namespace {

bool isAscii(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() > 126 || (c.unicode() < 32 && c != QLatin1Char('\t')))
            return false;
    return true;
}

/// RFC 2047 encoded-words (base64, UTF-8), split so that no word passes 75 characters.
QByteArray encodeWords(const QString &text)
{
    if (isAscii(text))
        return text.toUtf8();
    QByteArray out;
    QString chunk;
    auto flush = [&] {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=";
        chunk.clear();
    };
    for (const QChar c : text) {
        // 45 bytes of UTF-8 are 60 base64 characters: with the 12 of the wrapper, under 75.
        if ((chunk + c).toUtf8().size() > 45 && !c.isLowSurrogate())
            flush();
        chunk += c;
    }
    flush();
    return out;
}

QByteArray mailbox(const QString &m)
{
    const qsizetype lt = m.indexOf(QLatin1Char('<'));
    if (lt <= 0)
        return m.trimmed().toUtf8();
    QString name = m.left(lt).trimmed();
    if (name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')) && name.size() >= 2)
        name = name.mid(1, name.size() - 2);
    const QByteArray encoded = isAscii(name) ? "\"" + name.toUtf8().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : encodeWords(name);
    return encoded + " <" + MailMessage::address(m).toUtf8() + ">";
}

QByteArray quotedPrintable(const QByteArray &in)
{
    QByteArray out;
    int lineLength = 0;
    auto put = [&](const QByteArray &piece) {
        if (lineLength + piece.size() > 75) {
            out += "=\r\n";
            lineLength = 0;
        }
        out += piece;
        lineLength += int(piece.size());
    };
    for (qsizetype i = 0; i < in.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(in.at(i));
        if (c == '\n') {
            out += "\r\n";
            lineLength = 0;
            continue;
        }
        if (c == '\r')
            continue;
        const bool lineEndsHere = i + 1 >= in.size() || in.at(i + 1) == '\n';
        if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEndsHere))
            put(QByteArray(1, char(c)));
        else
            put("=" + QByteArray::number(c, 16).toUpper().rightJustified(2, '0'));
    }
    return out;
}

QByteArray base64Lines(const QByteArray &bytes)
{
    const QByteArray b64 = bytes.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

QByteArray rfc5322Date(const QDateTime &d)
{
    return QLocale::c().toString(d.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
}

} // namespace

QString MailMessage::address(const QString &m)
{
    const qsizetype lt = m.indexOf(QLatin1Char('<'));
    const qsizetype gt = m.indexOf(QLatin1Char('>'), lt);
    return (lt >= 0 && gt > lt ? m.mid(lt + 1, gt - lt - 1) : m).trimmed();
}

QString MailMessage::newMessageId(const QString &from)
{
    const QString addr = address(from);
    const QString domain = addr.contains(QLatin1Char('@')) ? addr.section(QLatin1Char('@'), -1) : QStringLiteral("orb.invalid");
    return QStringLiteral("%1.orb@%2").arg(newId(), domain);
}

QByteArray MailMessage::toMime() const
{
    QByteArray h;
    h += "Date: " + rfc5322Date(date) + "\r\n";
    h += "From: " + mailbox(from) + "\r\n";
    QList<QByteArray> tos;
    for (const QString &t : to)
        tos << mailbox(t);
    h += "To: " + tos.join(",\r\n ") + "\r\n";
    if (!cc.isEmpty()) {
        QList<QByteArray> ccs;
        for (const QString &c : cc)
            ccs << mailbox(c);
        h += "Cc: " + ccs.join(",\r\n ") + "\r\n";
    }
    h += "Subject: " + encodeWords(subject) + "\r\n";
    h += "Message-ID: <" + messageId.toUtf8() + ">\r\n";
    h += "MIME-Version: 1.0\r\n";
    const QByteArray text =
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(body.toUtf8()) + "\r\n";
    if (attachments.isEmpty())
        return h + text;
    const QByteArray boundary = "=_orb_" + QCryptographicHash::hash(messageId.toUtf8(), QCryptographicHash::Sha1).toHex().left(24);
    QByteArray out = h + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\nThis is a message in MIME format.\r\n";
    out += "--" + boundary + "\r\n" + text;
    for (const MailAttachment &a : attachments) {
        const QByteArray name = encodeWords(a.fileName);
        out += "--" + boundary + "\r\n";
        out += "Content-Type: " + a.contentType.toUtf8() + "; name=\"" + name + "\"\r\n";
        out += "Content-Transfer-Encoding: base64\r\n";
        out += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n";
        out += base64Lines(a.bytes);
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace orb
