// SPDX-License-Identifier: GPL-3.0-or-later
// Worked examples of the single-quantity models. Sources are cited per row group:
//   [orb-price] the Price docstring of Orb's SDKs (orbcorp/orb-python src/orb/types/shared/price.py,
//               older versions; also docs.withorb.com "price configuration"),
//   [lago]      Lago's charge-model docs (docs.getlago.com/guide/plans/charges/charge-models/*),
//   otherwise our own boundary cases.
#include "PricingTestSupport.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

void row(const char *name, const QString &model, const QString &config, const QString &usage, const QString &subtotal, const QString &amount,
         const QString &lines)
{
    QTest::newRow(name) << model << config << usage << subtotal << amount << lines;
}

} // namespace

class TestPricingTiers : public QObject
{
    Q_OBJECT

private slots:
    void unit_data();
    void unit() { ORB_CHECK_EVALUATION(); }
    void tiered_data();
    void tiered() { ORB_CHECK_EVALUATION(); }
    void bulk_data();
    void bulk() { ORB_CHECK_EVALUATION(); }
    void package_data();
    void package() { ORB_CHECK_EVALUATION(); }
    void thresholdTotalAmount_data();
    void thresholdTotalAmount() { ORB_CHECK_EVALUATION(); }
    void unitWithPercent_data();
    void unitWithPercent() { ORB_CHECK_EVALUATION(); }
    void packageWithAllocation_data();
    void packageWithAllocation() { ORB_CHECK_EVALUATION(); }
    void tieredPackage_data();
    void tieredPackage() { ORB_CHECK_EVALUATION(); }
    void tieredWithMinimum_data();
    void tieredWithMinimum() { ORB_CHECK_EVALUATION(); }
    void tieredPackageWithMinimum_data();
    void tieredPackageWithMinimum() { ORB_CHECK_EVALUATION(); }
    void evaluationJson();
};

void TestPricingTiers::unit_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"unit"_s;
    const QString c = uR"({"unit_amount": "0.50"})"_s; // [orb-price] $0.50 per API call
    row("orb example 10 calls", m, c, u"10"_s, u"5"_s, u"5.00"_s, QString());
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
    row("fractional quantity", m, c, u"2.5"_s, u"1.25"_s, u"1.25"_s, QString());
    row("tiny unit price", m, uR"({"unit_amount": "0.00002"})"_s, u"333"_s, u"0.00666"_s, u"0.01"_s, QString());
    row("tiny price, 10^15 units", m, uR"({"unit_amount": "0.00002"})"_s, u"1000000000000000"_s, u"20000000000"_s, u"20000000000.00"_s, QString());
    row("half-up rounding", m, uR"({"unit_amount": "0.005"})"_s, u"1"_s, u"0.005"_s, u"0.01"_s, QString());
    row("JSON number amount", m, uR"({"unit_amount": 0.1})"_s, u"3"_s, u"0.3"_s, u"0.30"_s, QString());
}

void TestPricingTiers::tiered_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"tiered"_s;
    // [orb-price] first ten units $0.50 each, all units thereafter $0.10
    const QString c = uR"({"tiers": [{"first_unit": 0, "last_unit": 10, "unit_amount": "0.50"},
                                     {"first_unit": 10, "last_unit": null, "unit_amount": "0.10"}]})"_s;
    row("inside first tier", m, c, u"5"_s, u"2.5"_s, u"2.50"_s, u"Tier 1|5|0.5|2.5"_s);
    row("exactly on the boundary", m, c, u"10"_s, u"5"_s, u"5.00"_s, u"Tier 1|10|0.5|5"_s);
    row("one unit into tier 2", m, c, u"11"_s, u"5.1"_s, u"5.10"_s, u"Tier 1|10|0.5|5; Tier 2|1|0.1|0.1"_s);
    row("fractional into tier 2", m, c, u"10.5"_s, u"5.05"_s, u"5.05"_s, u"Tier 1|10|0.5|5; Tier 2|0.5|0.1|0.05"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|0.5|0"_s);
    row("10^15 units", m, c, u"1000000000000000"_s, u"100000000000004"_s, u"100000000000004.00"_s,
        u"Tier 1|10|0.5|5; Tier 2|999999999999990|0.1|99999999999999"_s);
    // [lago] graduated with flat fees: a tier's flat fee once usage enters it; the first at zero.
    const QString flat = uR"({"tiers": [{"first_unit": 0, "last_unit": 100, "unit_amount": "1", "flat_amount": "10"},
                                        {"first_unit": 100, "last_unit": null, "unit_amount": "0.5", "flat_amount": "5"}]})"_s;
    row("flat: zero usage pays tier 1 flat", m, flat, u"0"_s, u"10"_s, u"10.00"_s, u"Tier 1|0|1|10"_s);
    row("flat: on the boundary", m, flat, u"100"_s, u"110"_s, u"110.00"_s, u"Tier 1|100|1|110"_s);
    row("flat: entering tier 2", m, flat, u"101"_s, u"115.5"_s, u"115.50"_s, u"Tier 1|100|1|110; Tier 2|1|0.5|5.5"_s);
}

void TestPricingTiers::bulk_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"bulk"_s;
    // [orb-price] under 10 units $0.50 each; past 10, all units $0.40: "101 units total would be $40.40"
    const QString c = uR"({"tiers": [{"maximum_units": 10, "unit_amount": "0.50"},
                                     {"maximum_units": 1000, "unit_amount": "0.40"}]})"_s;
    row("orb example 101 units", m, c, u"101"_s, u"40.4"_s, u"40.40"_s, u"Tier 2|101|0.4|40.4"_s);
    row("maximum is inclusive", m, c, u"10"_s, u"5"_s, u"5.00"_s, u"Tier 1|10|0.5|5"_s);
    row("just past the maximum", m, c, u"10.01"_s, u"4.004"_s, u"4.00"_s, u"Tier 2|10.01|0.4|4.004"_s);
    row("above the last maximum stays in the last tier", m, c, u"5000"_s, u"2000"_s, u"2000.00"_s, u"Tier 2|5000|0.4|2000"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|0.5|0"_s);
    // [lago] volume with flat fees; our rule charges the first tier's flat fee at zero usage.
    const QString flat = uR"({"tiers": [{"maximum_units": 10, "unit_amount": "1", "flat_amount": "5"},
                                        {"maximum_units": null, "unit_amount": "0.5", "flat_amount": "20"}]})"_s;
    row("flat: zero usage", m, flat, u"0"_s, u"5"_s, u"5.00"_s, u"Tier 1|0|1|5"_s);
    row("flat: tier 2", m, flat, u"11"_s, u"25.5"_s, u"25.50"_s, u"Tier 2|11|0.5|25.5"_s);
}

void TestPricingTiers::package_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"package"_s;
    // [orb-price] package_amount 0.80, package_size 10
    const QString c = uR"({"package_amount": "0.80", "package_size": 10})"_s;
    row("partial package rounds up", m, c, u"4"_s, u"0.8"_s, u"0.80"_s, u"Packages|1|0.8|0.8"_s);
    row("exactly one package", m, c, u"10"_s, u"0.8"_s, u"0.80"_s, u"Packages|1|0.8|0.8"_s);
    row("11 units bill as 20", m, c, u"11"_s, u"1.6"_s, u"1.60"_s, u"Packages|2|0.8|1.6"_s);
    row("fractional quantity", m, c, u"10.5"_s, u"1.6"_s, u"1.60"_s, u"Packages|2|0.8|1.6"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"Packages|0|0.8|0"_s);
    row("10^15 units", m, c, u"1000000000000000"_s, u"80000000000000"_s, u"80000000000000.00"_s, u"Packages|100000000000000|0.8|80000000000000"_s);
}

void TestPricingTiers::thresholdTotalAmount_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"threshold_total_amount"_s;
    const QString c = uR"({"consumption_table": [{"threshold": "10", "total_amount": "100.00"},
                                                 {"threshold": "50", "total_amount": "400.00"}]})"_s;
    row("below the first threshold", m, c, u"5"_s, u"0"_s, u"0.00"_s, QString());
    row("on the first threshold", m, c, u"10"_s, u"100"_s, u"100.00"_s, u"Threshold 10|10|-|100"_s);
    row("between thresholds", m, c, u"49.9"_s, u"100"_s, u"100.00"_s, u"Threshold 10|49.9|-|100"_s);
    row("on the second threshold", m, c, u"50"_s, u"400"_s, u"400.00"_s, u"Threshold 50|50|-|400"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingTiers::unitWithPercent_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"unit_with_percent"_s;
    row("half of the unit total", m, uR"({"percent": "50", "unit_amount": "2.00"})"_s, u"10"_s, u"10"_s, u"10.00"_s, QString());
    row("fractional percent rounds half-up", m, uR"({"percent": "12.5", "unit_amount": "0.10"})"_s, u"3"_s, u"0.0375"_s, u"0.04"_s, QString());
    row("zero usage", m, uR"({"percent": "50", "unit_amount": "2.00"})"_s, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingTiers::packageWithAllocation_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"package_with_allocation"_s;
    const QString c = uR"({"allocation": "100", "package_amount": "5.00", "package_size": "50"})"_s;
    row("under the allocation", m, c, u"30"_s, u"0"_s, u"0.00"_s, u"Allocation|30|0|0; Packages|0|5|0"_s);
    row("exactly the allocation", m, c, u"100"_s, u"0"_s, u"0.00"_s, u"Allocation|100|0|0; Packages|0|5|0"_s);
    row("one unit over", m, c, u"101"_s, u"5"_s, u"5.00"_s, u"Allocation|100|0|0; Packages|1|5|5"_s);
    row("several packages", m, c, u"251"_s, u"20"_s, u"20.00"_s, u"Allocation|100|0|0; Packages|4|5|20"_s);
}

void TestPricingTiers::tieredPackage_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"tiered_package"_s;
    const QString c = uR"({"package_size": "10", "tiers": [{"tier_lower_bound": "0", "per_unit": "5.00"},
                                                           {"tier_lower_bound": "20", "per_unit": "4.00"}]})"_s;
    row("rounded up into tier 2", m, c, u"25"_s, u"14"_s, u"14.00"_s, u"Tier 1|2|5|10; Tier 2|1|4|4"_s);
    row("exactly on the bound", m, c, u"20"_s, u"10"_s, u"10.00"_s, u"Tier 1|2|5|10"_s);
    row("one unit is one package", m, c, u"1"_s, u"5"_s, u"5.00"_s, u"Tier 1|1|5|5"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|5|0"_s);
}

void TestPricingTiers::tieredWithMinimum_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"tiered_with_minimum"_s;
    const QString c = uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00", "minimum_amount": "10.00"},
                                     {"tier_lower_bound": "100", "unit_amount": "0.50", "minimum_amount": "60.00"}]})"_s;
    row("minimum tops up", m, c, u"5"_s, u"10"_s, u"10.00"_s, u"Tier 1|5|1|5; Minimum|1|-|5"_s);
    row("on the bound, tier 1 minimum", m, c, u"100"_s, u"100"_s, u"100.00"_s, u"Tier 1|100|1|100"_s);
    row("into tier 2", m, c, u"101"_s, u"100.5"_s, u"100.50"_s, u"Tier 1|100|1|100; Tier 2|1|0.5|0.5"_s);
    row("zero usage pays the minimum", m, c, u"0"_s, u"10"_s, u"10.00"_s, u"Tier 1|0|1|0; Minimum|1|-|10"_s);
    const QString hidden = uR"({"hide_zero_amount_tiers": true,
        "tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00", "minimum_amount": "10.00"}]})"_s;
    row("zero tiers hidden", m, hidden, u"0"_s, u"10"_s, u"10.00"_s, u"Minimum|1|-|10"_s);
}

void TestPricingTiers::tieredPackageWithMinimum_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"tiered_package_with_minimum"_s;
    const QString c = uR"({"package_size": 10, "tiers": [
        {"tier_lower_bound": "0", "per_unit": "5.00", "minimum_amount": "20.00"},
        {"tier_lower_bound": "20", "per_unit": "4.00", "minimum_amount": "50.00"}]})"_s;
    row("tier 1 minimum", m, c, u"5"_s, u"20"_s, u"20.00"_s, u"Tier 1|1|5|5; Minimum|1|-|15"_s);
    row("tier 2 minimum", m, c, u"25"_s, u"50"_s, u"50.00"_s, u"Tier 1|2|5|10; Tier 2|1|4|4; Minimum|1|-|36"_s);
    row("zero usage", m, c, u"0"_s, u"20"_s, u"20.00"_s, u"Tier 1|0|5|0; Minimum|1|-|20"_s);
}

void TestPricingTiers::evaluationJson()
{
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(u"tiered"_s, uR"({"tiers": [
            {"first_unit": 0, "last_unit": 10, "unit_amount": "0.50"},
            {"first_unit": 10, "last_unit": null, "unit_amount": "0.10"}]})"_s,
                                                                                   uR"({"currency": "EUR"})"_s),
                                                     &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    const QJsonObject json = price->evaluate(orb::pricing::test::usage(u"12.345"_s)).toJson();
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    QCOMPARE(text, QByteArray(R"({"amount":"5.23","currency":"EUR","quantity":"12.345","sub_line_items":[)"
                              R"({"amount":"5","grouping":{"first_unit":"0","last_unit":"10"},"name":"Tier 1","quantity":"10","unit_amount":"0.5"},)"
                              R"({"amount":"0.2345","grouping":{"first_unit":"10","last_unit":null},"name":"Tier 2","quantity":"2.345","unit_amount":"0.1"}],)"
                              R"("subtotal":"5.2345"})"));
}

QTEST_GUILESS_MAIN(TestPricingTiers)
#include "tst_pricing_tiers.moc"
