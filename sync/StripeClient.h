// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/FormParams.h"
#include "sync/Sleeper.h"
#include "sync/StripeError.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

namespace orb {

/// When and how often a failed request is sent again.
struct RetryPolicy {
    int maxAttempts = 6; ///< requests in all, the first included
    int initialDelayMs = 500;
    int maxDelayMs = 8000;
    /// The wait before retry n (1-based): initial × 2^(n−1), capped, then jittered to a
    /// random point in [half, whole] so that many clients do not retry in step.
    int delayMs(int retry, quint32 random) const;
};

/// A successful answer.
struct StripeResponse {
    int status = 0;
    QJsonObject json;
    bool replayed = false; ///< Stripe answered from its idempotency store
    int attempts = 0;
};

/// One request's outcome: either a response or an error.
struct StripeResult {
    StripeResponse response;
    StripeError error;
    bool ok() const { return !error.isError(); }
};

/**
 * Stripe's API over libcurl, pinned to Stripe-Version 2023-08-16: form-encoded requests with
 * Bearer authentication, a deterministic Idempotency-Key on every POST (the same on every
 * retry), and retries with exponential backoff and jitter for network errors, 409, 429, 5xx
 * and any answer carrying `Stripe-Should-Retry: true` (never when it says false). Any other
 * error is returned at once. The key is held in memory only and never appears in a message.
 * One client per thread; calls block.
 */
class StripeClient final
{
public:
    static inline const QString ApiVersion = QStringLiteral("2023-08-16");

    StripeClient(QString baseUrl, QString apiKey, Sleeper *sleeper = nullptr, RetryPolicy policy = {});
    ~StripeClient();
    StripeClient(const StripeClient &) = delete;
    StripeClient &operator=(const StripeClient &) = delete;

    StripeResult get(const QString &path, const FormParams &query = {});
    StripeResult post(const QString &path, const FormParams &params, const QString &idempotencyKey);
    StripeResult del(const QString &path, const QString &idempotencyKey = {});

    /// Seconds before a request is abandoned (and retried); 60 by default.
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = seconds; }
    /// Called before each retry with the attempt number, the wait and the reason (for logs).
    void setRetryObserver(std::function<void(int attempt, int delayMs, const StripeError &)> observer) { m_observer = std::move(observer); }
    const QString &baseUrl() const { return m_baseUrl; }
    /// "live" or "test" from the key's prefix, empty when it says neither.
    QString keyMode() const;

private:
    StripeResult send(const QByteArray &method, const QString &path, const QByteArray &body, const QString &idempotencyKey);
    StripeResult sendOnce(const QByteArray &method, const QString &url, const QByteArray &body, const QString &idempotencyKey);

    QString m_baseUrl;
    QString m_apiKey;
    Sleeper *m_sleeper;
    std::unique_ptr<Sleeper> m_ownSleeper;
    RetryPolicy m_policy;
    int m_timeoutSeconds = 60;
    void *m_curl = nullptr;
    std::function<void(int, int, const StripeError &)> m_observer;
};

} // namespace orb
