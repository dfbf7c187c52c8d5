// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/orb-billing/WindowApiServer.h"

#include "app/api/ApiServer.h"
#include "models/CompanyFile.h"
#include "models/storage/ChangeListener.h"
#include "sync/WebhookWorker.h"

#include <QTcpServer>
#include <QTimer>

#include <utility>

namespace orb {

ApiServerThread::ApiServerThread(QString path, const Clock &clock, QHostAddress address, quint16 port, QObject *parent)
    : QThread(parent), m_path(std::move(path)), m_clock(clock), m_address(std::move(address)), m_port(port)
{
    setObjectName(QStringLiteral("orb-api-server"));
}

void ApiServerThread::run()
{
    // A connection of its own, opened and closed on this thread (SQLite and Qt SQL tie a
    // connection to the thread that made it); the window's connection stays the window's.
    std::unique_ptr<CompanyFile> company;
    try {
        company = CompanyFile::open(m_path);
    } catch (const CompanyFileError &e) {
        emit failed(tr("The company could not be opened for the API server: %1").arg(e.message()));
        return;
    } catch (const std::exception &e) {
        emit failed(tr("The company could not be opened for the API server: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    if (company->isReadOnly()) {
        emit failed(tr("%1 is read-only here, so the API cannot serve it.").arg(m_path));
        return;
    }
    auto server = std::make_unique<api::ApiServer>(*company, m_clock);
    const quint16 bound = server->listenOn(m_address, m_port);
    if (bound == 0) {
        // The server reports only that it could not listen; a probe on the same address says why.
        QTcpServer probe;
        QString why;
        if (probe.listen(m_address, m_port))
            why = tr("the address could not be used");
        else if (probe.serverError() == QAbstractSocket::AddressInUseError)
            why = tr("the port is in use by another program");
        else if (probe.serverError() == QAbstractSocket::SocketAccessError)
            why = tr("this program may not use that port");
        else
            why = probe.errorString();
        probe.close();
        emit failed(tr("Cannot listen on port %1: %2.").arg(m_port).arg(why));
        return;
    }
    emit listening(bound);
    // A server company: this connection is the thread's own, so the window's reconnecting
    // (MainWindow's check) does not reach it. Listening on it makes libpq read its socket when
    // the server closes it, so the connection is known lost with no request sent; while it is,
    // requests are answered 503 (ApiHandler), and once the server answers again the
    // connection is opened anew, never in the middle of a request's transaction.
    std::unique_ptr<ChangeListener> listener;
    QTimer watch;
    bool announced = false; // the outage was reported (once, not at every try)
    if (company->isServer()) {
        listener = std::make_unique<ChangeListener>(company->db());
        watch.setInterval(kReconnectEveryMs);
        connect(&watch, &QTimer::timeout, &watch, [&] {
            if (!company->connectionLost() || company->db().inTransaction())
                return;
            listener.reset(); // it listened on the connection that is gone
            try {
                company->reconnect();
            } catch (const std::exception &e) {
                if (std::exchange(announced, true))
                    return;
                emit serverAway(tr("The company server is not reachable; the API answers every request with an error (503) until it is back: %1")
                                    .arg(QString::fromUtf8(e.what())));
                return;
            }
            listener = std::make_unique<ChangeListener>(company->db());
            announced = false;
            emit serverBack();
        });
        watch.start();
    }
    exec();
    // Closed here, on the thread that opened them: the port first, then the connection.
    watch.stop();
    server.reset();
    listener.reset();
    company.reset();
}

WindowApiServer::WindowApiServer(CompanyFile &file, const Clock &clock, QObject *parent) : ApiServerControl(parent), m_file(file), m_clock(clock) {}

WindowApiServer::~WindowApiServer()
{
    m_webhooks.reset();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
}

void WindowApiServer::install()
{
    ApiServerControl::setFactory([](CompanyFile &file, const Clock &clock) { return std::make_unique<WindowApiServer>(file, clock); });
}

void WindowApiServer::start(const QString &listen)
{
    if (m_thread)
        stop();
    QHostAddress address;
    quint16 port = 0;
    QString error;
    if (!api::parseListenAddress(listen.trimmed(), &address, &port, &error)) {
        emit failed(tr("The listen address is not valid: %1.").arg(error));
        return;
    }
    if (!address.isLoopback()) {
        emit failed(tr("The window serves the API on this computer only (127.0.0.1, ::1 or localhost): it speaks plain HTTP, and API keys must not "
                       "cross a network unencrypted. To reach it from elsewhere, put a TLS proxy on this computer in front of it."));
        return;
    }
    if (m_file.isReadOnly()) {
        emit failed(tr("This company file is open read-only, so the API cannot serve it."));
        return;
    }
    m_host = address.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + address.toString() + QLatin1Char(']') : address.toString();
    m_thread = new ApiServerThread(m_file.path(), m_clock, address, port);
    // Answers of a server stopped meanwhile (queued before it was) are dropped: each start
    // has its own number, where a new thread object could have the old one's address.
    const quint64 generation = ++m_generation;
    connect(m_thread, &ApiServerThread::listening, this, [this, generation](quint16 bound) {
        if (generation == m_generation && m_thread)
            onListening(bound);
    });
    connect(m_thread, &ApiServerThread::failed, this, [this, generation](const QString &message) {
        if (generation == m_generation && m_thread)
            onFailed(message);
    });
    // The company server went away under the API's own connection and came back: said beside
    // the address, then the address alone again.
    connect(m_thread, &ApiServerThread::serverAway, this, [this, generation](const QString &message) {
        if (generation == m_generation && m_thread)
            emit warning(message);
    });
    connect(m_thread, &ApiServerThread::serverBack, this, [this, generation] {
        if (generation == m_generation && m_thread && !m_url.isEmpty())
            emit resumed(m_url);
    });
    m_thread->start();
}

void WindowApiServer::onListening(quint16 port)
{
    // Webhooks go out while the API is served, as under `orbctl serve`.
    m_webhooks = std::make_unique<WebhookWorker>(m_file);
    m_webhooks->start();
    m_url = QStringLiteral("http://%1:%2").arg(m_host).arg(port);
    emit started(m_url);
    if (!m_webhooks->secretWarning().isEmpty())
        emit warning(m_webhooks->secretWarning());
}

void WindowApiServer::onFailed(const QString &message)
{
    m_webhooks.reset();
    m_thread->wait(); // it returns right after reporting
    delete m_thread;
    m_thread = nullptr;
    m_url.clear();
    emit failed(message);
}

void WindowApiServer::stop()
{
    if (!m_thread)
        return;
    m_webhooks.reset();
    // Waits for the request being answered to finish; the port is closed when this returns.
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_url.clear();
    ++m_generation;
    emit stopped();
}

} // namespace orb
