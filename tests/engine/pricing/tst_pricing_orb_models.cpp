// SPDX-License-Identifier: GPL-3.0-or-later
// Worked examples of the models that complete Orb's list of model types: the proration family,
// grouped_tiered_matrix, grouped_with_metered_minimum, the cumulative grouped models, the
// scalable matrices, matrix_with_threshold_discounts, event_output, metered_allowance and
// daily_credit_allowance. Config field names are those of orbcorp/orb-python's shared/price.py;
// [orb-doc] marks rows built from the examples in its docstrings (cell_coordinates
// "blue,circle;green,triangle", "Up to 3x free egress", the storage_snapshot / download split).
// Every other row is a boundary case of ours: zero usage, exactly on a tier or threshold,
// missing grouping values, very large and very small amounts. docs/PRICING.md explains each rule.
#include "PricingTestSupport.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

void row(const char *name, const QString &model, const QString &config, const QString &usage, const QString &subtotal, const QString &amount,
         const QString &lines)
{
    QTest::newRow(name) << model << config << usage << subtotal << amount << lines;
}

std::optional<orb::pricing::Price> parse(const QString &model, const QString &config)
{
    orb::FieldErrors errors;
    auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config), &errors);
    if (!price)
        qWarning("%s", qPrintable(orb::joinErrors(errors)));
    return price;
}

/// "10x10;15x20" → spans of (quantity, days).
QList<orb::pricing::QuantitySpan> schedule(const QString &spec)
{
    QList<orb::pricing::QuantitySpan> out;
    if (spec.isEmpty())
        return out;
    for (const QString &s : spec.split(QLatin1Char(';'))) {
        const QStringList f = s.split(QLatin1Char('x'));
        out.append({orb::Decimal::parse(f.at(0)), f.at(1).toLongLong()});
    }
    return out;
}

} // namespace

class TestPricingOrbModels : public QObject
{
    Q_OBJECT

private slots:
    void proration_data();
    void proration() { ORB_CHECK_EVALUATION(); }
    void prorationSchedule_data();
    void prorationSchedule();
    void groupedTieredMatrix_data();
    void groupedTieredMatrix() { ORB_CHECK_EVALUATION(); }
    void groupedWithMeteredMinimum_data();
    void groupedWithMeteredMinimum() { ORB_CHECK_EVALUATION(); }
    void cumulativeGroupedBulk_data();
    void cumulativeGroupedBulk() { ORB_CHECK_EVALUATION(); }
    void cumulativeGroupedAllocation_data();
    void cumulativeGroupedAllocation() { ORB_CHECK_EVALUATION(); }
    void scalableMatrix_data();
    void scalableMatrix() { ORB_CHECK_EVALUATION(); }
    void scalableMatrixProrate();
    void matrixWithThresholdDiscounts_data();
    void matrixWithThresholdDiscounts() { ORB_CHECK_EVALUATION(); }
    void eventOutput_data();
    void eventOutput() { ORB_CHECK_EVALUATION(); }
    void meteredAllowance_data();
    void meteredAllowance() { ORB_CHECK_EVALUATION(); }
    void dailyCreditAllowance_data();
    void dailyCreditAllowance() { ORB_CHECK_EVALUATION(); }
    void groupingProperties_data();
    void groupingProperties();
    void errors_data();
    void errors();
    void roundTrip_data();
    void roundTrip();
    void mutatedConfigsNeverThrow_data() { roundTrip_data(); }
    void mutatedConfigsNeverThrow();
};

void TestPricingOrbModels::proration_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString unit = u"unit_with_proration"_s;
    const QString u = uR"({"unit_amount": "2.50"})"_s;
    row("unit: whole period", unit, u, u"10"_s, u"25"_s, u"25.00"_s, u"Units|10|2.5|25"_s);
    row("unit: zero usage", unit, u, u"0"_s, u"0"_s, u"0.00"_s, u"Units|0|2.5|0"_s);
    row("unit: very small", unit, u, u"0.0000001"_s, u"0.00000025"_s, u"0.00"_s, u"Units|0.0000001|2.5|0.00000025"_s);
    row("unit: very large", unit, u, u"1000000000000"_s, u"2500000000000"_s, u"2500000000000.00"_s, u"Units|1000000000000|2.5|2500000000000"_s);
    const QString tiered = u"tiered_with_proration"_s;
    const QString t = uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00"}, {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    row("tiered: graduated", tiered, t, u"15"_s, u"12.5"_s, u"12.50"_s, u"Tier 1|10|1|10; Tier 2|5|0.5|2.5"_s);
    row("tiered: exactly on the bound", tiered, t, u"10"_s, u"10"_s, u"10.00"_s, u"Tier 1|10|1|10"_s);
    row("tiered: zero usage", tiered, t, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|1|0"_s);
    const QString bulk = u"bulk_with_proration"_s;
    const QString b = uR"({"tiers": [{"unit_amount": "1.00"}, {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    row("bulk: all units at tier 2", bulk, b, u"12"_s, u"6"_s, u"6.00"_s, u"Tier 2|12|0.5|6"_s);
    row("bulk: on the bound stays in tier 1", bulk, b, u"10"_s, u"10"_s, u"10.00"_s, u"Tier 1|10|1|10"_s);
    row("bulk: zero usage", bulk, b, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|1|0"_s);
}

void TestPricingOrbModels::prorationSchedule_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QString>("factor");
    QTest::addColumn<QString>("spans");
    QTest::addColumn<int>("periodDays");
    QTest::addColumn<QString>("subtotal");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("lines");
    const QString u = uR"({"unit_amount": "2.00"})"_s;
    QTest::newRow("unit: 10 for 10 days, then 15 for 20 days")
        << u"unit_with_proration"_s << u << u"15"_s << u"1"_s << u"10x10;15x20"_s << 30 << u"26.66666666666666666667"_s << u"26.67"_s
        << u"10 for 10 of 30 days|10|-|6.66666666666666666667; 15 for 20 of 30 days|15|-|20"_s;
    QTest::newRow("unit: no schedule, half the period")
        << u"unit_with_proration"_s << u << u"10"_s << u"0.5"_s << QString() << 0 << u"10"_s << u"10.00"_s << u"Units|10|2|10"_s;
    QTest::newRow("unit: one day of a 31-day month") << u"unit_with_proration"_s << u << u"1"_s << u"1"_s << u"1x1"_s << 31 << u"0.06451612903225806452"_s
                                                     << u"0.06"_s << u"1 for 1 of 31 days|1|-|0.06451612903225806452"_s;
    const QString t = uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00"}, {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    QTest::newRow("tiered: each quantity tiered on its own, then prorated")
        << u"tiered_with_proration"_s << t << u"20"_s << u"1"_s << u"5x15;20x15"_s << 30 << u"10"_s << u"10.00"_s
        << u"5 for 15 of 30 days|5|-|2.5; 20 for 15 of 30 days|20|-|7.5"_s;
    QTest::newRow("tiered: zero days in force") << u"tiered_with_proration"_s << t << u"20"_s << u"1"_s << u"20x0"_s << 30 << u"0"_s << u"0.00"_s
                                                << u"20 for 0 of 30 days|20|-|0"_s;
    const QString b = uR"({"tiers": [{"unit_amount": "1.00"}, {"tier_lower_bound": "10", "unit_amount": "0.50"}]})"_s;
    QTest::newRow("bulk: factor scales the tier line")
        << u"bulk_with_proration"_s << b << u"12"_s << u"0.5"_s << QString() << 0 << u"3"_s << u"3.00"_s << u"Tier 2|12|0.5|3"_s;
    QTest::newRow("bulk: the quantity changes tier mid-period")
        << u"bulk_with_proration"_s << b << u"12"_s << u"1"_s << u"8x10;12x20"_s << 30 << u"6.66666666666666666667"_s << u"6.67"_s
        << u"8 for 10 of 30 days|8|-|2.66666666666666666667; 12 for 20 of 30 days|12|-|4"_s;
}

void TestPricingOrbModels::prorationSchedule()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QString, usage);
    QFETCH(QString, factor);
    QFETCH(QString, spans);
    QFETCH(int, periodDays);
    QFETCH(QString, subtotal);
    QFETCH(QString, amount);
    QFETCH(QString, lines);
    const auto price = parse(model, config);
    QVERIFY(price);
    QVERIFY(price->prorates());
    orb::pricing::EvaluationContext context;
    context.prorationFactor = orb::Decimal::parse(factor);
    context.quantitySchedule = schedule(spans);
    context.periodDays = periodDays;
    const auto e = price->evaluate(orb::pricing::test::usage(usage), context);
    QCOMPARE(e.subtotal.toCanonicalString(), subtotal);
    QCOMPARE(e.amount.toString(), amount);
    QCOMPARE(orb::pricing::test::lines(e), lines);
}

void TestPricingOrbModels::groupedTieredMatrix_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_tiered_matrix"_s;
    const QString c = uR"({"dimension": "region", "default_unit_amount": "2", "tiers": [
        {"dimension_value": "west", "tier_lower_bound": "0", "unit_amount": "1.00"},
        {"dimension_value": "west", "tier_lower_bound": "100", "unit_amount": "0.50"},
        {"dimension_value": "east", "tier_lower_bound": "0", "unit_amount": "0.80"}]})"_s;
    row("each value on its own rows, others at the default", m, c, u"groups:region|west=150|east=10|north=5"_s, u"143"_s, u"143.00"_s,
        u"east · Tier 1|10|0.8|8; north|5|2|10; west · Tier 1|100|1|100; west · Tier 2|50|0.5|25"_s);
    row("exactly on a bound", m, c, u"groups:region|west=100"_s, u"100"_s, u"100.00"_s, u"west · Tier 1|100|1|100"_s);
    row("missing value pays the default", m, c, u"groups:region|=4"_s, u"8"_s, u"8.00"_s, u"(none)|4|2|8"_s);
    row("very small", m, c, u"groups:region|west=0.000001"_s, u"0.000001"_s, u"0.00"_s, u"west · Tier 1|0.000001|1|0.000001"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingOrbModels::groupedWithMeteredMinimum_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"grouped_with_metered_minimum"_s;
    const QString c = uR"({"grouping_key": "customer", "pricing_key": "size", "scaling_key": "region",
        "minimum_unit_amount": "0.10", "unit_amounts": [{"pricing_value": "small", "unit_amount": "0.05"},
                                                      {"pricing_value": "large", "unit_amount": "0.20"}],
        "scaling_factors": [{"scaling_value": "eu", "scaling_factor": "1.5"}]})"_s;
    row("scaled rates, unmatched usage and the per-group minimum", m, c,
        u"groups:customer,size,region|a,large,eu=10|a,small,us=100|b,small,us=10|b,other,us=5"_s, u"12.5"_s, u"12.50"_s,
        u"a · large · eu|10|0.3|3; a · small · us|100|0.05|5; a · Minimum|110|0.1|3; "
        u"b · other · us|5|0.1|0.5; b · small · us|10|0.05|0.5; b · Minimum|15|0.1|0.5"_s);
    row("above the minimum: no true-up", m, c, u"groups:customer,size,region|a,large,us=100"_s, u"20"_s, u"20.00"_s, u"a · large · us|100|0.2|20"_s);
    row("exactly on the minimum", m, c, u"groups:customer,size,region|a,small,us=10|a,large,us=5"_s, u"1.5"_s, u"1.50"_s,
        u"a · large · us|5|0.2|1; a · small · us|10|0.05|0.5"_s);
    row("bare quantity: missing values are unmatched", m, c, u"5"_s, u"0.5"_s, u"0.50"_s, u"(none) · (none) · (none)|5|0.1|0.5"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingOrbModels::cumulativeGroupedBulk_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"cumulative_grouped_bulk"_s;
    const QString c = uR"({"group": "plan_tier", "dimension_values": [
        {"grouping_key": "a", "tier_lower_bound": "0", "unit_amount": "1.00"},
        {"grouping_key": "b", "tier_lower_bound": "0", "unit_amount": "2.00"},
        {"grouping_key": "a", "tier_lower_bound": "100", "unit_amount": "0.50"},
        {"grouping_key": "b", "tier_lower_bound": "100", "unit_amount": "1.00"}]})"_s;
    row("the total of all groups picks tier 2", m, c, u"groups:plan_tier|a=60|b=50"_s, u"80"_s, u"80.00"_s, u"a · Tier 2|60|0.5|30; b · Tier 2|50|1|50"_s);
    row("a total exactly on the bound stays in tier 1", m, c, u"groups:plan_tier|a=60|b=40"_s, u"140"_s, u"140.00"_s,
        u"a · Tier 1|60|1|60; b · Tier 1|40|2|80"_s);
    row("unlisted and missing values count but have no rate", m, c, u"groups:plan_tier|a=10|c=5|=95"_s, u"5"_s, u"5.00"_s,
        u"(none) · Tier 2|95|0|0; a · Tier 2|10|0.5|5; c · Tier 2|5|0|0"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingOrbModels::cumulativeGroupedAllocation_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"cumulative_grouped_allocation"_s;
    const QString c = uR"({"cumulative_allocation": "100", "group_allocation": "50", "grouping_key": "user", "unit_amount": "0.10"})"_s;
    row("group allocations until the cumulative one runs out", m, c, u"groups:user|u1=80|u2=30|u3=60"_s, u"7"_s, u"7.00"_s,
        u"u1|30|0.1|3; u2|0|0.1|0; u3|40|0.1|4"_s);
    row("exactly the group allocation", m, c, u"groups:user|u1=50"_s, u"0"_s, u"0.00"_s, u"u1|0|0.1|0"_s);
    row("missing value is a group", m, c, u"groups:user|=70"_s, u"2"_s, u"2.00"_s, u"(none)|20|0.1|2"_s);
    row("very small overage", m, c, u"groups:user|u1=50.0000001"_s, u"0.00000001"_s, u"0.00"_s, u"u1|0.0000001|0.1|0.00000001"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingOrbModels::scalableMatrix_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString unit = u"scalable_matrix_with_unit_pricing"_s;
    const QString u = uR"({"first_dimension": "region", "second_dimension": "tier", "unit_price": "0.10",
        "matrix_scaling_factors": [{"first_dimension_value": "west", "second_dimension_value": "premium", "scaling_factor": "2"},
                                   {"first_dimension_value": "east", "scaling_factor": "0.5"}]})"_s;
    row("unit: exact cell, first-only cell, unlisted cell", unit, u, u"groups:region,tier|west,premium=10|west,basic=10|east,premium=20"_s, u"4"_s, u"4.00"_s,
        u"east, premium|20|0.05|1; west, basic|10|0.1|1; west, premium|10|0.2|2"_s);
    row("unit: missing values scale by 1", unit, u, u"groups:region|=3"_s, u"0.3"_s, u"0.30"_s, u"(none), (none)|3|0.1|0.3"_s);
    row("unit: zero usage", unit, u, u"0"_s, u"0"_s, u"0.00"_s, QString());
    const QString grouped = uR"({"first_dimension": "region", "second_dimension": "tier", "unit_price": "0.10", "grouping_key": "project",
        "matrix_scaling_factors": [{"first_dimension_value": "west", "second_dimension_value": "premium", "scaling_factor": "2"},
                                   {"first_dimension_value": "east", "scaling_factor": "0.5"}]})"_s;
    row("unit: grouping_key splits the sub-lines", unit, grouped, u"groups:project,region,tier|p1,west,premium=10|p2,east,basic=4"_s, u"2.2"_s, u"2.20"_s,
        u"p1, west, premium|10|0.2|2; p2, east, basic|4|0.05|0.2"_s);
    const QString tiered = u"scalable_matrix_with_tiered_pricing"_s;
    const QString t = uR"({"first_dimension": "region", "matrix_scaling_factors": [{"first_dimension_value": "west", "scaling_factor": "2"}],
        "tiers": [{"tier_lower_bound": "0", "unit_amount": "1.00"}, {"tier_lower_bound": "100", "unit_amount": "0.50"}]})"_s;
    row("tiered: scaled total through the tiers", tiered, t, u"groups:region|west=60|east=30"_s, u"125"_s, u"125.00"_s,
        u"east × 1|30|-|0; west × 2|60|-|0; Tier 1|100|1|100; Tier 2|50|0.5|25"_s);
    row("tiered: scaled total exactly on the bound", tiered, t, u"groups:region|west=50"_s, u"100"_s, u"100.00"_s, u"west × 2|50|-|0; Tier 1|100|1|100"_s);
    row("tiered: zero usage", tiered, t, u"0"_s, u"0"_s, u"0.00"_s, u"Tier 1|0|1|0"_s);
}

void TestPricingOrbModels::scalableMatrixProrate()
{
    const auto price = parse(u"scalable_matrix_with_unit_pricing"_s, uR"({"first_dimension": "region", "unit_price": "0.10", "prorate": true,
                                  "matrix_scaling_factors": [{"first_dimension_value": "west", "scaling_factor": "3"}]})"_s);
    QVERIFY(price);
    orb::pricing::EvaluationContext half;
    half.prorationFactor = orb::Decimal::parse("0.5");
    const auto e = price->evaluate(orb::pricing::test::usage(u"groups:region|west=10"_s), half);
    QCOMPARE(e.amount.toString(), u"1.50"_s);
    QCOMPARE(orb::pricing::test::lines(e), u"west|10|0.15|1.5"_s);
    // Without prorate the factor is ignored.
    const auto whole = parse(u"scalable_matrix_with_unit_pricing"_s, uR"({"first_dimension": "region", "unit_price": "0.10",
                                  "matrix_scaling_factors": [{"first_dimension_value": "west", "scaling_factor": "3"}]})"_s);
    QVERIFY(whole);
    QCOMPARE(whole->evaluate(orb::pricing::test::usage(u"groups:region|west=10"_s), half).amount.toString(), u"3.00"_s);
}

void TestPricingOrbModels::matrixWithThresholdDiscounts_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"matrix_with_threshold_discounts"_s;
    // [orb-doc] the cell_coordinates example of the docstring
    const QString c = uR"({"first_dimension": "color", "second_dimension": "shape", "default_unit_amount": "1.00",
        "matrix_values": [{"first_dimension_value": "blue", "second_dimension_value": "circle", "unit_amount": "2.00"},
                          {"first_dimension_value": "green", "second_dimension_value": "triangle", "unit_amount": "3.00"}],
        "threshold_discount_groups": [{"cell_coordinates": "blue,circle;green,triangle", "threshold_amount": "100",
            "below_threshold_discount_percentage": "0", "above_threshold_discount_percentage": "10", "description": "Volume discount"}]})"_s;
    row("spend above the threshold discounted", m, c, u"groups:color,shape|blue,circle=30|green,triangle=20|red,square=5"_s, u"123"_s, u"123.00"_s,
        u"blue, circle|30|2|60; green, triangle|20|3|60; red, square|5|1|5; Volume discount|120|-|-2"_s);
    row("spend exactly on the threshold", m, c, u"groups:color,shape|blue,circle=50"_s, u"100"_s, u"100.00"_s,
        u"blue, circle|50|2|100; green, triangle|0|3|0; Volume discount|100|-|0"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, u"blue, circle|0|2|0; green, triangle|0|3|0; Volume discount|0|-|0"_s);
    row("very large spend", m, c, u"groups:color,shape|blue,circle=1000000000000"_s, u"1800000000010"_s, u"1800000000010.00"_s,
        u"blue, circle|1000000000000|2|2000000000000; green, triangle|0|3|0; Volume discount|2000000000000|-|-199999999990"_s);
    const QString baseline = uR"({"first_dimension": "color", "default_unit_amount": "1",
        "matrix_values": [{"first_dimension_value": "blue", "unit_amount": "2"}],
        "threshold_discount_groups": [{"cell_coordinates": "blue;red", "threshold_amount": "10",
            "below_threshold_discount_percentage": "5", "above_threshold_discount_percentage": "20"}]})"_s;
    row("one dimension, baseline discount, default cell in a group", m, baseline, u"groups:color|blue=4|red=7|=1"_s, u"14.5"_s, u"14.50"_s,
        u"blue|4|2|8; (none)|1|1|1; red|7|1|7; Threshold discount 1|15|-|-1.5"_s);
}

void TestPricingOrbModels::eventOutput_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"event_output"_s;
    const QString c = uR"({"unit_rating_key": "rate", "default_unit_rate": "0.01", "grouping_key": "job"})"_s;
    row("rates read from events, default for missing and non-numeric", m, c, u"groups:job,rate|j1,0.5=10|j1,=4|j2,1.5e-3=1000|j2,abc=2"_s, u"6.56"_s, u"6.56"_s,
        u"j1 · at default 0.01|4|0.01|0.04; j1 · at 0.5|10|0.5|5; j2 · at 0.0015|1000|0.0015|1.5; j2 · at default 0.01|2|0.01|0.02"_s);
    const QString noDefault = uR"({"unit_rating_key": "rate"})"_s;
    row("without a default, events without a rate are ignored", m, noDefault, u"groups:rate|2=3|=5|-1=4"_s, u"6"_s, u"6.00"_s,
        u"at 2|3|2|6; Without a unit rate (ignored)|9|-|0"_s);
    row("bare quantity at the default", m, c, u"7"_s, u"0.07"_s, u"0.07"_s, u"(none) · at default 0.01|7|0.01|0.07"_s);
    row("very small rate", m, noDefault, u"groups:rate|0.000000001=1"_s, u"0.000000001"_s, u"0.00"_s, u"at 0.000000001|1|0.000000001|0.000000001"_s);
    row("very large rate", m, noDefault, u"groups:rate|1000000000000=1000"_s, u"1000000000000000"_s, u"1000000000000000.00"_s,
        u"at 1000000000000|1000|1000000000000|1000000000000000"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
}

void TestPricingOrbModels::meteredAllowance_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"metered_allowance"_s;
    // [orb-doc] the storage_snapshot / download example of the docstrings
    const QString c = uR"({"grouping_key": "event_name", "consumption_grouping_value": "download",
        "allowance_grouping_value": "storage_snapshot", "unit_amount": "0.09",
        "consumption_display_name": "bytes gotten", "allowance_display_name": "Up to 3x free egress"})"_s;
    row("allowance credited, other values not billed", m, c, u"groups:event_name|download=100|storage_snapshot=30|other=7"_s, u"6.3"_s, u"6.30"_s,
        u"bytes gotten|100|0.09|9; Up to 3x free egress|30|0.09|-2.7"_s);
    row("allowance capped at consumption", m, c, u"groups:event_name|download=10|storage_snapshot=300"_s, u"0"_s, u"0.00"_s,
        u"bytes gotten|10|0.09|0.9; Up to 3x free egress|10|0.09|-0.9"_s);
    row("allowance exactly the consumption", m, c, u"groups:event_name|download=10|storage_snapshot=10"_s, u"0"_s, u"0.00"_s,
        u"bytes gotten|10|0.09|0.9; Up to 3x free egress|10|0.09|-0.9"_s);
    row("bare quantity is consumption", m, c, u"100"_s, u"9"_s, u"9.00"_s, u"bytes gotten|100|0.09|9; Up to 3x free egress|0|0.09|0"_s);
    row("very large consumption", m, c, u"groups:event_name|download=1000000000000000"_s, u"90000000000000"_s, u"90000000000000.00"_s,
        u"bytes gotten|1000000000000000|0.09|90000000000000; Up to 3x free egress|0|0.09|0"_s);
    row("missing value is neither", m, c, u"groups:event_name|=100"_s, u"0"_s, u"0.00"_s, u"bytes gotten|0|0.09|0; Up to 3x free egress|0|0.09|0"_s);
    const QString unnamed = uR"({"grouping_key": "kind", "consumption_grouping_value": "c", "allowance_grouping_value": "a", "unit_amount": "1"})"_s;
    row("default sub-line names", m, unnamed, u"groups:kind|c=2|a=1"_s, u"1"_s, u"1.00"_s, u"Consumption|2|1|2; Allowance|1|1|-1"_s);
}

void TestPricingOrbModels::dailyCreditAllowance_data()
{
    orb::pricing::test::addEvaluationColumns();
    const QString m = u"daily_credit_allowance"_s;
    const QString c = uR"({"daily_allowance": "100", "default_unit_amount": "1", "dimensions": ["model", null],
        "event_day_property": "event_day", "matrix_values": [{"dimension_values": ["gpt", null], "unit_amount": "2"}]})"_s;
    row("allowance per day, lost when unused, none without a day", m, c,
        u"groups:event_day,model|2026-03-01,gpt=40|2026-03-01,other=30|2026-03-02,gpt=10|,gpt=5"_s, u"20"_s, u"20.00"_s,
        u"(no day)|5|-|10; 2026-03-01|70|-|10; 2026-03-02|10|-|0"_s);
    row("exactly the allowance", m, c, u"groups:event_day,model|2026-03-01,gpt=50"_s, u"0"_s, u"0.00"_s, u"2026-03-01|50|-|0"_s);
    row("zero usage", m, c, u"0"_s, u"0"_s, u"0.00"_s, QString());
    const QString two = uR"({"daily_allowance": "0.5", "default_unit_amount": "0.001", "dimensions": ["model", "region"],
        "event_day_property": "day", "matrix_values": [{"dimension_values": ["gpt", "eu"], "unit_amount": "0.002"},
                                                       {"dimension_values": ["gpt", null], "unit_amount": "0.003"}]})"_s;
    row("two dimensions, null matches a missing value", m, two, u"groups:day,model,region|d1,gpt,eu=1000|d1,gpt,=100|d1,x,us=200"_s, u"2"_s, u"2.00"_s,
        u"d1|1300|-|2"_s);
}

void TestPricingOrbModels::groupingProperties_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("properties");
    QTest::newRow("event_output") << u"event_output"_s << uR"({"unit_rating_key": "rate", "grouping_key": "job"})"_s << u"job,rate"_s;
    QTest::newRow("metered minimum, keys repeated")
        << u"grouped_with_metered_minimum"_s
        << uR"({"grouping_key": "c", "pricing_key": "c", "scaling_key": "r", "minimum_unit_amount": "1", "unit_amounts": [], "scaling_factors": []})"_s
        << u"c,r"_s;
    QTest::newRow("daily credits")
        << u"daily_credit_allowance"_s
        << uR"({"daily_allowance": "1", "default_unit_amount": "1", "dimensions": ["m", null], "event_day_property": "d", "matrix_values": []})"_s << u"d,m"_s;
    QTest::newRow("scalable with grouping")
        << u"scalable_matrix_with_unit_pricing"_s
        << uR"({"first_dimension": "a", "second_dimension": "b", "grouping_key": "g", "unit_price": "1", "matrix_scaling_factors": []})"_s << u"g,a,b"_s;
    QTest::newRow("proration has none") << u"unit_with_proration"_s << uR"({"unit_amount": "1"})"_s << QString();
}

void TestPricingOrbModels::groupingProperties()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QString, properties);
    const auto price = parse(model, config);
    QVERIFY(price);
    QCOMPARE(price->groupingProperties().join(QLatin1Char(',')), properties);
    QVERIFY(!price->needsEventValues());
}

void TestPricingOrbModels::errors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("expected");
    const auto add = [](const char *name, const QString &model, const QString &config, const QString &expected) {
        QTest::newRow(name) << model << config << expected;
    };
    add("unit_with_proration: missing amount", u"unit_with_proration"_s, u"{}"_s, u"$.unit_with_proration_config.unit_amount: is required"_s);
    add("tiered_with_proration: first bound", u"tiered_with_proration"_s, uR"({"tiers": [{"tier_lower_bound": "5", "unit_amount": "1"}]})"_s,
        u"$.tiered_with_proration_config.tiers[0].tier_lower_bound: the first tier must start at 0"_s);
    add("bulk_with_proration: bounds must increase", u"bulk_with_proration"_s,
        uR"({"tiers": [{"unit_amount": "1"}, {"tier_lower_bound": "0", "unit_amount": "1"}]})"_s,
        u"$.bulk_with_proration_config.tiers[1].tier_lower_bound: must be greater than the previous tier's bound 0"_s);
    add("grouped_tiered_matrix: per-value bounds", u"grouped_tiered_matrix"_s,
        uR"({"dimension": "r", "default_unit_amount": "1", "tiers": [{"dimension_value": "a", "tier_lower_bound": "1", "unit_amount": "1"},
            {"dimension_value": "b", "tier_lower_bound": "0", "unit_amount": "1"}, {"dimension_value": "b", "tier_lower_bound": "0", "unit_amount": "2"}]})"_s,
        u"$.grouped_tiered_matrix_config.tiers[0].tier_lower_bound: the first tier of dimension_value 'a' must start at 0\n"
        u"$.grouped_tiered_matrix_config.tiers[2].tier_lower_bound: must be greater than the previous bound 0 of dimension_value 'b'"_s);
    add("grouped_with_metered_minimum: repeated value, missing key", u"grouped_with_metered_minimum"_s,
        uR"({"grouping_key": "c", "pricing_key": "p", "minimum_unit_amount": "-1",
             "unit_amounts": [{"pricing_value": "x", "unit_amount": "1"}, {"pricing_value": "x", "unit_amount": "2"}], "scaling_factors": []})"_s,
        u"$.grouped_with_metered_minimum_config.minimum_unit_amount: must not be negative\n"
        u"$.grouped_with_metered_minimum_config.scaling_key: is required\n"
        u"$.grouped_with_metered_minimum_config.unit_amounts[1].pricing_value: repeats 'x' of unit_amounts[0]"_s);
    add("cumulative_grouped_bulk: values differ between bounds", u"cumulative_grouped_bulk"_s,
        uR"({"group": "g", "dimension_values": [{"grouping_key": "a", "tier_lower_bound": "0", "unit_amount": "1"},
            {"grouping_key": "b", "tier_lower_bound": "0", "unit_amount": "1"}, {"grouping_key": "a", "tier_lower_bound": "10", "unit_amount": "1"}]})"_s,
        u"$.cumulative_grouped_bulk_config.dimension_values: tier_lower_bound 10 must list the same grouping_key values as tier_lower_bound 0"_s);
    add("cumulative_grouped_bulk: no zero bound", u"cumulative_grouped_bulk"_s,
        uR"({"group": "g", "dimension_values": [{"grouping_key": "a", "tier_lower_bound": "5", "unit_amount": "1"}]})"_s,
        u"$.cumulative_grouped_bulk_config.dimension_values: the lowest tier_lower_bound must be 0"_s);
    add("cumulative_grouped_allocation: every field", u"cumulative_grouped_allocation"_s, uR"({"unit_amount": "x"})"_s,
        u"$.cumulative_grouped_allocation_config.cumulative_allocation: is required\n"
        u"$.cumulative_grouped_allocation_config.group_allocation: is required\n"
        u"$.cumulative_grouped_allocation_config.grouping_key: is required\n"
        u"$.cumulative_grouped_allocation_config.unit_amount: 'x' is not a decimal number"_s);
    add("scalable: second value without a second dimension", u"scalable_matrix_with_unit_pricing"_s,
        uR"({"first_dimension": "a", "unit_price": "1", "matrix_scaling_factors": [{"first_dimension_value": "x", "second_dimension_value": "y", "scaling_factor": "1"}]})"_s,
        u"$.scalable_matrix_with_unit_pricing_config.matrix_scaling_factors[0].second_dimension_value: is given but the matrix has no second_dimension"_s);
    add("scalable tiered: repeated cell, bad tiers", u"scalable_matrix_with_tiered_pricing"_s,
        uR"({"first_dimension": "a", "matrix_scaling_factors": [{"first_dimension_value": "x", "scaling_factor": "1"}, {"first_dimension_value": "x", "scaling_factor": "2"}], "tiers": []})"_s,
        u"$.scalable_matrix_with_tiered_pricing_config.matrix_scaling_factors[1]: repeats the cell of matrix_scaling_factors[0]\n"
        u"$.scalable_matrix_with_tiered_pricing_config.tiers: must not be empty"_s);
    add("threshold discounts: coordinates and percentages", u"matrix_with_threshold_discounts"_s,
        uR"({"first_dimension": "a", "second_dimension": "b", "default_unit_amount": "1",
             "matrix_values": [{"first_dimension_value": "x", "unit_amount": "1"}],
             "threshold_discount_groups": [{"cell_coordinates": "x,y;z", "threshold_amount": "1", "below_threshold_discount_percentage": "0", "above_threshold_discount_percentage": "150"},
                                           {"cell_coordinates": "x,y", "threshold_amount": "1", "below_threshold_discount_percentage": "0", "above_threshold_discount_percentage": "1"},
                                           {"cell_coordinates": "w,v;x,y", "threshold_amount": "1", "below_threshold_discount_percentage": "0", "above_threshold_discount_percentage": "1"}]})"_s,
        u"$.matrix_with_threshold_discounts_config.matrix_values[0].second_dimension_value: is required: the matrix has a second_dimension\n"
        u"$.matrix_with_threshold_discounts_config.threshold_discount_groups[0].above_threshold_discount_percentage: must be a percentage from 0 to 100\n"
        u"$.matrix_with_threshold_discounts_config.threshold_discount_groups[0].cell_coordinates: 'z' must be two values (first,second)\n"
        u"$.matrix_with_threshold_discounts_config.threshold_discount_groups[2].cell_coordinates: cell 'x,y' is already in threshold_discount_groups[1]"_s);
    add("event_output: negative default", u"event_output"_s, uR"({"unit_rating_key": "", "default_unit_rate": "-1"})"_s,
        u"$.event_output_config.unit_rating_key: must not be empty\n$.event_output_config.default_unit_rate: must not be negative"_s);
    add("metered_allowance: same value twice", u"metered_allowance"_s,
        uR"({"grouping_key": "k", "consumption_grouping_value": "v", "allowance_grouping_value": "v", "unit_amount": "1"})"_s,
        u"$.metered_allowance_config.allowance_grouping_value: must differ from consumption_grouping_value"_s);
    add("daily_credit_allowance: dimensions and cells", u"daily_credit_allowance"_s,
        uR"({"daily_allowance": "1", "default_unit_amount": "1", "dimensions": ["m", null], "event_day_property": "d",
             "matrix_values": [{"dimension_values": ["x"], "unit_amount": "1"}, {"dimension_values": ["x", "y"], "unit_amount": "1"}]})"_s,
        u"$.daily_credit_allowance_config.matrix_values[0].dimension_values: must give 2 value(s), one per entry of dimensions\n"
        u"$.daily_credit_allowance_config.matrix_values[1].dimension_values[1]: must be null: dimensions[1] is null"_s);
    add("daily_credit_allowance: day property as dimension", u"daily_credit_allowance"_s,
        uR"({"daily_allowance": "1", "default_unit_amount": "1", "dimensions": ["d"], "event_day_property": "d", "matrix_values": []})"_s,
        u"$.daily_credit_allowance_config.dimensions[0]: repeats the property 'd'"_s);
}

void TestPricingOrbModels::errors()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QString, expected);
    orb::FieldErrors errors;
    const auto price = orb::pricing::Price::fromJson(orb::pricing::test::priceJson(model, config), &errors);
    QVERIFY(!price.has_value());
    QCOMPARE(orb::joinErrors(errors), expected);
}

void TestPricingOrbModels::roundTrip_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::newRow("unit_with_proration") << u"unit_with_proration"_s << uR"({"unit_amount": "2.50"})"_s;
    QTest::newRow("tiered_with_proration")
        << u"tiered_with_proration"_s << uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1"}, {"tier_lower_bound": "10", "unit_amount": "0.5"}]})"_s;
    QTest::newRow("bulk_with_proration")
        << u"bulk_with_proration"_s << uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1"}, {"tier_lower_bound": "10", "unit_amount": "0.5"}]})"_s;
    QTest::newRow("grouped_tiered_matrix")
        << u"grouped_tiered_matrix"_s
        << uR"({"default_unit_amount": "2", "dimension": "r", "tiers": [{"dimension_value": "a", "tier_lower_bound": "0", "unit_amount": "1"}]})"_s;
    QTest::newRow("grouped_with_metered_minimum")
        << u"grouped_with_metered_minimum"_s
        << uR"({"grouping_key": "c", "minimum_unit_amount": "0.1", "pricing_key": "p", "scaling_factors": [{"scaling_factor": "2", "scaling_value": "eu"}], "scaling_key": "r", "unit_amounts": [{"pricing_value": "x", "unit_amount": "1"}]})"_s;
    QTest::newRow("cumulative_grouped_bulk")
        << u"cumulative_grouped_bulk"_s << uR"({"dimension_values": [{"grouping_key": "a", "tier_lower_bound": "0", "unit_amount": "1"}], "group": "g"})"_s;
    QTest::newRow("cumulative_grouped_allocation")
        << u"cumulative_grouped_allocation"_s << uR"({"cumulative_allocation": "100", "group_allocation": "50", "grouping_key": "u", "unit_amount": "0.1"})"_s;
    QTest::newRow("scalable_matrix_with_unit_pricing")
        << u"scalable_matrix_with_unit_pricing"_s
        << uR"({"first_dimension": "a", "grouping_key": "g", "matrix_scaling_factors": [{"first_dimension_value": "x", "scaling_factor": "2", "second_dimension_value": "y"}], "prorate": true, "second_dimension": "b", "unit_price": "0.1"})"_s;
    QTest::newRow("scalable_matrix_with_tiered_pricing")
        << u"scalable_matrix_with_tiered_pricing"_s
        << uR"({"first_dimension": "a", "matrix_scaling_factors": [{"first_dimension_value": "x", "scaling_factor": "2"}], "tiers": [{"tier_lower_bound": "0", "unit_amount": "1"}]})"_s;
    QTest::newRow("matrix_with_threshold_discounts")
        << u"matrix_with_threshold_discounts"_s
        << uR"({"default_unit_amount": "1", "first_dimension": "a", "matrix_values": [{"first_dimension_value": "x", "unit_amount": "2"}], "threshold_discount_groups": [{"above_threshold_discount_percentage": "10", "below_threshold_discount_percentage": "0", "cell_coordinates": "x", "description": "d", "threshold_amount": "100"}]})"_s;
    QTest::newRow("event_output") << u"event_output"_s << uR"({"default_unit_rate": "0.01", "grouping_key": "job", "unit_rating_key": "rate"})"_s;
    QTest::newRow("metered_allowance")
        << u"metered_allowance"_s
        << uR"({"allowance_display_name": "free", "allowance_grouping_value": "a", "consumption_display_name": "used", "consumption_grouping_value": "c", "grouping_key": "k", "unit_amount": "1"})"_s;
    QTest::newRow("daily_credit_allowance")
        << u"daily_credit_allowance"_s
        << uR"({"daily_allowance": "100", "default_unit_amount": "1", "dimensions": ["m", null], "event_day_property": "d", "matrix_values": [{"dimension_values": ["x", null], "unit_amount": "2"}]})"_s;
}

void TestPricingOrbModels::roundTrip()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    const auto price = parse(model, config);
    QVERIFY(price);
    const QJsonObject json = price->toJson();
    // The export is the config as given (Orb's canonical shape), and imports to the same price.
    QCOMPARE(QJsonDocument(json.value(model + u"_config"_s).toObject()).toJson(QJsonDocument::Compact),
             QJsonDocument(orb::pricing::test::object(config)).toJson(QJsonDocument::Compact));
    orb::FieldErrors errors;
    const auto again = orb::pricing::Price::fromJson(json, &errors);
    QVERIFY2(again, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(again->toJson(), json);
}

void TestPricingOrbModels::mutatedConfigsNeverThrow()
{
    // A small deterministic fuzz of each config: every character replaced by a few others or
    // dropped. Whatever parses must either be refused with errors or evaluate without throwing.
    QFETCH(QString, model);
    QFETCH(QString, config);
    const QStringList replacements = {QString(), u"0"_s, u"-"_s, u"\""_s, u"]"_s, u"null"_s, u"[]"_s, u"1e400"_s};
    const orb::UsageQuantities usage =
        orb::pricing::test::usage(u"groups:region,tier,a,b,g,r,m,d,c,p,job,rate,k|x,y,a,b,g,r,m,d,c,p,j,0.5,v=3|,,,,,,,,,,,,=0.25"_s);
    int accepted = 0;
    for (qsizetype i = 0; i < config.size(); ++i) {
        for (const QString &r : replacements) {
            QString text = config;
            text.replace(i, 1, r);
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            if (!doc.isObject())
                continue;
            orb::FieldErrors errors;
            QJsonObject json = orb::pricing::test::priceJson(model, u"{}"_s);
            json.insert(model + u"_config"_s, doc.object());
            const auto price = orb::pricing::Price::fromJson(json, &errors);
            QCOMPARE(price.has_value(), errors.isEmpty());
            if (!price)
                continue;
            ++accepted;
            orb::pricing::EvaluationContext context;
            context.quantitySchedule = schedule(u"3x2;0x1"_s);
            context.periodDays = 3;
            price->evaluate(usage);
            price->evaluate(usage, context);
            QCOMPARE(orb::pricing::Price::fromJson(price->toJson(), &errors)->toJson(), price->toJson());
        }
    }
    QVERIFY(accepted > 0);
}

QTEST_GUILESS_MAIN(TestPricingOrbModels)

#include "tst_pricing_orb_models.moc"
