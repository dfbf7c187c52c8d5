// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/api/ApiServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

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

} // namespace

ApiServer::ApiServer(CompanyFile &company, const Clock &clock, QObject *parent) : QAbstractHttpServer(parent), m_handler(company, clock) {}

quint16 ApiServer::listenOn(const QHostAddress &address, quint16 port)
{
    return listen(address, port);
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
    write(request, socket, m_handler.handle(r));
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(request, socket, ApiError(404, QStringLiteral("404-url-not-found"), QStringLiteral("URL not found"), QStringLiteral("no such endpoint")).response());
}

void ApiServer::write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response)
{
    QHttpServerResponder responder = makeResponder(request, socket);
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
