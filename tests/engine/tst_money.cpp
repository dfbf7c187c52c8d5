// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Currency.h"
#include "engine/Money.h"

#include <QtTest>

using namespace orb;

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void minorUnits_data();
    void minorUnits();
    void unknownCurrency();
    void roundingToMinorUnit_data();
    void roundingToMinorUnit();
    void arithmeticKeepsCurrency();
    void mixingCurrenciesThrows();
    void formatting_data();
    void formatting();
};

void TestMoney::minorUnits_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("minor");
    QTest::newRow("USD") << "USD" << 2;
    QTest::newRow("EUR") << "EUR" << 2;
    QTest::newRow("JPY") << "JPY" << 0;
    QTest::newRow("KRW") << "KRW" << 0;
    QTest::newRow("BHD") << "BHD" << 3;
    QTest::newRow("KWD") << "KWD" << 3;
    QTest::newRow("CLF") << "CLF" << 4;
}

void TestMoney::minorUnits()
{
    QFETCH(QString, code);
    QFETCH(int, minor);
    const auto c = Currency::fromCode(code);
    QVERIFY(c.has_value());
    QCOMPARE(c->minorUnits(), minor);
    QCOMPARE(c->code(), code);
}

void TestMoney::unknownCurrency()
{
    QVERIFY(!Currency::fromCode(u"XYZ").has_value());
    QVERIFY(!Currency::fromCode(u"usd").has_value());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Currency::require(u"US"));
    QVERIFY(Currency::codes().size() > 150);
    QVERIFY(Currency::codes().contains(QStringLiteral("CHF")));
}

void TestMoney::roundingToMinorUnit_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("rounded");
    QTest::newRow("USD half-up") << "USD"
                                 << "10.005"
                                 << "10.01";
    QTest::newRow("USD negative") << "USD"
                                  << "-10.005"
                                  << "-10.01";
    QTest::newRow("JPY") << "JPY"
                         << "1999.5"
                         << "2000";
    QTest::newRow("BHD") << "BHD"
                         << "0.0005"
                         << "0.001";
    QTest::newRow("USD pads") << "USD"
                              << "7"
                              << "7.00";
}

void TestMoney::roundingToMinorUnit()
{
    QFETCH(QString, code);
    QFETCH(QString, amount);
    QFETCH(QString, rounded);
    const Money m = Money::parse(amount, Currency::require(code));
    QCOMPARE(m.rounded().amount().toString(), rounded);
    QCOMPARE(m.rounded().toDecimalString(), rounded);
}

void TestMoney::arithmeticKeepsCurrency()
{
    const Currency usd = Currency::require(u"USD");
    Money total = Money::zero(usd);
    for (int i = 0; i < 10; ++i)
        total += Money::parse(u"0.10", usd);
    QCOMPARE(total, Money::parse(u"1.00", usd));
    QCOMPARE((total * Decimal::parse(u"0.333")).amount().toString(), QStringLiteral("0.33300"));
    QCOMPARE(Money::fromMinorUnits(-250, usd).toDecimalString(), QStringLiteral("-2.50"));
    QCOMPARE(Money::parse(u"1.23456", usd).toDecimalString(), QStringLiteral("1.23456"));
    QVERIFY_THROWS_EXCEPTION(DecimalError, Money::parse(u"1.234", usd).toMinorUnits());
}

void TestMoney::mixingCurrenciesThrows()
{
    const Money usd = Money::parse(u"1", Currency::require(u"USD"));
    const Money eur = Money::parse(u"1", Currency::require(u"EUR"));
    QVERIFY_THROWS_EXCEPTION(CurrencyMismatch, usd + eur);
    QVERIFY_THROWS_EXCEPTION(CurrencyMismatch, (void)(usd < eur));
    QVERIFY(usd != eur);
}

void TestMoney::formatting_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en_US dollars") << "en_US"
                                   << "USD"
                                   << "1234567.5"
                                   << "$1,234,567.50";
    QTest::newRow("en_US negative") << "en_US"
                                    << "USD"
                                    << "-12"
                                    << "-$12.00";
    QTest::newRow("de_DE euros") << "de_DE"
                                 << "EUR"
                                 << "1234.5" << QString::fromUtf8("1.234,50\u00a0€");
    QTest::newRow("en_US euros") << "en_US"
                                 << "EUR"
                                 << "179" << QString::fromUtf8("€179.00");
    QTest::newRow("de_DE dollars") << "de_DE"
                                   << "USD"
                                   << "179" << QString::fromUtf8("179,00\u00a0$");
    QTest::newRow("en_US francs spaced") << "en_US"
                                         << "CHF"
                                         << "179" << QString::fromUtf8("CHF\u00a0179.00");
    QTest::newRow("en_US negative francs") << "en_US"
                                           << "CHF"
                                           << "-5" << QString::fromUtf8("-CHF\u00a05.00");
    QTest::newRow("en_US yen, no minor unit") << "en_US"
                                              << "JPY"
                                              << "1500" << QString::fromUtf8("¥1,500");
    QTest::newRow("en_US dinars, three minor digits") << "en_US"
                                                      << "KWD"
                                                      << "12.5" << QString::fromUtf8("KWD\u00a012.500");
    QTest::newRow("de_DE dinars") << "de_DE"
                                  << "KWD"
                                  << "12.5" << QString::fromUtf8("12,500\u00a0KWD");
    QTest::newRow("en_CA US dollars") << "en_CA"
                                      << "USD"
                                      << "3" << QString::fromUtf8("US$3.00");
    QTest::newRow("ja_JP yen") << "ja_JP"
                               << "JPY"
                               << "1500" << QString::fromUtf8("￥1,500");
    QTest::newRow("tiny unit price keeps digits") << "en_US"
                                                  << "USD"
                                                  << "0.00002"
                                                  << "$0.00002";
}

void TestMoney::formatting()
{
    QFETCH(QString, locale);
    QFETCH(QString, code);
    QFETCH(QString, amount);
    QFETCH(QString, expected);
    const Money m = Money::parse(amount, Currency::require(code));
    QCOMPARE(m.format(QLocale(locale)), expected);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
