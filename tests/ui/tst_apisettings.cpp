// SPDX-License-Identifier: GPL-3.0-or-later
// Settings › API with real widgets and a real server: the switch serves Orb's REST API from
// the window (on a thread of its own), a key made in the window answers 200 over loopback
// HTTP and 401 once revoked there, switching off closes the port, the switch and the address
// are remembered in the company's settings, and webhook endpoints made, disabled, enabled and
// deleted in the window are the service's (deliveries signed with the secret shown once).
#include "app/orb-billing/WindowApiServer.h"
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/support/CompanyFixture.h"
#include "models/CustomerRepository.h"
#include "models/CustomerService.h"
#include "models/api/ApiKeyService.h"
#include "ui/widgets/ApiKeysBox.h"
#include "models/api/WebhookService.h"
#include "sync/WebhookSecretStore.h"
#include "sync/WebhookWorker.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/ApiSecretDialog.h"
#include "ui/dialogs/NewApiKeyDialog.h"
#include "ui/dialogs/NewWebhookDialog.h"
#include "ui/screens/SettingsScreen.h"
#include "ui/widgets/ApiSettingsPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <thread>

using namespace orb;

namespace {

/// Runs `act` on the next modal dialog named `name` once it shows (dialogs run their own
/// event loop, so the test answers them from a timer, with the mouse and keyboard).
void whenModal(const QString &name, std::function<void(QWidget *)> act)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [=] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != name)
            return;
        timer->stop();
        timer->deleteLater();
        act(modal);
    });
    timer->start();
}

/// With ORB_DIALOG_SHOTS=DIR set, saves a picture of the widget there (to look at by hand).
void saveShot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORB_DIALOG_SHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void clickCheck(QCheckBox *check)
{
    // On the indicator: the middle of a wide check box is past its text, where a click does nothing.
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
}

struct HttpAnswer {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
};

HttpAnswer get(const QString &url, const QString &key)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error(), reply->readAll()};
    reply->deleteLater();
    return a;
}

HttpAnswer post(const QString &url, const QString &key, const QByteArray &json)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.post(request, json);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error(), reply->readAll()};
    reply->deleteLater();
    return a;
}

/// Receives webhook deliveries on loopback and answers each 200; keeps each request.
class Receiver : public QObject
{
public:
    Receiver()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    static const QRegularExpression length(QStringLiteral("content-length:\\s*(\\d+)"), QRegularExpression::CaseInsensitiveOption);
                    const auto m = length.match(QString::fromLatin1(buffer->left(end)));
                    if (buffer->size() < end + 4 + (m.hasMatch() ? m.captured(1).toLongLong() : 0))
                        return;
                    requests << *buffer;
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path); }
    /// The requests to `path`.
    QList<QByteArray> to(const QString &path) const
    {
        QList<QByteArray> out;
        for (const QByteArray &r : requests)
            if (r.startsWith(QByteArray("POST " + path.toLatin1() + ' ')))
                out << r;
        return out;
    }
    static QByteArray header(const QByteArray &request, const QByteArray &name)
    {
        for (const QByteArray &line : request.left(request.indexOf("\r\n\r\n")).split('\n'))
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
                return line.mid(name.size() + 1).trimmed();
        return {};
    }
    static QByteArray body(const QByteArray &request) { return request.mid(request.indexOf("\r\n\r\n") + 4); }
    QTcpServer server;
    QList<QByteArray> requests;
};

} // namespace

class TestApiSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void keyMadeInWindowServesThenRevokedAndSwitchedOff();
    void servesOffTheWindowThread();
    void windowAndOrbctlKeepWorkingWhileServing();
    void rememberedPerCompany();
    void theWindowSaysItServesAndStopsWithTheCompany();
    void portInUseIsSaidAndNothingIsRemembered();
    void onlyLoopbackAddresses_data();
    void onlyLoopbackAddresses();
    void webhookEndpointsInWindow();
    void withoutServerTheSwitchIsOff();

private:
    ApiSettingsPage *page(SettingsScreen &screen);
    /// Switches serving on at `listen` with the mouse and keyboard; the base URL it listens at.
    QString serve(ApiSettingsPage *page, const QString &listen = QStringLiteral("127.0.0.1:0"));
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestApiSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    WindowApiServer::install();
}

void TestApiSettings::init()
{
    CompanySettings s;
    s.name = QStringLiteral("Api Co");
    s.timezone = QStringLiteral("UTC");
    static int n = 0;
    m_file.reset();
    m_file = test::createCompany(m_dir.filePath(QStringLiteral("api%1.orb").arg(++n)), s, m_clock);
}

ApiSettingsPage *TestApiSettings::page(SettingsScreen &screen)
{
    auto *tabs = screen.findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
    if (!tabs)
        return nullptr;
    // Settings › API, as a person gets there.
    tabs->setCurrentWidget(screen.apiPage());
    return screen.apiPage();
}

QString TestApiSettings::serve(ApiSettingsPage *page, const QString &listen)
{
    auto *edit = page->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"));
    auto *status = page->findChild<QLabel *>(QStringLiteral("apiServerStatus"));
    edit->clear();
    QTest::keyClicks(edit, listen);
    clickCheck(page->findChild<QCheckBox *>(QStringLiteral("apiServeCheck")));
    static const QRegularExpression url(QStringLiteral("Listening on (http://[^ ]+)"));
    QRegularExpressionMatch m;
    for (int i = 0; i < 1000 && !(m = url.match(status->text())).hasMatch() && !status->text().startsWith(QStringLiteral("<span")); ++i)
        QTest::qWait(10);
    return m.hasMatch() ? m.captured(1) : QString();
}

void TestApiSettings::keyMadeInWindowServesThenRevokedAndSwitchedOff()
{
    SettingsScreen screen(*m_file, m_clock);
    screen.resize(1100, 900);
    screen.show();
    ApiSettingsPage *api = page(screen);
    QVERIFY(api);
    auto *check = api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"));
    QVERIFY(!check->isChecked()); // off by default
    QCOMPARE(m_file->setting(QStringLiteral("api.serve"), QStringLiteral("unset")), QStringLiteral("unset"));
    const QString base = serve(api);
    QVERIFY2(!base.isEmpty(), qPrintable(api->findChild<QLabel *>(QStringLiteral("apiServerStatus"))->text()));
    QVERIFY(check->isChecked());
    QVERIFY(api->isServing());
    QCOMPARE(m_file->setting(QStringLiteral("api.serve")), QStringLiteral("on"));
    QCOMPARE(m_file->setting(QStringLiteral("api.listen")), QStringLiteral("127.0.0.1:0"));
    QCOMPARE(get(base + QStringLiteral("/v1/ping"), QString()).status, 401); // no key, no answer

    // A key made in the window: name and role typed and chosen, the secret shown once.
    QString secret, copied;
    whenModal(QStringLiteral("newApiKeyDialog"), [](QWidget *dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("apiKeyNameEdit")), QStringLiteral("product backend"));
        auto *role = dialog->findChild<QComboBox *>(QStringLiteral("apiKeyRoleCombo"));
        role->setFocus();
        role->setCurrentIndex(role->findData(QStringLiteral("billing")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("createApiKeyButton")), Qt::LeftButton);
    });
    whenModal(QStringLiteral("apiSecretDialog"), [&](QWidget *dialog) {
        secret = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copySecretButton")), Qt::LeftButton);
        copied = QGuiApplication::clipboard()->text();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("secretDoneButton")), Qt::LeftButton);
    });
    QTest::mouseClick(api->findChild<QPushButton *>(QStringLiteral("newApiKeyButton")), Qt::LeftButton);
    QVERIFY(secret.startsWith(QStringLiteral("orb_")));
    QCOMPARE(copied, secret);
    const QList<ApiKey> keys = ApiKeyService(*m_file, m_clock).list();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().name, QStringLiteral("product backend"));
    QCOMPARE(keys.first().role, QStringLiteral("billing"));
    QVERIFY(secret.startsWith(keys.first().prefix));
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("api_key"), keys.first().id).size(), 1);
    // Listed without the secret.
    auto *table = api->findChild<QTableView *>(QStringLiteral("apiKeysTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    for (int c = 0; c < table->model()->columnCount(); ++c)
        QVERIFY(!table->model()->index(0, c).data().toString().contains(secret.mid(12)));

    // The key works against the server the switch started.
    HttpAnswer pong = get(base + QStringLiteral("/v1/ping"), secret);
    QCOMPARE(pong.status, 200);
    QCOMPARE(QJsonDocument::fromJson(pong.body).object().value(QStringLiteral("response")).toString(), QStringLiteral("pong"));
    QCOMPARE(get(base + QStringLiteral("/v1/customers"), secret).status, 200);
    // The server records the key's use a second after answering, on its own connection; the
    // list shows it (column "Last used", "never" before).
    QCOMPARE(table->model()->headerData(4, Qt::Horizontal).toString(), QStringLiteral("Last used"));
    QCOMPARE(table->model()->index(0, 4).data().toString(), QStringLiteral("never"));
    QTRY_VERIFY_WITH_TIMEOUT(ApiKeyService(*m_file, m_clock).list().first().lastUsedAt.isValid(), 10000);
    api->findChild<ApiKeysBox *>(QStringLiteral("apiKeysBox"))->reload();
    QVERIFY(table->model()->index(0, 4).data().toString() != QLatin1String("never"));

    // Revoked in the window, after confirming: refused at the next request.
    table->selectRow(0);
    QString asked;
    whenModal(QStringLiteral("revokeApiKeyBox"), [&](QWidget *box) {
        asked = static_cast<QMessageBox *>(box)->text();
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("revokeConfirmButton")), Qt::LeftButton);
    });
    QTest::mouseClick(api->findChild<QPushButton *>(QStringLiteral("revokeApiKeyButton")), Qt::LeftButton);
    QVERIFY(asked.contains(QStringLiteral("product backend")));
    QVERIFY(ApiKeyService(*m_file, m_clock).list().first().isRevoked());
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("api_key"), keys.first().id).size(), 2);
    QVERIFY(!api->findChild<QPushButton *>(QStringLiteral("revokeApiKeyButton"))->isEnabled());
    // Keys are re-checked every second while the server runs: refused within seconds.
    QTRY_COMPARE_WITH_TIMEOUT(get(base + QStringLiteral("/v1/ping"), secret).status, 401, 10000);

    // Switched off: the port is closed, and the choice is remembered.
    clickCheck(check);
    QVERIFY(!check->isChecked());
    QVERIFY(!api->isServing());
    const HttpAnswer refused = get(base + QStringLiteral("/v1/ping"), secret);
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(m_file->setting(QStringLiteral("api.serve")), QStringLiteral("off"));

    // And on again: a new server answers (the revoked key stays refused).
    const QString again = serve(api);
    QVERIFY(!again.isEmpty());
    QCOMPARE(get(again + QStringLiteral("/v1/ping"), secret).status, 401);
    QCOMPARE(m_file->setting(QStringLiteral("api.serve")), QStringLiteral("on"));
}

void TestApiSettings::servesOffTheWindowThread()
{
    const QString key = ApiKeyService(*m_file, m_clock).create(QStringLiteral("probe"), QStringLiteral("ingest")).secret;
    SettingsScreen screen(*m_file, m_clock);
    const QString base = serve(page(screen));
    QVERIFY(!base.isEmpty());
    const QUrl url(base);
    // The window's thread is busy (it does not return to its event loop until the client is
    // done): a server on that thread could not answer, one on its own thread does.
    QByteArray answer;
    std::thread client([&] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        if (!socket.waitForConnected(10000))
            return;
        socket.write("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key.toUtf8() + "\r\nConnection: close\r\n\r\n");
        socket.waitForBytesWritten(10000);
        while (socket.waitForReadyRead(10000))
            answer += socket.readAll();
    });
    client.join();
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.contains("pong"));
}

void TestApiSettings::windowAndOrbctlKeepWorkingWhileServing()
{
    const QString key = ApiKeyService(*m_file, m_clock).create(QStringLiteral("finance"), QStringLiteral("billing")).secret;
    SettingsScreen screen(*m_file, m_clock);
    const QString base = serve(page(screen));
    QVERIFY(!base.isEmpty());
    // Three writers on one company: the API (its own connection, its thread), the window's
    // services (the window's connection) and orbctl (another process).
    const HttpAnswer created = post(base + QStringLiteral("/v1/customers"), key, R"({"name": "From the API"})");
    QVERIFY2(created.status == 200 || created.status == 201, created.body.constData());
    Customer here;
    here.name = QStringLiteral("From the window");
    CustomerService(*m_file, m_clock).create(here);
    const test::ProcessResult cli = test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_file->path(), QStringLiteral("customers"),
                                                                            QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("From orbctl")});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    const test::ProcessResult keys = test::run(
        QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_file->path(), QStringLiteral("--json"), QStringLiteral("api-keys"), QStringLiteral("list")});
    QVERIFY2(keys.exitCode == 0, keys.err.constData());
    QVERIFY(keys.out.contains("finance"));
    // Each sees the others' work.
    const HttpAnswer list = get(base + QStringLiteral("/v1/customers?limit=100"), key);
    QCOMPARE(list.status, 200);
    QStringList names;
    for (const QJsonValue &c : QJsonDocument::fromJson(list.body).object().value(QStringLiteral("data")).toArray())
        names << c.toObject().value(QStringLiteral("name")).toString();
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("From orbctl"), QStringLiteral("From the API"), QStringLiteral("From the window")}));
    QCOMPARE(CustomerRepository(m_file->db()).list(CustomerQuery{}).size(), 3); // and the window sees them all
}

void TestApiSettings::rememberedPerCompany()
{
    QString base;
    {
        SettingsScreen screen(*m_file, m_clock);
        base = serve(page(screen));
        QVERIFY(!base.isEmpty());
    }
    // The screen is gone (the company was closed): so is the server.
    QCOMPARE(get(base + QStringLiteral("/v1/ping"), QString()).error, QNetworkReply::ConnectionRefusedError);
    // Opened again: it serves again, as it did, without a click.
    SettingsScreen again(*m_file, m_clock);
    ApiSettingsPage *api = page(again);
    QTRY_VERIFY_WITH_TIMEOUT(api->isServing() && api->findChild<QLabel *>(QStringLiteral("apiServerStatus"))->text().startsWith(QStringLiteral("Listening")),
                             10000);
    QVERIFY(api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"))->isChecked());
    QVERIFY(!api->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"))->isEnabled());
}

void TestApiSettings::theWindowSaysItServesAndStopsWithTheCompany()
{
    m_file->setSetting(QStringLiteral("api.serve"), QStringLiteral("on"), m_clock);
    m_file->setSetting(QStringLiteral("api.listen"), QStringLiteral("127.0.0.1:0"), m_clock);
    const QString path = m_file->path();
    m_file.reset();
    MainWindow w(m_clock);
    QString error;
    QVERIFY2(w.openCompany(path, &error), qPrintable(error));
    w.show();
    auto *label = w.findChild<QLabel *>(QStringLiteral("apiStatus"));
    QVERIFY(label);
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 10000);
    QVERIFY2(label->text().startsWith(QStringLiteral("API: http://127.0.0.1:")), qPrintable(label->text()));
    const QString base = label->text().mid(5);
    QCOMPARE(get(base + QStringLiteral("/v1/ping"), QString()).status, 401); // served, and asks for a key
    w.closeCompany();
    QVERIFY(!label->isVisible());
    QCOMPARE(get(base + QStringLiteral("/v1/ping"), QString()).error, QNetworkReply::ConnectionRefusedError);
}

void TestApiSettings::portInUseIsSaidAndNothingIsRemembered()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    SettingsScreen screen(*m_file, m_clock);
    ApiSettingsPage *api = page(screen);
    QCOMPARE(serve(api, QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())), QString());
    const QString status = api->findChild<QLabel *>(QStringLiteral("apiServerStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("in use")), qPrintable(status));
    QVERIFY(!api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"))->isChecked());
    QVERIFY(api->findChild<QLineEdit *>(QStringLiteral("apiListenEdit"))->isEnabled());
    QVERIFY(!api->isServing());
    QCOMPARE(m_file->setting(QStringLiteral("api.serve"), QStringLiteral("unset")), QStringLiteral("unset"));
}

void TestApiSettings::onlyLoopbackAddresses_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("said");
    QTest::newRow("every interface") << QStringLiteral("0.0.0.0:0") << QStringLiteral("this computer");
    QTest::newRow("a LAN address") << QStringLiteral("192.168.1.10:8710") << QStringLiteral("this computer");
    QTest::newRow("IPv6 any") << QStringLiteral("[::]:0") << QStringLiteral("this computer");
    QTest::newRow("no port") << QStringLiteral("127.0.0.1") << QStringLiteral("HOST:PORT");
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:70000") << QStringLiteral("HOST:PORT");
}

void TestApiSettings::onlyLoopbackAddresses()
{
    QFETCH(QString, listen);
    QFETCH(QString, said);
    SettingsScreen screen(*m_file, m_clock);
    ApiSettingsPage *api = page(screen);
    QCOMPARE(serve(api, listen), QString());
    const QString status = api->findChild<QLabel *>(QStringLiteral("apiServerStatus"))->text();
    QVERIFY2(status.contains(said), qPrintable(status));
    QVERIFY(!api->isServing());
    QCOMPARE(m_file->setting(QStringLiteral("api.serve"), QStringLiteral("unset")), QStringLiteral("unset"));
    QCOMPARE(m_file->setting(QStringLiteral("api.listen"), QStringLiteral("unset")), QStringLiteral("unset"));
}

void TestApiSettings::webhookEndpointsInWindow()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    Receiver receiver;
    QVERIFY(receiver.server.isListening());
    SettingsScreen screen(*m_file, m_clock);
    screen.resize(1100, 900);
    screen.show();
    ApiSettingsPage *api = page(screen);
    QVERIFY(!serve(api).isEmpty()); // deliveries go out while the API is served

    // Made in the window: the URL typed, one event type ticked, the secret shown once.
    QString secret;
    whenModal(QStringLiteral("newWebhookDialog"), [&](QWidget *dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit")), receiver.url(QStringLiteral("/one")));
        auto *types = dialog->findChild<QListWidget *>(QStringLiteral("webhookEventTypes"));
        const QList<QListWidgetItem *> created = types->findItems(QStringLiteral("customer.created"), Qt::MatchExactly);
        QCOMPARE(created.size(), 1);
        created.first()->setCheckState(Qt::Checked);
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("webhookSomeEvents"))->isChecked());
        saveShot(*dialog, QStringLiteral("new-webhook-filled"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addWebhookOkButton")), Qt::LeftButton);
    });
    whenModal(QStringLiteral("apiSecretDialog"), [&](QWidget *dialog) {
        secret = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("secretDoneButton")), Qt::LeftButton);
    });
    QTest::mouseClick(api->findChild<QPushButton *>(QStringLiteral("newWebhookButton")), Qt::LeftButton);
    QVERIFY(secret.startsWith(QStringLiteral("whsec_")));
    QList<WebhookEndpoint> endpoints = WebhookService(*m_file, m_clock).list();
    QCOMPARE(endpoints.size(), 1);
    const WebhookEndpoint one = endpoints.first();
    QCOMPARE(one.url, receiver.url(QStringLiteral("/one")));
    QCOMPARE(one.events, QStringList{QStringLiteral("customer.created")});
    QCOMPARE(WebhookSecretStore(m_file->path()).load(one.id).value_or(QString()), secret);
    auto *table = api->findChild<QTableView *>(QStringLiteral("webhooksTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), one.url);

    // Delivered, signed with the secret the window showed.
    Customer acme;
    acme.name = QStringLiteral("Acme");
    CustomerService(*m_file, m_clock).create(acme);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.to(QStringLiteral("/one")).size(), 1, 15000);
    const QByteArray delivered = receiver.to(QStringLiteral("/one")).first();
    QCOMPARE(Receiver::header(delivered, "X-Orb-Signature"),
             WebhookWorker::signature(secret.toUtf8(), Receiver::header(delivered, "X-Orb-Timestamp"), Receiver::body(delivered)));
    QCOMPARE(QJsonDocument::fromJson(Receiver::body(delivered)).object().value(QStringLiteral("type")).toString(), QStringLiteral("customer.created"));
    // The delivery log of the selected endpoint.
    table->selectRow(0);
    auto *log = api->findChild<QTableView *>(QStringLiteral("webhookLogTable"));
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 1, 10000);
    QCOMPARE(log->model()->index(0, 1).data().toString(), QStringLiteral("customer.created"));
    QCOMPARE(log->model()->index(0, 3).data().toString(), QStringLiteral("1"));
    QCOMPARE(log->model()->index(0, 4).data().toString(), QStringLiteral("200"));
    saveShot(screen, QStringLiteral("settings-api-serving"));

    // Disabled in the window: nothing more reaches it, while an enabled endpoint made after
    // it gets the events that follow.
    table->selectRow(0);
    auto *toggle = api->findChild<QPushButton *>(QStringLiteral("toggleWebhookButton"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(WebhookService(*m_file, m_clock).list().first().isDisabled());
    QVERIFY(toggle->text().remove(QLatin1Char('&')).startsWith(QStringLiteral("Enable")));
    Customer bolt;
    bolt.name = QStringLiteral("Bolt");
    CustomerService(*m_file, m_clock).create(bolt);
    WebhookService(*m_file, m_clock)
        .create(receiver.url(QStringLiteral("/two")), {QStringLiteral("customer.created")}, WebhookSecretStore(m_file->path()).keeper());
    Customer coil;
    coil.name = QStringLiteral("Coil");
    CustomerService(*m_file, m_clock).create(coil);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.to(QStringLiteral("/two")).size(), 1, 15000);
    QVERIFY(receiver.to(QStringLiteral("/two")).first().contains("Coil"));
    QCOMPARE(receiver.to(QStringLiteral("/one")).size(), 1); // neither Bolt nor Coil

    // Enabled again in the window.
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(Qt::UserRole).toString() == one.id)
            table->selectRow(r);
    QTest::mouseClick(toggle, Qt::LeftButton);
    endpoints = WebhookService(*m_file, m_clock).list();
    QVERIFY(!endpoints.first().isDisabled());
    QCOMPARE(AuditLog(m_file->db()).forObject(QStringLiteral("webhook_endpoint"), one.id).size(), 3); // create, disable, enable

    // Deleted after confirming, with its secret.
    QString asked;
    whenModal(QStringLiteral("deleteWebhookBox"), [&](QWidget *box) {
        asked = static_cast<QMessageBox *>(box)->text();
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("deleteWebhookConfirmButton")), Qt::LeftButton);
    });
    QTest::mouseClick(api->findChild<QPushButton *>(QStringLiteral("deleteWebhookButton")), Qt::LeftButton);
    QVERIFY(asked.contains(one.url));
    endpoints = WebhookService(*m_file, m_clock).list();
    QCOMPARE(endpoints.size(), 1);
    QVERIFY(endpoints.first().id != one.id);
    QVERIFY(!WebhookSecretStore(m_file->path()).load(one.id));
    QCOMPARE(table->model()->rowCount(), 1);
}

void TestApiSettings::withoutServerTheSwitchIsOff()
{
    // A program that installed no server (the other window tests) shows the page without it.
    ApiServerControl::setFactory({});
    SettingsScreen screen(*m_file, m_clock);
    ApiSettingsPage *api = page(screen);
    QVERIFY(!api->findChild<QCheckBox *>(QStringLiteral("apiServeCheck"))->isEnabled());
    QVERIFY(api->findChild<QLabel *>(QStringLiteral("apiServerStatus"))->text().contains(QStringLiteral("orbctl serve")));
    WindowApiServer::install();
}

QTEST_MAIN(TestApiSettings)
#include "tst_apisettings.moc"
