// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceCalculator.h"

#include <QJsonArray>
#include <QtTest>

using namespace orb;
using namespace orb::billing;

namespace {

Decimal d(const char *text)
{
    return Decimal::parse(text);
}

QDate date(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

InvoiceLineInput line(const QString &priceId, const char *subtotal, QStringList taxRateIds = {})
{
    InvoiceLineInput l;
    l.priceId = priceId;
    l.name = priceId;
    l.quantity = Decimal(1);
    l.subtotal = d(subtotal);
    l.taxRateIds = std::move(taxRateIds);
    return l;
}

InvoiceInput invoice(QList<InvoiceLineInput> lines)
{
    InvoiceInput in;
    in.currency = Currency::require(u"USD");
    in.invoiceDate = date("2024-02-01");
    in.lines = std::move(lines);
    return in;
}

// "amount:10;percent:0.1;min:50;max:500" → adjustments on the given prices, in that order.
QList<Adjustment> adjustments(const QString &spec, const QStringList &priceIds)
{
    QList<Adjustment> out;
    int n = 0;
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QString kind = part.section(u':', 0, 0);
        const Decimal v = Decimal::parse(part.section(u':', 1, 1));
        const QString id = kind + QString::number(++n);
        if (kind == u"amount")
            out.append(Adjustment::amountDiscount(v, priceIds, id));
        else if (kind == u"percent")
            out.append(Adjustment::percentageDiscount(v, priceIds, id));
        else if (kind == u"min")
            out.append(Adjustment::minimum(v, priceIds, id));
        else if (kind == u"max")
            out.append(Adjustment::maximum(v, priceIds, id));
        else if (kind == u"usage")
            out.append(Adjustment::usageDiscount(v, priceIds, id));
    }
    return out;
}

QStringList amounts(const QList<Decimal> &values)
{
    QStringList out;
    for (const Decimal &v : values)
        out.append(v.toString());
    return out;
}

} // namespace

class TestInvoiceCalculator : public QObject
{
    Q_OBJECT

private slots:
    void priceLevel_data();
    void priceLevel();
    void usageDiscount();
    void invoiceLevel_data();
    void invoiceLevel();
    void coupons_data();
    void coupons();
    void oneOrderPerLine_data();
    void oneOrderPerLine();
    void taxes();
    void balance_data();
    void balance();
    void creditBlocks();
    void creditsByUsageTime_data();
    void creditsByUsageTime();
    void allocate_data();
    void allocate();
    void orbWorkedExample();
    void halfEven();
    void json();
    void refusals();
};

void TestInvoiceCalculator::priceLevel_data()
{
    QTest::addColumn<QString>("subtotal");
    QTest::addColumn<QString>("spec"); // given in any order; applied in Orb's
    QTest::addColumn<QString>("adjusted");
    QTest::addColumn<QStringList>("steps");

    QTest::newRow("amount discount") << "120.00"
                                     << "amount:20"
                                     << "100.00" << QStringList{"-20.00"};
    QTest::newRow("amount discount stops at zero") << "15.00"
                                                   << "amount:20"
                                                   << "0.00" << QStringList{"-15.00"};
    QTest::newRow("percentage discount") << "500.00"
                                         << "percent:0.2"
                                         << "400.00" << QStringList{"-100.00"};
    QTest::newRow("minimum tops up") << "20.00"
                                     << "min:50"
                                     << "50.00" << QStringList{"30.00"};
    QTest::newRow("minimum not reached") << "80.00"
                                         << "min:50"
                                         << "80.00" << QStringList{"0.00"};
    QTest::newRow("maximum caps") << "1200.00"
                                  << "max:1000"
                                  << "1000.00" << QStringList{"-200.00"};
    // Orb's order: amount, then percentage: (100 − 10) × 0.9 = 81, not 100 × 0.9 − 10 = 80.
    QTest::newRow("amount before percentage") << "100.00"
                                              << "percent:0.1;amount:10"
                                              << "81.00" << QStringList{"-10.00", "-9.00"};
    // Discounts apply before the minimum, so the minimum still holds after them.
    QTest::newRow("discount then minimum") << "60.00"
                                           << "min:50;percent:0.5"
                                           << "50.00" << QStringList{"-30.00", "20.00"};
    // Minimum and maximum: the maximum comes last and wins when they conflict.
    QTest::newRow("minimum above maximum") << "10.00"
                                           << "max:40;min:50"
                                           << "40.00" << QStringList{"40.00", "-10.00"};
    QTest::newRow("all of them") << "1000.00"
                                 << "max:700;min:100;percent:0.25;amount:100"
                                 << "675.00" << QStringList{"-100.00", "-225.00", "0.00", "0.00"};
    // Exact until the line is rounded: 10.004 − 3.3% = 9.673868 → 9.67 (the steps are the
    // differences of rounded running values: 10.00 → 9.67).
    QTest::newRow("no intermediate rounding") << "10.004"
                                              << "percent:0.033"
                                              << "9.67" << QStringList{"-0.33"};
    QTest::newRow("sub-cent subtotal to minimum") << "0.004"
                                                  << "min:0.01"
                                                  << "0.01" << QStringList{"0.01"};
}

void TestInvoiceCalculator::priceLevel()
{
    QFETCH(QString, subtotal);
    QFETCH(QString, spec);
    QFETCH(QString, adjusted);
    QFETCH(QStringList, steps);

    InvoiceInput in = invoice({line(QStringLiteral("p1"), subtotal.toLatin1().constData()), line(QStringLiteral("p2"), "7.00")});
    in.adjustments = adjustments(spec, {QStringLiteral("p1")});
    const InvoiceResult r = InvoiceCalculator::compose(in);
    const InvoiceLineResult &l = r.lines.at(0);
    QCOMPARE(l.adjustedSubtotal.toString(), adjusted);
    QList<Decimal> shown;
    for (const AppliedAdjustment &a : l.adjustments) {
        QVERIFY(!a.invoiceLevel);
        shown.append(a.amount);
    }
    QCOMPARE(amounts(shown), steps);
    QVERIFY(r.lines.at(1).adjustments.isEmpty()); // other prices untouched
    QCOMPARE(r.total, l.adjustedSubtotal + d("7.00"));
    QCOMPARE(r.adjustmentsTotal, l.adjustedSubtotal - l.subtotal);
}

void TestInvoiceCalculator::usageDiscount()
{
    // Graduated: the first 100 units at $0.50, the rest at $0.25. 150 units = $62.50; 60 units
    // off leave 90 = $45.00 (not 62.50 × 90/150 = 37.50: the price is evaluated again).
    InvoiceLineInput l = line(QStringLiteral("api"), "62.50");
    l.quantity = Decimal(150);
    l.reprice = [](const Decimal &q) {
        const Decimal first = Decimal::min(q, Decimal(100));
        return first * d("0.50") + (q - first) * d("0.25");
    };
    InvoiceInput in = invoice({l});
    in.adjustments = adjustments(QStringLiteral("percent:0.1;usage:60"), {QStringLiteral("api")});
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QCOMPARE(r.lines.at(0).adjustments.at(0).kind, Adjustment::Kind::UsageDiscount);
    QCOMPARE(r.lines.at(0).adjustments.at(0).amount, d("-17.50"));
    QCOMPARE(r.lines.at(0).adjustments.at(1).amount, d("-4.50"));
    QCOMPARE(r.total, d("40.50"));
}

void TestInvoiceCalculator::invoiceLevel_data()
{
    QTest::addColumn<QStringList>("subtotals");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("covered"); // empty = the whole invoice
    QTest::addColumn<QStringList>("amounts");

    // A $100 maximum over $120: $20 spread 50:40:30 → 8.333, 6.667, 5.000 → largest remainder.
    QTest::newRow("maximum spread") << QStringList{"50", "40", "30"} << "max:100" << QStringList{} << QStringList{"41.67", "33.33", "25.00"};
    // A $100 minimum with no usage at all: split equally, the odd cent to the first line.
    QTest::newRow("minimum over zero lines") << QStringList{"0", "0", "0"} << "min:100" << QStringList{} << QStringList{"33.34", "33.33", "33.33"};
    QTest::newRow("minimum spread") << QStringList{"10", "30"} << "min:100" << QStringList{} << QStringList{"25.00", "75.00"};
    QTest::newRow("amount discount spread") << QStringList{"10", "30"} << "amount:10" << QStringList{} << QStringList{"7.50", "22.50"};
    QTest::newRow("amount discount capped at the sum") << QStringList{"10", "30"} << "amount:100" << QStringList{} << QStringList{"0.00", "0.00"};
    QTest::newRow("percentage spread") << QStringList{"33.33", "66.67"} << "percent:0.15" << QStringList{} << QStringList{"28.33", "56.67"};
    // Plan minimum covering two of three prices.
    QTest::newRow("minimum on some prices") << QStringList{"10", "20", "500"} << "min:60" << QStringList{"p0", "p1"} << QStringList{"20.00", "40.00", "500.00"};
    // Invoice-level order: amount (−10 over 100 → 90), percentage (−9), minimum 85 (+4), max 200.
    QTest::newRow("combined in order") << QStringList{"60", "40"} << "max:200;min:85;percent:0.1;amount:10" << QStringList{} << QStringList{"51.00", "34.00"};
    // Minimum and maximum interplay: usage above the maximum is cut even with a minimum.
    QTest::newRow("maximum after minimum") << QStringList{"400", "200"} << "min:100;max:300" << QStringList{} << QStringList{"200.00", "100.00"};
    // Negative lines (a credit line) carry no share; the sum still counts them.
    QTest::newRow("negative line weighs nothing") << QStringList{"100", "-20"} << "max:50" << QStringList{} << QStringList{"70.00", "-20.00"};
}

void TestInvoiceCalculator::invoiceLevel()
{
    QFETCH(QStringList, subtotals);
    QFETCH(QString, spec);
    QFETCH(QStringList, covered);
    QFETCH(QStringList, amounts);

    QList<InvoiceLineInput> lines;
    for (int i = 0; i < subtotals.size(); ++i)
        lines.append(line(u'p' + QString::number(i), subtotals.at(i).toLatin1().constData()));
    InvoiceInput in = invoice(lines);
    in.adjustments = adjustments(spec, covered);
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QStringList got;
    Decimal sum;
    for (const InvoiceLineResult &l : r.lines) {
        got.append(l.amount.toString());
        sum += l.amount;
        Decimal shares;
        for (const AppliedAdjustment &a : l.adjustments)
            shares += a.amount;
        QCOMPARE(l.subtotal + shares, l.adjustedSubtotal); // the shares explain every line
    }
    QCOMPARE(got, amounts);
    QCOMPARE(r.total, sum);
}

void TestInvoiceCalculator::coupons_data()
{
    QTest::addColumn<QStringList>("subtotals");
    QTest::addColumn<QString>("coupons"); // "p:0.1" percentage, "a:50" amount, in order
    QTest::addColumn<QStringList>("discounts");
    QTest::addColumn<QStringList>("amounts");
    QTest::addColumn<QString>("tax"); // 10 % on every line, after coupons

    QTest::newRow("percentage") << QStringList{"80", "40"} << "p:0.1" << QStringList{"12.00"} << QStringList{"72.00", "36.00"} << "10.80";
    QTest::newRow("amount capped at the invoice") << QStringList{"20", "10"} << "a:50" << QStringList{"30.00"} << QStringList{"0.00", "0.00"} << "0.00";
    QTest::newRow("amount then percentage") << QStringList{"100"} << "a:20;p:0.5" << QStringList{"20.00", "40.00"} << QStringList{"40.00"} << "4.00";
    // Orb's order puts amount discounts before percentage discounts, whatever order the coupons
    // were given in (docs.withorb.com/invoicing/invoice-calculation-examples).
    QTest::newRow("percentage then amount: the amount comes first")
        << QStringList{"100"} << "p:0.5;a:20" << QStringList{"40.00", "20.00"} << QStringList{"40.00"} << "4.00";
    QTest::newRow("amount spread with remainder") << QStringList{"10", "10", "10"} << "a:10" << QStringList{"10.00"} << QStringList{"6.66", "6.67", "6.67"}
                                                  << "2.01";
}

void TestInvoiceCalculator::coupons()
{
    QFETCH(QStringList, subtotals);
    QFETCH(QString, coupons);
    QFETCH(QStringList, discounts);
    QFETCH(QStringList, amounts);
    QFETCH(QString, tax);

    QList<InvoiceLineInput> lines;
    for (int i = 0; i < subtotals.size(); ++i)
        lines.append(line(u'p' + QString::number(i), subtotals.at(i).toLatin1().constData()));
    InvoiceInput in = invoice(lines);
    in.taxRates = {TaxRate(QStringLiteral("vat"), QStringLiteral("VAT"), Decimal(10))};
    in.customerTaxRateIds = {QStringLiteral("vat")};
    int n = 0;
    for (const QString &c : coupons.split(u';')) {
        const auto type = c.startsWith(u'p') ? Coupon::Type::Percentage : Coupon::Type::Amount;
        in.coupons.append(Coupon(QStringLiteral("c%1").arg(++n), type, Decimal::parse(c.mid(2))));
    }
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QStringList gotDiscounts;
    for (const CouponApplication &a : r.coupons)
        gotDiscounts.append(a.amount.toString());
    QCOMPARE(gotDiscounts, discounts);
    QStringList gotAmounts;
    for (const InvoiceLineResult &l : r.lines)
        gotAmounts.append(l.amount.toString());
    QCOMPARE(gotAmounts, amounts);
    QCOMPARE(r.taxTotal.toString(), tax);
    QCOMPARE(r.total, r.subtotal - r.couponsTotal + r.taxTotal);
}

// One order per line whatever level an adjustment was defined at, and coupons as discount
// adjustments in that order: docs.withorb.com/invoicing/invoice-calculation-examples ("Apply in
// order: Usage discount → Amount discount → Percent discount → Minimum → Maximum", per line item)
// and docs.withorb.com/product-catalog/adjustments ("When a coupon is redeemed, Orb
// automatically creates the corresponding adjustment").
void TestInvoiceCalculator::oneOrderPerLine_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("subtotals"); // lines p0, p1, ...
    QTest::addColumn<QString>("priceLevel");    // on p0 alone
    QTest::addColumn<QString>("planLevel");     // on every line
    QTest::addColumn<QString>("coupons");       // "p:0.2" percentage, "a:20" amount
    QTest::addColumn<QStringList>("amounts");   // each line's amount before tax
    QTest::addColumn<QString>("couponsTotal");
    const QString examples = QStringLiteral("docs.withorb.com/invoicing/invoice-calculation-examples");
    const QString adjustmentsPage = QStringLiteral("docs.withorb.com/product-catalog/adjustments");

    QTest::newRow("plan-level amount discount before a price-level percentage") << examples << QStringList{"100", "100"} << "percent:0.1"
                                                                                << "amount:20"
                                                                                << "" << QStringList{"81.00", "90.00"} << "0.00";
    QTest::newRow("price-level minimum after a plan-level percentage") << examples << QStringList{"40", "60"} << "min:50"
                                                                       << "percent:0.5"
                                                                       << "" << QStringList{"50.00", "30.00"} << "0.00";
    QTest::newRow("price-level maximum after a plan-level amount discount") << examples << QStringList{"300", "100"} << "max:200"
                                                                            << "amount:100"
                                                                            << "" << QStringList{"200.00", "75.00"} << "0.00";
    QTest::newRow("percentage coupon before a minimum") << adjustmentsPage << QStringList{"100"} << "min:90"
                                                        << ""
                                                        << "p:0.2" << QStringList{"90.00"} << "20.00";
    QTest::newRow("amount coupon before a maximum") << adjustmentsPage << QStringList{"1000"} << "max:500"
                                                    << ""
                                                    << "a:100" << QStringList{"500.00"} << "100.00";
    QTest::newRow("amount coupon before a plan-level percentage") << adjustmentsPage << QStringList{"100", "100"} << ""
                                                                  << "percent:0.1"
                                                                  << "a:20" << QStringList{"81.00", "81.00"} << "20.00";
    QTest::newRow("plan-level minimum after a coupon") << adjustmentsPage << QStringList{"30", "20"} << ""
                                                       << "min:50"
                                                       << "p:0.5" << QStringList{"30.00", "20.00"} << "25.00";
    QTest::newRow("Orb example 2: 10 % off, minimum 50, maximum 500") << examples << QStringList{"20.00"} << "max:500;min:50;percent:0.1"
                                                                      << ""
                                                                      << "" << QStringList{"50.00"} << "0.00";
}

void TestInvoiceCalculator::oneOrderPerLine()
{
    QFETCH(QString, source);
    QFETCH(QStringList, subtotals);
    QFETCH(QString, priceLevel);
    QFETCH(QString, planLevel);
    QFETCH(QString, coupons);
    QFETCH(QStringList, amounts);
    QFETCH(QString, couponsTotal);
    QVERIFY(source.startsWith(QLatin1String("docs.withorb.com/")));
    QList<InvoiceLineInput> lines;
    QStringList all;
    for (int i = 0; i < subtotals.size(); ++i) {
        lines.append(line(u'p' + QString::number(i), subtotals.at(i).toLatin1().constData()));
        all << u'p' + QString::number(i);
    }
    InvoiceInput in = invoice(lines);
    in.adjustments = adjustments(priceLevel, {QStringLiteral("p0")});
    // A plan-level adjustment over one line would be a price-level one; name every line.
    for (const Adjustment &a : adjustments(planLevel, all.size() > 1 ? all : QStringList{}))
        in.adjustments.append(a);
    int n = 0;
    for (const QString &c : coupons.split(u';', Qt::SkipEmptyParts)) {
        const auto type = c.startsWith(u'p') ? Coupon::Type::Percentage : Coupon::Type::Amount;
        in.coupons.append(Coupon(QStringLiteral("c%1").arg(++n), type, Decimal::parse(c.mid(2))));
    }
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QStringList got;
    for (const InvoiceLineResult &l : r.lines) {
        got << l.amount.toString();
        QCOMPARE(l.adjustedSubtotal - l.couponDiscount, l.amount);
        Decimal shown;
        for (const AppliedAdjustment &a : l.adjustments)
            shown += a.amount;
        QCOMPARE(l.subtotal + shown, l.adjustedSubtotal);
    }
    QCOMPARE(got, amounts);
    QCOMPARE(r.couponsTotal.toString(), couponsTotal);
    QCOMPARE(r.total, r.subtotal + r.adjustmentsTotal - r.couponsTotal + r.taxTotal);
}

void TestInvoiceCalculator::taxes()
{
    // Three lines of $0.06 at 10 %: 0.006 each rounds to 0.01 per line = 0.03, where taxing the
    // sum would give 0.02. Per-line rounding is the rule; the invoice shows the sum per rate.
    InvoiceInput in = invoice({line(QStringLiteral("a"), "0.06", {QStringLiteral("city")}), line(QStringLiteral("b"), "0.06"),
                               line(QStringLiteral("c"), "0.06", {QStringLiteral("state"), QStringLiteral("city")})});
    in.taxRates = {TaxRate(QStringLiteral("state"), QStringLiteral("State"), d("6.25")), TaxRate(QStringLiteral("city"), QStringLiteral("City"), d("2.5")),
                   TaxRate(QStringLiteral("vat"), QStringLiteral("Ten"), Decimal(10))};
    in.customerTaxRateIds = {QStringLiteral("vat")};
    in.lines[0].subtotal = d("10.05"); // 10 %: 1.005 → 1.01; 2.5 %: 0.25125 → 0.25
    in.lines[2].subtotal = d("19.99"); // 10 %: 1.999 → 2.00; 6.25 %: 1.249375 → 1.25; 2.5 %: 0.49975 → 0.50
    const InvoiceResult r = InvoiceCalculator::compose(in);

    QCOMPARE(r.lines.at(0).taxAmounts.size(), 2);
    QCOMPARE(r.lines.at(0).taxAmounts.at(0).amount, d("1.01"));
    QCOMPARE(r.lines.at(0).taxAmounts.at(1).amount, d("0.25"));
    QCOMPARE(r.lines.at(1).taxAmounts.at(0).amount, d("0.01"));
    QCOMPARE(r.lines.at(2).taxAmounts.size(), 3); // the customer's rate once, then the item's
    QCOMPARE(r.lines.at(2).taxTotal, d("3.75"));

    QCOMPARE(r.taxes.size(), 3);
    QCOMPARE(r.taxes.at(0).taxRateId, QStringLiteral("vat"));
    QCOMPARE(r.taxes.at(0).amount, d("3.02"));
    QCOMPARE(r.taxes.at(0).taxableAmount, d("30.10"));
    QCOMPARE(r.taxes.at(1).taxRateId, QStringLiteral("city"));
    QCOMPARE(r.taxes.at(1).amount, d("0.75"));
    QCOMPARE(r.taxes.at(2).amount, d("1.25"));
    QCOMPARE(r.taxTotal, d("5.02"));
    QCOMPARE(r.total, d("35.12"));
}

void TestInvoiceCalculator::balance_data()
{
    QTest::addColumn<QString>("lineAmount");
    QTest::addColumn<QString>("balance");
    QTest::addColumn<QString>("applied");
    QTest::addColumn<QString>("due");
    QTest::addColumn<QStringList>("entries"); // balance changes, in order

    QTest::newRow("no balance") << "100.00"
                                << "0"
                                << "0.00"
                                << "100.00" << QStringList{};
    QTest::newRow("credit reduces") << "100.00"
                                    << "30.00"
                                    << "30.00"
                                    << "70.00" << QStringList{"-30.00"};
    QTest::newRow("credit larger than invoice") << "100.00"
                                                << "150.00"
                                                << "100.00"
                                                << "0.00" << QStringList{"-100.00"};
    QTest::newRow("owed balance adds") << "100.00"
                                       << "-20.00"
                                       << "-20.00"
                                       << "120.00" << QStringList{"20.00"};
    QTest::newRow("negative invoice to balance") << "-50.00"
                                                 << "0"
                                                 << "0.00"
                                                 << "0.00" << QStringList{"50.00"};
    QTest::newRow("negative invoice keeps credit") << "-50.00"
                                                   << "30.00"
                                                   << "0.00"
                                                   << "0.00" << QStringList{"50.00"};
    QTest::newRow("owed and negative invoice") << "-50.00"
                                               << "-20.00"
                                               << "-20.00"
                                               << "0.00" << QStringList{"20.00", "30.00"};
}

void TestInvoiceCalculator::balance()
{
    QFETCH(QString, lineAmount);
    QFETCH(QString, balance);
    QFETCH(QString, applied);
    QFETCH(QString, due);
    QFETCH(QStringList, entries);
    InvoiceInput in = invoice({line(QStringLiteral("p"), lineAmount.toLatin1().constData())});
    in.customerBalance = Decimal::parse(balance);
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QCOMPARE(r.balanceApplied.toString(), applied);
    QCOMPARE(r.amountDue.toString(), due);
    QStringList got;
    for (const BalanceEntry &e : r.balanceEntries)
        got.append(e.amount.toString());
    QCOMPARE(got, entries);
}

void TestInvoiceCalculator::creditBlocks()
{
    // docs.withorb.com/invoicing/invoice-calculation-examples: prepaid credits (step 4) come
    // before tax (step 7); the balance is applied after tax
    // (docs.withorb.com/invoicing/invoice-calculations).
    InvoiceInput in = invoice({line(QStringLiteral("p"), "200.00", {QStringLiteral("vat")})});
    in.taxRates = {TaxRate(QStringLiteral("vat"), QStringLiteral("VAT"), Decimal(10))};
    in.customerBalance = d("20.00");
    in.creditBlocks = {
        CreditBlock(QStringLiteral("A"), d("50"), date("2024-01-01"), date("2024-03-01"), d("1.00")),
        CreditBlock(QStringLiteral("B"), d("30"), date("2024-01-01"), date("2024-02-15"), d("0.50")),
        CreditBlock(QStringLiteral("C"), d("100"), date("2023-06-01"), std::nullopt, d("0")),
        CreditBlock(QStringLiteral("D"), d("10"), date("2024-01-15"), date("2024-02-15"), d("0")),
        CreditBlock(QStringLiteral("E-future"), d("100"), date("2024-02-02"), date("2024-02-03"), d("0")),
        CreditBlock(QStringLiteral("F-expired"), d("100"), date("2023-01-01"), date("2024-02-01"), d("0")),
        CreditBlock(QStringLiteral("G-empty"), d("0"), date("2023-01-01"), date("2024-02-02"), d("0")),
    };
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QStringList got;
    for (const CreditDraw &draw : r.creditDraws)
        got.append(draw.blockId + u'=' + draw.amount.toString());
    // Soonest expiry (Feb 15: D before B by cost basis), then Mar 1 (A), then never (C): 190.00
    // of the 200.00 before tax; 10 % tax on the 10.00 left; the 20.00 balance pays the 11.00.
    QCOMPARE(got, (QStringList{"D=10.00", "B=30.00", "A=50.00", "C=100.00"}));
    QCOMPARE(r.creditsApplied, d("190.00"));
    QCOMPARE(r.lines.first().amount, d("10.00"));
    QCOMPARE(r.taxTotal, d("1.00"));
    QCOMPARE(r.total, d("11.00"));
    QCOMPARE(r.balanceApplied, d("11.00"));
    QCOMPARE(r.amountDue, d("0.00"));
    // Settling the same lines again (issuing a draft) puts the credits back and draws again.
    InvoiceResult again = r;
    InvoiceCalculator::settle(again, d("0"), {CreditBlock(QStringLiteral("Z"), d("50"), date("2024-01-01"), std::nullopt, d("0"))}, date("2024-02-01"));
    QCOMPARE(again.creditsApplied, d("50.00"));
    QCOMPARE(again.taxTotal, d("15.00"));
    QCOMPARE(again.total, d("165.00"));
    QCOMPARE(again.amountDue, d("165.00"));

    // Less due than the first block holds: one partial draw.
    in.customerBalance = Decimal(0);
    in.lines[0].subtotal = d("4.99");
    const InvoiceResult small = InvoiceCalculator::compose(in);
    QCOMPARE(small.creditDraws.size(), 1);
    QCOMPARE(small.creditDraws.at(0).blockId, QStringLiteral("D"));
    QCOMPARE(small.creditDraws.at(0).amount, d("4.99"));
}

// A block pays only for usage incurred while it is effective and not expired, whatever the
// invoice date: docs.withorb.com/product-catalog/prepurchase ("a given credit block must be
// effective before the beginning of the day in order to be eligible for usage drawdown for that
// day's usage") and docs.withorb.com/product-catalog/credit-systems (prepaid credits are applied
// "before taxes, during invoice calculation").
void TestInvoiceCalculator::creditsByUsageTime_data()
{
    QTest::addColumn<QString>("effective");
    QTest::addColumn<QString>("expiry"); // empty: never
    QTest::addColumn<QString>("applied");
    // January's usage (100.00), invoiced in arrears on Feb 1.
    QTest::newRow("expired before the invoice date, still pays the usage it covered") << "2023-12-01"
                                                                                      << "2024-02-01"
                                                                                      << "100.00";
    QTest::newRow("starts later: pays none of the earlier usage") << "2024-01-15"
                                                                  << ""
                                                                  << "0.00";
    QTest::newRow("effective on the first day of the usage") << "2024-01-01"
                                                             << ""
                                                             << "100.00";
    QTest::newRow("effective the day after the usage began") << "2024-01-02"
                                                             << "2024-06-01"
                                                             << "0.00";
    QTest::newRow("expires before the usage ends") << "2023-12-01"
                                                   << "2024-01-20"
                                                   << "0.00";
    QTest::newRow("effective on the invoice date only") << "2024-02-01"
                                                        << ""
                                                        << "0.00";
}

void TestInvoiceCalculator::creditsByUsageTime()
{
    QFETCH(QString, effective);
    QFETCH(QString, expiry);
    QFETCH(QString, applied);
    InvoiceLineInput usage = line(QStringLiteral("p"), "100.00");
    usage.startDate = date("2024-01-01");
    usage.endDate = date("2024-02-01");
    InvoiceInput in = invoice({usage});
    in.invoiceDate = date("2024-02-01");
    const QByteArray e = effective.toLatin1(), x = expiry.toLatin1();
    in.creditBlocks = {
        CreditBlock(QStringLiteral("B"), d("500"), date(e.constData()), expiry.isEmpty() ? std::nullopt : std::optional<QDate>(date(x.constData())), d("0"))};
    const InvoiceResult r = InvoiceCalculator::compose(in);
    QCOMPARE(r.creditsApplied.toString(), applied);
    QCOMPARE(r.amountDue, d("100.00") - r.creditsApplied);
}

void TestInvoiceCalculator::allocate_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QList<qint64>>("weights");
    QTest::addColumn<QList<qint64>>("parts");
    QTest::newRow("even") << qint64(100) << QList<qint64>{1, 1} << QList<qint64>{50, 50};
    QTest::newRow("remainder to largest") << qint64(2000) << QList<qint64>{5000, 4000, 3000} << QList<qint64>{833, 667, 500};
    QTest::newRow("tie to earlier") << qint64(1) << QList<qint64>{1, 1, 1} << QList<qint64>{1, 0, 0};
    QTest::newRow("negative") << qint64(-1000) << QList<qint64>{1, 2} << QList<qint64>{-333, -667};
    QTest::newRow("zero weights equal") << qint64(5) << QList<qint64>{0, 0} << QList<qint64>{3, 2};
    QTest::newRow("zero weight gets none") << qint64(7) << QList<qint64>{0, 3} << QList<qint64>{0, 7};
    QTest::newRow("big") << qint64(999999999999) << QList<qint64>{999999999999, 1} << QList<qint64>{999999999998, 1};
}

void TestInvoiceCalculator::allocate()
{
    QFETCH(qint64, units);
    QFETCH(QList<qint64>, weights);
    QFETCH(QList<qint64>, parts);
    QCOMPARE(InvoiceCalculator::allocate(units, weights), parts);
}

void TestInvoiceCalculator::orbWorkedExample()
{
    // Orb, "Invoice calculation examples" (docs.withorb.com/invoicing/invoice-calculation-examples).
    // Example 1: tiered API calls, subtotal $107.00, 8 % tax → $8.56, total $115.56.
    InvoiceInput one = invoice({line(QStringLiteral("api"), "107.00")});
    one.taxRates = {TaxRate(QStringLiteral("t"), QStringLiteral("Sales tax"), Decimal(8))};
    one.customerTaxRateIds = {QStringLiteral("t")};
    const InvoiceResult r1 = InvoiceCalculator::compose(one);
    QCOMPARE(r1.taxTotal, d("8.56"));
    QCOMPARE(r1.total, d("115.56"));
    // Example 2: 200 compute hours at $0.10 = $20; 10 % off → $18; $50 minimum → $50; $500 maximum.
    InvoiceInput two = invoice({line(QStringLiteral("compute"), "20.00")});
    two.adjustments = adjustments(QStringLiteral("percent:0.1;min:50;max:500"), {QStringLiteral("compute")});
    const InvoiceResult r2 = InvoiceCalculator::compose(two);
    QCOMPARE(r2.lines.at(0).adjustedSubtotal, d("50.00"));
    QCOMPARE(r2.lines.at(0).adjustments.at(0).amount, d("-2.00"));
    QCOMPARE(r2.lines.at(0).adjustments.at(1).amount, d("32.00"));
    QCOMPARE(r2.total, d("50.00"));
}

void TestInvoiceCalculator::halfEven()
{
    // 0.125 → 0.13 half-up, 0.12 half-even; the tax of 10 % on 0.25 → 0.025 likewise.
    InvoiceInput in = invoice({line(QStringLiteral("p"), "0.125")});
    in.taxRates = {TaxRate(QStringLiteral("t"), QStringLiteral("T"), Decimal(10))};
    in.customerTaxRateIds = {QStringLiteral("t")};
    QCOMPARE(InvoiceCalculator::compose(in).lines.at(0).amount, d("0.13"));
    in.rounding = Rounding::HalfEven;
    QCOMPARE(InvoiceCalculator::compose(in).lines.at(0).amount, d("0.12"));
    in.lines[0].subtotal = d("0.25");
    QCOMPARE(InvoiceCalculator::compose(in).taxTotal, d("0.02"));
    in.rounding = Rounding::HalfUp;
    QCOMPARE(InvoiceCalculator::compose(in).taxTotal, d("0.03"));
}

void TestInvoiceCalculator::json()
{
    InvoiceInput in = invoice({line(QStringLiteral("p"), "10.5")});
    in.adjustments = adjustments(QStringLiteral("amount:0.5"), {QStringLiteral("p")});
    const QJsonObject j = InvoiceCalculator::compose(in).toJson();
    QCOMPARE(j.value(u"total").toString(), QStringLiteral("10.00"));
    QCOMPARE(j.value(u"amount_due").toString(), QStringLiteral("10.00"));
    const QJsonObject item = j.value(u"line_items").toArray().at(0).toObject();
    QCOMPARE(item.value(u"subtotal").toString(), QStringLiteral("10.50"));
    QCOMPARE(item.value(u"adjusted_subtotal").toString(), QStringLiteral("10.00"));
    QCOMPARE(item.value(u"adjustments").toArray().at(0).toObject().value(u"adjustment_type").toString(), QStringLiteral("amount_discount"));
}

void TestInvoiceCalculator::refusals()
{
    InvoiceInput in = invoice({line(QStringLiteral("p"), "1"), line(QStringLiteral("p"), "2")});
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::compose(in));
    in = invoice({line(QStringLiteral("p"), "1", {QStringLiteral("nope")})});
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::compose(in));
    in = invoice({line(QStringLiteral("p"), "1")});
    in.adjustments = {Adjustment::usageDiscount(Decimal(1), {QStringLiteral("p")})};
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::compose(in));
    in.adjustments.clear();
    in.currency = Currency();
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::compose(in));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Adjustment::usageDiscount(Decimal(1), {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Adjustment::percentageDiscount(d("1.5"), {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Adjustment::amountDiscount(d("-1"), {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TaxRate(QStringLiteral("x"), {}, d("101")));
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::allocate(1, {}));
    QVERIFY_THROWS_EXCEPTION(InvoiceError, InvoiceCalculator::allocate(1, {-1, 2}));
}

QTEST_GUILESS_MAIN(TestInvoiceCalculator)
#include "tst_invoice_calculator.moc"
