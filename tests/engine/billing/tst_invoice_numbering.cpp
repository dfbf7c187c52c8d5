// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceNumbering.h"

#include <QtTest>

using namespace orb::billing;

using Series = InvoiceNumbering::Series;
Q_DECLARE_METATYPE(InvoiceNumbering::Series)

class TestInvoiceNumbering : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void parse_data();
    void parse();
    void next();
    void gaps_data();
    void gaps();
    void prefixes_data();
    void prefixes();
};

void TestInvoiceNumbering::format_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("padding");
    QTest::addColumn<qint64>("counter");
    QTest::addColumn<Series>("series");
    QTest::addColumn<QString>("expected");
    QTest::newRow("invoice") << "NW" << 6 << qint64(123) << Series::Invoice << "NW-000123";
    QTest::newRow("credit note") << "NW" << 6 << qint64(4) << Series::CreditNote << "NW-CN-000004";
    QTest::newRow("first") << "ACME-EU" << 4 << qint64(1) << Series::Invoice << "ACME-EU-0001";
    QTest::newRow("wider than padding keeps digits") << "NW" << 6 << qint64(1234567) << Series::Invoice << "NW-1234567";
    QTest::newRow("exactly the padding") << "NW" << 3 << qint64(999) << Series::CreditNote << "NW-CN-999";
}

void TestInvoiceNumbering::format()
{
    QFETCH(QString, prefix);
    QFETCH(int, padding);
    QFETCH(qint64, counter);
    QFETCH(Series, series);
    QFETCH(QString, expected);
    const InvoiceNumbering n(prefix, padding);
    QCOMPARE(n.format(counter, series), expected);
    // Round trip.
    const auto parsed = n.parse(expected);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->counter, counter);
    QCOMPARE(parsed->series, series);
}

void TestInvoiceNumbering::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("counter"); // 0: not a number of this company
    QTest::addColumn<Series>("series");
    QTest::newRow("invoice") << "NW-000042" << qint64(42) << Series::Invoice;
    QTest::newRow("credit note") << "NW-CN-000042" << qint64(42) << Series::CreditNote;
    QTest::newRow("wide") << "NW-1000000" << qint64(1000000) << Series::Invoice;
    QTest::newRow("other prefix") << "XY-000042" << qint64(0) << Series::Invoice;
    QTest::newRow("short") << "NW-42" << qint64(0) << Series::Invoice;
    QTest::newRow("zero-padded too wide") << "NW-0000042" << qint64(0) << Series::Invoice;
    QTest::newRow("zero") << "NW-000000" << qint64(0) << Series::Invoice;
    QTest::newRow("letters") << "NW-00004A" << qint64(0) << Series::Invoice;
    QTest::newRow("sign") << "NW-+00042" << qint64(0) << Series::Invoice;
    QTest::newRow("unknown series") << "NW-XX-000042" << qint64(0) << Series::Invoice;
    QTest::newRow("lower case") << "nw-000042" << qint64(0) << Series::Invoice;
}

void TestInvoiceNumbering::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, counter);
    QFETCH(Series, series);
    const auto parsed = InvoiceNumbering(QStringLiteral("NW")).parse(text);
    QCOMPARE(parsed.has_value() ? parsed->counter : 0, counter);
    if (parsed)
        QCOMPARE(parsed->series, series);
}

void TestInvoiceNumbering::next()
{
    QCOMPARE(InvoiceNumbering::next(std::nullopt), qint64(1));
    QCOMPARE(InvoiceNumbering::next(122), qint64(123));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, InvoiceNumbering::next(0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, InvoiceNumbering(QStringLiteral("NW")).format(0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, InvoiceNumbering(QStringLiteral("NW"), 0));
}

void TestInvoiceNumbering::gaps_data()
{
    QTest::addColumn<QList<qint64>>("issued");
    QTest::addColumn<QList<qint64>>("missing");
    QTest::newRow("none issued") << QList<qint64>{} << QList<qint64>{};
    QTest::newRow("gap-free, any order") << QList<qint64>{3, 1, 2} << QList<qint64>{};
    QTest::newRow("missing first") << QList<qint64>{2, 3} << QList<qint64>{1};
    QTest::newRow("holes") << QList<qint64>{1, 4, 7} << QList<qint64>{2, 3, 5, 6};
    QTest::newRow("duplicate is no gap") << QList<qint64>{1, 2, 2, 3} << QList<qint64>{};
}

void TestInvoiceNumbering::gaps()
{
    QFETCH(QList<qint64>, issued);
    QFETCH(QList<qint64>, missing);
    QCOMPARE(InvoiceNumbering::gaps(issued), missing);
}

void TestInvoiceNumbering::prefixes_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<bool>("valid");
    QTest::newRow("NW") << "NW" << true;
    QTest::newRow("inner dash") << "ACME-2024" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("lower case") << "nw" << false;
    QTest::newRow("trailing dash") << "NW-" << false;
    QTest::newRow("space") << "N W" << false;
    QTest::newRow("17 characters") << "ABCDEFGHIJKLMNOPQ" << false;
}

void TestInvoiceNumbering::prefixes()
{
    QFETCH(QString, prefix);
    QFETCH(bool, valid);
    QCOMPARE(InvoiceNumbering::isValidPrefix(prefix), valid);
}

QTEST_GUILESS_MAIN(TestInvoiceNumbering)
#include "tst_invoice_numbering.moc"
