// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/orb-billing/WindowApiServer.h"

#include "app/api/ApiServer.h"
#include "models/CompanyFile.h"
#include "sync/WebhookWorker.h"

#include <QTcpServer>

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
    exec();
    // Closed here, on the thread that opened them: the port first, then the connection.
    server.reset();
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
    m_thread->start();
}

void WindowApiServer::onListening(quint16 port)
{
    // Webhooks go out while the API is served, as under `orbctl serve`.
    m_webhooks = std::make_unique<WebhookWorker>(m_file);
    m_webhooks->start();
    emit started(QStringLiteral("http://%1:%2").arg(m_host).arg(port));
    if (!m_webhooks->secretWarning().isEmpty())
        emit warning(m_webhooks->secretWarning());
}

void WindowApiServer::onFailed(const QString &message)
{
    m_webhooks.reset();
    m_thread->wait(); // it returns right after reporting
    delete m_thread;
    m_thread = nullptr;
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
    ++m_generation;
    emit stopped();
}

} // namespace orb
