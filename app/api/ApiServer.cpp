// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/api/ApiServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace orb::api {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "UNKNOWN";
    }
}

// Room for the request line and headers beside the body.
constexpr qint64 kHeaderAllowance = 64 * 1024;

QByteArray tooLarge(qint64 limit)
{
    const QByteArray body = ApiError(413, QStringLiteral("413-request-too-large"), QStringLiteral("Request too large"),
                                     QStringLiteral("the request is larger than this server takes (%1 bytes of body)").arg(limit))
                                .response()
                                .body;
    return "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
           + "\r\n\r\n" + body;
}

/// The Content-Length of a request whose start is in `head`, or -1.
qint64 contentLength(const QByteArray &head)
{
    static const QList<QByteArray> methods = {"POST ", "PUT ", "PATCH ", "GET ", "DELETE "};
    if (std::none_of(methods.begin(), methods.end(), [&](const QByteArray &m) { return head.startsWith(m); }))
        return -1;
    const qsizetype end = head.indexOf("\r\n\r\n");
    const QByteArray headers = (end < 0 ? head : head.left(end)).toLower();
    const qsizetype at = headers.indexOf("\r\ncontent-length:");
    if (at < 0)
        return -1;
    const qsizetype eol = headers.indexOf("\r\n", at + 2);
    bool ok = false;
    const qint64 n = headers.mid(at + 17, eol < 0 ? -1 : eol - at - 17).trimmed().toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    m_received.insert(socket, 0);
    // Answers go out at once: no waiting for the client's acknowledgement of the previous
    // segment (Nagle), which would add a delayed-ACK pause to every keep-alive request.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before the HTTP library connects its own reader, so this sees each chunk first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_received.remove(socket); });
    addPendingConnection(socket);
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
#ifdef Q_OS_LINUX
    // Acknowledge what arrived at once rather than after the delayed-ACK timeout (40 ms): a
    // client that sends a request's headers and body in two writes with Nagle's algorithm on
    // (QNetworkAccessManager does) holds the body back until the headers are acknowledged.
    // Linux leaves quick-ack mode on its own, so it is asked for again at every read.
    const int one = 1;
    setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
    const qint64 available = socket->bytesAvailable();
    qint64 &received = m_received[socket];
    const qint64 declared = received == 0 ? contentLength(socket->peek(std::min<qint64>(available, kHeaderAllowance))) : -1;
    received += available;
    if (declared > m_max || received > m_max + kHeaderAllowance) {
        socket->readAll(); // never handed to the parser
        socket->write(tooLarge(m_max));
        socket->disconnectFromHost();
    }
}

ApiServer::ApiServer(CompanyFile &company, const Clock &clock, QObject *parent) : QAbstractHttpServer(parent), m_handler(company, clock) {}

ApiServer::~ApiServer()
{
    m_handler.recordKeyUse(); // what the last second's requests noted (it logs a failure)
}

quint16 ApiServer::listenOn(const QHostAddress &address, quint16 port)
{
    m_tcp = new GuardedTcpServer(m_handler.maxBodyBytes(), this);
    if (!m_tcp->listen(address, port)) {
        delete m_tcp;
        m_tcp = nullptr;
        return 0;
    }
    bind(m_tcp);
    return m_tcp->serverPort();
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ApiRequest r;
    r.method = methodName(request.method());
    r.path = request.url().path(QUrl::FullyDecoded);
    r.query = request.query();
    for (const auto &h : request.headers())
        r.headers.insert(h.first.toLower(), h.second);
    r.body = request.body();
    if (ApiHandler::isIngest(r)) {
        // Ingestion requests that arrive while others are read are committed together: the
        // zero timer runs once the event loop has handled the sockets that are ready.
        m_pendingIngest.push_back(std::make_unique<PendingIngest>(PendingIngest{std::move(r), makeResponder(request, socket), socket}));
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            QTimer::singleShot(0, this, &ApiServer::flushIngest);
        }
        return true;
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, socket, m_handler.handle(r));
    scheduleKeyUse();
    return true;
}

void ApiServer::scheduleKeyUse()
{
    // A second after the answers are written: no request waits for the write, and the keys
    // used meanwhile are recorded in the same transaction.
    if (m_keyUseScheduled || !m_handler.hasKeyUseToRecord())
        return;
    m_keyUseScheduled = true;
    QTimer::singleShot(1000, this, [this] {
        m_keyUseScheduled = false;
        m_handler.recordKeyUse();
    });
}

void ApiServer::flushIngest()
{
    m_flushScheduled = false;
    std::vector<std::unique_ptr<PendingIngest>> pending;
    pending.swap(m_pendingIngest);
    QList<ApiRequest> requests;
    requests.reserve(qsizetype(pending.size()));
    for (const auto &p : pending)
        requests.append(p->request);
    const QList<ApiResponse> responses = m_handler.handleIngestBatch(requests);
    for (size_t i = 0; i < pending.size(); ++i)
        if (pending[i]->socket) // a client gone meanwhile gets nothing; its events are stored
            write(pending[i]->responder, pending[i]->socket, responses[qsizetype(i)]);
    scheduleKeyUse();
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, socket,
          ApiError(404, QStringLiteral("404-url-not-found"), QStringLiteral("URL not found"), QStringLiteral("no such endpoint")).response());
}

void ApiServer::write(QHttpServerResponder &responder, QTcpSocket *socket, const ApiResponse &response)
{
    if (m_tcp)
        m_tcp->answered(socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(response.body);
}

bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("\"%1\" must be HOST:PORT, e.g. 127.0.0.1:8710").arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535) {
        *error = QStringLiteral("\"%1\": the port must be a number from 0 to 65535").arg(text);
        return false;
    }
    QHostAddress a;
    if (!a.setAddress(host)) {
        *error = QStringLiteral("\"%1\": \"%2\" is not an IP address").arg(text, host);
        return false;
    }
    *address = a;
    *port = static_cast<quint16>(p);
    return true;
}

} // namespace orb::api
