// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/Money.h"
#include "engine/billing/BillingPeriod.h"

#include <QDate>

namespace orb::billing {

/// What a mid-period plan change costs and returns, for fees billed in advance.
struct PlanChangeProration {
    qint64 periodDays = 0;    ///< calendar days of the (whole) period
    qint64 usedDays = 0;      ///< days on the old plan: period start → change date
    qint64 remainingDays = 0; ///< days on the new plan: change date → period end
    Money unusedCredit;       ///< old in-advance fee × remaining / period days; to the balance
    Money newCharge;          ///< new in-advance fee × remaining / period days; billed now
    QDateTime oldUsageEnd;    ///< usage before this instant is billed on the old plan
    QDateTime newUsageStart;  ///< and from it on the new plan (the same instant)

    /// newCharge − unusedCredit: what the change costs the customer on balance.
    Money net() const { return newCharge - unusedCredit; }
};

/**
 * Day-based proration. Days are calendar days in the customer's zone (the dates of a
 * BillingPeriod), so a day of a daylight-saving change counts as one day.
 *
 * Amounts are prorated exactly: amount × days is formed first (exact) and divided once by the
 * period's days, rounding to the currency's minor unit at that one point. The factor itself is
 * never rounded on the way. factor() exists for the price models that want a factor
 * (EvaluationContext::prorationFactor) and is stated at FactorPlaces decimal places.
 */
class Proration final
{
public:
    static constexpr int FactorPlaces = 12;

    Proration() = delete;

    /// Calendar days from `from` (inclusive) to `to` (exclusive); negative when to < from.
    static qint64 days(QDate from, QDate to) { return from.daysTo(to); }
    /// days / periodDays rounded half-up at `places`. Throws std::invalid_argument if
    /// periodDays ≤ 0 or days is outside 0..periodDays.
    static Decimal factor(qint64 days, qint64 periodDays, int places = FactorPlaces);
    /// amount × days / periodDays, rounded once to the currency's minor unit.
    static Money prorate(const Money &amount, qint64 days, qint64 periodDays, Rounding rounding = Rounding::HalfUp);
    /// The fee of a short period (first-of-month stub, a period cut by the end date): the fee
    /// × days of the period / days of its whole cadence period. A full period gives the fee.
    static Money forPeriod(const Money &fee, const BillingPeriod &period, Rounding rounding = Rounding::HalfUp);

    /**
     * A plan change effective on `changeDate` inside `period` (the day of the change is on the
     * new plan). Credit for the unused part of the old in-advance fee, charge of the new fee for
     * the rest. Both are prorated against the whole cadence period. Throws std::invalid_argument
     * if the change date is outside the period.
     */
    static PlanChangeProration planChange(const BillingPeriod &period, QDate changeDate, const Money &oldInAdvanceFee, const Money &newInAdvanceFee,
                                          const QTimeZone &zone, Rounding rounding = Rounding::HalfUp);
    /**
     * A fixed-fee quantity (seat) change effective on `changeDate`: unit price × (new − old)
     * × remaining days / period days, one rounding. Positive is charged now; negative is a
     * credit for the unused part.
     */
    static Money quantityChange(const BillingPeriod &period, QDate changeDate, const Money &unitPrice, const Decimal &oldQuantity, const Decimal &newQuantity,
                                Rounding rounding = Rounding::HalfUp);
    /**
     * The credit for the unused part of an in-advance fee when the subscription ends on
     * `endDate` (exclusive) inside `period`: fee × (period end − endDate) / period days.
     * Ending at the period's end credits nothing. Throws std::invalid_argument outside the period.
     */
    static Money cancellationCredit(const BillingPeriod &period, QDate endDate, const Money &inAdvanceFee, Rounding rounding = Rounding::HalfUp);
};

} // namespace orb::billing
