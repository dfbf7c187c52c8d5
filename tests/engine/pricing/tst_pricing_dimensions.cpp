// SPDX-License-Identifier: GPL-3.0-or-later
// Worked examples of the models that split usage by event properties: matrix family,
// bulk_with_filters and the grouped models. [orb-price] marks the matrix example of Orb's Price
// docstring (orbcorp/orb-python, shared/price.py); the other rows are our own cases built from the
// config docstrings of orb-python's shared/price.py.
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

class TestPricingDimensions : public QObject
{
    Q_OBJECT

private slots:
    void matrix_data();
    void matrix() { ORB_CHECK_EVALUATION(); }
    void matrixWithAllocation_data();
    void matrixWithAllocation() { ORB_CHECK_EVALUATION(); }
    void matrixWithDisplayName_data();
    void matrixWithDisplayName() { ORB_CHECK_EVALUATION(); }
    void bulkWithFilters_data();
    void bulkWithFilters() { ORB_CHECK_EVALUATION(); }
    void groupedTiered_data();
    void groupedTiered() { ORB_CHECK_EVALUATION(); }
    void groupedTieredPackage_data();
    void groupedTieredPackage() { ORB_CHECK_EVALUATION(); }
    void groupedAllocation_data();
    void groupedAllocation() { ORB_CHECK_EVALUATION(); }
    void groupedWithProratedMinimum_data();
    void groupedWithProratedMinimum() { ORB_CHECK_EVALUATION(); }
    void groupedWithMinMaxThresholds_data();
    void groupedWithMinMaxThresholds() { ORB_CHECK_EVALUATION(); }
    void maxGroupTieredPackage_data();
    void maxGroupTieredPackage() { ORB_CHECK_EVALUATION(); }
    void groupingProperties_data();
    void groupingProperties();
    void proratedMinimum();
};

void TestPricingDimensions::matrix_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"matrix"_s;
    // [orb-price] default 3.00, dimensions cluster_name × region, alpha/west at 2.00 (+ one cell of ours)
    const QString c = uR"({"default_unit_amount": "3.00", "dimensions": ["cluster_name", "region"],
        "matrix_values": [{"dimension_values": ["alpha", "west"], "unit_amount": "2.00"},
                          {"dimension_values": ["beta", "east"], "unit_amount": "1.50"}]})"_s;
    row("listed cells and a default cell", m, c, u"groups:cluster_name,region|alpha,west=10|gamma,west=2|beta,east=4"_s, u"32"_s, u"32.00"_s,
        u"alpha, west|10|2|20; beta, east|4|1.5|6; gamma, west|2|3|6"_s);
    row("zero usage lists the cells", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"alpha, west|0|2|0; beta, east|0|1.5|0"_s);
    row("bare quantity goes to the default", m, c, u"5"_s, u"15"_s, u"15.00"_s, u"alpha, west|0|2|0; beta, east|0|1.5|0; (none), (none)|5|3|15"_s);
    row("usage grouped by more keys is merged", m, c, u"groups:region,cluster_name,host|west,alpha,h1=1|west,alpha,h2=2.5"_s, u"7"_s, u"7.00"_s,
        u"alpha, west|3.5|2|7; beta, east|0|1.5|0"_s);
    const QString oneDim = uR"({"default_unit_amount": "0.5", "dimensions": ["region", null],
        "matrix_values": [{"dimension_values": ["west", null], "unit_amount": "1"}]})"_s;
    row("one dimension with null second", m, oneDim, u"groups:region|west=2|east=4"_s, u"4"_s, u"4.00"_s, u"west|2|1|2; east|4|0.5|2"_s);
}

void TestPricingDimensions::matrixWithAllocation_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"matrix_with_allocation"_s;
    const QString c = uR"({"allocation": "5", "default_unit_amount": "1", "dimensions": ["region"],
        "matrix_values": [{"dimension_values": ["west"], "unit_amount": "2.00"}]})"_s;
    row("allocation consumed in line order", m, c, u"groups:region|west=3|east=4"_s, u"2"_s, u"2.00"_s, u"west|3|2|6; east|4|1|4; Allocation|5|-|-8"_s);
    row("usage under the allocation", m, c, u"groups:region|west=2"_s, u"0"_s, u"0.00"_s, u"west|2|2|4; Allocation|2|-|-4"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"west|0|2|0; Allocation|0|-|0"_s);
}

void TestPricingDimensions::matrixWithDisplayName_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"matrix_with_display_name"_s;
    const QString c = uR"({"dimension": "model", "unit_amounts": [
        {"dimension_value": "gpt", "display_name": "GPT", "unit_amount": "0.02"},
        {"dimension_value": "claude", "display_name": "Claude", "unit_amount": "0.03"}]})"_s;
    row("display names, unlisted value at zero", m, c, u"groups:model|claude=100|gpt=50|other=7"_s, u"4"_s, u"4.00"_s,
        u"GPT|50|0.02|1; Claude|100|0.03|3; other|7|0|0"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"GPT|0|0.02|0; Claude|0|0.03|0"_s);
}

void TestPricingDimensions::bulkWithFilters_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"bulk_with_filters"_s;
    const QString c = uR"({"filters": [{"property_key": "region", "property_value": "west"}],
        "tiers": [{"unit_amount": "1.00"}, {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    row("only matching usage, tier 2", m, c, u"groups:region|west=12|east=100"_s, u"6"_s, u"6.00"_s, u"Tier 2|12|0.5|6"_s);
    row("on the bound stays in tier 1", m, c, u"groups:region|west=10"_s, u"10"_s, u"10.00"_s, u"Tier 1|10|1|10"_s);
    row("ungrouped usage matches nothing", m, c, u"5"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|1|0"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|1|0"_s);
}

void TestPricingDimensions::groupedTiered_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_tiered"_s;
    const QString c = uR"({"grouping_key": "customer", "tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00"},
                                                                {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    row("each group tiered on its own", m, c, u"groups:customer|b=12|a=5"_s, u"16"_s, u"16.00"_s,
        u"a · Tier 1|5|1|5; b · Tier 1|10|1|10; b · Tier 2|2|0.5|1"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingDimensions::groupedTieredPackage_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_tiered_package"_s;
    const QString c = uR"({"grouping_key": "customer", "package_size": "5",
        "tiers": [{"tier_lower_bound": "0", "per_unit": "2.00"}, {"tier_lower_bound": "10", "per_unit": "1.00"}]})"_s;
    row("packages per group", m, c, u"groups:customer|a=12|b=1"_s, u"7"_s, u"7.00"_s, u"a · Tier 1|2|2|4; a · Tier 2|1|1|1; b · Tier 1|1|2|2"_s);
}

void TestPricingDimensions::groupedAllocation_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_allocation"_s;
    const QString c = uR"({"allocation": "100", "grouping_key": "user", "overage_unit_rate": "0.10"})"_s;
    row("overage per group", m, c, u"groups:user|u2=80|u1=150"_s, u"5"_s, u"5.00"_s, u"u1|50|0.1|5; u2|0|0.1|0"_s);
    row("exactly the allocation", m, c, u"groups:user|u1=100"_s, u"0"_s, u"0.00"_s, u"u1|0|0.1|0"_s);
}

void TestPricingDimensions::groupedWithProratedMinimum_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_with_prorated_minimum"_s;
    const QString c = uR"({"grouping_key": "project", "minimum": "10.00", "unit_rate": "0.50"})"_s;
    row("minimum per group", m, c, u"groups:project|a=100|b=4"_s, u"60"_s, u"60.00"_s, u"a|100|0.5|50; b|4|0.5|10"_s);
    row("zero usage has no groups", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingDimensions::groupedWithMinMaxThresholds_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_with_min_max_thresholds"_s;
    const QString c = uR"({"grouping_key": "seat", "minimum_charge": "5", "maximum_charge": "20", "per_unit_rate": "1"})"_s;
    row("clamped per group", m, c, u"groups:seat|a=2|b=10|c=50"_s, u"35"_s, u"35.00"_s, u"a|2|1|5; b|10|1|10; c|50|1|20"_s);
    row("on the limits", m, c, u"groups:seat|a=5|b=20"_s, u"25"_s, u"25.00"_s, u"a|5|1|5; b|20|1|20"_s);
}

void TestPricingDimensions::maxGroupTieredPackage_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"max_group_tiered_package"_s;
    const QString c = uR"({"grouping_key": "region", "package_size": "10",
        "tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00"}, {"tier_lower_bound": "20", "unit_amount": "0.50"}]})"_s;
    row("largest group only, tie to smallest value", m, c, u"groups:region|c=25|a=5|b=25"_s, u"25"_s, u"25.00"_s, u"b · Tier 1|20|1|20; b · Tier 2|10|0.5|5"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingDimensions::groupingProperties_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QStringList>("properties");
    QTest::newRow("matrix") << u"matrix"_s << uR"({"default_unit_amount": "1", "dimensions": ["a", "b"], "matrix_values": []})"_s
                            << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("grouped_allocation") << u"grouped_allocation"_s << uR"({"allocation": "1", "grouping_key": "user", "overage_unit_rate": "1"})"_s
                                        << QStringList{u"user"_s};
    QTest::newRow("bulk_with_filters") << u"bulk_with_filters"_s << uR"({"filters": [{"property_key": "x", "property_value": "1"},
                                                           {"property_key": "y", "property_value": "2"},
                                                           {"property_key": "x", "property_value": "1"}],
                                               "tiers": [{"unit_amount": "1"}]})"_s
                                       << QStringList{u"x"_s, u"y"_s};
    QTest::newRow("unit") << u"unit"_s << uR"({"unit_amount": "1"})"_s << QStringList();
}

void TestPricingDimensions::groupingProperties()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QStringList, properties);
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(price->groupingProperties(), properties);
    QCOMPARE(price->needsEventValues(), false);
}

void TestPricingDimensions::proratedMinimum()
{
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(
        orb::pricing::test::priceJson(u"grouped_with_prorated_minimum"_s, uR"({"grouping_key": "project", "minimum": "10.00", "unit_rate": "0.50"})"_s),
        &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    orb::pricing::EvaluationContext half;
    half.prorationFactor = orb::Decimal::parse("0.5");
    const auto e = price->evaluate(orb::pricing::test::usage(u"groups:project|a=2|b=20"_s), half);
    QCOMPARE(orb::pricing::test::lines(e), u"a|2|0.5|5; b|20|0.5|10"_s);
    QCOMPARE(e.amount.toString(), u"15.00"_s);
}

QTEST_GUILESS_MAIN(TestPricingDimensions)
#include "tst_pricing_dimensions.moc"
