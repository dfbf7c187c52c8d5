// SPDX-License-Identifier: GPL-3.0-or-later
// API ingestion benchmark: N requests of 500 events each to Orb's REST API over one keep-alive
// connection, beside the file import of the same number of events, in the same run on the
// same machine; then single-event requests (one transaction each) for comparison.
//
//   bench_api [--requests N] [--singles N] [--dir DIR]
#include "app/api/ApiServer.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/api/ApiKeyService.h"
#include "models/usage/EventImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace orb;

namespace {

/// CPU seconds of the whole process (all threads): with synchronous=FULL a request's commit
/// waits for the disk, so on a shared machine the wall-clock rates also measure the disk's
/// queue; the CPU figures are what the code costs.
double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

QByteArray eventJson(const QString &key, const QDateTime &at, int n)
{
    return QByteArray(R"({"event_name":"job","timestamp":")") + at.toString(Qt::ISODateWithMs).toLatin1() + R"(","idempotency_key":")" + key.toLatin1()
           + R"(","external_customer_id":"c1","properties":{"hours":)" + QByteArray::number(n % 17) + R"(.25,"region":"eu"}})";
}

std::unique_ptr<CompanyFile> company(const QString &path, const Clock &clock)
{
    CompanySettings s;
    s.name = QStringLiteral("Bench");
    s.timezone = QStringLiteral("UTC");
    auto file = CompanyFile::create(path, s, clock);
    Customer c;
    c.name = QStringLiteral("Customer 1");
    c.externalCustomerId = QStringLiteral("c1");
    CustomerService(*file, clock).create(c);
    return file;
}

int post(QNetworkAccessManager &net, const QUrl &url, const QByteArray &key, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + key);
    QNetworkReply *reply = net.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

/// The requests over one keep-alive connection of a plain socket with TCP_NODELAY, as HTTP
/// clients such as Node's (the SDK's) send them: each request written at once, the next one
/// after the answer. Returns the number of answers that were not 200.
int postAllRaw(quint16 port, const QByteArray &key, const QList<QByteArray> &bodies)
{
    // Asynchronous: the server answers on this same thread's event loop.
    QTcpSocket socket;
    QEventLoop loop;
    QByteArray buffer;
    int failed = 0;
    qsizetype next = 0;
    auto send = [&] {
        const QByteArray &body = bodies[next++];
        socket.write("POST /v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                     + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    };
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        send();
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        buffer += socket.readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.left(end).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            const qsizetype eol = head.indexOf("\r\n", cl);
            const int length = cl < 0 ? 0 : head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toInt();
            if (buffer.size() < end + 4 + length)
                return;
            if (!head.startsWith("http/1.1 200"))
                ++failed;
            buffer.remove(0, end + 4 + length);
            if (next < bodies.size())
                send();
            else
                loop.quit();
        }
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        failed += int(bodies.size() - next);
        loop.quit();
    });
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    return failed;
}

/// `clients` connections, each sending single-event requests one after the other (keep-alive),
/// all at once: the server commits what arrives together in one transaction. Returns the
/// number of answers that were not 200.
int concurrentSingles(quint16 port, const QByteArray &key, int clients, int rounds, const QDateTime &base)
{
    struct Client {
        QTcpSocket socket;
        QByteArray buffer;
        int sent = 0;
    };
    std::vector<std::unique_ptr<Client>> all;
    int done = 0;
    int failed = 0;
    QEventLoop loop;
    auto send = [&](Client &c, int index) {
        const QByteArray body = R"({"events":[)" + eventJson(QStringLiteral("p%1-%2").arg(index).arg(c.sent), base.addMSecs(c.sent), index) + "]}";
        c.socket.write("POST /v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                       + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        ++c.sent;
    };
    for (int i = 0; i < clients; ++i) {
        all.push_back(std::make_unique<Client>());
        Client &c = *all.back();
        QObject::connect(&c.socket, &QTcpSocket::readyRead, &loop, [&, i] {
            Client &me = *all[size_t(i)];
            me.buffer += me.socket.readAll();
            for (;;) {
                const qsizetype end = me.buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = me.buffer.left(end).toLower();
                const qsizetype cl = head.indexOf("content-length:");
                const int length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) < 0 ? -1 : head.indexOf("\r\n", cl) - cl - 15).trimmed().toInt();
                if (me.buffer.size() < end + 4 + length)
                    return;
                if (!head.startsWith("http/1.1 200"))
                    ++failed;
                me.buffer.remove(0, end + 4 + length);
                if (me.sent < rounds)
                    send(me, i);
                else if (++done == clients)
                    loop.quit();
            }
        });
        c.socket.connectToHost(QHostAddress::LocalHost, port);
    }
    for (int i = 0; i < clients; ++i)
        send(*all[size_t(i)], i);
    loop.exec();
    return failed;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int requests = 100;
    int singles = 500;
    QString dirArg;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--requests"))
            requests = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--singles"))
            singles = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            dirArg = args[i + 1];
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_api-XXXXXX") : dirArg + QStringLiteral("/bench_api-XXXXXX"));
    SystemClock clock;
    const QDateTime base = clock.now().addSecs(-3600); // inside the grace period
    const int perRequest = 500;
    const qint64 total = qint64(requests) * perRequest;

    // The file import of the same number of events, the reference rate.
    const QString file = tmp.filePath(QStringLiteral("events.jsonl"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        for (qint64 i = 0; i < total; ++i)
            f.write(eventJson(QStringLiteral("f%1").arg(i), base.addMSecs(i), int(i)) + '\n');
    }
    auto importCompany = company(tmp.filePath(QStringLiteral("import.orb")), clock);
    QElapsedTimer t;
    t.start();
    double cpu0 = cpuSeconds();
    const ImportSummary s = EventImporter(*importCompany, clock).importFile(file, {});
    const double importSecs = t.nsecsElapsed() / 1e9;
    const double importCpu = cpuSeconds() - cpu0;

    // The API: one server, one keep-alive connection, one request after the other.
    auto apiCompany = company(tmp.filePath(QStringLiteral("api.orb")), clock);
    const QByteArray key = ApiKeyService(*apiCompany, clock).create(QStringLiteral("bench"), QStringLiteral("ingest")).secret.toUtf8();
    api::ApiServer server(*apiCompany, clock);
    const quint16 port = server.listenOn(QHostAddress::LocalHost, 0);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/ingest").arg(port));
    QNetworkAccessManager net;
    QList<QByteArray> bodies;
    for (int r = 0; r < requests; ++r) {
        QByteArray b = R"({"events":[)";
        for (int i = 0; i < perRequest; ++i) {
            if (i)
                b += ',';
            const qint64 n = qint64(r) * perRequest + i;
            b += eventJson(QStringLiteral("a%1").arg(n), base.addMSecs(n), int(n));
        }
        b += "]}";
        bodies << b;
    }
    int failed = 0;
    t.restart();
    cpu0 = cpuSeconds();
    for (const QByteArray &b : std::as_const(bodies))
        failed += post(net, url, key, b) == 200 ? 0 : 1;
    const double apiSecs = t.nsecsElapsed() / 1e9;
    const double apiCpu = cpuSeconds() - cpu0; // client and server: both run in this process

    failed = failed * perRequest;

    // The same events again from a plain keep-alive socket with TCP_NODELAY, into a fresh
    // company file: what the server costs without QNetworkAccessManager's way of sending.
    auto rawCompany = company(tmp.filePath(QStringLiteral("raw.orb")), clock);
    const QByteArray rawKey = ApiKeyService(*rawCompany, clock).create(QStringLiteral("bench"), QStringLiteral("ingest")).secret.toUtf8();
    api::ApiServer rawServer(*rawCompany, clock);
    const quint16 rawPort = rawServer.listenOn(QHostAddress::LocalHost, 0);
    t.restart();
    cpu0 = cpuSeconds();
    failed += postAllRaw(rawPort, rawKey, bodies) * perRequest;
    const double rawSecs = t.nsecsElapsed() / 1e9;
    const double rawCpu = cpuSeconds() - cpu0;

    // The same requests straight to the handler, without HTTP: what the transport costs.
    auto directCompany = company(tmp.filePath(QStringLiteral("direct.orb")), clock);
    const QString directKey = ApiKeyService(*directCompany, clock).create(QStringLiteral("bench"), QStringLiteral("ingest")).secret;
    api::ApiHandler direct(*directCompany, clock);
    t.restart();
    cpu0 = cpuSeconds();
    for (const QByteArray &b : std::as_const(bodies)) {
        api::ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/ingest");
        r.headers.insert("authorization", "Bearer " + directKey.toUtf8());
        r.body = b;
        failed += direct.handle(r).status == 200 ? 0 : perRequest;
    }
    const double directSecs = t.nsecsElapsed() / 1e9;
    const double directCpu = cpuSeconds() - cpu0;
    t.restart();
    int singleFailed = 0;
    for (int i = 0; i < singles; ++i)
        singleFailed += post(net, url, key, R"({"events":[)" + eventJson(QStringLiteral("s%1").arg(i), base.addMSecs(i), i) + "]}") == 200 ? 0 : 1;
    const double singleSecs = t.nsecsElapsed() / 1e9;

    const int clients = 50;
    const int rounds = 20;
    t.restart();
    const int concurrentFailed = concurrentSingles(port, key, clients, rounds, base);
    const double concurrentSecs = t.nsecsElapsed() / 1e9;

    std::printf("events: %lld (%d requests of %d)\n", static_cast<long long>(total), requests, perRequest);
    std::printf("file import:          %8.0f events/s  (%lld accepted in %.2f s)\n", double(s.accepted) / importSecs, static_cast<long long>(s.accepted),
                importSecs);
    std::printf("API, 500 per request: %8.0f events/s  (%.2f s, %d events refused)  = %.0f%% of the file import\n", double(total) / apiSecs, apiSecs, failed,
                100.0 * (double(total) / apiSecs) / (double(s.accepted) / importSecs));
    std::printf("API, 500 per request, plain socket client with TCP_NODELAY: %8.0f events/s  (%.2f s, CPU %.2f s)  = %.0f%% of the file import\n",
                double(total) / rawSecs, rawSecs, rawCpu, 100.0 * (double(total) / rawSecs) / (double(s.accepted) / importSecs));
    std::printf("handler without HTTP: %8.0f events/s  (%.2f s)\n", double(total) / directSecs, directSecs);
    std::printf("CPU seconds (all threads): file import %.2f, API %.2f (client and server) = %.0f%% of the file import's events per CPU second, "
                "handler without HTTP %.2f = %.0f%%\n",
                importCpu, apiCpu, 100.0 * importCpu / apiCpu, directCpu, 100.0 * importCpu / directCpu);
    std::printf("API, 1 per request:   %8.0f events/s  (%d requests in %.2f s, %d refused)\n", double(singles) / singleSecs, singles, singleSecs, singleFailed);
    const double oneCommitRate = double(singles) / singleSecs;
    const double groupedRate = double(clients * rounds) / concurrentSecs;
    std::printf("API, %d clients at once, 1 event per request: %8.0f events/s  (%d requests in %.2f s, %d refused)  = %.1fx one commit per event\n", clients,
                groupedRate, clients * rounds, concurrentSecs, concurrentFailed, groupedRate / oneCommitRate);
    return failed || singleFailed || concurrentFailed ? 1 : 0;
}
