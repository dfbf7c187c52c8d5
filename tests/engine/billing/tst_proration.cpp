// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/BillingSchedule.h"
#include "engine/billing/Proration.h"

#include <QtTest>

using namespace orb;
using namespace orb::billing;

namespace {

QDate date(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

Money usd(const char *amount)
{
    return Money::parse(QString::fromLatin1(amount), Currency::require(u"USD"));
}

// The period of a monthly, start-date aligned subscription containing `day`.
BillingPeriod monthlyPeriod(const char *start, const char *day, const char *zone = "UTC", BillingAlignment alignment = BillingAlignment::StartDate)
{
    const BillingSchedule s(date(start), QTimeZone(zone), BillingCadence::monthly(), alignment);
    return *s.periodContainingDate(date(day));
}

} // namespace

class TestProration : public QObject
{
    Q_OBJECT

private slots:
    void factor_data();
    void factor();
    void prorate_data();
    void prorate();
    void planChange_data();
    void planChange();
    void quantityChange_data();
    void quantityChange();
    void cancellation_data();
    void cancellation();
    void shortPeriods_data();
    void shortPeriods();
    void refusals();
};

void TestProration::factor_data()
{
    QTest::addColumn<qint64>("days");
    QTest::addColumn<qint64>("periodDays");
    QTest::addColumn<QString>("expected");
    QTest::newRow("28/31") << qint64(28) << qint64(31) << "0.903225806452";
    QTest::newRow("1/3 rounds half-up at 12") << qint64(1) << qint64(3) << "0.333333333333";
    QTest::newRow("2/3") << qint64(2) << qint64(3) << "0.666666666667";
    QTest::newRow("whole") << qint64(30) << qint64(30) << "1";
    QTest::newRow("none") << qint64(0) << qint64(29) << "0";
}

void TestProration::factor()
{
    QFETCH(qint64, days);
    QFETCH(qint64, periodDays);
    QFETCH(QString, expected);
    QCOMPARE(Proration::factor(days, periodDays), Decimal::parse(expected));
}

void TestProration::prorate_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<qint64>("days");
    QTest::addColumn<qint64>("periodDays");
    QTest::addColumn<bool>("halfEven");
    QTest::addColumn<QString>("expected");
    // Exact: 100 × 1 / 3 = 33.333… → 33.33; a rounded factor (0.33) would also give 33.00.
    QTest::newRow("third") << "USD"
                           << "100.00" << qint64(1) << qint64(3) << false << "33.33";
    // 10 × 15 / 31 = 4.8387… ; rounding the factor to 2 places first would give 4.80.
    QTest::newRow("15/31 exact") << "USD"
                                 << "10.00" << qint64(15) << qint64(31) << false << "4.84";
    // 0.10 × 5 / 20 = 0.025: the tie goes up, or to the even cent.
    QTest::newRow("tie half-up") << "USD"
                                 << "0.10" << qint64(5) << qint64(20) << false << "0.03";
    QTest::newRow("tie half-even") << "USD"
                                   << "0.10" << qint64(5) << qint64(20) << true << "0.02";
    QTest::newRow("JPY no minor unit") << "JPY"
                                       << "1000" << qint64(10) << qint64(31) << false << "323";
    QTest::newRow("BHD three places") << "BHD"
                                      << "10.000" << qint64(10) << qint64(31) << false << "3.226";
    QTest::newRow("negative credit") << "USD"
                                     << "-100.00" << qint64(1) << qint64(3) << false << "-33.33";
    QTest::newRow("leap february") << "USD"
                                   << "29.00" << qint64(1) << qint64(29) << false << "1.00";
}

void TestProration::prorate()
{
    QFETCH(QString, currency);
    QFETCH(QString, amount);
    QFETCH(qint64, days);
    QFETCH(qint64, periodDays);
    QFETCH(bool, halfEven);
    QFETCH(QString, expected);
    const Currency c = Currency::require(currency);
    const Money m = Proration::prorate(Money::parse(amount, c), days, periodDays, halfEven ? Rounding::HalfEven : Rounding::HalfUp);
    QCOMPARE(m.toDecimalString(), expected);
    QCOMPARE(m.amount().scale(), c.minorUnits());
}

void TestProration::planChange_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("oldFee");
    QTest::addColumn<QString>("newFee");
    QTest::addColumn<qint64>("periodDays");
    QTest::addColumn<qint64>("remaining");
    QTest::addColumn<QString>("credit");
    QTest::addColumn<QString>("charge");

    // Orb, "Subscription plan change" (docs.withorb.com/product-catalog/subscription-plan-change):
    // Beginner $50, Intermediate $100, Advanced $500 in advance, billed on the 1st, day-based.
    // Jul 1 2023 Intermediate; Jul 4 → Advanced: 28 of July's 31 days remain.
    QTest::newRow("Orb: Intermediate → Advanced on Jul 4") << "2023-07-01"
                                                           << "2023-07-04"
                                                           << "100.00"
                                                           << "500.00" << qint64(31) << qint64(28) << "90.32"
                                                           << "451.61";
    // Jul 11 → Beginner: 21 days remain.
    QTest::newRow("Orb: Advanced → Beginner on Jul 11") << "2023-07-01"
                                                        << "2023-07-11"
                                                        << "500.00"
                                                        << "50.00" << qint64(31) << qint64(21) << "338.71"
                                                        << "33.87";
    // Stripe's prorations page: $10 → $20 halfway through: −$5 + $10 (a 30-day September).
    QTest::newRow("Stripe halfway 10 → 20") << "2023-09-01"
                                            << "2023-09-16"
                                            << "10.00"
                                            << "20.00" << qint64(30) << qint64(15) << "5.00"
                                            << "10.00";
    // On the first day nothing of the old fee was used.
    QTest::newRow("change on the first day") << "2023-09-01"
                                             << "2023-09-01"
                                             << "10.00"
                                             << "20.00" << qint64(30) << qint64(30) << "10.00"
                                             << "20.00";
    // Jan 31 start: the Feb 29 – Mar 31 period has 31 days.
    QTest::newRow("leap: period from Feb 29") << "2024-01-31"
                                              << "2024-03-15"
                                              << "31.00"
                                              << "62.00" << qint64(31) << qint64(16) << "16.00"
                                              << "32.00";
    QTest::newRow("February 28 days") << "2023-02-01"
                                      << "2023-02-15"
                                      << "28.00"
                                      << "56.00" << qint64(28) << qint64(14) << "14.00"
                                      << "28.00";
}

void TestProration::planChange()
{
    QFETCH(QString, start);
    QFETCH(QString, change);
    QFETCH(QString, oldFee);
    QFETCH(QString, newFee);
    QFETCH(qint64, periodDays);
    QFETCH(qint64, remaining);
    QFETCH(QString, credit);
    QFETCH(QString, charge);

    const QTimeZone zone("America/New_York");
    const BillingSchedule s(QDate::fromString(start, Qt::ISODate), zone);
    const QDate changeDate = QDate::fromString(change, Qt::ISODate);
    const BillingPeriod p = *s.periodContainingDate(changeDate);
    const Currency usdc = Currency::require(u"USD");
    const PlanChangeProration r = Proration::planChange(p, changeDate, Money::parse(oldFee, usdc), Money::parse(newFee, usdc), zone);
    QCOMPARE(r.periodDays, periodDays);
    QCOMPARE(r.remainingDays, remaining);
    QCOMPARE(r.usedDays, periodDays - remaining);
    QCOMPARE(r.unusedCredit.toDecimalString(), credit);
    QCOMPARE(r.newCharge.toDecimalString(), charge);
    QCOMPARE(r.net(), r.newCharge - r.unusedCredit);
    // Usage splits at local midnight of the change date in the customer's zone.
    QCOMPARE(r.oldUsageEnd, BillingSchedule::startOfDayUtc(changeDate, zone));
    QCOMPARE(r.oldUsageEnd.toTimeZone(zone).time(), QTime(0, 0));
}

void TestProration::quantityChange_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("unitPrice");
    QTest::addColumn<QString>("oldQty");
    QTest::addColumn<QString>("newQty");
    QTest::addColumn<QString>("expected");
    // April 2023 (30 days), $12 per seat per month.
    QTest::newRow("5 → 8 seats on Apr 21: 3 × 12 × 10/30") << "2023-04-21"
                                                           << "12.00"
                                                           << "5"
                                                           << "8"
                                                           << "12.00";
    QTest::newRow("8 → 5 seats on Apr 21: a credit") << "2023-04-21"
                                                     << "12.00"
                                                     << "8"
                                                     << "5"
                                                     << "-12.00";
    QTest::newRow("one seat for 1 of 30 days") << "2023-04-30"
                                               << "10.00"
                                               << "1"
                                               << "2"
                                               << "0.33";
    QTest::newRow("no change") << "2023-04-10"
                               << "10.00"
                               << "3"
                               << "3"
                               << "0.00";
    QTest::newRow("fractional quantity") << "2023-04-16"
                                         << "9.99"
                                         << "1"
                                         << "2.5"
                                         << "7.49";
}

void TestProration::quantityChange()
{
    QFETCH(QString, change);
    QFETCH(QString, unitPrice);
    QFETCH(QString, oldQty);
    QFETCH(QString, newQty);
    QFETCH(QString, expected);
    const BillingPeriod p = monthlyPeriod("2023-01-01", "2023-04-15", "Europe/Berlin");
    QCOMPARE(p.days(), qint64(30));
    const Money m = Proration::quantityChange(p, QDate::fromString(change, Qt::ISODate), Money::parse(unitPrice, Currency::require(u"USD")),
                                              Decimal::parse(oldQty), Decimal::parse(newQty));
    QCOMPARE(m.toDecimalString(), expected);
}

void TestProration::cancellation_data()
{
    QTest::addColumn<QString>("endDate");
    QTest::addColumn<QString>("expected");
    // March 2024 in New York (31 days, one of them 23 hours long), $31 in advance.
    QTest::newRow("immediately on Mar 10") << "2024-03-10"
                                           << "22.00";
    QTest::newRow("end of term") << "2024-04-01"
                                 << "0.00";
    QTest::newRow("on the first day") << "2024-03-01"
                                      << "31.00";
    QTest::newRow("last day used") << "2024-03-31"
                                   << "1.00";
}

void TestProration::cancellation()
{
    QFETCH(QString, endDate);
    QFETCH(QString, expected);
    const BillingPeriod p = monthlyPeriod("2024-01-01", "2024-03-15", "America/New_York");
    QCOMPARE(p.days(), qint64(31));
    QCOMPARE(Proration::cancellationCredit(p, QDate::fromString(endDate, Qt::ISODate), usd("31.00")).toDecimalString(), expected);
}

void TestProration::shortPeriods_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<bool>("firstOfMonth");
    QTest::addColumn<QString>("fee");
    QTest::addColumn<QString>("expected");
    // Lago's calendar billing prorates the first period by the days of its month
    // (getlago/lago-api app/services/subscriptions/dates_service.rb, single_day_price); here
    // exactly rather than through a floating-point day price. Jul 15 → Aug 1: 17 of 31 days.
    QTest::newRow("stub 17/31 of $100") << "2023-07-15" << true << "100.00"
                                        << "54.84";
    QTest::newRow("full period") << "2023-07-01" << true << "100.00"
                                 << "100.00";
    QTest::newRow("start-date aligned is whole") << "2023-07-15" << false << "100.00"
                                                 << "100.00";
    QTest::newRow("stub in leap Feb 10/29") << "2024-02-20" << true << "29.00"
                                            << "10.00";
}

void TestProration::shortPeriods()
{
    QFETCH(QString, start);
    QFETCH(bool, firstOfMonth);
    QFETCH(QString, fee);
    QFETCH(QString, expected);
    const BillingSchedule s(QDate::fromString(start, Qt::ISODate), QTimeZone("UTC"), BillingCadence::monthly(),
                            firstOfMonth ? BillingAlignment::FirstOfMonth : BillingAlignment::StartDate);
    QCOMPARE(Proration::forPeriod(Money::parse(fee, Currency::require(u"USD")), *s.period(0)).toDecimalString(), expected);
}

void TestProration::refusals()
{
    const BillingPeriod p = monthlyPeriod("2023-01-01", "2023-04-15");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Proration::factor(1, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Proration::factor(31, 30));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Proration::prorate(usd("1.00"), -1, 30));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Proration::cancellationCredit(p, date("2023-05-02"), usd("1.00")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Proration::planChange(p, date("2023-03-31"), usd("1.00"), usd("2.00"), QTimeZone("UTC")));
}

QTEST_GUILESS_MAIN(TestProration)
#include "tst_proration.moc"
