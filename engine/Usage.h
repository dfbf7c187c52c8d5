// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QList>
#include <QStringList>

namespace orb {

/// One group of aggregated usage: the values of the grouping properties (in the order of
/// UsageQuantities::groupKeys; an absent property is an empty string) and its quantity.
struct UsageGroup {
    QStringList values;
    Decimal quantity;
};

/**
 * Aggregated usage handed from a billable metric to a price: the total over the timeframe, the
 * same usage split by the properties the price groups on (matrix dimensions, a grouping key),
 * and, for models that charge per transaction, each event's value in time order.
 */
struct UsageQuantities {
    Decimal total;
    QStringList groupKeys;
    QList<UsageGroup> groups;
    QList<Decimal> eventValues;
    bool hasEventValues = false;

    /// Usage known only as a quantity (a fixed fee, `price evaluate --quantity`).
    static UsageQuantities ofQuantity(const Decimal &q)
    {
        UsageQuantities u;
        u.total = q;
        return u;
    }
};

} // namespace orb
