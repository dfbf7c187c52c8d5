// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/Proration.h"

#include "engine/billing/BillingSchedule.h"

#include <stdexcept>

namespace orb::billing {

static void requireDays(qint64 days, qint64 periodDays)
{
    if (periodDays <= 0)
        throw std::invalid_argument("a proration needs a period of at least one day");
    if (days < 0 || days > periodDays)
        throw std::invalid_argument("the prorated days must lie within the period");
}

// The whole cadence period's days: a short period is prorated against what it is part of.
static qint64 wholeDays(const BillingPeriod &period)
{
    return period.fullDays() > 0 ? period.fullDays() : period.days();
}

static void requireInside(const BillingPeriod &period, QDate date, const char *what)
{
    if (!period.isValid() || date < period.startDate || date > period.endDate)
        throw std::invalid_argument(std::string(what) + " must lie within the billing period");
}

Decimal Proration::factor(qint64 days, qint64 periodDays, int places)
{
    requireDays(days, periodDays);
    return Decimal(days).divide(Decimal(periodDays), places, Rounding::HalfUp);
}

Money Proration::prorate(const Money &amount, qint64 days, qint64 periodDays, Rounding rounding)
{
    requireDays(days, periodDays);
    // amount × days is exact; the single division rounds straight to the minor unit.
    const Decimal exact = (amount.amount() * Decimal(days)).divide(Decimal(periodDays), amount.currency().minorUnits(), rounding);
    return Money(exact, amount.currency());
}

Money Proration::forPeriod(const Money &fee, const BillingPeriod &period, Rounding rounding)
{
    if (!period.isValid())
        throw std::invalid_argument("the billing period is not valid");
    return prorate(fee, period.days(), wholeDays(period), rounding);
}

PlanChangeProration Proration::planChange(const BillingPeriod &period, QDate changeDate, const Money &oldInAdvanceFee, const Money &newInAdvanceFee,
                                          const QTimeZone &zone, Rounding rounding)
{
    requireInside(period, changeDate, "the change date");
    PlanChangeProration r;
    r.periodDays = wholeDays(period);
    // Days not billed in this (possibly short) period count as used: the customer never paid
    // for them, so they cannot be credited.
    r.remainingDays = days(changeDate, period.endDate);
    r.usedDays = r.periodDays - r.remainingDays;
    r.unusedCredit = prorate(oldInAdvanceFee, r.remainingDays, r.periodDays, rounding);
    r.newCharge = prorate(newInAdvanceFee, r.remainingDays, r.periodDays, rounding);
    r.oldUsageEnd = BillingSchedule::startOfDayUtc(changeDate, zone);
    r.newUsageStart = r.oldUsageEnd;
    return r;
}

Money Proration::quantityChange(const BillingPeriod &period, QDate changeDate, const Money &unitPrice, const Decimal &oldQuantity, const Decimal &newQuantity,
                                Rounding rounding)
{
    requireInside(period, changeDate, "the quantity change date");
    const Money delta = unitPrice * (newQuantity - oldQuantity);
    return prorate(delta, days(changeDate, period.endDate), wholeDays(period), rounding);
}

Money Proration::cancellationCredit(const BillingPeriod &period, QDate endDate, const Money &inAdvanceFee, Rounding rounding)
{
    requireInside(period, endDate, "the cancellation date");
    return prorate(inAdvanceFee, days(endDate, period.endDate), wholeDays(period), rounding);
}

} // namespace orb::billing
