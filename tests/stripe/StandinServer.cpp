// SPDX-License-Identifier: GPL-3.0-or-later
#include "StandinServer.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace orb::standin {

namespace {

FormPairs decodeForm(const QByteArray &data)
{
    FormPairs pairs;
    for (const QByteArray &part : data.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        QByteArray k = eq < 0 ? part : part.left(eq);
        QByteArray v = eq < 0 ? QByteArray() : part.mid(eq + 1);
        k.replace('+', ' ');
        v.replace('+', ' ');
        pairs.append({QString::fromUtf8(QByteArray::fromPercentEncoding(k)), QString::fromUtf8(QByteArray::fromPercentEncoding(v))});
    }
    return pairs;
}

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

QString defaultSpecPath()
{
    return QStringLiteral(ORB_STRIPE_SPEC);
}

StandinServer::StandinServer(StripeStandin &standin, QObject *parent) : QObject(parent), m_standin(standin) {}

StandinServer::~StandinServer() = default;

quint16 StandinServer::listen(quint16 port)
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &StandinServer::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return 0;
    return m_server->serverPort();
}

quint16 StandinServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void StandinServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void StandinServer::onReadyRead(QTcpSocket *socket)
{
    // A request is whole when its headers and Content-Length bytes of body have arrived.
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        StandinRequest request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        qsizetype length = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QString name = QString::fromLatin1(line.left(colon).trimmed()).toLower();
            const QString value = QString::fromUtf8(line.mid(colon + 1).trimmed());
            request.headers.insert(name, value);
            if (name == QLatin1String("content-length"))
                length = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            break;
        request.rawBody = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        request.method = QString::fromLatin1(first.value(0));
        const QByteArray target = first.value(1);
        const qsizetype q = target.indexOf('?');
        request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q)));
        if (q >= 0)
            request.query = decodeForm(target.mid(q + 1));
        if (request.headers.value(QStringLiteral("content-type")).startsWith(QLatin1String("application/x-www-form-urlencoded")))
            request.body = decodeForm(request.rawBody);
        const bool keepAlive = request.headers.value(QStringLiteral("connection")).toLower() != QLatin1String("close");
        const StandinResponse response = m_standin.handle(request);
        const QString key = request.headers.value(QStringLiteral("idempotency-key"));
        if (response.delayMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(response.delayMs, this, [this, guarded, response, keepAlive, key] {
                if (!key.isEmpty())
                    m_standin.releaseInFlight(key);
                if (guarded)
                    answer(guarded, response, keepAlive);
            });
            // Later requests on this connection wait for the delayed answer (HTTP/1.1 order).
            socket->setProperty("buffer", buffer);
            return;
        }
        answer(socket, response, keepAlive);
        if (response.drop || !keepAlive)
            return;
    }
    socket->setProperty("buffer", buffer);
}

void StandinServer::answer(QTcpSocket *socket, const StandinResponse &response, bool keepAlive)
{
    if (response.drop) {
        // The change was made; the client never hears of it and must retry with its key. The
        // answer breaks off after its first bytes: a connection closed before any byte is
        // retried by libcurl itself on a reused connection, which would hide the loss.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"id\":");
        socket->flush();
        socket->abort();
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Request-Id: req_standin\r\nStripe-Version: 2023-08-16\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    out += response.body;
    socket->write(out);
    if (!keepAlive)
        socket->disconnectFromHost();
}

StandinHost::StandinHost(const QString &specPath) : m_standin(std::make_unique<StripeStandin>(specPath)) {}

StandinHost::~StandinHost()
{
    if (m_server)
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool StandinHost::start(quint16 port)
{
    m_thread.start();
    m_server = new StandinServer(*m_standin);
    m_server->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_server, [this, port] { m_port = m_server->listen(port); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QString StandinHost::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

} // namespace orb::standin
