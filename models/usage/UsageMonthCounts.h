// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SqliteStatement.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

struct sqlite3;

namespace orb {

class Database;

/**
 * Every month's active events per customer reference, kept beside the events (migration 0031)
 * so the dashboard reads a month's figures in a few thousand rows instead of scanning the
 * month's events. Months are the company's (its time zone), listed in usage_months.
 *
 * Who writes the counts: inserts through CustomerPostings (the event store and an amendment's
 * new version, in the transaction of the events, grouped per transaction), every later change
 * of an event through the file's triggers, and rebuild() when the zone changes.
 */
class UsageMonthCounts final
{
public:
    /// The months listed: from 2000 to 2099 in the company's zone (a billing company's
    /// dashboard shows its current month). Events outside count under OutsideMonths, which no
    /// reader asks for: a window outside is counted from the events.
    static constexpr int FirstYear = 2000;
    static constexpr int LastYear = 2099;
    static constexpr qint64 OutsideMonths = 1;

    /// The reference an event counts under: its customer id, or its external id when it has none.
    static QByteArray countRef(const QByteArray &customerId, const QByteArray &externalId)
    {
        return customerId.isEmpty() ? 'x' + externalId : 'c' + customerId;
    }

    /// The start of the listed month holding `tsMs` (OutsideMonths if none); the last month
    /// found is remembered, so a run of events in one month costs two comparisons each.
    qint64 monthOf(sqlite3 *db, qint64 tsMs);
    /// Forgets the remembered month (the transaction that read it was rolled back).
    void forget() { m_start = m_end = 0; }

    /// Lists the months of the company's current zone and counts every stored event again,
    /// unless the listed months already are that zone's. Call after the schema is migrated and
    /// whenever the zone changes, inside or outside a transaction.
    static void ensure(Database &db);
    /// Lists the months of `zone` and counts every stored event again.
    static void rebuild(Database &db, const QString &zone);

    /**
     * The active events of [startMs, endMs) per customer reference, from the counts, when that
     * window is exactly one listed month; nothing otherwise (the caller counts the events).
     */
    static std::optional<QHash<QByteArray, qint64>> month(const Database &db, qint64 startMs, qint64 endMs);

private:
    SqliteStatement m_find;
    qint64 m_start = 0;
    qint64 m_end = 0; ///< [m_start, m_end) is the remembered month; empty when both are 0
    qint64 m_month = OutsideMonths;
};

} // namespace orb
