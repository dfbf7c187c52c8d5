// SPDX-License-Identifier: GPL-3.0-or-later
// The request handling of Orb's REST API in process (no sockets): authentication, roles, Orb's
// error object, body limits, pagination, Idempotency-Key and ingestion rules, over a fresh
// company per test (a file, or a database on the test cluster in the suite's _pg run).
#include "app/api/ApiHandler.h"
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/api/ApiKeyService.h"
#include "models/billing/LedgerService.h"
#include "tests/support/CompanyFixture.h"

#include <QJsonArray>
#include <functional>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace orb;
using namespace orb::api;

class TestApiHandler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void authentication_data();
    void authentication();
    void roles_data();
    void roles();
    void malformedBodies_data();
    void malformedBodies();
    void bodyLimit();
    void unknownPathAndMethod();
    void pagination();
    void idempotencyReplaysAndRefuses();
    void writesLeaveAuditEntries();
    void ingestDedupConflictAndGrace();
    void ingestAtMost500();
    void revokedKeyRefusedWithinSeconds();
    void groupedIngestAnswersEachAsAlone();
    void keyUseRecordedAtMostOnceAMinute();
    void balanceTransactionsPageByKeyset();
    void creditsPageByKeyset();
    void backfillTimeframes_data();
    void backfillTimeframes();

private:
    /// Every page of a list (limit 2), each id in order; fails on a repeated id.
    QStringList pages(const QString &path, int *pageCount = nullptr, const std::function<void(int)> &betweenPages = {});
    ApiRequest request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {}, const QString &key = QString()) const;
    static QJsonObject json(const ApiResponse &r) { return QJsonDocument::fromJson(r.body).object(); }
    static QString type(const ApiResponse &r) { return json(r).value(QStringLiteral("type")).toString().section(QLatin1Char('#'), 1); }

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<ApiHandler> m_handler;
    QHash<QString, NewApiKey> m_keys; ///< by role
};

void TestApiHandler::init()
{
    m_clock.set(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC));
    CompanySettings s;
    s.name = QStringLiteral("Test Co");
    s.timezone = QStringLiteral("UTC");
    static int n = 0;
    // The rows of the authentication and role tables only read (a ping, the lists, an empty
    // ingest): they share the company their function's first row made (on the server engine
    // each company is a database moved to the cluster). Every other test gets a fresh one.
    static QByteArray sharedBy;
    const QByteArray function = QTest::currentTestFunction();
    const bool readOnlyTable = function == "authentication" || function == "roles";
    if (readOnlyTable && sharedBy == function && m_handler)
        return;
    sharedBy = readOnlyTable ? function : QByteArray();
    // The handler's ingest store keeps statements prepared on the company's connection: it
    // goes first, or the old file's connection cannot close.
    m_handler.reset();
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++n)), s, m_clock);
    m_handler = std::make_unique<ApiHandler>(*m_file, m_clock, 64 * 1024);
    ApiKeyService keys(*m_file, m_clock);
    m_keys.clear();
    for (const QString &role : ApiKeyService::roles())
        m_keys.insert(role, keys.create(role + QStringLiteral(" key"), role));
}

ApiRequest TestApiHandler::request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, const QString &key) const
{
    ApiRequest r;
    r.method = method;
    const QUrl url(QStringLiteral("http://127.0.0.1") + pathAndQuery);
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url);
    r.body = body;
    const QString secret = key.isNull() ? m_keys.value(QStringLiteral("admin")).secret : key;
    if (!secret.isEmpty())
        r.headers.insert("authorization", "Bearer " + secret.toUtf8());
    return r;
}

void TestApiHandler::authentication_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("not bearer") << QByteArray("Basic abc") << 401;
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << 401;
    QTest::newRow("unknown key") << QByteArray("Bearer orb_unknownkeyunknownkeyunknownkey") << 401;
    QTest::newRow("admin key") << QByteArray("ADMIN") << 200;
}

void TestApiHandler::authentication()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    ApiRequest r = request("GET", QStringLiteral("/v1/ping"), {}, QStringLiteral(""));
    if (header == "ADMIN")
        header = "Bearer " + m_keys.value(QStringLiteral("admin")).secret.toUtf8();
    if (!header.isEmpty())
        r.headers.insert("authorization", header);
    const ApiResponse res = m_handler->handle(r);
    QCOMPARE(res.status, status);
    if (status == 401) {
        QCOMPARE(type(res), QStringLiteral("401-authentication-error"));
        QCOMPARE(json(res).value(QStringLiteral("status")).toInt(), 401);
        QVERIFY(!json(res).value(QStringLiteral("detail")).toString().isEmpty());
    } else {
        QCOMPARE(json(res).value(QStringLiteral("response")).toString(), QStringLiteral("pong"));
    }
}

void TestApiHandler::roles_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QByteArray noEvents = R"({"events": []})";
    for (const QString &role : {QStringLiteral("admin"), QStringLiteral("billing"), QStringLiteral("ingest")}) {
        const bool ingestOnly = role == QLatin1String("ingest");
        const QByteArray r = role.toUtf8();
        QTest::addRow("%s ping", r.constData()) << role << QByteArray("GET") << QStringLiteral("/v1/ping") << QByteArray() << 200;
        QTest::addRow("%s ingest", r.constData()) << role << QByteArray("POST") << QStringLiteral("/v1/ingest") << noEvents << 200;
        QTest::addRow("%s customers", r.constData()) << role << QByteArray("GET") << QStringLiteral("/v1/customers") << QByteArray()
                                                     << (ingestOnly ? 403 : 200);
        QTest::addRow("%s invoices", r.constData()) << role << QByteArray("GET") << QStringLiteral("/v1/invoices") << QByteArray() << (ingestOnly ? 403 : 200);
        QTest::addRow("%s backfills", r.constData()) << role << QByteArray("GET") << QStringLiteral("/v1/events/backfills") << QByteArray()
                                                     << (ingestOnly ? 403 : 200);
    }
}

void TestApiHandler::roles()
{
    QFETCH(QString, role);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const ApiResponse res = m_handler->handle(request(method, path, body, m_keys.value(role).secret));
    QCOMPARE(res.status, status);
    if (status == 403)
        QVERIFY(json(res).value(QStringLiteral("detail")).toString().contains(QStringLiteral("ingest")));
}

void TestApiHandler::malformedBodies_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("typeSlug");
    QTest::addColumn<QString>("detailHas");
    QTest::newRow("customers: truncated JSON") << QStringLiteral("/v1/customers") << QByteArray(R"({"name": "A",)")
                                               << QStringLiteral("400-constraint-violation") << QStringLiteral("not valid JSON");
    QTest::newRow("customers: an array") << QStringLiteral("/v1/customers") << QByteArray("[1]") << QStringLiteral("400-constraint-violation")
                                         << QStringLiteral("JSON object");
    QTest::newRow("customers: name a number") << QStringLiteral("/v1/customers") << QByteArray(R"({"name": 5})")
                                              << QStringLiteral("400-request-validation-errors") << QStringLiteral("name");
    QTest::newRow("customers: unknown field") << QStringLiteral("/v1/customers") << QByteArray(R"({"name": "A", "nmae": "B"})")
                                              << QStringLiteral("400-request-validation-errors") << QStringLiteral("nmae");
    QTest::newRow("ingest: truncated JSON") << QStringLiteral("/v1/ingest") << QByteArray(R"({"events": [)") << QStringLiteral("400-constraint-violation")
                                            << QStringLiteral("not valid JSON");
    QTest::newRow("ingest: no events") << QStringLiteral("/v1/ingest") << QByteArray(R"({})") << QStringLiteral("400-request-validation-errors")
                                       << QStringLiteral("events");
    QTest::newRow("ingest: events not a list") << QStringLiteral("/v1/ingest") << QByteArray(R"({"events": {}})")
                                               << QStringLiteral("400-request-validation-errors") << QStringLiteral("events");
    QTest::newRow("ingest: nesting bomb") << QStringLiteral("/v1/ingest") << QByteArray(200, '[') << QStringLiteral("400-constraint-violation")
                                          << QStringLiteral("not valid JSON");
    QTest::newRow("balance: amount a number") << QStringLiteral("/v1/customers/CUSTOMER/balance_transactions")
                                              << QByteArray(R"({"amount": 10, "type": "increment"})") << QStringLiteral("400-request-validation-errors")
                                              << QStringLiteral("amount");
}

void TestApiHandler::malformedBodies()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, typeSlug);
    QFETCH(QString, detailHas);
    const Customer c = CustomerService(*m_file, m_clock).create([] {
        Customer d;
        d.name = QStringLiteral("Acme");
        d.currency = QStringLiteral("USD");
        return d;
    }());
    path.replace(QStringLiteral("CUSTOMER"), c.id);
    const ApiResponse res = m_handler->handle(request("POST", path, body));
    QCOMPARE(res.status, 400);
    QCOMPARE(type(res), typeSlug);
    QVERIFY2(json(res).value(QStringLiteral("detail")).toString().contains(detailHas), res.body.constData());
    // Nothing was written: still the one customer, no balance entry.
    QCOMPARE(CustomerService(*m_file, m_clock).repository().count({}), 1);
    QCOMPARE(json(m_handler->handle(request("GET", QStringLiteral("/v1/customers/%1").arg(c.id)))).value(QStringLiteral("balance")).toString(),
             QStringLiteral("0.00"));
}

void TestApiHandler::bodyLimit()
{
    const QByteArray big = R"({"events": [], "x": ")" + QByteArray(64 * 1024, 'a') + R"("})";
    const ApiResponse res = m_handler->handle(request("POST", QStringLiteral("/v1/ingest"), big));
    QCOMPARE(res.status, 413);
    QCOMPARE(type(res), QStringLiteral("413-request-too-large"));
}

void TestApiHandler::unknownPathAndMethod()
{
    ApiResponse res = m_handler->handle(request("GET", QStringLiteral("/v1/nothing")));
    QCOMPARE(res.status, 404);
    QCOMPARE(type(res), QStringLiteral("404-url-not-found"));
    res = m_handler->handle(request("DELETE", QStringLiteral("/v1/customers")));
    QCOMPARE(res.status, 405);
    res = m_handler->handle(request("GET", QStringLiteral("/v1/customers/nobody")));
    QCOMPARE(res.status, 404);
    QCOMPARE(type(res), QStringLiteral("404-resource-not-found"));
}

void TestApiHandler::pagination()
{
    CustomerService service(*m_file, m_clock);
    QStringList created;
    for (int i = 0; i < 5; ++i) {
        Customer d;
        d.name = QStringLiteral("C%1").arg(i);
        created << service.create(d).id;
        m_clock.advanceSecs(1);
    }
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        const QString q = cursor.isEmpty() ? QStringLiteral("/v1/customers?limit=2") : QStringLiteral("/v1/customers?limit=2&cursor=") + cursor;
        const QJsonObject page = json(m_handler->handle(request("GET", q)));
        const QJsonObject meta = page.value(QStringLiteral("pagination_metadata")).toObject();
        for (const QJsonValue &v : page.value(QStringLiteral("data")).toArray())
            seen << v.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(meta.value(QStringLiteral("has_more")).toBool(), !meta.value(QStringLiteral("next_cursor")).isNull());
        cursor = meta.value(QStringLiteral("next_cursor")).toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    std::reverse(created.begin(), created.end()); // newest first, as Orb lists
    QCOMPARE(seen, created);
    for (const QString &bad : {QStringLiteral("limit=0"), QStringLiteral("limit=101"), QStringLiteral("limit=x"), QStringLiteral("cursor=%%%")}) {
        const ApiResponse res = m_handler->handle(request("GET", QStringLiteral("/v1/customers?") + bad));
        QVERIFY2(res.status == 400, qPrintable(bad));
    }
}

void TestApiHandler::idempotencyReplaysAndRefuses()
{
    const QByteArray body = R"({"name": "Acme", "external_customer_id": "acme"})";
    ApiRequest r = request("POST", QStringLiteral("/v1/customers"), body);
    r.headers.insert("idempotency-key", "k-1");
    const ApiResponse first = m_handler->handle(r);
    QCOMPARE(first.status, 200);
    const ApiResponse again = m_handler->handle(r);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, first.body);
    QVERIFY(again.headers.contains(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true"))));
    // Orb acknowledges the key on every answer, the first and the replay.
    QVERIFY(first.headers.contains(qMakePair(QByteArray("Idempotency-Key"), QByteArray("k-1"))));
    QVERIFY(again.headers.contains(qMakePair(QByteArray("Idempotency-Key"), QByteArray("k-1"))));
    QCOMPARE(CustomerService(*m_file, m_clock).repository().count({}), 1);
    ApiRequest other = request("POST", QStringLiteral("/v1/customers"), R"({"name": "Other"})");
    other.headers.insert("idempotency-key", "k-1");
    const ApiResponse refused = m_handler->handle(other);
    QCOMPARE(refused.status, 409);
    QCOMPARE(type(refused), QStringLiteral("409-resource-conflict"));
    // Another key's Idempotency-Key space is its own.
    ApiRequest billing = request("POST", QStringLiteral("/v1/customers"), R"({"name": "Other"})", m_keys.value(QStringLiteral("billing")).secret);
    billing.headers.insert("idempotency-key", "k-1");
    QCOMPARE(m_handler->handle(billing).status, 200);
    // Kept 48 hours, as Orb keeps them: refused a day later, free again after two.
    m_clock.advanceSecs(25 * 3600);
    QCOMPARE(m_handler->handle(other).status, 409);
    m_clock.advanceSecs(24 * 3600);
    QCOMPARE(m_handler->handle(other).status, 200);
    // Orb's limit on a key: 64 characters.
    ApiRequest tooLong = request("POST", QStringLiteral("/v1/customers"), R"({"name": "Long"})");
    tooLong.headers.insert("idempotency-key", QByteArray(65, 'k'));
    QCOMPARE(m_handler->handle(tooLong).status, 400);
    tooLong.headers.insert("idempotency-key", QByteArray(64, 'k'));
    QCOMPARE(m_handler->handle(tooLong).status, 200);
    QCOMPARE(CustomerService(*m_file, m_clock).repository().count({}), 4);
}

void TestApiHandler::writesLeaveAuditEntries()
{
    const ApiResponse created = m_handler->handle(request("POST", QStringLiteral("/v1/customers"), R"({"name": "Acme", "currency": "USD"})"));
    QCOMPARE(created.status, 200);
    const QString id = json(created).value(QStringLiteral("id")).toString();
    QCOMPARE(m_handler->handle(request("PUT", QStringLiteral("/v1/customers/") + id, R"({"email": "ap@acme.test"})")).status, 200);
    QCOMPARE(m_handler->handle(request("POST", QStringLiteral("/v1/customers/%1/balance_transactions").arg(id), R"({"amount": "5.00", "type": "increment"})"))
                 .status,
             200);
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("customer"), id).size(), 3);
}

void TestApiHandler::ingestDedupConflictAndGrace()
{
    Customer d;
    d.name = QStringLiteral("Acme");
    d.externalCustomerId = QStringLiteral("acme");
    CustomerService(*m_file, m_clock).create(d);
    const QByteArray body = R"({"events": [
        {"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "a", "external_customer_id": "acme", "properties": {"hours": 1.50}},
        {"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "b", "external_customer_id": "acme", "properties": {}}]})";
    const ApiResponse firstAnswer = m_handler->handle(request("POST", QStringLiteral("/v1/ingest?debug=true"), body));
    QVERIFY2(firstAnswer.status == 200, firstAnswer.body.constData());
    QJsonObject res = json(firstAnswer);
    QCOMPARE(res.value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray(), (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    res = json(m_handler->handle(request("POST", QStringLiteral("/v1/ingest?debug=true"), body)));
    QCOMPARE(res.value(QStringLiteral("debug")).toObject().value(QStringLiteral("duplicate")).toArray(),
             (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(res.value(QStringLiteral("validation_failed")).toArray().size(), 0);
    // The same key with another body (1.5 is not 1.50: numbers are compared as written), an
    // event older than the grace period, an unknown customer.
    const QByteArray bad = R"({"events": [
        {"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "a", "external_customer_id": "acme", "properties": {"hours": 1.5}},
        {"event_name": "job", "timestamp": "2026-03-01T00:00:00Z", "idempotency_key": "old", "external_customer_id": "acme", "properties": {}},
        {"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "c", "external_customer_id": "acme", "properties": {}}]})";
    const ApiResponse r = m_handler->handle(request("POST", QStringLiteral("/v1/ingest?debug=true"), bad));
    QCOMPARE(r.status, 400);
    const QJsonArray failed = json(r).value(QStringLiteral("validation_failed")).toArray();
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("idempotency_key")).toString(), QStringLiteral("a"));
    QCOMPARE(failed.at(1).toObject().value(QStringLiteral("idempotency_key")).toString(), QStringLiteral("old"));
    QVERIFY(failed.at(1).toObject().value(QStringLiteral("validation_errors")).toArray().at(0).toString().contains(QStringLiteral("grace")));
    // The valid event of that request was stored.
    QCOMPARE(json(r).value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("c")});
    // Without debug=true, Orb answers debug: null, both for new events and for duplicates.
    const QByteArray fresh = R"({"events": [
        {"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "d", "external_customer_id": "acme", "properties": {}}]})";
    for (int round = 0; round < 2; ++round) {
        const ApiResponse plain = m_handler->handle(request("POST", QStringLiteral("/v1/ingest"), fresh));
        QCOMPARE(plain.status, 200);
        QCOMPARE(json(plain), (QJsonObject{{QStringLiteral("validation_failed"), QJsonArray()}, {QStringLiteral("debug"), QJsonValue::Null}}));
    }
}

void TestApiHandler::ingestAtMost500()
{
    auto body = [](int n) {
        QByteArray b = R"({"events": [)";
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                b.append(',');
            b.append(R"({"event_name": "e", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "k)");
            b.append(QByteArray::number(i));
            b.append(R"(", "customer_id": "x", "properties": {}})");
        }
        b.append("]}");
        return b;
    };
    const ApiResponse over = m_handler->handle(request("POST", QStringLiteral("/v1/ingest"), body(501)));
    QCOMPARE(over.status, 400);
    QVERIFY(json(over).value(QStringLiteral("detail")).toString().contains(QStringLiteral("at most 500")));
}

void TestApiHandler::revokedKeyRefusedWithinSeconds()
{
    const NewApiKey k = m_keys.value(QStringLiteral("billing"));
    QCOMPARE(m_handler->handle(request("GET", QStringLiteral("/v1/customers"), {}, k.secret)).status, 200);
    // Revoked through another connection to the same file, as `orbctl api-keys revoke` does,
    // while the handler has the key in its cache: refused within seconds, and from then on.
    auto other = CompanyFile::open(m_file->path());
    ApiKeyService(*other, m_clock).revoke(k.key.id);
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->handle(request("GET", QStringLiteral("/v1/customers"), {}, k.secret)).status, 401, 5000);
    QCOMPARE(m_handler->handle(request("POST", QStringLiteral("/v1/ingest"), R"({"events": []})", k.secret)).status, 401);
    // Revoked on the handler's own connection (the window's API keys screen).
    const NewApiKey admin = m_keys.value(QStringLiteral("admin"));
    QCOMPARE(m_handler->handle(request("GET", QStringLiteral("/v1/ping"), {}, admin.secret)).status, 200);
    ApiKeyService(*m_file, m_clock).revoke(admin.key.id);
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->handle(request("GET", QStringLiteral("/v1/ping"), {}, admin.secret)).status, 401, 5000);
    QVERIFY_THROWS_EXCEPTION(ServiceError, ApiKeyService(*m_file, m_clock).revoke(k.key.id));
    QVERIFY_THROWS_EXCEPTION(ServiceError, ApiKeyService(*m_file, m_clock).revoke(QStringLiteral("nope")));
    // Only hashes are stored.
    QVERIFY(ApiKeyService::hashSecret(k.secret).size() == 32);
}

void TestApiHandler::groupedIngestAnswersEachAsAlone()
{
    Customer d;
    d.name = QStringLiteral("Acme");
    d.externalCustomerId = QStringLiteral("acme");
    CustomerService(*m_file, m_clock).create(d);
    auto event = [](const QByteArray &key, const QByteArray &hours) -> QByteArray {
        return R"({"events": [{"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": ")" + key
               + R"(", "external_customer_id": "acme", "properties": {"hours": )" + hours + "}}]}";
    };
    QList<ApiRequest> batch;
    batch << request("POST", QStringLiteral("/v1/ingest?debug=true"), event("a", "1"));
    batch << request("POST", QStringLiteral("/v1/ingest?debug=true"), event("a", "1"));                   // the same event again: a duplicate
    batch << request("POST", QStringLiteral("/v1/ingest?debug=true"), event("a", "2"));                   // the same key, another body
    batch << request("POST", QStringLiteral("/v1/ingest"), event("b", "1"), QStringLiteral("orb_wrong")); // not authenticated
    batch << request("POST", QStringLiteral("/v1/ingest?debug=true"), "{\"events\": [");                  // malformed
    batch << request("POST", QStringLiteral("/v1/ingest?debug=true&backfill_id=nope"), event("c", "1"));  // unknown backfill
    ApiRequest withKey = request("POST", QStringLiteral("/v1/ingest?debug=true"), event("d", "1"));
    withKey.headers.insert("idempotency-key", "retry-1");
    batch << withKey;
    // Ingestion keeps no Idempotency-Key answers (each event's key makes a retry harmless).
    const QList<ApiResponse> r = m_handler->handleIngestBatch(batch);
    QCOMPARE(r.size(), batch.size());
    QCOMPARE(r[0].status, 200);
    QCOMPARE(json(r[0]).value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("a")});
    QCOMPARE(r[1].status, 200);
    QCOMPARE(json(r[1]).value(QStringLiteral("debug")).toObject().value(QStringLiteral("duplicate")).toArray(), QJsonArray{QStringLiteral("a")});
    QCOMPARE(r[2].status, 400);
    QCOMPARE(r[3].status, 401);
    QCOMPARE(r[4].status, 400);
    QCOMPARE(r[5].status, 404);
    QCOMPARE(r[6].status, 200);
    QCOMPARE(json(r[6]).value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("d")});
    // Ingestion keeps no Idempotency-Key answers: a retry changes nothing, its event is a duplicate.
    const ApiResponse again = m_handler->handle(withKey);
    QCOMPARE(again.status, 200);
    QCOMPARE(json(again).value(QStringLiteral("debug")).toObject().value(QStringLiteral("duplicate")).toArray(), QJsonArray{QStringLiteral("d")});
}

QStringList TestApiHandler::pages(const QString &path, int *pageCount, const std::function<void(int)> &betweenPages)
{
    QStringList seen;
    QString cursor;
    int n = 0;
    do {
        const QString sep = path.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?");
        const ApiResponse res =
            m_handler->handle(request("GET", path + sep + QStringLiteral("limit=2") + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor)));
        if (res.status != 200)
            qWarning("%s: %s", qPrintable(path), res.body.constData());
        const QJsonObject page = json(res);
        const QJsonObject meta = page.value(QStringLiteral("pagination_metadata")).toObject();
        for (const QJsonValue &v : page.value(QStringLiteral("data")).toArray()) {
            const QString id = v.toObject().value(QStringLiteral("id")).toString();
            if (seen.contains(id))
                qWarning("%s: %s on two pages", qPrintable(path), qPrintable(id));
            seen << id;
        }
        if (meta.value(QStringLiteral("has_more")).toBool() == meta.value(QStringLiteral("next_cursor")).isNull())
            qWarning("%s: has_more and next_cursor disagree", qPrintable(path));
        cursor = meta.value(QStringLiteral("next_cursor")).toString();
        if (betweenPages)
            betweenPages(n);
        ++n;
    } while (!cursor.isEmpty() && n < 20);
    if (pageCount)
        *pageCount = n;
    return seen;
}

void TestApiHandler::keyUseRecordedAtMostOnceAMinute()
{
    const auto lastUsed = [&](const QString &role) {
        for (const ApiKey &k : ApiKeyService(*m_file, m_clock).list())
            if (k.id == m_keys.value(role).key.id)
                return k.lastUsedAt;
        return QDateTime();
    };
    const auto auditRows = [&] { return m_file->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(); };
    QVERIFY(!lastUsed(QStringLiteral("admin")).isValid());
    QVERIFY(!m_handler->hasKeyUseToRecord());
    // A request notes its key; nothing is written until the server asks for it.
    QCOMPARE(m_handler->handle(request("GET", QStringLiteral("/v1/ping"))).status, 200);
    QVERIFY(m_handler->hasKeyUseToRecord());
    QVERIFY(!lastUsed(QStringLiteral("admin")).isValid());
    const qint64 audited = auditRows();
    const QDateTime first = m_clock.now();
    m_handler->recordKeyUse();
    QCOMPARE(lastUsed(QStringLiteral("admin")), first);
    QCOMPARE(auditRows(), audited); // bookkeeping, not a change of the company
    QVERIFY(!lastUsed(QStringLiteral("ingest")).isValid());
    // Within the minute: nothing more to write.
    m_clock.advanceSecs(30);
    QCOMPARE(m_handler->handle(request("GET", QStringLiteral("/v1/ping"))).status, 200);
    QVERIFY(!m_handler->hasKeyUseToRecord());
    // A minute after it was noted: noted again, and an ingestion request's key as well.
    m_clock.advanceSecs(31);
    QCOMPARE(m_handler->handle(request("GET", QStringLiteral("/v1/ping"))).status, 200);
    QCOMPARE(m_handler->handle(request("POST", QStringLiteral("/v1/ingest"), R"({"events": []})", m_keys.value(QStringLiteral("ingest")).secret)).status, 200);
    m_handler->recordKeyUse();
    QCOMPARE(lastUsed(QStringLiteral("admin")), m_clock.now());
    QCOMPARE(lastUsed(QStringLiteral("ingest")), m_clock.now());
    QVERIFY(!m_handler->hasKeyUseToRecord());
    // Listed (never the secret) by the service orbctl and the window use.
    for (const ApiKey &k : ApiKeyService(*m_file, m_clock).list())
        if (k.id == m_keys.value(QStringLiteral("admin")).key.id)
            QCOMPARE(k.toJson().value(QStringLiteral("last_used_at")).toString(), QStringLiteral("2026-03-20T12:01:01Z"));
}

void TestApiHandler::balanceTransactionsPageByKeyset()
{
    Customer d;
    d.name = QStringLiteral("Ledger");
    d.currency = QStringLiteral("USD");
    const QString id = CustomerService(*m_file, m_clock).create(d).id;
    LedgerService ledger(*m_file, m_clock);
    QStringList made;
    for (int i = 1; i <= 5; ++i) {
        made.prepend(ledger.adjustBalance(id, Decimal(i), QStringLiteral("adjustment %1").arg(i)).id);
        m_clock.advanceSecs(1);
    }
    const QString path = QStringLiteral("/v1/customers/%1/balance_transactions").arg(id);
    int count = 0;
    // An entry made while a client pages moves nothing on the pages still to come.
    const QStringList seen = pages(path, &count, [&](int page) {
        if (page == 0)
            ledger.adjustBalance(id, Decimal(9), QStringLiteral("meanwhile"));
    });
    QCOMPARE(count, 3);
    QCOMPARE(seen, made);
    // operation_time bounds: instants with a zone.
    QCOMPARE(pages(path + QStringLiteral("?operation_time[lt]=2026-03-20T12:00:02Z")).size(), 2);
    QCOMPARE(pages(path + QStringLiteral("?operation_time[gte]=2026-03-20T12:00:04Z")).size(), 2); // the fifth and "meanwhile"
    for (const QString &bad : {QStringLiteral("cursor=abc"), QStringLiteral("operation_time[gt]=yesterday")})
        QVERIFY2(m_handler->handle(request("GET", path + QStringLiteral("?") + bad)).status == 400, qPrintable(bad));
}

void TestApiHandler::creditsPageByKeyset()
{
    Customer d;
    d.name = QStringLiteral("Credits");
    d.currency = QStringLiteral("USD");
    const QString id = CustomerService(*m_file, m_clock).create(d).id;
    LedgerService ledger(*m_file, m_clock);
    const QDate today = m_clock.now().date();
    // In drawing order: the earliest effective first.
    QStringList live;
    const QString expired = ledger.addCredits(id, Decimal(5), Decimal(0), today.addDays(-20), today.addDays(-1), QStringLiteral("expired")).id;
    live << ledger.addCredits(id, Decimal(10), Decimal(0), today.addDays(-10), std::nullopt, QStringLiteral("a")).id;
    live << ledger.addCredits(id, Decimal(20), Decimal(1), today.addDays(-5), today.addDays(30), QStringLiteral("b")).id;
    live << ledger.addCredits(id, Decimal(30), Decimal(0), today, std::nullopt, QStringLiteral("c")).id;
    const QString path = QStringLiteral("/v1/customers/%1/credits").arg(id);
    int count = 0;
    QCOMPARE(pages(path, &count), live);
    QCOMPARE(count, 2);
    QCOMPARE(pages(path + QStringLiteral("?include_all_blocks=true")), QStringList{expired} + live);
    QCOMPARE(pages(path + QStringLiteral("?effective_date[gte]=%1").arg(today.addDays(-5).toString(Qt::ISODate))), live.mid(1));
    QCOMPARE(pages(path + QStringLiteral("?effective_date[lt]=%1T00:00:00Z").arg(today.toString(Qt::ISODate))), live.mid(0, 2));
    QCOMPARE(pages(path + QStringLiteral("?currency=EUR")), QStringList());
    // Orb's credit block: balances as numbers, days as instants.
    const QJsonObject first = json(m_handler->handle(request("GET", path))).value(QStringLiteral("data")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("balance")).toDouble(), 10.0);
    QCOMPARE(first.value(QStringLiteral("maximum_initial_balance")).toDouble(), 10.0);
    QCOMPARE(first.value(QStringLiteral("effective_date")).toString(), QStringLiteral("2026-03-10T00:00:00Z"));
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    for (const QString &bad : {QStringLiteral("cursor=abc"), QStringLiteral("include_all_blocks=yes"), QStringLiteral("effective_date[gt]=soon")})
        QVERIFY2(m_handler->handle(request("GET", path + QStringLiteral("?") + bad)).status == 400, qPrintable(bad));
}

void TestApiHandler::backfillTimeframes_data()
{
    // Orb's timeframe bounds are ISO 8601 date-times; "now" is 2026-03-20T12:00:00Z.
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("said"); ///< in the detail of a refusal
    QTest::addColumn<QString>("storedStart");
    QTest::newRow("UTC") << "2026-03-01T00:00:00Z"
                         << "2026-03-02T00:00:00Z" << 200 << ""
                         << "2026-03-01T00:00:00Z";
    QTest::newRow("offset") << "2026-03-01T00:00:00+05:30"
                            << "2026-03-02T00:00:00+05:30" << 200 << ""
                            << "2026-02-28T18:30:00Z";
    QTest::newRow("offset without colon") << "2026-03-01T00:00:00-0800"
                                          << "2026-03-02T00:00:00-0800" << 200 << ""
                                          << "2026-03-01T08:00:00Z";
    QTest::newRow("milliseconds") << "2026-03-01T00:00:00.250Z"
                                  << "2026-03-02T00:00:00Z" << 200 << ""
                                  << "2026-03-01T00:00:00.250Z";
    QTest::newRow("microseconds cut") << "2026-03-01T00:00:00.250999Z"
                                      << "2026-03-02T00:00:00Z" << 200 << ""
                                      << "2026-03-01T00:00:00.250Z";
    QTest::newRow("31 days") << "2026-02-01T00:00:00Z"
                             << "2026-03-04T00:00:00Z" << 200 << ""
                             << "2026-02-01T00:00:00Z";
    QTest::newRow("a plain date") << "2026-03-01"
                                  << "2026-03-02T00:00:00Z" << 400 << "is a date, not a date-time"
                                  << "";
    QTest::newRow("no zone") << "2026-03-01T00:00:00Z"
                             << "2026-03-02T00:00:00" << 400 << "has no zone"
                             << "";
    QTest::newRow("not a date-time") << "yesterday"
                                     << "2026-03-02T00:00:00Z" << 400 << "is not a date-time"
                                     << "";
    QTest::newRow("missing") << ""
                             << "2026-03-02T00:00:00Z" << 400 << "timeframe_start: required"
                             << "";
    QTest::newRow("end before start") << "2026-03-02T00:00:00Z"
                                      << "2026-03-01T00:00:00Z" << 400 << "before its end"
                                      << "";
    QTest::newRow("over 31 days") << "2026-02-01T00:00:00Z"
                                  << "2026-03-04T00:00:01Z" << 400 << "at most 31 days"
                                  << "";
    QTest::newRow("in the future") << "2026-03-21T00:00:00Z"
                                   << "2026-03-22T00:00:00Z" << 400 << "in the past"
                                   << "";
}

void TestApiHandler::backfillTimeframes()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(int, status);
    QFETCH(QString, said);
    QFETCH(QString, storedStart);
    QJsonObject body{{QStringLiteral("timeframe_end"), end}};
    if (!start.isEmpty())
        body.insert(QStringLiteral("timeframe_start"), start);
    const ApiResponse res = m_handler->handle(request("POST", QStringLiteral("/v1/events/backfills"), QJsonDocument(body).toJson()));
    QVERIFY2(res.status == status, res.body.constData());
    if (status == 200) {
        QCOMPARE(json(res).value(QStringLiteral("timeframe_start")).toString(), storedStart);
        return;
    }
    QVERIFY2(type(res).startsWith(QLatin1String("400-")), res.body.constData()); // a field wrong, or the service's rule
    QVERIFY2(json(res).value(QStringLiteral("detail")).toString().contains(said), res.body.constData());
    QCOMPARE(json(m_handler->handle(request("GET", QStringLiteral("/v1/events/backfills")))).value(QStringLiteral("data")).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestApiHandler)
#include "tst_apihandler.moc"
