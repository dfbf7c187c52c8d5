// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace orb {

enum class BucketSize : quint8 { Day, Week, Month };

/// One report bucket: [start, end) in UTC, and the local date the bucket is named after (the
/// day, the Monday of the week, the first of the month).
struct TimeBucket {
    QDate label;
    QDateTime start;
    QDateTime end;

    bool operator==(const TimeBucket &o) const { return label == o.label && start == o.start && end == o.end; }
};

/**
 * Splits [start, end) into days, weeks (starting Monday) or months whose boundaries are local
 * midnights in a time zone. The first and last buckets are clipped to the range, so the
 * buckets cover it exactly. Days across a DST change last 23 or 25 hours; where a zone skips
 * midnight itself, the day starts at its first existing instant.
 */
class TimeBuckets final
{
public:
    static QList<TimeBucket> split(const QDateTime &start, const QDateTime &end, BucketSize size, const QTimeZone &zone);
    static std::optional<BucketSize> sizeFromName(QStringView name);
    static QString sizeName(BucketSize size);
};

} // namespace orb
