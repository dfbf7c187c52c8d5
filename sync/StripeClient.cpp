// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeClient.h"

#include "models/sync/StripeSettings.h"
#include "sync/CredentialStore.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace orb {

namespace {

std::once_flag curlInit;

size_t collect(char *data, size_t size, size_t count, void *out)
{
    static_cast<QByteArray *>(out)->append(data, qsizetype(size * count));
    return size * count;
}

struct Headers {
    bool shouldRetrySet = false;
    bool shouldRetry = false;
    bool replayed = false;
};

size_t readHeader(char *data, size_t size, size_t count, void *out)
{
    auto *h = static_cast<Headers *>(out);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "stripe-should-retry") {
            h->shouldRetrySet = true;
            h->shouldRetry = value == "true";
        } else if (name == "idempotent-replayed") {
            h->replayed = value == "true";
        }
    }
    return size * count;
}

StripeError::Kind kindForStatus(int status)
{
    switch (status) {
    case 400:
    case 404: return StripeError::Kind::InvalidRequest;
    case 401: return StripeError::Kind::Authentication;
    case 402: return StripeError::Kind::Card;
    case 403: return StripeError::Kind::Permission;
    case 409: return StripeError::Kind::Idempotency;
    case 429: return StripeError::Kind::RateLimit;
    default: return status >= 500 ? StripeError::Kind::Api : StripeError::Kind::InvalidRequest;
    }
}

} // namespace

QString StripeError::describe() const
{
    QString what;
    switch (kind) {
    case Kind::None: return {};
    case Kind::Network: return QStringLiteral("Stripe could not be reached after %1 attempt(s): %2").arg(attempts).arg(message);
    case Kind::Authentication: what = QStringLiteral("Stripe did not accept the API key"); break;
    case Kind::Permission: what = QStringLiteral("the API key may not do this"); break;
    case Kind::InvalidRequest: what = QStringLiteral("Stripe refused the request"); break;
    case Kind::Card: what = QStringLiteral("the payment was declined"); break;
    case Kind::Idempotency: what = QStringLiteral("Stripe refused the idempotency key"); break;
    case Kind::RateLimit: what = QStringLiteral("Stripe's rate limit held after %1 attempt(s)").arg(attempts); break;
    case Kind::Api: what = QStringLiteral("Stripe failed after %1 attempt(s)").arg(attempts); break;
    }
    QString detail = QString::number(status);
    if (!code.isEmpty())
        detail += QLatin1Char(' ') + code;
    if (!param.isEmpty())
        detail += QStringLiteral(", param ") + param;
    return QStringLiteral("%1 (%2): %3").arg(what, detail, message.isEmpty() ? type : message);
}

int RetryPolicy::delayMs(int retry, quint32 random) const
{
    qint64 d = initialDelayMs;
    for (int i = 1; i < retry && d < maxDelayMs; ++i)
        d *= 2;
    d = std::min<qint64>(d, maxDelayMs);
    const qint64 half = d / 2;
    return int(half + (half > 0 ? qint64(random % quint32(half + 1)) : 0));
}

StripeClient::StripeClient(QString baseUrl, QString apiKey, Sleeper *sleeper, RetryPolicy policy)
    : m_baseUrl(std::move(baseUrl)), m_apiKey(std::move(apiKey)), m_sleeper(sleeper), m_policy(policy)
{
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
    if (!m_sleeper) {
        m_ownSleeper = std::make_unique<ThreadSleeper>();
        m_sleeper = m_ownSleeper.get();
    }
    std::call_once(curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_curl = curl_easy_init();
}

StripeClient::~StripeClient()
{
    if (m_curl)
        curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

StripeResult StripeClient::get(const QString &path, const FormParams &query)
{
    const QByteArray q = query.encode();
    return send("GET", q.isEmpty() ? path : path + QLatin1Char('?') + QString::fromLatin1(q), {}, {});
}

StripeResult StripeClient::post(const QString &path, const FormParams &params, const QString &idempotencyKey)
{
    return send("POST", path, params.encode(), idempotencyKey);
}

StripeResult StripeClient::del(const QString &path, const QString &idempotencyKey)
{
    return send("DELETE", path, {}, idempotencyKey);
}

StripeResult StripeClient::send(const QByteArray &method, const QString &path, const QByteArray &body, const QString &idempotencyKey)
{
    const QString url = m_baseUrl + path;
    StripeResult result;
    if (const QString rule = StripeSettings::checkApiBase(m_baseUrl); !rule.isEmpty()) {
        // The key goes to Stripe or to this machine only, whatever a company file says.
        result.error.kind = StripeError::Kind::InvalidRequest;
        result.error.message = QStringLiteral("the Stripe API base %1 %2").arg(m_baseUrl, rule);
        return result;
    }
    for (int attempt = 1;; ++attempt) {
        result = sendOnce(method, url, body, idempotencyKey);
        result.response.attempts = attempt;
        result.error.attempts = attempt;
        if (result.ok() || !result.error.retryable || attempt >= m_policy.maxAttempts)
            return result;
        const int wait = m_policy.delayMs(attempt, QRandomGenerator::global()->generate());
        if (m_observer)
            m_observer(attempt, wait, result.error);
        m_sleeper->sleepMs(wait);
    }
}

StripeResult StripeClient::sendOnce(const QByteArray &method, const QString &url, const QByteArray &body, const QString &idempotencyKey)
{
    CURL *curl = static_cast<CURL *>(m_curl);
    curl_easy_reset(curl);
    QByteArray responseBody;
    Headers headers;
    char errorBuffer[CURL_ERROR_SIZE] = {0};
    const QByteArray urlBytes = url.toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
    if (method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    curl_slist *list = nullptr;
    // The key goes in a header built here and freed below; never in a URL or a message.
    const QByteArray auth = "Authorization: Bearer " + m_apiKey.toUtf8();
    list = curl_slist_append(list, auth.constData());
    list = curl_slist_append(list, "Stripe-Version: 2023-08-16");
    list = curl_slist_append(list, "Content-Type: application/x-www-form-urlencoded");
    list = curl_slist_append(list, "Accept: application/json");
    list = curl_slist_append(list, "Expect:");
    const QByteArray keyHeader = "Idempotency-Key: " + idempotencyKey.toUtf8();
    if (!idempotencyKey.isEmpty())
        list = curl_slist_append(list, keyHeader.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Orb/" ORB_VERSION_STRING);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &responseBody);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, readHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headers);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(m_timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(list);

    StripeResult result;
    if (rc != CURLE_OK) {
        result.error.kind = StripeError::Kind::Network;
        result.error.message = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc));
        result.error.retryable = true;
        return result;
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(responseBody, &parseError);
    if (status >= 200 && status < 300) {
        if (!doc.isObject()) {
            result.error.kind = StripeError::Kind::Api;
            result.error.status = int(status);
            result.error.message = QStringLiteral("the answer is not a JSON object (%1)").arg(parseError.errorString());
            result.error.retryable = true;
            return result;
        }
        result.response.status = int(status);
        result.response.json = doc.object();
        result.response.replayed = headers.replayed;
        return result;
    }
    const QJsonObject error = doc.object().value(QLatin1String("error")).toObject();
    result.error.kind = kindForStatus(int(status));
    result.error.status = int(status);
    result.error.type = error.value(QLatin1String("type")).toString();
    result.error.code = error.value(QLatin1String("code")).toString();
    result.error.param = error.value(QLatin1String("param")).toString();
    result.error.message = error.value(QLatin1String("message")).toString();
    if (result.error.message.isEmpty())
        result.error.message = QStringLiteral("HTTP %1 without a Stripe error body").arg(status);
    if (result.error.type == QLatin1String("idempotency_error") && status != 409)
        result.error.kind = StripeError::Kind::Idempotency;
    // Stripe's own verdict wins; without one, the status decides.
    if (headers.shouldRetrySet)
        result.error.retryable = headers.shouldRetry;
    else
        result.error.retryable = status == 409 || status == 429 || status >= 500;
    return result;
}

QString StripeClient::keyMode() const
{
    return stripeKeyMode(m_apiKey);
}

} // namespace orb
