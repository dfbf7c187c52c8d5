// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/pricing/SubLineItem.h"

#include <QJsonObject>
#include <QList>

namespace orb::pricing {

/**
 * What a price charges for some usage. `subtotal` is exact; `amount` is the subtotal rounded
 * half-up to the currency's minor unit, the one rounding point of a price. Price-level minimums,
 * maximums, discounts and the conversion rate are NOT applied here: the invoice composer applies
 * them to the line (see docs/PRICING.md).
 */
struct PriceEvaluation {
    Decimal quantity;
    Decimal subtotal;
    Decimal amount;
    Currency currency;
    QList<SubLineItem> subLineItems;

    /// {"quantity","subtotal","amount","currency","sub_line_items":[...]}. The amount keeps the
    /// currency's places ("12.50"); quantity and subtotal are canonical ("12.5").
    QJsonObject toJson() const;
};

} // namespace orb::pricing
