// SPDX-License-Identifier: GPL-3.0-or-later
// The invoice run: periods, proration, time zones, usage in arrears, idempotent re-runs and a
// run stopped halfway then resumed.
#include "BillingFixture.h"

#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace orb;
using namespace orb::test;

class TestInvoiceRun : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void periods_data();
    void periods();
    void daylightSavingWindows();
    void usageInArrearsAfterGracePeriod();
    void rerunCreatesNothingTwice();
    void stoppedHalfwayThenResumed();
    void usageInvoicesStoppedAmongThoseComposedAhead();
    void draftsFollowLateUsage();
    void dryRunStoresNothing();
    void upcomingPreview();
    void oneBadSubscriptionNeverStopsTheRun_data();
    void oneBadSubscriptionNeverStopsTheRun();
    void amountOrderColumnsAsTheTriggerComputes_data();
    void amountOrderColumnsAsTheTriggerComputes();

private:
    BillingFixture f;
};

void TestInvoiceRun::periods_data()
{
    QTest::addColumn<QString>("alignment");
    QTest::addColumn<QDate>("start");
    QTest::addColumn<int>("trialDays");
    QTest::addColumn<QDate>("end");
    QTest::addColumn<QDateTime>("asOf");
    QTest::addColumn<QStringList>("expected");

    // Flat is 310.00 a month in advance; a short first period pays its days / the month's days.
    QTest::newRow("first of month, stub from the 15th (17 of 31 days)")
        << "first_of_month" << QDate(2026, 1, 15) << 0 << QDate() << at(2026, 2, 1)
        << QStringList{"in_advance 2026-01-15 2026-02-01 170.00 draft", "in_advance 2026-02-01 2026-03-01 310.00 draft"};
    QTest::newRow("start date Jan 31 renews Feb 28, then Mar 31")
        << "start_date" << QDate(2026, 1, 31) << 0 << QDate() << at(2026, 3, 31)
        << QStringList{"in_advance 2026-01-31 2026-02-28 310.00 draft", "in_advance 2026-02-28 2026-03-31 310.00 draft",
                       "in_advance 2026-03-31 2026-04-30 310.00 draft"};
    QTest::newRow("leap year: Jan 31 renews Feb 29") << "start_date" << QDate(2028, 1, 31) << 0 << QDate() << at(2028, 2, 29)
                                                     << QStringList{"in_advance 2028-01-31 2028-02-29 310.00 draft",
                                                                    "in_advance 2028-02-29 2028-03-31 310.00 draft"};
    QTest::newRow("leap February stub: 20 of 29 days")
        << "first_of_month" << QDate(2028, 2, 10) << 0 << QDate() << at(2028, 2, 10) << QStringList{"in_advance 2028-02-10 2028-03-01 213.79 draft"};
    QTest::newRow("start on the 29th in a 30-day month")
        << "start_date" << QDate(2026, 4, 29) << 0 << QDate() << at(2026, 5, 29)
        << QStringList{"in_advance 2026-04-29 2026-05-29 310.00 draft", "in_advance 2026-05-29 2026-06-29 310.00 draft"};
    QTest::newRow("a 10-day trial is not billed") << "start_date" << QDate(2026, 1, 1) << 10 << QDate() << at(2026, 2, 10)
                                                  << QStringList{"in_advance 2026-01-11 2026-02-11 310.00 draft"};
    QTest::newRow("an end date cuts the period: 20 of 31 days")
        << "first_of_month" << QDate(2026, 1, 1) << 0 << QDate(2026, 1, 21) << at(2026, 6, 1) << QStringList{"in_advance 2026-01-01 2026-01-21 200.00 draft"};
    QTest::newRow("nothing before the start") << "start_date" << QDate(2026, 3, 1) << 0 << QDate() << at(2026, 2, 28, 23, 59) << QStringList{};
}

void TestInvoiceRun::periods()
{
    QFETCH(QString, alignment);
    QFETCH(QDate, start);
    QFETCH(int, trialDays);
    QFETCH(QDate, end);
    QFETCH(QDateTime, asOf);
    QFETCH(QStringList, expected);
    const QString c = f.customer(QStringLiteral("c"));
    SubscriptionDraft d;
    d.customer = c;
    d.plan = QStringLiteral("flat");
    d.startDate = start;
    d.alignment = alignment;
    d.trialDays = trialDays;
    if (end.isValid())
        d.endDate = end;
    SubscriptionService(*f.file, f.clock).create(d);
    f.run(asOf);
    QCOMPARE(f.summary(c), expected);
}

void TestInvoiceRun::daylightSavingWindows()
{
    // New York leaves standard time on 2026-03-08: March runs from 05:00Z to 04:00Z.
    const QString c = f.customer(QStringLiteral("ny"), QStringLiteral("America/New_York"));
    f.subscribe(c, QStringLiteral("metered"), QDate(2026, 3, 1));
    f.call(QStringLiteral("ny"), at(2026, 3, 1, 4, 59), QStringLiteral("feb-last-minute")); // Feb 28, 23:59 EST
    f.call(QStringLiteral("ny"), at(2026, 3, 1, 5, 0), QStringLiteral("mar-first"));
    f.call(QStringLiteral("ny"), at(2026, 3, 8, 7, 30), QStringLiteral("mar-dst-day"));
    f.call(QStringLiteral("ny"), at(2026, 4, 1, 3, 59), QStringLiteral("mar-last-minute")); // Mar 31, 23:59 EDT
    f.call(QStringLiteral("ny"), at(2026, 4, 1, 4, 0), QStringLiteral("apr-first"));
    f.run(at(2026, 4, 2));
    const Invoice march = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 3, 1));
    QVERIFY(!march.id.isEmpty());
    const QJsonObject line = march.document.value(QStringLiteral("line_items")).toArray().first().toObject();
    QCOMPARE(line.value(QStringLiteral("name")).toString(), QStringLiteral("Calls"));
    QCOMPARE(line.value(QStringLiteral("quantity")).toString(), QStringLiteral("3"));
    QCOMPARE(moneyText(march.total, march.currency), QStringLiteral("1.50"));
}

void TestInvoiceRun::usageInArrearsAfterGracePeriod()
{
    const QString c = f.customer(QStringLiteral("u"));
    f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    for (int i = 0; i < 7; ++i)
        f.call(QStringLiteral("u"), at(2026, 1, 10 + i), QStringLiteral("k%1").arg(i));
    // The period ended at midnight; the 12-hour grace period has not passed at 11:59.
    f.run(at(2026, 2, 1, 11, 59));
    QVERIFY(f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1)).id.isEmpty());
    f.run(at(2026, 2, 1, 12, 0));
    const Invoice jan = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    QCOMPARE(moneyText(jan.total, jan.currency), QStringLiteral("3.50"));
    QCOMPARE(jan.invoiceDate, QDate(2026, 2, 1));
    // Seats are in advance: 5 × 10.00 at each period's start.
    QCOMPARE(moneyText(f.only(c, QStringLiteral("in_advance"), QDate(2026, 2, 1)).total, QStringLiteral("USD")), QStringLiteral("50.00"));
}

void TestInvoiceRun::rerunCreatesNothingTwice()
{
    for (int i = 0; i < 5; ++i)
        f.subscribe(f.customer(QStringLiteral("c%1").arg(i)), QStringLiteral("metered"), QDate(2026, 1, 1));
    const InvoiceRunSummary first = f.run(at(2026, 3, 2));
    QCOMPARE(first.created, 5 * 5); // advance Jan, Feb, Mar; arrears Jan, Feb
    const InvoiceRunSummary second = f.run(at(2026, 3, 2));
    QCOMPARE(second.created, 0);
    QCOMPARE(second.unchanged, 25);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), 25);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(DISTINCT identity) FROM invoices")).toInt(), 25);
    // Issued invoices are left alone by later runs.
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 12, 31));
    const InvoiceRunSummary third = f.run(at(2026, 3, 2));
    QCOMPARE(third.created, 0);
    QCOMPARE(third.alreadyIssued, 25);
}

void TestInvoiceRun::stoppedHalfwayThenResumed()
{
    for (int i = 0; i < 12; ++i)
        f.subscribe(f.customer(QStringLiteral("c%1").arg(i)), QStringLiteral("flat"), QDate(2026, 1, 1));
    InvoiceRunOptions o;
    o.asOf = at(2026, 2, 1);
    o.batchSize = 5;
    o.progress = [](qint64 done, qint64) { return done < 12; };
    const InvoiceRunSummary stopped = InvoiceRunService(*f.file, f.clock).run(o);
    QVERIFY(stopped.cancelled);
    const int afterStop = f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt();
    QCOMPARE(afterStop, 12); // two batches of 5 and the 2 composed before the stop
    const InvoiceRunSummary resumed = f.run(at(2026, 2, 1));
    QCOMPARE(resumed.created, 24 - afterStop);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), 24);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(DISTINCT identity) FROM invoices")).toInt(), 24);
}

// A window's usage invoices are composed on a second thread ahead of the one storing them: a
// run stopped among them stores exactly those counted before the stop, and the next run bills
// the rest to the same amounts as a run that was never stopped.
void TestInvoiceRun::usageInvoicesStoppedAmongThoseComposedAhead()
{
    const auto build = [this] {
        QStringList ids;
        for (int i = 0; i < 12; ++i) {
            const QString ext = QStringLiteral("m%1").arg(i);
            ids.append(f.customer(ext));
            f.subscribe(ids.last(), QStringLiteral("metered"), QDate(2026, 1, 1));
            for (int k = 0; k <= i; ++k)
                f.call(ext, at(2026, 1, 2 + k), QStringLiteral("%1-%2").arg(ext).arg(k));
        }
        return ids;
    };
    const auto billed = [this](const QStringList &ids) {
        QStringList all;
        for (const QString &id : ids) {
            QStringList one = f.summary(id); // the order of invoices dated the same day is not the point
            one.sort();
            all += one;
        }
        return all;
    };
    const QStringList once = build();
    const InvoiceRunSummary whole = f.run(at(2026, 2, 1, 12));
    const QStringList expected = billed(once);
    QVERIFY(whole.created > 12);

    f.reset();
    const QStringList ids = build();
    InvoiceRunOptions o;
    o.asOf = at(2026, 2, 1, 12);
    o.batchSize = 4;
    const qint64 stopAt = whole.created - 5; // among the usage invoices, which come last
    o.progress = [stopAt](qint64 done, qint64) { return done < stopAt; };
    const InvoiceRunSummary stopped = InvoiceRunService(*f.file, f.clock).run(o);
    QVERIFY(stopped.cancelled);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toLongLong(), stopAt);
    const InvoiceRunSummary resumed = f.run(at(2026, 2, 1, 12));
    QCOMPARE(qint64(resumed.created), whole.created - stopAt);
    QCOMPARE(billed(ids), expected);
}

void TestInvoiceRun::draftsFollowLateUsage()
{
    const QString c = f.customer(QStringLiteral("late"));
    f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    f.call(QStringLiteral("late"), at(2026, 1, 5), QStringLiteral("a"));
    f.run(at(2026, 2, 1, 12));
    const Invoice before = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    QCOMPARE(moneyText(before.total, before.currency), QStringLiteral("0.50"));
    // An event arriving late but within the grace period of its own timestamp (a backfill in
    // real life) changes the draft on the next run; the draft keeps its id.
    f.call(QStringLiteral("late"), at(2026, 1, 31, 23), QStringLiteral("b"));
    const InvoiceRunSummary again = f.run(at(2026, 2, 1, 12));
    QCOMPARE(again.refreshed, 1);
    const Invoice after = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    QCOMPARE(after.id, before.id);
    QCOMPARE(moneyText(after.total, after.currency), QStringLiteral("1.00"));
}

void TestInvoiceRun::dryRunStoresNothing()
{
    f.subscribe(f.customer(QStringLiteral("d")), QStringLiteral("flat"), QDate(2026, 1, 1));
    InvoiceRunOptions o;
    o.asOf = at(2026, 2, 1);
    o.dryRun = true;
    const InvoiceRunSummary s = InvoiceRunService(*f.file, f.clock).run(o);
    QCOMPARE(s.created, 2);
    QCOMPARE(s.invoices.size(), 2);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), 0);
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoice_runs")).toInt(), 0);
}

void TestInvoiceRun::upcomingPreview()
{
    const QString c = f.customer(QStringLiteral("p"));
    const Subscription s = f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    f.clock.set(at(2026, 1, 20));
    f.call(QStringLiteral("p"), at(2026, 1, 19), QStringLiteral("x"));
    f.run(at(2026, 1, 20));
    InvoiceService(*f.file, f.clock).issueAll(QDate(2026, 1, 31)); // January's seats
    const QList<Invoice> next = InvoiceRunService(*f.file, f.clock).upcoming(s.id);
    QStringList kinds;
    for (const Invoice &i : next)
        kinds << toText(i.kind) + QLatin1Char(' ') + dateText(i.periodStart) + QLatin1Char(' ') + moneyText(i.total, i.currency);
    kinds.sort();
    QCOMPARE(kinds, (QStringList{"in_advance 2026-02-01 50.00", "in_arrears 2026-01-01 0.50"}));
    QCOMPARE(f.file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), 1);
}

// An invoice run bills every subscription it can: one that cannot be billed (damage in the file
// that the services would refuse to write) is reported with the reason, stored with the run, and
// every other subscription gets its invoices. An end on the start date is not damage: it is
// what docs.withorb.com/api-reference/subscription/cancel-subscription gives an upcoming
// subscription cancelled immediately ("set the end_date equal to the start_date").
void TestInvoiceRun::oneBadSubscriptionNeverStopsTheRun_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("reason"); // empty: not a failure, and no invoice for it
    QTest::newRow("ends on its start date (valid, empty)") << "flat"
                                                           << "UPDATE subscriptions SET end_date = start_date WHERE id = :sub"
                                                           << "";
    QTest::newRow("ends before its start date") << "flat"
                                                << "UPDATE subscriptions SET end_date = '2025-12-01' WHERE id = :sub"
                                                << "on or after the start date";
    QTest::newRow("customer zone unknown") << "flat"
                                           << "UPDATE customers SET timezone = 'Mars/Olympus_Mons' WHERE id = :customer"
                                           << "not a known IANA zone";
    QTest::newRow("price no longer parses") << "double"
                                            << "UPDATE plan_version_prices SET definition = '{\"model_type\": \"unit\"}' "
                                               "WHERE plan_version_id = (SELECT plan_version_id FROM subscription_phases WHERE subscription_id = :sub)"
                                            << "not valid";
    QTest::newRow("a billing cycle too long to bill")
        << "double"
        << "UPDATE plan_version_prices SET definition = json_set(definition, '$.cadence', 'custom', "
           "'$.billing_cycle_configuration', json('{\"duration\": 5000, \"duration_unit\": \"day\"}')) "
           "WHERE plan_version_id = (SELECT plan_version_id FROM subscription_phases WHERE subscription_id = :sub)"
        << "cannot be billed";
    QTest::newRow("a usage price's metric is gone") << "metered"
                                                    << "UPDATE plan_version_prices SET billable_metric_id = NULL, definition = "
                                                       "json_set(definition, '$.billable_metric_id', 'gone') WHERE name = 'Calls'"
                                                    << "does not exist";
}

void TestInvoiceRun::oneBadSubscriptionNeverStopsTheRun()
{
    ORB_SQLITE_ONLY("the damage is written past the file's foreign keys (PRAGMA foreign_keys) with SQLite's JSON functions; a server's constraints refuse it");
    QFETCH(QString, plan);
    QFETCH(QString, damage);
    QFETCH(QString, reason);
    const QString good = f.customer(QStringLiteral("good"));
    const QString bad = f.customer(QStringLiteral("bad"));
    const QString other = f.customer(QStringLiteral("other"));
    f.subscribe(good, QStringLiteral("flat"), QDate(2026, 1, 1));
    const Subscription s = f.subscribe(bad, plan, QDate(2026, 1, 1));
    f.subscribe(other, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.file->db().exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    QString sql = damage;
    sql.replace(QStringLiteral(":sub"), QStringLiteral("'%1'").arg(s.id)).replace(QStringLiteral(":customer"), QStringLiteral("'%1'").arg(bad));
    f.file->db().exec(sql);
    const InvoiceRunSummary summary = f.run(at(2026, 2, 2));
    // Everyone else is billed: January and February in advance.
    const QStringList billed{"in_advance 2026-01-01 2026-02-01 310.00 draft", "in_advance 2026-02-01 2026-03-01 310.00 draft"};
    QCOMPARE(f.summary(good), billed);
    QCOMPARE(f.summary(other), billed);
    const QList<InvoiceRunFailure> stored = InvoiceRunSummary::lastRunFailures(f.file->db());
    if (reason.isEmpty()) {
        QVERIFY(summary.failed.isEmpty());
        QVERIFY(stored.isEmpty());
        QCOMPARE(f.summary(bad), QStringList{});
        return;
    }
    QCOMPARE(summary.failed.size(), 1);
    QCOMPARE(summary.failed.first().subscriptionId, s.id);
    QCOMPARE(summary.failed.first().customerName, QStringLiteral("bad"));
    QVERIFY2(summary.failed.first().reasons.join(QLatin1Char(' ')).contains(reason), qPrintable(summary.failed.first().reasons.join(QLatin1Char(' '))));
    QCOMPARE(summary.toJson().value(QStringLiteral("failed_subscriptions")).toArray().size(), 1);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().subscriptionId, s.id);
    QCOMPARE(stored.first().reasons, summary.failed.first().reasons);
}

QTEST_GUILESS_MAIN(TestInvoiceRun)
void TestInvoiceRun::amountOrderColumnsAsTheTriggerComputes_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("due");
    QTest::addColumn<QString>("paid");
    QTest::addColumn<QString>("credited");
    QTest::addColumn<QString>("status");
    QTest::newRow("cents") << QStringLiteral("USD") << QStringLiteral("218.96") << QStringLiteral("218.96") << QStringLiteral("0") << QStringLiteral("0")
                           << QStringLiteral("draft");
    QTest::newRow("no minor unit") << QStringLiteral("JPY") << QStringLiteral("1200") << QStringLiteral("1200") << QStringLiteral("0") << QStringLiteral("0")
                                   << QStringLiteral("draft");
    QTest::newRow("three decimals") << QStringLiteral("KWD") << QStringLiteral("12.345") << QStringLiteral("10.005") << QStringLiteral("0")
                                    << QStringLiteral("0") << QStringLiteral("draft");
    QTest::newRow("negative total") << QStringLiteral("USD") << QStringLiteral("-5.10") << QStringLiteral("-5.10") << QStringLiteral("0") << QStringLiteral("0")
                                    << QStringLiteral("draft");
    QTest::newRow("below one, negative") << QStringLiteral("USD") << QStringLiteral("-0.50") << QStringLiteral("-0.50") << QStringLiteral("0")
                                         << QStringLiteral("0") << QStringLiteral("draft");
    QTest::newRow("partly paid and credited") << QStringLiteral("USD") << QStringLiteral("100.00") << QStringLiteral("100.00") << QStringLiteral("30.25")
                                              << QStringLiteral("10.00") << QStringLiteral("issued");
    QTest::newRow("overpaid: never below zero") << QStringLiteral("USD") << QStringLiteral("100.00") << QStringLiteral("100.00") << QStringLiteral("120.00")
                                                << QStringLiteral("0") << QStringLiteral("paid");
    QTest::newRow("void") << QStringLiteral("USD") << QStringLiteral("100.00") << QStringLiteral("100.00") << QStringLiteral("0") << QStringLiteral("0")
                          << QStringLiteral("void");
    QTest::newRow("fourteen digits") << QStringLiteral("USD") << QStringLiteral("12345678901234.56") << QStringLiteral("12345678901234.56")
                                     << QStringLiteral("0") << QStringLiteral("0") << QStringLiteral("draft");
    QTest::newRow("beyond 64 bits: the trigger saturates") << QStringLiteral("USD") << QStringLiteral("123456789012345678.00") << QStringLiteral("1.00")
                                                           << QStringLiteral("0") << QStringLiteral("0") << QStringLiteral("draft");
}

void TestInvoiceRun::amountOrderColumnsAsTheTriggerComputes()
{
    ORB_SQLITE_ONLY("the expected minor units are computed with SQLite's CAST, which saturates where PostgreSQL's bigint refuses the largest amount");
    // The repository writes total_minor and remaining_minor itself (migration 0032); they must
    // be what migration 0009's formula gives for the stored texts, whichever of the two wrote them.
    QFETCH(QString, currency);
    QFETCH(QString, total);
    QFETCH(QString, due);
    QFETCH(QString, paid);
    QFETCH(QString, credited);
    QFETCH(QString, status);
    Invoice inv;
    inv.id = QStringLiteral("inv_minor");
    inv.customerId = f.customer(QStringLiteral("minor"));
    inv.kind = InvoiceKind::OneOff;
    inv.status = *fromText<InvoiceStatus>(status);
    inv.currency = currency;
    inv.invoiceDate = QDate(2026, 1, 1);
    inv.total = Decimal::parse(total);
    inv.amountDue = Decimal::parse(due);
    inv.amountPaid = Decimal::parse(paid);
    inv.credited = Decimal::parse(credited);
    inv.createdAt = inv.updatedAt = at(2026, 1, 1);
    {
        UnitOfWork uow(f.file->db());
        InvoiceRepository(f.file->db()).insertMany({inv});
        uow.commit();
    }
    const auto minor = [](const char *column) {
        return QStringLiteral("CAST(CASE WHEN instr(%1, '.') = 0 THEN %1 || '0000' ELSE substr(%1, 1, instr(%1, '.') - 1) || "
                              "substr(substr(%1, instr(%1, '.') + 1) || '0000', 1, 4) END AS INTEGER)")
            .arg(QLatin1String(column));
    };
    // (No two-argument max(): SQLite's scalar max is not PostgreSQL's.)
    QSqlQuery q =
        f.file->db().exec(QStringLiteral("SELECT total_minor, remaining_minor, %1, CASE WHEN status = 'void' OR %2 - %3 - %4 < 0 THEN 0 ELSE %2 - %3 - %4 END "
                                         "FROM invoices WHERE id = 'inv_minor'")
                              .arg(minor("total"), minor("amount_due"), minor("amount_paid"), minor("credited")));
    QVERIFY(q.next());
    QVERIFY(!q.value(0).isNull());
    QVERIFY(!q.value(1).isNull());
    QCOMPARE(q.value(0).toLongLong(), q.value(2).toLongLong());
    QCOMPARE(q.value(1).toLongLong(), q.value(3).toLongLong());
}

#include "tst_invoicerun.moc"
