// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/ApiServerControl.h"

#include <QHostAddress>
#include <QThread>

#include <memory>

namespace orb {

class WebhookWorker;

namespace api {
class ApiServer;
}

/**
 * The thread the window's API server runs on: it opens its own connection to the company
 * (a CompanyFile of its own, as `orbctl serve` would in another process), listens, and runs
 * the server's event loop there, so neither a slow request nor a flood of them reaches the
 * UI thread. quit() ends the loop; the server and the connection are closed on this thread.
 */
class ApiServerThread final : public QThread
{
    Q_OBJECT

public:
    /// How often a lost connection to a company server is tried again.
    static constexpr int kReconnectEveryMs = 1000;

    ApiServerThread(QString path, const Clock &clock, QHostAddress address, quint16 port, QObject *parent = nullptr);

signals:
    void listening(quint16 port);
    void failed(const QString &message);
    /// A server company's connection was lost and could not be opened again yet: why.
    void serverAway(const QString &message);
    /// ... and is open again: the API answers as before.
    void serverBack();

protected:
    void run() override;

private:
    QString m_path;
    const Clock &m_clock;
    QHostAddress m_address;
    quint16 m_port;
};

/**
 * Settings › API's server: Orb's REST API v1 (app/api's ApiServer, the one `orbctl serve`
 * runs) on its own thread, and webhook deliveries while it serves (WebhookWorker on the UI
 * thread, asynchronous, where the window's keychain calls are: the Secret Service answers on
 * the thread that first asked). Serves loopback addresses only: the server speaks plain HTTP,
 * and API keys must not cross a network unencrypted.
 */
class WindowApiServer final : public ApiServerControl
{
    Q_OBJECT

public:
    WindowApiServer(CompanyFile &file, const Clock &clock, QObject *parent = nullptr);
    ~WindowApiServer() override;

    void start(const QString &listen) override;
    void stop() override;
    bool isRunning() const override { return m_thread != nullptr; }

    /// For main(): installs this class as the window's API server.
    static void install();

private:
    void onListening(quint16 port);
    void onFailed(const QString &message);

    CompanyFile &m_file;
    const Clock &m_clock;
    ApiServerThread *m_thread = nullptr;
    std::unique_ptr<WebhookWorker> m_webhooks;
    QString m_host;
    QString m_url;            ///< where it listens, while it does
    quint64 m_generation = 0; ///< which start() the thread's answers belong to
};

} // namespace orb
