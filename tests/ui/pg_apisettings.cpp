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
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class PgApiSettings : public QObject
{
    Q_OBJECT

private slots:
    void servesAServerCompany();
    void usesTheConnectDialogsPassword();
};

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

QTEST_MAIN(PgApiSettings)
#include "pg_apisettings.moc"
