// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace orb {

class Clock;
class CompanyFile;
class Database;

struct WebhookEndpoint {
    QString id;
    QString url;
    QStringList events; ///< empty: every event type
    QDateTime createdAt;
    QDateTime disabledAt;
    int pending = 0, delivered = 0, failed = 0; ///< its deliveries

    bool isDisabled() const { return disabledAt.isValid(); }
    /// Never the secret.
    QJsonObject toJson() const;
};

struct NewWebhookEndpoint {
    WebhookEndpoint endpoint;
    QString secret; ///< shown once by the caller
};

/// One delivery that is due: what to send where, signed with which secret.
struct DueWebhookDelivery {
    QString deliveryId;
    QString eventId;
    QString endpointId;
    QString url;
    QString secret;                ///< only for an endpoint made before secrets moved to the keychain
    bool secretInKeychain = false; ///< the secret is in the keychain, under endpointId
    QByteArray body;
    int attempts = 0;
};

/// One attempt of a delivery, as the endpoint's log shows it.
struct WebhookAttempt {
    QString deliveryId;
    QString eventId;
    QString eventType;
    int attempt = 0;
    QDateTime at;
    int status = 0; ///< HTTP status, 0 when no answer came
    QString error;
    QString state;           ///< the delivery's state now
    QDateTime nextAttemptAt; ///< when a pending delivery is tried again; invalid once settled
    QJsonObject toJson() const;
};

/**
 * Webhooks as Orb sends them: endpoints (create, list, disable, delete), the events announced
 * by business actions, and their deliveries with retries. An event is recorded by the audit
 * trail's append() in the transaction of the change it announces, so it exists exactly when
 * the change does and is delivered at least once, with a stable event id, across crashes.
 */
class WebhookService final
{
public:
    WebhookService(CompanyFile &file, const Clock &clock);

    /// Orb's event types this company sends.
    static const QStringList &eventTypes();
    /// https:// anywhere; http:// only to a loopback host. Empty when acceptable, else why not.
    static QString urlProblem(const QString &url);

    /// Keeps an endpoint's signing secret outside the company file (the system keychain):
    /// returns an error message, empty on success.
    using SecretKeeper = std::function<QString(const QString &endpointId, const QString &secret)>;

    /// Makes an endpoint and its signing secret, which `keep` stores (the company file never
    /// holds it); when `keep` fails, nothing is made.
    NewWebhookEndpoint create(const QString &url, const QStringList &events, const SecretKeeper &keep);
    /// Endpoints whose secret is still in the company file (made before version 0025), with it.
    QList<QPair<QString, QString>> secretsInCompanyFile() const;
    /// Blanks the secret in the company file of an endpoint whose secret is now in the keychain.
    void secretMovedToKeychain(const QString &id);
    QList<WebhookEndpoint> list() const;
    WebhookEndpoint disable(const QString &id);
    /// Delivers to a disabled endpoint again: its waiting deliveries go out, and new events
    /// reach it from now on (those announced while it was disabled do not).
    WebhookEndpoint enable(const QString &id);
    /// Deletes the endpoint with its deliveries and their log.
    void remove(const QString &id);
    /// The endpoint's delivery log, newest first.
    QList<WebhookAttempt> log(const QString &id, int limit = 100) const;

    /// Deliveries due at `now` (to enabled endpoints), oldest first.
    QList<DueWebhookDelivery> due(const QDateTime &now, int limit) const;
    /// Records an attempt: a 2xx answer delivers; anything else is retried with exponential
    /// backoff (from 1 s, doubling, at most an hour apart) until kMaxAttempts, then failed.
    void recordAttempt(const QString &deliveryId, int httpStatus, const QString &error, const QDateTime &now);

    static constexpr int kMaxAttempts = 12;

    /// Called by AuditLog::append inside the change's transaction: records Orb's event for an
    /// audited action, with a delivery for each enabled endpoint that wants it.
    static void recordForAudit(const Database &db, const QDateTime &at, const QString &action, const QString &objectType, const QString &objectId,
                               const std::optional<QJsonObject> &after);

private:
    WebhookEndpoint endpoint(const QString &id) const;
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
