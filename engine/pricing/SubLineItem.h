// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace orb::pricing {

/**
 * One part of a price's evaluation, shown under its invoice line: a tier, a matrix cell, a group,
 * an allocation or a minimum true-up. Amounts are exact (unrounded); only the line amount of the
 * whole evaluation is rounded to the currency's minor unit.
 */
struct SubLineItem {
    QString name;
    Decimal quantity;
    std::optional<Decimal> unitAmount;
    Decimal amount;
    /// What this part covers: tier bounds, matrix cell values, the group value, ...
    QJsonObject grouping;

    /// {"name", "quantity", "unit_amount" (or null), "amount", "grouping"}; decimals as canonical strings.
    QJsonObject toJson() const;
};

} // namespace orb::pricing
