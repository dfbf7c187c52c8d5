// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StripeStandin.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace orb::standin {

/**
 * Serves a StripeStandin over HTTP/1.1 on loopback (keep-alive, Content-Length bodies), with
 * the test-only side channel under /__standin/. Lives in the thread that calls listen().
 */
class StandinServer final : public QObject
{
    Q_OBJECT
public:
    explicit StandinServer(StripeStandin &standin, QObject *parent = nullptr);
    ~StandinServer() override;

    /// Listens on 127.0.0.1; port 0 picks a free one. Returns the port, 0 on failure.
    quint16 listen(quint16 port);
    quint16 port() const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const StandinResponse &response, bool keepAlive);

    StripeStandin &m_standin;
    QTcpServer *m_server = nullptr;
};

/**
 * A stand-in with its server on its own thread, for tests in the same process: the client
 * under test blocks on libcurl while the stand-in answers from its thread.
 */
class StandinHost final
{
public:
    explicit StandinHost(const QString &specPath);
    ~StandinHost();
    StandinHost(const StandinHost &) = delete;
    StandinHost &operator=(const StandinHost &) = delete;

    /// Starts listening; returns false when no port could be bound.
    bool start(quint16 port = 0);
    quint16 port() const { return m_port; }
    QString baseUrl() const;
    StripeStandin &standin() { return *m_standin; }

private:
    std::unique_ptr<StripeStandin> m_standin;
    QThread m_thread;
    StandinServer *m_server = nullptr;
    quint16 m_port = 0;
};

/// The checked-in OpenAPI subset (tests/stripe/openapi-subset.json).
QString defaultSpecPath();

} // namespace orb::standin
