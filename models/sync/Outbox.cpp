// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/Outbox.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QCryptographicHash>
#include <QUuid>

#include <algorithm>

namespace orb {

namespace {

const QString selectColumns = QStringLiteral("SELECT id, object_type, object_id, action, created_at, state, attempts, generation, last_error, "
                                             "last_attempt_at, idempotency_base, progress FROM sync_outbox ");

OutboxItem readItem(const QSqlQuery &q)
{
    OutboxItem i;
    i.id = q.value(0).toLongLong();
    i.objectType = q.value(1).toString();
    i.objectId = q.value(2).toString();
    i.action = q.value(3).toString();
    i.createdAt = fromIsoUtc(q.value(4).toString());
    i.state = q.value(5).toString();
    i.attempts = q.value(6).toInt();
    i.generation = q.value(7).toInt();
    i.lastError = q.value(8).toString();
    i.lastAttemptAt = fromIsoUtc(q.value(9).toString());
    i.idempotencyBase = q.value(10).toString();
    i.progress = q.value(11).toLongLong();
    return i;
}

} // namespace

QString OutboxItem::idempotencyKey(const QString &step) const
{
    // Stripe keeps keys of up to 255 characters; the base is short and the step names a request.
    return QStringLiteral("orb-%1-%2-g%3").arg(idempotencyBase, step).arg(generation);
}

qint64 Outbox::enqueue(Database &db, const QString &objectType, const QString &objectId, const QString &action)
{
    if (!db.inTransaction())
        throw ServiceError::storage(QStringLiteral("sync outbox: %1 %2 %3 must be queued inside the change's transaction").arg(objectType, objectId, action));
    const QVariant existing = db.scalar(
        QStringLiteral(
            "SELECT id FROM sync_outbox WHERE state = 'pending' AND object_type = ? AND object_id = ? AND action = ? AND attempts = 0 AND progress = 0"),
        {objectType, objectId, action});
    if (existing.isValid())
        return existing.toLongLong();
    // The base is random once per item: two updates of one customer a day apart are two
    // different requests to Stripe, while every retry of one of them reuses its key.
    const QString base = QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex().left(20));
    const QSqlQuery q = db.exec(QStringLiteral("INSERT INTO sync_outbox (object_type, object_id, action, created_at, idempotency_base) "
                                               "VALUES (?, ?, ?, ?, ?)"),
                                {objectType, objectId, action, toIsoUtc(QDateTime::currentDateTimeUtc()), base});
    return db.lastInsertId(q); // SQLite's rowid, a server's lastval()
}

qint64 Outbox::lastUsageSeq(Database &db)
{
    return db.scalar(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM usage_events")).toLongLong();
}

void Outbox::enqueueUsageSince(Database &db, qint64 seqBefore)
{
    if (!db.inTransaction())
        throw ServiceError::storage(QStringLiteral("sync outbox: usage must be queued inside the import's transaction"));
    // usage_queued_seq is the last seq already promised to Stripe, so a batch queued by a hook
    // and the sweep of the next sync run never queue the same event twice.
    const qint64 queued = db.scalar(QStringLiteral("SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'usage_queued_seq'")).toLongLong();
    const qint64 from = std::max(seqBefore, queued) + 1;
    const qint64 last = lastUsageSeq(db);
    if (last < from)
        return;
    // object_id "FIRST-LAST" (inclusive seq range); progress is the last seq pushed.
    enqueue(db, QStringLiteral("usage_range"), QStringLiteral("%1-%2").arg(from).arg(last), QStringLiteral("push"));
    db.exec(QStringLiteral("INSERT INTO sync_state (key, value) VALUES ('usage_queued_seq', ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
            {QString::number(last)});
}

void Outbox::sweepUsage(Database &db)
{
    enqueueUsageSince(db, 0);
}

std::optional<OutboxItem> Outbox::nextPending() const
{
    QSqlQuery q = m_db.exec(selectColumns + QStringLiteral("WHERE state = 'pending' ORDER BY id LIMIT 1"));
    if (!q.next())
        return std::nullopt;
    return readItem(q);
}

std::optional<OutboxItem> Outbox::find(qint64 id) const
{
    QSqlQuery q = m_db.exec(selectColumns + QStringLiteral("WHERE id = ?"), {id});
    if (!q.next())
        return std::nullopt;
    return readItem(q);
}

QList<OutboxItem> Outbox::list(const QString &state, int limit) const
{
    QSqlQuery q = state.isEmpty() ? m_db.exec(selectColumns + QStringLiteral("ORDER BY id DESC LIMIT ?"), {limit})
                                  : m_db.exec(selectColumns + QStringLiteral("WHERE state = ? ORDER BY id DESC LIMIT ?"), {state, limit});
    QList<OutboxItem> items;
    while (q.next())
        items.append(readItem(q));
    return items;
}

OutboxCounts Outbox::counts() const
{
    OutboxCounts c;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT state, COUNT(*) FROM sync_outbox GROUP BY state"));
    while (q.next()) {
        const QString s = q.value(0).toString();
        const int n = q.value(1).toInt();
        if (s == QLatin1String("pending"))
            c.pending = n;
        else if (s == QLatin1String("done"))
            c.done = n;
        else if (s == QLatin1String("failed"))
            c.failed = n;
        else if (s == QLatin1String("skipped"))
            c.skipped = n;
    }
    return c;
}

void Outbox::markAttempt(qint64 id, const QString &error, const QDateTime &at)
{
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? WHERE id = ?"), {error, toIsoUtc(at), id});
}

void Outbox::markDone(qint64 id, const QDateTime &at)
{
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET state = 'done', attempts = attempts + 1, last_error = NULL, last_attempt_at = ?, "
                             "done_at = ? WHERE id = ?"),
              {toIsoUtc(at), toIsoUtc(at), id});
}

void Outbox::markFailed(qint64 id, const QString &error, const QDateTime &at)
{
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, last_attempt_at = ? WHERE id = ?"),
              {error, toIsoUtc(at), id});
}

void Outbox::setProgress(qint64 id, qint64 progress)
{
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET progress = ? WHERE id = ?"), {progress, id});
}

OutboxItem Outbox::retry(qint64 id)
{
    UnitOfWork uow(m_db);
    const auto item = find(id);
    if (!item)
        throw ServiceError::notFound(QStringLiteral("sync item %1: no such item").arg(id));
    if (item->state != QLatin1String("failed") && item->state != QLatin1String("skipped"))
        throw ServiceError::conflict(QStringLiteral("sync item %1: only a failed or skipped item can be retried (it is %2)").arg(id).arg(item->state));
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET state = 'pending', generation = generation + 1 WHERE id = ?"), {id});
    uow.commit();
    return *find(id);
}

OutboxItem Outbox::skip(qint64 id)
{
    UnitOfWork uow(m_db);
    const auto item = find(id);
    if (!item)
        throw ServiceError::notFound(QStringLiteral("sync item %1: no such item").arg(id));
    if (item->state == QLatin1String("done"))
        throw ServiceError::conflict(QStringLiteral("sync item %1: it is already done").arg(id));
    m_db.exec(QStringLiteral("UPDATE sync_outbox SET state = 'skipped' WHERE id = ?"), {id});
    uow.commit();
    return *find(id);
}

QString Outbox::pendingForSql()
{
    // `+id`: ordered by a bare id, SQLite walks the (state, id) index through every pending
    // item to find the first of this object, so each look-up grew with the queue. Sorting the
    // object's few pending items instead lets it seek the partial index of migration 0016.
    return QStringLiteral("SELECT id FROM sync_outbox WHERE object_type = ? AND object_id = ? AND state = 'pending' ORDER BY +id LIMIT 1");
}

std::optional<qint64> Outbox::pendingFor(const QString &objectType, const QString &objectId) const
{
    const QVariant v = m_db.scalar(pendingForSql(), {objectType, objectId});
    if (!v.isValid())
        return std::nullopt;
    return v.toLongLong();
}

} // namespace orb
