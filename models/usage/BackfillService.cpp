// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/BackfillService.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/usage/UsageEventRow.h"
#include "models/usage/UsageLocks.h"

#include <QSqlQuery>

namespace orb {

namespace {

const QString kColumns = QStringLiteral("id, customer_id, timeframe_start, timeframe_end, replace_existing_events, status, "
                                        "events_ingested, created_at, close_time, reverted_at");

Backfill fromQuery(const QSqlQuery &q)
{
    Backfill b;
    b.id = q.value(0).toString();
    b.customerId = q.value(1).toString();
    b.timeframeStart = fromIsoUtc(q.value(2).toString());
    b.timeframeEnd = fromIsoUtc(q.value(3).toString());
    b.replaceExistingEvents = q.value(4).toInt() != 0;
    b.status = q.value(5).toString();
    b.eventsIngested = q.value(6).toLongLong();
    b.createdAt = fromIsoUtc(q.value(7).toString());
    b.closeTime = fromIsoUtc(q.value(8).toString());
    b.revertedAt = fromIsoUtc(q.value(9).toString());
    return b;
}

} // namespace

void BackfillService::ensureUnlocked(const Backfill &b, const QString &action) const
{
    UsageLocks(m_file.db()).ensureUnlocked(b.customerId, b.timeframeStart, b.timeframeEnd, action);
}

Backfill BackfillService::create(const QDateTime &start, const QDateTime &end, const QString &customer, bool replaceExistingEvents)
{
    if (!start.isValid() || !end.isValid() || start >= end)
        throw ServiceError::invalid(QStringLiteral("backfill: the timeframe start must be before its end"));
    if (start > m_clock.now())
        throw ServiceError::invalid(QStringLiteral("backfill: the timeframe must start in the past"));
    Backfill b;
    b.id = newId();
    if (!customer.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).resolve(customer);
        if (!c)
            throw ServiceError::notFound(QStringLiteral("backfill: no customer \"%1\"").arg(customer));
        b.customerId = c->id;
    }
    b.timeframeStart = start.toUTC();
    b.timeframeEnd = end.toUTC();
    b.replaceExistingEvents = replaceExistingEvents;
    b.status = QStringLiteral("pending");
    b.createdAt = m_clock.now();
    UnitOfWork uow(m_file.db());
    ensureUnlocked(b, QStringLiteral("backfill"));
    m_file.db().exec(QStringLiteral("INSERT INTO usage_backfills (id, customer_id, timeframe_start, timeframe_end, replace_existing_events, "
                                    "status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"),
                     {b.id, b.customerId.isEmpty() ? QVariant() : QVariant(b.customerId), toIsoUtc(b.timeframeStart), toIsoUtc(b.timeframeEnd),
                      int(replaceExistingEvents), toIsoUtc(b.createdAt)});
    AuditLog(m_file.db()).append(b.createdAt, QStringLiteral("backfill.create"), QStringLiteral("backfill"), b.id, std::nullopt, b.toJson());
    uow.commit();
    return b;
}

Backfill BackfillService::get(const QString &id) const
{
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM usage_backfills WHERE id = ?"), {id});
    if (!q.next())
        throw ServiceError::notFound(QStringLiteral("no backfill \"%1\"").arg(id));
    return fromQuery(q);
}

QList<Backfill> BackfillService::list() const
{
    QList<Backfill> out;
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM usage_backfills ORDER BY created_at DESC, id"));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

Backfill BackfillService::close(const QString &id)
{
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Backfill b = get(id);
    if (b.status != QLatin1String("pending"))
        throw ServiceError::conflict(QStringLiteral("backfill %1 is %2: only a pending backfill can be closed").arg(b.id, b.status));
    ensureUnlocked(b, QStringLiteral("backfill close"));
    const qint64 start = b.timeframeStart.toMSecsSinceEpoch(), end = b.timeframeEnd.toMSecsSinceEpoch();
    if (b.replaceExistingEvents) {
        QString sql = QStringLiteral("UPDATE usage_events SET status = ?, replaced_by = ? WHERE ts >= ? AND ts < ? AND status = ? "
                                     "AND (backfill_id IS NULL OR backfill_id <> ?)");
        QVariantList binds{int(UsageEventStatus::Replaced), b.id, start, end, int(UsageEventStatus::Active), b.id};
        if (!b.customerId.isEmpty()) {
            sql += QStringLiteral(" AND (customer_id = ? OR external_customer_id = (SELECT external_customer_id FROM customers WHERE id = ?))");
            binds << b.customerId << b.customerId;
        }
        db.exec(sql, binds);
    }
    db.exec(QStringLiteral("UPDATE usage_events SET status = ? WHERE backfill_id = ? AND status = ?"),
            {int(UsageEventStatus::Active), b.id, int(UsageEventStatus::Pending)});
    db.exec(QStringLiteral("UPDATE usage_backfills SET status = 'reflected', close_time = ? WHERE id = ?"), {toIsoUtc(m_clock.now()), b.id});
    const Backfill after = get(id);
    AuditLog(db).append(m_clock.now(), QStringLiteral("backfill.close"), QStringLiteral("backfill"), b.id, b.toJson(), after.toJson());
    uow.commit();
    return after;
}

Backfill BackfillService::revert(const QString &id)
{
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Backfill b = get(id);
    if (b.status == QLatin1String("reverted"))
        throw ServiceError::conflict(QStringLiteral("backfill %1 is already reverted").arg(b.id));
    if (b.status == QLatin1String("reflected"))
        ensureUnlocked(b, QStringLiteral("backfill revert"));
    db.exec(QStringLiteral("UPDATE usage_events SET status = ? WHERE backfill_id = ? AND status IN (?, ?, ?)"),
            {int(UsageEventStatus::Discarded), b.id, int(UsageEventStatus::Active), int(UsageEventStatus::Pending), int(UsageEventStatus::Deprecated)});
    db.exec(QStringLiteral("UPDATE usage_events SET status = ?, replaced_by = NULL WHERE replaced_by = ?"), {int(UsageEventStatus::Active), b.id});
    db.exec(QStringLiteral("UPDATE usage_backfills SET status = 'reverted', reverted_at = ? WHERE id = ?"), {toIsoUtc(m_clock.now()), b.id});
    const Backfill after = get(id);
    AuditLog(db).append(m_clock.now(), QStringLiteral("backfill.revert"), QStringLiteral("backfill"), b.id, b.toJson(), after.toJson());
    uow.commit();
    return after;
}

} // namespace orb
