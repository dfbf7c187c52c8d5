// SPDX-License-Identifier: GPL-3.0-or-later
// Chart data built from known records: revenue per month and per plan, usage per bucket and
// group, CSV export, and the statement's balances.
#include "models/reports/RevenueReport.h"
#include "models/reports/Statement.h"
#include "models/reports/UsageSeries.h"

#include <QtTest>

using namespace orb;

class TestReportData : public QObject
{
    Q_OBJECT

private slots:
    void revenueByMonth();
    void revenueByPlan();
    void usageTotalSeries();
    void usageGroupedSeries();
    void csvQuotesFields();
    void statementBalances();
};

namespace {

Invoice invoice(const char *id, const char *status, QDate date, const char *total, const char *paid, const char *currency = "USD")
{
    Invoice i;
    i.id = QString::fromLatin1(id);
    i.status = fromText<InvoiceStatus>(QString::fromLatin1(status)).value();
    i.invoiceDate = date;
    i.currency = QString::fromLatin1(currency);
    i.total = Decimal::parse(total);
    i.amountDue = i.total;
    i.amountPaid = Decimal::parse(paid);
    return i;
}

QStringList texts(const QList<Decimal> &values)
{
    QStringList out;
    for (const Decimal &d : values)
        out << d.toString();
    return out;
}

} // namespace

void TestReportData::revenueByMonth()
{
    const QList<Invoice> invoices = {
        invoice("1", "paid", QDate(2026, 1, 5), "100.00", "100.00"),       invoice("2", "issued", QDate(2026, 1, 20), "50.00", "20.00"),
        invoice("3", "issued", QDate(2026, 3, 1), "75.50", "0.00"),        invoice("4", "void", QDate(2026, 3, 2), "999.00", "0.00"), // not revenue
        invoice("5", "draft", QDate(2026, 3, 3), "888.00", "0.00"),                                                                   // not revenue
        invoice("6", "issued", QDate(2026, 3, 4), "10.00", "0.00", "EUR"),
    };
    Payment p1;
    p1.amount = Decimal::parse("100.00");
    p1.paidOn = QDate(2026, 2, 2);
    p1.currency = QStringLiteral("USD");
    Payment p2 = p1;
    p2.amount = Decimal::parse("20.00");
    p2.paidOn = QDate(2026, 3, 9);
    const ChartData c = RevenueReport::byMonth(invoices, {p1, p2}, QDate(2026, 1, 15), QDate(2026, 3, 31), QStringLiteral("USD"));
    QCOMPARE(c.categories, (QStringList{QStringLiteral("2026-01"), QStringLiteral("2026-02"), QStringLiteral("2026-03")}));
    QCOMPARE(c.series.size(), 3);
    QCOMPARE(texts(c.find(QStringLiteral("Invoiced"))->values), (QStringList{QStringLiteral("150.00"), QStringLiteral("0"), QStringLiteral("75.50")}));
    QCOMPARE(texts(c.find(QStringLiteral("Paid"))->values), (QStringList{QStringLiteral("0"), QStringLiteral("100.00"), QStringLiteral("20.00")}));
    QCOMPARE(texts(c.find(QStringLiteral("Outstanding"))->values), (QStringList{QStringLiteral("30.00"), QStringLiteral("0"), QStringLiteral("75.50")}));
    QCOMPARE(c.maximum().toString(), QStringLiteral("150.00"));
}

void TestReportData::revenueByPlan()
{
    const QList<Invoice> invoices = {invoice("1", "paid", QDate(2026, 1, 5), "100.00", "100.00"), invoice("2", "issued", QDate(2026, 1, 20), "250.00", "0"),
                                     invoice("3", "issued", QDate(2026, 2, 1), "30.00", "0"), invoice("4", "issued", QDate(2025, 2, 1), "500.00", "0")};
    const QHash<QString, QString> planOf{
        {QStringLiteral("1"), QStringLiteral("Starter")}, {QStringLiteral("2"), QStringLiteral("Growth")}, {QStringLiteral("4"), QStringLiteral("Growth")}};
    const ChartData c = RevenueReport::byPlan(invoices, planOf, QDate(2026, 1, 1), QDate(2026, 12, 31), QStringLiteral("USD"));
    QCOMPARE(c.categories, (QStringList{QStringLiteral("Growth"), QStringLiteral("Starter"), QStringLiteral("One-off")}));
    QCOMPARE(texts(c.series.first().values), (QStringList{QStringLiteral("250.00"), QStringLiteral("100.00"), QStringLiteral("30.00")}));
}

void TestReportData::usageTotalSeries()
{
    QList<BucketUsage> buckets;
    for (int d = 0; d < 3; ++d) {
        BucketUsage b;
        b.bucket.label = QDate(2026, 3, 1 + d);
        b.usage.total = Decimal(10 * (d + 1));
        buckets.append(b);
    }
    const ChartData c = UsageSeries::build(buckets, BucketSize::Day, QStringLiteral("API calls"));
    QCOMPARE(c.categories, (QStringList{QStringLiteral("2026-03-01"), QStringLiteral("2026-03-02"), QStringLiteral("2026-03-03")}));
    QCOMPARE(c.series.size(), 1);
    QCOMPARE(c.series.first().name, QStringLiteral("API calls"));
    QCOMPARE(texts(c.series.first().values), (QStringList{QStringLiteral("10"), QStringLiteral("20"), QStringLiteral("30")}));
    QVERIFY(!c.stacked);
    QCOMPARE(UsageSeries::label(QDate(2026, 3, 2), BucketSize::Week), QStringLiteral("2026-W10"));
    QCOMPARE(UsageSeries::label(QDate(2026, 3, 1), BucketSize::Month), QStringLiteral("2026-03"));
}

void TestReportData::usageGroupedSeries()
{
    QList<BucketUsage> buckets(2);
    buckets[0].bucket.label = QDate(2026, 3, 1);
    buckets[0].usage.groupKeys = {QStringLiteral("region")};
    buckets[0].usage.groups = {{{QStringLiteral("eu")}, Decimal(5)}, {{QStringLiteral("us")}, Decimal(7)}};
    buckets[1].bucket.label = QDate(2026, 4, 1);
    buckets[1].usage.groupKeys = {QStringLiteral("region")};
    buckets[1].usage.groups = {{{QStringLiteral("us")}, Decimal(3)}, {{QString()}, Decimal(1)}};
    const ChartData c = UsageSeries::build(buckets, BucketSize::Month, QStringLiteral("Requests"));
    QVERIFY(c.stacked);
    QCOMPARE(c.series.size(), 3);
    QCOMPARE(c.series.at(0).name, QStringLiteral("(none)"));
    QCOMPARE(texts(c.find(QStringLiteral("eu"))->values), (QStringList{QStringLiteral("5"), QStringLiteral("0")}));
    QCOMPARE(texts(c.find(QStringLiteral("us"))->values), (QStringList{QStringLiteral("7"), QStringLiteral("3")}));
    QCOMPARE(texts(c.find(QStringLiteral("(none)"))->values), (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
    QCOMPARE(c.maximum().toString(), QStringLiteral("12"));
}

void TestReportData::csvQuotesFields()
{
    ChartData c;
    c.categories = {QStringLiteral("Plan, \"Pro\"")};
    c.series = {{QStringLiteral("Invoiced"), {Decimal::parse("1.50")}}};
    QCOMPARE(c.toCsv(), QStringLiteral("category,Invoiced\n\"Plan, \"\"Pro\"\"\",1.50\n"));
}

void TestReportData::statementBalances()
{
    auto line = [](QDate d, StatementLine::Kind k, const char *debit, const char *credit) {
        StatementLine l;
        l.date = d;
        l.kind = k;
        l.debit = Decimal::parse(debit);
        l.credit = Decimal::parse(credit);
        return l;
    };
    const QList<StatementLine> moves = {
        line(QDate(2026, 2, 10), StatementLine::Kind::Payment, "0", "40.00"), line(QDate(2026, 1, 5), StatementLine::Kind::Invoice, "100.00", "0"),
        line(QDate(2026, 2, 10), StatementLine::Kind::Invoice, "60.00", "0"), line(QDate(2026, 1, 20), StatementLine::Kind::Payment, "0", "25.00"),
        line(QDate(2026, 3, 5), StatementLine::Kind::Invoice, "999.00", "0"), // after the period
    };
    const Statement s = Statement::build(moves, QDate(2026, 2, 1), QDate(2026, 2, 28), QStringLiteral("USD"));
    QCOMPARE(s.opening.toString(), QStringLiteral("75.00"));
    QCOMPARE(s.lines.size(), 2);
    QCOMPARE(s.lines.at(0).kind, StatementLine::Kind::Invoice); // invoices first on a day
    QCOMPARE(s.lines.at(0).balance.toString(), QStringLiteral("135.00"));
    QCOMPARE(s.lines.at(1).balance.toString(), QStringLiteral("95.00"));
    QCOMPARE(s.closing.toString(), QStringLiteral("95.00"));
}

QTEST_GUILESS_MAIN(TestReportData)
#include "tst_reportdata.moc"
