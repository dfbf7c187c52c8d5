// SPDX-License-Identifier: GPL-3.0-or-later
// Webhook endpoints and their outbox: URL rules, events recorded only with a committed change,
// filters by event type, retries with backoff and the signature Orb's SDKs check.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/api/WebhookService.h"
#include "sync/WebhookWorker.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QTest>

using namespace orb;

class TestWebhookService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void urlRules_data();
    void urlRules();
    void eventOnlyWithCommittedChange();
    void eventTypeFilter();
    void retriesWithBackoffThenFails();
    void disabledAndDeletedEndpoints();
    void signatureMatchesOrb();

private:
    Customer createCustomer(const QString &name);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestWebhookService::init()
{
    m_clock.set(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC));
    CompanySettings s;
    s.name = QStringLiteral("Test Co");
    s.timezone = QStringLiteral("UTC");
    static int n = 0;
    m_file = CompanyFile::create(m_dir.filePath(QStringLiteral("w%1.orb").arg(++n)), s, m_clock);
}

Customer TestWebhookService::createCustomer(const QString &name)
{
    Customer d;
    d.name = name;
    return CustomerService(*m_file, m_clock).create(d);
}

void TestWebhookService::urlRules_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("https anywhere") << QStringLiteral("https://hooks.example.com/orb") << true;
    QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:9000/orb") << true;
    QTest::newRow("http loopback 127.8.9.10") << QStringLiteral("http://127.8.9.10/orb") << true;
    QTest::newRow("http localhost") << QStringLiteral("http://localhost:9000/") << true;
    QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:9000/") << true;
    QTest::newRow("http elsewhere") << QStringLiteral("http://hooks.example.com/orb") << false;
    QTest::newRow("http private lan") << QStringLiteral("http://192.168.1.5/orb") << false;
    QTest::newRow("http 127 lookalike host") << QStringLiteral("http://127.0.0.1.evil.test/") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/") << false;
    QTest::newRow("not a url") << QStringLiteral("hooks") << false;
}

void TestWebhookService::urlRules()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    QCOMPARE(WebhookService::urlProblem(url).isEmpty(), accepted);
    WebhookService service(*m_file, m_clock);
    if (accepted) {
        QVERIFY(service.create(url, {}).secret.startsWith(QStringLiteral("whsec_")));
    } else {
        QVERIFY_THROWS_EXCEPTION(ServiceError, service.create(url, {}));
        QCOMPARE(service.list().size(), 0);
    }
}

void TestWebhookService::eventOnlyWithCommittedChange()
{
    WebhookService service(*m_file, m_clock);
    createCustomer(QStringLiteral("Before any endpoint"));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 0);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {});
    const Customer c = createCustomer(QStringLiteral("Acme"));
    const QList<DueWebhookDelivery> due = service.due(m_clock.now(), 10);
    QCOMPARE(due.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(due.first().body).object();
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("customer.created"));
    QCOMPARE(body.value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")).toString(), c.id);
    QCOMPARE(body.value(QStringLiteral("id")).toString(), due.first().eventId);
    QVERIFY(body.contains(QStringLiteral("created_at")));
    QCOMPARE(body.value(QStringLiteral("properties")).toObject(), QJsonObject());
    QCOMPARE(due.first().secret, w.secret);
    // A change that fails (a duplicate external id) announces nothing.
    Customer dup;
    dup.name = QStringLiteral("Dup");
    dup.externalCustomerId = QStringLiteral("x");
    CustomerService(*m_file, m_clock).create(dup);
    QCOMPARE(service.due(m_clock.now(), 10).size(), 2);
    QVERIFY_THROWS_EXCEPTION(ServiceError, CustomerService(*m_file, m_clock).create(dup));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 2);
}

void TestWebhookService::eventTypeFilter()
{
    WebhookService service(*m_file, m_clock);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.create(QStringLiteral("https://a.example.com/"), {QStringLiteral("customer.deleted_typo")}));
    service.create(QStringLiteral("https://a.example.com/"), {QStringLiteral("invoice.issued")});
    service.create(QStringLiteral("https://b.example.com/"), {QStringLiteral("customer.created")});
    const Customer c = createCustomer(QStringLiteral("Acme"));
    CustomerPatch p;
    p.name = QStringLiteral("Acme Inc");
    CustomerService(*m_file, m_clock).update(c.id, p); // customer.edited: nobody wants it
    const QList<DueWebhookDelivery> due = service.due(m_clock.now(), 10);
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().url, QStringLiteral("https://b.example.com/"));
}

void TestWebhookService::retriesWithBackoffThenFails()
{
    WebhookService service(*m_file, m_clock);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {});
    createCustomer(QStringLiteral("Acme"));
    QDateTime now = m_clock.now();
    const QString id = service.due(now, 10).first().deliveryId;
    qint64 expectedDelay = 1;
    for (int attempt = 1; attempt < WebhookService::kMaxAttempts; ++attempt) {
        service.recordAttempt(id, 503, QStringLiteral("HTTP 503"), now);
        QCOMPARE(service.due(now.addSecs(expectedDelay - 1), 10).size(), 0);
        QCOMPARE(service.due(now.addSecs(expectedDelay), 10).size(), 1);
        now = now.addSecs(expectedDelay);
        expectedDelay = std::min<qint64>(expectedDelay * 2, 3600);
    }
    service.recordAttempt(id, 0, QStringLiteral("connection refused"), now);
    QCOMPARE(service.due(now.addDays(1), 10).size(), 0);
    const WebhookEndpoint e = service.list().first();
    QCOMPARE(e.failed, 1);
    QCOMPARE(service.log(w.endpoint.id).size(), WebhookService::kMaxAttempts);
    QCOMPARE(service.log(w.endpoint.id).first().error, QStringLiteral("connection refused"));
}

void TestWebhookService::disabledAndDeletedEndpoints()
{
    WebhookService service(*m_file, m_clock);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {});
    createCustomer(QStringLiteral("Acme"));
    service.disable(w.endpoint.id);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.disable(w.endpoint.id));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 0);
    createCustomer(QStringLiteral("Globex")); // nothing recorded for a disabled endpoint
    service.remove(w.endpoint.id);
    QCOMPARE(service.list().size(), 0);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.remove(w.endpoint.id));
}

void TestWebhookService::signatureMatchesOrb()
{
    // Orb's documented scheme, computed independently: HMAC-SHA256("v1:{timestamp}:{body}").
    const QByteArray sig = WebhookWorker::signature("whsec_test", "2026-03-20T12:00:00.000Z", R"({"id":"e1"})");
    QCOMPARE(sig, QByteArray("v1=")
                      + QMessageAuthenticationCode::hash(R"(v1:2026-03-20T12:00:00.000Z:{"id":"e1"})", "whsec_test", QCryptographicHash::Sha256).toHex());
    QCOMPARE(sig.size(), 3 + 64);
}

QTEST_GUILESS_MAIN(TestWebhookService)
#include "tst_webhookservice.moc"
