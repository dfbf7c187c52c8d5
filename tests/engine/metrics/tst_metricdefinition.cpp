// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"
#include "engine/metrics/MetricDefinition.h"

#include <QtTest>

using orb::Aggregation;
using orb::Event;
using orb::EventParser;
using orb::FieldErrors;
using orb::JsonReader;
using orb::MetricDefinition;
using orb::MetricFilter;

class TestMetricDefinition : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void rejects_data();
    void rejects();
    void filterMatches_data();
    void filterMatches();
    void aggregationNames();
    void builtInCode();
};

void TestMetricDefinition::roundTrip_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("count, minimal") << QByteArray(R"({"name":"API calls","event_name":"api_call","aggregation":"count"})")
                                    << QByteArray(R"({"name":"API calls","event_name":"api_call","aggregation":"count"})");
    QTest::newRow("sum with everything, members reordered")
        << QByteArray(
               R"({"group_by":"region","property":"tokens","aggregation":"sum","event_name":"completion","description":"Tokens","name":"Tokens","id":"m_1",
                          "filters":{"property":"model","operator":"equals","value":"large"}})")
        << QByteArray(
               R"({"id":"m_1","name":"Tokens","description":"Tokens","event_name":"completion","aggregation":"sum","property":"tokens","filters":{"property":"model","operator":"equals","value":"large"},"group_by":"region"})");
    QTest::newRow("nulls for optional members") << QByteArray(
        R"({"id":null,"name":"n","description":null,"event_name":"e","aggregation":"max","property":"p","filters":null,"group_by":null})")
                                                << QByteArray(R"({"name":"n","event_name":"e","aggregation":"max","property":"p"})");
    QTest::newRow("nested and/or, numbers exact, symbols normalised")
        << QByteArray(R"({"name":"n","event_name":"e","aggregation":"weighted_sum","property":"gb","filters":
            {"and":[{"property":"region","operator":"in","values":["eu","us"]},
                    {"or":[{"property":"size","operator":">=","value":0.10},{"property":"tier","operator":"not_exists"}]},
                    {"property":"price","operator":"less_than","value":"12345678901234567890.123"},
                    {"property":"beta","operator":"not_equals","value":true}]}})")
        << QByteArray(
               R"({"name":"n","event_name":"e","aggregation":"weighted_sum","property":"gb","filters":{"and":[{"property":"region","operator":"in","values":["eu","us"]},{"or":[{"property":"size","operator":"greater_than_or_equal","value":0.10},{"property":"tier","operator":"not_exists"}]},{"property":"price","operator":"less_than","value":"12345678901234567890.123"},{"property":"beta","operator":"not_equals","value":true}]}})");
    for (const char *agg : {"min", "average", "unique_count", "latest"}) {
        const QByteArray json = QByteArray(R"({"name":"n","event_name":"e","aggregation":")") + agg + R"(","property":"p"})";
        QTest::newRow(agg) << json << json;
    }
}

void TestMetricDefinition::roundTrip()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    FieldErrors errors;
    const std::optional<MetricDefinition> m = MetricDefinition::fromJson(input, &errors);
    QVERIFY2(m.has_value(), qPrintable(orb::joinErrors(errors)));
    QCOMPARE(m->toJson(), canonical);
    const std::optional<MetricDefinition> again = MetricDefinition::fromJson(m->toJson(), &errors);
    QVERIFY(again.has_value());
    QVERIFY(*again == *m);
    QCOMPARE(again->toJson(), canonical);
    QVERIFY(m->validate().isEmpty());
}

void TestMetricDefinition::rejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errors"); // joinErrors(), one a line

    QTest::newRow("empty object") << QByteArray("{}") << "$.aggregation: is required\n$.name: is required\n$.event_name: is required";
    QTest::newRow("sum without property") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"sum"})") << "$.property: is required for sum";
    QTest::newRow("count with property") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","property":"p"})")
                                         << "$.property: count does not read a property";
    QTest::newRow("unknown aggregation") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"median","property":"p"})")
                                         << "$.aggregation: must be one of count, sum, max, min, average, unique_count, latest, weighted_sum";
    QTest::newRow("wrong types and unknown member") << QByteArray(R"({"name":5,"event_name":"e","aggregation":"count","colour":"red"})")
                                                    << "$.name: must be a string, not a number\n$.colour: unknown field";
    QTest::newRow("syntax error") << QByteArray(R"({"name":"n",})") << "$: unexpected '}', a member name in double quotes was expected (at byte offset 12)";
    QTest::newRow("syntax error inside filters") << QByteArray(R"({"filters":{"and":[{"property":"a","operator":"in","values":[1,]}]}})")
                                                 << "$.filters.and[0].values[1]: unexpected ']', a value was expected (at byte offset 63)";
    QTest::newRow("filter: no form") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{}})")
                                     << "$.filters: a filter needs \"and\", \"or\" or \"property\"";
    QTest::newRow("filter: two forms") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{"and":[],"property":"x"}})")
                                       << "$.filters: a filter takes only one of \"and\", \"or\" and \"property\"";
    QTest::newRow("filter: empty and") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{"and":[]}})")
                                       << "$.filters.and: needs at least one filter";
    QTest::newRow("filter: or not an array") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{"or":{"property":"a"}}})")
                                             << "$.filters.or: must be an array of filters";
    QTest::newRow("filter: errors deep inside, all reported") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{"and":[
             {"property":"a","operator":"equals","value":"x"},
             {"or":[{"property":"b","operator":"between","value":1},
                    {"property":"c","operator":"in","values":["x",{"y":1}]},
                    {"property":"d","operator":"greater_than","value":"abc"}]},
             {"property":"","operator":"exists","value":1}]}})")
                                                              << "$.filters.and[1].or[0].operator: must be one of equals, not_equals, in, not_in, less_than, "
                                                                 "less_than_or_equal, greater_than, greater_than_or_equal, exists, not_exists\n"
                                                                 "$.filters.and[1].or[1].values[1]: must be a string, number or boolean, not an object\n"
                                                                 "$.filters.and[1].or[2].value: must be a number for greater_than\n"
                                                                 "$.filters.and[2].property: must be a non-empty string\n"
                                                                 "$.filters.and[2].value: exists takes no value";
    QTest::newRow("filter: in with a single value") << QByteArray(
        R"({"name":"n","event_name":"e","aggregation":"count","filters":{"property":"a","operator":"in","value":"x"}})")
                                                    << "$.filters.value: in takes \"values\", an array";
    QTest::newRow("filter: in with empty values") << QByteArray(
        R"({"name":"n","event_name":"e","aggregation":"count","filters":{"property":"a","operator":"not_in","values":[]}})")
                                                  << "$.filters.values: must be a non-empty array";
    QTest::newRow("filter: equals without value") << QByteArray(
        R"({"name":"n","event_name":"e","aggregation":"count","filters":{"property":"a","operator":"equals"}})")
                                                  << "$.filters.value: is required for equals";
    QTest::newRow("filter: equals null") << QByteArray(
        R"({"name":"n","event_name":"e","aggregation":"count","filters":{"property":"a","operator":"equals","value":null}})")
                                         << "$.filters.value: must be a string, number or boolean, not null";
    QTest::newRow("filter: no operator, unknown member")
        << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":{"property":"a","op":"equals"}})")
        << "$.filters.op: unknown field in a condition\n$.filters.operator: is required";
    QTest::newRow("filter: not an object") << QByteArray(R"({"name":"n","event_name":"e","aggregation":"count","filters":["a"]})")
                                           << "$.filters: a filter must be an object, not an array";
}

void TestMetricDefinition::rejects()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errors);
    FieldErrors found;
    QVERIFY(!MetricDefinition::fromJson(input, &found).has_value());
    QCOMPARE(orb::joinErrors(found), errors);
}

void TestMetricDefinition::filterMatches_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<bool>("matches");

    const QByteArray eq = R"({"property":"region","operator":"equals","value":"eu"})";
    QTest::newRow("equals: same") << eq << QByteArray(R"({"region":"eu"})") << true;
    QTest::newRow("equals: other") << eq << QByteArray(R"({"region":"us"})") << false;
    QTest::newRow("equals: case matters") << eq << QByteArray(R"({"region":"EU"})") << false;
    QTest::newRow("equals: missing") << eq << QByteArray(R"({})") << false;
    QTest::newRow("equals: null") << eq << QByteArray(R"({"region":null})") << false;
    const QByteArray eqNum = R"({"property":"n","operator":"equals","value":10})";
    QTest::newRow("equals: 10 vs 10.0 numerically") << eqNum << QByteArray(R"({"n":10.0})") << true;
    QTest::newRow("equals: 10 vs \"10\"") << eqNum << QByteArray(R"({"n":"10"})") << true;
    QTest::newRow("equals: 10 vs 10.01") << eqNum << QByteArray(R"({"n":10.01})") << false;
    const QByteArray eqBool = R"({"property":"beta","operator":"equals","value":true})";
    QTest::newRow("equals: boolean") << eqBool << QByteArray(R"({"beta":true})") << true;
    QTest::newRow("equals: boolean false") << eqBool << QByteArray(R"({"beta":false})") << false;
    const QByteArray ne = R"({"property":"region","operator":"not_equals","value":"eu"})";
    QTest::newRow("not_equals: same") << ne << QByteArray(R"({"region":"eu"})") << false;
    QTest::newRow("not_equals: other") << ne << QByteArray(R"({"region":"us"})") << true;
    QTest::newRow("not_equals: missing passes") << ne << QByteArray(R"({})") << true;
    const QByteArray in = R"({"property":"region","operator":"in","values":["eu","us"]})";
    QTest::newRow("in: first") << in << QByteArray(R"({"region":"eu"})") << true;
    QTest::newRow("in: second") << in << QByteArray(R"({"region":"us"})") << true;
    QTest::newRow("in: neither") << in << QByteArray(R"({"region":"apac"})") << false;
    QTest::newRow("in: missing") << in << QByteArray(R"({})") << false;
    const QByteArray nin = R"({"property":"region","operator":"not_in","values":["eu","us"]})";
    QTest::newRow("not_in: listed") << nin << QByteArray(R"({"region":"us"})") << false;
    QTest::newRow("not_in: other") << nin << QByteArray(R"({"region":"apac"})") << true;
    QTest::newRow("not_in: missing passes") << nin << QByteArray(R"({})") << true;
    const QByteArray lt = R"({"property":"ms","operator":"<","value":100})";
    QTest::newRow("<: below") << lt << QByteArray(R"({"ms":99.999})") << true;
    QTest::newRow("<: equal") << lt << QByteArray(R"({"ms":100})") << false;
    QTest::newRow("<: numeric string") << lt << QByteArray(R"({"ms":"5"})") << true;
    QTest::newRow("<: word") << lt << QByteArray(R"({"ms":"fast"})") << false;
    QTest::newRow("<: missing") << lt << QByteArray(R"({})") << false;
    const QByteArray le = R"({"property":"ms","operator":"less_than_or_equal","value":"0.3"})";
    QTest::newRow("<=: exact 0.3") << le << QByteArray(R"({"ms":0.30})") << true;
    QTest::newRow("<=: above") << le << QByteArray(R"({"ms":0.3000000000000000000001})") << false;
    const QByteArray gt = R"({"property":"ms","operator":"greater_than","value":-1})";
    QTest::newRow(">: above") << gt << QByteArray(R"({"ms":0})") << true;
    QTest::newRow(">: equal") << gt << QByteArray(R"({"ms":-1})") << false;
    QTest::newRow(">: boolean is not a number") << gt << QByteArray(R"({"ms":true})") << false;
    const QByteArray ge = R"({"property":"ms","operator":">=","value":12345678901234567890.123})";
    QTest::newRow(">=: equal big") << ge << QByteArray(R"({"ms":12345678901234567890.123})") << true;
    QTest::newRow(">=: just below big") << ge << QByteArray(R"({"ms":12345678901234567890.122})") << false;
    const QByteArray ex = R"({"property":"tier","operator":"exists"})";
    QTest::newRow("exists: present") << ex << QByteArray(R"({"tier":""})") << true;
    QTest::newRow("exists: null is absent") << ex << QByteArray(R"({"tier":null})") << false;
    QTest::newRow("exists: missing") << ex << QByteArray(R"({})") << false;
    const QByteArray nex = R"({"property":"tier","operator":"not_exists"})";
    QTest::newRow("not_exists: present") << nex << QByteArray(R"({"tier":"gold"})") << false;
    QTest::newRow("not_exists: missing") << nex << QByteArray(R"({})") << true;
    const QByteArray nested = R"({"and":[{"property":"region","operator":"in","values":["eu","us"]},
                                         {"or":[{"property":"model","operator":"equals","value":"large"},
                                                {"property":"tokens","operator":">","value":1000}]}]})";
    QTest::newRow("and/or: region and model") << nested << QByteArray(R"({"region":"eu","model":"large","tokens":1})") << true;
    QTest::newRow("and/or: region and tokens") << nested << QByteArray(R"({"region":"us","model":"small","tokens":1001})") << true;
    QTest::newRow("and/or: region, neither") << nested << QByteArray(R"({"region":"us","model":"small","tokens":1000})") << false;
    QTest::newRow("and/or: wrong region") << nested << QByteArray(R"({"region":"apac","model":"large"})") << false;
    QTest::newRow("and/or: all missing") << nested << QByteArray(R"({})") << false;
}

void TestMetricDefinition::filterMatches()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, properties);
    QFETCH(bool, matches);
    FieldErrors errors;
    const std::optional<orb::JsonValue> json = JsonReader::parse(filter);
    QVERIFY(json.has_value());
    const std::optional<MetricFilter> f = MetricFilter::fromJson(*json, QStringLiteral("$.filters"), &errors);
    QVERIFY2(f.has_value(), qPrintable(orb::joinErrors(errors)));
    const QByteArray eventJson =
        R"({"event_name":"e","timestamp":"2026-03-01T00:00:00Z","idempotency_key":"k","customer_id":"c","properties":)" + properties + "}";
    const std::optional<Event> event = EventParser::parse(eventJson);
    QVERIFY(event.has_value());
    QCOMPARE(f->matches(*event), matches);
    // The written form reads back to an equal filter that decides the same.
    const std::optional<orb::JsonValue> back = JsonReader::parse(f->toJson());
    QVERIFY(back.has_value());
    const std::optional<MetricFilter> g = MetricFilter::fromJson(*back, QStringLiteral("$"), &errors);
    QVERIFY(g.has_value());
    QVERIFY(*g == *f);
    QCOMPARE(g->matches(*event), matches);
}

void TestMetricDefinition::aggregationNames()
{
    const QList<Aggregation> all = {Aggregation::Count,   Aggregation::Sum,         Aggregation::Max,    Aggregation::Min,
                                    Aggregation::Average, Aggregation::UniqueCount, Aggregation::Latest, Aggregation::WeightedSum};
    QStringList names;
    for (Aggregation a : all) {
        names << MetricDefinition::aggregationName(a);
        QCOMPARE(MetricDefinition::aggregationFromName(names.back()), std::optional<Aggregation>(a));
    }
    QCOMPARE(names.join(QLatin1Char(',')), QStringLiteral("count,sum,max,min,average,unique_count,latest,weighted_sum"));
    QVERIFY(!MetricDefinition::aggregationFromName(u"SUM").has_value());
}

void TestMetricDefinition::builtInCode()
{
    MetricDefinition m;
    QCOMPARE(orb::joinErrors(m.validate()), QStringLiteral("$.name: is required\n$.event_name: is required"));
    m.setName(QStringLiteral("GB-seconds"));
    m.setEventName(QStringLiteral("storage"));
    m.setAggregation(Aggregation::WeightedSum);
    QCOMPARE(orb::joinErrors(m.validate()), QStringLiteral("$.property: is required for weighted_sum"));
    m.setProperty(QStringLiteral("gb"));
    m.setFilter(MetricFilter::condition(QStringLiteral("region"), MetricFilter::Operator::In, {orb::PropertyValue::fromString(QStringLiteral("eu"))}));
    QVERIFY(m.validate().isEmpty());
    QCOMPARE(
        m.toJson(),
        QByteArray(
            R"({"name":"GB-seconds","event_name":"storage","aggregation":"weighted_sum","property":"gb","filters":{"property":"region","operator":"in","values":["eu"]}})"));
    const std::optional<MetricDefinition> back = MetricDefinition::fromJson(m.toJson(), nullptr);
    QVERIFY(back.has_value());
    QVERIFY(*back == m);
}

QTEST_GUILESS_MAIN(TestMetricDefinition)
#include "tst_metricdefinition.moc"
