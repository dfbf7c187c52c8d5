// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/BillingSchedule.h"

#include <QtTest>

using namespace orb::billing;

namespace {

// "1M", "3M", "14D": the cadence of a table row.
BillingCadence cadenceOf(const QString &text)
{
    const int n = text.chopped(1).toInt();
    return text.endsWith(u'D') ? BillingCadence::days(n) : BillingCadence::months(n);
}

QDate date(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

class TestBillingPeriods : public QObject
{
    Q_OBJECT

private slots:
    void nthPeriod_data();
    void nthPeriod();
    void utcInstants_data();
    void utcInstants();
    void lookup_data();
    void lookup();
    void trialAndEnd();
    void overlapping();
    void cadenceNames_data();
    void cadenceNames();
    void invalidInput();
    void emptySchedules_data();
    void emptySchedules();
};

void TestBillingPeriods::nthPeriod_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QString>("cadence");
    QTest::addColumn<bool>("firstOfMonth");
    QTest::addColumn<int>("index");
    QTest::addColumn<QDate>("periodStart");
    QTest::addColumn<QDate>("periodEnd");
    QTest::addColumn<QDate>("fullStart");

    // Start-date alignment clamps to month ends and comes back (always from the anchor).
    QTest::newRow("jan31 p0") << date("2023-01-31") << "1M" << false << 0 << date("2023-01-31") << date("2023-02-28") << date("2023-01-31");
    QTest::newRow("jan31 p1 feb28") << date("2023-01-31") << "1M" << false << 1 << date("2023-02-28") << date("2023-03-31") << date("2023-02-28");
    QTest::newRow("jan31 p2 mar31") << date("2023-01-31") << "1M" << false << 2 << date("2023-03-31") << date("2023-04-30") << date("2023-03-31");
    QTest::newRow("jan31 p3 apr30") << date("2023-01-31") << "1M" << false << 3 << date("2023-04-30") << date("2023-05-31") << date("2023-04-30");
    QTest::newRow("jan31 leap feb29") << date("2024-01-31") << "1M" << false << 1 << date("2024-02-29") << date("2024-03-31") << date("2024-02-29");
    QTest::newRow("jan30 leap feb29") << date("2024-01-30") << "1M" << false << 1 << date("2024-02-29") << date("2024-03-30") << date("2024-02-29");
    QTest::newRow("jan29 nonleap feb28") << date("2023-01-29") << "1M" << false << 1 << date("2023-02-28") << date("2023-03-29") << date("2023-02-28");
    QTest::newRow("jan29 leap feb29") << date("2024-01-29") << "1M" << false << 1 << date("2024-02-29") << date("2024-03-29") << date("2024-02-29");
    QTest::newRow("aug31 p1 sep30") << date("2023-08-31") << "1M" << false << 1 << date("2023-09-30") << date("2023-10-31") << date("2023-09-30");
    QTest::newRow("dec31 into new year") << date("2023-12-31") << "1M" << false << 2 << date("2024-02-29") << date("2024-03-31") << date("2024-02-29");
    QTest::newRow("monthly p11 of 12") << date("2023-03-15") << "1M" << false << 11 << date("2024-02-15") << date("2024-03-15") << date("2024-02-15");
    QTest::newRow("quarterly nov30") << date("2023-11-30") << "3M" << false << 1 << date("2024-02-29") << date("2024-05-30") << date("2024-02-29");
    QTest::newRow("semi annual aug31") << date("2023-08-31") << "6M" << false << 1 << date("2024-02-29") << date("2024-08-31") << date("2024-02-29");
    QTest::newRow("annual feb29 → feb28") << date("2024-02-29") << "12M" << false << 1 << date("2025-02-28") << date("2026-02-28") << date("2025-02-28");
    QTest::newRow("annual feb29 back in 2028") << date("2024-02-29") << "12M" << false << 4 << date("2028-02-29") << date("2029-02-28") << date("2028-02-29");
    QTest::newRow("custom 14 days") << date("2023-12-25") << "14D" << false << 1 << date("2024-01-08") << date("2024-01-22") << date("2024-01-08");
    QTest::newRow("custom 2 months") << date("2023-12-31") << "2M" << false << 1 << date("2024-02-29") << date("2024-04-30") << date("2024-02-29");
    QTest::newRow("custom 30 days leap") << date("2024-02-01") << "30D" << false << 1 << date("2024-03-02") << date("2024-04-01") << date("2024-03-02");

    // First-of-month alignment: a short first period, then the grid.
    QTest::newRow("fom monthly stub") << date("2023-07-15") << "1M" << true << 0 << date("2023-07-15") << date("2023-08-01") << date("2023-07-01");
    QTest::newRow("fom monthly p1") << date("2023-07-15") << "1M" << true << 1 << date("2023-08-01") << date("2023-09-01") << date("2023-08-01");
    QTest::newRow("fom monthly on the 1st") << date("2023-07-01") << "1M" << true << 0 << date("2023-07-01") << date("2023-08-01") << date("2023-07-01");
    QTest::newRow("fom quarterly stub") << date("2023-05-10") << "3M" << true << 0 << date("2023-05-10") << date("2023-07-01") << date("2023-04-01");
    QTest::newRow("fom quarterly p1") << date("2023-05-10") << "3M" << true << 1 << date("2023-07-01") << date("2023-10-01") << date("2023-07-01");
    QTest::newRow("fom quarterly on feb 1") << date("2023-02-01") << "3M" << true << 0 << date("2023-02-01") << date("2023-04-01") << date("2023-01-01");
    QTest::newRow("fom semi annual stub") << date("2023-03-31") << "6M" << true << 0 << date("2023-03-31") << date("2023-07-01") << date("2023-01-01");
    QTest::newRow("fom annual stub") << date("2023-03-15") << "12M" << true << 0 << date("2023-03-15") << date("2024-01-01") << date("2023-01-01");
    QTest::newRow("fom annual p1") << date("2023-03-15") << "12M" << true << 1 << date("2024-01-01") << date("2025-01-01") << date("2024-01-01");
    QTest::newRow("fom custom 5 months") << date("2023-03-15") << "5M" << true << 1 << date("2023-04-01") << date("2023-09-01") << date("2023-04-01");
    QTest::newRow("fom custom days ignores") << date("2023-03-15") << "10D" << true << 1 << date("2023-03-25") << date("2023-04-04") << date("2023-03-25");
}

void TestBillingPeriods::nthPeriod()
{
    QFETCH(QDate, start);
    QFETCH(QString, cadence);
    QFETCH(bool, firstOfMonth);
    QFETCH(int, index);
    QFETCH(QDate, periodStart);
    QFETCH(QDate, periodEnd);
    QFETCH(QDate, fullStart);

    const BillingSchedule s(start, QTimeZone("UTC"), cadenceOf(cadence), firstOfMonth ? BillingAlignment::FirstOfMonth : BillingAlignment::StartDate);
    const auto p = s.period(index);
    QVERIFY(p.has_value());
    QCOMPARE(p->index, index);
    QCOMPARE(p->startDate, periodStart);
    QCOMPARE(p->endDate, periodEnd);
    QCOMPARE(p->fullStartDate, fullStart);
    QCOMPARE(p->fullEndDate, periodEnd);
    // Periods tile: the next one starts where this one ends.
    QCOMPARE(s.period(index + 1)->startDate, periodEnd);
}

void TestBillingPeriods::utcInstants_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("start");
    QTest::addColumn<int>("index");
    QTest::addColumn<QDateTime>("utcStart");
    QTest::addColumn<QDateTime>("utcEnd");
    QTest::addColumn<qint64>("days");

    // Local midnight in the customer's zone; a DST month is an hour short or long but keeps its
    // calendar days.
    QTest::newRow("NY march, spring forward") << QByteArray("America/New_York") << date("2024-03-01") << 0 << utc("2024-03-01T05:00:00")
                                              << utc("2024-04-01T04:00:00") << qint64(31);
    QTest::newRow("NY november, fall back") << QByteArray("America/New_York") << date("2024-10-15") << 0 << utc("2024-10-15T04:00:00")
                                            << utc("2024-11-15T05:00:00") << qint64(31);
    QTest::newRow("Berlin march") << QByteArray("Europe/Berlin") << date("2024-03-31") << 0 << utc("2024-03-30T23:00:00") << utc("2024-04-29T22:00:00")
                                  << qint64(30);
    QTest::newRow("Berlin october") << QByteArray("Europe/Berlin") << date("2024-10-27") << 0 << utc("2024-10-26T22:00:00") << utc("2024-11-26T23:00:00")
                                    << qint64(31);
    // Lord Howe moves its clocks by half an hour (UTC+10:30 standard, +11 in summer).
    QTest::newRow("Lord Howe april") << QByteArray("Australia/Lord_Howe") << date("2024-04-01") << 0 << utc("2024-03-31T13:00:00") << utc("2024-04-30T13:30:00")
                                     << qint64(30);
    QTest::newRow("Lord Howe october") << QByteArray("Australia/Lord_Howe") << date("2024-10-01") << 0 << utc("2024-09-30T13:30:00")
                                       << utc("2024-10-31T13:00:00") << qint64(31);
    QTest::newRow("Tokyo no DST") << QByteArray("Asia/Tokyo") << date("2024-01-31") << 1 << utc("2024-02-28T15:00:00") << utc("2024-03-30T15:00:00")
                                  << qint64(31);
}

void TestBillingPeriods::utcInstants()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDate, start);
    QFETCH(int, index);
    QFETCH(QDateTime, utcStart);
    QFETCH(QDateTime, utcEnd);
    QFETCH(qint64, days);

    const QTimeZone tz(zone);
    QVERIFY2(tz.isValid(), zone.constData());
    const BillingSchedule s(start, tz, BillingCadence::monthly());
    const auto p = s.period(index);
    QVERIFY(p.has_value());
    QCOMPARE(p->start, utcStart);
    QCOMPARE(p->end, utcEnd);
    QCOMPARE(p->start.timeSpec(), Qt::UTC);
    QCOMPARE(p->days(), days);
    QCOMPARE(p->start.toTimeZone(tz).time(), QTime(0, 0));
    QCOMPARE(p->end.toTimeZone(tz).time(), QTime(0, 0));
}

void TestBillingPeriods::lookup_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("instant");
    QTest::addColumn<int>("index"); // -1: none

    // Subscription: Jan 31 2024, monthly, start-date aligned, ends 2024-07-31 (exclusive).
    QTest::newRow("first instant") << QByteArray("America/New_York") << utc("2024-01-31T05:00:00") << 0;
    QTest::newRow("one second before") << QByteArray("America/New_York") << utc("2024-01-31T04:59:59") << -1;
    QTest::newRow("end is exclusive") << QByteArray("America/New_York") << utc("2024-02-29T05:00:00") << 1;
    QTest::newRow("last second of p0") << QByteArray("America/New_York") << utc("2024-02-29T04:59:59") << 0;
    QTest::newRow("UTC date differs from local") << QByteArray("America/New_York") << utc("2024-03-31T03:00:00") << 1;
    QTest::newRow("after DST local midnight") << QByteArray("America/New_York") << utc("2024-03-31T04:00:00") << 2;
    QTest::newRow("last period") << QByteArray("America/New_York") << utc("2024-07-30T12:00:00") << 5;
    QTest::newRow("at end date") << QByteArray("America/New_York") << utc("2024-07-31T04:00:00") << -1;
    QTest::newRow("Berlin before midnight UTC") << QByteArray("Europe/Berlin") << utc("2024-02-28T23:30:00") << 1;
}

void TestBillingPeriods::lookup()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, instant);
    QFETCH(int, index);

    const BillingSchedule s(date("2024-01-31"), QTimeZone(zone), BillingCadence::monthly(), BillingAlignment::StartDate, 0, date("2024-07-31"));
    const auto p = s.periodContaining(instant);
    QCOMPARE(p.has_value() ? p->index : -1, index);
    if (p) {
        QVERIFY(p->contains(instant));
        QCOMPARE(*s.period(index), *p);
    }
}

void TestBillingPeriods::trialAndEnd()
{
    // 14-day trial from Jan 20: billing starts Feb 3 and renews on the 3rd; ends May 10.
    const BillingSchedule s(date("2023-01-20"), QTimeZone("Europe/Berlin"), BillingCadence::monthly(), BillingAlignment::StartDate, 14, date("2023-05-10"));
    QCOMPARE(s.billingStartDate(), date("2023-02-03"));
    const auto trial = s.trialPeriod();
    QVERIFY(trial.has_value());
    QVERIFY(trial->trial);
    QCOMPARE(trial->startDate, date("2023-01-20"));
    QCOMPARE(trial->endDate, date("2023-02-03"));
    QVERIFY(s.isInTrial(utc("2023-01-25T00:00:00")));
    QVERIFY(!s.periodContaining(utc("2023-01-25T00:00:00")).has_value());
    QCOMPARE(s.period(0)->startDate, date("2023-02-03"));
    QCOMPARE(s.periodCount(), std::optional<int>(4));
    const auto last = s.period(3);
    QCOMPARE(last->startDate, date("2023-05-03"));
    QCOMPARE(last->endDate, date("2023-05-10"));
    QCOMPARE(last->fullEndDate, date("2023-06-03"));
    QVERIFY(last->isPartial());
    QVERIFY(!s.period(4).has_value());
    QVERIFY(!BillingSchedule(date("2023-01-20"), QTimeZone("UTC")).periodCount().has_value());
}

void TestBillingPeriods::overlapping()
{
    const BillingSchedule s(date("2023-07-15"), QTimeZone("UTC"), BillingCadence::monthly(), BillingAlignment::FirstOfMonth);
    const auto ps = s.periodsOverlapping(utc("2023-07-01T00:00:00"), utc("2023-09-02T00:00:00"));
    QCOMPARE(ps.size(), 3);
    QCOMPARE(ps.at(0).startDate, date("2023-07-15"));
    QCOMPARE(ps.at(1).startDate, date("2023-08-01"));
    QCOMPARE(ps.at(2).startDate, date("2023-09-01"));
    QCOMPARE(s.periodsOverlapping(utc("2023-08-01T00:00:00"), utc("2023-09-01T00:00:00")).size(), 1);
}

void TestBillingPeriods::cadenceNames_data()
{
    QTest::addColumn<QString>("cadence");
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("expected"); // empty: invalid
    QTest::newRow("monthly") << "monthly" << qint64(0) << ""
                             << "1 month";
    QTest::newRow("quarterly") << "quarterly" << qint64(0) << ""
                               << "3 months";
    QTest::newRow("semi_annual") << "semi_annual" << qint64(0) << ""
                                 << "6 months";
    QTest::newRow("annual") << "annual" << qint64(0) << ""
                            << "12 months";
    QTest::newRow("custom days") << "custom" << qint64(14) << "day"
                                 << "14 days";
    QTest::newRow("custom months") << "custom" << qint64(2) << "month"
                                   << "2 months";
    QTest::newRow("custom zero") << "custom" << qint64(0) << "day"
                                 << "";
    QTest::newRow("custom bad unit") << "custom" << qint64(3) << "week"
                                     << "";
    QTest::newRow("one_time") << "one_time" << qint64(0) << ""
                              << "";
}

void TestBillingPeriods::cadenceNames()
{
    QFETCH(QString, cadence);
    QFETCH(qint64, duration);
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    const auto c = BillingCadence::fromOrb(cadence, duration, unit);
    QCOMPARE(c ? c->toString() : QString(), expected);
    if (c && cadence != u"custom")
        QCOMPARE(c->orbName(), cadence);
}

void TestBillingPeriods::invalidInput()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BillingSchedule(QDate(), QTimeZone("UTC")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BillingSchedule(date("2023-01-01"), QTimeZone("Nowhere/City")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             BillingSchedule(date("2023-01-01"), QTimeZone("UTC"), {}, BillingAlignment::StartDate, 0, date("2022-12-31")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BillingCadence::days(0));
    QVERIFY(!BillingSchedule(date("2023-01-01"), QTimeZone("UTC")).period(-1).has_value());
}

// Schedules with no billed period at all: none may throw, and every lookup finds nothing.
// docs.withorb.com/api-reference/subscription/cancel-subscription: "Upcoming subscriptions are
// only eligible for immediate cancellation, which will set the end_date equal to the start_date".
void TestBillingPeriods::emptySchedules_data()
{
    QTest::addColumn<QString>("startText");
    QTest::addColumn<int>("trialDays");
    QTest::addColumn<QString>("endText");
    QTest::addColumn<int>("alignment");
    QTest::addColumn<bool>("hasTrial");
    QTest::newRow("ends on its start date") << "2023-01-01" << 0 << "2023-01-01" << int(BillingAlignment::StartDate) << false;
    QTest::newRow("ends on its start date, first of month") << "2023-01-15" << 0 << "2023-01-15" << int(BillingAlignment::FirstOfMonth) << false;
    QTest::newRow("ends on its start date, with a trial") << "2023-01-01" << 14 << "2023-01-01" << int(BillingAlignment::StartDate) << false;
    QTest::newRow("trial longer than the subscription") << "2023-01-01" << 30 << "2023-01-20" << int(BillingAlignment::StartDate) << true;
    QTest::newRow("ends on the last trial day") << "2023-01-01" << 10 << "2023-01-11" << int(BillingAlignment::FirstOfMonth) << true;
}

void TestBillingPeriods::emptySchedules()
{
    QFETCH(QString, startText);
    QFETCH(int, trialDays);
    QFETCH(QString, endText);
    QFETCH(int, alignment);
    QFETCH(bool, hasTrial);
    const QByteArray startUtf8 = startText.toUtf8(), endUtf8 = endText.toUtf8();
    const char *start = startUtf8.constData();
    const char *end = endUtf8.constData();
    const BillingSchedule s(date(start), QTimeZone("Europe/Berlin"), BillingCadence::monthly(), BillingAlignment(alignment), trialDays, date(end));
    QVERIFY(!s.period(0).has_value());
    QCOMPARE(s.periodCount(), std::optional<int>(0));
    QVERIFY(!s.periodContainingDate(date(start)).has_value());
    QVERIFY(!s.periodContainingDate(date(end)).has_value());
    QVERIFY(s.periodsOverlapping(utc("2022-01-01T00:00:00"), utc("2025-01-01T00:00:00")).isEmpty());
    QCOMPARE(s.trialPeriod().has_value(), hasTrial);
    if (hasTrial) {
        QCOMPARE(s.trialPeriod()->startDate, date(start));
        QCOMPARE(s.trialPeriod()->endDate, date(end));
    }
}

QTEST_GUILESS_MAIN(TestBillingPeriods)
#include "tst_billing_periods.moc"
