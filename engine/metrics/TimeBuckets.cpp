// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/TimeBuckets.h"

namespace orb {

namespace {

QDate bucketStart(QDate date, BucketSize size)
{
    switch (size) {
    case BucketSize::Day: return date;
    case BucketSize::Week: return date.addDays(1 - date.dayOfWeek()); // ISO weeks: Monday is day 1
    case BucketSize::Month: return QDate(date.year(), date.month(), 1);
    }
    return date;
}

QDate nextBucket(QDate date, BucketSize size)
{
    switch (size) {
    case BucketSize::Day: return date.addDays(1);
    case BucketSize::Week: return date.addDays(7);
    case BucketSize::Month: return date.addMonths(1);
    }
    return date.addDays(1);
}

} // namespace

QList<TimeBucket> TimeBuckets::split(const QDateTime &start, const QDateTime &end, BucketSize size, const QTimeZone &zone)
{
    QList<TimeBucket> buckets;
    if (!start.isValid() || !end.isValid() || start >= end || !zone.isValid())
        return buckets;
    QDate label = bucketStart(start.toTimeZone(zone).date(), size);
    QDateTime bucketBegin = start.toUTC();
    const QDateTime last = end.toUTC();
    while (bucketBegin < last) {
        const QDate next = nextBucket(label, size);
        // startOfDay() handles zones whose DST change skips midnight.
        const QDateTime boundary = next.startOfDay(zone).toUTC();
        const QDateTime bucketEnd = boundary < last ? boundary : last;
        if (bucketBegin < bucketEnd)
            buckets.append(TimeBucket{label, bucketBegin, bucketEnd});
        bucketBegin = bucketEnd;
        label = next;
    }
    return buckets;
}

std::optional<BucketSize> TimeBuckets::sizeFromName(QStringView name)
{
    if (name == u"day")
        return BucketSize::Day;
    if (name == u"week")
        return BucketSize::Week;
    if (name == u"month")
        return BucketSize::Month;
    return std::nullopt;
}

QString TimeBuckets::sizeName(BucketSize size)
{
    switch (size) {
    case BucketSize::Day: return QStringLiteral("day");
    case BucketSize::Week: return QStringLiteral("week");
    case BucketSize::Month: return QStringLiteral("month");
    }
    return QString();
}

} // namespace orb
