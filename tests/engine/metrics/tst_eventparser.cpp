// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"

#include <QRandomGenerator>
#include <QtTest>

using orb::Event;
using orb::EventParser;
using orb::JsonParseError;
using orb::JsonReader;
using orb::PropertyValue;

namespace {

/// An event with the given properties object text (and otherwise fixed members).
QByteArray eventWith(const QByteArray &properties)
{
    return QByteArrayLiteral(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":)") + properties
           + '}';
}

const QByteArray kCanonicalPrefix = QByteArrayLiteral(R"({"customer_id":"c1","event_name":"api","idempotency_key":"k1","properties":)");
const QByteArray kCanonicalSuffix = QByteArrayLiteral(R"(,"timestamp":"2026-03-01T10:00:00.000Z"})");

} // namespace

class TestEventParser : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void timestamps_data();
    void timestamps();
    void propertyNumbers_data();
    void propertyNumbers();
    void sameEventSentAgain_data();
    void sameEventSentAgain();
    void jsonLineRoundTrip();
    void hostileInputNeverCrashes();
    void truncationsAreErrors();
};

void TestEventParser::accepts_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("flat properties, keys sorted") << eventWith(R"({"tokens":12,"region":"eu","cached":true,"note":null})")
                                                  << kCanonicalPrefix + R"({"cached":true,"note":null,"region":"eu","tokens":12})" + kCanonicalSuffix;
    QTest::newRow("exact big number kept as text") << eventWith(R"({"amount":12345678901234567890.123})")
                                                   << kCanonicalPrefix + R"({"amount":12345678901234567890.123})" + kCanonicalSuffix;
    QTest::newRow("literal text kept, 10.0 not 10") << eventWith(R"({"n":10.0,"e":1.5E2,"neg":-0})")
                                                    << kCanonicalPrefix + R"({"e":1.5E2,"n":10.0,"neg":-0})" + kCanonicalSuffix;
    QTest::newRow("empty properties") << eventWith("{}") << kCanonicalPrefix + "{}" + kCanonicalSuffix;
    QTest::newRow("properties absent") << QByteArrayLiteral(
        R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1"})")
                                       << kCanonicalPrefix + "{}" + kCanonicalSuffix;
    QTest::newRow("whitespace everywhere") << QByteArrayLiteral(" {\n\t\"event_name\" : \"api\" ,\r\n \"timestamp\":\"2026-03-01T10:00:00Z\", "
                                                                "\"idempotency_key\":\"k1\",\"customer_id\":\"c1\",\"properties\": { \"a\" : 1 } } \n")
                                           << kCanonicalPrefix + R"({"a":1})" + kCanonicalSuffix;
    QTest::newRow("escapes decoded and re-escaped minimally")
        << eventWith(R"({"s":"caf\u00e9 \"q\" \\ \/ \n\t \ud83d\ude00"})")
        << kCanonicalPrefix + "{\"s\":\"caf\xc3\xa9 \\\"q\\\" \\\\ / \\n\\t \xf0\x9f\x98\x80\"}" + kCanonicalSuffix;
    QTest::newRow("raw UTF-8 accepted") << eventWith("{\"city\":\"K\xc3\xb6ln\"}") << kCanonicalPrefix + "{\"city\":\"K\xc3\xb6ln\"}" + kCanonicalSuffix;
    QTest::newRow("control char escaped as \\u00XX") << eventWith(R"({"s":"\u0001"})") << kCanonicalPrefix + R"({"s":"\u0001"})" + kCanonicalSuffix;
    QTest::newRow("offset zone converted to UTC") << QByteArrayLiteral(
        R"({"event_name":"api","timestamp":"2026-03-01T11:30:00.250+01:30","idempotency_key":"k1","customer_id":"c1"})")
                                                  << kCanonicalPrefix + R"({},"timestamp":"2026-03-01T10:00:00.250Z"})";
    QTest::newRow("external customer, customer_id null")
        << QByteArrayLiteral(
               R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":null,"external_customer_id":"ext-9"})")
        << QByteArrayLiteral(
               R"({"event_name":"api","external_customer_id":"ext-9","idempotency_key":"k1","properties":{},"timestamp":"2026-03-01T10:00:00.000Z"})");
}

void TestEventParser::accepts()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    JsonParseError error;
    const std::optional<Event> event = EventParser::parse(input, &error);
    QVERIFY2(event.has_value(), qPrintable(error.toString()));
    QCOMPARE(event->canonicalJson(), canonical);
    // The canonical form is itself a valid event that parses back to the same event.
    const std::optional<Event> again = EventParser::parse(canonical, &error);
    QVERIFY2(again.has_value(), qPrintable(error.toString()));
    QCOMPARE(again->canonicalJson(), canonical);
    QVERIFY(*again == *event);
}

void TestEventParser::rejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");

    // Offsets are byte offsets; eventWith() puts the properties value at byte 110.
    QTest::newRow("nested object") << eventWith(R"({"tokens":{"in":1}})")
                                   << QStringLiteral("properties.tokens: nested objects are not allowed (at byte offset 120)");
    QTest::newRow("array") << eventWith(R"({"tags":["a"]})") << QStringLiteral("properties.tags: arrays are not allowed (at byte offset 118)");
    QTest::newRow("bad month") << QByteArrayLiteral(R"({"event_name":"api","timestamp":"2026-13-01T00:00:00Z","idempotency_key":"k","customer_id":"c"})")
                               << QStringLiteral("timestamp: \"2026-13-01T00:00:00Z\" is not an ISO 8601 timestamp with a zone (at byte offset 32)");
    QTest::newRow("date only") << QByteArrayLiteral(R"({"event_name":"api","timestamp":"2026-13-01","idempotency_key":"k","customer_id":"c"})")
                               << QStringLiteral("timestamp: \"2026-13-01\" is not an ISO 8601 timestamp with a zone (at byte offset 32)");
    QTest::newRow("no zone") << QByteArrayLiteral(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00","idempotency_key":"k","customer_id":"c"})")
                             << QStringLiteral("timestamp: \"2026-03-01T10:00:00\" is not an ISO 8601 timestamp with a zone (at byte offset 32)");
    QTest::newRow("timestamp as number") << QByteArrayLiteral(R"({"event_name":"api","timestamp":1767225600,"idempotency_key":"k","customer_id":"c"})")
                                         << QStringLiteral("timestamp: must be a string, not a number (at byte offset 32)");
    QTest::newRow("duplicate property") << eventWith(R"({"a":1,"a":2})") << QStringLiteral("properties: duplicate key \"a\" (at byte offset 117)");
    QTest::newRow("trailing garbage") << eventWith("{}") + "x" << QStringLiteral("unexpected 'x' after the end of the document (at byte offset 113)");
    QTest::newRow("trailing comma") << eventWith(R"({"a":1,})")
                                    << QStringLiteral("properties: unexpected '}', a member name in double quotes was expected (at byte offset 117)");
    QTest::newRow("both customers") << QByteArrayLiteral(
        R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","external_customer_id":"e"})")
                                    << QStringLiteral("external_customer_id: give only one of customer_id and external_customer_id (at byte offset 118)");
    QTest::newRow("no customer") << QByteArrayLiteral(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k"})")
                                 << QStringLiteral("customer_id: one of customer_id and external_customer_id is required (at byte offset 0)");
    QTest::newRow("no event name") << QByteArrayLiteral(R"({"timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c"})")
                                   << QStringLiteral("event_name: is required (at byte offset 0)");
    QTest::newRow("empty idempotency key") << QByteArrayLiteral(
        R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":" ","customer_id":"c"})")
                                           << QStringLiteral("idempotency_key: must not be empty (at byte offset 73)");
    QTest::newRow("unknown field") << QByteArrayLiteral(R"({"event":"api"})") << QStringLiteral("event: unknown field (at byte offset 9)");
    QTest::newRow("not an object") << QByteArrayLiteral("[1]") << QStringLiteral("an event must be a JSON object, not an array (at byte offset 0)");
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("unexpected end of input, a value was expected (at byte offset 0)");
    QTest::newRow("number too big for a decimal") << eventWith(R"({"n":123456789012345678901234567890123456789})")
                                                  << QStringLiteral("properties.n: cannot be represented exactly: \"123456789012345678901234567890123456789\" "
                                                                    "has more than 38 significant digits (at byte offset 115)");
    QTest::newRow("huge exponent") << eventWith(R"({"n":1e999999999})")
                                   << QStringLiteral(
                                          "properties.n: cannot be represented exactly: \"1e999999999\" has an exponent out of range (at byte offset 115)");
    QTest::newRow("leading zero") << eventWith(R"({"n":012})")
                                  << QStringLiteral("properties.n: leading zeros are not allowed in a number (at byte offset 116)");
    QTest::newRow("NaN") << eventWith(R"({"n":NaN})") << QStringLiteral("properties.n: unexpected 'N', a value was expected (at byte offset 115)");
    QTest::newRow("invalid UTF-8") << eventWith("{\"s\":\"a\xff\"}") << QStringLiteral("properties.s: invalid UTF-8 in a string (at byte offset 117)");
    QTest::newRow("overlong UTF-8") << eventWith("{\"s\":\"\xc0\xaf\"}") << QStringLiteral("properties.s: invalid UTF-8 in a string (at byte offset 116)");
    QTest::newRow("UTF-8 surrogate") << eventWith("{\"s\":\"\xed\xa0\x80\"}") << QStringLiteral("properties.s: invalid UTF-8 in a string (at byte offset 116)");
    QTest::newRow("lone high surrogate escape") << eventWith(
        R"({"s":"\ud83d"})") << QStringLiteral("properties.s: a high surrogate escape must be followed by a low surrogate escape (at byte offset 116)");
    QTest::newRow("lone low surrogate escape") << eventWith(R"({"s":"\ude00"})")
                                               << QStringLiteral("properties.s: a lone low surrogate escape is not allowed (at byte offset 116)");
    QTest::newRow("bad escape") << eventWith(R"({"s":"\x41"})") << QStringLiteral("properties.s: invalid escape \\x (at byte offset 116)");
    QTest::newRow("raw newline in string") << eventWith("{\"s\":\"a\nb\"}")
                                           << QStringLiteral("properties.s: control character byte 0x0a must be escaped in a string (at byte offset 117)");
    QTest::newRow("unterminated") << eventWith(R"({"s":"abc)") << QStringLiteral("properties.s: unterminated string (at byte offset 120)");
    QTest::newRow("single quotes") << QByteArrayLiteral("{'a':1}")
                                   << QStringLiteral("unexpected ''', a member name in double quotes was expected (at byte offset 1)");
    QTest::newRow("byte order mark") << QByteArrayLiteral("\xef\xbb\xbf{}") << QStringLiteral("a byte order mark is not allowed (at byte offset 0)");
}

void TestEventParser::rejects()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    JsonParseError error;
    QVERIFY(!EventParser::parse(input, &error).has_value());
    QCOMPARE(error.toString(), message);
}

void TestEventParser::timestamps_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("utc"); // empty: rejected
    QTest::newRow("Z") << "2026-03-01T10:00:00Z"
                       << "2026-03-01T10:00:00.000Z";
    QTest::newRow("lowercase t and z") << "2026-03-01t10:00:00z"
                                       << "2026-03-01T10:00:00.000Z";
    QTest::newRow("space separator") << "2026-03-01 10:00:00Z"
                                     << "2026-03-01T10:00:00.000Z";
    QTest::newRow("millis") << "2026-03-01T10:00:00.123Z"
                            << "2026-03-01T10:00:00.123Z";
    QTest::newRow("one fraction digit") << "2026-03-01T10:00:00.5Z"
                                        << "2026-03-01T10:00:00.500Z";
    QTest::newRow("micros truncated") << "2026-03-01T10:00:00.123999Z"
                                      << "2026-03-01T10:00:00.123Z";
    QTest::newRow("negative offset crosses midnight") << "2026-02-28T23:00:00-05:00"
                                                      << "2026-03-01T04:00:00.000Z";
    QTest::newRow("offset without colon") << "2026-03-01T10:00:00+0100"
                                          << "2026-03-01T09:00:00.000Z";
    QTest::newRow("leap day") << "2028-02-29T00:00:00Z"
                              << "2028-02-29T00:00:00.000Z";
    QTest::newRow("not a leap day") << "2026-02-29T00:00:00Z"
                                    << "";
    QTest::newRow("month 13") << "2026-13-01T00:00:00Z"
                              << "";
    QTest::newRow("hour 24") << "2026-03-01T24:00:00Z"
                             << "";
    QTest::newRow("leap second") << "2026-06-30T23:59:60Z"
                                 << "";
    QTest::newRow("no zone") << "2026-03-01T10:00:00"
                             << "";
    QTest::newRow("no seconds") << "2026-03-01T10:00Z"
                                << "";
    QTest::newRow("empty fraction") << "2026-03-01T10:00:00.Z"
                                    << "";
    QTest::newRow("offset hour 24") << "2026-03-01T10:00:00+24:00"
                                    << "";
    QTest::newRow("trailing text") << "2026-03-01T10:00:00Zjunk"
                                   << "";
    QTest::newRow("slashes") << "2026/03/01T10:00:00Z"
                             << "";
    QTest::newRow("unix seconds") << "1767225600"
                                  << "";
}

void TestEventParser::timestamps()
{
    QFETCH(QString, input);
    QFETCH(QString, utc);
    const std::optional<QDateTime> ts = EventParser::parseTimestamp(input);
    if (utc.isEmpty()) {
        QVERIFY2(!ts.has_value(), qPrintable(ts ? ts->toString(Qt::ISODateWithMs) : QString()));
        return;
    }
    QVERIFY(ts.has_value());
    QCOMPARE(ts->timeSpec(), Qt::UTC);
    QCOMPARE(ts->toString(Qt::ISODateWithMs), utc);
}

void TestEventParser::propertyNumbers_data()
{
    QTest::addColumn<QByteArray>("json"); // the property's JSON value
    QTest::addColumn<QString>("decimal"); // asDecimal(), empty: none
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << QByteArray("42") << "42"
                             << "42";
    QTest::newRow("fraction") << QByteArray("0.1") << "0.1"
                              << "0.1";
    QTest::newRow("38 digits") << QByteArray("12345678901234567890.123") << "12345678901234567890.123"
                               << "12345678901234567890.123";
    QTest::newRow("exponent") << QByteArray("1.5E2") << "150"
                              << "1.5E2";
    QTest::newRow("negative exponent") << QByteArray("-25e-3") << "-0.025"
                                       << "-25e-3";
    QTest::newRow("numeric string") << QByteArray("\"12.5\"") << "12.5"
                                    << "12.5";
    QTest::newRow("negative numeric string") << QByteArray("\"-3\"") << "-3"
                                             << "-3";
    QTest::newRow("word") << QByteArray("\"abc\"") << ""
                          << "abc";
    QTest::newRow("numeric-looking word") << QByteArray("\"12abc\"") << ""
                                          << "12abc";
    QTest::newRow("exponent in a string is not a number") << QByteArray("\"1e3\"") << ""
                                                          << "1e3";
    QTest::newRow("boolean") << QByteArray("true") << ""
                             << "true";
    QTest::newRow("null") << QByteArray("null") << ""
                          << "";
}

void TestEventParser::propertyNumbers()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, decimal);
    QFETCH(QString, text);
    JsonParseError error;
    const std::optional<Event> event = EventParser::parse(eventWith("{\"v\":" + json + "}"), &error);
    QVERIFY2(event.has_value(), qPrintable(error.toString()));
    const PropertyValue *v = event->property(u"v");
    QVERIFY(v != nullptr);
    QCOMPARE(v->text(), text);
    QCOMPARE(v->asDecimal().has_value(), !decimal.isEmpty());
    if (!decimal.isEmpty())
        QCOMPARE(v->asDecimal()->toString(), decimal);
    QCOMPARE(event->property(u"missing"), nullptr);
}

void TestEventParser::sameEventSentAgain_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<bool>("same");
    const QByteArray base = R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x"}})";
    QTest::newRow("identical") << base << base << true;
    QTest::newRow("other member and property order, whitespace")
        << base
        << QByteArray(
               R"({ "properties": {"b":"x", "a":1}, "customer_id":"c1", "idempotency_key":"k1", "timestamp":"2026-03-01T10:00:00Z", "event_name":"api" })")
        << true;
    QTest::newRow("same instant in another zone")
        << base
        << QByteArray(R"({"event_name":"api","timestamp":"2026-03-01T11:00:00+01:00","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x"}})")
        << true;
    QTest::newRow("escaped the same string")
        << base
        << QByteArray(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"\u0078"}})")
        << true;
    QTest::newRow("1 vs 1.0 is another body")
        << base
        << QByteArray(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1.0,"b":"x"}})")
        << false;
    QTest::newRow("number vs string")
        << base
        << QByteArray(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":"1","b":"x"}})")
        << false;
    QTest::newRow("another millisecond")
        << base
        << QByteArray(R"({"event_name":"api","timestamp":"2026-03-01T10:00:00.001Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x"}})")
        << false;
    QTest::newRow("extra property")
        << base
        << QByteArray(
               R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x","c":null}})")
        << false;
}

void TestEventParser::sameEventSentAgain()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(bool, same);
    const std::optional<Event> a = EventParser::parse(first);
    const std::optional<Event> b = EventParser::parse(second);
    QVERIFY(a && b);
    QCOMPARE(a->canonicalJson() == b->canonicalJson(), same);
    QCOMPARE(a->fingerprint() == b->fingerprint(), same);
    QCOMPARE(a->fingerprint().size(), 32);
}

void TestEventParser::jsonLineRoundTrip()
{
    const std::optional<Event> event = EventParser::parse(eventWith(R"({"amount":"0.10","n":7,"ok":false})"));
    QVERIFY(event.has_value());
    const QByteArray line = event->toJsonLine();
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    const std::optional<Event> back = EventParser::parse(line);
    QVERIFY(back.has_value());
    QCOMPARE(back->canonicalJson(), event->canonicalJson());
    QCOMPARE(back->property(u"amount")->asDecimal()->toString(), QStringLiteral("0.10"));
}

void TestEventParser::hostileInputNeverCrashes()
{
    JsonParseError error;
    // 100 000 nested arrays: bounded by the depth limit, not by the stack.
    QVERIFY(!JsonReader::parse(QByteArray(100000, '['), &error).has_value());
    QCOMPARE(error.message, QStringLiteral("nesting deeper than 64 levels"));
    QCOMPARE(error.offset, 64);
    // Exactly the limit is fine.
    QVERIFY(JsonReader::parse(QByteArray(QByteArray(64, '[') + QByteArray(64, ']'))).has_value());
    // A 100 000-digit number in a property is an error, not a hang.
    QVERIFY(!EventParser::parse(eventWith("{\"n\":" + QByteArray(100000, '9') + "}"), &error).has_value());
    QCOMPARE(error.path, QStringLiteral("properties.n"));
    // Many members: duplicate detection stays fast and exact.
    QByteArray many = "{";
    for (int i = 0; i < 20000; ++i)
        many += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    many += "\"k19999\":0}";
    QVERIFY(!JsonReader::parse(many, &error).has_value());
    QCOMPARE(error.message, QStringLiteral("duplicate key \"k19999\""));
    // Random bytes: any result is fine as long as it returns.
    QRandomGenerator rng(20260301);
    for (int round = 0; round < 2000; ++round) {
        QByteArray junk(static_cast<qsizetype>(rng.bounded(64)), '\0');
        for (char &c : junk)
            c = static_cast<char>(rng.bounded(256));
        (void)EventParser::parse(junk, &error);
    }
}

void TestEventParser::truncationsAreErrors()
{
    const QByteArray full = eventWith(R"({"s":"caf\u00e9 \ud83d\ude00","n":-12.5e-1,"b":true,"z":null})");
    QVERIFY(EventParser::parse(full).has_value());
    // Every proper prefix is rejected with a message (and no prefix crashes).
    for (qsizetype len = 0; len < full.size(); ++len) {
        JsonParseError error;
        QVERIFY2(!EventParser::parse(full.left(len), &error).has_value(), full.left(len).constData());
        QVERIFY(!error.message.isEmpty());
        QVERIFY(error.offset >= 0 && error.offset <= len);
    }
}

QTEST_GUILESS_MAIN(TestEventParser)
#include "tst_eventparser.moc"
