// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/QueuedUsageReader.h"

#include "models/CustomerRepository.h"
#include "models/Database.h"

namespace orb {

namespace {

const QString Columns = QStringLiteral("SELECT seq, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, amends, "
                                       "ingested_at FROM usage_events ");

QList<QueuedUsageEvent> readRows(QSqlQuery &q)
{
    QList<QueuedUsageEvent> rows;
    while (q.next()) {
        QueuedUsageEvent r;
        r.seq = q.value(0).toLongLong();
        r.row.idempotencyKey = q.value(1).toByteArray();
        r.row.eventName = q.value(2).toByteArray();
        r.row.tsMs = q.value(3).toLongLong();
        r.row.customerId = q.value(4).toByteArray();
        r.row.externalCustomerId = q.value(5).toByteArray();
        r.row.properties = q.value(6).toByteArray();
        r.status = q.value(7).toInt();
        r.amends = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
        r.ingestedAtMs = q.value(9).toLongLong();
        rows.append(r);
    }
    return rows;
}

} // namespace

QList<QueuedUsageEvent> QueuedUsageReader::range(qint64 from, qint64 to, int limit) const
{
    QSqlQuery q = m_db.exec(Columns + QStringLiteral("WHERE seq BETWEEN ? AND ? ORDER BY seq LIMIT ?"), {from, to, limit});
    return readRows(q);
}

QList<QueuedUsageEvent> QueuedUsageReader::activeInWindow(const QString &eventName, const QString &customerId, const QString &externalCustomerId, qint64 fromMs,
                                                          qint64 toMs, qint64 maxSeq) const
{
    QSqlQuery q = m_db.exec(Columns
                                + QStringLiteral("WHERE ts >= ? AND ts < ? AND seq <= ? AND status = 0 AND event_name = ? "
                                                 "AND (customer_id = ? OR (external_customer_id = ? AND ? <> '')) ORDER BY seq"),
                            {fromMs, toMs, maxSeq, eventName, customerId, externalCustomerId, externalCustomerId});
    return readRows(q);
}

QString QueuedUsageReader::customerIdForExternal(const QString &externalCustomerId) const
{
    const auto c = CustomerRepository(m_db).findByExternalId(externalCustomerId);
    return c ? c->id : QString();
}

} // namespace orb
