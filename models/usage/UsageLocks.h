// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace orb {

class Database;

/**
 * Periods already invoiced (table usage_locks, filled by the invoicing capability). Usage in
 * them must not change behind an issued invoice, so amendments, deprecations and backfills
 * that touch one are refused, as Orb refuses them.
 */
class UsageLocks final
{
public:
    explicit UsageLocks(const Database &db) : m_db(db) {}

    /// Throws ServiceError::conflict when a lock of the customer overlaps [start, end);
    /// with an empty customerId, a lock of any customer counts.
    void ensureUnlocked(const QString &customerId, const QDateTime &start, const QDateTime &end, const QString &action) const;
    /// Adds a lock (invoicing, tests).
    void lock(const QString &customerId, const QDateTime &start, const QDateTime &end, const QString &reason = {}) const;

private:
    const Database &m_db;
};

} // namespace orb
