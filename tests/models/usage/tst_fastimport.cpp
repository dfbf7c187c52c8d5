// SPDX-License-Identifier: GPL-3.0-or-later
// The import fast path against its references: FastEventParser against EventParser (+
// UsageEventRow::fromEvent) on the parser tests' inputs and fuzzed variations of them, the
// in-memory key filter, and imports whose dedup goes through the filter.
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/UnitOfWork.h"
#include "models/usage/EventImporter.h"
#include "models/usage/FastEventParser.h"
#include "models/usage/KeyHashSet.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

/// Inputs of tests/engine/metrics/tst_eventparser.cpp and tst_usageingest.cpp, plus shapes the
/// fast path is meant to take and near misses it must hand to the reference.
const char *const kSeeds[] = {
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"tokens":12,"region":"eu","cached":true,"note":null}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"amount":12345678901234567890.123}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"n":10.0,"e":1.5E2,"neg":-0}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"s":"caf\u00e9 \"q\" \\ \/ \n\t \ud83d\ude00"}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"s":"\u0001"}})",
    R"({"event_name":"api","timestamp":"2026-03-01T11:30:00.250+01:30","idempotency_key":"k1","customer_id":"c1"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":null,"external_customer_id":"ext-9"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"tokens":{"in":1}}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"tags":["a"]}})",
    R"({"event_name":"api","timestamp":"2026-13-01T00:00:00Z","idempotency_key":"k","customer_id":"c"})",
    R"({"event_name":"api","timestamp":"2026-13-01","idempotency_key":"k","customer_id":"c"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00","idempotency_key":"k","customer_id":"c"})",
    R"({"event_name":"api","timestamp":1767225600,"idempotency_key":"k","customer_id":"c"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"a":2}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","external_customer_id":"e"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k"})",
    R"({"timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":" ","customer_id":"c"})",
    R"({"event":"api"})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"n":123456789012345678901234567890123456789}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"n":1e999999999}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"n":012}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"n":NaN}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"s":"abc)",
    R"({ "properties": {"b":"x", "a":1}, "customer_id":"c1", "idempotency_key":"k1", "timestamp":"2026-03-01T10:00:00Z", "event_name":"api" })",
    R"({"event_name":"api","timestamp":"2026-03-01T11:00:00+01:00","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x"}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00.001Z","idempotency_key":"k1","customer_id":"c1","properties":{"a":1,"b":"x","c":null}})",
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":null})",
    R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j1","external_customer_id":"acme"})",
    "{\"event_name\":\"api_call\",\"timestamp\":\"2026-03-10T10:00:00Z\",\"idempotency_key\":\"j3\",\"external_customer_id\":\"a\xC3\x28\"}",
    R"({"event_name":"api_call","timestamp":"2026-01-05T03:12:45.123Z","idempotency_key":"6f1c2a0e-3b9d-4d7e-9a51-0c7d2e8f4b11","external_customer_id":"c42","properties":{"region":"eu","tokens":4999}})",
    R"({"event_name":"api_call","timestamp":"2024-02-29T23:59:59.999-23:59","idempotency_key":"x","external_customer_id":"c","properties":{"":"","z":false,"y":-12,"x":0}})",
    R"({"event_name":"api_call","timestamp":"2023-02-29T00:00:00Z","idempotency_key":"x","external_customer_id":"c"})",
    R"({"event_name":"api_call","timestamp":"0001-01-01T00:00:00+0100","idempotency_key":"x","external_customer_id":"c"})",
    R"({"event_name":"api_call","timestamp":"2026-03-01t10:00:00.123456789z","idempotency_key":"x","external_customer_id":"c"})",
    R"({"event_name":"api_call","timestamp":"2026-03-01 10:00:00.1234567890Z","idempotency_key":"x","external_customer_id":"c"})",
    R"(  {"event_name" : "api_call" ,	"timestamp":"2026-03-01T10:00:00Z","idempotency_key":"x","external_customer_id":"c","properties":{ }}  )",
    R"({"event_name":"api_call","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"x","external_customer_id":"c","properties":{"n":-0,"m":123456789012345678,"l":1234567890123456789}})",
    R"({"event_name":"api_call","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"x","external_customer_id":"c"} x)",
    R"([{"event_name":"api_call"}])",
    R"("event")",
};

/// Fast-path shapes: each must be taken by the fast path (else it would be dead code).
const char *const kFastShapes[] = {
    R"({"event_name":"api","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k1","customer_id":"c1","properties":{"tokens":12,"region":"eu","cached":true,"note":null}})",
    R"({"event_name":"api_call","timestamp":"2026-01-05T03:12:45.123Z","idempotency_key":"6f1c2a0e-3b9d-4d7e-9a51-0c7d2e8f4b11","external_customer_id":"c42","properties":{"region":"eu","tokens":4999}})",
    R"({ "properties": {"b":"x", "a":1}, "customer_id":"c1", "idempotency_key":"k1", "timestamp":"2026-03-01T10:00:00Z", "event_name":"api" })",
    R"({"event_name":"api","timestamp":"2026-03-01T11:30:00.250+01:30","idempotency_key":"k1","customer_id":"c1"})",
    R"({"event_name":"api_call","timestamp":"2024-02-29T23:59:59.999-23:59","idempotency_key":"x","external_customer_id":"c","properties":{"":"","z":false,"y":-12,"x":0}})",
};

const char kAlphabet[] = "{}[]\":,.-+eE0123456789 tfnulrsaTZz\\/\t\r\n\x01\x7f\xc3\xa9\xff";
const char *const kTokens[] = {"null",
                               "true",
                               "false",
                               "\"\"",
                               "\" \"",
                               "{}",
                               "[]",
                               "\"properties\":{}",
                               "\"customer_id\":\"c\"",
                               "\"external_customer_id\":null",
                               "\"timestamp\":\"2026-02-30T10:00:00Z\"",
                               ",\"a\":1",
                               "\"\\u0041\"",
                               "1.5",
                               "-",
                               "1e3",
                               "00",
                               "+01:00",
                               "Z",
                               ".5",
                               "\"event_name\":\"x\"",
                               "\"idempotency_key\":\"k\""};

QByteArray mutate(QByteArray s, QRandomGenerator &rng)
{
    const int edits = 1 + int(rng.bounded(3));
    for (int e = 0; e < edits; ++e) {
        const int pos = s.isEmpty() ? 0 : int(rng.bounded(s.size() + 1));
        switch (rng.bounded(6)) {
        case 0: // replace a byte
            if (pos < s.size())
                s[pos] = kAlphabet[rng.bounded(int(sizeof kAlphabet - 1))];
            break;
        case 1: // insert a byte
            s.insert(pos, kAlphabet[rng.bounded(int(sizeof kAlphabet - 1))]);
            break;
        case 2: // delete a run
            s.remove(pos, 1 + int(rng.bounded(4)));
            break;
        case 3: // insert a token
            s.insert(pos, kTokens[rng.bounded(int(std::size(kTokens)))]);
            break;
        case 4: { // duplicate a slice elsewhere
            const int len = int(rng.bounded(24));
            const QByteArray slice = s.mid(pos, len);
            s.insert(int(rng.bounded(s.size() + 1)), slice);
            break;
        }
        default: // change a digit (dates, times, numbers)
            for (int i = pos; i < s.size(); ++i)
                if (s[i] >= '0' && s[i] <= '9') {
                    s[i] = char('0' + rng.bounded(10));
                    break;
                }
            break;
        }
    }
    return s;
}

} // namespace

class TestFastImport : public QObject
{
    Q_OBJECT

private slots:
    void fastPathTakesSimpleLines();
    void fastPathAgreesWithReference();
    void timestampsAgreeWithReference();
    void keyHashSet();
    void importDedupThroughFilter();
    void filterDroppedWhenAnotherConnectionWrites();

private:
    /// Returns false (with a message) when the fast path accepted what the reference would
    /// not, or built another row.
    static bool agrees(const QByteArray &line, QString *why, bool *tookFast = nullptr);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
};

bool TestFastImport::agrees(const QByteArray &line, QString *why, bool *tookFast)
{
    UsageEventRow fast;
    const bool took = FastEventParser::parse(line, fast);
    if (tookFast)
        *tookFast = took;
    if (!took)
        return true; // the reference parser decides, with its own messages
    JsonParseError error;
    const std::optional<Event> ref = EventParser::parse(line, &error);
    if (!ref) {
        *why = QStringLiteral("fast path accepted what the reference rejects (%1): %2").arg(error.toString(), QString::fromUtf8(line));
        return false;
    }
    const UsageEventRow r = UsageEventRow::fromEvent(*ref);
    if (r.idempotencyKey != fast.idempotencyKey || r.keyHash != fast.keyHash || !r.sameBody(fast)) {
        *why = QStringLiteral("rows differ for %1: reference %2 %3 %4 %5 %6 %7, fast %8 %9 %10 %11 %12 %13")
                   .arg(QString::fromUtf8(line), QString::fromUtf8(r.idempotencyKey), QString::fromUtf8(r.eventName))
                   .arg(r.tsMs)
                   .arg(QString::fromUtf8(r.customerId), QString::fromUtf8(r.externalCustomerId), QString::fromUtf8(r.properties),
                        QString::fromUtf8(fast.idempotencyKey), QString::fromUtf8(fast.eventName))
                   .arg(fast.tsMs)
                   .arg(QString::fromUtf8(fast.customerId), QString::fromUtf8(fast.externalCustomerId), QString::fromUtf8(fast.properties));
        return false;
    }
    return true;
}

void TestFastImport::fastPathTakesSimpleLines()
{
    for (const char *s : kFastShapes) {
        QString why;
        bool took = false;
        QVERIFY2(agrees(QByteArray(s), &why, &took), qPrintable(why));
        QVERIFY2(took, s);
    }
    // Plain fractions (up to 18 digits) are the fast path's too, stored as written.
    for (
        const char *s :
        {R"({"event_name":"a","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","properties":{"n":1.5}})",
         R"({"event_name":"a","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","properties":{"n":-0.50,"m":12345678901234567.8}})"}) {
        QString why;
        bool took = false;
        QVERIFY2(agrees(QByteArray(s), &why, &took), qPrintable(why));
        QVERIFY2(took, s);
    }
    // Escapes, non-ASCII, exponents, longer numbers and unknown members are the reference's.
    for (const char *s :
         {R"({"event_name":"a\u0041","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c"})",
          "{\"event_name\":\"caf\xC3\xA9\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"idempotency_key\":\"k\",\"customer_id\":\"c\"}",
          R"({"event_name":"a","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","properties":{"n":1.5e2}})",
          R"({"event_name":"a","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","properties":{"n":0.1234567890123456789}})",
          R"({"event_name":"a","timestamp":"2026-03-01T10:00:00Z","idempotency_key":"k","customer_id":"c","x":1})"}) {
        UsageEventRow row;
        QVERIFY2(!FastEventParser::parse(QByteArrayView(s), row), s);
    }
}

void TestFastImport::fastPathAgreesWithReference()
{
    QRandomGenerator rng(20260310);
    qint64 fast = 0, total = 0;
    for (const char *seed : kSeeds) {
        QString why;
        QVERIFY2(agrees(QByteArray(seed), &why), qPrintable(why));
        QByteArray s(seed);
        for (int i = 0; i < 1500; ++i) {
            // Random walks: mutations of mutations reach further from the seed.
            s = (i % 8 == 0) ? QByteArray(seed) : s;
            const QByteArray m = mutate(s, rng);
            bool took = false;
            QVERIFY2(agrees(m, &why, &took), qPrintable(why));
            fast += took ? 1 : 0;
            ++total;
            if (rng.bounded(2))
                s = m;
        }
    }
    // Gentle mutations of the fast shapes (digits, letters, spaces): mostly still simple
    // lines, so the fast path's own decisions (dates, offsets, numbers, order) are compared.
    for (const char *seed : kFastShapes) {
        QByteArray s(seed);
        for (int i = 0; i < 4000; ++i) {
            s = (i % 16 == 0) ? QByteArray(seed) : s;
            const int pos = int(rng.bounded(s.size()));
            const char c = s[pos];
            if (c >= '0' && c <= '9')
                s[pos] = char('0' + rng.bounded(10));
            else if ((c >= 'a' && c <= 'z') || c == '-' || c == '_')
                s[pos] = "az-_ .:Z09\""[rng.bounded(12)];
            else
                s.insert(pos, " \t\r\n"[rng.bounded(4)]);
            QString why;
            bool took = false;
            QVERIFY2(agrees(s, &why, &took), qPrintable(why));
            fast += took ? 1 : 0;
            ++total;
        }
    }
    qInfo("%lld of %lld fuzzed lines took the fast path", fast, total);
    QVERIFY(fast > 300); // the comparison above exercised the fast path, not only the fallback
}

void TestFastImport::timestampsAgreeWithReference()
{
    QRandomGenerator rng(7);
    const char *const seeds[] = {"2026-03-01T10:00:00Z",     "2024-02-29T23:59:59.999-23:59", "1970-01-01T00:00:00.5+00:00", "1969-12-31T23:59:59.123456789Z",
                                 "9999-12-31T23:59:59+0130", "0001-01-01T00:00:00Z",          "2100-02-28 12:00:00z",        "2000-02-29t00:00:00.1-0000"};
    qint64 checked = 0;
    for (const char *seed : seeds) {
        for (int i = 0; i < 3000; ++i) {
            QByteArray s(seed);
            if (i > 0)
                s = mutate(s, rng);
            const std::optional<QDateTime> ref = EventParser::parseTimestamp(QString::fromLatin1(s));
            qint64 ms = 0;
            const bool ok = FastEventParser::parseTimestampMs(s, ms);
            QVERIFY2(ok == bool(ref), s.constData());
            if (ok) {
                QCOMPARE(ms, ref->toMSecsSinceEpoch());
                ++checked;
            }
        }
    }
    QVERIFY(checked > 1000);
}

void TestFastImport::keyHashSet()
{
    KeyHashSet set;
    QVERIFY(!set.contains(0));
    QVERIFY(!set.contains(42));
    set.insert(0);
    QVERIFY(set.contains(0));
    QRandomGenerator rng(3);
    std::vector<qint64> in;
    for (int i = 0; i < 50000; ++i) {
        in.push_back(qint64(rng.generate64()));
        set.insert(in.back());
    }
    set.insert(in.front()); // again: no second copy
    QCOMPARE(set.size(), qsizetype(in.size() + 1));
    for (const qint64 h : in)
        QVERIFY(set.contains(h));
    int falsePositives = 0;
    for (int i = 0; i < 50000; ++i)
        falsePositives += set.contains(qint64(rng.generate64())) ? 1 : 0;
    QCOMPARE(falsePositives, 0);
    set.clear();
    QVERIFY(!set.contains(in.front()));
    QVERIFY(!set.contains(0));
}

void TestFastImport::importDedupThroughFilter()
{
    ORB_SQLITE_ONLY("the import's key filter over the file and its WAL checkpoint pragma (a server deduplicates through its unique index: pg_usageimport)");
    CompanySettings settings;
    settings.name = QStringLiteral("Fast");
    auto file = orb::test::createCompany(m_dir.filePath(QStringLiteral("dedup.orb")), settings, m_clock);
    QVERIFY(file);
    EventImporter importer(*file, m_clock);
    auto line = [](const char *key, int tokens, const char *ts = "2026-03-10T10:00:00Z") -> QByteArray {
        return QByteArray(R"({"event_name":"api_call","timestamp":")") + ts + R"(","idempotency_key":")" + key
               + R"(","external_customer_id":"acme","properties":{"tokens":)" + QByteArray::number(tokens) + "}}\n";
    };
    // Already stored before the import: the filter is loaded from the key index.
    {
        const QString path = m_dir.filePath(QStringLiteral("first.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(line("stored", 1));
        f.close();
        QCOMPARE(importer.importFile(path, {}).accepted, 1);
    }
    QByteArray content;
    content += line("stored", 1); // duplicate of a stored event
    content += line("stored", 2); // conflict with a stored event
    content += line("new", 5);    // accepted
    content += line("new", 5);    // duplicate within the batch
    content += line("new", 6);    // conflict within the batch
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"esc\u0061ped","external_customer_id":"acme"})"
               "\n";
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"escaped","external_customer_id":"acme","properties":{}})"
               "\n";
    for (int i = 0; i < 50; ++i) // across checkpoints (3 rows a checkpoint below)
        content += line(QByteArray("k" + QByteArray::number(i % 25)).constData(), i % 25);
    const QString path = m_dir.filePath(QStringLiteral("second.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    ImportOptions o;
    o.checkpointRows = 3;
    const ImportSummary s = importer.importFile(path, o);
    QCOMPARE(s.accepted, 1 + 1 + 25);
    QCOMPARE(s.duplicates, 1 + 1 + 1 + 25);
    QCOMPARE(s.rejected, 2);
    const QList<ImportReject> rejects = importer.rejects(s.importId);
    QCOMPARE(rejects.size(), 2);
    QCOMPARE(rejects[0].line, 2);
    QCOMPARE(rejects[0].reason, QStringLiteral("idempotency_key: \"stored\" was already ingested with a different body"));
    QCOMPARE(rejects[1].line, 5);
    QCOMPARE(rejects[1].reason, QStringLiteral("idempotency_key: \"new\" was already ingested with a different body"));
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toLongLong(), 28);

    // The same file again: everything is known (loaded into the filter from the key index).
    const ImportSummary again = importer.importFile(path, o);
    QCOMPARE(again.accepted, 0);
    QCOMPARE(again.duplicates, 1 + 1 + 1 + 1 + 1 + 50);
    QCOMPARE(again.rejected, 2);
    // Keys repeated across the reader's batches (20 000 rows) and checkpoints.
    QByteArray big;
    for (int i = 0; i < 20030; ++i)
        big += line(QByteArray("b" + QByteArray::number(i % 20000)).constData(), i < 20000 ? 1 : (i % 2 ? 1 : 2));
    const QString bigPath = m_dir.filePath(QStringLiteral("big.jsonl"));
    QFile bf(bigPath);
    QVERIFY(bf.open(QIODevice::WriteOnly));
    bf.write(big);
    bf.close();
    ImportOptions bo;
    bo.checkpointRows = 10000;
    const ImportSummary b = importer.importFile(bigPath, bo);
    QCOMPARE(b.accepted, 20000);
    QCOMPARE(b.duplicates, 15);
    QCOMPARE(b.rejected, 15);
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toLongLong(), 28 + 20000);
    // The WAL checkpoint setting is restored after the import.
    QCOMPARE(file->db().scalar(QStringLiteral("PRAGMA wal_autocheckpoint")).toInt(), 1000);
}

void TestFastImport::filterDroppedWhenAnotherConnectionWrites()
{
    ORB_SQLITE_ONLY("the import's key filter over the file (a server deduplicates through its unique index: pg_usageimport)");
    CompanySettings settings;
    settings.name = QStringLiteral("Two writers");
    const QString path = m_dir.filePath(QStringLiteral("two.orb"));
    auto file = orb::test::createCompany(path, settings, m_clock);
    QVERIFY(file);
    UsageEventRow row;
    row.idempotencyKey = "shared";
    row.keyHash = usageKeyHash(row.idempotencyKey);
    row.eventName = "api_call";
    row.tsMs = 1;
    row.externalCustomerId = "acme";
    row.properties = "{}";
    UsageEventStore store(file->db());
    file->db().begin();
    QVERIFY(store.loadKeyFilter(1000));
    QVERIFY(store.hasKeyFilter());
    file->db().commit();
    {
        // Another connection stores the key between two of the import's transactions.
        auto other = orb::test::openCompany(path);
        UsageEventStore otherStore(other->db());
        other->db().begin();
        QCOMPARE(otherStore.insert(row, UsageEventStatus::Active, {}, 0), UsageEventStore::Outcome::Inserted);
        other->db().commit();
    }
    file->db().begin();
    QVERIFY(!store.keyFilterStillValid());
    QVERIFY(!store.hasKeyFilter());
    std::vector<UsageEventStore::Outcome> outcomes;
    store.insertBatch({row}, UsageEventStatus::Active, {}, 0, outcomes);
    QCOMPARE(outcomes.front(), UsageEventStore::Outcome::Duplicate);
    // Without another writer, the filter stays.
    QVERIFY(store.loadKeyFilter(1000));
    file->db().commit();
    file->db().begin();
    QVERIFY(store.keyFilterStillValid());
    row.properties = R"({"a":1})";
    store.insertBatch({row}, UsageEventStatus::Active, {}, 0, outcomes);
    QCOMPARE(outcomes.front(), UsageEventStore::Outcome::Conflict);
    // Over the row limit, no filter: SQL probes.
    QVERIFY(!store.loadKeyFilter(0));
    QVERIFY(!store.hasKeyFilter());
    file->db().commit();
}

QTEST_GUILESS_MAIN(TestFastImport)
#include "tst_fastimport.moc"
