// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageMonthCounts.h"

#include "models/Database.h"
#include "models/UnitOfWork.h"

#include <QDate>
#include <QSqlQuery>
#include <QTimeZone>

#include <sqlite3.h>

namespace orb {

qint64 UsageMonthCounts::monthOf(sqlite3 *db, qint64 tsMs)
{
    if (tsMs >= m_start && tsMs < m_end)
        return m_month;
    if (!m_find)
        m_find = SqliteStatement(db, "SELECT start_ms, end_ms FROM usage_months WHERE start_ms <= ?1 ORDER BY start_ms DESC LIMIT 1",
                                 "finding the month of a usage event", true);
    m_find.reset();
    m_find.bind(1, tsMs);
    m_month = OutsideMonths;
    m_start = m_end = 0;
    if (m_find.next()) {
        const qint64 start = sqlite3_column_int64(m_find, 0);
        const qint64 end = sqlite3_column_int64(m_find, 1);
        if (tsMs < end) {
            m_month = start;
            m_start = start;
            m_end = end;
        }
    }
    m_find.reset();
    return m_month;
}

void UsageMonthCounts::ensure(Database &db)
{
    const QVariant zone = db.scalar(QStringLiteral("SELECT timezone FROM company WHERE id = 1"));
    if (!zone.isValid() || zone.isNull())
        return; // a file being created: its company row comes next, and ensure() with it
    const QVariant listed = db.scalar(QStringLiteral("SELECT timezone FROM usage_months_zone WHERE id = 1"));
    if (listed.isValid() && listed.toString() == zone.toString())
        return;
    rebuild(db, zone.toString());
}

void UsageMonthCounts::rebuild(Database &db, const QString &zone)
{
    UnitOfWork uow(db);
    db.exec(QStringLiteral("DELETE FROM usage_month_counts"));
    db.exec(QStringLiteral("DELETE FROM usage_months"));
    db.exec(QStringLiteral("DELETE FROM usage_months_zone"));
    // The zone was validated when it was stored; an unknown one would be UTC, as elsewhere.
    QTimeZone tz(zone.toUtf8());
    if (!tz.isValid())
        tz = QTimeZone::utc();
    // Integers only, so they are written into the statement: three statements for 1,200 months.
    QString values;
    int rows = 0;
    const auto flush = [&] {
        if (rows == 0)
            return;
        db.exec(QStringLiteral("INSERT INTO usage_months (start_ms, end_ms) VALUES ") + values);
        values.clear();
        rows = 0;
    };
    qint64 end = QDate(FirstYear, 1, 1).startOfDay(tz).toMSecsSinceEpoch();
    for (QDate first(FirstYear, 1, 1); first.year() <= LastYear; first = first.addMonths(1)) {
        const qint64 start = end;
        end = first.addMonths(1).startOfDay(tz).toMSecsSinceEpoch();
        if (rows > 0)
            values += QLatin1Char(',');
        values += QStringLiteral("(%1,%2)").arg(start).arg(end);
        if (++rows == 500)
            flush();
    }
    flush();
    db.exec(QStringLiteral("INSERT INTO usage_months_zone (id, timezone) VALUES (1, ?)"), {zone});
    // The same month and reference as the triggers and the event store give an event.
    db.exec(QStringLiteral("INSERT INTO usage_month_counts (month_start, ref, events) "
                           "SELECT COALESCE((SELECT CASE WHEN m.end_ms > e.ts THEN m.start_ms END FROM usage_months m "
                           "WHERE m.start_ms <= e.ts ORDER BY m.start_ms DESC LIMIT 1), %1) AS month_start, "
                           "CASE WHEN e.customer_id IS NOT NULL THEN 'c' || e.customer_id ELSE 'x' || COALESCE(e.external_customer_id, '') END AS ref, "
                           "COUNT(*) FROM usage_events e WHERE e.status = 0 GROUP BY 1, 2")
                .arg(OutsideMonths));
    uow.commit();
}

std::optional<QHash<QByteArray, qint64>> UsageMonthCounts::month(const Database &db, qint64 startMs, qint64 endMs)
{
    if (!db.scalar(QStringLiteral("SELECT 1 FROM usage_months WHERE start_ms = ? AND end_ms = ?"), {startMs, endMs}).isValid())
        return std::nullopt;
    QHash<QByteArray, qint64> counts;
    QSqlQuery q = db.exec(QStringLiteral("SELECT ref, events FROM usage_month_counts WHERE month_start = ? AND events <> 0"), {startMs});
    while (q.next())
        counts.insert(q.value(0).toByteArray(), q.value(1).toLongLong());
    return counts;
}

} // namespace orb
