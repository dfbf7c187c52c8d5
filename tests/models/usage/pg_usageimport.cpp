// SPDX-License-Identifier: GPL-3.0-or-later
// Usage import on a company server against the same import into a company file: the company is
// built in a file, moved to a fresh server database, and then both import the same files
// (duplicates and conflicting duplicates within a file and across files and batches, late and
// future events, backfills, malformed rows, unknown customers) with the same clock. The event
// tables, the customer directory, the counts and every reject message must be the same; a
// malformed file changes nothing on either.
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/storage/MoveToServer.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

/// A table's rows as text, in the given order: what the two engines must agree on.
QStringList rows(Database &db, const QString &sql)
{
    QStringList out;
    QSqlQuery q = db.exec(sql);
    while (q.next()) {
        QStringList cols;
        for (int i = 0; i < q.record().count(); ++i)
            cols << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        out << cols.join(QLatin1Char('|'));
    }
    return out;
}

QStringList events(Database &db)
{
    return rows(db, QStringLiteral("SELECT seq, key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, "
                                   "backfill_id, amends, ingested_at FROM usage_events ORDER BY seq"));
}

QStringList postings(Database &db)
{
    return rows(db, QStringLiteral("SELECT ref, ts_min, ts_max, seqs FROM usage_customer_postings ORDER BY ref, ts_min, seqs"));
}

QStringList imports(Database &db)
{
    return rows(db,
                QStringLiteral("SELECT i.position, i.line, i.accepted, i.duplicates, i.rejected, i.status, i.backfill_id, "
                               "(SELECT COUNT(*) FROM usage_import_rejects r WHERE r.import_id = i.id) FROM usage_imports i ORDER BY i.started_at, i.line"));
}

QString summaryText(const ImportSummary &s, const QList<ImportReject> &rejects)
{
    QStringList out{QStringLiteral("accepted %1 duplicates %2 rejected %3 resumed %4").arg(s.accepted).arg(s.duplicates).arg(s.rejected).arg(s.resumedAtLine)};
    for (const ImportReject &r : rejects)
        out << QStringLiteral("%1: %2").arg(r.line).arg(r.reason);
    return out.join(QLatin1Char('\n'));
}

QByteArray ev(const char *key, const char *ts, const char *customer = "acme", const char *props = R"({"region":"eu"})", const char *name = "api_call")
{
    return QByteArray(R"({"event_name":")") + name + R"(","timestamp":")" + ts + R"(","idempotency_key":")" + key + R"(","external_customer_id":")" + customer
           + R"(","properties":)" + props + "}\n";
}

} // namespace

class TestServerUsageImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void sameAsFile_data();
    void sameAsFile();
    void singleEventsSameAsFile();
    void malformedFileChangesNothing();

private:
    /// Imports `content` into both companies with the same options; compares what they answer.
    void importBoth(const QByteArray &content, ImportOptions options, const char *format = "jsonl");
    void compareTables();

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<CompanyFile> m_server;
    QString m_acmeId;
    QString m_backfillId;
    int m_files = 0;
};

void TestServerUsageImport::init()
{
    static int n = 0;
    m_server.reset();
    m_file.reset();
    m_clock.set(QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC));
    CompanySettings s;
    s.name = QStringLiteral("Usage Co");
    m_file = CompanyFile::create(m_dir.filePath(QStringLiteral("u%1.orb").arg(++n)), s, m_clock);
    CustomerService customers(*m_file, m_clock);
    Customer c;
    c.name = QStringLiteral("Acme");
    c.externalCustomerId = QStringLiteral("acme");
    m_acmeId = customers.create(c).id;
    c.name = QStringLiteral("Beta");
    c.externalCustomerId = QStringLiteral("beta");
    customers.create(c);
    // A backfill for acme over the first days of March, before the move so both have its id.
    m_backfillId =
        BackfillService(*m_file, m_clock)
            .create(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 5), QTime(0, 0), Qt::UTC), QStringLiteral("acme"), false)
            .id;
    // A few events stored before the move: the server's unique index must meet them too.
    EventImporter(*m_file, m_clock).ingest({});
    const QString seed =
        orb::test::writeFile(m_dir.filePath(QStringLiteral("seed%1.jsonl").arg(n)),
                             ev("s1", "2026-03-10T09:00:00Z") + ev("s2", "2026-03-10T09:30:00Z", "beta") + ev("s3", "2026-03-10T09:45:00Z", "nobody"));
    QCOMPARE(EventImporter(*m_file, m_clock).importFile(seed, {}).accepted, 3);

    const QString url = orb::test::pgTestDatabase(QStringLiteral("usageimport%1").arg(n));
    MoveToServer::run(*m_file, url);
    m_server = CompanyFile::open(url);
    QVERIFY(m_server->db().isServer());
    compareTables();
}

void TestServerUsageImport::compareTables()
{
    QCOMPARE(events(m_server->db()), events(m_file->db()));
    QCOMPARE(postings(m_server->db()), postings(m_file->db()));
    QCOMPARE(imports(m_server->db()), imports(m_file->db()));
    QCOMPARE(rows(m_server->db(), QStringLiteral("SELECT id, events_ingested FROM usage_backfills ORDER BY id")),
             rows(m_file->db(), QStringLiteral("SELECT id, events_ingested FROM usage_backfills ORDER BY id")));
}

void TestServerUsageImport::importBoth(const QByteArray &content, ImportOptions options, const char *format)
{
    const QString path = orb::test::writeFile(m_dir.filePath(QStringLiteral("in%1.%2").arg(++m_files).arg(QLatin1String(format))), content);
    QString onFile, onServer;
    try {
        EventImporter importer(*m_file, m_clock);
        const ImportSummary s = importer.importFile(path, options);
        onFile = summaryText(s, importer.rejects(s.importId));
    } catch (const ServiceError &e) {
        onFile = QStringLiteral("refused: ") + e.message();
    }
    try {
        EventImporter importer(*m_server, m_clock);
        const ImportSummary s = importer.importFile(path, options);
        onServer = summaryText(s, importer.rejects(s.importId));
    } catch (const ServiceError &e) {
        onServer = QStringLiteral("refused: ") + e.message();
    }
    QCOMPARE(onServer, onFile);
    compareTables();
}

void TestServerUsageImport::sameAsFile_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<bool>("backfill");
    QTest::addColumn<qint64>("batchRows");

    const QByteArray mixed = ev("a1", "2026-03-10T10:00:00Z") + ev("a2", "2026-03-10T10:01:00Z", "beta")
                             + ev("a1", "2026-03-10T10:00:00Z")                               // duplicate in the file
                             + ev("a2", "2026-03-10T10:01:00Z", "beta", R"({"region":"us"})") // conflict in the file
                             + ev("s1", "2026-03-10T09:00:00Z")                               // duplicate of a stored event
                             + ev("s2", "2026-03-10T09:31:00Z", "beta")                       // conflict with a stored event
                             + "{not json\n" + ev("late", "2026-03-09T23:00:00Z")             // older than the grace period
                             + ev("future", "2026-03-10T12:30:00Z")                           // too far ahead
                             + ev("odd", "2026-03-10T11:00:00Z", "acme", R"({"path":"a\\b\tc\nd","n":1.50,"u":"\u00e9\u20ac"})")
                             + ev("unknown", "2026-03-10T11:00:00Z", "newcomer") + ev("a3", "2026-03-10T11:10:00Z")
                             + R"({"event_name":"api_call","timestamp":"2026-03-10T11:00:00Z","external_customer_id":"acme"})"
                               "\n"
                             + ev("a3", "2026-03-10T11:10:00Z", "acme", R"({"region":"eu","x":null})");
    const QByteArray again = ev("a1", "2026-03-10T10:00:00Z") + ev("a2", "2026-03-10T10:01:00Z", "beta", R"({"region":"us"})")
                             + ev("b1", "2026-03-10T11:59:00Z") + ev("b1", "2026-03-10T11:59:00Z") + ev("odd", "2026-03-10T11:00:00Z", "acme", R"({"n":1.5})")
                             + "\n"
                             + ev("b2", "2026-03-10T11:58:00Z", "beta")
                             // A stored key twice in one batch: the first with another body (a
                             // conflict), the second the stored one's (a duplicate: a row meets
                             // the stored original, not the batch's first row of its key).
                             + ev("s1", "2026-03-10T09:00:00Z", "beta") + ev("s1", "2026-03-10T09:00:00Z");
    QTest::newRow("one batch") << mixed << again << false << qint64(20000);
    QTest::newRow("batches of three") << mixed << again << false << qint64(3);
    QTest::newRow("batches of one") << mixed << again << false << qint64(1);

    const QByteArray history = ev("h1", "2026-03-02T10:00:00Z") + ev("h2", "2026-03-03T10:00:00Z") + ev("h1", "2026-03-02T10:00:00Z")
                               + ev("h3", "2026-02-27T10:00:00Z")         // outside the backfill's timeframe
                               + ev("h4", "2026-03-02T10:00:00Z", "beta") // another customer
                               + ev("s1", "2026-03-10T09:00:00Z")         // stored, outside the timeframe
                               + ev("h2", "2026-03-03T10:00:01Z");        // conflict
    QTest::newRow("backfill") << history << history << true << qint64(2);
}

void TestServerUsageImport::sameAsFile()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(bool, backfill);
    QFETCH(qint64, batchRows);
    ImportOptions options;
    options.batchRows = batchRows;
    options.checkpointRows = batchRows * 2; // several checkpoints, each with its directory rows
    if (backfill)
        options.backfillId = m_backfillId;
    importBoth(first, options);
    m_clock.set(m_clock.now().addSecs(60));
    importBoth(second, options);
    // The server's events were written by the server path, not copied by the move.
    QVERIFY(m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM usage_events")).toLongLong() > 4);

    // CSV through its own reader, with the same dedup against what the JSON Lines files stored.
    const QByteArray csv = "event_name,timestamp,idempotency_key,external_customer_id,region\n"
                           "api_call,2026-03-10T11:30:00Z,c1,acme,eu\n"
                           "api_call,2026-03-10T11:30:00Z,c1,acme,eu\n"
                           "api_call,2026-03-10T11:30:00Z,c1,acme,us\n"
                           "api_call,2026-03-10T11:30:00Z,a1,acme,eu\n"
                           "api_call,not a time,c2,acme,eu\n";
    ImportOptions csvOptions = options;
    csvOptions.format = ImportReader::Format::Csv;
    csvOptions.propertyColumns.insert(QStringLiteral("region"), QStringLiteral("region"));
    importBoth(csv, csvOptions, "csv");
}

void TestServerUsageImport::singleEventsSameAsFile()
{
    const auto parse = [](const QByteArray &line) {
        JsonParseError error;
        const auto e = EventParser::parse(line.trimmed(), &error);
        if (!e)
            qFatal("bad test event: %s", qPrintable(error.toString()));
        return *e;
    };
    const QList<Event> list{parse(ev("e1", "2026-03-10T11:00:00Z")),         parse(ev("e1", "2026-03-10T11:00:00Z")),
                            parse(ev("e1", "2026-03-10T11:00:01Z")),         parse(ev("s1", "2026-03-10T09:00:00Z")),
                            parse(ev("s3", "2026-03-10T09:45:00Z", "acme")), parse(ev("old", "2026-03-01T09:00:00Z")),
                            parse(ev("e2", "2026-03-10T11:00:00Z", "beta"))};
    const auto text = [](const QList<IngestResult> &r) {
        QStringList out;
        for (const IngestResult &x : r)
            out << QStringLiteral("%1 %2").arg(int(x.outcome)).arg(x.reason);
        return out;
    };
    const QStringList onFile = text(EventImporter(*m_file, m_clock).ingest(list));
    const QStringList onServer = text(EventImporter(*m_server, m_clock).ingest(list));
    QCOMPARE(onServer, onFile);
    QCOMPARE(onFile.count(QStringLiteral("0 ")), 2); // e1 and e2 accepted, the rest not
    compareTables();
}

void TestServerUsageImport::malformedFileChangesNothing()
{
    const QStringList before = events(m_server->db());
    const qint64 importsBefore = m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM usage_imports")).toLongLong();
    // A CSV file without the columns an event needs is refused as a whole, on both engines.
    importBoth(
        "when,who\n2026-03-10T11:00:00Z,acme\n",
        [] {
            ImportOptions o;
            o.format = ImportReader::Format::Csv;
            return o;
        }(),
        "csv");
    // A file that is not there.
    ImportOptions none;
    QVERIFY_THROWS_EXCEPTION(ServiceError, EventImporter(*m_server, m_clock).importFile(m_dir.filePath(QStringLiteral("missing.jsonl")), none));
    QCOMPARE(events(m_server->db()), before);
    QCOMPARE(m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM usage_imports")).toLongLong(), importsBefore);
}

QTEST_GUILESS_MAIN(TestServerUsageImport)
#include "pg_usageimport.moc"
