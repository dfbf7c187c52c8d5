// SPDX-License-Identifier: GPL-3.0-or-later
// The API's ingestion body parser: which bodies the per-event path takes, that for those it
// reads exactly what the full JSON reader reads, and that the splitter refuses exactly the
// bodies the JSON reader refuses, on the fuzz corpus and on mutations of it (the fuzz target
// fuzz_api_ingest checks the same on random input).
#include "app/api/ApiIngest.h"
#include "engine/metrics/EventParser.h"
#include "engine/metrics/JsonReader.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace orb;
using namespace orb::api;

class TestApiIngestParser : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void sameAcceptanceAsReader_data();
    void sameAcceptanceAsReader();
    void mutationsOfCorpus();
};

namespace {

/// Checks one body against JsonReader; returns an empty string when they agree, else why not.
QString disagreement(const QByteArray &body)
{
    const IngestBodySplit split = splitIngestBody(body);
    JsonParseError error;
    const auto root = JsonReader::parse(body, &error);
    if (!root)
        return split.shape == IngestBodyShape::NotJson ? QString() : QStringLiteral("the reader refuses it (%1), the splitter does not").arg(error.toString());
    if (split.shape == IngestBodyShape::NotJson)
        return QStringLiteral("the reader accepts it, the splitter refuses it");
    const JsonValue *events = root->isObject() && root->size() == 1 ? root->find(u"events") : nullptr;
    bool shaped = events && events->isArray();
    for (qsizetype i = 0; shaped && i < events->size(); ++i)
        shaped = events->at(i).isObject();
    if (shaped != (split.shape == IngestBodyShape::Events))
        return QStringLiteral("shape: the reader sees %1, the splitter %2")
            .arg(shaped ? "events" : "another shape", split.shape == IngestBodyShape::Events ? "events" : "another shape");
    if (split.shape != IngestBodyShape::Events)
        return {};
    if (split.events.size() != events->size())
        return QStringLiteral("%1 events split, %2 read").arg(split.events.size()).arg(events->size());
    for (qsizetype i = 0; i < events->size(); ++i) {
        const QByteArrayView slice = split.events.at(i);
        if (slice.data() - body.constData() != events->at(i).offset())
            return QStringLiteral("event %1 starts at another offset").arg(i);
        const auto alone = JsonReader::parse(slice);
        if (!alone || !alone->isObject() || alone->size() != events->at(i).size())
            return QStringLiteral("event %1 is not the object the reader read").arg(i);
        // And the event read on its own (the import's fast parser first) is the reference's.
        const ParsedEvent fast = parseIngestEvent(slice);
        const auto reference = EventParser::fromJsonValue(events->at(i));
        if (fast.ok != reference.has_value())
            return QStringLiteral("event %1: the per-event parser and the reference disagree on accepting it").arg(i);
        if (fast.ok) {
            const UsageEventRow slow = UsageEventRow::fromEvent(*reference);
            if (!fast.row.sameBody(slow) || fast.row.idempotencyKey != slow.idempotencyKey || fast.row.keyHash != slow.keyHash)
                return QStringLiteral("event %1: the per-event parser and the reference build different rows").arg(i);
        }
    }
    return {};
}

QList<QByteArray> corpus()
{
    QList<QByteArray> out;
    const QDir dir(qEnvironmentVariable("ORB_SOURCE_DIR") + QStringLiteral("/tests/fuzz/corpus/fuzz_api_ingest"));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll();
    }
    return out;
}

} // namespace

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
    const IngestBodySplit split = splitIngestBody(body);
    QCOMPARE(split.shape == IngestBodyShape::Events, events >= 0);
    if (split.shape != IngestBodyShape::Events)
        return;
    const QList<QByteArrayView> *slices = &split.events;
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

void TestApiIngestParser::sameAcceptanceAsReader_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("shape"); ///< IngestBodyShape
    const auto ev = int(IngestBodyShape::Events);
    const auto other = int(IngestBodyShape::OtherJson);
    const auto bad = int(IngestBodyShape::NotJson);
    QTest::newRow("stray colon inside an event") << QByteArray(R"({"events":[{"a":1:2}]})") << bad;
    QTest::newRow("duplicate name in an event") << QByteArray(R"({"events":[{"a":1,"a":2}]})") << bad;
    QTest::newRow("duplicate name, one escaped") << QByteArray(R"({"events":[{"a":1,"\u0061":2}]})") << bad;
    QTest::newRow("duplicate name, both escaped differently") << QByteArray(R"({"events":[{"\u00e9":1,"\u00E9":2}]})") << bad;
    QTest::newRow("duplicate name, escape and UTF-8") << QByteArray("{\"events\":[{\"\xc3\xa9\":1,\"\\u00e9\":2}]}") << bad;
    QTest::newRow("same name in nested objects") << QByteArray(R"({"events":[{"a":{"a":{"a":1}},"b":{"a":2}}]})") << ev;
    QTest::newRow("duplicate after nested") << QByteArray(R"({"events":[{"a":{"b":1},"c":2,"a":3}]})") << bad;
    QTest::newRow("events twice") << QByteArray(R"({"events":[],"events":[]})") << bad;
    QTest::newRow("surrogate pair") << QByteArray(R"({"events":[{"s":"\ud83d\ude00"}]})") << ev;
    QTest::newRow("lone high surrogate") << QByteArray(R"({"events":[{"s":"\ud83d"}]})") << bad;
    QTest::newRow("lone low surrogate") << QByteArray(R"({"events":[{"s":"\ude00"}]})") << bad;
    QTest::newRow("high then not low") << QByteArray(R"({"events":[{"s":"\ud83d\u0041"}]})") << bad;
    QTest::newRow("short \\u") << QByteArray(R"({"events":[{"s":"\u12"}]})") << bad;
    QTest::newRow("bad escape") << QByteArray(R"({"events":[{"s":"\x"}]})") << bad;
    QTest::newRow("raw control character") << QByteArray("{\"events\":[{\"s\":\"a\tb\"}]}") << bad;
    QTest::newRow("overlong UTF-8") << QByteArray("{\"events\":[{\"s\":\"\xc0\xaf\"}]}") << bad;
    QTest::newRow("UTF-8 surrogate") << QByteArray("{\"events\":[{\"s\":\"\xed\xa0\x80\"}]}") << bad;
    QTest::newRow("above U+10FFFF") << QByteArray("{\"events\":[{\"s\":\"\xf4\x90\x80\x80\"}]}") << bad;
    QTest::newRow("truncated UTF-8") << QByteArray("{\"events\":[{\"s\":\"\xe2\x82\"}]}") << bad;
    QTest::newRow("4-byte UTF-8") << QByteArray("{\"events\":[{\"s\":\"\xf0\x9f\x98\x80\"}]}") << ev;
    QTest::newRow("leading zero") << QByteArray(R"({"events":[{"n":01}]})") << bad;
    QTest::newRow("bare minus") << QByteArray(R"({"events":[{"n":-}]})") << bad;
    QTest::newRow("no digit after point") << QByteArray(R"({"events":[{"n":1.}]})") << bad;
    QTest::newRow("no exponent digit") << QByteArray(R"({"events":[{"n":1e+}]})") << bad;
    QTest::newRow("numbers") << QByteArray(R"({"events":[{"a":-0,"b":0.5e-3,"c":12E4,"d":-1.25}]})") << ev;
    const QByteArray head = R"({"events":[{"event_name":"j","timestamp":"2026-03-20T11:00:00Z","idempotency_key":"k","customer_id":"c","properties":{"n":)";
    for (const char *n : {"1.25", "-0.5", "0.000", "1.50", "123456789012345678", "12345678901234567.8", "1234567890123456789", "0.1234567890123456789", "1e3",
                          "-0", "99999999999999999999999999999999999999.5"})
        QTest::newRow(qPrintable(QStringLiteral("property number %1").arg(QLatin1String(n)))) << QByteArray(head + n + "}}]}") << ev;
    QTest::newRow("literal cut") << QByteArray(R"({"events":[{"b":tru}]})") << bad;
    QTest::newRow("literal with tail") << QByteArray(R"({"events":[{"b":truex}]})") << bad;
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"events\":[]}") << bad;
    QTest::newRow("escaped events name") << QByteArray(R"({"\u0065vents":[{}]})") << ev;
    QTest::newRow("element not an object") << QByteArray(R"({"events":[{},1]})") << other;
    QTest::newRow("events not a list") << QByteArray(R"({"events":{}})") << other;
    QTest::newRow("another member first") << QByteArray(R"({"debug":true,"events":[]})") << other;
    QTest::newRow("a list") << QByteArray(R"([{"events":[]}])") << other;
    QTest::newRow("a number") << QByteArray("7") << other;
    QTest::newRow("only spaces") << QByteArray("  ") << bad;
    // Depth: the events are at 3, so 62 more levels are the most JsonReader takes.
    QTest::newRow("deepest accepted") << QByteArray(R"({"events":[{"p":)" + QByteArray(61, '[') + QByteArray(61, ']') + "}]}") << ev;
    QTest::newRow("one level too deep") << QByteArray(R"({"events":[{"p":)" + QByteArray(62, '[') + QByteArray(62, ']') + "}]}") << bad;
    QTest::newRow("deep objects") << QByteArray(R"({"events":[)" + QByteArray("{\"a\":").repeated(63) + "1" + QByteArray(63, '}') + "]}") << bad;
    QTest::newRow("deepest objects") << QByteArray(R"({"events":[)" + QByteArray("{\"a\":").repeated(62) + "1" + QByteArray(62, '}') + "]}") << ev;
    // Many members: the duplicate detection switches to a set past 16.
    QByteArray many = R"({"events":[{)";
    for (int i = 0; i < 40; ++i)
        many += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(i) + "\":" + QByteArray::number(i);
    QTest::newRow("40 members") << QByteArray(many + "}]}") << ev;
    QTest::newRow("40 members, the last a duplicate of the first") << QByteArray(many + R"(,"k0":1}]})") << bad;
    QTest::newRow("40 members, a duplicate escaped") << QByteArray(many + R"(,"k\u0033\u0039":1}]})") << bad;
    QTest::newRow("17 members, duplicate of the 16th") << QByteArray(
        R"({"events":[{"a0":0,"a1":0,"a2":0,"a3":0,"a4":0,"a5":0,"a6":0,"a7":0,"a8":0,"a9":0,"b0":0,"b1":0,"b2":0,"b3":0,"b4":0,"b5":0,"b5":0}]})")
                                                       << bad;
}

void TestApiIngestParser::sameAcceptanceAsReader()
{
    QFETCH(QByteArray, body);
    QFETCH(int, shape);
    const QString why = disagreement(body);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(int(splitIngestBody(body).shape), shape);
}

void TestApiIngestParser::mutationsOfCorpus()
{
    const QList<QByteArray> seeds = corpus();
    QVERIFY2(seeds.size() >= 3, "the fuzz corpus tests/fuzz/corpus/fuzz_api_ingest was not found");
    // The bytes that matter to the grammar, put in, taken out and swapped at every position.
    const QByteArray interesting = QByteArrayLiteral("{}[]\":,\\ u0e.-+\x1f\x80\xc3\xed\xf4\xff");
    qsizetype checked = 0;
    QString firstFailure;
    auto check = [&](const QByteArray &body) {
        ++checked;
        const QString why = disagreement(body);
        if (!why.isEmpty() && firstFailure.isEmpty())
            firstFailure = QStringLiteral("%1: %2").arg(QString::fromLatin1(body.toPercentEncoding()), why);
    };
    QRandomGenerator random(20); // fixed: the same mutations each run
    for (const QByteArray &seed : seeds) {
        check(seed);
        for (qsizetype at = 0; at <= seed.size(); ++at) {
            check(seed.left(at));
            if (at < seed.size())
                check(seed.left(at) + seed.mid(at + 1));
            for (const char c : interesting) {
                check(seed.left(at) + c + seed.mid(at));
                if (at < seed.size() && seed[at] != c) {
                    QByteArray swapped = seed;
                    swapped[at] = c;
                    check(swapped);
                }
            }
        }
        // Random multi-byte mutations, and events spliced in from the other seeds.
        for (int n = 0; n < 2000; ++n) {
            QByteArray m = seed;
            const int edits = 1 + int(random.bounded(4));
            for (int e = 0; e < edits && !m.isEmpty(); ++e) {
                const qsizetype at = random.bounded(m.size());
                switch (random.bounded(3)) {
                case 0: m[at] = interesting[random.bounded(interesting.size())]; break;
                case 1: m.remove(at, 1 + random.bounded(qMin<qsizetype>(8, m.size() - at))); break;
                default: {
                    const QByteArray &donor = seeds[random.bounded(seeds.size())];
                    m.insert(at, donor.mid(random.bounded(donor.size() + 1), 1 + random.bounded(30)));
                }
                }
            }
            check(m);
        }
    }
    qInfo("%lld bodies checked against the JSON reader", static_cast<long long>(checked));
    QVERIFY2(firstFailure.isEmpty(), qPrintable(firstFailure));
}

QTEST_GUILESS_MAIN(TestApiIngestParser)
#include "tst_apiingestparser.moc"
