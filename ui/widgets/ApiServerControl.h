// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace orb {

class Clock;
class CompanyFile;

/**
 * Orb's REST API served from the window (Settings › API). The server itself lives above the
 * widgets (app/api, the same server as `orbctl serve`), so the window reaches it through this
 * contract; the desktop program installs the implementation with setFactory(). A build or a
 * test without one shows the API page without the switch.
 *
 * start() answers asynchronously with started() or failed(); stop() closes the port and
 * answers with stopped(). Destroying the control stops the server and waits for it.
 */
class ApiServerControl : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<ApiServerControl>(CompanyFile &file, const Clock &clock)>;
    /// Installs how the window makes its server (the desktop program's main(), tests).
    static void setFactory(Factory factory);
    /// A control for the company, or nothing when this program cannot serve the API.
    static std::unique_ptr<ApiServerControl> make(CompanyFile &file, const Clock &clock);

    using QObject::QObject;

    /// Starts serving on HOST:PORT (loopback only); answers with started() or failed().
    virtual void start(const QString &listen) = 0;
    /// Stops serving; answers with stopped() once the port is closed.
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;

signals:
    /// Listening: the base address, "http://127.0.0.1:8710".
    void started(const QString &url);
    /// Could not start, or stopped on its own: why, for people.
    void failed(const QString &message);
    void stopped();
    /// Serving, but something needs attention (a webhook secret left in the company file, a
    /// company server gone away under the server's own connection).
    void warning(const QString &message);
    /// Serving as before at `url` after what warning() reported has passed (the company
    /// server is back): the status is the address alone again, nothing is stored.
    void resumed(const QString &url);
};

} // namespace orb
