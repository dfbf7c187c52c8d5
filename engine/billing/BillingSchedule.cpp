// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/BillingSchedule.h"

#include <QHash>

#include <algorithm>
#include <stdexcept>

namespace orb::billing {

BillingSchedule::BillingSchedule(QDate startDate, QTimeZone zone, BillingCadence cadence, BillingAlignment alignment, int trialDays,
                                 std::optional<QDate> endDate)
    : m_startDate(startDate), m_zone(std::move(zone)), m_cadence(cadence), m_alignment(alignment), m_trialDays(trialDays), m_endDate(endDate)
{
    if (!m_startDate.isValid())
        throw std::invalid_argument("the subscription start date is not a valid date");
    if (!m_zone.isValid())
        throw std::invalid_argument("the customer's time zone is not a known IANA zone");
    if (m_trialDays < 0)
        throw std::invalid_argument("trial days cannot be negative");
    // An end on the start date is a valid, empty subscription (Orb sets end_date = start_date
    // when an upcoming subscription is cancelled): it has no period and no trial.
    if (m_endDate && !(m_endDate->isValid() && *m_endDate >= m_startDate))
        throw std::invalid_argument("the end date must be a valid date on or after the start date");
    m_billingStart = m_startDate.addDays(m_trialDays);
    m_grid = firstGridDate();
}

QDateTime BillingSchedule::startOfDayUtc(QDate date, const QTimeZone &zone)
{
    // An invoice run asks this for the same few days and zones thousands of times (every
    // period of every subscription), and a zone lookup costs far more than a hash probe. The
    // answer depends on the zone's rules alone, so it is kept per thread (no locking), by
    // zone id and day; the table is emptied when it grows large.
    thread_local QHash<QPair<QByteArray, qint64>, qint64> known;
    if (!date.isValid() || !zone.isValid())
        return date.startOfDay(zone).toUTC();
    const QPair<QByteArray, qint64> key{zone.id(), date.toJulianDay()};
    const auto it = known.constFind(key);
    if (it != known.constEnd())
        return QDateTime::fromMSecsSinceEpoch(*it, Qt::UTC);
    // QDate::startOfDay handles zones where midnight itself is skipped by a DST jump.
    const QDateTime start = date.startOfDay(zone).toUTC();
    if (!start.isValid())
        return start;
    if (known.size() >= 65536)
        known.clear();
    known.insert(key, start.toMSecsSinceEpoch());
    return start;
}

QDate BillingSchedule::localDate(const QDateTime &instant, const QTimeZone &zone)
{
    return instant.toTimeZone(zone).date();
}

QDate BillingSchedule::firstGridDate() const
{
    if (m_alignment != BillingAlignment::FirstOfMonth || m_cadence.unit() != BillingCadence::Unit::Month)
        return m_billingStart;
    const int n = m_cadence.count();
    QDate d(m_billingStart.year(), m_billingStart.month(), 1);
    if (d < m_billingStart)
        d = d.addMonths(1);
    // Cadences that divide a year sit on the calendar grid (quarters from Jan, Apr, Jul, Oct;
    // halves from Jan and Jul; years from Jan); others count from the first 1st reached.
    if (12 % n == 0) {
        while ((d.month() - 1) % n != 0)
            d = d.addMonths(1);
    }
    return d;
}

// The index-th period start, always computed from the anchor rather than from the previous
// boundary: that is what brings Jan 31 → Feb 28 back to Mar 31.
QDate BillingSchedule::boundary(int index) const
{
    const int n = m_cadence.count();
    if (m_cadence.unit() == BillingCadence::Unit::Day)
        return m_billingStart.addDays(qint64(index) * n);
    if (m_grid == m_billingStart)
        return m_billingStart.addMonths(index * n);
    return index == 0 ? m_billingStart : m_grid.addMonths((index - 1) * n);
}

BillingPeriod BillingSchedule::makePeriod(int index, QDate start, QDate end, QDate fullStart, QDate fullEnd) const
{
    BillingPeriod p;
    p.index = index;
    p.startDate = start;
    p.endDate = end;
    p.fullStartDate = fullStart;
    p.fullEndDate = fullEnd;
    p.start = startOfDayUtc(start, m_zone);
    p.end = startOfDayUtc(end, m_zone);
    return p;
}

std::optional<BillingPeriod> BillingSchedule::trialPeriod() const
{
    if (m_trialDays == 0 || (m_endDate && *m_endDate <= m_startDate))
        return std::nullopt;
    QDate end = m_billingStart;
    if (m_endDate && *m_endDate < end)
        end = *m_endDate;
    BillingPeriod p = makePeriod(-1, m_startDate, end, m_startDate, m_billingStart);
    p.trial = true;
    return p;
}

std::optional<BillingPeriod> BillingSchedule::period(int index) const
{
    if (index < 0)
        return std::nullopt;
    const QDate start = boundary(index);
    const QDate end = boundary(index + 1);
    if (m_endDate && start >= *m_endDate)
        return std::nullopt;
    QDate fullStart = start;
    if (index == 0 && m_grid != m_billingStart)
        fullStart = m_grid.addMonths(-m_cadence.count()); // the stub is the tail of this period
    const QDate cutEnd = (m_endDate && *m_endDate < end) ? *m_endDate : end;
    return makePeriod(index, start, cutEnd, fullStart, end);
}

int BillingSchedule::estimateIndex(QDate date) const
{
    const int n = m_cadence.count();
    if (m_cadence.unit() == BillingCadence::Unit::Day)
        return static_cast<int>(m_billingStart.daysTo(date) / n);
    const int months = (date.year() - m_billingStart.year()) * 12 + date.month() - m_billingStart.month();
    return std::max(0, months / n - 1);
}

std::optional<BillingPeriod> BillingSchedule::periodContainingDate(QDate date) const
{
    if (!date.isValid() || date < m_billingStart || (m_endDate && date >= *m_endDate))
        return std::nullopt;
    // The estimate is at most a period or two off (month lengths, the stub); walk from it.
    int k = std::max(0, estimateIndex(date) - 1);
    while (k > 0 && boundary(k) > date)
        --k;
    while (boundary(k + 1) <= date)
        ++k;
    return period(k);
}

std::optional<BillingPeriod> BillingSchedule::periodContaining(const QDateTime &instant) const
{
    const auto p = periodContainingDate(localDate(instant, m_zone));
    if (p && p->contains(instant))
        return p;
    return std::nullopt;
}

QList<BillingPeriod> BillingSchedule::periodsOverlapping(const QDateTime &from, const QDateTime &to) const
{
    QList<BillingPeriod> out;
    if (!(from < to))
        return out;
    int k = 0;
    if (const auto first = periodContaining(from))
        k = first->index;
    else if (from >= startOfDayUtc(m_billingStart, m_zone))
        return out; // from lies at or after the end date
    for (auto p = period(k); p && p->start < to; p = period(++k))
        out.append(*p);
    return out;
}

std::optional<int> BillingSchedule::periodCount() const
{
    if (!m_endDate)
        return std::nullopt;
    if (*m_endDate <= m_billingStart)
        return 0;
    return periodContainingDate(m_endDate->addDays(-1))->index + 1;
}

bool BillingSchedule::isInTrial(const QDateTime &instant) const
{
    const auto t = trialPeriod();
    return t && t->contains(instant);
}

} // namespace orb::billing
