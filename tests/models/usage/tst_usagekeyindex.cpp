// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestSupport.h"
#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageKeyHash.h"
#include "models/usage/UsageKeyIndex.h"
#include "tests/support/CompanyFixture.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <algorithm>
#include <map>

using namespace orb;

/// The log-structured idempotency-key index: lookups across pending entries, the recent
/// B-tree and sorted runs, draining and merging, and dedup through it end to end, including
/// a company file migrated from schema 5.
class TestUsageKeyIndex : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void lookupsMatchAReferenceThroughDrainsAndMerges();
    void oneHashSpanningBlocks();
    void rollbackDiscardsPendingEntries();
    void importsDeduplicateAcrossRuns();
    void migratesSchema5File();

private:
    QByteArray line(const QString &key, const QString &ts, int n) const;
    QString writeFile(const QString &name, const QByteArray &content);
    static std::vector<qint64> sorted(std::vector<qint64> v)
    {
        std::sort(v.begin(), v.end());
        return v;
    }
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestUsageKeyIndex::init()
{
    static int n = 0;
    m_file.reset();
    CompanySettings s;
    s.name = QStringLiteral("Keys Co");
    m_file = CompanyFile::create(m_dir.filePath(QStringLiteral("k%1.orb").arg(++n)), s, m_clock);
}

QByteArray TestUsageKeyIndex::line(const QString &key, const QString &ts, int n) const
{
    return QStringLiteral(R"({"event_name":"api_call","timestamp":"%1","idempotency_key":"%2","external_customer_id":"acme","properties":{"n":%3}})")
               .arg(ts, key)
               .arg(n)
               .toUtf8()
           + '\n';
}

QString TestUsageKeyIndex::writeFile(const QString &name, const QByteArray &content)
{
    return orb::test::writeFile(m_dir.filePath(name), content);
}

void TestUsageKeyIndex::lookupsMatchAReferenceThroughDrainsAndMerges()
{
    Database &db = m_file->db();
    QRandomGenerator rng(11);
    std::multimap<qint64, qint64> reference;
    std::vector<qint64> known;
    qint64 seq = 0;
    // Small flushes go to the recent B-tree (and get drained), large ones become runs (and get
    // merged); some hashes repeat (amendments, collisions).
    QList<int> flushSizes{3, 50, 5000, 4095, 4096, 9000, 40000, 30000, 5000, 5000, 5000, 5000, 5000, 1, 70000, 12000};
    for (int i = 0; i < 17; ++i)
        flushSizes << 4000; // fills the recent B-tree past RecentMaxEntries: drained into a run
    flushSizes << 7;
    for (const int size : flushSizes) {
        UsageKeyIndex index(db.sqliteHandle());
        db.begin();
        for (int i = 0; i < size; ++i) {
            const qint64 hash = (!known.empty() && rng.bounded(20) == 0) ? known[rng.bounded(quint32(known.size()))] : qint64(rng.generate64());
            index.add(hash, ++seq);
            reference.emplace(hash, seq);
            known.push_back(hash);
        }
        // Pending entries are found before the flush.
        const qint64 probe = known[rng.bounded(quint32(known.size()))];
        std::vector<qint64> got;
        index.find(probe, got);
        QCOMPARE(qsizetype(got.size()), qsizetype(reference.count(probe)));
        index.flush();
        db.commit();
        QVERIFY(!index.hasPending());
    }
    UsageKeyIndex index(db.sqliteHandle());
    QVERIFY(index.recentEntries() <= UsageKeyIndex::RecentMaxEntries);
    // Merged: never Fanout runs of one level left behind.
    QSqlQuery q = db.exec(QStringLiteral("SELECT level, count(*) FROM usage_key_runs GROUP BY level"));
    while (q.next())
        QVERIFY2(q.value(1).toInt() < UsageKeyIndex::Fanout,
                 qPrintable(QStringLiteral("level %1 holds %2 runs").arg(q.value(0).toInt()).arg(q.value(1).toInt())));
    QVERIFY(index.runCount() >= 2);
    QCOMPARE(db.scalar(QStringLiteral("SELECT sum(entries) FROM usage_key_runs")).toLongLong() + index.recentEntries(), qint64(reference.size()));
    QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM usage_key_recent")).toLongLong(), index.recentEntries());

    for (int i = 0; i < 3000; ++i) {
        const qint64 hash = i % 3 == 0 ? qint64(rng.generate64()) : known[rng.bounded(quint32(known.size()))];
        std::vector<qint64> got, want;
        index.find(hash, got);
        const auto range = reference.equal_range(hash);
        for (auto it = range.first; it != range.second; ++it)
            want.push_back(it->second);
        QCOMPARE(sorted(got), sorted(want));
    }
    qint64 hashes = 0;
    index.forEachHash([&](qint64) { ++hashes; });
    QCOMPARE(hashes, qint64(reference.size()));
}

void TestUsageKeyIndex::oneHashSpanningBlocks()
{
    // One hash in more than two blocks of a run, between neighbours on both sides.
    Database &db = m_file->db();
    db.begin();
    UsageKeyIndex index(db.sqliteHandle());
    qint64 seq = 0;
    for (int i = 0; i < 5000; ++i)
        index.add(i - 1500, ++seq);
    for (int i = 0; i < 450; ++i)
        index.add(7, ++seq);
    index.add(qint64(Q_INT64_C(0x7fffffffffffffff)), ++seq);
    index.add(qint64(Q_INT64_C(-0x7fffffffffffffff) - 1), ++seq);
    index.add(0, ++seq);
    index.flush();
    db.commit();
    QCOMPARE(index.runCount(), 1);
    QCOMPARE(index.recentEntries(), qint64(0));
    std::vector<qint64> got;
    index.find(7, got);
    QCOMPARE(got.size(), size_t(451)); // 450 and the one from the first loop
    got.clear();
    index.find(6, got);
    QCOMPARE(got.size(), size_t(1));
    got.clear();
    index.find(8, got);
    QCOMPARE(got.size(), size_t(1));
    for (const qint64 extreme : {qint64(Q_INT64_C(0x7fffffffffffffff)), qint64(Q_INT64_C(-0x7fffffffffffffff) - 1)}) {
        got.clear();
        index.find(extreme, got);
        QCOMPARE(got.size(), size_t(1));
    }
    got.clear();
    index.find(0, got);
    QCOMPARE(got.size(), size_t(2));
    got.clear();
    index.find(3500, got);
    QVERIFY(got.empty());
}

void TestUsageKeyIndex::rollbackDiscardsPendingEntries()
{
    Database &db = m_file->db();
    UsageKeyIndex index(db.sqliteHandle());
    db.begin();
    for (int i = 1; i <= 5000; ++i)
        index.add(i, i);
    index.flush();
    db.rollback();
    index.discardPending();
    std::vector<qint64> got;
    index.find(42, got);
    QVERIFY(got.empty());
    QCOMPARE(index.runCount(), 0);
}

void TestUsageKeyIndex::importsDeduplicateAcrossRuns()
{
    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("1000"));
    // Five files of 5000 new keys: five runs, the first four merged into one.
    EventImporter importer(*m_file, m_clock);
    ImportSummary s;
    for (int f = 0; f < 5; ++f) {
        QByteArray a;
        for (int i = f * 5000; i < (f + 1) * 5000; ++i)
            a += line(QStringLiteral("a-%1").arg(i), QStringLiteral("2026-03-09T10:00:00Z"), i);
        s = importer.importFile(writeFile(QStringLiteral("a%1.jsonl").arg(f), a), {});
        QCOMPARE(s.accepted, qint64(5000));
    }
    UsageKeyIndex index(m_file->db().sqliteHandle());
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT sum(entries) FROM usage_key_runs")).toLongLong(), qint64(25000));
    QCOMPARE(index.runCount(), 2); // one of level 1, one of level 0
    QCOMPARE(index.recentEntries(), qint64(0));

    // The same keys again: same body = duplicate, another body = rejected, in the same file
    // as new keys and a key repeated within the file.
    QByteArray b;
    for (int i = 0; i < 25000; i += 7)
        b += line(QStringLiteral("a-%1").arg(i), QStringLiteral("2026-03-09T10:00:00Z"), i);
    b += line(QStringLiteral("a-5"), QStringLiteral("2026-03-09T10:00:00Z"), 99999);
    b += line(QStringLiteral("new-1"), QStringLiteral("2026-03-09T11:00:00Z"), 1);
    b += line(QStringLiteral("new-1"), QStringLiteral("2026-03-09T11:00:00Z"), 1);
    b += line(QStringLiteral("new-1"), QStringLiteral("2026-03-09T11:00:00Z"), 2);
    s = importer.importFile(writeFile(QStringLiteral("b.jsonl"), b), {});
    QCOMPARE(s.accepted, qint64(1));
    QCOMPARE(s.duplicates, qint64(3572 + 1));
    QCOMPARE(s.rejected, qint64(2));
    const QList<ImportReject> rejects = importer.rejects(s.importId);
    QCOMPARE(rejects.size(), 2);
    QCOMPARE(rejects[0].reason, QStringLiteral("idempotency_key: \"a-5\" was already ingested with a different body"));
    QCOMPARE(rejects[1].line, qint64(3576));
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toInt(), 25001);

    // Single events (no in-memory filter) and corrections find keys in runs and in the recent B-tree.
    JsonParseError error;
    const auto dup = EventParser::parse(line(QStringLiteral("a-4321"), QStringLiteral("2026-03-09T10:00:00Z"), 4321).trimmed(), &error);
    QVERIFY(dup);
    QCOMPARE(importer.ingest({*dup}).first().outcome, IngestOutcome::Duplicate);
    UsageEventService service(*m_file, m_clock);
    const StoredEvent amended = service.amend(QStringLiteral("a-4321"), R"({"n": 5})");
    QCOMPARE(service.current(QStringLiteral("a-4321")).seq, amended.seq);
    QCOMPARE(service.current(QStringLiteral("new-1")).row.properties, QByteArray(R"({"n":1})"));
    // Still a duplicate of the original after the amendment; the amended body is not.
    QCOMPARE(importer.ingest({*dup}).first().outcome, IngestOutcome::Duplicate);
    try {
        service.current(QStringLiteral("nobody"));
        QFAIL("an unknown key was found");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
    }
}

void TestUsageKeyIndex::migratesSchema5File()
{
    // A schema-5 file: the key-hash index on usage_events, no key runs; events written as
    // version 5 wrote them (the raw rows stay when the schema is rolled back).
    const QString path = m_file->db().path();
    for (int i = 0; i < 300; ++i) {
        const QByteArray key = "old-" + QByteArray::number(i);
        m_file->db().exec(QStringLiteral("INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, external_customer_id, properties, "
                                         "status, ingested_at) VALUES (?, ?, 'api_call', ?, 'acme', ?, 0, 0)"),
                          {usageKeyHash(key), QString::fromLatin1(key), QDateTime(QDate(2026, 3, 9), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch(),
                           QStringLiteral(R"({"n":%1})").arg(i)});
    }
    m_file.reset();
    QCOMPARE(test::rollBackSchema(path, 5), QString());
    QVERIFY(test::rawValue(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'usage_events_by_key'")) == QLatin1String("1"));
    QVERIFY(test::rawValue(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'usage_key_recent'")) == QLatin1String("0"));

    m_file = CompanyFile::open(path);
    QCOMPARE(m_file->schemaVersion(), CompanyFile::latestSchemaVersion());
    QVERIFY(!m_file->db().scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'usage_events_by_key'")).toBool());
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_key_recent")).toInt(), 300);
    QCOMPARE(UsageKeyIndex(m_file->db().sqliteHandle()).recentEntries(), qint64(300));

    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("1000"));
    QByteArray f;
    for (int i = 0; i < 300; i += 3)
        f += line(QStringLiteral("old-%1").arg(i), QStringLiteral("2026-03-09T10:00:00Z"), i);
    f += line(QStringLiteral("old-1"), QStringLiteral("2026-03-09T10:00:00Z"), 0);
    f += line(QStringLiteral("fresh"), QStringLiteral("2026-03-09T10:00:00Z"), 0);
    const ImportSummary s = EventImporter(*m_file, m_clock).importFile(writeFile(QStringLiteral("m.jsonl"), f), {});
    QCOMPARE(s.duplicates, qint64(100));
    QCOMPARE(s.rejected, qint64(1));
    QCOMPARE(s.accepted, qint64(1));
    UsageEventService service(*m_file, m_clock);
    QCOMPARE(service.current(QStringLiteral("old-299")).row.properties, QByteArray(R"({"n":299})"));
    QCOMPARE(service.deprecate(QStringLiteral("old-7")).status, UsageEventStatus::Deprecated);
}

QTEST_GUILESS_MAIN(TestUsageKeyIndex)
#include "tst_usagekeyindex.moc"
