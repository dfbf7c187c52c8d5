// SPDX-License-Identifier: GPL-3.0-or-later
// The window's one way of writing and reading amounts and dates: in the interface language's
// locale, exactly (Decimal, never double), at the currency's minor digits.
#include "ui/LocaleFormat.h"
#include "ui/charts/ReportChartView.h"
#include "ui/widgets/OptionalDateEdit.h"

#include <QDateEdit>
#include <QtTest>

using namespace orb;

class TestLocaleFormat : public QObject
{
    Q_OBJECT

private slots:
    void parseAmount_data();
    void parseAmount();
    void money_data();
    void money();
    void decimals_data();
    void decimals();
    void dates();
    void chartCategories();
    void optionalDateEdit();
};

namespace {

const QLocale en(QLocale::English, QLocale::UnitedStates);
const QLocale de(QLocale::German, QLocale::Germany);

} // namespace

void TestLocaleFormat::parseAmount_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored"); // empty: refused
    QTest::newRow("de comma") << de << "EUR"
                              << "5,00"
                              << "5.00";
    QTest::newRow("de whole") << de << "EUR"
                              << "5"
                              << "5.00";
    QTest::newRow("de grouped") << de << "EUR"
                                << "1.234,5"
                                << "1234.50";
    QTest::newRow("de symbol") << de << "EUR"
                               << "1.234,50 €"
                               << "1234.50";
    QTest::newRow("de point is not a decimal mark") << de << "EUR"
                                                    << "5.00"
                                                    << "";
    QTest::newRow("de bad grouping") << de << "EUR"
                                     << "12.34.567"
                                     << "";
    QTest::newRow("de negative") << de << "EUR"
                                 << "-3,25"
                                 << "-3.25";
    QTest::newRow("en point") << en << "USD"
                              << "5.00"
                              << "5.00";
    QTest::newRow("en grouped with symbol") << en << "USD"
                                            << "$1,234.50"
                                            << "1234.50";
    QTest::newRow("en comma is not a decimal mark") << en << "USD"
                                                    << "5,00"
                                                    << "";
    QTest::newRow("en too many places") << en << "USD"
                                        << "4.505"
                                        << "";
    QTest::newRow("yen has no minor digits") << en << "JPY"
                                             << "180,000"
                                             << "180000";
    QTest::newRow("yen refuses cents") << en << "JPY"
                                       << "1.5"
                                       << "";
    QTest::newRow("dinar three places") << en << "BHD"
                                        << "1.234"
                                        << "1.234";
    QTest::newRow("two marks") << en << "USD"
                               << "1.2.3"
                               << "";
    QTest::newRow("letters") << de << "EUR"
                             << "zehn"
                             << "";
    QTest::newRow("empty") << de << "EUR"
                           << "  "
                           << "";
}

void TestLocaleFormat::parseAmount()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, currency);
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    QString error;
    const auto value = LocaleFormat::parseAmount(typed, currency, locale, &error);
    if (stored.isEmpty()) {
        QVERIFY2(!value, qPrintable(value ? value->toString() : QString()));
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(value, qPrintable(error));
        QCOMPARE(value->toString(), stored);
    }
}

void TestLocaleFormat::decimals_data()
{
    // The price configs' and rates' numbers: shown, typed and stored back exactly, every digit kept.
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("shown");   // LocaleFormat::decimal
    QTest::addColumn<QString>("editing"); // LocaleFormat::editDecimal, typed back to `stored`
    QTest::addColumn<QString>("percent");
    QTest::newRow("de amount") << de << "24000.00"
                               << "24.000,00"
                               << "24000,00"
                               << "24.000,00\u00a0%";
    QTest::newRow("de rate") << de << "7.25"
                             << "7,25"
                             << "7,25"
                             << "7,25\u00a0%";
    QTest::newRow("de unit price") << de << "0.0025"
                                   << "0,0025"
                                   << "0,0025"
                                   << "0,0025\u00a0%";
    QTest::newRow("en amount") << en << "24000.00"
                               << "24,000.00"
                               << "24000.00"
                               << "24,000.00%";
    QTest::newRow("en whole") << en << "19"
                              << "19"
                              << "19"
                              << "19%";
}

void TestLocaleFormat::decimals()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, stored);
    QFETCH(QString, shown);
    QFETCH(QString, editing);
    QFETCH(QString, percent);
    const Decimal d = Decimal::parse(stored);
    QCOMPARE(LocaleFormat::decimal(d, locale), shown);
    QCOMPARE(LocaleFormat::editDecimal(d, locale), editing);
    QCOMPARE(LocaleFormat::percent(d, locale), percent);
    QCOMPARE(LocaleFormat::decimalText(stored, locale), editing);
    QCOMPARE(LocaleFormat::canonicalDecimal(editing, locale), stored);
    QCOMPARE(LocaleFormat::canonicalDecimal(shown, locale), stored);
    // Not a number in the locale: kept as typed, for the catalog's checks to name.
    QCOMPARE(LocaleFormat::canonicalDecimal(QStringLiteral("12x"), locale), QStringLiteral("12x"));
    // A grouped number never starts with 0: "0,002" in English (or "0.002" in German) is no 2.
    QVERIFY(!LocaleFormat::parseDecimal(locale.language() == QLocale::German ? QStringLiteral("0.002") : QStringLiteral("0,002"), locale));
}

void TestLocaleFormat::money_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("shown");
    QTest::newRow("en yen") << en << "JPY"
                            << "180000"
                            << "¥180,000";
    QTest::newRow("de yen") << de << "JPY"
                            << "180000" << QStringLiteral("180.000\u00a0¥");
    QTest::newRow("de euro") << de << "EUR"
                             << "179" << QStringLiteral("179,00\u00a0€");
    QTest::newRow("en dollars rounded to cents") << en << "USD"
                                                 << "1234.505"
                                                 << "$1,234.51";
    QTest::newRow("de dollars") << de << "USD"
                                << "2794.74" << QStringLiteral("2.794,74\u00a0$");
}

void TestLocaleFormat::money()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, currency);
    QFETCH(QString, amount);
    QFETCH(QString, shown);
    QCOMPARE(LocaleFormat::money(Decimal::parse(amount), currency, locale), shown);
    // What an amount field offers reads back as the same amount.
    const QString field = LocaleFormat::amount(Decimal::parse(amount), currency, locale);
    QCOMPARE(LocaleFormat::parseAmount(field, currency, locale).value_or(Decimal(-1)),
             Decimal::parse(amount).rounded(currency == QLatin1String("JPY") ? 0 : 2));
}

void TestLocaleFormat::dates()
{
    QCOMPARE(LocaleFormat::date(QDate(2026, 9, 1), de), QStringLiteral("01.09.2026"));
    QCOMPARE(LocaleFormat::date(QDate(2026, 9, 1), en), QStringLiteral("9/1/2026"));
    // A billing period is half-open; people read its last day, as on the PDF.
    QCOMPARE(LocaleFormat::period(QDate(2026, 11, 1), QDate(2026, 12, 1), de), QStringLiteral("01.11.2026 – 30.11.2026"));
    QCOMPARE(LocaleFormat::monthYear(QDate(2026, 12, 7), de), QStringLiteral("Dezember 2026"));
    QCOMPARE(LocaleFormat::monthYear(QDate(2026, 12, 7), en), QStringLiteral("December 2026"));
}

void TestLocaleFormat::chartCategories()
{
    QCOMPARE(ReportChartView::categoryText(QStringLiteral("2026-12"), en), QStringLiteral("Dec 2026"));
    QCOMPARE(ReportChartView::categoryText(QStringLiteral("2026-12-07"), de), QStringLiteral("07.12."));
    QCOMPARE(ReportChartView::categoryText(QStringLiteral("2026-12-07"), en), QStringLiteral("12/7"));
}

void TestLocaleFormat::optionalDateEdit()
{
    // An empty date field ("any") takes a date typed in the locale's format, and Delete
    // empties it again.
    QLocale::setDefault(de);
    OptionalDateEdit e(QStringLiteral("any"), QDate(2026, 12, 7));
    QCOMPARE(e.displayFormat(), QStringLiteral("dd.MM.yyyy"));
    QVERIFY(e.isEmpty());
    QCOMPARE(e.text(), QStringLiteral("any"));
    e.show();
    QApplication::setActiveWindow(&e);
    QVERIFY(QTest::qWaitForWindowActive(&e));
    e.setFocus();
    QTest::keyClicks(&e, QStringLiteral("01.09.2026"));
    QCOMPARE(e.text(), QStringLiteral("01.09.2026"));
    QCOMPARE(e.value(), std::optional<QDate>(QDate(2026, 9, 1)));
    QCOMPARE(e.text(), QStringLiteral("01.09.2026"));
    e.selectAll();
    QTest::keyClick(&e, Qt::Key_Delete);
    QVERIFY(e.isEmpty());
    QLocale::setDefault(en);
}

QTEST_MAIN(TestLocaleFormat)
#include "tst_localeformat.moc"
