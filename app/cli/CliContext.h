// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <functional>
#include <memory>

namespace orb {
class CompanyFile;
}

namespace orb::cli {

/// What every command gets: the global options, the streams and the company file.
class CliContext final
{
public:
    CliContext(QTextStream &out, QTextStream &err, QTextStream &in);
    ~CliContext();

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    QTextStream &in() { return m_in; }

    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    const Clock &clock() const { return *m_clock; }
    /// Fixes "now" (from --now or $ORB_NOW); throws CliError for a malformed timestamp.
    void setNow(const QString &timestamp);
    QString dbPath() const { return m_dbPath; }
    void setDbPath(const QString &path) { m_dbPath = path; }

    /// The company file, opened on first use; errors become CliErrors with the right code.
    CompanyFile &company();
    /**
     * Runs `connect`, which opens a connection to `location`. For a company server the password
     * comes from PGPASSWORD, else the keychain entry the window remembered, else ~/.pgpass
     * (libpq); when the server still asks for one, it is asked for on the terminal (without
     * echo) and `connect` runs once more. A file location just runs `connect`. What `connect`
     * throws passes through.
     */
    void connectWithPassword(const QString &location, const std::function<void()> &connect);
    /// Sets an already opened or created file as the company (init, demo).
    void adopt(std::unique_ptr<CompanyFile> file);

    void printJson(const QJsonObject &object);
    /// A list in Orb's shape: {"data": [...], "pagination_metadata": {...}}. A list verb pages
    /// through Paging::printJson(); no default here, so that no list forgets its pages.
    void printJsonList(const QJsonArray &data, bool hasMore, const QString &nextCursor);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    bool m_json = false;
    QString m_dbPath;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<CompanyFile> m_company;
};

} // namespace orb::cli
