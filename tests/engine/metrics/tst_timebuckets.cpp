// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/EventParser.h"
#include "engine/metrics/TimeBuckets.h"

#include <QtTest>

using orb::BucketSize;
using orb::TimeBucket;
using orb::TimeBuckets;

namespace {

QDateTime utc(const QString &iso)
{
    return *orb::EventParser::parseTimestamp(iso);
}

/// "2026-03-29 22:00Z+23h;…": label, UTC start (minutes) and length in hours (or minutes).
QString describe(const QList<TimeBucket> &buckets)
{
    QStringList parts;
    for (const TimeBucket &b : buckets) {
        const qint64 secs = b.start.secsTo(b.end);
        const QString length = secs % 3600 == 0 ? QString::number(secs / 3600) + QLatin1Char('h') : QString::number(secs / 60) + QLatin1Char('m');
        parts << b.label.toString(Qt::ISODate) + QLatin1Char(' ') + b.start.toUTC().toString(QStringLiteral("MM-ddTHH:mm")) + QStringLiteral("Z+") + length;
    }
    return parts.join(QLatin1Char(';'));
}

} // namespace

class TestTimeBuckets : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void bucketsCoverTheRangeExactly();
    void names();
};

void TestTimeBuckets::split_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QString>("expected");

    QTest::newRow("UTC days") << QByteArray("UTC") << "day"
                              << "2026-03-01T00:00:00Z"
                              << "2026-03-03T00:00:00Z"
                              << "2026-03-01 03-01T00:00Z+24h;2026-03-02 03-02T00:00Z+24h";
    QTest::newRow("Berlin spring forward: 23-hour day") << QByteArray("Europe/Berlin") << "day"
                                                        << "2026-03-27T23:00:00Z"
                                                        << "2026-03-30T22:00:00Z"
                                                        << "2026-03-28 03-27T23:00Z+24h;2026-03-29 03-28T23:00Z+23h;2026-03-30 03-29T22:00Z+24h";
    QTest::newRow("Berlin fall back: 25-hour day") << QByteArray("Europe/Berlin") << "day"
                                                   << "2026-10-24T22:00:00Z"
                                                   << "2026-10-26T23:00:00Z"
                                                   << "2026-10-25 10-24T22:00Z+25h;2026-10-26 10-25T23:00Z+24h";
    QTest::newRow("New York spring forward") << QByteArray("America/New_York") << "day"
                                             << "2026-03-08T05:00:00Z"
                                             << "2026-03-09T04:00:00Z"
                                             << "2026-03-08 03-08T05:00Z+23h";
    QTest::newRow("Santiago: midnight does not exist, the day starts at 01:00") << QByteArray("America/Santiago") << "day"
                                                                                << "2026-09-05T04:00:00Z"
                                                                                << "2026-09-07T03:00:00Z"
                                                                                << "2026-09-05 09-05T04:00Z+24h;2026-09-06 09-06T04:00Z+23h";
    QTest::newRow("clipped at both ends") << QByteArray("UTC") << "day"
                                          << "2026-03-01T12:00:00Z"
                                          << "2026-03-02T06:30:00Z"
                                          << "2026-03-01 03-01T12:00Z+12h;2026-03-02 03-02T00:00Z+390m";
    QTest::newRow("weeks start on Monday") << QByteArray("UTC") << "week"
                                           << "2026-03-04T00:00:00Z"
                                           << "2026-03-20T00:00:00Z"
                                           << "2026-03-02 03-04T00:00Z+120h;2026-03-09 03-09T00:00Z+168h;2026-03-16 03-16T00:00Z+96h";
    QTest::newRow("Berlin week across spring forward is 167 hours") << QByteArray("Europe/Berlin") << "week"
                                                                    << "2026-03-22T23:00:00Z"
                                                                    << "2026-03-29T22:00:00Z"
                                                                    << "2026-03-23 03-22T23:00Z+167h";
    QTest::newRow("months in New York, February and DST") << QByteArray("America/New_York") << "month"
                                                          << "2026-01-15T05:00:00Z"
                                                          << "2026-04-01T04:00:00Z"
                                                          << "2026-01-01 01-15T05:00Z+408h;2026-02-01 02-01T05:00Z+672h;2026-03-01 03-01T05:00Z+743h";
    QTest::newRow("leap February") << QByteArray("UTC") << "month"
                                   << "2028-02-01T00:00:00Z"
                                   << "2028-03-01T00:00:00Z"
                                   << "2028-02-01 02-01T00:00Z+696h";
    QTest::newRow("local date differs from the UTC date") << QByteArray("Asia/Tokyo") << "day"
                                                          << "2026-03-01T20:00:00Z"
                                                          << "2026-03-02T15:00:00Z"
                                                          << "2026-03-02 03-01T20:00Z+19h";
    QTest::newRow("empty range") << QByteArray("UTC") << "day"
                                 << "2026-03-01T00:00:00Z"
                                 << "2026-03-01T00:00:00Z"
                                 << "";
    QTest::newRow("reversed range") << QByteArray("UTC") << "day"
                                    << "2026-03-02T00:00:00Z"
                                    << "2026-03-01T00:00:00Z"
                                    << "";
}

void TestTimeBuckets::split()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, size);
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QString, expected);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const std::optional<BucketSize> bucketSize = TimeBuckets::sizeFromName(size);
    QVERIFY(bucketSize.has_value());
    QCOMPARE(describe(TimeBuckets::split(utc(start), utc(end), *bucketSize, tz)), expected);
}

void TestTimeBuckets::bucketsCoverTheRangeExactly()
{
    const QTimeZone tz(QByteArrayLiteral("Europe/London"));
    const QDateTime start = utc(QStringLiteral("2025-12-31T13:14:15.016Z"));
    const QDateTime end = utc(QStringLiteral("2027-01-02T01:02:03.004Z"));
    for (const BucketSize size : {BucketSize::Day, BucketSize::Week, BucketSize::Month}) {
        const QList<TimeBucket> buckets = TimeBuckets::split(start, end, size, tz);
        QVERIFY(!buckets.isEmpty());
        QCOMPARE(buckets.front().start, start);
        QCOMPARE(buckets.back().end, end);
        for (qsizetype i = 1; i < buckets.size(); ++i) {
            QCOMPARE(buckets[i].start, buckets[i - 1].end);
            // Inner boundaries are local midnights.
            QCOMPARE(buckets[i].start.toTimeZone(tz).time(), QTime(0, 0));
            QCOMPARE(buckets[i].start.toTimeZone(tz).date(), buckets[i].label);
        }
        // 31 Dec 2025 (a Wednesday) to 2 Jan 2027: 368 local days, the weeks of 29 Dec 2025 to 28 Dec
        // 2026 (53 Mondays), December 2025 to January 2027 (14 months).
        const int expectedCount = size == BucketSize::Day ? 368 : (size == BucketSize::Week ? 53 : 14);
        QCOMPARE(buckets.size(), expectedCount);
    }
}

void TestTimeBuckets::names()
{
    for (const BucketSize size : {BucketSize::Day, BucketSize::Week, BucketSize::Month})
        QCOMPARE(TimeBuckets::sizeFromName(TimeBuckets::sizeName(size)), std::optional<BucketSize>(size));
    QCOMPARE(TimeBuckets::sizeName(BucketSize::Week), QStringLiteral("week"));
    QVERIFY(!TimeBuckets::sizeFromName(u"fortnight").has_value());
}

QTEST_GUILESS_MAIN(TestTimeBuckets)
#include "tst_timebuckets.moc"
