// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/Adjustment.h"

#include <stdexcept>

namespace orb::billing {

Adjustment::Adjustment(Kind kind, const Decimal &value, QStringList priceIds, QString id)
    : m_kind(kind), m_value(value), m_priceIds(std::move(priceIds)), m_id(std::move(id))
{
    // Negative values would turn a discount into a charge (or a cap into a floor) silently.
    if (m_value.isNegative())
        throw std::invalid_argument("an adjustment's value cannot be negative");
    if (m_kind == Kind::PercentageDiscount && m_value > Decimal(1))
        throw std::invalid_argument("a percentage discount is a fraction from 0 to 1");
    if (m_kind == Kind::UsageDiscount && !isPriceLevel())
        throw std::invalid_argument("a usage discount applies to exactly one price");
}

Adjustment Adjustment::usageDiscount(const Decimal &units, QStringList ids, QString id)
{
    return Adjustment(Kind::UsageDiscount, units, std::move(ids), std::move(id));
}

Adjustment Adjustment::amountDiscount(const Decimal &amount, QStringList ids, QString id)
{
    return Adjustment(Kind::AmountDiscount, amount, std::move(ids), std::move(id));
}

Adjustment Adjustment::percentageDiscount(const Decimal &fraction, QStringList ids, QString id)
{
    return Adjustment(Kind::PercentageDiscount, fraction, std::move(ids), std::move(id));
}

Adjustment Adjustment::minimum(const Decimal &amount, QStringList ids, QString id)
{
    return Adjustment(Kind::Minimum, amount, std::move(ids), std::move(id));
}

Adjustment Adjustment::maximum(const Decimal &amount, QStringList ids, QString id)
{
    return Adjustment(Kind::Maximum, amount, std::move(ids), std::move(id));
}

QString Adjustment::kindName(Kind kind)
{
    switch (kind) {
    case Kind::UsageDiscount: return QStringLiteral("usage_discount");
    case Kind::AmountDiscount: return QStringLiteral("amount_discount");
    case Kind::PercentageDiscount: return QStringLiteral("percentage_discount");
    case Kind::Minimum: return QStringLiteral("minimum");
    case Kind::Maximum: return QStringLiteral("maximum");
    }
    return {};
}

} // namespace orb::billing
