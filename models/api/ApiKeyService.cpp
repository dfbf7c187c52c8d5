// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiKeyService.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <sodium.h>

namespace orb {

namespace {

// The secret's visible start: says which product the key is for, and lets people tell keys
// apart in lists without the rest of the secret.
constexpr qsizetype kPrefixLength = 12;

QJsonValue optionalInstant(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(toApiTimestamp(t)) : QJsonValue(QJsonValue::Null);
}

ApiKey keyFrom(const QSqlQuery &q)
{
    ApiKey k;
    k.id = q.value(0).toString();
    k.name = q.value(1).toString();
    k.role = q.value(2).toString();
    k.prefix = q.value(3).toString();
    k.createdAt = fromIsoUtc(q.value(4).toString());
    if (!q.value(5).isNull())
        k.revokedAt = fromIsoUtc(q.value(5).toString());
    if (q.record().count() > 6 && !q.value(6).isNull())
        k.lastUsedAt = fromIsoUtc(q.value(6).toString());
    return k;
}

const QString kColumns = QStringLiteral("id, name, role, prefix, created_at, revoked_at");

} // namespace

QJsonObject ApiKey::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("role"), role},
                       {QStringLiteral("prefix"), prefix},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)},
                       {QStringLiteral("revoked_at"), optionalInstant(revokedAt)},
                       {QStringLiteral("last_used_at"), optionalInstant(lastUsedAt)}};
}

ApiKeyService::ApiKeyService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

QStringList ApiKeyService::roles()
{
    return {QStringLiteral("admin"), QStringLiteral("billing"), QStringLiteral("ingest")};
}

QByteArray ApiKeyService::hashSecret(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

NewApiKey ApiKeyService::create(const QString &name, const QString &role)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    if (name.trimmed().isEmpty())
        throw ServiceError::invalid(QStringLiteral("an API key needs a name (who or what uses it)"));
    if (!roles().contains(role))
        throw ServiceError::invalid(QStringLiteral("role \"%1\" is not one of %2").arg(role, roles().join(QStringLiteral(", "))));
    if (sodium_init() < 0)
        throw ServiceError::storage(QStringLiteral("libsodium could not be initialised; no key was made"));
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    const QByteArray raw(reinterpret_cast<const char *>(bytes), sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
    NewApiKey out;
    out.secret = QStringLiteral("orb_") + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    out.key.id = newId();
    out.key.name = name.trimmed();
    out.key.role = role;
    out.key.prefix = out.secret.left(kPrefixLength);
    out.key.createdAt = m_clock.now();
    UnitOfWork uow(m_file.db());
    m_file.db().exec(QStringLiteral("INSERT INTO api_keys (id, name, role, key_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                     {out.key.id, out.key.name, role, hashSecret(out.secret), out.key.prefix, toIsoUtc(out.key.createdAt)});
    AuditLog(m_file.db()).append(out.key.createdAt, QStringLiteral("api_key.create"), QStringLiteral("api_key"), out.key.id, std::nullopt, out.key.toJson());
    uow.commit();
    return out;
}

QList<ApiKey> ApiKeyService::list() const
{
    QList<ApiKey> out;
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT k.id, k.name, k.role, k.prefix, k.created_at, k.revoked_at, u.last_used_at FROM api_keys k "
                                                  "LEFT JOIN api_key_usage u ON u.api_key_id = k.id ORDER BY k.created_at, k.id"));
    while (q.next())
        out.append(keyFrom(q));
    return out;
}

ApiKey ApiKeyService::revoke(const QString &id)
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    UnitOfWork uow(m_file.db());
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT %1 FROM api_keys WHERE id = ?").arg(kColumns), {id});
    if (!q.next())
        throw ServiceError::notFound(QStringLiteral("no API key with id \"%1\"").arg(id));
    const ApiKey before = keyFrom(q);
    if (before.isRevoked())
        throw ServiceError::conflict(QStringLiteral("API key %1 (%2) was already revoked at %3").arg(id, before.name, toApiTimestamp(before.revokedAt)));
    ApiKey after = before;
    after.revokedAt = m_clock.now();
    m_file.db().exec(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ?"), {toIsoUtc(after.revokedAt), id});
    AuditLog(m_file.db()).append(after.revokedAt, QStringLiteral("api_key.revoke"), QStringLiteral("api_key"), id, before.toJson(), after.toJson());
    uow.commit();
    return after;
}

void ApiKeyService::recordUse(const QHash<QString, QDateTime> &uses)
{
    if (uses.isEmpty() || m_file.isReadOnly())
        return;
    UnitOfWork uow(m_file.db());
    for (auto it = uses.constBegin(); it != uses.constEnd(); ++it)
        // Stored instants are fixed-width UTC text, so the text comparison keeps the later one
        // (two servers on one company may record the same key).
        m_file.db().exec(QStringLiteral("INSERT INTO api_key_usage (api_key_id, last_used_at) SELECT id, ? FROM api_keys WHERE id = ? "
                                        "ON CONFLICT (api_key_id) DO UPDATE SET last_used_at = excluded.last_used_at "
                                        "WHERE excluded.last_used_at > api_key_usage.last_used_at"),
                         {toIsoUtc(it.value()), it.key()});
    uow.commit();
}

std::optional<ApiKey> ApiKeyService::authenticate(const QString &secret) const
{
    if (secret.isEmpty())
        return std::nullopt;
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT %1 FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL").arg(kColumns), {hashSecret(secret)});
    if (!q.next())
        return std::nullopt;
    return keyFrom(q);
}

} // namespace orb
