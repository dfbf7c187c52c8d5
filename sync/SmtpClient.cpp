// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SmtpClient.h"

#include <QHostAddress>

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace orb {

namespace {

struct Upload {
    const QByteArray *data;
    qsizetype offset = 0;
};

size_t readChunk(char *buffer, size_t size, size_t count, void *user)
{
    auto *u = static_cast<Upload *>(user);
    const size_t room = size * count;
    const size_t left = size_t(u->data->size() - u->offset);
    const size_t n = std::min(room, left);
    std::memcpy(buffer, u->data->constData() + u->offset, n);
    u->offset += qsizetype(n);
    return n;
}

bool isLoopback(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

} // namespace

QString SmtpClient::checkUrl(const QUrl &url)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("smtp") && url.scheme() != QLatin1String("smtps")) || url.host().isEmpty())
        return QStringLiteral("must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT (TLS), such as smtp://mail.example.com:587");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("must not hold a user or password (email.username, and the password in the keychain)");
    return {};
}

QString SmtpClient::send(const QString &from, const QStringList &recipients, const QByteArray &mime) const
{
    const QString bad = checkUrl(m_settings.url);
    if (!bad.isEmpty())
        return QStringLiteral("email.smtp_url %1").arg(bad);
    if (recipients.isEmpty())
        return QStringLiteral("no recipient");
    CURL *curl = curl_easy_init();
    if (!curl)
        return QStringLiteral("libcurl could not start");
    char errorBuffer[CURL_ERROR_SIZE] = {0};
    const QByteArray url = m_settings.url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toUtf8();
    const QByteArray mailFrom = "<" + from.toUtf8() + ">";
    const QByteArray user = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    curl_slist *rcpt = nullptr;
    for (const QString &r : recipients)
        rcpt = curl_slist_append(rcpt, QByteArray("<" + r.toUtf8() + ">").constData());
    Upload upload{&mime};
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mailFrom.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &readChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(m_settings.timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // A password never crosses the network in the clear: STARTTLS is required for smtp:// except
    // to this machine itself.
    if (m_settings.url.scheme() == QLatin1String("smtp"))
        curl_easy_setopt(curl, CURLOPT_USE_SSL, isLoopback(m_settings.url.host()) ? long(CURLUSESSL_TRY) : long(CURLUSESSL_ALL));
    if (!m_settings.username.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode rc = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK)
        return {};
    QString message = QString::fromUtf8(errorBuffer).trimmed();
    if (message.isEmpty())
        message = QString::fromUtf8(curl_easy_strerror(rc));
    if (response > 0)
        message += QStringLiteral(" (server answered %1)").arg(response);
    return QStringLiteral("%1: %2").arg(m_settings.url.toString(QUrl::RemovePath), message);
}

} // namespace orb
