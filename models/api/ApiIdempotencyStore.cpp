// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiIdempotencyStore.h"

#include "models/CompanyFile.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QSqlQuery>
#include <QVariant>

namespace orb {

std::optional<StoredApiAnswer> ApiIdempotencyStore::find(const QString &apiKeyId, const QString &idempotencyKey, const QDateTime &now) const
{
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT request_hash, status, body FROM api_idempotency "
                                                  "WHERE api_key_id = ? AND idempotency_key = ? AND created_at >= ?"),
                                   {apiKeyId, idempotencyKey, toIsoUtc(now.addSecs(-kRetentionSeconds))});
    if (!q.next())
        return std::nullopt;
    return StoredApiAnswer{q.value(0).toByteArray(), q.value(1).toInt(), q.value(2).toByteArray()};
}

void ApiIdempotencyStore::store(const QString &apiKeyId, const QString &idempotencyKey, const StoredApiAnswer &answer, const QDateTime &now)
{
    if (m_file.isReadOnly())
        return;
    UnitOfWork uow(m_file.db());
    m_file.db().exec(QStringLiteral("DELETE FROM api_idempotency WHERE created_at < ?"), {toIsoUtc(now.addSecs(-kRetentionSeconds))});
    m_file.db().exec(
        QStringLiteral("INSERT INTO api_idempotency (api_key_id, idempotency_key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (api_key_id, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status, "
                       "body = excluded.body, created_at = excluded.created_at"),
        {apiKeyId, idempotencyKey, answer.requestHash, answer.status, answer.body, toIsoUtc(now)});
    uow.commit();
}

} // namespace orb
