// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/usage/CsvReader.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The import options the import wizard relies on: CSV columns mapped to fields or ignored,
/// the preview (the import's checks without writing), cancelling at a checkpoint and
/// resuming, and the rejects file.
class TestImportOptions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void headerIsReadAsWritten();
    void fieldsMappedToColumns();
    void badMapsRefuseTheFile_data();
    void badMapsRefuseTheFile();
    void previewChecksWithoutWriting();
    void cancelKeepsCheckpointsAndResumes();
    void cancelBeforeFirstCheckpointKeepsNothing();
    void identityIgnoresMapOrder();
    void rejectsFileFormat();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    qint64 eventCount() const;
    static QByteArray numberedCsv(int rows, int badEvery = 0);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

QString TestImportOptions::writeFile(const QString &name, const QByteArray &content)
{
    return orb::test::writeFile(m_dir.filePath(name), content);
}

qint64 TestImportOptions::eventCount() const
{
    return m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toLongLong();
}

/// A CSV with a header no reader knows by itself: When, What, Key, Who, Tokens, Note.
QByteArray TestImportOptions::numberedCsv(int rows, int badEvery)
{
    QByteArray out = "When,What,Key,Who,Tokens,Note\n";
    for (int i = 1; i <= rows; ++i) {
        const QByteArray ts = badEvery > 0 && i % badEvery == 0 ? QByteArray("yesterday") : QByteArray("2026-03-10T10:00:00Z");
        out += ts + ",completion,k" + QByteArray::number(i) + ",acme," + QByteArray::number(i) + ",n" + QByteArray::number(i) + '\n';
    }
    return out;
}

void TestImportOptions::init()
{
    static int n = 0;
    m_file.reset();
    CompanySettings s;
    s.name = QStringLiteral("Import Co");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("i%1.orb").arg(++n)), s, m_clock);
    Customer c;
    c.name = QStringLiteral("Acme");
    c.externalCustomerId = QStringLiteral("acme");
    c.timezone = QStringLiteral("UTC");
    CustomerService(*m_file, m_clock).create(c);
}

void TestImportOptions::headerIsReadAsWritten()
{
    const QString path = writeFile(QStringLiteral("h.csv"), "\xEF\xBB\xBF When ,\"What, exactly\",Key\r\nx,y,z\r\n");
    QCOMPARE(CsvReader::header(path), (QStringList{QStringLiteral("When"), QStringLiteral("What, exactly"), QStringLiteral("Key")}));
    const QString empty = writeFile(QStringLiteral("empty.csv"), "");
    QVERIFY_THROWS_EXCEPTION(ServiceError, CsvReader::header(empty));
    QVERIFY_THROWS_EXCEPTION(ServiceError, CsvReader::header(m_dir.path()));
}

void TestImportOptions::fieldsMappedToColumns()
{
    const QString path = writeFile(QStringLiteral("mapped.csv"), numberedCsv(3));
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    o.fieldColumns = {{QStringLiteral("timestamp"), QStringLiteral("When")},
                      {QStringLiteral("event_name"), QStringLiteral("What")},
                      {QStringLiteral("idempotency_key"), QStringLiteral("Key")},
                      {QStringLiteral("external_customer_id"), QStringLiteral("Who")}};
    o.propertyColumns.insert(QStringLiteral("Tokens"), QStringLiteral("tokens"));
    o.ignoredColumns.insert(QStringLiteral("Note"));
    EventImporter importer(*m_file, m_clock);
    const ImportSummary s = importer.importFile(path, o);
    QCOMPARE(s.accepted, 3);
    QCOMPARE(s.rejected, 0);
    const StoredEvent e = UsageEventService(*m_file, m_clock).current(QStringLiteral("k2"));
    QCOMPARE(e.row.eventName, QByteArray("completion"));
    QCOMPARE(e.row.externalCustomerId, QByteArray("acme"));
    QCOMPARE(e.row.tsMs, QDateTime(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(e.row.properties, QByteArray(R"({"tokens":2})")); // Note was left out

    // A column named after a field is still that field when the field is not mapped elsewhere;
    // an ignored column may hold anything, even bytes that are not UTF-8.
    const QString plain = writeFile(QStringLiteral("plain.csv"), "event_name,timestamp,Id,external_customer_id,junk\n"
                                                                 "api_call,2026-03-10T11:00:00Z,p1,acme,\xFF\xFE\n");
    ImportOptions p;
    p.format = ImportReader::Format::Csv;
    p.fieldColumns.insert(QStringLiteral("idempotency_key"), QStringLiteral("Id"));
    p.ignoredColumns.insert(QStringLiteral("junk"));
    QCOMPARE(importer.importFile(plain, p).accepted, 1);
    QCOMPARE(UsageEventService(*m_file, m_clock).current(QStringLiteral("p1")).row.eventName, QByteArray("api_call"));
}

void TestImportOptions::badMapsRefuseTheFile_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("fields"); // FIELD=COLUMN
    QTest::addColumn<QStringList>("ignored");
    QTest::addColumn<QString>("message");
    const QByteArray h = "When,What,Key,Who\n";
    const QStringList good = {QStringLiteral("timestamp=When"), QStringLiteral("event_name=What"), QStringLiteral("idempotency_key=Key")};
    QTest::newRow("unknown field")
        << h << (good + QStringList{QStringLiteral("customer=Who")}) << QStringList()
        << QStringLiteral("unknown field \"customer\" (the fields are event_name, timestamp, idempotency_key, customer_id, external_customer_id)");
    QTest::newRow("column not in header") << h << (good + QStringList{QStringLiteral("external_customer_id=Client")}) << QStringList()
                                          << QStringLiteral("the column \"Client\" mapped to external_customer_id is not in the header");
    QTest::newRow("one column, two fields") << h << (good + QStringList{QStringLiteral("external_customer_id=Key")}) << QStringList()
                                            << QStringLiteral("the column \"Key\" is mapped to both");
    QTest::newRow("mapped and ignored") << h << (good + QStringList{QStringLiteral("external_customer_id=Who")}) << QStringList{QStringLiteral("Who")}
                                        << QStringLiteral("the column \"Who\" is mapped to external_customer_id and also ignored");
    QTest::newRow("customer missing") << h << good << QStringList{QStringLiteral("Who")}
                                      << QStringLiteral("a customer_id or external_customer_id column is needed");
    QTest::newRow("field named column left over") << QByteArray("timestamp,event_time,What,Key,Who\n")
                                                  << QStringList{QStringLiteral("timestamp=event_time"), QStringLiteral("event_name=What"),
                                                                 QStringLiteral("idempotency_key=Key"), QStringLiteral("external_customer_id=Who")}
                                                  << QStringList()
                                                  << QStringLiteral("the column \"timestamp\" is not used: timestamp is read from \"event_time\"");
    QTest::newRow("column twice") << QByteArray("When,When,What,Key,Who\n") << (good + QStringList{QStringLiteral("external_customer_id=Who")}) << QStringList()
                                  << QStringLiteral("the column \"When\" mapped to timestamp appears more than once");
}

void TestImportOptions::badMapsRefuseTheFile()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, ignored);
    QFETCH(QString, message);
    const QString path = writeFile(QStringLiteral("bad.csv"), header + "2026-03-10T10:00:00Z,2026-03-10T10:00:00Z,a,b,c\n");
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    for (const QString &f : fields)
        o.fieldColumns.insert(f.section(QLatin1Char('='), 0, 0), f.section(QLatin1Char('='), 1));
    o.ignoredColumns = QSet<QString>(ignored.cbegin(), ignored.cend());
    try {
        EventImporter(*m_file, m_clock).importFile(path, o);
        QFAIL("a bad column map must refuse the file");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.message().contains(message), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("line 1 (header)")), qPrintable(e.message()));
    }
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_imports")).toInt(), 0);
    QCOMPARE(eventCount(), 0);
}

void TestImportOptions::previewChecksWithoutWriting()
{
    EventImporter importer(*m_file, m_clock);
    // k1 is stored already; the file sends it again (duplicate), k2 twice with two bodies
    // (the second is a conflict), a row too old for the grace period and a row without a key.
    ImportOptions plain;
    plain.format = ImportReader::Format::Csv;
    const QString stored = writeFile(QStringLiteral("first.csv"), "event_name,timestamp,idempotency_key,external_customer_id,properties.n\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k1,acme,1\n");
    QCOMPARE(importer.importFile(stored, plain).accepted, 1);
    const QString path = writeFile(QStringLiteral("preview.csv"), "Name,At,Id,Client,n\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k1,acme,1\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k2,acme,2\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k2,acme,3\n"
                                                                  "api_call,2026-03-01T10:00:00Z,k3,acme,4\n"
                                                                  "api_call,2026-03-10T10:00:00Z,,acme,5\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k2,acme,2\n"
                                                                  "api_call,2026-03-10T10:00:00Z,k7,acme,7\n");
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    o.fieldColumns = {{QStringLiteral("event_name"), QStringLiteral("Name")},
                      {QStringLiteral("timestamp"), QStringLiteral("At")},
                      {QStringLiteral("idempotency_key"), QStringLiteral("Id")},
                      {QStringLiteral("external_customer_id"), QStringLiteral("Client")}};
    o.propertyColumns.insert(QStringLiteral("n"), QStringLiteral("n"));
    const qint64 before = eventCount();
    const ImportPreview p = importer.preview(path, o, 50);
    QCOMPARE(eventCount(), before);
    QCOMPARE(p.rows.size(), 7);
    QVERIFY(p.wholeFile);
    QCOMPARE(p.accepted, 2);
    QCOMPARE(p.duplicates, 2);
    QCOMPARE(p.rejected, 3);
    QCOMPARE(p.rows[0].outcome, IngestOutcome::Duplicate);
    QCOMPARE(p.rows[0].line, 2);
    QCOMPARE(p.rows[1].outcome, IngestOutcome::Accepted);
    QCOMPARE(p.rows[1].row.properties, QByteArray(R"({"n":2})"));
    QCOMPARE(p.rows[2].outcome, IngestOutcome::Rejected);
    QCOMPARE(p.rows[2].reason, QStringLiteral("idempotency_key: \"k2\" was already ingested with a different body"));
    QCOMPARE(p.rows[3].outcome, IngestOutcome::Rejected);
    QVERIFY2(p.rows[3].reason.contains(QStringLiteral("older than the grace period")), qPrintable(p.rows[3].reason));
    QVERIFY(p.rows[3].parsed);
    QCOMPARE(p.rows[4].reason, QStringLiteral("idempotency_key: is required"));
    QVERIFY(!p.rows[4].parsed);
    QCOMPARE(p.rows[5].outcome, IngestOutcome::Duplicate); // the same as the first k2
    QCOMPARE(p.rows[6].line, 8);

    // The preview says what the import then does, row for row.
    const ImportSummary s = importer.importFile(path, o);
    QCOMPARE(s.accepted, p.accepted);
    QCOMPARE(s.duplicates, p.duplicates);
    QCOMPARE(s.rejected, p.rejected);

    // A preview shorter than the file says so.
    const ImportPreview first = importer.preview(path, o, 3);
    QCOMPARE(first.rows.size(), 3);
    QVERIFY(!first.wholeFile);
}

void TestImportOptions::cancelKeepsCheckpointsAndResumes()
{
    // 100 rows, every 9th rejected; batches of 10, a checkpoint every 30 rows.
    const QString path = writeFile(QStringLiteral("big.csv"), numberedCsv(100, 9));
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    o.fieldColumns = {{QStringLiteral("timestamp"), QStringLiteral("When")},
                      {QStringLiteral("event_name"), QStringLiteral("What")},
                      {QStringLiteral("idempotency_key"), QStringLiteral("Key")},
                      {QStringLiteral("external_customer_id"), QStringLiteral("Who")}};
    o.propertyColumns.insert(QStringLiteral("Tokens"), QStringLiteral("tokens"));
    o.ignoredColumns.insert(QStringLiteral("Note"));
    o.batchRows = 10;
    o.checkpointRows = 30;
    int asked = 0;
    QList<qint64> progress;
    o.progress = [&](qint64 done, qint64) { progress << done; };
    o.cancelled = [&] { return ++asked == 5; }; // before the 5th batch: rows 31-40 are written, not committed
    EventImporter importer(*m_file, m_clock);
    const ImportSummary cancelled = importer.importFile(path, o);
    QVERIFY(cancelled.cancelled);
    QCOMPARE(progress.size(), 4);
    // Rows 1-30 (lines 2-31) committed: 27 events, 3 rejected (rows 9, 18, 27).
    QCOMPARE(cancelled.accepted, 27);
    QCOMPARE(cancelled.rejected, 3);
    QCOMPARE(cancelled.resumeLine, 32);
    QCOMPARE(eventCount(), 27);
    QCOMPARE(importer.rejects(cancelled.importId).size(), 3);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT status FROM usage_imports WHERE id = ?"), {cancelled.importId}).toString(), QStringLiteral("running"));

    // The same file again: goes on at line 32, nothing twice.
    o.cancelled = nullptr;
    o.progress = nullptr;
    const ImportSummary resumed = importer.importFile(path, o);
    QVERIFY(!resumed.cancelled);
    QCOMPARE(resumed.importId, cancelled.importId);
    QCOMPARE(resumed.resumedAtLine, 32);
    QCOMPARE(resumed.accepted, 89);
    QCOMPARE(resumed.duplicates, 0);
    QCOMPARE(resumed.rejected, 11);
    QCOMPARE(eventCount(), 89);
    const QList<ImportReject> rejects = importer.rejects(resumed.importId);
    QCOMPARE(rejects.size(), 11);
    QCOMPARE(rejects.first().line, 10);
    QCOMPARE(rejects.last().line, 100);
    QCOMPARE(rejects.first().reason, QStringLiteral("timestamp: \"yesterday\" is not an ISO 8601 timestamp with a zone"));
}

void TestImportOptions::cancelBeforeFirstCheckpointKeepsNothing()
{
    const QString path =
        writeFile(QStringLiteral("small.jsonl"), R"({"event_name":"a","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j1","external_customer_id":"acme"})"
                                                 "\n"
                                                 R"({"event_name":"a","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j2","external_customer_id":"acme"})"
                                                 "\n"
                                                 R"({"event_name":"a","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j3","external_customer_id":"acme"})"
                                                 "\n");
    ImportOptions o;
    o.batchRows = 1;
    o.checkpointRows = 10;
    int asked = 0;
    o.cancelled = [&] { return ++asked == 3; };
    EventImporter importer(*m_file, m_clock);
    const ImportSummary s = importer.importFile(path, o);
    QVERIFY(s.cancelled);
    QCOMPARE(s.accepted, 0);
    QCOMPARE(s.resumeLine, 1);
    QCOMPARE(eventCount(), 0);
    o.cancelled = nullptr;
    const ImportSummary again = importer.importFile(path, o);
    QCOMPARE(again.importId, s.importId);
    QCOMPARE(again.accepted, 3);
    QCOMPARE(eventCount(), 3);
}

void TestImportOptions::identityIgnoresMapOrder()
{
    // Two runs of the same file and map built in another order are the same import: the
    // second resumes the first (cancelled at once, so it committed nothing).
    const QString path = writeFile(QStringLiteral("order.csv"), numberedCsv(5));
    ImportOptions a;
    a.format = ImportReader::Format::Csv;
    a.fieldColumns.insert(QStringLiteral("timestamp"), QStringLiteral("When"));
    a.fieldColumns.insert(QStringLiteral("event_name"), QStringLiteral("What"));
    a.fieldColumns.insert(QStringLiteral("idempotency_key"), QStringLiteral("Key"));
    a.fieldColumns.insert(QStringLiteral("external_customer_id"), QStringLiteral("Who"));
    a.ignoredColumns = {QStringLiteral("Tokens"), QStringLiteral("Note")};
    a.cancelled = [] { return true; };
    EventImporter importer(*m_file, m_clock);
    const ImportSummary first = importer.importFile(path, a);
    QVERIFY(first.cancelled);
    ImportOptions b;
    b.format = ImportReader::Format::Csv;
    b.fieldColumns.insert(QStringLiteral("external_customer_id"), QStringLiteral("Who"));
    b.fieldColumns.insert(QStringLiteral("idempotency_key"), QStringLiteral("Key"));
    b.fieldColumns.insert(QStringLiteral("event_name"), QStringLiteral("What"));
    b.fieldColumns.insert(QStringLiteral("timestamp"), QStringLiteral("When"));
    b.ignoredColumns = {QStringLiteral("Note"), QStringLiteral("Tokens")};
    const ImportSummary second = importer.importFile(path, b);
    QCOMPARE(second.importId, first.importId);
    QCOMPARE(second.accepted, 5);
    // Another map is another import.
    b.ignoredColumns.remove(QStringLiteral("Note"));
    b.propertyColumns.insert(QStringLiteral("Note"), QStringLiteral("note"));
    const ImportSummary third = importer.importFile(path, b);
    QVERIFY(third.importId != first.importId);
    QCOMPARE(third.duplicates, 0);
    QCOMPARE(third.rejected, 5); // same keys, another body (a note property)
}

void TestImportOptions::rejectsFileFormat()
{
    const QString path = m_dir.filePath(QStringLiteral("rejects.jsonl"));
    QString error;
    QVERIFY(EventImporter::writeRejects({{4, QStringLiteral("timestamp: is required")}, {9, QStringLiteral("a \"quoted\" reason")}}, path, &error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("{\"line\":4,\"reason\":\"timestamp: is required\"}\n"
                                     "{\"line\":9,\"reason\":\"a \\\"quoted\\\" reason\"}\n"));
    QVERIFY(!EventImporter::writeRejects({}, m_dir.filePath(QStringLiteral("no/such/dir/r.jsonl")), &error));
    QVERIFY2(error.contains(QStringLiteral("no/such/dir/r.jsonl")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestImportOptions)
#include "tst_importoptions.moc"
