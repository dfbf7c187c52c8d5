// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace orb {

class Database;

/// Where a page in creation order ended: the last row's creation instant (as stored) and id.
struct CreatedKey {
    QString createdAt;
    QString id;
};

/// Orb's created_at[gt|gte|lt|lte] filters of a list; invalid instants are not asked for.
struct CreatedRange {
    QDateTime after, from, before, to;
};

/**
 * Lists in Orb's order for most objects (the most recently created first; the id breaks a
 * tie), one page at a time by keyset in SQL over an index on (created_at, id): a page costs
 * its own rows, whatever the depth, and rows created while a client pages move nothing.
 */
class ApiCreatedOrder final
{
public:
    /// Customers: the active ones (not archived), as Orb lists them. Backfills: a company has
    /// few, so they are sorted without an index.
    enum class Table { Subscriptions, Customers, Backfills };

    /**
     * The keys of up to `limit` rows of `table` after `after` (all from the newest when
     * empty), with `customerId` when not empty, and within `range`.
     */
    static QList<CreatedKey> keys(const Database &db, Table table, const QString &customerId, const CreatedRange &range, const std::optional<CreatedKey> &after,
                                  int limit);

    /// The opaque cursor of a page ending at `last`, and back (nothing for a cursor not made
    /// for this kind of list).
    static QString cursor(Table table, const CreatedKey &last);
    static std::optional<CreatedKey> parseCursor(Table table, const QString &cursor);
};

} // namespace orb
