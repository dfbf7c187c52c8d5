// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"
#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/catalog/MetricRepository.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"
#include "models/usage/PeriodAggregator.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageLocks.h"
#include "models/usage/UsageQueryService.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// Ingestion rules, imports, corrections, backfills, locks and aggregation through the store.
class TestUsageIngest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void ingestionRules();
    void unknownExternalCustomerAttachesLater();
    void jsonlEdgeCases();
    void csvEdgeCases();
    void csvMissingColumnsRejectFile();
    void amendAndDeprecate();
    void backfillLifecycle();
    void locksProtectInvoicedPeriods();
    void aggregationPerType_data();
    void aggregationPerType();
    void granularityAcrossDst();
    void periodAggregatorAllCustomers();

private:
    Event event(const QString &key, const QString &ts, const QString &customer = QStringLiteral("acme"), const QString &props = QStringLiteral("{}"),
                const QString &name = QStringLiteral("api_call")) const;
    QString writeFile(const QString &name, const QByteArray &content);
    void addMetric(const QByteArray &json);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_acmeId;
};

Event TestUsageIngest::event(const QString &key, const QString &ts, const QString &customer, const QString &props, const QString &name) const
{
    const QString json = QStringLiteral(R"({"event_name":"%1","timestamp":"%2","idempotency_key":"%3","external_customer_id":"%4","properties":%5})")
                             .arg(name, ts, key, customer, props);
    JsonParseError error;
    const auto e = EventParser::parse(json.toUtf8(), &error);
    if (!e)
        qFatal("bad test event: %s", qPrintable(error.toString()));
    return *e;
}

QString TestUsageIngest::writeFile(const QString &name, const QByteArray &content)
{
    return orb::test::writeFile(m_dir.filePath(name), content);
}

void TestUsageIngest::addMetric(const QByteArray &json)
{
    FieldErrors errors;
    auto m = MetricDefinition::fromJson(json, &errors);
    QVERIFY2(m, qPrintable(joinErrors(errors)));
    m->setId(m->name());
    MetricRepository(m_file->db()).insert(*m, m_clock.now());
}

void TestUsageIngest::init()
{
    static int n = 0;
    m_file.reset();
    m_clock.set(QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC));
    CompanySettings s;
    s.name = QStringLiteral("Usage Co");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("u%1.orb").arg(++n)), s, m_clock);
    CustomerService customers(*m_file, m_clock);
    Customer c;
    c.name = QStringLiteral("Acme");
    c.externalCustomerId = QStringLiteral("acme");
    c.timezone = QStringLiteral("Europe/Amsterdam");
    m_acmeId = customers.create(c).id;
}

void TestUsageIngest::ingestionRules()
{
    EventImporter importer(*m_file, m_clock);
    Event byId = event(QStringLiteral("k5"), QStringLiteral("2026-03-10T11:00:00Z"));
    byId.externalCustomerId.clear();
    byId.customerId = m_acmeId;
    Event unknownId = byId;
    unknownId.idempotencyKey = QStringLiteral("k6");
    unknownId.customerId = QStringLiteral("nope");
    const QList<IngestResult> r = importer.ingest({
        event(QStringLiteral("k1"), QStringLiteral("2026-03-10T11:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"n":1})")),
        event(QStringLiteral("k1"), QStringLiteral("2026-03-10T12:00:00+01:00"), QStringLiteral("acme"), QStringLiteral(R"({"n":1})")), // same body, other zone
        event(QStringLiteral("k1"), QStringLiteral("2026-03-10T11:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"n":1.0})")),    // other body
        event(QStringLiteral("k2"), QStringLiteral("2026-03-10T12:05:00Z")),                  // exactly 5 minutes ahead: accepted
        event(QStringLiteral("k3"), QStringLiteral("2026-03-10T12:05:00.001Z")),              // just over
        event(QStringLiteral("k4"), QStringLiteral("2026-03-09T23:59:59.999Z")),              // older than 12 hours
        byId, unknownId, event(QStringLiteral("k7"), QStringLiteral("2026-03-10T00:00:00Z")), // exactly 12 hours old: accepted
    });
    QCOMPARE(r.size(), 9);
    QCOMPARE(r[0].outcome, IngestOutcome::Accepted);
    QCOMPARE(r[1].outcome, IngestOutcome::Duplicate);
    QCOMPARE(r[2].outcome, IngestOutcome::Rejected);
    QCOMPARE(r[2].reason, QStringLiteral("idempotency_key: \"k1\" was already ingested with a different body"));
    QCOMPARE(r[3].outcome, IngestOutcome::Accepted);
    QCOMPARE(r[4].outcome, IngestOutcome::Rejected);
    QCOMPARE(r[4].reason, QStringLiteral("timestamp: 2026-03-10T12:05:00.001Z is more than 5 minutes in the future"));
    QCOMPARE(r[5].outcome, IngestOutcome::Rejected);
    QVERIFY(r[5].reason.contains(QStringLiteral("older than the grace period of 12 hours")));
    QCOMPARE(r[6].outcome, IngestOutcome::Accepted);
    QCOMPARE(r[7].outcome, IngestOutcome::Rejected);
    QCOMPARE(r[7].reason, QStringLiteral("customer_id: no customer has the id \"nope\""));
    QCOMPARE(r[8].outcome, IngestOutcome::Accepted);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events")).toInt(), 4);

    // The grace period is a company setting.
    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("48"));
    QCOMPARE(importer.ingest({event(QStringLiteral("k4"), QStringLiteral("2026-03-09T23:59:59.999Z"))}).first().outcome, IngestOutcome::Accepted);
}

void TestUsageIngest::unknownExternalCustomerAttachesLater()
{
    addMetric(R"({"name": "calls", "event_name": "api_call", "aggregation": "count"})");
    EventImporter importer(*m_file, m_clock);
    QCOMPARE(importer.ingest({event(QStringLiteral("a"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("later"))}).first().outcome,
             IngestOutcome::Accepted);
    Customer c;
    c.name = QStringLiteral("Later");
    c.externalCustomerId = QStringLiteral("later");
    c.timezone = QStringLiteral("UTC");
    CustomerService(*m_file, m_clock).create(c);
    UsageRequest r{QStringLiteral("later"),
                   QStringLiteral("calls"),
                   QDateTime(QDate(2026, 3, 10), QTime(0, 0), Qt::UTC),
                   QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC),
                   std::nullopt,
                   {}};
    QCOMPARE(UsageQueryService(*m_file).usage(r).buckets.first().usage.total.toString(), QStringLiteral("1"));
}

void TestUsageIngest::jsonlEdgeCases()
{
    QByteArray content = "\xEF\xBB\xBF"; // BOM
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j1","external_customer_id":"acme"})"
               "\r\n";
    content += "\r\n"; // blank line: not a row
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j2"})"
               "\n";
    content += "{\"event_name\":\"api_call\",\"timestamp\":\"2026-03-10T10:00:00Z\",\"idempotency_key\":\"j3\",\"external_customer_id\":\"a\xC3\x28\"}\n";
    content += "{\"event_name\":\"" + QByteArray(ImportReader::MaxRowBytes + 10, 'x') + "\"}\n";
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:00Z","idempotency_key":"j1","external_customer_id":"acme"})"
               "\n";
    content += R"({"event_name":"api_call","timestamp":"2026-03-10T10:00:01Z","idempotency_key":"j4","external_customer_id":"acme"})"; // no final newline
    const QString path = writeFile(QStringLiteral("edge.jsonl"), content);
    EventImporter importer(*m_file, m_clock);
    const ImportSummary s = importer.importFile(path, {});
    QCOMPARE(s.accepted, 2);
    QCOMPARE(s.duplicates, 1);
    QCOMPARE(s.rejected, 3);
    const QList<ImportReject> rejects = importer.rejects(s.importId);
    QCOMPARE(rejects.size(), 3);
    QCOMPARE(rejects[0].line, 3);
    QVERIFY2(rejects[0].reason.contains(QStringLiteral("customer_id")), qPrintable(rejects[0].reason));
    QCOMPARE(rejects[1].line, 4);
    QVERIFY2(rejects[1].reason.contains(QStringLiteral("UTF-8")), qPrintable(rejects[1].reason));
    QCOMPARE(rejects[2].line, 5);
    QCOMPARE(rejects[2].reason, QStringLiteral("the line is longer than 1048576 bytes"));
}

void TestUsageIngest::csvEdgeCases()
{
    QByteArray content = "\xEF\xBB\xBF";
    content += "event_name,timestamp,idempotency_key,external_customer_id,properties.note,properties.tokens,properties.cached,tok\r\n";
    content += "api_call,2026-03-10T10:00:00Z,c1,acme,\"hello, \"\"world\"\"\",12.50,true,7\r\n";
    content += "api_call,2026-03-10T10:00:00Z,c2,acme,\"two\nlines\",,false,\r\n"; // quoted newline: one row over lines 3-4
    content += "api_call,2026-03-10T10:00:00Z,c3,acme,x\r\n";                      // too few fields (line 5)
    content += "api_call,not a time,c4,acme,,,,\r\n";                              // line 6
    content += "api_call,2026-03-10T10:00:00Z,c5,acme,\xFF\xFE,,,\r\n";            // bad UTF-8 (line 7)
    content += ",2026-03-10T10:00:00Z,c6,acme,,,,\r\n";                            // missing event name (line 8)
    content += "api_call,2026-03-10T10:00:00Z,c7,acme,\"a\",1e2,,\r\n";
    const QString path = writeFile(QStringLiteral("edge.csv"), content);
    EventImporter importer(*m_file, m_clock);
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    o.propertyColumns.insert(QStringLiteral("tok"), QStringLiteral("tokens_mapped"));
    const ImportSummary s = importer.importFile(path, o);
    QCOMPARE(s.accepted, 3);
    QCOMPARE(s.rejected, 4);
    const QList<ImportReject> rejects = importer.rejects(s.importId);
    QCOMPARE(rejects[0].line, 5);
    QCOMPARE(rejects[0].reason, QStringLiteral("the row has 5 fields, the header 8"));
    QCOMPARE(rejects[1].line, 6);
    QCOMPARE(rejects[1].reason, QStringLiteral("timestamp: \"not a time\" is not an ISO 8601 timestamp with a zone"));
    QCOMPARE(rejects[2].line, 7);
    QCOMPARE(rejects[2].reason, QStringLiteral("field 5: not valid UTF-8"));
    QCOMPARE(rejects[3].line, 8);
    QCOMPARE(rejects[3].reason, QStringLiteral("event_name: is required"));
    UsageEventService events(*m_file, m_clock);
    QCOMPARE(events.current(QStringLiteral("c1")).row.properties, QByteArray(R"({"cached":true,"note":"hello, \"world\"","tokens":12.50,"tokens_mapped":7})"));
    QCOMPARE(events.current(QStringLiteral("c2")).row.properties, QByteArray(R"({"cached":false,"note":"two\nlines"})"));
    QCOMPARE(events.current(QStringLiteral("c7")).row.properties, QByteArray(R"({"note":"a","tokens":1e2})"));
}

void TestUsageIngest::csvMissingColumnsRejectFile()
{
    const QString path = writeFile(QStringLiteral("bad.csv"), "event_name,timestamp,color\n");
    ImportOptions o;
    o.format = ImportReader::Format::Csv;
    try {
        EventImporter(*m_file, m_clock).importFile(path, o);
        QFAIL("a CSV without the required columns must be refused");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.message().contains(QStringLiteral("unknown column \"color\"")), qPrintable(e.message()));
        QVERIFY(e.message().contains(QStringLiteral("idempotency_key is missing")));
    }
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_imports")).toInt(), 0);
}

void TestUsageIngest::amendAndDeprecate()
{
    addMetric(R"({"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens"})");
    EventImporter importer(*m_file, m_clock);
    importer.ingest({event(QStringLiteral("e1"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"tokens":10})"),
                           QStringLiteral("completion")),
                     event(QStringLiteral("e2"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"tokens":5})"),
                           QStringLiteral("completion"))});
    UsageEventService service(*m_file, m_clock);
    const StoredEvent amended = service.amend(QStringLiteral("e1"), R"({"tokens": 12.5})");
    QCOMPARE(amended.row.properties, QByteArray(R"({"tokens":12.5})"));
    QVERIFY(amended.amends > 0);
    UsageRequest r{QStringLiteral("acme"),
                   QStringLiteral("tokens"),
                   QDateTime(QDate(2026, 3, 10), QTime(0, 0), Qt::UTC),
                   QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC),
                   std::nullopt,
                   {}};
    QCOMPARE(UsageQueryService(*m_file).usage(r).buckets.first().usage.total.toString(), QStringLiteral("17.5"));
    // The original is kept, superseded; sending it again is still a duplicate.
    EventSearch all;
    all.includeAllVersions = true;
    QCOMPARE(service.search(all).size(), 3);
    QCOMPARE(importer
                 .ingest({event(QStringLiteral("e1"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"tokens":10})"),
                                QStringLiteral("completion"))})
                 .first()
                 .outcome,
             IngestOutcome::Duplicate);
    service.deprecate(QStringLiteral("e2"));
    QCOMPARE(UsageQueryService(*m_file).usage(r).buckets.first().usage.total.toString(), QStringLiteral("12.5"));
    QCOMPARE(service.current(QStringLiteral("e2")).status, UsageEventStatus::Deprecated);
    try {
        service.deprecate(QStringLiteral("e2"));
        QFAIL("deprecating twice must be refused");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    try {
        service.amend(QStringLiteral("e1"), R"({"nested": {"a": 1}})");
        QFAIL("nested properties must be refused");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
    }
    try {
        service.amend(QStringLiteral("missing"), "{}");
        QFAIL("an unknown key must be NotFound");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
    }
}

void TestUsageIngest::backfillLifecycle()
{
    addMetric(R"({"name": "calls", "event_name": "api_call", "aggregation": "count"})");
    EventImporter importer(*m_file, m_clock);
    // Live events of today, and history that only a backfill may bring.
    QCOMPARE(importer.ingest({event(QStringLiteral("live"), QStringLiteral("2026-03-10T10:00:00Z"))}).first().outcome, IngestOutcome::Accepted);
    BackfillService backfills(*m_file, m_clock);
    // Replace the whole of 2026-03-10 for acme.
    const Backfill b =
        backfills.create(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC), QStringLiteral("acme"), true);
    QCOMPARE(b.status, QStringLiteral("pending"));
    const QString jsonl =
        writeFile(QStringLiteral("bf.jsonl"),
                  R"({"event_name":"api_call","timestamp":"2026-03-02T10:00:00Z","idempotency_key":"b1","external_customer_id":"acme"})"
                  "\n"
                  R"({"event_name":"api_call","timestamp":"2026-03-03T10:00:00Z","idempotency_key":"b2","customer_id":")"
                      + m_acmeId.toUtf8()
                      + R"("})"
                        "\n"
                        R"({"event_name":"api_call","timestamp":"2026-02-27T10:00:00Z","idempotency_key":"b3","external_customer_id":"acme"})"
                        "\n"
                        R"({"event_name":"api_call","timestamp":"2026-03-02T10:00:00Z","idempotency_key":"b4","external_customer_id":"other"})"
                        "\n");
    ImportOptions o;
    o.backfillId = b.id;
    const ImportSummary s = EventImporter(*m_file, m_clock).importFile(jsonl, o);
    QCOMPARE(s.accepted, 2);
    QCOMPARE(s.rejected, 2);
    const QList<ImportReject> rejects = importer.rejects(s.importId);
    QVERIFY2(rejects[0].reason.contains(QStringLiteral("outside the backfill's timeframe")), qPrintable(rejects[0].reason));
    QVERIFY2(rejects[1].reason.contains(QStringLiteral("is for customer")), qPrintable(rejects[1].reason));
    QCOMPARE(backfills.get(b.id).eventsIngested, 2);
    UsageRequest r{QStringLiteral("acme"),
                   QStringLiteral("calls"),
                   QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC),
                   QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC),
                   std::nullopt,
                   {}};
    auto total = [&] { return UsageQueryService(*m_file).usage(r).buckets.first().usage.total.toString(); };
    QCOMPARE(total(), QStringLiteral("1")); // pending events do not count yet
    QCOMPARE(backfills.close(b.id).status, QStringLiteral("reflected"));
    QCOMPARE(total(), QStringLiteral("2")); // the live event is replaced
    try {
        backfills.close(b.id);
        QFAIL("closing twice must be refused");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    QCOMPARE(backfills.revert(b.id).status, QStringLiteral("reverted"));
    QCOMPARE(total(), QStringLiteral("1")); // back to the live event
    QCOMPARE(backfills.list().size(), 1);
}

void TestUsageIngest::locksProtectInvoicedPeriods()
{
    EventImporter importer(*m_file, m_clock);
    importer.ingest({event(QStringLiteral("l1"), QStringLiteral("2026-03-10T10:00:00Z"))});
    UsageLocks(m_file->db()).lock(m_acmeId, QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC));
    UsageEventService service(*m_file, m_clock);
    // The lock ends at 10:00 exclusive: the event at 10:00 is just outside it.
    service.amend(QStringLiteral("l1"), R"({"a":1})");
    UsageLocks(m_file->db()).lock(m_acmeId, QDateTime(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC), QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC));
    for (int action = 0; action < 2; ++action) {
        try {
            if (action == 0)
                service.amend(QStringLiteral("l1"), R"({"a":2})");
            else
                service.deprecate(QStringLiteral("l1"));
            QFAIL("a locked period must refuse the change");
        } catch (const ServiceError &e) {
            QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("already invoiced")), qPrintable(e.message()));
        }
    }
    QCOMPARE(service.current(QStringLiteral("l1")).row.properties, QByteArray(R"({"a":1})"));
    BackfillService backfills(*m_file, m_clock);
    try {
        backfills.create(QDateTime(QDate(2026, 2, 25), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 2), QTime(0, 0), Qt::UTC), QStringLiteral("acme"),
                         false);
        QFAIL("a backfill over a locked period must be refused");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    // Just before the lock is fine.
    QCOMPARE(
        backfills.create(QDateTime(QDate(2026, 2, 25), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QStringLiteral("acme"), false)
            .status,
        QStringLiteral("pending"));
}

void TestUsageIngest::aggregationPerType_data()
{
    QTest::addColumn<QByteArray>("metric");
    QTest::addColumn<QString>("expected");
    // Events (below): v = 3, 7.5, "4" (numeric string), missing, 7.5; at 10:00, 10:10, 10:20, 10:30, 10:40.
    QTest::newRow("count") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "count"})") << QStringLiteral("5");
    QTest::newRow("sum") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "sum", "property": "v"})") << QStringLiteral("22.0");
    QTest::newRow("max") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "max", "property": "v"})") << QStringLiteral("7.5");
    QTest::newRow("min") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "min", "property": "v"})") << QStringLiteral("3");
    QTest::newRow("average") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "average", "property": "v"})") << QStringLiteral("5.5");
    QTest::newRow("unique_count") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "unique_count", "property": "v"})") << QStringLiteral("3");
    QTest::newRow("latest") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "latest", "property": "v"})") << QStringLiteral("7.5");
    // Over [10:00, 11:00): 3×60 + 7.5×50 + 4×40 + 7.5×20 = 865 minutes·units, ÷ 60 = 14.41666…
    QTest::newRow("weighted_sum") << QByteArray(R"({"name": "m", "event_name": "e", "aggregation": "weighted_sum", "property": "v"})")
                                  << QStringLiteral("14.41666666666666666667");
    QTest::newRow("filtered sum") << QByteArray(
        R"({"name": "m", "event_name": "e", "aggregation": "sum", "property": "v", "filters": {"property": "r", "operator": "equals", "value": "eu"}})")
                                  << QStringLiteral("10.5");
}

void TestUsageIngest::aggregationPerType()
{
    QFETCH(QByteArray, metric);
    QFETCH(QString, expected);
    addMetric(metric);
    const QStringList props = {QStringLiteral(R"({"v":3,"r":"eu"})"), QStringLiteral(R"({"v":7.5,"r":"eu"})"), QStringLiteral(R"({"v":"4","r":"us"})"),
                               QStringLiteral(R"({"r":"us"})"), QStringLiteral(R"({"v":7.5})")};
    QList<Event> events;
    for (int i = 0; i < props.size(); ++i)
        events << event(QStringLiteral("a%1").arg(i), QStringLiteral("2026-03-10T10:%1:00Z").arg(i * 10, 2, 10, QLatin1Char('0')), QStringLiteral("acme"),
                        props[i], QStringLiteral("e"));
    events << event(QStringLiteral("outside"), QStringLiteral("2026-03-10T11:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"v":100})"),
                    QStringLiteral("e"));
    EventImporter(*m_file, m_clock).ingest(events);
    UsageRequest r{QStringLiteral("acme"),
                   QStringLiteral("m"),
                   QDateTime(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC),
                   QDateTime(QDate(2026, 3, 10), QTime(11, 0), Qt::UTC),
                   std::nullopt,
                   {}};
    QCOMPARE(UsageQueryService(*m_file).usage(r).buckets.first().usage.total.toString(), expected);
}

void TestUsageIngest::granularityAcrossDst()
{
    addMetric(R"({"name": "calls", "event_name": "api_call", "aggregation": "count", "group_by": "region"})");
    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("100000"));
    m_clock.set(QDateTime(QDate(2026, 4, 10), QTime(0, 0), Qt::UTC));
    // Amsterdam moves to summer time on 2026-03-29 (that day lasts 23 hours, 22:00Z on the 28th to 22:00Z on the 29th).
    EventImporter(*m_file, m_clock)
        .ingest({
            event(QStringLiteral("d1"), QStringLiteral("2026-03-28T22:59:59Z"), QStringLiteral("acme"), QStringLiteral(R"({"region":"eu"})")), // 29th local
            event(QStringLiteral("d2"), QStringLiteral("2026-03-29T21:59:59Z"), QStringLiteral("acme"),
                  QStringLiteral(R"({"region":"us"})")), // 29th 23:59:59 CEST
            event(QStringLiteral("d3"), QStringLiteral("2026-03-29T22:00:00Z"), QStringLiteral("acme"),
                  QStringLiteral(R"({"region":"eu"})")), // 30th 00:00 CEST
            event(QStringLiteral("d4"), QStringLiteral("2026-03-28T22:00:00Z"), QStringLiteral("acme"), QStringLiteral(R"({"region":"eu"})")), // 29th 00:00 CET
            event(QStringLiteral("d5"), QStringLiteral("2026-03-28T21:59:59Z"), QStringLiteral("acme"), QStringLiteral(R"({"region":"eu"})")), // 28th
        });
    const QTimeZone zone("Europe/Amsterdam");
    UsageRequest r{QStringLiteral("acme"),
                   QStringLiteral("calls"),
                   UsageQueryService::parseBound(QStringLiteral("2026-03-28"), zone),
                   UsageQueryService::parseBound(QStringLiteral("2026-03-31"), zone),
                   BucketSize::Day,
                   {}};
    QCOMPARE(r.start, QDateTime(QDate(2026, 3, 27), QTime(23, 0), Qt::UTC));
    const UsageReport report = UsageQueryService(*m_file).usage(r);
    QCOMPARE(report.buckets.size(), 3);
    QCOMPARE(report.buckets[1].bucket.start, QDateTime(QDate(2026, 3, 28), QTime(23, 0), Qt::UTC));
    QCOMPARE(report.buckets[1].bucket.end, QDateTime(QDate(2026, 3, 29), QTime(22, 0), Qt::UTC));
    // The 28th (CET) holds d5, d4 and d1; the 23-hour 29th holds d2; the 30th (CEST) d3.
    QCOMPARE(report.buckets[0].usage.total.toString(), QStringLiteral("3"));
    QCOMPARE(report.buckets[1].usage.total.toString(), QStringLiteral("1"));
    QCOMPARE(report.buckets[2].usage.total.toString(), QStringLiteral("1"));
    // Grouped by the metric's group_by.
    QCOMPARE(report.buckets[0].usage.groups.size(), 1);
    QCOMPARE(report.buckets[1].usage.groups.size(), 1);
    QCOMPARE(report.buckets[1].usage.groups.first().values, QStringList{QStringLiteral("us")});
    QCOMPARE(report.matchedEvents, 5);
    UsageRequest week = r;
    week.granularity = BucketSize::Week;
    week.groupBy = QStringLiteral("region");
    const UsageReport w = UsageQueryService(*m_file).usage(week);
    QCOMPARE(w.buckets.size(), 2); // Mon 23 – Sun 29, Mon 30
    QCOMPARE(w.buckets[0].usage.total.toString(), QStringLiteral("4"));
}

void TestUsageIngest::periodAggregatorAllCustomers()
{
    addMetric(R"({"name": "calls", "event_name": "api_call", "aggregation": "count"})");
    addMetric(R"({"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens"})");
    EventImporter importer(*m_file, m_clock);
    Event byId = event(QStringLiteral("p3"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("x"), QStringLiteral(R"({"tokens":2})"),
                       QStringLiteral("completion"));
    byId.externalCustomerId.clear();
    byId.customerId = m_acmeId;
    const QList<IngestResult> results = importer.ingest({event(QStringLiteral("p1"), QStringLiteral("2026-03-10T10:00:00Z")),
                                                         event(QStringLiteral("p2"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("acme"),
                                                               QStringLiteral(R"({"tokens":40})"), QStringLiteral("completion")),
                                                         byId, event(QStringLiteral("p4"), QStringLiteral("2026-03-10T10:00:00Z"), QStringLiteral("ghost"))});
    for (const IngestResult &r : results)
        QVERIFY2(r.outcome == IngestOutcome::Accepted, qPrintable(r.reason));
    MetricRepository metrics(m_file->db());
    PeriodAggregator agg(m_file->db(), metrics.list(), QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC));
    QMap<QString, QString> got;
    agg.run([&](const CustomerMetricUsage &u) {
        got.insert((u.customerId.isEmpty() ? QStringLiteral("ext:") + u.externalCustomerId : u.customerId) + QLatin1Char('/') + u.metricId,
                   u.usage.total.toString());
    });
    QCOMPARE(agg.rowsScanned(), 4);
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.value(m_acmeId + QStringLiteral("/calls")), QStringLiteral("1"));
    QCOMPARE(got.value(m_acmeId + QStringLiteral("/tokens")), QStringLiteral("42")); // by id and by external id together
    QCOMPARE(got.value(QStringLiteral("ext:ghost/calls")), QStringLiteral("1"));
    QCOMPARE(agg.rowsScanned(), 4);
}

QTEST_GUILESS_MAIN(TestUsageIngest)
#include "tst_usageingest.moc"
