// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageLocks.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"

#include <QSqlQuery>

namespace orb {

void UsageLocks::ensureUnlocked(const QString &customerId, const QDateTime &start, const QDateTime &end, const QString &action) const
{
    // Stored instants are ISO UTC text of one fixed format, so text order is time order.
    QString sql = QStringLiteral("SELECT customer_id, period_start, period_end FROM usage_locks WHERE period_start < ? AND period_end > ?");
    QVariantList binds{toIsoUtc(end), toIsoUtc(start)};
    if (!customerId.isEmpty()) {
        sql += QStringLiteral(" AND customer_id = ?");
        binds << customerId;
    }
    QSqlQuery q = m_db.exec(sql + QStringLiteral(" LIMIT 1"), binds);
    if (q.next())
        throw ServiceError::conflict(
            QStringLiteral("%1: the period %2 to %3 of customer %4 is already invoiced (locked); usage in it cannot change")
                .arg(action, toApiTimestamp(fromIsoUtc(q.value(1).toString())), toApiTimestamp(fromIsoUtc(q.value(2).toString())), q.value(0).toString()));
}

void UsageLocks::lock(const QString &customerId, const QDateTime &start, const QDateTime &end, const QString &reason) const
{
    m_db.exec(QStringLiteral("INSERT INTO usage_locks (customer_id, period_start, period_end, reason) VALUES (?, ?, ?, ?)"),
              {customerId, toIsoUtc(start), toIsoUtc(end), reason.isEmpty() ? QVariant() : QVariant(reason)});
}

} // namespace orb
