// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/billing/BillingCadence.h"
#include "engine/billing/BillingPeriod.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace orb::billing {

/// Where a subscription's periods fall.
enum class BillingAlignment {
    StartDate,    ///< periods renew on the start date's day of month (clamped to month ends)
    FirstOfMonth, ///< periods begin on the 1st; a short first period leads up to the grid
};

/**
 * The billing periods of one subscription: half-open [start, end) ranges of local dates in the
 * customer's IANA zone, given as UTC instants at local midnight.
 *
 * With start-date alignment the n-th period starts at (billing start + n × cadence), always
 * counted from the billing start, so a start on Jan 31 renews Feb 28 (29), Mar 31, Apr 30.
 * With first-of-month alignment a start off the grid gives a short first period up to the next
 * grid date: the 1st of the next month for monthly; calendar quarters, halves and years (from
 * Jan 1) for quarterly, semi-annual and annual; see docs/BILLING.md for custom cadences.
 *
 * A trial of N days comes first ([start, start + N days), not billed); billing starts after it.
 * An end date (exclusive) cuts the last period short and ends the schedule.
 */
class BillingSchedule final
{
public:
    /// Throws std::invalid_argument for an invalid start date or zone, a negative trial or an
    /// end date before the start date. An end date on the start date gives an empty schedule,
    /// as does one on or before the end of the trial.
    BillingSchedule(QDate startDate, QTimeZone zone, BillingCadence cadence = {}, BillingAlignment alignment = BillingAlignment::StartDate, int trialDays = 0,
                    std::optional<QDate> endDate = std::nullopt);

    /// The first instant of a local date in the zone, in UTC. A day whose midnight falls in a
    /// daylight-saving gap starts at the first instant that exists.
    static QDateTime startOfDayUtc(QDate date, const QTimeZone &zone);
    /// The local date of an instant in the zone.
    static QDate localDate(const QDateTime &instant, const QTimeZone &zone);

    QDate startDate() const { return m_startDate; }
    /// The first billed day: the start date plus the trial days.
    QDate billingStartDate() const { return m_billingStart; }
    std::optional<QDate> endDate() const { return m_endDate; }
    const QTimeZone &timeZone() const { return m_zone; }
    BillingCadence cadence() const { return m_cadence; }
    BillingAlignment alignment() const { return m_alignment; }

    /// The trial period, if there is one (cut short by the end date).
    std::optional<BillingPeriod> trialPeriod() const;
    /// The n-th billing period (n ≥ 0), or nothing past the end date.
    std::optional<BillingPeriod> period(int index) const;
    /// The billing period containing the instant; nothing before billing starts (trial
    /// included) or from the end date on.
    std::optional<BillingPeriod> periodContaining(const QDateTime &instant) const;
    /// The billing period containing the local date.
    std::optional<BillingPeriod> periodContainingDate(QDate date) const;
    /// Every billing period overlapping [from, to), in order.
    QList<BillingPeriod> periodsOverlapping(const QDateTime &from, const QDateTime &to) const;
    /// How many billing periods there are; nothing for an open-ended subscription.
    std::optional<int> periodCount() const;
    /// Whether the instant lies in the trial.
    bool isInTrial(const QDateTime &instant) const;

private:
    QDate boundary(int index) const;
    QDate firstGridDate() const;
    int estimateIndex(QDate date) const;
    BillingPeriod makePeriod(int index, QDate start, QDate end, QDate fullStart, QDate fullEnd) const;

    QDate m_startDate;
    QTimeZone m_zone;
    BillingCadence m_cadence;
    BillingAlignment m_alignment;
    int m_trialDays = 0;
    std::optional<QDate> m_endDate;
    QDate m_billingStart;
    QDate m_grid; ///< first-of-month alignment: the first grid date on or after billing start
};

} // namespace orb::billing
