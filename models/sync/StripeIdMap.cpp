// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/StripeIdMap.h"

#include "models/Database.h"
#include "models/Timestamps.h"

#include <QDateTime>

namespace orb {

std::optional<QString> StripeIdMap::stripeId(const QString &objectType, const QString &localId) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT stripe_id FROM sync_stripe_ids WHERE object_type = ? AND local_id = ?"), {objectType, localId});
    if (!v.isValid())
        return std::nullopt;
    return v.toString();
}

std::optional<QString> StripeIdMap::localId(const QString &objectType, const QString &stripeId) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT local_id FROM sync_stripe_ids WHERE object_type = ? AND stripe_id = ?"), {objectType, stripeId});
    if (!v.isValid())
        return std::nullopt;
    return v.toString();
}

void StripeIdMap::set(const QString &objectType, const QString &localId, const QString &stripeId)
{
    m_db.exec(QStringLiteral("INSERT INTO sync_stripe_ids (object_type, local_id, stripe_id, updated_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (object_type, local_id) DO UPDATE SET stripe_id = excluded.stripe_id, updated_at = excluded.updated_at"),
              {objectType, localId, stripeId, toIsoUtc(QDateTime::currentDateTimeUtc())});
}

void StripeIdMap::remove(const QString &objectType, const QString &localId)
{
    m_db.exec(QStringLiteral("DELETE FROM sync_stripe_ids WHERE object_type = ? AND local_id = ?"), {objectType, localId});
}

QList<QPair<QString, QString>> StripeIdMap::all(const QString &objectType) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT local_id, stripe_id FROM sync_stripe_ids WHERE object_type = ? ORDER BY local_id"), {objectType});
    QList<QPair<QString, QString>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString()});
    return rows;
}

void StripeIdMap::clear()
{
    m_db.exec(QStringLiteral("DELETE FROM sync_stripe_ids"));
}

} // namespace orb
