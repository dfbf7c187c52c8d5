// SPDX-License-Identifier: GPL-3.0-or-later
// Webhook endpoints and their outbox: URL rules, events recorded only with a committed change,
// filters by event type, retries with backoff and the signature Orb's SDKs check.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/api/WebhookService.h"
#include "models/billing/InvoiceService.h"
#include "sync/WebhookSecretStore.h"
#include "sync/WebhookWorker.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
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
    void paymentEventTypes();
    void retriesWithBackoffThenFails();
    void disabledAndDeletedEndpoints();
    void logShowsTheNextRetry();
    void signatureMatchesOrb();
    void secretOnlyInKeychain();
    void secretNotKeptMakesNoEndpoint();
    void oldSecretsMoveToKeychain();

private:
    /// Receives one webhook delivery on loopback and answers 200; the request's head and body.
    struct Receiver {
        QTcpServer server;
        QByteArray request;
        Receiver();
        QString url() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(server.serverPort()); }
        QByteArray header(const QByteArray &name) const;
        QByteArray body() const { return request.mid(request.indexOf("\r\n\r\n") + 4); }
    };
    QString storedSecret(const QString &id);
    /// For the tests of the outbox itself: keeps secrets in memory (the keychain's own tests
    /// below use the real one).
    QHash<QString, QString> m_kept;
    WebhookService::SecretKeeper m_keep = [this](const QString &id, const QString &secret) {
        m_kept.insert(id, secret);
        return QString();
    };
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
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("w%1.orb").arg(++n)), s, m_clock);
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
        QVERIFY(service.create(url, {}, m_keep).secret.startsWith(QStringLiteral("whsec_")));
    } else {
        QVERIFY_THROWS_EXCEPTION(ServiceError, service.create(url, {}, m_keep));
        QCOMPARE(service.list().size(), 0);
    }
}

void TestWebhookService::eventOnlyWithCommittedChange()
{
    WebhookService service(*m_file, m_clock);
    createCustomer(QStringLiteral("Before any endpoint"));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 0);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {}, m_keep);
    const Customer c = createCustomer(QStringLiteral("Acme"));
    const QList<DueWebhookDelivery> due = service.due(m_clock.now(), 10);
    QCOMPARE(due.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(due.first().body).object();
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("customer.created"));
    QCOMPARE(body.value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")).toString(), c.id);
    QCOMPARE(body.value(QStringLiteral("id")).toString(), due.first().eventId);
    QVERIFY(body.contains(QStringLiteral("created_at")));
    QCOMPARE(body.value(QStringLiteral("properties")).toObject(), QJsonObject());
    // The secret is where the keeper put it, never in the company file.
    QVERIFY(due.first().secretInKeychain);
    QCOMPARE(due.first().secret, QString());
    QCOMPARE(due.first().endpointId, w.endpoint.id);
    QCOMPARE(m_kept.value(w.endpoint.id), w.secret);
    // A change that fails (a duplicate external id) announces nothing.
    Customer dup;
    dup.name = QStringLiteral("Dup");
    dup.externalCustomerId = QStringLiteral("x");
    CustomerService(*m_file, m_clock).create(dup);
    QCOMPARE(service.due(m_clock.now(), 10).size(), 2);
    QVERIFY_THROWS_EXCEPTION(ServiceError, CustomerService(*m_file, m_clock).create(dup));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 2);
}

// A payment by hand that settles the invoice is Orb's invoice.manually_marked_as_paid; a part
// payment, or one from Stripe, is invoice.payment_succeeded. The payment is the same
// transaction's, on either engine (a server has no row order to find it by).
void TestWebhookService::paymentEventTypes()
{
    WebhookService service(*m_file, m_clock);
    const Customer c = createCustomer(QStringLiteral("Payer"));
    InvoiceService invoices(*m_file, m_clock);
    OneOffLine line;
    line.name = QStringLiteral("Setup");
    line.unitAmount = Decimal::parse(QStringLiteral("100.00"));
    const Invoice inv = invoices.createOneOff(c.id, {line}, QDate(2026, 3, 20), QString(), std::nullopt);
    invoices.issue(inv.id);
    service.create(QStringLiteral("https://hooks.example.com/orb"),
                   {QStringLiteral("invoice.payment_succeeded"), QStringLiteral("invoice.manually_marked_as_paid")}, m_keep);
    const auto lastType = [&] {
        const QList<DueWebhookDelivery> due = service.due(m_clock.now(), 100);
        return due.isEmpty() ? QString() : QJsonDocument::fromJson(due.last().body).object().value(QStringLiteral("type")).toString();
    };
    invoices.pay(inv.id, Decimal::parse(QStringLiteral("40.00")), QDate(2026, 3, 20));
    QCOMPARE(lastType(), QStringLiteral("invoice.payment_succeeded"));
    m_clock.advanceSecs(1);
    invoices.pay(inv.id, Decimal::parse(QStringLiteral("60.00")), QDate(2026, 3, 21));
    QCOMPARE(lastType(), QStringLiteral("invoice.manually_marked_as_paid"));
    QCOMPARE(service.due(m_clock.now(), 100).size(), 2);
}

void TestWebhookService::eventTypeFilter()
{
    WebhookService service(*m_file, m_clock);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.create(QStringLiteral("https://a.example.com/"), {QStringLiteral("customer.deleted_typo")}, m_keep));
    service.create(QStringLiteral("https://a.example.com/"), {QStringLiteral("invoice.issued")}, m_keep);
    service.create(QStringLiteral("https://b.example.com/"), {QStringLiteral("customer.created")}, m_keep);
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
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {}, m_keep);
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
    QVERIFY(!service.log(w.endpoint.id).first().nextAttemptAt.isValid()); // failed: no retry
}

void TestWebhookService::logShowsTheNextRetry()
{
    WebhookService service(*m_file, m_clock);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {}, m_keep);
    createCustomer(QStringLiteral("Acme"));
    const QDateTime now = m_clock.now();
    const QString id = service.due(now, 10).first().deliveryId;
    service.recordAttempt(id, 503, QStringLiteral("HTTP 503"), now);
    service.recordAttempt(id, 503, QStringLiteral("HTTP 503"), now.addSecs(1));
    const QList<WebhookAttempt> log = service.log(w.endpoint.id);
    QCOMPARE(log.size(), 2);
    // Both attempts belong to the pending delivery: its next try is 2 s after the second.
    QCOMPARE(log.first().attempt, 2);
    QCOMPARE(log.first().nextAttemptAt, now.addSecs(3));
    service.recordAttempt(id, 204, QString(), now.addSecs(3));
    QVERIFY(!service.log(w.endpoint.id).first().nextAttemptAt.isValid()); // delivered
}

void TestWebhookService::disabledAndDeletedEndpoints()
{
    WebhookService service(*m_file, m_clock);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {}, m_keep);
    createCustomer(QStringLiteral("Acme"));
    service.disable(w.endpoint.id);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.disable(w.endpoint.id));
    QCOMPARE(service.due(m_clock.now(), 10).size(), 0);
    createCustomer(QStringLiteral("Globex")); // nothing recorded for a disabled endpoint
    // Enabled again: what waited goes out (Acme), what was announced meanwhile does not (Globex).
    const WebhookEndpoint enabled = service.enable(w.endpoint.id);
    QVERIFY(!enabled.isDisabled());
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.enable(w.endpoint.id));
    const QList<DueWebhookDelivery> due = service.due(m_clock.now(), 10);
    QCOMPARE(due.size(), 1);
    QVERIFY(due.first().body.contains("Acme"));
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("webhook_endpoint"), w.endpoint.id).last().action, QStringLiteral("webhook.enable"));
    service.disable(w.endpoint.id);
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

TestWebhookService::Receiver::Receiver()
{
    server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
        QTcpSocket *socket = server.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            request += socket->readAll();
            const qsizetype end = request.indexOf("\r\n\r\n");
            if (end < 0 || request.size() < end + 4 + header("content-length").toInt())
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
}

QByteArray TestWebhookService::Receiver::header(const QByteArray &name) const
{
    const qsizetype end = request.indexOf("\r\n\r\n");
    for (const QByteArray &line : request.left(end).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QString TestWebhookService::storedSecret(const QString &id)
{
    QSqlQuery q = m_file->db().exec(QStringLiteral("SELECT secret FROM webhook_endpoints WHERE id = ?"), {id});
    return q.next() ? q.value(0).toString() : QStringLiteral("<no endpoint>");
}

void TestWebhookService::secretOnlyInKeychain()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    Receiver receiver;
    QVERIFY(receiver.server.isListening());
    const WebhookSecretStore store(m_file->path());
    const NewWebhookEndpoint w = WebhookService(*m_file, m_clock).create(receiver.url(), {}, store.keeper());
    QVERIFY(w.secret.startsWith(QStringLiteral("whsec_")));
    // Not in the company file, in the keychain.
    QCOMPARE(storedSecret(w.endpoint.id), QString());
    QVERIFY(!m_file->db().scalar(QStringLiteral("SELECT count(*) FROM webhook_endpoints WHERE secret LIKE '%' || ? || '%'"), {w.secret.mid(6, 16)}).toInt());
    QString error;
    QCOMPARE(store.load(w.endpoint.id, &error).value_or(QString()), w.secret);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // A delivery is signed with the keychain's secret.
    createCustomer(QStringLiteral("Acme"));
    WebhookWorker worker(*m_file);
    QSignalSpy attempted(&worker, &WebhookWorker::attempted);
    worker.start(50);
    QTRY_VERIFY_WITH_TIMEOUT(attempted.size() >= 1, 15000);
    QCOMPARE(attempted.first().at(1).toInt(), 200);
    QCOMPARE(receiver.header("x-orb-signature"), WebhookWorker::signature(w.secret.toUtf8(), receiver.header("x-orb-timestamp"), receiver.body()));

    WebhookService(*m_file, m_clock).remove(w.endpoint.id);
    QCOMPARE(store.remove(w.endpoint.id), QString());
    QVERIFY(!store.load(w.endpoint.id));
}

void TestWebhookService::secretNotKeptMakesNoEndpoint()
{
    WebhookService service(*m_file, m_clock);
    const auto unavailable = [](const QString &, const QString &) { return QStringLiteral("the system keychain refused (7): no D-Bus session"); };
    try {
        service.create(QStringLiteral("https://hooks.example.com/orb"), {}, unavailable);
        QFAIL("an endpoint was made without its secret kept");
    } catch (const ServiceError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("keychain")) && e.message().contains(QStringLiteral("no endpoint was made")), qPrintable(e.message()));
    }
    QCOMPARE(service.list().size(), 0);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'webhook.create'")).toInt(), 0);
}

void TestWebhookService::oldSecretsMoveToKeychain()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    // An endpoint as a company file from before 0025 holds it: the secret in clear.
    WebhookService service(*m_file, m_clock);
    const NewWebhookEndpoint w = service.create(QStringLiteral("https://hooks.example.com/orb"), {}, m_keep);
    const QString old = QStringLiteral("whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    {
        UnitOfWork uow(m_file->db());
        m_file->db().exec(QStringLiteral("UPDATE webhook_endpoints SET secret = ?, secret_in_keychain = 0 WHERE id = ?"), {old, w.endpoint.id});
        uow.commit();
    }
    // It keeps working as it is.
    createCustomer(QStringLiteral("Acme"));
    QList<DueWebhookDelivery> due = service.due(m_clock.now().addSecs(1), 10);
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().secret, old);
    QVERIFY(!due.first().secretInKeychain);
    QCOMPARE(service.secretsInCompanyFile().size(), 1);

    const WebhookSecretStore store(m_file->path());
    QCOMPARE(store.moveOutOfCompanyFile(*m_file, m_clock), QString());
    QCOMPARE(storedSecret(w.endpoint.id), QString());
    QCOMPARE(store.load(w.endpoint.id).value_or(QString()), old);
    QCOMPARE(service.secretsInCompanyFile().size(), 0);
    due = service.due(m_clock.now().addSecs(1), 10);
    QCOMPARE(due.first().secret, QString());
    QVERIFY(due.first().secretInKeychain);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'webhook.secret_to_keychain'")).toInt(), 1);
    // Nothing left: a second run changes nothing.
    QCOMPARE(store.moveOutOfCompanyFile(*m_file, m_clock), QString());
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'webhook.secret_to_keychain'")).toInt(), 1);
    store.remove(w.endpoint.id);
}

QTEST_GUILESS_MAIN(TestWebhookService)
#include "tst_webhookservice.moc"
