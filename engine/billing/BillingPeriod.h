// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>

namespace orb::billing {

/**
 * One billing period: the half-open range [start, end) as UTC instants at local midnight in
 * the customer's zone, with the local dates it was computed from. `fullStartDate`/`fullEndDate`
 * give the whole cadence period a short period is part of (a first-of-month stub, a period cut
 * short by the subscription's end), which is what its fees are prorated against.
 */
struct BillingPeriod {
    int index = -1;      ///< 0 for the first billing period; -1 for a trial or an invalid period
    QDate startDate;     ///< local date, inclusive
    QDate endDate;       ///< local date, exclusive
    QDate fullStartDate; ///< the whole cadence period, = startDate unless short at its start
    QDate fullEndDate;   ///< = endDate unless cut short
    QDateTime start;     ///< UTC, local midnight of startDate
    QDateTime end;       ///< UTC, local midnight of endDate
    bool trial = false;  ///< the free trial before billing starts

    bool isValid() const { return startDate.isValid() && endDate.isValid() && startDate < endDate; }
    /// Calendar days in the period (a day of a daylight-saving change counts as one).
    qint64 days() const { return startDate.daysTo(endDate); }
    /// Calendar days of the whole cadence period.
    qint64 fullDays() const { return fullStartDate.daysTo(fullEndDate); }
    /// Whether the period is shorter than its cadence period (and so prorated).
    bool isPartial() const { return startDate != fullStartDate || endDate != fullEndDate; }
    /// start ≤ instant < end.
    bool contains(const QDateTime &instant) const;
    /// startDate ≤ date < endDate.
    bool containsDate(QDate date) const { return startDate <= date && date < endDate; }

    bool operator==(const BillingPeriod &o) const;
    bool operator!=(const BillingPeriod &o) const { return !(*this == o); }
};

} // namespace orb::billing
