// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/Aggregator.h"
#include "engine/metrics/BucketedAggregator.h"
#include "engine/metrics/EventParser.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <random>

using orb::Aggregation;
using orb::Aggregator;
using orb::Decimal;
using orb::Event;
using orb::EventParser;
using orb::MetricDefinition;
using orb::UsageQuantities;

namespace {

/// "2026-03-01T10:00:00Z {json properties}" → an event named `name`.
Event makeEvent(const QString &spec, const QString &name = QStringLiteral("api"))
{
    static int serial = 0;
    const qsizetype space = spec.indexOf(QLatin1Char(' '));
    const QString ts = space < 0 ? spec : spec.left(space);
    const QString props = space < 0 ? QStringLiteral("{}") : spec.mid(space + 1);
    const QString json = QStringLiteral(R"({"event_name":"%1","timestamp":"%2","idempotency_key":"k%3","customer_id":"c","properties":%4})")
                             .arg(name, ts, QString::number(++serial), props);
    orb::JsonParseError error;
    const std::optional<Event> e = EventParser::parse(json.toUtf8(), &error);
    if (!e)
        qFatal("bad test event %s: %s", qPrintable(json), qPrintable(error.toString()));
    return *e;
}

QList<Event> makeEvents(const QStringList &specs)
{
    QList<Event> events;
    for (const QString &s : specs)
        events << makeEvent(s);
    return events;
}

MetricDefinition makeMetric(const QString &aggregation, const QString &property = QString(), const QByteArray &filter = QByteArray(),
                            const QString &groupBy = QString())
{
    QByteArray json = R"({"name":"m","event_name":"api","aggregation":")" + aggregation.toUtf8() + '"';
    if (!property.isEmpty())
        json += R"(,"property":")" + property.toUtf8() + '"';
    if (!filter.isEmpty())
        json += R"(,"filters":)" + filter;
    if (!groupBy.isEmpty())
        json += R"(,"group_by":")" + groupBy.toUtf8() + '"';
    json += '}';
    orb::FieldErrors errors;
    const std::optional<MetricDefinition> m = MetricDefinition::fromJson(json, &errors);
    if (!m)
        qFatal("bad test metric %s: %s", json.constData(), qPrintable(orb::joinErrors(errors)));
    return *m;
}

QDateTime utc(const QString &iso)
{
    return *EventParser::parseTimestamp(iso);
}

QString joinValues(const QList<Decimal> &values)
{
    QStringList parts;
    for (const Decimal &d : values)
        parts << d.toString();
    return parts.join(QLatin1Char(','));
}

/// "eu=5;us=3": each group's values joined by '|', then its quantity.
QString joinGroups(const UsageQuantities &u)
{
    QStringList parts;
    for (const orb::UsageGroup &g : u.groups)
        parts << g.values.join(QLatin1Char('|')) + QLatin1Char('=') + g.quantity.toString();
    return parts.join(QLatin1Char(';'));
}

const QString kMarch = QStringLiteral("2026-03-01T00:00:00Z");
const QString kApril = QStringLiteral("2026-04-01T00:00:00Z");

} // namespace

class TestAggregator : public QObject
{
    Q_OBJECT

private slots:
    void aggregations_data();
    void aggregations();
    void windowBoundaries_data();
    void windowBoundaries();
    void grouping_data();
    void grouping();
    void metricGroupByIsTheDefault();
    void filtersApply();
    void weightedSumGroupsWithCarriedTotals();
    void orderDoesNotMatter();
    void latestTiesFollowFeedOrder();
    void bucketsByDay();
    void weightedSumCarriesAcrossBuckets();
};

void TestAggregator::aggregations_data()
{
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QString>("property");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("initial"); // weighted_sum carried-in running total, "" for none
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("eventValues");
    QTest::addColumn<int>("skipped");

    // count
    QTest::newRow("count: every matching event, property or not")
        << "count"
        << "" << kMarch << kApril << QStringList{"2026-03-02T00:00:00Z {\"v\":1}", "2026-03-01T00:00:00Z {}", "2026-03-03T00:00:00Z {\"v\":\"x\"}"} << ""
        << "3"
        << "1,1,1" << 0;
    QTest::newRow("count: no events") << "count"
                                      << "" << kMarch << kApril << QStringList{} << ""
                                      << "0"
                                      << "" << 0;
    // Lago docs, "Aggregation examples" (getlago.com/docs/guide/billable-metrics/aggregation-types/
    // aggregation-examples): pageviews 10 then 20 → COUNT 2, SUM 30, MAX 20, COUNT UNIQUE 1.
    const QStringList lagoPages = {"2026-03-16T00:00:00Z {\"tracked_user_id\":\"1234-5678-9098-7654\",\"pageviews\":10}",
                                   "2026-03-17T00:00:00Z {\"tracked_user_id\":\"1234-5678-9098-7654\",\"pageviews\":20}"};
    QTest::newRow("lago example: count") << "count"
                                         << "" << kMarch << kApril << lagoPages << ""
                                         << "2"
                                         << "1,1" << 0;
    QTest::newRow("lago example: sum") << "sum"
                                       << "pageviews" << kMarch << kApril << lagoPages << ""
                                       << "30"
                                       << "10,20" << 0;
    QTest::newRow("lago example: max") << "max"
                                       << "pageviews" << kMarch << kApril << lagoPages << ""
                                       << "20"
                                       << "10,20" << 0;
    QTest::newRow("lago example: unique_count") << "unique_count"
                                                << "tracked_user_id" << kMarch << kApril << lagoPages << ""
                                                << "1"
                                                << "1" << 0;

    // sum
    QTest::newRow("sum: 0.1 + 0.2 is 0.3 exactly") << "sum"
                                                   << "v" << kMarch << kApril
                                                   << QStringList{"2026-03-01T00:00:00Z {\"v\":0.1}", "2026-03-02T00:00:00Z {\"v\":0.2}"} << ""
                                                   << "0.3"
                                                   << "0.1,0.2" << 0;
    QTest::newRow("sum: 20-digit integer part survives")
        << "sum"
        << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {\"v\":12345678901234567890.123}", "2026-03-02T00:00:00Z {\"v\":\"0.877\"}"} << ""
        << "12345678901234567891.000"
        << "12345678901234567890.123,0.877" << 0;
    QTest::newRow("sum: numeric strings count; words, booleans, null and missing are skipped")
        << "sum"
        << "v" << kMarch << kApril
        << QStringList{"2026-03-01T00:00:00Z {\"v\":10}", "2026-03-02T00:00:00Z {\"v\":\"2.5\"}", "2026-03-03T00:00:00Z {\"v\":\"abc\"}",
                       "2026-03-04T00:00:00Z {}",         "2026-03-05T00:00:00Z {\"v\":null}",    "2026-03-06T00:00:00Z {\"v\":true}"}
        << ""
        << "12.5"
        << "10,2.5" << 4;
    QTest::newRow("sum: negative values and exponents")
        << "sum"
        << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {\"v\":-1.5e1}", "2026-03-02T00:00:00Z {\"v\":5}"} << ""
        << "-10"
        << "-15,5" << 0;
    QTest::newRow("sum: no events is 0") << "sum"
                                         << "v" << kMarch << kApril << QStringList{} << ""
                                         << "0"
                                         << "" << 0;

    // max / min
    QTest::newRow("max: negatives") << "max"
                                    << "v" << kMarch << kApril
                                    << QStringList{"2026-03-01T00:00:00Z {\"v\":-5}", "2026-03-02T00:00:00Z {\"v\":-2}", "2026-03-03T00:00:00Z {\"v\":-9}",
                                                   "2026-03-04T00:00:00Z {\"v\":\"n/a\"}"}
                                    << ""
                                    << "-2"
                                    << "-5,-2,-9" << 1;
    QTest::newRow("max: first of equal values keeps its scale")
        << "max"
        << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {\"v\":2.50}", "2026-03-02T00:00:00Z {\"v\":2.5}"} << ""
        << "2.50"
        << "2.50,2.5" << 0;
    QTest::newRow("max: nothing numeric is 0") << "max"
                                               << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {}"} << ""
                                               << "0"
                                               << "" << 1;
    QTest::newRow("min") << "min"
                         << "v" << kMarch << kApril
                         << QStringList{"2026-03-01T00:00:00Z {\"v\":3}", "2026-03-02T00:00:00Z {\"v\":1.5}", "2026-03-03T00:00:00Z {\"v\":2}"} << ""
                         << "1.5"
                         << "3,1.5,2" << 0;

    // average: 20 places, half-up, trailing zeros dropped
    QTest::newRow("average: exact") << "average"
                                    << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {\"v\":10}", "2026-03-02T00:00:00Z {\"v\":20}"} << ""
                                    << "15"
                                    << "10,20" << 0;
    QTest::newRow("average: 5/3 rounds half-up at 20 places")
        << "average"
        << "v" << kMarch << kApril << QStringList{"2026-03-01T00:00:00Z {\"v\":1}", "2026-03-02T00:00:00Z {\"v\":2}", "2026-03-03T00:00:00Z {\"v\":2}"} << ""
        << "1.66666666666666666667"
        << "1,2,2" << 0;
    QTest::newRow("average: skipped events are not in the denominator")
        << "average"
        << "v" << kMarch << kApril
        << QStringList{"2026-03-01T00:00:00Z {\"v\":0.1}", "2026-03-02T00:00:00Z {\"v\":\"none\"}", "2026-03-03T00:00:00Z {\"v\":0.2}"} << ""
        << "0.15"
        << "0.1,0.2" << 1;
    QTest::newRow("average: no events is 0") << "average"
                                             << "v" << kMarch << kApril << QStringList{} << ""
                                             << "0"
                                             << "" << 0;

    // unique_count: distinct by text; missing and null are skipped
    QTest::newRow("unique_count: lago docs, id_1 twice is 1")
        << "unique_count"
        << "request_id" << kMarch << kApril << QStringList{"2026-03-16T00:00:00Z {\"request_id\":\"id_1\"}", "2026-03-17T00:00:00Z {\"request_id\":\"id_1\"}"}
        << ""
        << "1"
        << "1" << 0;
    QTest::newRow("unique_count: by text, 1 and \"1\" are one value, 1.0 another")
        << "unique_count"
        << "u" << kMarch << kApril
        << QStringList{"2026-03-01T00:00:00Z {\"u\":1}",        "2026-03-02T00:00:00Z {\"u\":\"1\"}", "2026-03-03T00:00:00Z {\"u\":1.0}",
                       "2026-03-04T00:00:00Z {\"u\":true}",     "2026-03-05T00:00:00Z {\"u\":null}",  "2026-03-06T00:00:00Z {}",
                       "2026-03-07T00:00:00Z {\"u\":\"true\"}", "2026-03-08T00:00:00Z {\"u\":\"\"}"}
        << ""
        << "4"
        << "1,1,1,1" << 2;

    // latest
    // Lago docs, LATEST (getlago.com/docs/guide/billable-metrics/aggregation-types/latest):
    // total_requests 20 on the 16th, 10 on the 17th → 10.
    QTest::newRow("latest: lago docs example") << "latest"
                                               << "total_requests" << kMarch << kApril
                                               << QStringList{"2026-03-16T00:00:00Z {\"total_requests\":20}", "2026-03-17T00:00:00Z {\"total_requests\":10}"}
                                               << ""
                                               << "10"
                                               << "20,10" << 0;
    QTest::newRow("latest: by timestamp, not by feed order")
        << "latest"
        << "v" << kMarch << kApril << QStringList{"2026-03-20T00:00:00Z {\"v\":7}", "2026-03-10T00:00:00Z {\"v\":3}"} << ""
        << "7"
        << "3,7" << 0;
    QTest::newRow("latest: a later non-numeric value is skipped")
        << "latest"
        << "v" << kMarch << kApril << QStringList{"2026-03-10T00:00:00Z {\"v\":3}", "2026-03-20T00:00:00Z {\"v\":\"oops\"}"} << ""
        << "3"
        << "3" << 1;
    QTest::newRow("latest: none is 0") << "latest"
                                       << "v" << kMarch << kApril << QStringList{} << ""
                                       << "0"
                                       << "" << 0;

    // weighted_sum. Lago docs, WEIGHTED SUM (getlago.com/docs/guide/billable-metrics/
    // aggregation-types/weighted-sum): in a 31-day month (2,678,400 s), gb 20 on the 16th and
    // +10 on the 17th: 20 × 86,400 s + 30 × 1,296,000 s over 2,678,400 s = 15.16129032258...
    QTest::newRow("weighted_sum: lago docs example") << "weighted_sum"
                                                     << "gb"
                                                     << "2022-03-01T00:00:00Z"
                                                     << "2022-04-01T00:00:00Z"
                                                     << QStringList{"2022-03-16T00:00:00Z {\"gb\":20}", "2022-03-17T00:00:00Z {\"gb\":10}"} << ""
                                                     << "15.1612903225806451613"
                                                     << "20,10" << 0; // ceil(20) gives ...6130; trailing zero dropped
    // lago-api spec/services/billable_metrics/aggregations/weighted_sum_service_spec.rb,
    // "aggregates the events": August 2023, deltas 2, 3, 1, -4, -2, 10, -10 → 0.02218 (5 places).
    const QStringList lagoSpec = {"2023-08-01T00:00:00Z {\"value\":2}",  "2023-08-01T01:00:00Z {\"value\":3}",  "2023-08-01T01:30:00Z {\"value\":1}",
                                  "2023-08-01T02:00:00Z {\"value\":-4}", "2023-08-01T04:00:00Z {\"value\":-2}", "2023-08-01T05:00:00Z {\"value\":10}",
                                  "2023-08-01T05:30:00Z {\"value\":-10}"};
    QTest::newRow("weighted_sum: lago spec, seven deltas") << "weighted_sum"
                                                           << "value"
                                                           << "2023-08-01T00:00:00Z"
                                                           << "2023-09-01T00:00:00Z" << lagoSpec << ""
                                                           << "0.02217741935483870968"
                                                           << "2,3,1,-4,-2,10,-10" << 0;
    // Same spec, "when billable metric is recurring" with a cached value of 1000 → 1000.02218.
    QTest::newRow("weighted_sum: lago spec with a carried-in running total") << "weighted_sum"
                                                                             << "value"
                                                                             << "2023-08-01T00:00:00Z"
                                                                             << "2023-09-01T00:00:00Z" << lagoSpec << "1000"
                                                                             << "1000.02217741935483870968"
                                                                             << "2,3,1,-4,-2,10,-10" << 0;
    QTest::newRow("weighted_sum: lago spec, same timestamp twice is 6")
        << "weighted_sum"
        << "value"
        << "2023-08-01T00:00:00Z"
        << "2023-09-01T00:00:00Z" << QStringList{"2023-08-01T00:00:00Z {\"value\":3}", "2023-08-01T00:00:00Z {\"value\":3}"} << ""
        << "6"
        << "3,3" << 0;
    QTest::newRow("weighted_sum: lago spec, a single event at the start")
        << "weighted_sum"
        << "value"
        << "2023-08-01T00:00:00Z"
        << "2023-09-01T00:00:00Z" << QStringList{"2023-08-01T00:00:00Z {\"value\":1000}"} << ""
        << "1000"
        << "1000" << 0;
    QTest::newRow("weighted_sum: only a carried-in total") << "weighted_sum"
                                                           << "value"
                                                           << "2023-08-01T00:00:00Z"
                                                           << "2023-09-01T00:00:00Z" << QStringList{} << "10"
                                                           << "10"
                                                           << "" << 0;
    QTest::newRow("weighted_sum: no events") << "weighted_sum"
                                             << "value" << kMarch << kApril << QStringList{} << ""
                                             << "0"
                                             << "" << 0;
    QTest::newRow("weighted_sum: half a day, milliseconds count")
        << "weighted_sum"
        << "v"
        << "2026-03-01T00:00:00Z"
        << "2026-03-02T00:00:00Z" << QStringList{"2026-03-01T12:00:00.000Z {\"v\":3}", "2026-03-01T18:00:00.000Z {\"v\":\"-3\"}"} << ""
        << "0.75"
        << "3,-3" << 0;
    QTest::newRow("weighted_sum: rounds up at 20 places") << "weighted_sum"
                                                          << "v"
                                                          << "2026-03-01T00:00:00Z"
                                                          << "2026-03-01T00:00:03Z" << QStringList{"2026-03-01T00:00:02Z {\"v\":1}"} << ""
                                                          << "0.33333333333333333334"
                                                          << "1" << 0;
}

void TestAggregator::aggregations()
{
    QFETCH(QString, aggregation);
    QFETCH(QString, property);
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QStringList, events);
    QFETCH(QString, initial);
    QFETCH(QString, total);
    QFETCH(QString, eventValues);
    QFETCH(int, skipped);

    const MetricDefinition metric = makeMetric(aggregation, property);
    std::optional<Decimal> carried;
    if (!initial.isEmpty())
        carried = Decimal::parse(initial);
    const QList<Event> list = makeEvents(events);

    const UsageQuantities u = orb::aggregate(metric, list, utc(start), utc(end), {}, true, carried);
    QCOMPARE(u.total.toString(), total);
    QVERIFY(u.hasEventValues);
    QCOMPARE(joinValues(u.eventValues), eventValues);
    QVERIFY(u.groups.isEmpty());
    QVERIFY(u.groupKeys.isEmpty());

    Aggregator streaming(metric, utc(start), utc(end));
    streaming.setInitialRunningTotal(carried);
    for (const Event &e : list)
        QVERIFY(streaming.add(e));
    QCOMPARE(streaming.matchedEvents(), qint64(list.size()));
    QCOMPARE(streaming.skippedEvents(), qint64(skipped));
    const UsageQuantities s = streaming.finish();
    QCOMPARE(s.total.toString(), total);
    QVERIFY(!s.hasEventValues);
    QVERIFY(s.eventValues.isEmpty());
}

void TestAggregator::windowBoundaries_data()
{
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<QString>("eventName");
    QTest::addColumn<bool>("counted");
    QTest::newRow("exactly at start") << "2026-03-01T00:00:00.000Z"
                                      << "api" << true;
    QTest::newRow("1 ms before start") << "2026-02-28T23:59:59.999Z"
                                       << "api" << false;
    QTest::newRow("1 ms before end") << "2026-03-31T23:59:59.999Z"
                                     << "api" << true;
    QTest::newRow("exactly at end") << "2026-04-01T00:00:00.000Z"
                                    << "api" << false;
    QTest::newRow("at end, written in another zone") << "2026-04-01T02:00:00+02:00"
                                                     << "api" << false;
    QTest::newRow("inside, written in another zone") << "2026-04-01T01:59:59.999+02:00"
                                                     << "api" << true;
    QTest::newRow("another event name") << "2026-03-15T00:00:00Z"
                                        << "api_v2" << false;
    QTest::newRow("event name is case-sensitive") << "2026-03-15T00:00:00Z"
                                                  << "API" << false;
}

void TestAggregator::windowBoundaries()
{
    QFETCH(QString, timestamp);
    QFETCH(QString, eventName);
    QFETCH(bool, counted);
    Aggregator a(makeMetric(QStringLiteral("sum"), QStringLiteral("v")), utc(kMarch), utc(kApril));
    QCOMPARE(a.add(makeEvent(timestamp + QStringLiteral(" {\"v\":7}"), eventName)), counted);
    QCOMPARE(a.finish().total.toString(), counted ? QStringLiteral("7") : QStringLiteral("0"));
    QCOMPARE(a.matchedEvents(), qint64(counted ? 1 : 0));
}

void TestAggregator::grouping_data()
{
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QString>("property");
    QTest::addColumn<QStringList>("groupKeys");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("groups");

    // Shared events: region/tier vary, one event lacks a region.
    QTest::newRow("count by region") << "count"
                                     << "" << QStringList{"region"} << "6"
                                     << "=1;eu=3;us=2";
    QTest::newRow("sum by region") << "sum"
                                   << "v" << QStringList{"region"} << "21"
                                   << "=6;eu=8;us=7";
    QTest::newRow("max by region, a max per group") << "max"
                                                    << "v" << QStringList{"region"} << "6"
                                                    << "=6;eu=4;us=5";
    QTest::newRow("min by region") << "min"
                                   << "v" << QStringList{"region"} << "1"
                                   << "=6;eu=1;us=2";
    QTest::newRow("average by region") << "average"
                                       << "v" << QStringList{"region"} << "3.5"
                                       << "=6;eu=2.66666666666666666667;us=3.5";
    QTest::newRow("unique users by region") << "unique_count"
                                            << "user" << QStringList{"region"} << "3"
                                            << "=1;eu=2;us=1";
    QTest::newRow("latest by region") << "latest"
                                      << "v" << QStringList{"region"} << "6"
                                      << "=6;eu=4;us=5";
    QTest::newRow("sum by region and tier") << "sum"
                                            << "v" << QStringList{"region", "tier"} << "21"
                                            << "|gold=6;eu|=3;eu|gold=5;us|free=7";
    QTest::newRow("sum by a property nobody has") << "sum"
                                                  << "v" << QStringList{"colour"} << "21"
                                                  << "=21";
}

void TestAggregator::grouping()
{
    QFETCH(QString, aggregation);
    QFETCH(QString, property);
    QFETCH(QStringList, groupKeys);
    QFETCH(QString, total);
    QFETCH(QString, groups);
    const QList<Event> events = makeEvents({
        "2026-03-01T00:00:00Z {\"region\":\"eu\",\"tier\":\"gold\",\"v\":1,\"user\":\"a\"}",
        "2026-03-02T00:00:00Z {\"region\":\"us\",\"tier\":\"free\",\"v\":2,\"user\":\"a\"}",
        "2026-03-03T00:00:00Z {\"region\":\"eu\",\"v\":3,\"user\":\"b\"}",
        "2026-03-04T00:00:00Z {\"region\":\"eu\",\"tier\":\"gold\",\"v\":4,\"user\":\"a\"}",
        "2026-03-05T00:00:00Z {\"region\":\"us\",\"tier\":\"free\",\"v\":5,\"user\":\"a\"}",
        "2026-03-06T00:00:00Z {\"tier\":\"gold\",\"v\":6,\"user\":\"c\"}",
    });
    const UsageQuantities u = orb::aggregate(makeMetric(aggregation, property), events, utc(kMarch), utc(kApril), groupKeys);
    QCOMPARE(u.total.toString(), total);
    QCOMPARE(u.groupKeys, groupKeys);
    QCOMPARE(joinGroups(u), groups);
}

void TestAggregator::metricGroupByIsTheDefault()
{
    const QList<Event> events =
        makeEvents({"2026-03-01T00:00:00Z {\"region\":\"eu\",\"model\":\"s\"}", "2026-03-02T00:00:00Z {\"region\":\"us\",\"model\":\"s\"}",
                    "2026-03-03T00:00:00Z {\"region\":\"eu\",\"model\":\"l\"}"});
    const MetricDefinition metric = makeMetric(QStringLiteral("count"), QString(), QByteArray(), QStringLiteral("region"));
    const UsageQuantities byMetric = orb::aggregate(metric, events, utc(kMarch), utc(kApril));
    QCOMPARE(byMetric.groupKeys, QStringList{QStringLiteral("region")});
    QCOMPARE(joinGroups(byMetric), QStringLiteral("eu=2;us=1"));
    // A price that names its own keys wins.
    const UsageQuantities byPrice = orb::aggregate(metric, events, utc(kMarch), utc(kApril), {QStringLiteral("model")});
    QCOMPARE(byPrice.groupKeys, QStringList{QStringLiteral("model")});
    QCOMPARE(joinGroups(byPrice), QStringLiteral("l=1;s=2"));
}

void TestAggregator::filtersApply()
{
    const QList<Event> events = makeEvents({"2026-03-01T00:00:00Z {\"region\":\"eu\",\"v\":1}", "2026-03-02T00:00:00Z {\"region\":\"us\",\"v\":2}",
                                            "2026-03-03T00:00:00Z {\"region\":\"apac\",\"v\":4}", "2026-03-04T00:00:00Z {\"v\":8}",
                                            "2026-03-05T00:00:00Z {\"region\":\"eu\",\"v\":16,\"beta\":true}"});
    const QByteArray filter = R"({"or":[{"property":"region","operator":"in","values":["eu","us"]},{"property":"region","operator":"not_exists"}]})";
    Aggregator a(makeMetric(QStringLiteral("sum"), QStringLiteral("v"), filter), utc(kMarch), utc(kApril), {}, true);
    for (const Event &e : events)
        a.add(e);
    QCOMPARE(a.matchedEvents(), qint64(4));
    QCOMPARE(a.finish().total.toString(), QStringLiteral("27"));
    QCOMPARE(joinValues(a.finish().eventValues), QStringLiteral("1,2,8,16"));

    const QByteArray nested = R"({"and":[{"property":"region","operator":"equals","value":"eu"},{"property":"beta","operator":"not_equals","value":true}]})";
    QCOMPARE(orb::aggregate(makeMetric(QStringLiteral("sum"), QStringLiteral("v"), nested), events, utc(kMarch), utc(kApril)).total.toString(),
             QStringLiteral("1"));
}

void TestAggregator::weightedSumGroupsWithCarriedTotals()
{
    const MetricDefinition metric = makeMetric(QStringLiteral("weighted_sum"), QStringLiteral("value"));
    const QDateTime start = utc(QStringLiteral("2023-08-01T00:00:00Z"));
    const QDateTime end = utc(QStringLiteral("2023-09-01T00:00:00Z"));
    // lago-api weighted_sum_service_spec.rb, "when using presentation_by": eu 2 then -1 two
    // hours later → 1.00269; us 3 from 01:00 → 2.99597 (5 places there, 20 here).
    const QList<Event> events = makeEvents({"2023-08-01T00:00:00Z {\"value\":2,\"region\":\"eu\"}", "2023-08-01T01:00:00Z {\"value\":3,\"region\":\"us\"}",
                                            "2023-08-01T02:00:00Z {\"value\":-1,\"region\":\"eu\"}"});
    const UsageQuantities u = orb::aggregate(metric, events, start, end, {QStringLiteral("region")});
    QCOMPARE(joinGroups(u), QStringLiteral("eu=1.00268817204301075269;us=2.99596774193548387097"));

    // Same spec, "with events attached to a previous subscription": the group without a
    // region carries 10 in, eu gets 2 and +3 → "" stays 10, eu 4.99597.
    Aggregator a(metric, start, end, {QStringLiteral("region")});
    a.add(makeEvent(QStringLiteral("2023-08-01T00:00:00Z {\"value\":2,\"region\":\"eu\"}")));
    a.add(makeEvent(QStringLiteral("2023-08-01T01:00:00Z {\"value\":3,\"region\":\"eu\"}")));
    a.setInitialGroupRunningTotals({{QStringList{QString()}, Decimal(10)}});
    a.setInitialRunningTotal(Decimal(10));
    const UsageQuantities carried = a.finish();
    QCOMPARE(joinGroups(carried), QStringLiteral("=10;eu=4.99596774193548387097"));
    QCOMPARE(carried.total.toString(), QStringLiteral("14.99596774193548387097"));
    QCOMPARE(a.closingRunningTotal(Decimal(10)).toString(), QStringLiteral("15"));
}

void TestAggregator::orderDoesNotMatter()
{
    // Streaming callers may read rows in any order; every aggregation but latest's tie rule
    // must give the same answer. Random events, fed forwards and shuffled.
    QRandomGenerator rng(42);
    QList<Event> events;
    const QStringList regions = {QStringLiteral("eu"), QStringLiteral("us"), QStringLiteral("apac")};
    for (int i = 0; i < 3000; ++i) {
        const QDateTime ts = utc(kMarch).addMSecs(static_cast<qint64>(rng.bounded(31 * 86400)) * 1000 + i % 1000);
        const QString props = QStringLiteral("{\"region\":\"%1\",\"v\":%2.%3,\"user\":\"u%4\"}")
                                  .arg(regions[static_cast<int>(rng.bounded(3))])
                                  .arg(static_cast<int>(rng.bounded(2000)) - 1000)
                                  .arg(static_cast<int>(rng.bounded(100)), 2, 10, QLatin1Char('0'))
                                  .arg(rng.bounded(500));
        events << makeEvent(ts.toString(Qt::ISODateWithMs) + QLatin1Char(' ') + props);
    }
    QList<Event> shuffled = events;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
    for (const QString &agg : {QStringLiteral("count"), QStringLiteral("sum"), QStringLiteral("max"), QStringLiteral("min"), QStringLiteral("average"),
                               QStringLiteral("unique_count"), QStringLiteral("weighted_sum")}) {
        const QString prop = agg == u"count" ? QString() : (agg == u"unique_count" ? QStringLiteral("user") : QStringLiteral("v"));
        const MetricDefinition m = makeMetric(agg, prop);
        const UsageQuantities a = orb::aggregate(m, events, utc(kMarch), utc(kApril), {QStringLiteral("region")}, true);
        const UsageQuantities b = orb::aggregate(m, shuffled, utc(kMarch), utc(kApril), {QStringLiteral("region")}, true);
        QCOMPARE(b.total.toString(), a.total.toString());
        QCOMPARE(joinGroups(b), joinGroups(a));
        QCOMPARE(joinValues(b.eventValues), joinValues(a.eventValues));
        QCOMPARE(a.groups.size(), 3);
        // The groups add up to the total for the additive aggregations.
        if (agg == u"count" || agg == u"sum") {
            Decimal sum;
            for (const orb::UsageGroup &g : a.groups)
                sum += g.quantity;
            QCOMPARE(sum.toString(), a.total.toString());
        }
    }
}

void TestAggregator::latestTiesFollowFeedOrder()
{
    const MetricDefinition m = makeMetric(QStringLiteral("latest"), QStringLiteral("v"));
    const QList<Event> events = makeEvents({"2026-03-10T00:00:00Z {\"v\":1}", "2026-03-10T00:00:00Z {\"v\":2}", "2026-03-09T00:00:00Z {\"v\":3}"});
    const UsageQuantities u = orb::aggregate(m, events, utc(kMarch), utc(kApril), {}, true);
    QCOMPARE(u.total.toString(), QStringLiteral("2"));
    QCOMPARE(joinValues(u.eventValues), QStringLiteral("3,1,2"));
    QList<Event> swapped = {events[1], events[0], events[2]};
    QCOMPARE(orb::aggregate(m, swapped, utc(kMarch), utc(kApril)).total.toString(), QStringLiteral("1"));
}

void TestAggregator::bucketsByDay()
{
    const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    // 29 March 2026 is the spring-forward day in Berlin (23 hours).
    const QList<orb::TimeBucket> buckets =
        orb::TimeBuckets::split(utc(QStringLiteral("2026-03-27T23:00:00Z")), utc(QStringLiteral("2026-03-30T22:00:00Z")), orb::BucketSize::Day, berlin);
    QCOMPARE(buckets.size(), 3);
    orb::BucketedAggregator a(makeMetric(QStringLiteral("sum"), QStringLiteral("v")), buckets, {QStringLiteral("region")});
    // 2026-03-29T22:30Z is 00:30 on the 30th in Berlin (UTC+2 by then): the third bucket.
    for (const QString &spec :
         {QStringLiteral("2026-03-27T23:00:00Z {\"v\":1,\"region\":\"eu\"}"), QStringLiteral("2026-03-28T22:59:59.999Z {\"v\":2,\"region\":\"us\"}"),
          QStringLiteral("2026-03-28T23:00:00Z {\"v\":4,\"region\":\"eu\"}"), QStringLiteral("2026-03-29T21:59:59Z {\"v\":8,\"region\":\"eu\"}"),
          QStringLiteral("2026-03-29T22:30:00Z {\"v\":16,\"region\":\"eu\"}"), QStringLiteral("2026-03-30T22:00:00Z {\"v\":32,\"region\":\"eu\"}")})
        a.add(makeEvent(spec));
    const QList<orb::BucketUsage> usage = a.finish();
    QCOMPARE(usage.size(), 3);
    QCOMPARE(usage[0].bucket.label, QDate(2026, 3, 28));
    QCOMPARE(usage[0].usage.total.toString(), QStringLiteral("3"));
    QCOMPARE(joinGroups(usage[0].usage), QStringLiteral("eu=1;us=2"));
    QCOMPARE(usage[1].bucket.label, QDate(2026, 3, 29));
    QCOMPARE(usage[1].usage.total.toString(), QStringLiteral("12"));
    QCOMPARE(usage[2].bucket.label, QDate(2026, 3, 30));
    QCOMPARE(usage[2].usage.total.toString(), QStringLiteral("16")); // 32 is at the exclusive end
}

void TestAggregator::weightedSumCarriesAcrossBuckets()
{
    const QList<orb::TimeBucket> buckets = orb::TimeBuckets::split(utc(QStringLiteral("2026-03-01T00:00:00Z")), utc(QStringLiteral("2026-03-04T00:00:00Z")),
                                                                   orb::BucketSize::Day, QTimeZone(QByteArrayLiteral("UTC")));
    QCOMPARE(buckets.size(), 3);
    orb::BucketedAggregator a(makeMetric(QStringLiteral("weighted_sum"), QStringLiteral("gb")), buckets, {QStringLiteral("disk")}, false, Decimal(1));
    a.add(makeEvent(QStringLiteral("2026-03-01T12:00:00Z {\"gb\":4,\"disk\":\"a\"}")));
    a.add(makeEvent(QStringLiteral("2026-03-03T18:00:00Z {\"gb\":-4,\"disk\":\"a\"}")));
    const QList<orb::BucketUsage> usage = a.finish();
    // Day 1: 1 all day plus 4 for half of it = 3; day 2: 5; day 3: 5 for 18 h, 1 for 6 h = 4.
    QCOMPARE(usage[0].usage.total.toString(), QStringLiteral("3"));
    QCOMPARE(usage[1].usage.total.toString(), QStringLiteral("5"));
    QCOMPARE(usage[2].usage.total.toString(), QStringLiteral("4"));
    // Disk "a" has no event on day 2 but still holds 4 GB.
    QCOMPARE(joinGroups(usage[0].usage), QStringLiteral("a=2"));
    QCOMPARE(joinGroups(usage[1].usage), QStringLiteral("a=4"));
    QCOMPARE(joinGroups(usage[2].usage), QStringLiteral("a=3"));
}

QTEST_GUILESS_MAIN(TestAggregator)
#include "tst_aggregator.moc"
