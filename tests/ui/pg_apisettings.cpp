// SPDX-License-Identifier: GPL-3.0-or-later
// Settings › API on a company on a PostgreSQL server (team mode): the window's server opens its
// own connection to the server company, a key made there answers over loopback HTTP, and a
// customer sent through the API is the window's at once.
#include "app/orb-billing/WindowApiServer.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/api/ApiKeyService.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/MoveToServer.h"
#include "tests/support/PgPrivateCluster.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"
#include "ui/screens/SettingsScreen.h"
#include "ui/widgets/ApiSettingsPage.h"

#include <QCheckBox>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <tuple>

using namespace orb;

class PgApiSettings : public QObject
{
    Q_OBJECT

private slots:
    void servesAServerCompany();
    void usesTheConnectDialogsPassword();
    void followsTheServerAwayAndBack();
};

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/// One request to the window's API, waited for.
Answer send(QNetworkAccessManager &network, const QString &base, const QString &key, const QByteArray &method, const QString &path, const QByteArray &body = {},
            const QByteArray &idempotencyKey = {})
{
    QNetworkRequest request{QUrl(base + path)};
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return a;
}

} // namespace

void PgApiSettings::servesAServerCompany()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    WindowApiServer::install();
    FixedClock clock(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC));
    const QString file = dir.filePath(QStringLiteral("team.orb"));
    {
        CompanySettings s;
        s.name = QStringLiteral("Team Co");
        s.timezone = QStringLiteral("UTC");
        CompanyFile::create(file, s, clock);
    }
    const QString url = test::pgTestDatabase(QStringLiteral("apiwindow"));
    const test::ProcessResult move =
        test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), file, QStringLiteral("company"), QStringLiteral("move-to-server"), url});
    QVERIFY2(move.exitCode == 0, move.err.constData());
    std::unique_ptr<CompanyFile> company = CompanyFile::open(url);
    QVERIFY(company->isServer());
    const QString key = ApiKeyService(*company, clock).create(QStringLiteral("team"), QStringLiteral("billing")).secret;

    SettingsScreen screen(*company, clock);
    ApiSettingsPage *api = screen.apiPage();
    auto *edit = api->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"));
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("127.0.0.1:0"));
    auto *check = api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"));
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    auto *status = api->findChild<QLabel *>(QStringLiteral("apiServerStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Listening on")) || status->text().startsWith(QStringLiteral("<span")), 20000);
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Listening on (http://[^ ]+)")).match(status->text());
    QVERIFY2(m.hasMatch(), qPrintable(status->text()));
    QCOMPARE(company->setting(QStringLiteral("api.serve")), QStringLiteral("on"));

    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(m.captured(1) + QStringLiteral("/v1/customers"))};
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(request, R"({"name": "Through the window's API"})");
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status200 = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    QVERIFY2(status200 == 200 || status200 == 201, body.constData());
    QCOMPARE(QJsonDocument::fromJson(body).object().value(QStringLiteral("name")).toString(), QStringLiteral("Through the window's API"));
    const QList<Customer> customers = CustomerRepository(company->db()).list(CustomerQuery{});
    QCOMPARE(customers.size(), 1);
    QCOMPARE(customers.first().name, QStringLiteral("Through the window's API"));

    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QVERIFY(!api->isServing());
}

// A server that asks for a password, given only to the connect dialog (no PGPASSWORD, no
// ~/.pgpass): the API server's own connection finds it where the dialog left it, and without
// it is refused with the server's reason.
void PgApiSettings::usesTheConnectDialogsPassword()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", dir.filePath(QStringLiteral("no-pgpass")).toUtf8());
    WindowApiServer::install();
    FixedClock clock(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC));
    test::PgPrivateCluster cluster;
    QVERIFY(cluster.isRunning());
    const QString url = cluster.createDatabase(QStringLiteral("apipassword"));
    const QString where = CompanyLocation::parse(url).display();
    Database::setServerPassword(where, cluster.password()); // what the connect dialog does
    {
        CompanySettings s;
        s.name = QStringLiteral("Team Co");
        s.timezone = QStringLiteral("UTC");
        auto file = CompanyFile::create(dir.filePath(QStringLiteral("team.orb")), s, clock);
        MoveToServer::run(*file, url);
    }
    std::unique_ptr<CompanyFile> company = CompanyFile::open(url);
    const QString key = ApiKeyService(*company, clock).create(QStringLiteral("team"), QStringLiteral("billing")).secret;
    SettingsScreen screen(*company, clock);
    ApiSettingsPage *api = screen.apiPage();
    auto *edit = api->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"));
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("127.0.0.1:0"));
    auto *check = api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"));
    auto *status = api->findChild<QLabel *>(QStringLiteral("apiServerStatus"));

    // Forgotten (a refused password is): the second connection is refused, and says why.
    Database::setServerPassword(where, QString());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("password")), 20000);
    QVERIFY(!api->isServing());
    if (check->isChecked())
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));

    Database::setServerPassword(where, cluster.password());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Listening on")), 20000);
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Listening on (http://[^ ]+)")).match(status->text());
    QVERIFY2(m.hasMatch(), qPrintable(status->text()));
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(m.captured(1) + QStringLiteral("/v1/customers"))};
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QVERIFY2(body.contains("\"data\""), body.constData());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QVERIFY(!api->isServing());
}

// The company server stops under the serving API and starts again (a cluster of the test's
// own): meanwhile every request is answered 503 saying the server cannot be reached and
// nothing is stored; once it is back the API's own connection is opened again by itself and
// the same requests sent again are stored once each, nothing lost, nothing twice.
void PgApiSettings::followsTheServerAwayAndBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    WindowApiServer::install();
    FixedClock clock(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC));
    test::PgPrivateCluster cluster;
    QVERIFY(cluster.isRunning());
    const QString url = cluster.createDatabase(QStringLiteral("apiaway"));
    Database::setServerPassword(CompanyLocation::parse(url).display(), cluster.password());
    {
        CompanySettings s;
        s.name = QStringLiteral("Team Co");
        s.timezone = QStringLiteral("UTC");
        auto file = CompanyFile::create(dir.filePath(QStringLiteral("team.orb")), s, clock);
        MoveToServer::run(*file, url);
    }
    std::unique_ptr<CompanyFile> company = CompanyFile::open(url);
    const QString key = ApiKeyService(*company, clock).create(QStringLiteral("team"), QStringLiteral("billing")).secret;
    SettingsScreen screen(*company, clock);
    ApiSettingsPage *api = screen.apiPage();
    auto *edit = api->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"));
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("127.0.0.1:0"));
    auto *check = api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"));
    auto *status = api->findChild<QLabel *>(QStringLiteral("apiServerStatus"));
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Listening on")), 20000);
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Listening on (http://[^ ]+)")).match(status->text());
    QVERIFY2(m.hasMatch(), qPrintable(status->text()));
    const QString base = m.captured(1);
    QNetworkAccessManager network;

    const QByteArray acme = R"({"name": "Acme", "external_customer_id": "acme"})";
    Answer a = send(network, base, key, "POST", QStringLiteral("/v1/customers"), acme);
    QVERIFY2(a.status == 200 || a.status == 201, a.body.constData());
    const QByteArray during = R"({"name": "Made during the outage", "external_customer_id": "during"})";
    const QByteArray event = R"({"events": [{"event_name": "job", "timestamp": "2026-03-20T11:00:00Z", "idempotency_key": "ev-away", )"
                             R"("external_customer_id": "acme", "properties": {"hours": 2}}]})";

    // Away: the API's connection is known lost without a request (its socket closed), and the
    // page says so beside the address.
    QVERIFY(cluster.halt());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("not reachable")), 20000);
    QVERIFY2(status->text().contains(base), qPrintable(status->text()));
    for (const auto &[path, body, idempotency] : {std::tuple{QStringLiteral("/v1/customers"), during, QByteArray("make-during")},
                                                  std::tuple{QStringLiteral("/v1/ingest?debug=true"), event, QByteArray()}}) {
        a = send(network, base, key, "POST", path, body, idempotency);
        QVERIFY2(a.status == 503, a.body.constData());
        QCOMPARE(a.json().value(QStringLiteral("status")).toInt(), 503);
        QVERIFY2(a.json().value(QStringLiteral("detail")).toString().contains(QLatin1String("cannot be reached")), a.body.constData());
        QVERIFY2(a.json().value(QStringLiteral("detail")).toString().contains(QLatin1String("nothing of this request was stored")), a.body.constData());
    }
    a = send(network, base, key, "GET", QStringLiteral("/v1/customers"));
    QCOMPARE(a.status, 503);

    // Back: the API answers again by itself, on a new connection of its own (the company's
    // connection here is left lost: the API's coming back must not wait for the window's).
    QVERIFY(cluster.resume());
    QTRY_VERIFY_WITH_TIMEOUT(!status->text().contains(QLatin1String("not reachable")), 30000);
    QVERIFY2(status->text().startsWith(QStringLiteral("Listening on ") + base), qPrintable(status->text()));
    a = send(network, base, key, "POST", QStringLiteral("/v1/customers"), during, "make-during");
    QVERIFY2(a.status == 200 || a.status == 201, a.body.constData());
    const QString madeId = a.json().value(QStringLiteral("id")).toString();
    // The client's retry of the same request (its first answer lost on the way): the same
    // customer again, not a second one.
    a = send(network, base, key, "POST", QStringLiteral("/v1/customers"), during, "make-during");
    QVERIFY2(a.status == 200 || a.status == 201, a.body.constData());
    QCOMPARE(a.json().value(QStringLiteral("id")).toString(), madeId);
    a = send(network, base, key, "POST", QStringLiteral("/v1/ingest?debug=true"), event);
    QVERIFY2(a.status == 200, a.body.constData());
    QCOMPARE(a.json().value(QStringLiteral("debug")).toObject().value(QStringLiteral("ingested")).toArray(), QJsonArray{QStringLiteral("ev-away")});
    a = send(network, base, key, "POST", QStringLiteral("/v1/ingest?debug=true"), event);
    QVERIFY2(a.status == 200, a.body.constData());
    QCOMPARE(a.json().value(QStringLiteral("debug")).toObject().value(QStringLiteral("duplicate")).toArray(), QJsonArray{QStringLiteral("ev-away")});
    a = send(network, base, key, "GET", QStringLiteral("/v1/customers"));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json().value(QStringLiteral("data")).toArray().size(), 2);

    // What is stored, read on a connection of the test's own: each once.
    const auto check2 = CompanyFile::open(url);
    QCOMPARE(check2->db().scalar(QStringLiteral("SELECT count(*) FROM customers")).toInt(), 2);
    QCOMPARE(check2->db().scalar(QStringLiteral("SELECT count(*) FROM customers WHERE name = 'Made during the outage'")).toInt(), 1);
    QCOMPARE(check2->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events WHERE idempotency_key = 'ev-away'")).toInt(), 1);

    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QVERIFY(!api->isServing());
}

QTEST_MAIN(PgApiSettings)
#include "pg_apisettings.moc"
