// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/WebhookWorker.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/api/WebhookService.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace orb {

namespace {

// Deliveries run on the wall clock whatever clock the company's actions use: receivers check
// X-Orb-Timestamp against their own time.
const SystemClock &wallClock()
{
    static const SystemClock clock;
    return clock;
}

constexpr int kMaxInFlight = 8;
constexpr int kTimeoutMs = 15000;

} // namespace

WebhookWorker::WebhookWorker(CompanyFile &company, QObject *parent)
    : QObject(parent), m_company(company), m_service(std::make_unique<WebhookService>(company, wallClock())), m_network(new QNetworkAccessManager(this)),
      m_timer(new QTimer(this)), m_secrets(company.path())
{
    connect(m_timer, &QTimer::timeout, this, &WebhookWorker::poll);
}

WebhookWorker::~WebhookWorker() = default;

void WebhookWorker::start(int intervalMs)
{
    try {
        m_secretWarning = m_secrets.moveOutOfCompanyFile(m_company, wallClock());
    } catch (const std::exception &e) {
        m_secretWarning = QString::fromUtf8(e.what());
    }
    m_timer->start(intervalMs);
}

QByteArray WebhookWorker::signature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return "v1=" + QMessageAuthenticationCode::hash("v1:" + timestamp + ":" + body, secret, QCryptographicHash::Sha256).toHex();
}

void WebhookWorker::poll()
{
    if (m_inFlight.size() >= kMaxInFlight)
        return;
    QList<DueWebhookDelivery> due;
    try {
        due = m_service->due(wallClock().now(), kMaxInFlight);
    } catch (const std::exception &) {
        return; // the file is busy: the next look finds the same deliveries
    }
    for (const DueWebhookDelivery &d : std::as_const(due)) {
        if (m_inFlight.contains(d.deliveryId) || m_inFlight.size() >= kMaxInFlight)
            continue;
        QByteArray secret = d.secret.toUtf8();
        if (d.secretInKeychain) {
            auto cached = m_secretCache.constFind(d.endpointId);
            if (cached == m_secretCache.constEnd()) {
                QString error;
                const auto stored = m_secrets.load(d.endpointId, &error);
                if (!stored) {
                    // Never sent unsigned: the attempt is recorded with why, and retried later.
                    const QString why =
                        error.isEmpty()
                            ? QStringLiteral("the signing secret of webhook endpoint %1 is not in this computer's keychain; nothing was sent").arg(d.endpointId)
                            : QStringLiteral("the signing secret of webhook endpoint %1 could not be read from the system keychain (%2); nothing was sent")
                                  .arg(d.endpointId, error);
                    try {
                        m_service->recordAttempt(d.deliveryId, 0, why, wallClock().now());
                    } catch (const std::exception &) {
                    }
                    continue;
                }
                cached = m_secretCache.insert(d.endpointId, stored->toUtf8());
            }
            secret = *cached;
        }
        QNetworkRequest request{QUrl(d.url)};
        const QByteArray timestamp = wallClock().now().toString(Qt::ISODateWithMs).toLatin1();
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Orb-Timestamp", timestamp);
        request.setRawHeader("X-Orb-Signature", signature(secret, timestamp, d.body));
        request.setTransferTimeout(kTimeoutMs);
        // A redirect could carry the signed body elsewhere; Orb does not follow them either.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        m_inFlight.insert(d.deliveryId);
        QNetworkReply *reply = m_network->post(request, d.body);
        const QString id = d.deliveryId;
        connect(reply, &QNetworkReply::finished, this, [this, reply, id] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString error = reply->error() == QNetworkReply::NoError || status ? QString() : reply->errorString();
            try {
                m_service->recordAttempt(id, status, status && (status < 200 || status >= 300) ? QStringLiteral("HTTP %1").arg(status) : error,
                                         wallClock().now());
            } catch (const std::exception &) {
                // Not recorded: the delivery stays pending and is sent again (at least once).
            }
            m_inFlight.remove(id);
            emit attempted(id, status);
        });
    }
}

} // namespace orb
