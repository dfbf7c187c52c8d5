// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/WebhookService.h"

#include "models/api/ApiDates.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"
#include "models/storage/ServerSchema.h"

#include <QRegularExpression>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include <sodium.h>

#include <algorithm>

namespace orb {

namespace {

QJsonValue optionalInstant(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(toApiTimestamp(t)) : QJsonValue(QJsonValue::Null);
}

/// Orb's event type for an audited action, or empty when Orb announces nothing for it.
QString eventTypeFor(const Database &db, const QString &action, const QString &objectId, const std::optional<QJsonObject> &after)
{
    if (action == QLatin1String("customer.create"))
        return QStringLiteral("customer.created");
    if (action == QLatin1String("customer.update"))
        return QStringLiteral("customer.edited");
    if (action == QLatin1String("subscription.create"))
        return QStringLiteral("subscription.created");
    if (action == QLatin1String("subscription.cancel"))
        return after && after->value(QStringLiteral("status")).toString() == QLatin1String("ended") ? QStringLiteral("subscription.ended")
                                                                                                    : QStringLiteral("subscription.edited");
    if (action.startsWith(QLatin1String("subscription.")))
        return QStringLiteral("subscription.edited");
    if (action == QLatin1String("invoice.issue"))
        return QStringLiteral("invoice.issued");
    if (action == QLatin1String("invoice.void"))
        return QStringLiteral("invoice.voided");
    if (action == QLatin1String("invoice.payment")) {
        // A payment recorded by hand that settles the invoice is Orb's "manually marked as paid".
        // The payment just recorded is among the invoice's latest by time; no row order is
        // needed (a company server has no rowid), and two payments of one invoice in the same
        // millisecond, one of them by hand, count as by hand.
        const bool manual = db.scalar(QStringLiteral("SELECT COUNT(*) FROM payments WHERE invoice_id = ? AND method = 'manual' AND created_at = "
                                                     "(SELECT MAX(created_at) FROM payments WHERE invoice_id = ?)"),
                                      {objectId, objectId})
                                .toLongLong()
                            > 0;
        const bool paid = after && after->value(QStringLiteral("status")).toString() == QLatin1String("paid");
        return manual && paid ? QStringLiteral("invoice.manually_marked_as_paid") : QStringLiteral("invoice.payment_succeeded");
    }
    if (action == QLatin1String("credit_note.create"))
        return QStringLiteral("credit_note.issued");
    return {};
}

WebhookEndpoint endpointFrom(const QSqlQuery &q)
{
    WebhookEndpoint e;
    e.id = q.value(0).toString();
    e.url = q.value(1).toString();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(2).toByteArray()).array())
        e.events << v.toString();
    e.createdAt = fromIsoUtc(q.value(3).toString());
    if (!q.value(4).isNull())
        e.disabledAt = fromIsoUtc(q.value(4).toString());
    e.pending = q.value(5).toInt();
    e.delivered = q.value(6).toInt();
    e.failed = q.value(7).toInt();
    return e;
}

const QString kEndpointSelect = QStringLiteral("SELECT e.id, e.url, e.events, e.created_at, e.disabled_at, "
                                               "(SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'pending'), "
                                               "(SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'delivered'), "
                                               "(SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'failed') "
                                               "FROM webhook_endpoints e");

void requireWritable(const CompanyFile &file)
{
    if (file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(file.path()));
}

} // namespace

QJsonObject WebhookEndpoint::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("events"), QJsonArray::fromStringList(events)},
                       {QStringLiteral("status"), isDisabled() ? QStringLiteral("disabled") : QStringLiteral("enabled")},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)},
                       {QStringLiteral("disabled_at"), optionalInstant(disabledAt)},
                       {QStringLiteral("deliveries"),
                        QJsonObject{{QStringLiteral("pending"), pending}, {QStringLiteral("delivered"), delivered}, {QStringLiteral("failed"), failed}}}};
}

QJsonObject WebhookAttempt::toJson() const
{
    return QJsonObject{{QStringLiteral("delivery_id"), deliveryId},
                       {QStringLiteral("event_id"), eventId},
                       {QStringLiteral("type"), eventType},
                       {QStringLiteral("attempt"), attempt},
                       {QStringLiteral("at"), toApiTimestamp(at)},
                       {QStringLiteral("status"), status ? QJsonValue(status) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)},
                       {QStringLiteral("state"), state}};
}

WebhookService::WebhookService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

const QStringList &WebhookService::eventTypes()
{
    static const QStringList types = {
        QStringLiteral("customer.created"),
        QStringLiteral("customer.edited"),
        QStringLiteral("subscription.created"),
        QStringLiteral("subscription.edited"),
        QStringLiteral("subscription.ended"),
        QStringLiteral("invoice.issued"),
        QStringLiteral("invoice.payment_succeeded"),
        QStringLiteral("invoice.manually_marked_as_paid"),
        QStringLiteral("invoice.voided"),
        QStringLiteral("credit_note.issued"),
    };
    return types;
}

QString WebhookService::urlProblem(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not an absolute URL").arg(text);
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() != QLatin1String("http"))
        return QStringLiteral("\"%1\": only https:// (or http:// to this machine) is allowed").arg(text);
    const QString host = url.host();
    static const QRegularExpression loopbackV4(QStringLiteral("^127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}$"));
    if (host == QLatin1String("localhost") || host == QLatin1String("::1") || loopbackV4.match(host).hasMatch())
        return {};
    return QStringLiteral("\"%1\": plain http:// is allowed only to this machine (127.0.0.1, ::1, localhost); use https://").arg(text);
}

NewWebhookEndpoint WebhookService::create(const QString &url, const QStringList &events, const SecretKeeper &keep)
{
    requireWritable(m_file);
    if (const QString problem = urlProblem(url); !problem.isEmpty())
        throw ServiceError::invalid(problem);
    for (const QString &e : events)
        if (!eventTypes().contains(e))
            throw ServiceError::invalid(QStringLiteral("event type \"%1\" is not one of %2").arg(e, eventTypes().join(QStringLiteral(", "))));
    if (sodium_init() < 0)
        throw ServiceError::storage(QStringLiteral("libsodium could not be initialised; no endpoint was made"));
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    NewWebhookEndpoint out;
    out.secret = QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex());
    sodium_memzero(bytes, sizeof bytes);
    out.endpoint.id = newId();
    out.endpoint.url = url;
    out.endpoint.events = events;
    out.endpoint.events.removeDuplicates();
    out.endpoint.createdAt = m_clock.now();
    UnitOfWork uow(m_file.db());
    m_file.db().exec(QStringLiteral("INSERT INTO webhook_endpoints (id, url, secret, secret_in_keychain, events, created_at) VALUES (?, ?, '', 1, ?, ?)"),
                     {out.endpoint.id, url, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(out.endpoint.events)).toJson(QJsonDocument::Compact)),
                      toIsoUtc(out.endpoint.createdAt)});
    AuditLog(m_file.db())
        .append(out.endpoint.createdAt, QStringLiteral("webhook.create"), QStringLiteral("webhook_endpoint"), out.endpoint.id, std::nullopt,
                out.endpoint.toJson());
    // The secret is kept last, just before the commit: an endpoint whose secret could not be
    // kept is never made (the transaction rolls back), so no delivery goes out unsigned.
    if (const QString problem = keep(out.endpoint.id, out.secret); !problem.isEmpty())
        throw ServiceError::storage(
            QStringLiteral("the webhook's signing secret could not be stored in the system keychain (%1); no endpoint was made").arg(problem));
    uow.commit();
    return out;
}

QList<QPair<QString, QString>> WebhookService::secretsInCompanyFile() const
{
    QList<QPair<QString, QString>> out;
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT id, secret FROM webhook_endpoints WHERE secret_in_keychain = 0 ORDER BY created_at, id"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

void WebhookService::secretMovedToKeychain(const QString &id)
{
    requireWritable(m_file);
    UnitOfWork uow(m_file.db());
    const WebhookEndpoint e = endpoint(id); // NotFound for an unknown one
    m_file.db().exec(QStringLiteral("UPDATE webhook_endpoints SET secret = '', secret_in_keychain = 1 WHERE id = ?"), {id});
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("webhook.secret_to_keychain"), QStringLiteral("webhook_endpoint"), id, e.toJson(), e.toJson());
    uow.commit();
}

QList<WebhookEndpoint> WebhookService::list() const
{
    QList<WebhookEndpoint> out;
    QSqlQuery q = m_file.db().exec(kEndpointSelect + QStringLiteral(" ORDER BY e.created_at, e.id"));
    while (q.next())
        out.append(endpointFrom(q));
    return out;
}

WebhookEndpoint WebhookService::endpoint(const QString &id) const
{
    QSqlQuery q = m_file.db().exec(kEndpointSelect + QStringLiteral(" WHERE e.id = ?"), {id});
    if (!q.next())
        throw ServiceError::notFound(QStringLiteral("no webhook endpoint with id \"%1\"").arg(id));
    return endpointFrom(q);
}

WebhookEndpoint WebhookService::disable(const QString &id)
{
    requireWritable(m_file);
    UnitOfWork uow(m_file.db());
    const WebhookEndpoint before = endpoint(id);
    if (before.isDisabled())
        throw ServiceError::conflict(QStringLiteral("webhook endpoint %1 is already disabled").arg(id));
    m_file.db().exec(QStringLiteral("UPDATE webhook_endpoints SET disabled_at = ? WHERE id = ?"), {toIsoUtc(m_clock.now()), id});
    const WebhookEndpoint after = endpoint(id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("webhook.disable"), QStringLiteral("webhook_endpoint"), id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

WebhookEndpoint WebhookService::enable(const QString &id)
{
    requireWritable(m_file);
    UnitOfWork uow(m_file.db());
    const WebhookEndpoint before = endpoint(id);
    if (!before.isDisabled())
        throw ServiceError::conflict(QStringLiteral("webhook endpoint %1 is already enabled").arg(id));
    m_file.db().exec(QStringLiteral("UPDATE webhook_endpoints SET disabled_at = NULL WHERE id = ?"), {id});
    const WebhookEndpoint after = endpoint(id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("webhook.enable"), QStringLiteral("webhook_endpoint"), id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

void WebhookService::remove(const QString &id)
{
    requireWritable(m_file);
    UnitOfWork uow(m_file.db());
    const WebhookEndpoint before = endpoint(id);
    Database &db = m_file.db();
    db.exec(QStringLiteral("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = ?)"), {id});
    db.exec(QStringLiteral("DELETE FROM webhook_deliveries WHERE endpoint_id = ?"), {id});
    db.exec(QStringLiteral("DELETE FROM webhook_endpoints WHERE id = ?"), {id});
    AuditLog(db).append(m_clock.now(), QStringLiteral("webhook.delete"), QStringLiteral("webhook_endpoint"), id, before.toJson(), std::nullopt);
    uow.commit();
}

QList<WebhookAttempt> WebhookService::log(const QString &id, int limit) const
{
    endpoint(id); // NotFound for an unknown one
    QList<WebhookAttempt> out;
    QSqlQuery q =
        m_file.db().exec(QStringLiteral("SELECT a.delivery_id, d.event_id, ev.type, a.attempt, a.at, a.status, a.error, d.state, d.next_attempt_at "
                                        "FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id "
                                        "JOIN webhook_events ev ON ev.id = d.event_id WHERE d.endpoint_id = ? ORDER BY a.at DESC, a.attempt DESC LIMIT ?"),
                         {id, limit});
    while (q.next()) {
        WebhookAttempt a{q.value(0).toString(),
                         q.value(1).toString(),
                         q.value(2).toString(),
                         q.value(3).toInt(),
                         fromIsoUtc(q.value(4).toString()),
                         q.value(5).toInt(),
                         q.value(6).toString(),
                         q.value(7).toString(),
                         {}};
        if (a.state == QLatin1String("pending") && !q.value(8).isNull())
            a.nextAttemptAt = fromIsoUtc(q.value(8).toString());
        out.append(a);
    }
    return out;
}

QList<DueWebhookDelivery> WebhookService::due(const QDateTime &now, int limit) const
{
    QList<DueWebhookDelivery> out;
    QSqlQuery q =
        m_file.db().exec(QStringLiteral("SELECT d.id, d.event_id, e.id, e.url, e.secret, e.secret_in_keychain, ev.body, d.attempts FROM webhook_deliveries d "
                                        "JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_events ev ON ev.id = d.event_id "
                                        "WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND e.disabled_at IS NULL "
                                        "ORDER BY d.next_attempt_at, ev.created_at LIMIT ?"),
                         {toIsoUtc(now), limit});
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toInt() != 0,
                    q.value(6).toByteArray(), q.value(7).toInt()});
    return out;
}

void WebhookService::recordAttempt(const QString &deliveryId, int httpStatus, const QString &error, const QDateTime &now)
{
    if (m_file.isReadOnly())
        return;
    Database &db = m_file.db();
    UnitOfWork uow(db);
    QSqlQuery q = db.exec(QStringLiteral("SELECT attempts, state FROM webhook_deliveries WHERE id = ?"), {deliveryId});
    if (!q.next() || q.value(1).toString() != QLatin1String("pending"))
        return; // deleted with its endpoint meanwhile, or already settled
    const int attempt = q.value(0).toInt() + 1;
    const bool ok = httpStatus >= 200 && httpStatus < 300;
    db.exec(QStringLiteral("INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error) VALUES (?, ?, ?, ?, ?)"),
            {deliveryId, attempt, toIsoUtc(now), httpStatus ? QVariant(httpStatus) : QVariant(QMetaType::fromType<int>()),
             error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(error)});
    if (ok) {
        db.exec(QStringLiteral(
                    "UPDATE webhook_deliveries SET state = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?"),
                {attempt, httpStatus, toIsoUtc(now), deliveryId});
    } else {
        const qint64 delay = std::min<qint64>(qint64(1) << std::min(attempt - 1, 12), 3600);
        const QString state = attempt >= kMaxAttempts ? QStringLiteral("failed") : QStringLiteral("pending");
        db.exec(QStringLiteral("UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?"),
                {state, attempt, httpStatus ? QVariant(httpStatus) : QVariant(QMetaType::fromType<int>()), error, toIsoUtc(now.addSecs(delay)), deliveryId});
    }
    uow.commit();
}

void WebhookService::recordForAudit(const Database &db, const QDateTime &at, const QString &action, const QString &objectType, const QString &objectId,
                                    const std::optional<QJsonObject> &after)
{
    // Audit entries written while an older file is being migrated come before the webhook
    // tables exist; such a file has no endpoints yet.
    if (!ServerSchema::hasTable(db, QStringLiteral("webhook_endpoints")))
        return;
    // Cheap when no endpoint exists: one look-up on a table of a few rows.
    // Read to the end before anything else runs: a company server streams the result, and the
    // event type's own look-up on the same connection would cut it short.
    QList<QPair<QString, QJsonArray>> enabled;
    {
        QSqlQuery endpoints = db.exec(QStringLiteral("SELECT id, events FROM webhook_endpoints WHERE disabled_at IS NULL"));
        while (endpoints.next())
            enabled.append({endpoints.value(0).toString(), QJsonDocument::fromJson(endpoints.value(1).toString().toUtf8()).array()});
    }
    if (enabled.isEmpty())
        return;
    const QString type = eventTypeFor(db, action, objectId, after);
    if (type.isEmpty())
        return;
    QStringList wanted;
    for (const auto &[id, events] : std::as_const(enabled))
        if (events.isEmpty() || events.contains(QJsonValue(type)))
            wanted << id;
    if (wanted.isEmpty())
        return;
    QJsonObject resource = after.value_or(QJsonObject{});
    if (objectType == QLatin1String("invoice"))
        if (const auto inv = InvoiceRepository(db).find(objectId))
            resource = inv->toJson(); // with its line items, which the audit view leaves out
    // Days as Orb sends them (the start of the day in the customer's zone), as the API does.
    if (objectType == QLatin1String("invoice"))
        ApiDates::invoiceDays(resource, ApiDates::customerZone(db, resource.value(QStringLiteral("customer_id")).toString()));
    else if (objectType == QLatin1String("subscription"))
        ApiDates::subscriptionDays(resource, ApiDates::customerZone(db, resource.value(QStringLiteral("customer_id")).toString()));
    const QString eventId = newId();
    const QJsonObject body{{QStringLiteral("id"), eventId},
                           {QStringLiteral("created_at"), toApiTimestamp(at)},
                           {QStringLiteral("type"), type},
                           {objectType, resource},
                           {QStringLiteral("properties"), QJsonObject{}}};
    db.exec(QStringLiteral("INSERT INTO webhook_events (id, type, created_at, body) VALUES (?, ?, ?, ?)"),
            {eventId, type, toIsoUtc(at), QJsonDocument(body).toJson(QJsonDocument::Compact)});
    // Due at once: the first attempt's time is the real one (deliveries run on the wall clock).
    const QString due = toIsoUtc(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    for (const QString &endpointId : std::as_const(wanted))
        db.exec(QStringLiteral("INSERT INTO webhook_deliveries (id, event_id, endpoint_id, next_attempt_at) VALUES (?, ?, ?, ?)"),
                {newId(), eventId, endpointId, due});
}

} // namespace orb
