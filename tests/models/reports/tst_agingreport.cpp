// SPDX-License-Identifier: GPL-3.0-or-later
// Aging buckets (table-driven), the report's rows and totals, and what is open as of a date.
#include "models/reports/AgingReport.h"
#include "models/reports/ReportSource.h"

#include <QtTest>

using namespace orb;

class TestAgingReport : public QObject
{
    Q_OBJECT

private slots:
    void bucketFor_data();
    void bucketFor();
    void rowsAndTotals();
    void outstandingAsOf_data();
    void outstandingAsOf();
};

void TestAgingReport::bucketFor_data()
{
    QTest::addColumn<int>("daysPastDue");
    QTest::addColumn<int>("bucket");
    QTest::newRow("not yet due") << -5 << int(AgingReport::Current);
    QTest::newRow("due today") << 0 << int(AgingReport::Current);
    QTest::newRow("1 day") << 1 << int(AgingReport::Days1To30);
    QTest::newRow("30 days") << 30 << int(AgingReport::Days1To30);
    QTest::newRow("31 days") << 31 << int(AgingReport::Days31To60);
    QTest::newRow("60 days") << 60 << int(AgingReport::Days31To60);
    QTest::newRow("61 days") << 61 << int(AgingReport::Days61To90);
    QTest::newRow("90 days") << 90 << int(AgingReport::Days61To90);
    QTest::newRow("91 days") << 91 << int(AgingReport::Over90);
    QTest::newRow("400 days") << 400 << int(AgingReport::Over90);
}

void TestAgingReport::bucketFor()
{
    QFETCH(int, daysPastDue);
    QFETCH(int, bucket);
    QCOMPARE(int(AgingReport::bucketFor(daysPastDue)), bucket);
}

void TestAgingReport::rowsAndTotals()
{
    const QDate asOf(2026, 3, 31);
    auto item = [](const char *customer, const char *name, const char *currency, QDate due, const char *amount) {
        AgingItem i;
        i.customerId = QString::fromLatin1(customer);
        i.customerName = QString::fromLatin1(name);
        i.currency = QString::fromLatin1(currency);
        i.invoiceDate = due.addDays(-30);
        i.dueDate = due;
        i.outstanding = Decimal::parse(amount);
        return i;
    };
    const QList<AgingItem> items = {
        item("b", "Zeta Corp", "USD", QDate(2026, 3, 31), "100.00"),  // current (due today)
        item("b", "Zeta Corp", "USD", QDate(2026, 3, 1), "50.10"),    // 30 days
        item("a", "Alpha Ltd", "USD", QDate(2026, 1, 30), "20.00"),   // 60 days
        item("a", "Alpha Ltd", "USD", QDate(2025, 12, 31), "7.00"),   // 90 days
        item("a", "Alpha Ltd", "EUR", QDate(2025, 12, 30), "999.99"), // 91 days, another currency
        item("c", "Paid Inc", "USD", QDate(2025, 1, 1), "0.00"),      // nothing open: no row
    };
    const AgingReport r = AgingReport::build(items, asOf);
    QCOMPARE(r.rows().size(), 3);
    QCOMPARE(r.rows().at(0).customerName, QStringLiteral("Alpha Ltd"));
    QCOMPARE(r.rows().at(0).currency, QStringLiteral("EUR"));
    QCOMPARE(r.rows().at(0).buckets[AgingReport::Over90].toString(), QStringLiteral("999.99"));
    QCOMPARE(r.rows().at(1).currency, QStringLiteral("USD"));
    QCOMPARE(r.rows().at(1).buckets[AgingReport::Days31To60].toString(), QStringLiteral("20.00"));
    QCOMPARE(r.rows().at(1).buckets[AgingReport::Days61To90].toString(), QStringLiteral("7.00"));
    QCOMPARE(r.rows().at(1).total.toString(), QStringLiteral("27.00"));
    QCOMPARE(r.rows().at(2).buckets[AgingReport::Current].toString(), QStringLiteral("100.00"));
    QCOMPARE(r.rows().at(2).buckets[AgingReport::Days1To30].toString(), QStringLiteral("50.10"));
    QCOMPARE(r.totals().size(), 2);
    QCOMPARE(r.totals().at(1).currency, QStringLiteral("USD"));
    QCOMPARE(r.totals().at(1).total.toString(), QStringLiteral("177.10"));
    QCOMPARE(r.totals().at(1).invoices, 4);
    const QStringList csv = r.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), 1 + 3 + 2);
    QCOMPARE(csv.at(0), QStringLiteral("customer_id,customer,currency,current,days_1_30,days_31_60,days_61_90,days_over_90,total,invoices"));
    QCOMPARE(csv.at(2), QStringLiteral("a,Alpha Ltd,USD,0.00,0.00,20.00,7.00,0.00,27.00,2"));
    QCOMPARE(csv.last(), QStringLiteral(",Total,USD,100.00,50.10,20.00,7.00,0.00,177.10,4"));
    QCOMPARE(r.toJson().value(QStringLiteral("totals")).toArray().size(), 2);
}

void TestAgingReport::outstandingAsOf_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QDate>("voidedOn");
    QTest::addColumn<QDate>("asOf");
    QTest::addColumn<QString>("expected");
    // Invoice of 2026-02-01 for 100.00; 30.00 paid on 02-10, a 20.00 credit note on 02-20.
    QTest::newRow("before the invoice") << "issued" << QDate() << QDate(2026, 1, 31) << "0.00";
    QTest::newRow("on its date") << "issued" << QDate() << QDate(2026, 2, 1) << "100.00";
    QTest::newRow("after the payment") << "issued" << QDate() << QDate(2026, 2, 10) << "70.00";
    QTest::newRow("after the credit note") << "issued" << QDate() << QDate(2026, 2, 20) << "50.00";
    QTest::newRow("paid later was open then") << "paid" << QDate() << QDate(2026, 2, 15) << "70.00";
    QTest::newRow("voided later was open then") << "void" << QDate(2026, 3, 1) << QDate(2026, 2, 15) << "70.00";
    QTest::newRow("voided by then") << "void" << QDate(2026, 2, 12) << QDate(2026, 2, 15) << "0.00";
    QTest::newRow("a draft is not owed") << "draft" << QDate() << QDate(2026, 2, 15) << "0.00";
}

void TestAgingReport::outstandingAsOf()
{
    QFETCH(QString, status);
    QFETCH(QDate, voidedOn);
    QFETCH(QDate, asOf);
    QFETCH(QString, expected);
    Invoice inv;
    inv.status = fromText<InvoiceStatus>(status).value();
    inv.invoiceDate = QDate(2026, 2, 1);
    inv.amountDue = Decimal::parse("100.00");
    Payment p;
    p.amount = Decimal::parse("30.00");
    p.paidOn = QDate(2026, 2, 10);
    const QList<QPair<QDate, Decimal>> credits{{QDate(2026, 2, 20), Decimal::parse("20.00")}};
    QCOMPARE(ReportSource::outstandingAsOf(inv, {p}, credits, voidedOn, asOf).toString(), expected);
}

QTEST_GUILESS_MAIN(TestAgingReport)
#include "tst_agingreport.moc"
