// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/BillingCadence.h"

#include <stdexcept>

namespace orb::billing {

// The bounds only keep date arithmetic far from QDate's limits; no real plan comes near them.
static constexpr int MaxDays = 3660;
static constexpr int MaxMonths = 120;

BillingCadence BillingCadence::days(int count)
{
    if (count < 1 || count > MaxDays)
        throw std::invalid_argument("a cadence in days needs 1 to 3660 days");
    return BillingCadence(Unit::Day, count);
}

BillingCadence BillingCadence::months(int count)
{
    if (count < 1 || count > MaxMonths)
        throw std::invalid_argument("a cadence in months needs 1 to 120 months");
    return BillingCadence(Unit::Month, count);
}

std::optional<BillingCadence> BillingCadence::fromOrb(QStringView cadence, qint64 duration, QStringView durationUnit)
{
    if (cadence == u"monthly")
        return monthly();
    if (cadence == u"quarterly")
        return quarterly();
    if (cadence == u"semi_annual")
        return semiAnnual();
    if (cadence == u"annual")
        return annual();
    if (cadence != u"custom")
        return std::nullopt;
    if (durationUnit == u"day" && duration >= 1 && duration <= MaxDays)
        return days(static_cast<int>(duration));
    if (durationUnit == u"month" && duration >= 1 && duration <= MaxMonths)
        return months(static_cast<int>(duration));
    return std::nullopt;
}

QString BillingCadence::orbName() const
{
    if (m_unit == Unit::Month) {
        switch (m_count) {
        case 1: return QStringLiteral("monthly");
        case 3: return QStringLiteral("quarterly");
        case 6: return QStringLiteral("semi_annual");
        case 12: return QStringLiteral("annual");
        default: break;
        }
    }
    return QStringLiteral("custom");
}

QString BillingCadence::toString() const
{
    const QString unit = m_unit == Unit::Month ? QStringLiteral("month") : QStringLiteral("day");
    return QString::number(m_count) + u' ' + unit + (m_count == 1 ? QString() : QStringLiteral("s"));
}

} // namespace orb::billing
