// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/api/ApiHandler.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <memory>
#include <vector>

namespace orb::api {

/**
 * The listening socket: sees each connection's bytes before the HTTP library buffers them, so a
 * body over the limit is refused early (by its Content-Length, or once more bytes arrive than
 * the limit allows) instead of being read into memory whole.
 */
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(qint64 maxRequestBytes, QObject *parent = nullptr) : QTcpServer(parent), m_max(maxRequestBytes) {}
    /// A response went out on the socket: its next request starts counting from zero.
    void answered(QTcpSocket *socket) { m_received.insert(socket, 0); }

protected:
    void incomingConnection(qintptr handle) override;

private:
    void inspect(QTcpSocket *socket);
    qint64 m_max;
    QHash<QTcpSocket *, qint64> m_received;
};

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
    ~ApiServer() override;

    /// Listens on the address; returns the port (the chosen one for port 0), 0 on failure.
    quint16 listenOn(const QHostAddress &address, quint16 port);
    ApiHandler &handler() { return m_handler; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    /// An ingestion request waiting for the group commit, with what answers it.
    struct PendingIngest {
        ApiRequest request;
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
    };
    void write(QHttpServerResponder &responder, QTcpSocket *socket, const ApiResponse &response);
    /// Commits the waiting ingestion requests together and answers each.
    void flushIngest();
    void scheduleKeyUse();
    bool m_keyUseScheduled = false;
    ApiHandler m_handler;
    GuardedTcpServer *m_tcp = nullptr;
    std::vector<std::unique_ptr<PendingIngest>> m_pendingIngest;
    bool m_flushScheduled = false;
};

/// HOST:PORT (IPv6 as [::1]:PORT) into its parts; false with the reason.
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

} // namespace orb::api
