// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/api/ApiHandler.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace orb::api {

/**
 * Orb's REST API over HTTP (Qt HTTP Server): each request goes to the ApiHandler on the
 * thread that owns the server, one at a time, so the company file sees one writer as it does
 * from orbctl. The library reads requests asynchronously, so a slow client holds nobody up.
 */
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    ApiServer(CompanyFile &company, const Clock &clock, QObject *parent = nullptr);

    /// Listens on the address; returns the port (the chosen one for port 0), 0 on failure.
    quint16 listenOn(const QHostAddress &address, quint16 port);
    ApiHandler &handler() { return m_handler; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response);
    ApiHandler m_handler;
};

/// HOST:PORT (IPv6 as [::1]:PORT) into its parts; false with the reason.
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

} // namespace orb::api
