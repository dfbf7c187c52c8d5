// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/Coupon.h"

#include <stdexcept>

namespace orb::billing {

Coupon::Coupon(QString id, Type type, const Decimal &value, std::optional<int> durationMonths, std::optional<int> maxRedemptions)
    : m_id(std::move(id)), m_type(type), m_value(value), m_durationMonths(durationMonths), m_maxRedemptions(maxRedemptions)
{
    if (m_value.isNegative())
        throw std::invalid_argument("a coupon's discount cannot be negative");
    if (m_type == Type::Percentage && m_value > Decimal(1))
        throw std::invalid_argument("a percentage coupon is a fraction from 0 to 1");
    if (m_durationMonths && *m_durationMonths < 1)
        throw std::invalid_argument("a coupon's duration is at least one month");
    if (m_maxRedemptions && *m_maxRedemptions < 1)
        throw std::invalid_argument("a coupon's redemption limit is at least one");
}

bool Coupon::canRedeem(int redemptionsSoFar) const
{
    return !m_maxRedemptions || redemptionsSoFar < *m_maxRedemptions;
}

bool Coupon::isActive(QDate redeemedOn, QDate periodStart) const
{
    if (periodStart < redeemedOn)
        return false;
    return !m_durationMonths || periodStart < redeemedOn.addMonths(*m_durationMonths);
}

} // namespace orb::billing
