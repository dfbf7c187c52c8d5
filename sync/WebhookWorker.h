// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/WebhookSecretStore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace orb {

class CompanyFile;
class WebhookService;

/**
 * Delivers Orb's webhooks from the company's outbox (WebhookService), on the thread that owns
 * it, without blocking it: each delivery is an asynchronous POST of the stored body with
 * X-Orb-Timestamp (ISO 8601 UTC, the wall clock) and X-Orb-Signature
 * (`v1=` hex HMAC-SHA256 of "v1:{timestamp}:{body}" keyed with the endpoint's secret), the
 * check Orb's SDKs make. Each answer is recorded as an attempt; failures are retried by the
 * outbox's backoff. An outbox item stays pending until an answer is recorded, so a crash
 * means a second delivery of the same event id, never a lost one.
 */
class WebhookWorker final : public QObject
{
    Q_OBJECT

public:
    WebhookWorker(CompanyFile &company, QObject *parent = nullptr);
    ~WebhookWorker() override;

    /// Moves signing secrets an older version left in the company file to the keychain, then
    /// looks for due deliveries every `intervalMs`.
    void start(int intervalMs = 500);
    /// Why secrets stayed in the company file at start (empty when none did): for the user.
    QString secretWarning() const { return m_secretWarning; }
    /// One look: sends what is due (at most the in-flight limit).
    void poll();

    static QByteArray signature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

signals:
    void attempted(const QString &deliveryId, int httpStatus);

private:
    CompanyFile &m_company;
    std::unique_ptr<WebhookService> m_service;
    QNetworkAccessManager *m_network;
    QTimer *m_timer;
    QSet<QString> m_inFlight;
    WebhookSecretStore m_secrets;
    QHash<QString, QByteArray> m_secretCache; ///< by endpoint id: one keychain read per endpoint
    QString m_secretWarning;
};

} // namespace orb
