// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

namespace orb::billing {

/**
 * A coupon: a percentage (fraction 0..1) or an amount off the invoice after adjustments and
 * before taxes, for a number of months from redemption (or forever), redeemable a limited number
 * of times. The store counts redemptions; canRedeem() and isActive() are the rules.
 */
class Coupon final
{
public:
    enum class Type { Percentage, Amount };

    Coupon() = default;
    /// durationMonths: nothing = forever; 1 = the first month only. Throws std::invalid_argument
    /// for a negative value, a fraction above 1, or a duration / redemption limit below 1.
    Coupon(QString id, Type type, const Decimal &value, std::optional<int> durationMonths = std::nullopt, std::optional<int> maxRedemptions = std::nullopt);

    const QString &id() const { return m_id; }
    Type type() const { return m_type; }
    const Decimal &value() const { return m_value; }
    std::optional<int> durationMonths() const { return m_durationMonths; }
    std::optional<int> maxRedemptions() const { return m_maxRedemptions; }
    /// Prices it is limited to; empty = the whole invoice.
    const QStringList &appliesToPriceIds() const { return m_priceIds; }
    void setAppliesToPriceIds(QStringList ids) { m_priceIds = std::move(ids); }

    /// Whether one more redemption is allowed after `redemptionsSoFar`.
    bool canRedeem(int redemptionsSoFar) const;
    /// Whether a coupon redeemed on `redeemedOn` still discounts an invoice for a period starting
    /// on `periodStart`: periodStart < redeemedOn + durationMonths (month ends clamped).
    bool isActive(QDate redeemedOn, QDate periodStart) const;

private:
    QString m_id;
    Type m_type = Type::Percentage;
    Decimal m_value;
    std::optional<int> m_durationMonths;
    std::optional<int> m_maxRedemptions;
    QStringList m_priceIds;
};

} // namespace orb::billing
