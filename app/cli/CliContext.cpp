// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliContext.h"

#include "app/cli/CliError.h"
#include "models/CompanyFile.h"
#include "models/Timestamps.h"

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

CompanyFile &CliContext::company()
{
    if (m_company)
        return *m_company;
    try {
        m_company = CompanyFile::open(m_dbPath);
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
