// SPDX-License-Identifier: GPL-3.0-or-later
// The window while Settings › API serves a flood: a 10 ms timer on the window's thread, its
// gaps measured first with the server idle (the floor), then while C clients on their own
// threads send single-event ingestion requests over keep-alive as fast as they are answered.
// Prints requests/s and the timer's gaps (median, 99th percentile, worst) of both phases.
//
//   bench_window_api [--clients C] [--seconds S]
#include "app/orb-billing/WindowApiServer.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/api/ApiKeyService.h"
#include "ui/widgets/ApiSettingsPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace orb;

namespace {

struct Gaps {
    std::vector<qint64> ms;
    qint64 at(double q)
    {
        if (ms.empty())
            return 0;
        std::sort(ms.begin(), ms.end());
        return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))];
    }
};

/// Runs the window's event loop for `seconds` with a 10 ms timer; the gaps between its ticks.
Gaps tick(int seconds)
{
    Gaps g;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QTimer timer;
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        g.ms.push_back(now - last);
        last = now;
    });
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    timer.start();
    loop.exec();
    return g;
}

/// One keep-alive client: single-event requests, each waiting for its answer.
void client(quint16 port, const QByteArray &key, int id, const std::atomic_bool &stop, std::atomic_int &answered, std::atomic_int &refused)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return;
    for (int n = 0; !stop; ++n) {
        const QByteArray body = R"({"events":[{"event_name":"job","timestamp":")" + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1()
                                + R"(","idempotency_key":"c)" + QByteArray::number(id) + '-' + QByteArray::number(n)
                                + R"(","external_customer_id":"acme","properties":{"hours":1}}]})";
        socket.write("POST /v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                     + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray got;
        qsizetype end = -1;
        while ((end = got.indexOf("\r\n\r\n")) < 0 && socket.waitForReadyRead(10000))
            got += socket.readAll();
        if (end < 0)
            return;
        static const QRegularExpression length(QStringLiteral("content-length:\\s*(\\d+)"), QRegularExpression::CaseInsensitiveOption);
        const qsizetype need = end + 4 + length.match(QString::fromLatin1(got.left(end))).captured(1).toLongLong();
        while (got.size() < need && socket.waitForReadyRead(10000))
            got += socket.readAll();
        (got.startsWith("HTTP/1.1 200") ? answered : refused)++;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    int clients = 16, seconds = 5;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--clients"))
            clients = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toInt();
    }
    QTemporaryDir dir;
    SystemClock clock;
    CompanySettings s;
    s.name = QStringLiteral("Bench Co");
    s.timezone = QStringLiteral("UTC");
    auto file = CompanyFile::create(dir.filePath(QStringLiteral("bench.orb")), s, clock);
    Customer acme;
    acme.name = QStringLiteral("Acme");
    acme.externalCustomerId = QStringLiteral("acme");
    CustomerService(*file, clock).create(acme);
    const QByteArray key = ApiKeyService(*file, clock).create(QStringLiteral("bench"), QStringLiteral("ingest")).secret.toUtf8();

    WindowApiServer::install();
    ApiSettingsPage page(*file, clock);
    page.show();
    page.findChild<QLineEdit *>(QStringLiteral("apiListenEdit"))->setText(QStringLiteral("127.0.0.1:0"));
    page.setServing(true);
    auto *status = page.findChild<QLabel *>(QStringLiteral("apiServerStatus"));
    QElapsedTimer wait;
    wait.start();
    while (!page.isServing() || !status->text().startsWith(QStringLiteral("Listening"))) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (wait.elapsed() > 20000) {
            std::fprintf(stderr, "bench_window_api: the server did not start: %s\n", qPrintable(status->text()));
            return 1;
        }
    }
    const quint16 port = quint16(QRegularExpression(QStringLiteral(":(\\d+) ")).match(status->text()).captured(1).toUInt());

    Gaps idle = tick(seconds);
    std::atomic_bool stop{false};
    std::atomic_int answered{0}, refused{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back(client, port, key, c, std::cref(stop), std::ref(answered), std::ref(refused));
    Gaps flood = tick(seconds);
    stop = true;
    for (std::thread &t : threads)
        t.join();
    page.setServing(false);

    std::printf("flood: %d clients, %d single-event requests answered 200 in %d s (%.0f/s), %d other answers\n", clients, int(answered), seconds,
                double(answered) / seconds, int(refused));
    std::printf("window's 10 ms timer, idle server:  %zu ticks, gaps median %lld ms, p99 %lld ms, worst %lld ms\n", idle.ms.size(), idle.at(0.5), idle.at(0.99),
                idle.at(1.0));
    std::printf("window's 10 ms timer, during flood: %zu ticks, gaps median %lld ms, p99 %lld ms, worst %lld ms\n", flood.ms.size(), flood.at(0.5),
                flood.at(0.99), flood.at(1.0));
    return 0;
}
