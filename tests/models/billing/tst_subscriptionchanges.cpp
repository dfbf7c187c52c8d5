// SPDX-License-Identifier: GPL-3.0-or-later
// Plan changes, seat changes, cancellations (immediate, end of term, dated, backdated) and
// unscheduling, with day-based proration into the customer balance.
#include "BillingFixture.h"

#include "models/billing/LedgerService.h"

using namespace orb;
using namespace orb::test;

class TestSubscriptionChanges : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void createValidates();
    void planChangeImmediate();
    void planChangeEndOfTermThenUnschedule();
    void usageUpToTheChangeOnTheOldPlan();
    void seatChangeProrated();
    void cancelEndOfTerm();
    void cancelImmediateCreditsUnusedDays();
    void backdatedCancellationVoidsAndReissues();
    void backdatedCancellationRefusedWhenPaid();
    void statuses();
    void billingView_data();
    void billingView();

private:
    Decimal balance(const QString &c) { return LedgerService(*f.file, f.clock).balance(c).balance; }
    BillingFixture f;
};

void TestSubscriptionChanges::createValidates()
{
    SubscriptionService service(*f.file, f.clock);
    const QString c = f.customer(QStringLiteral("v"));
    SubscriptionDraft d;
    d.customer = c;
    d.plan = QStringLiteral("flat");
    QVERIFY_SERVICE_ERROR(service.create(d), ServiceError::Kind::InvalidInput); // no start date
    d.startDate = QDate(2026, 1, 1);
    d.endDate = QDate(2025, 12, 1);
    d.alignment = QStringLiteral("whenever");
    try {
        service.create(d);
        QFAIL("created");
    } catch (const ServiceError &e) {
        QCOMPARE(e.errors().size(), 2);
    }
    d.endDate.reset();
    d.alignment = QStringLiteral("start_date");
    d.plan = QStringLiteral("nope");
    QVERIFY_SERVICE_ERROR(service.create(d), ServiceError::Kind::NotFound);
    d.plan = QStringLiteral("metered");
    d.quantities.insert(QStringLiteral("not-a-price"), Decimal(2));
    QVERIFY_SERVICE_ERROR(service.create(d), ServiceError::Kind::InvalidInput);
    QCOMPARE(service.list().size(), 0);
    // A customer in another currency cannot take a USD plan.
    Customer eur;
    eur.name = QStringLiteral("Euro");
    eur.currency = QStringLiteral("EUR");
    eur.timezone = QStringLiteral("Europe/Berlin");
    d.customer = CustomerService(*f.file, f.clock).create(eur).id;
    d.quantities.clear();
    QVERIFY_SERVICE_ERROR(service.create(d), ServiceError::Kind::InvalidInput);
}

void TestSubscriptionChanges::planChangeImmediate()
{
    const QString c = f.customer(QStringLiteral("pc"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 1, 1));
    f.clock.set(at(2026, 1, 11, 9)); // 21 of January's 31 days remain
    const SubscriptionChange change = SubscriptionService(*f.file, f.clock).changePlan(s.id, QStringLiteral("double"), std::nullopt, ChangeTiming::Immediate);
    QCOMPARE(change.effectiveDate, QDate(2026, 1, 11));
    QCOMPARE(change.status, SubscriptionChangeStatus::Applied);
    // The unused 21 days of the 310.00 paid in advance: 210.00 to the balance.
    QCOMPARE(moneyText(balance(c), QStringLiteral("USD")), QStringLiteral("210.00"));
    f.run(at(2026, 2, 1));
    // The new plan bills 21/31 of 620.00 for the rest of January, then the whole of February.
    QCOMPARE(f.summary(c), (QStringList{"in_advance 2026-01-01 2026-02-01 310.00 issued", "in_advance 2026-01-11 2026-02-01 420.00 draft",
                                        "in_advance 2026-02-01 2026-03-01 620.00 draft"}));
    const Invoice rest = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 11));
    // Issuing it takes the credit: the customer pays the difference, 210.00.
    QCOMPARE(moneyText(InvoiceService(*f.file, f.clock).issue(rest.id).amountDue, QStringLiteral("USD")), QStringLiteral("210.00"));
    QCOMPARE(SubscriptionService(*f.file, f.clock).get(s.id).planId, CatalogService(*f.file, f.clock).plan(QStringLiteral("double")).id);
}

void TestSubscriptionChanges::planChangeEndOfTermThenUnschedule()
{
    const QString c = f.customer(QStringLiteral("eot"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.clock.set(at(2026, 1, 15));
    SubscriptionService service(*f.file, f.clock);
    const SubscriptionChange change = service.changePlan(s.id, QStringLiteral("double"), std::nullopt, ChangeTiming::EndOfTerm);
    QCOMPARE(change.effectiveDate, QDate(2026, 2, 1));
    QCOMPARE(change.status, SubscriptionChangeStatus::Scheduled);
    QVERIFY_SERVICE_ERROR(service.cancel(s.id, ChangeTiming::EndOfTerm), ServiceError::Kind::Conflict); // one pending change at a time
    QCOMPARE(service.toJson(service.get(s.id)).value(QStringLiteral("pending_changes")).toArray().size(), 1);
    f.run(at(2026, 2, 1));
    QCOMPARE(f.summary(c), (QStringList{"in_advance 2026-01-01 2026-02-01 310.00 draft", "in_advance 2026-02-01 2026-03-01 620.00 draft"}));
    service.unschedule(s.id);
    QCOMPARE(service.get(s.id).phases.size(), 1);
    QVERIFY_SERVICE_ERROR(service.unschedule(s.id), ServiceError::Kind::Conflict);
    f.run(at(2026, 2, 1));
    QCOMPARE(f.summary(c), (QStringList{"in_advance 2026-01-01 2026-02-01 310.00 draft", "in_advance 2026-02-01 2026-03-01 310.00 draft"}));
}

void TestSubscriptionChanges::usageUpToTheChangeOnTheOldPlan()
{
    const QString c = f.customer(QStringLiteral("uc"));
    const Subscription s = f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    f.call(QStringLiteral("uc"), at(2026, 1, 5), QStringLiteral("before-1"));
    f.call(QStringLiteral("uc"), at(2026, 1, 9, 23, 59), QStringLiteral("before-2"));
    f.clock.set(at(2026, 1, 10, 8));
    SubscriptionService(*f.file, f.clock).changePlan(s.id, QStringLiteral("flat"), std::nullopt, ChangeTiming::Immediate);
    f.call(QStringLiteral("uc"), at(2026, 1, 12), QStringLiteral("after")); // the new plan bills no usage
    f.run(at(2026, 2, 2));
    const Invoice old = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    QCOMPARE(old.periodEnd, QDate(2026, 1, 10));
    QCOMPARE(moneyText(old.total, old.currency), QStringLiteral("1.00"));
    // The seats were not invoiced before the change: the old phase's 9 days are billed, prorated.
    QCOMPARE(moneyText(f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1)).total, QStringLiteral("USD")), QStringLiteral("14.52"));
    QCOMPARE(moneyText(f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 10)).total, QStringLiteral("USD")), QStringLiteral("220.00"));
}

void TestSubscriptionChanges::seatChangeProrated()
{
    const QString c = f.customer(QStringLiteral("seats"));
    const Subscription s = f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 1, 1)); // 5 seats × 10.00
    f.clock.set(at(2026, 1, 11));
    QString seatsPrice;
    for (const QJsonObject &p : CatalogService(*f.file, f.clock).planVersion(CatalogService(*f.file, f.clock).plan(QStringLiteral("metered"))).prices)
        if (p.value(QStringLiteral("name")).toString() == QLatin1String("Seats"))
            seatsPrice = p.value(QStringLiteral("id")).toString();
    SubscriptionService service(*f.file, f.clock);
    QVERIFY_SERVICE_ERROR(service.setQuantity(s.id, QStringLiteral("nope"), Decimal(8), ChangeTiming::Immediate), ServiceError::Kind::InvalidInput);
    service.setQuantity(s.id, seatsPrice, Decimal(8), ChangeTiming::Immediate);
    // Credit for 5 seats × 21/31 days, charge for 8 seats × 21/31: the net is 3 × 10 × 21/31.
    QCOMPARE(moneyText(balance(c), QStringLiteral("USD")), QStringLiteral("33.87"));
    f.run(at(2026, 1, 11));
    const Invoice charge = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 11));
    QCOMPARE(moneyText(charge.total, charge.currency), QStringLiteral("54.19"));
    QCOMPARE(moneyText(charge.total - balance(c), QStringLiteral("USD")), QStringLiteral("20.32"));
    f.run(at(2026, 2, 1));
    QCOMPARE(moneyText(f.only(c, QStringLiteral("in_advance"), QDate(2026, 2, 1)).total, QStringLiteral("USD")), QStringLiteral("80.00"));
}

void TestSubscriptionChanges::cancelEndOfTerm()
{
    const QString c = f.customer(QStringLiteral("ce"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 10), QStringLiteral("start_date"));
    f.clock.set(at(2026, 1, 20));
    SubscriptionService service(*f.file, f.clock);
    const SubscriptionChange change = service.cancel(s.id, ChangeTiming::EndOfTerm);
    QCOMPARE(change.effectiveDate, QDate(2026, 2, 10));
    QCOMPARE(*service.get(s.id).endDate, QDate(2026, 2, 10));
    f.run(at(2026, 6, 1));
    QCOMPARE(f.summary(c), QStringList{"in_advance 2026-01-10 2026-02-10 310.00 draft"});
    f.clock.set(at(2026, 2, 10));
    QCOMPARE(service.toJson(service.get(s.id)).value(QStringLiteral("status")).toString(), QStringLiteral("ended"));
    QVERIFY_SERVICE_ERROR(service.cancel(s.id, ChangeTiming::Immediate), ServiceError::Kind::Conflict);
}

void TestSubscriptionChanges::cancelImmediateCreditsUnusedDays()
{
    const QString c = f.customer(QStringLiteral("ci"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 1, 1));
    f.clock.set(at(2026, 1, 25));
    SubscriptionService(*f.file, f.clock).cancel(s.id, ChangeTiming::Immediate);
    QCOMPARE(moneyText(balance(c), QStringLiteral("USD")), QStringLiteral("70.00")); // 7 unused days × 10.00
    f.run(at(2026, 3, 1));
    QCOMPARE(f.summary(c), QStringList{"in_advance 2026-01-01 2026-02-01 310.00 issued"});
}

void TestSubscriptionChanges::backdatedCancellationVoidsAndReissues()
{
    const QString c = f.customer(QStringLiteral("bd"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 2, 1));
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 2, 1));
    f.clock.set(at(2026, 2, 5));
    SubscriptionService(*f.file, f.clock).cancel(s.id, ChangeTiming::OnDate, QDate(2026, 1, 21));
    f.run(at(2026, 3, 1));
    QCOMPARE(f.summary(c), (QStringList{"in_advance 2026-01-01 2026-02-01 310.00 void", "in_advance 2026-01-01 2026-01-21 200.00 draft",
                                        "in_advance 2026-02-01 2026-03-01 310.00 void"}));
}

void TestSubscriptionChanges::backdatedCancellationRefusedWhenPaid()
{
    const QString c = f.customer(QStringLiteral("bp"));
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 2, 1));
    InvoiceService service(*f.file, f.clock);
    for (const Invoice &i : service.issueAll(QDate(2026, 2, 1)))
        if (i.periodStart == QDate(2026, 2, 1))
            service.markPaid(i.id, QDate(2026, 2, 2));
    f.clock.set(at(2026, 2, 5));
    const QStringList before = f.summary(c);
    QVERIFY_SERVICE_ERROR(SubscriptionService(*f.file, f.clock).cancel(s.id, ChangeTiming::OnDate, QDate(2026, 1, 21)), ServiceError::Kind::Conflict);
    QCOMPARE(f.summary(c), before);
    QVERIFY(!SubscriptionService(*f.file, f.clock).get(s.id).endDate);
}

void TestSubscriptionChanges::statuses()
{
    const QString c = f.customer(QStringLiteral("st"));
    SubscriptionService service(*f.file, f.clock);
    const Subscription s = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 3, 1));
    QCOMPARE(service.toJson(s).value(QStringLiteral("status")).toString(), QStringLiteral("upcoming"));
    f.clock.set(at(2026, 3, 1));
    QCOMPARE(service.toJson(s).value(QStringLiteral("status")).toString(), QStringLiteral("active"));
}

void TestSubscriptionChanges::billingView_data()
{
    // Orb's current billing period (start inclusive, end exclusive) and anchor, as the run bills.
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("alignment");
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("end"); ///< invalid: open-ended
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDate>("periodStart"); ///< invalid: no current period (Orb's null)
    QTest::addColumn<QDate>("periodEnd");
    QTest::addColumn<int>("anchorDay");
    const QString utc = QStringLiteral("UTC");
    const QString byStart = QStringLiteral("start_date");
    const QString firstOfMonth = QStringLiteral("first_of_month");
    QTest::newRow("start date, month end clamped") << utc << byStart << QDate(2026, 1, 31) << QDate() << at(2026, 3, 5) << QDate(2026, 2, 28)
                                                   << QDate(2026, 3, 31) << 31;
    QTest::newRow("first of month, short first period")
        << utc << firstOfMonth << QDate(2026, 1, 15) << QDate() << at(2026, 1, 20) << QDate(2026, 1, 15) << QDate(2026, 2, 1) << 1;
    QTest::newRow("first of month, later") << utc << firstOfMonth << QDate(2026, 1, 15) << QDate() << at(2026, 4, 30, 23) << QDate(2026, 4, 1)
                                           << QDate(2026, 5, 1) << 1;
    QTest::newRow("upcoming: none") << utc << byStart << QDate(2026, 3, 10) << QDate() << at(2026, 3, 1) << QDate() << QDate() << 10;
    QTest::newRow("ended: none") << utc << byStart << QDate(2026, 1, 1) << QDate(2026, 2, 1) << at(2026, 2, 1) << QDate() << QDate() << 1;
    QTest::newRow("cut short by its end") << utc << byStart << QDate(2026, 1, 1) << QDate(2026, 1, 20) << at(2026, 1, 19, 23) << QDate(2026, 1, 1)
                                          << QDate(2026, 1, 20) << 1;
    QTest::newRow("today in the customer's zone") << QStringLiteral("America/Los_Angeles") << byStart << QDate(2026, 1, 1) << QDate() << at(2026, 2, 1, 5)
                                                  << QDate(2026, 1, 1) << QDate(2026, 2, 1) << 1;
}

void TestSubscriptionChanges::billingView()
{
    QFETCH(QString, zone);
    QFETCH(QString, alignment);
    QFETCH(QDate, start);
    QFETCH(QDate, end);
    QFETCH(QDateTime, now);
    QFETCH(QDate, periodStart);
    QFETCH(QDate, periodEnd);
    QFETCH(int, anchorDay);
    f.clock.set(at(2025, 12, 1));
    SubscriptionDraft d;
    d.customer = f.customer(QStringLiteral("bv"), zone);
    d.plan = QStringLiteral("flat");
    d.startDate = start;
    if (end.isValid())
        d.endDate = end;
    d.alignment = alignment;
    SubscriptionService service(*f.file, f.clock);
    const Subscription s = service.create(d);
    f.clock.set(now);
    const SubscriptionBillingView v = service.billingView(service.get(s.id));
    QCOMPARE(v.periodStart.value_or(QDate()), periodStart);
    QCOMPARE(v.periodEnd.value_or(QDate()), periodEnd);
    QCOMPARE(v.anchorDay, anchorDay);
    QCOMPARE(v.anchorMonth, 0); // monthly: Orb's null
    QCOMPARE(v.planName, QStringLiteral("Flat"));
    QCOMPARE(v.netTerms, 15); // the plan's, the subscription and the customer having none
}

QTEST_GUILESS_MAIN(TestSubscriptionChanges)
#include "tst_subscriptionchanges.moc"
