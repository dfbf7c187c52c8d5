// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace orb::billing {

/**
 * How long one billing period is: a whole number of months (monthly 1, quarterly 3,
 * semi-annual 6, annual 12, custom N) or of days (custom N). Months are calendar months, so a
 * period's length in days varies; see docs/BILLING.md.
 */
class BillingCadence final
{
public:
    enum class Unit { Day, Month };

    /// Monthly.
    BillingCadence() = default;
    static BillingCadence monthly() { return BillingCadence(Unit::Month, 1); }
    static BillingCadence quarterly() { return BillingCadence(Unit::Month, 3); }
    static BillingCadence semiAnnual() { return BillingCadence(Unit::Month, 6); }
    static BillingCadence annual() { return BillingCadence(Unit::Month, 12); }
    /// Custom cadences; throws std::invalid_argument unless 1 ≤ count ≤ 3660 days / 120 months.
    static BillingCadence days(int count);
    static BillingCadence months(int count);
    /// Orb's names: monthly, quarterly, semi_annual, annual, or custom with
    /// billing_cycle_configuration {duration, duration_unit: day|month}. Nothing when invalid.
    static std::optional<BillingCadence> fromOrb(QStringView cadence, qint64 duration = 0, QStringView durationUnit = {});

    Unit unit() const { return m_unit; }
    int count() const { return m_count; }
    /// "monthly", "quarterly", "semi_annual", "annual", else "custom".
    QString orbName() const;
    /// For people and logs: "1 month", "3 months", "14 days".
    QString toString() const;

    bool operator==(const BillingCadence &o) const { return m_unit == o.m_unit && m_count == o.m_count; }
    bool operator!=(const BillingCadence &o) const { return !(*this == o); }

private:
    BillingCadence(Unit unit, int count) : m_unit(unit), m_count(count) {}

    Unit m_unit = Unit::Month;
    int m_count = 1;
};

} // namespace orb::billing
