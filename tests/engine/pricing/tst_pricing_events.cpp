// SPDX-License-Identifier: GPL-3.0-or-later
// Per-event and composite models. Sources:
//   [orb-price] BPS / bulk BPS / tiered BPS examples of Orb's Price docstring (orbcorp/orb-node
//               and orb-python, shared Price type, older versions),
//   [lago]      Lago's percentage charge model doc (docs.getlago.com .../charge-models/percentage):
//               1.2 % + $0.10, first 3 events or $500 free; events 200, 100, 100, 50 → $0.70,
//   otherwise our own cases.
#include "PricingTestSupport.h"

#include <QtTest>

#include <stdexcept>

using namespace Qt::StringLiterals;

namespace {

void row(const char *name, const QString &model, const QString &config, const QString &usage, const QString &subtotal, const QString &amount,
         const QString &lines)
{
    QTest::newRow(name) << model << config << usage << subtotal << amount << lines;
}

} // namespace

class TestPricingEvents : public QObject
{
    Q_OBJECT

private slots:
    void bps_data();
    void bps() { ORB_CHECK_EVALUATION(); }
    void bulkBps_data();
    void bulkBps() { ORB_CHECK_EVALUATION(); }
    void tieredBps_data();
    void tieredBps() { ORB_CHECK_EVALUATION(); }
    void percentage_data();
    void percentage() { ORB_CHECK_EVALUATION(); }
    void graduatedPercentage_data();
    void graduatedPercentage() { ORB_CHECK_EVALUATION(); }
    void needsEventValues_data();
    void needsEventValues();
    void composite_data();
    void composite();
    void compositeOnUsageSeesZeroBase();
    void compositeOnPlainPriceThrows();
};

void TestPricingEvents::bps_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"bps"_s;
    const QString c = uR"({"bps": 125, "per_unit_maximum": "11.00"})"_s; // [orb-price]
    row("second event capped", m, c, u"events:100,1000"_s, u"12.25"_s, u"12.25"_s, u"125 bps|1100|-|12.25"_s);
    row("no events", m, c, u"events:"_s, u"0"_s, u"0.00"_s, u"125 bps|0|-|0"_s);
    row("tiny event", m, c, u"events:0.01"_s, u"0.000125"_s, u"0.00"_s, u"125 bps|0.01|-|0.000125"_s);
    row("total without events is one event", m, c, u"2000"_s, u"11"_s, u"11.00"_s, u"125 bps|2000|-|11"_s);
}

void TestPricingEvents::bulkBps_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"bulk_bps"_s;
    const QString c = uR"({"tiers": [{"maximum_amount": "1000000.00", "bps": 125, "per_unit_maximum": "19.00"},
                                     {"maximum_amount": null, "bps": 115, "per_unit_maximum": "4.00"}]})"_s; // [orb-price]
    row("volume in tier 1", m, c, u"events:500000,400000"_s, u"38"_s, u"38.00"_s, u"Tier 1|900000|-|38"_s);
    row("volume in tier 2", m, c, u"events:600000,500000"_s, u"8"_s, u"8.00"_s, u"Tier 2|1100000|-|8"_s);
    row("small events", m, c, u"events:100,200"_s, u"3.75"_s, u"3.75"_s, u"Tier 1|300|-|3.75"_s);
    row("volume exactly at the maximum", m, c, u"events:1000000"_s, u"19"_s, u"19.00"_s, u"Tier 1|1000000|-|19"_s);
}

void TestPricingEvents::tieredBps_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"tiered_bps"_s;
    const QString c = uR"({"tiers": [
        {"minimum_amount": "0", "maximum_amount": "1000000.00", "bps": 125, "per_unit_maximum": "19.00"},
        {"minimum_amount": "1000000.00", "maximum_amount": null, "bps": 115, "per_unit_maximum": "4.00"}]})"_s; // [orb-price]
    row("event straddling the tiers", m, c, u"events:999000,2000"_s, u"35.5"_s, u"35.50"_s, u"Tier 1|1000000|-|31.5; Tier 2|1000|-|4"_s);
    row("small event", m, c, u"events:100"_s, u"1.25"_s, u"1.25"_s, u"Tier 1|100|-|1.25"_s);
    row("no events", m, c, u"events:"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|-|0"_s);
}

void TestPricingEvents::percentage_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"percentage"_s;
    row("lago example: free events run out first", m, uR"({"rate": "1.2", "fixed_amount": "0.10", "free_units_per_events": 3,
             "free_units_per_total_aggregation": "500"})"_s,
        u"events:200,100,100,50"_s, u"0.7"_s, u"0.70"_s, u"Free units|400|0|0; Rate 1.2%|50|-|0.6; Fixed fees|1|0.1|0.1"_s);
    row("rate and fixed fee", m, uR"({"rate": "1.2", "fixed_amount": "0.10"})"_s, u"events:200,100"_s, u"3.8"_s, u"3.80"_s,
        u"Rate 1.2%|300|-|3.6; Fixed fees|2|0.1|0.2"_s);
    row("event crossing the free amount pays its excess", m, uR"({"rate": "2", "free_units_per_total_aggregation": "250"})"_s, u"events:200,100"_s, u"1"_s,
        u"1.00"_s, u"Free units|250|0|0; Rate 2%|50|-|1"_s);
    row("free events only", m, uR"({"rate": "1", "free_units_per_events": 2})"_s, u"events:100,100,100"_s, u"1"_s, u"1.00"_s,
        u"Free units|200|0|0; Rate 1%|100|-|1"_s);
    row("per-transaction min and max clamp fee included", m, uR"({"rate": "1", "fixed_amount": "0.5", "per_transaction_min_amount": "1",
             "per_transaction_max_amount": "3"})"_s,
        u"events:10,100,1000"_s, u"5.5"_s, u"5.50"_s, u"Rate 1%|1110|-|11.1; Fixed fees|3|0.5|1.5; Per-transaction minimum/maximum|3|-|-7.1"_s);
    row("no events", m, uR"({"rate": "1.2", "fixed_amount": "0.10"})"_s, u"events:"_s, u"0"_s, u"0.00"_s, u"Rate 1.2%|0|-|0; Fixed fees|0|0.1|0"_s);
}

void TestPricingEvents::graduatedPercentage_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"graduated_percentage"_s;
    const QString c = uR"({"tiers": [{"first_unit": 0, "last_unit": 1000, "rate": "2", "flat_amount": "10"},
                                     {"first_unit": 1000, "last_unit": null, "rate": "1", "flat_amount": "0"}]})"_s;
    row("two tiers", m, c, u"1500"_s, u"35"_s, u"35.00"_s, u"Tier 1|1000|-|30; Tier 2|500|-|5"_s);
    row("zero usage pays tier 1 flat", m, c, u"0"_s, u"10"_s, u"10.00"_s, u"Tier 1|0|-|10"_s);
    row("on the boundary", m, c, u"1000"_s, u"30"_s, u"30.00"_s, u"Tier 1|1000|-|30"_s);
}

void TestPricingEvents::needsEventValues_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<bool>("needs");
    QTest::newRow("bps") << u"bps"_s << uR"({"bps": 1})"_s << true;
    QTest::newRow("percentage") << u"percentage"_s << uR"({"rate": "1"})"_s << true;
    QTest::newRow("graduated_percentage") << u"graduated_percentage"_s << uR"({"tiers": [{"first_unit": 0, "last_unit": null, "rate": "1"}]})"_s << false;
    QTest::newRow("unit") << u"unit"_s << uR"({"unit_amount": "1"})"_s << false;
}

void TestPricingEvents::needsEventValues()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(bool, needs);
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(price->needsEventValues(), needs);
}

void TestPricingEvents::composite_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("components"); // id,item,type,currency,subtotal;...
    QTest::addColumn<QString>("factor");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("lines");
    const QString two = u"p1,i1,usage_price,USD,120;p2,i2,fixed_price,USD,80"_s;
    QTest::newRow("percent of all components") << u"percent"_s << uR"({"percent": 0.1})"_s << QString() << two << u"1"_s << u"20.00"_s
                                               << u"10% of 200|200|0.1|20"_s;
    QTest::newRow("percent raised to its minimum") << u"percent"_s << uR"({"percent": 0.1, "minimum_amount": "25.00"})"_s << QString() << two << u"1"_s
                                                   << u"25.00"_s << u"10% of 200|200|0.1|25"_s;
    QTest::newRow("percent capped at its maximum") << u"percent"_s << uR"({"percent": 0.1, "maximum_amount": "15.00"})"_s << QString() << two << u"1"_s
                                                   << u"15.00"_s << u"10% of 200|200|0.1|15"_s;
    QTest::newRow("percent minimum prorated, maximum not") << u"percent"_s << uR"({"percent": 0.1, "minimum_amount": "30.00", "prorated": true})"_s << QString()
                                                           << two << u"0.5"_s << u"20.00"_s << u"10% of 200|200|0.1|20"_s;
    QTest::newRow("percent filtered to usage prices, other currency ignored")
        << u"percent"_s << uR"({"percent": 0.1})"_s
        << uR"({"composite_price_filters": [{"field": "price_type", "operator": "includes", "values": ["usage_price"]}]})"_s
        << u"p1,i1,usage_price,USD,120;p2,i2,fixed_price,USD,80;p3,i3,usage_price,EUR,999"_s << u"1"_s << u"12.00"_s << u"10% of 120|120|0.1|12"_s;
    QTest::newRow("percent excluding an item") << u"percent"_s << uR"({"percent": 0.5})"_s
                                               << uR"({"composite_price_filters": [{"field": "item_id", "operator": "excludes", "values": ["i1"]}]})"_s << two
                                               << u"1"_s << u"40.00"_s << u"50% of 80|80|0.5|40"_s;
    QTest::newRow("minimum composite shortfall") << u"minimum_composite"_s << uR"({"minimum_amount": "250.00"})"_s << QString() << two << u"1"_s << u"50.00"_s
                                                 << u"Minimum true-up|200|-|50"_s;
    QTest::newRow("minimum composite already met") << u"minimum_composite"_s << uR"({"minimum_amount": "150.00"})"_s << QString() << two << u"1"_s << u"0.00"_s
                                                   << u"Minimum true-up|200|-|0"_s;
    QTest::newRow("minimum composite prorated") << u"minimum_composite"_s << uR"({"minimum_amount": "500.00", "prorated": true})"_s << QString() << two
                                                << u"0.5"_s << u"50.00"_s << u"Minimum true-up|200|-|50"_s;
}

void TestPricingEvents::composite()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QString, extra);
    QFETCH(QString, components);
    QFETCH(QString, factor);
    QFETCH(QString, amount);
    QFETCH(QString, lines);
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config, extra), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QVERIFY(price->isComposite());
    QCOMPARE(price->priceType(), u"composite_price"_s);
    QList<orb::pricing::CompositeComponent> list;
    for (const QString &c : components.split(QLatin1Char(';'))) {
        const QStringList f = c.split(QLatin1Char(','));
        list.append(orb::pricing::CompositeComponent{f.at(0), f.at(1), f.at(2), f.at(3), orb::Decimal::parse(f.at(4))});
    }
    orb::pricing::EvaluationContext context;
    context.prorationFactor = orb::Decimal::parse(factor);
    const auto e = price->evaluateComposite(list, context);
    QCOMPARE(e.amount.toString(), amount);
    QCOMPARE(orb::pricing::test::lines(e), lines);
}

void TestPricingEvents::compositeOnUsageSeesZeroBase()
{
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(u"minimum_composite"_s, uR"({"minimum_amount": "99.99"})"_s), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(price->evaluate(orb::pricing::test::usage(u"1000"_s)).amount.toString(), u"99.99"_s);
}

void TestPricingEvents::compositeOnPlainPriceThrows()
{
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(u"unit"_s, uR"({"unit_amount": "1"})"_s), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, price->evaluateComposite({}));
}

QTEST_GUILESS_MAIN(TestPricingEvents)
#include "tst_pricing_events.moc"
