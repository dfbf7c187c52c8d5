// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing of Orb-shaped price JSON: every broken rule reported with its JSON path, common fields,
// JSON numbers read through their shortest text, and toJson() round trips.
#include "PricingTestSupport.h"

#include "engine/pricing/JsonReader.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using orb::pricing::Price;

namespace {

const QString kHead = uR"("name": "p", "item_id": "i", "cadence": "monthly", )"_s;

QJsonObject priceFrom(const QString &body)
{
    return orb::pricing::test::object(u"{"_s + body + u"}"_s);
}

} // namespace

class TestPricingParsing : public QObject
{
    Q_OBJECT

private slots:
    void errors_data();
    void errors();
    void errorPathPrefix();
    void numberText_data();
    void numberText();
    void commonFields();
    void billingModeDefaults_data();
    void billingModeDefaults();
    void roundTrip_data();
    void roundTrip();
    void modelTypes();
};

void TestPricingParsing::errors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing config") << kHead + uR"("model_type": "tiered")"_s << u"$.tiered_config: is required for model_type 'tiered'"_s;
    QTest::newRow("unknown model_type") << kHead + uR"("model_type": "stairstep", "stairstep_config": {})"_s
                                        << u"$.model_type: unknown model_type 'stairstep'"_s;
    QTest::newRow("config not an object") << kHead + uR"("model_type": "unit", "unit_config": [])"_s << u"$.unit_config: must be an object"_s;
    QTest::newRow("wrong type") << kHead + uR"("model_type": "unit", "unit_config": {"unit_amount": true})"_s
                                << u"$.unit_config.unit_amount: must be a decimal string or number"_s;
    QTest::newRow("not a decimal") << kHead + uR"("model_type": "unit", "unit_config": {"unit_amount": "1,5"})"_s
                                   << u"$.unit_config.unit_amount: '1,5' is not a decimal number"_s;
    QTest::newRow("negative amount") << kHead + uR"("model_type": "unit", "unit_config": {"unit_amount": "-1"})"_s
                                     << u"$.unit_config.unit_amount: must not be negative"_s;
    QTest::newRow("empty tiers") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": []})"_s << u"$.tiered_config.tiers: must not be empty"_s;
    QTest::newRow("tier not an object") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [5]})"_s
                                        << u"$.tiered_config.tiers[0]: must be an object"_s;
    QTest::newRow("overlapping tiers") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 0, "last_unit": 10, "unit_amount": "1"},
            {"first_unit": 5, "last_unit": null, "unit_amount": "1"}]})"_s
                                       << u"$.tiered_config.tiers[1].first_unit: overlaps the previous tier, which ends at 10"_s;
    QTest::newRow("gapped tiers") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 0, "last_unit": 10, "unit_amount": "1"},
            {"first_unit": 12, "last_unit": null, "unit_amount": "1"}]})"_s
                                  << u"$.tiered_config.tiers[1].first_unit: leaves a gap after the previous tier, which ends at 10"_s;
    QTest::newRow("orb's old 1..10 / 11.. example is gapped")
        << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 1, "last_unit": 10, "unit_amount": "0.50"},
            {"first_unit": 11, "last_unit": null, "unit_amount": "0.10"}]})"_s
        << u"$.tiered_config.tiers[0].first_unit: the first tier must start at 0\n"
           u"$.tiered_config.tiers[1].first_unit: leaves a gap after the previous tier, which ends at 10"_s;
    QTest::newRow("last tier bounded") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 0, "last_unit": 10, "unit_amount": "1"}]})"_s
                                       << u"$.tiered_config.tiers[0].last_unit: the last tier must be unbounded (null)"_s;
    QTest::newRow("unbounded tier before the last") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 0, "last_unit": null, "unit_amount": "1"},
            {"first_unit": 10, "last_unit": null, "unit_amount": "1"}]})"_s
                                                    << u"$.tiered_config.tiers[0].last_unit: only the last tier may be unbounded (null)"_s;
    QTest::newRow("empty tier range") << kHead + uR"("model_type": "tiered", "tiered_config": {"tiers": [
            {"first_unit": 0, "last_unit": 0, "unit_amount": "1"},
            {"first_unit": 0, "last_unit": null, "unit_amount": "1"}]})"_s
                                      << u"$.tiered_config.tiers[0].last_unit: must be greater than first_unit 0"_s;
    QTest::newRow("bulk maximums must increase") << kHead + uR"("model_type": "bulk", "bulk_config": {"tiers": [
            {"maximum_units": 10, "unit_amount": "1"}, {"maximum_units": 5, "unit_amount": "1"},
            {"unit_amount": "1"}]})"_s << u"$.bulk_config.tiers[1].maximum_units: must be greater than the previous tier's maximum_units 10"_s;
    QTest::newRow("package size zero") << kHead + uR"("model_type": "package", "package_config": {"package_amount": "1", "package_size": 0})"_s
                                       << u"$.package_config.package_size: must be greater than zero"_s;
    QTest::newRow("tier bound not a package multiple") << kHead + uR"("model_type": "tiered_package", "tiered_package_config": {"package_size": "10", "tiers": [
            {"tier_lower_bound": "0", "per_unit": "1"}, {"tier_lower_bound": "15", "per_unit": "1"}]})"_s
                                                       << u"$.tiered_package_config.tiers[1].tier_lower_bound: must be a multiple of package_size 10"_s;
    QTest::newRow("lower bounds must increase") << kHead + uR"("model_type": "grouped_tiered", "grouped_tiered_config": {"grouping_key": "g", "tiers": [
            {"tier_lower_bound": "0", "unit_amount": "1"}, {"tier_lower_bound": "0", "unit_amount": "1"}]})"_s
                                                << u"$.grouped_tiered_config.tiers[1].tier_lower_bound: must be greater than the previous tier's bound 0"_s;
    QTest::newRow("matrix duplicate cell and wrong arity")
        << kHead + uR"("model_type": "matrix", "matrix_config": {"default_unit_amount": "1", "dimensions": ["a", "b"],
            "matrix_values": [{"dimension_values": ["x", "y"], "unit_amount": "1"},
                              {"dimension_values": ["x", "y"], "unit_amount": "2"},
                              {"dimension_values": ["x"], "unit_amount": "3"}]})"_s
        << u"$.matrix_config.matrix_values[1].dimension_values: repeats the cell of matrix_values[0]\n"
           u"$.matrix_config.matrix_values[2].dimension_values: must give 2 value(s), one per dimension"_s;
    QTest::newRow("matrix with three dimensions") << kHead + uR"("model_type": "matrix", "matrix_config": {"default_unit_amount": "1",
            "dimensions": ["a", "b", "c"], "matrix_values": []})"_s
                                                  << u"$.matrix_config.dimensions: must hold one or two entries"_s;
    QTest::newRow("min above max") << kHead + uR"("model_type": "grouped_with_min_max_thresholds", "grouped_with_min_max_thresholds_config": {
            "grouping_key": "g", "minimum_charge": "5", "maximum_charge": "4", "per_unit_rate": "1"})"_s
                                   << u"$.grouped_with_min_max_thresholds_config.maximum_charge: must not be less than minimum_charge 5"_s;
    QTest::newRow("percent is a fraction") << kHead + uR"("model_type": "percent", "percent_config": {"percent": 10})"_s
                                           << u"$.percent_config.percent: must be a fraction greater than 0 and at most 1"_s;
    QTest::newRow("percentage free events not an integer")
        << kHead + uR"("model_type": "percentage", "percentage_config": {"rate": "1", "free_units_per_events": 1.5})"_s
        << u"$.percentage_config.free_units_per_events: must be an integer"_s;
    QTest::newRow("every common error at once") << uR"("item_id": "i", "currency": "usd", "cadence": "weekly", "model_type": "unit",
               "unit_config": {"unit_amount": "-2"})"_s
                                                << u"$.name: is required\n"
                                                   u"$.currency: 'usd' is not an ISO 4217 currency code\n"
                                                   u"$.cadence: must be one of one_time, monthly, quarterly, semi_annual, annual, custom\n"
                                                   u"$.unit_config.unit_amount: must not be negative"_s;
    QTest::newRow("missing item") << uR"("name": "p", "cadence": "monthly", "model_type": "unit",
                                         "unit_config": {"unit_amount": "1"})"_s
                                  << u"$.item_id: is required (or item.id, or item_name)"_s;
    QTest::newRow("custom cadence needs its cycle")
        << uR"("name": "p", "item_id": "i", "cadence": "custom", "model_type": "unit", "unit_config": {"unit_amount": "1"})"_s
        << u"$.billing_cycle_configuration: is required when cadence is custom"_s;
    QTest::newRow("bad billing cycle") << uR"("name": "p", "item_id": "i", "cadence": "custom", "model_type": "unit", "unit_config": {"unit_amount": "1"},
               "billing_cycle_configuration": {"duration": 0, "duration_unit": "week"})"_s
                                       << u"$.billing_cycle_configuration.duration: must be at least 1\n"
                                          u"$.billing_cycle_configuration.duration_unit: must be one of day, month"_s;
    QTest::newRow("bad common amounts") << kHead + uR"("model_type": "unit", "unit_config": {"unit_amount": "1"}, "conversion_rate": 0,
               "minimum_amount": "10", "maximum_amount": "5", "billing_mode": "later")"_s
                                        << u"$.billing_mode: must be one of in_advance, in_arrear\n"
                                           u"$.conversion_rate: must be greater than zero\n"
                                           u"$.maximum_amount: must not be less than minimum_amount 10"_s;
    QTest::newRow("bad composite filter") << kHead + uR"("model_type": "percent", "percent_config": {"percent": 0.1},
               "composite_price_filters": [{"field": "color", "operator": "includes", "values": ["x", 1]}])"_s
                                          << u"$.composite_price_filters[0].field: must be one of price_id, item_id, price_type, currency, pricing_unit_id\n"
                                             u"$.composite_price_filters[0].values[1]: must be a string"_s;
}

void TestPricingParsing::errors()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    orb::FieldErrors errors;
    const auto price = Price::fromJson(priceFrom(json), &errors);
    QVERIFY(!price.has_value());
    QCOMPARE(orb::joinErrors(errors), expected);
}

void TestPricingParsing::errorPathPrefix()
{
    orb::FieldErrors errors;
    const auto price = Price::fromJson(priceFrom(kHead + uR"("model_type": "unit", "unit_config": {})"_s), &errors, u"$.plans[0].prices[2]"_s);
    QVERIFY(!price.has_value());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().path, u"$.plans[0].prices[2].unit_config.unit_amount"_s);
    QCOMPARE(errors.first().message, u"is required"_s);
}

void TestPricingParsing::numberText_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("0.1") << 0.1 << u"0.1"_s;
    QTest::newRow("0.00002") << 0.00002 << u"0.00002"_s;
    QTest::newRow("1e15") << 1e15 << u"1000000000000000"_s;
    QTest::newRow("1e21") << 1e21 << u"1000000000000000000000"_s;
    QTest::newRow("-1.5e-7") << -1.5e-7 << u"-0.00000015"_s;
    QTest::newRow("123.456") << 123.456 << u"123.456"_s;
    QTest::newRow("3") << 3.0 << u"3"_s;
}

void TestPricingParsing::numberText()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(orb::pricing::JsonReader::numberText(value), text);
}

void TestPricingParsing::commonFields()
{
    orb::FieldErrors errors;
    const auto price = Price::fromJson(priceFrom(uR"("name": "API calls", "item": {"id": "it_1", "name": "API"},
        "billable_metric": {"id": "bm_1"}, "currency": "JPY", "cadence": "custom",
        "billing_cycle_configuration": {"duration": 2, "duration_unit": "month"},
        "fixed_price_quantity": 3, "conversion_rate": 0.5, "minimum": {"minimum_amount": "10"},
        "maximum_amount": "100", "invoice_grouping_key": "region", "external_price_id": "ext-1",
        "discount": {"discount_type": "percentage", "percentage_discount": 0.1},
        "model_type": "unit", "unit_config": {"unit_amount": "1.5"})"_s),
                                       &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(price->name(), u"API calls"_s);
    QCOMPARE(price->itemId(), u"it_1"_s);
    QCOMPARE(price->itemName(), u"API"_s);
    QCOMPARE(price->billableMetricId(), u"bm_1"_s);
    QCOMPARE(price->currency().code(), u"JPY"_s);
    QCOMPARE(price->cadence(), u"custom"_s);
    QCOMPARE(price->billingCycle()->duration, 2);
    QCOMPARE(price->billingCycle()->durationUnit, u"month"_s);
    QCOMPARE(price->billingMode(), u"in_arrear"_s);
    QCOMPARE(price->priceType(), u"usage_price"_s);
    QCOMPARE(price->fixedPriceQuantity()->toCanonicalString(), u"3"_s);
    QCOMPARE(price->conversionRate()->toCanonicalString(), u"0.5"_s);
    QCOMPARE(price->minimumAmount()->toCanonicalString(), u"10"_s);
    QCOMPARE(price->maximumAmount()->toCanonicalString(), u"100"_s);
    QCOMPARE(price->invoiceGroupingKey(), u"region"_s);
    QCOMPARE(price->externalPriceId(), u"ext-1"_s);
    QCOMPARE(price->discount()->value(u"discount_type"_s).toString(), u"percentage"_s);
    // JPY has no minor unit: 3 × 1.5 = 4.5 rounds half-up to 5.
    const auto e = price->evaluate(price->fixedUsage());
    QCOMPARE(e.subtotal.toCanonicalString(), u"4.5"_s);
    QCOMPARE(e.amount.toString(), u"5"_s);
}

void TestPricingParsing::billingModeDefaults_data()
{
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("type");
    QTest::newRow("fixed fee defaults to in advance") << QString() << u"in_advance"_s << u"fixed_price"_s;
    QTest::newRow("usage defaults to in arrear") << uR"("billable_metric_id": "m", )"_s << u"in_arrear"_s << u"usage_price"_s;
    QTest::newRow("billed_in_advance false") << uR"("billed_in_advance": false, )"_s << u"in_arrear"_s << u"fixed_price"_s;
    QTest::newRow("billing_mode wins") << uR"("billing_mode": "in_arrear", "billed_in_advance": true, )"_s << u"in_arrear"_s << u"fixed_price"_s;
}

void TestPricingParsing::billingModeDefaults()
{
    QFETCH(QString, extra);
    QFETCH(QString, mode);
    QFETCH(QString, type);
    orb::FieldErrors errors;
    const auto price = Price::fromJson(priceFrom(kHead + extra + uR"("model_type": "unit", "unit_config": {"unit_amount": "1"})"_s), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(price->billingMode(), mode);
    QCOMPARE(price->priceType(), type);
    QCOMPARE(price->currency().code(), u"USD"_s);
}

void TestPricingParsing::roundTrip_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("expectedConfig");
    QTest::newRow("unit, number amount becomes a string")
        << u"unit"_s << uR"({"unit_amount": 0.1, "prorated": true})"_s << uR"({"prorated":true,"unit_amount":"0.1"})"_s;
    QTest::newRow("tiered keeps float bounds")
        << u"tiered"_s
        << uR"({"tiers": [{"first_unit": 0, "last_unit": 1e15, "unit_amount": "1"}, {"first_unit": "1000000000000000", "unit_amount": "0.5"}]})"_s
        << uR"({"tiers":[{"first_unit":0,"last_unit":1000000000000000,"unit_amount":"1"},{"first_unit":1000000000000000,"last_unit":null,"unit_amount":"0.5"}]})"_s;
    QTest::newRow("bulk") << u"bulk"_s << uR"({"tiers": [{"maximum_units": 10, "unit_amount": "0.50"}, {"unit_amount": "0.40"}]})"_s
                          << uR"({"tiers":[{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"0.40"}]})"_s;
    QTest::newRow("package") << u"package"_s << uR"({"package_amount": "0.80", "package_size": "10"})"_s << uR"({"package_amount":"0.80","package_size":10})"_s;
    QTest::newRow("matrix one dimension")
        << u"matrix"_s
        << uR"({"default_unit_amount": "3.00", "dimensions": ["region", null], "matrix_values": [{"dimension_values": ["west", null], "unit_amount": "2.00"}]})"_s
        << uR"({"default_unit_amount":"3.00","dimensions":["region",null],"matrix_values":[{"dimension_values":["west",null],"unit_amount":"2.00"}]})"_s;
    QTest::newRow("tiered_bps")
        << u"tiered_bps"_s
        << uR"({"tiers": [{"minimum_amount": "0", "maximum_amount": "1000000.00", "bps": 125, "per_unit_maximum": "19.00"}, {"minimum_amount": "1000000.00", "maximum_amount": null, "bps": 115}]})"_s
        << uR"({"tiers":[{"bps":125,"maximum_amount":"1000000.00","minimum_amount":"0","per_unit_maximum":"19.00"},{"bps":115,"maximum_amount":null,"minimum_amount":"1000000.00"}]})"_s;
    QTest::newRow("percentage") << u"percentage"_s
                                << uR"({"rate": "1.2", "fixed_amount": "0.10", "free_units_per_events": 3, "free_units_per_total_aggregation": "500"})"_s
                                << uR"({"fixed_amount":"0.10","free_units_per_events":3,"free_units_per_total_aggregation":"500","rate":"1.2"})"_s;
    QTest::newRow("tiered_with_minimum")
        << u"tiered_with_minimum"_s
        << uR"({"tiers": [{"tier_lower_bound": "0", "unit_amount": "1", "minimum_amount": "5"}], "hide_zero_amount_tiers": false})"_s
        << uR"({"hide_zero_amount_tiers":false,"tiers":[{"minimum_amount":"5","tier_lower_bound":"0","unit_amount":"1"}]})"_s;
    QTest::newRow("percent") << u"percent"_s << uR"({"percent": "0.25", "maximum_amount": "10"})"_s << uR"({"maximum_amount":"10","percent":0.25})"_s;
}

void TestPricingParsing::roundTrip()
{
    QFETCH(QString, model);
    QFETCH(QString, config);
    QFETCH(QString, expectedConfig);
    orb::FieldErrors errors;
    const auto price = Price::fromJson(orb::pricing::test::priceJson(model, config, uR"({"external_price_id": "x", "metadata": {"k": "v"}})"_s), &errors);
    QVERIFY2(price, qPrintable(orb::joinErrors(errors)));
    const QJsonObject json = price->toJson();
    QCOMPARE(QJsonDocument(json.value(model + u"_config"_s).toObject()).toJson(QJsonDocument::Compact), expectedConfig.toUtf8());
    const auto again = Price::fromJson(json, &errors);
    QVERIFY2(again, qPrintable(orb::joinErrors(errors)));
    QCOMPARE(again->toJson(), json);
    QCOMPARE(json.value(u"external_price_id"_s).toString(), u"x"_s);
    QCOMPARE(json.value(u"item_id"_s).toString(), u"item_1"_s);
    QCOMPARE(json.value(u"billing_mode"_s).toString(), u"in_arrear"_s);
}

void TestPricingParsing::modelTypes()
{
    QCOMPARE(Price::modelTypes().join(u' '),
             u"bps bulk bulk_bps bulk_with_filters bulk_with_proration cumulative_grouped_allocation cumulative_grouped_bulk "
             u"daily_credit_allowance event_output graduated_percentage grouped_allocation grouped_tiered grouped_tiered_matrix "
             u"grouped_tiered_package grouped_with_metered_minimum grouped_with_min_max_thresholds grouped_with_prorated_minimum "
             u"matrix matrix_with_allocation matrix_with_display_name matrix_with_threshold_discounts max_group_tiered_package "
             u"metered_allowance minimum_composite package package_with_allocation percent percentage "
             u"scalable_matrix_with_tiered_pricing scalable_matrix_with_unit_pricing threshold_total_amount tiered tiered_bps "
             u"tiered_package tiered_package_with_minimum tiered_with_minimum tiered_with_proration unit unit_with_percent "
             u"unit_with_proration"_s);
}

QTEST_GUILESS_MAIN(TestPricingParsing)
#include "tst_pricing_parsing.moc"
