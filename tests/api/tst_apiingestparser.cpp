// SPDX-License-Identifier: GPL-3.0-or-later
// The API's ingestion body parser: which bodies the per-event path takes, and that for those
// it reads exactly what the full JSON reader reads (the fuzz target fuzz_api_ingest checks the
// same on random input).
#include "app/api/ApiIngest.h"
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"

#include <QTest>

using namespace orb;
using namespace orb::api;

class TestApiIngestParser : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
};

void TestApiIngestParser::split_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("events"); ///< -1: not taken (the full reader names the problem)
    QTest::addColumn<int>("accepted");
    const QByteArray e1 = R"({"event_name":"job","timestamp":"2026-03-20T11:00:00Z","idempotency_key":"a","customer_id":"c","properties":{"n":1}})";
    const QByteArray e2 =
        R"({"event_name":"job","timestamp":"2026-03-20T11:00:00Z","idempotency_key":"b}{\"","customer_id":"c","properties":{"s":"]},{","x":2.50}})";
    QTest::newRow("empty list") << QByteArray(R"({"events":[]})") << 0 << 0;
    QTest::newRow("spaces everywhere") << QByteArray(" {\n \"events\" : [ " + e1 + " ] } \n") << 1 << 1;
    QTest::newRow("braces and quotes inside strings") << QByteArray(R"({"events":[)" + e1 + "," + e2 + "]}") << 2 << 2;
    QTest::newRow("nested properties: parsed, rejected") << QByteArray(
        R"({"events":[{"event_name":"j","timestamp":"2026-03-20T11:00:00Z","idempotency_key":"n","customer_id":"c","properties":{"o":{"p":1}}}]})")
                                                         << 1 << 0;
    QTest::newRow("missing timestamp: rejected") << QByteArray(R"({"events":[{"event_name":"j","idempotency_key":"m","customer_id":"c","properties":{}}]})")
                                                 << 1 << 0;
    QTest::newRow("element not an object") << QByteArray(R"({"events":[1]})") << -1 << 0;
    QTest::newRow("another member") << QByteArray(R"({"events":[], "debug": true})") << -1 << 0;
    QTest::newRow("events twice") << QByteArray(R"({"events":[],"events":[]})") << -1 << 0;
    QTest::newRow("trailing garbage") << QByteArray(R"({"events":[]}x)") << -1 << 0;
    QTest::newRow("truncated") << QByteArray(R"({"events":[)" + e1) << -1 << 0;
    QTest::newRow("unterminated string") << QByteArray(R"({"events":[{"a":"}]})") << -1 << 0;
    QTest::newRow("trailing comma") << QByteArray(R"({"events":[)" + e1 + ",]}") << -1 << 0;
    QTest::newRow("not an object") << QByteArray("[]") << -1 << 0;
    QTest::newRow("empty body") << QByteArray() << -1 << 0;
}

void TestApiIngestParser::split()
{
    QFETCH(QByteArray, body);
    QFETCH(int, events);
    QFETCH(int, accepted);
    const auto slices = splitIngestBody(body);
    QCOMPARE(slices.has_value(), events >= 0);
    if (!slices)
        return;
    QCOMPARE(slices->size(), events);
    const auto root = JsonReader::parse(body);
    QVERIFY(root);
    const JsonValue *list = root->find(u"events");
    QVERIFY(list);
    QCOMPARE(list->size(), slices->size());
    int ok = 0;
    for (qsizetype i = 0; i < slices->size(); ++i) {
        const ParsedEvent fast = parseIngestEvent(slices->at(i));
        const auto reference = EventParser::fromJsonValue(list->at(i));
        QCOMPARE(fast.ok, reference.has_value());
        if (!fast.ok) {
            QVERIFY(!fast.error.isEmpty());
            continue;
        }
        ++ok;
        const UsageEventRow slow = UsageEventRow::fromEvent(*reference);
        QVERIFY(fast.row.sameBody(slow));
        QCOMPARE(fast.row.idempotencyKey, slow.idempotencyKey);
        QCOMPARE(fast.key, reference->idempotencyKey);
    }
    QCOMPARE(ok, accepted);
}

QTEST_GUILESS_MAIN(TestApiIngestParser)
#include "tst_apiingestparser.moc"
