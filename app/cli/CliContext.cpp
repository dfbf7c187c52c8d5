// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"

#include "app/cli/CliError.h"
#include "models/CompanyFile.h"
#include "models/Timestamps.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "sync/ServerPasswordStore.h"

#include <cstdio>
#include <optional>
#include <termios.h>
#include <unistd.h>

#include <QJsonDocument>

namespace orb::cli {

CliContext::CliContext(QTextStream &out, QTextStream &err, QTextStream &in)
    : m_out(out), m_err(err), m_in(in), m_dbPath(CompanyFile::defaultPath()), m_clock(std::make_unique<SystemClock>())
{
}

CliContext::~CliContext() = default;

void CliContext::setNow(const QString &timestamp)
{
    const QDateTime t = parseTimestampWithZone(timestamp);
    if (!t.isValid())
        throw CliError(InvalidInput, QStringLiteral("--now: \"%1\" is not an ISO 8601 timestamp with a zone (such as 2026-03-01T12:00:00Z)").arg(timestamp));
    m_clock = std::make_unique<FixedClock>(t);
}

namespace {

// Asks for a server password on the terminal, without echo; nothing when there is no terminal.
std::optional<QString> promptPassword(const QString &location)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return std::nullopt;
    std::fprintf(stderr, "Password for %s: ", qPrintable(location));
    std::fflush(stderr);
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    char buffer[1024] = {};
    const bool got = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::fprintf(stderr, "\n");
    if (!got)
        return std::nullopt;
    QString password = QString::fromLocal8Bit(buffer);
    while (password.endsWith(QLatin1Char('\n')) || password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    return password;
}

} // namespace

void CliContext::connectWithPassword(const QString &location, const std::function<void()> &connect)
{
    if (!CompanyLocation::looksLikeServer(location)) {
        connect();
        return;
    }
    try {
        ServerPasswordStore::provide(location);
    } catch (const ServiceError &) {
        // an invalid location: the connection says what is wrong with it
    }
    // The connection's refusal names the password when that is what is missing or wrong.
    const auto askAgain = [&](const QString &refusal) -> std::optional<QString> {
        if (!refusal.contains(QLatin1String("password")))
            return std::nullopt;
        return promptPassword(CompanyLocation::parse(location).display());
    };
    std::optional<QString> password;
    try {
        connect();
        return;
    } catch (const CompanyFileError &e) {
        if (!(password = askAgain(e.message())))
            throw;
    } catch (const ServiceError &e) {
        if (!(password = askAgain(e.message())))
            throw;
    }
    Database::setServerPassword(CompanyLocation::parse(location).display(), *password);
    connect();
}

CompanyFile &CliContext::company()
{
    if (m_company)
        return *m_company;
    try {
        connectWithPassword(m_dbPath, [this] { m_company = CompanyFile::open(m_dbPath); });
    } catch (const CompanyFileError &e) {
        switch (e.kind()) {
        case CompanyFileError::Kind::NotFound:
            throw CliError(NotFound, e.message() + QStringLiteral(" (create one with `orbctl init` or `orbctl demo`, or name one with --db)"));
        case CompanyFileError::Kind::AlreadyExists: throw CliError(Conflict, e.message());
        case CompanyFileError::Kind::Io: throw CliError(Failure, e.message());
        default: throw CliError(InvalidInput, e.message());
        }
    }
    return *m_company;
}

void CliContext::adopt(std::unique_ptr<CompanyFile> file)
{
    m_company = std::move(file);
}

void CliContext::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void CliContext::printJsonList(const QJsonArray &data, bool hasMore, const QString &nextCursor)
{
    printJson(QJsonObject{{QStringLiteral("data"), data},
                          {QStringLiteral("pagination_metadata"),
                           QJsonObject{{QStringLiteral("has_more"), hasMore},
                                       {QStringLiteral("next_cursor"), nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextCursor)}}}});
}

} // namespace orb::cli
