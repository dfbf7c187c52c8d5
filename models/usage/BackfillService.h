// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/Backfill.h"

#include <QList>

namespace orb {

class Clock;
class CompanyFile;

/// Backfills: create, close (make count), revert, list. Each action is one transaction.
class BackfillService final
{
public:
    BackfillService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

    /// A pending backfill for [start, end) in the past, optionally for one customer (id or
    /// external id). Refused when the timeframe touches an invoiced (locked) period.
    Backfill create(const QDateTime &start, const QDateTime &end, const QString &customer, bool replaceExistingEvents);
    Backfill get(const QString &id) const;
    QList<Backfill> list() const;
    /// Makes the backfill's events count; with replace_existing_events, the timeframe's other
    /// events (of its customer, if it has one) stop counting.
    Backfill close(const QString &id);
    /// Undoes a pending or reflected backfill: its events stop counting, replaced events count again.
    Backfill revert(const QString &id);

private:
    void ensureUnlocked(const Backfill &b, const QString &action) const;
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
