// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/SyncLog.h"

#include "models/Database.h"
#include "models/Timestamps.h"

namespace orb {

namespace {

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QString insertSql(bool ignore)
{
    return QStringLiteral("INSERT %1INTO sync_log (at, level, kind, outbox_id, stripe_event_id, stripe_type, stripe_object_id, message) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .arg(ignore ? QStringLiteral("OR IGNORE ") : QString());
}

QVariantList binds(const SyncLogEntry &e)
{
    return {toIsoUtc(e.at.isValid() ? e.at : QDateTime::currentDateTimeUtc()),
            e.level,
            e.kind,
            e.outboxId ? QVariant(e.outboxId) : QVariant(),
            nullIfEmpty(e.stripeEventId),
            nullIfEmpty(e.stripeType),
            nullIfEmpty(e.stripeObjectId),
            e.message};
}

} // namespace

void SyncLog::add(const SyncLogEntry &entry)
{
    m_db.exec(insertSql(false), binds(entry));
}

bool SyncLog::addEvent(const SyncLogEntry &entry)
{
    return m_db.exec(insertSql(true), binds(entry)).numRowsAffected() > 0;
}

QList<SyncLogEntry> SyncLog::list(const QString &level, int limit, qint64 beforeId) const
{
    QStringList where;
    QVariantList values;
    if (!level.isEmpty()) {
        where << QStringLiteral("level = ?");
        values << level;
    }
    if (beforeId > 0) {
        where << QStringLiteral("id < ?");
        values << beforeId;
    }
    const QString sql = QStringLiteral("SELECT id, at, level, kind, outbox_id, stripe_event_id, stripe_type, stripe_object_id, message "
                                       "FROM sync_log %1 ORDER BY id DESC LIMIT ?")
                            .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")));
    values << limit;
    QSqlQuery q = m_db.exec(sql, values);
    QList<SyncLogEntry> list;
    while (q.next()) {
        SyncLogEntry e;
        e.id = q.value(0).toLongLong();
        e.at = fromIsoUtc(q.value(1).toString());
        e.level = q.value(2).toString();
        e.kind = q.value(3).toString();
        e.outboxId = q.value(4).toLongLong();
        e.stripeEventId = q.value(5).toString();
        e.stripeType = q.value(6).toString();
        e.stripeObjectId = q.value(7).toString();
        e.message = q.value(8).toString();
        list.append(e);
    }
    return list;
}

} // namespace orb
