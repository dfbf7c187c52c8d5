// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Paging.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandLine.h"

namespace orb::cli {

namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

Paging::Paging(CommandLine &cl, int defaultLimit, int maxLimit) : m_list(cl.usage()), m_defaultLimit(defaultLimit), m_maxLimit(maxLimit)
{
    cl.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                 defaultLimit > 0 ? QStringLiteral("At most N a page (1 to %1, default %2).").arg(maxLimit).arg(defaultLimit)
                                  : QStringLiteral("At most N a page (1 to %1; default: all).").arg(maxLimit));
    cl.addOption(QStringLiteral("cursor"), QStringLiteral("CURSOR"), QStringLiteral("The page after the one that answered this next_cursor."));
}

void Paging::read(const CommandLine &cl)
{
    m_limit = m_defaultLimit;
    if (cl.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        m_limit = cl.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || m_limit < 1 || m_limit > m_maxLimit)
            throw CliError(
                InvalidInput,
                QStringLiteral("%1: --limit \"%2\" must be a whole number from 1 to %3").arg(m_list, cl.value(QStringLiteral("limit"))).arg(m_maxLimit));
    }
    m_cursor = cl.value(QStringLiteral("cursor"));
    if (m_cursor.isEmpty())
        return;
    const auto decoded = QByteArray::fromBase64Encoding(m_cursor.toLatin1(), kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QString text = decoded ? QString::fromUtf8(*decoded) : QString();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline <= 0 || text.left(newline) != m_list || newline + 1 >= text.size())
        throw CliError(InvalidInput, QStringLiteral("%1: --cursor \"%2\" is not a next_cursor of this list").arg(m_list, m_cursor));
    m_after = text.mid(newline + 1);
}

QString Paging::nextCursor() const
{
    if (!m_hasMore)
        return {};
    return QString::fromLatin1((m_list + QLatin1Char('\n') + m_next).toUtf8().toBase64(kEncoding));
}

qint64 Paging::afterNumber() const
{
    if (m_after.isEmpty())
        return 0;
    bool ok = false;
    const qint64 n = m_after.toLongLong(&ok);
    if (!ok || n < 0)
        throw CliError(InvalidInput, QStringLiteral("%1: --cursor \"%2\" is not a next_cursor of this list").arg(m_list, m_cursor));
    return n;
}

qsizetype Paging::offset() const
{
    return qsizetype(afterNumber());
}

void Paging::setTotal(qsizetype pageSize, qsizetype total)
{
    const qsizetype end = offset() + pageSize;
    m_hasMore = m_limit > 0 && end < total;
    m_next = m_hasMore ? QString::number(end) : QString();
}

void Paging::printJson(CliContext &ctx, const QJsonArray &data) const
{
    ctx.printJsonList(data, m_hasMore, nextCursor());
}

void Paging::printMore(QTextStream &out) const
{
    if (m_hasMore)
        out << "More: orbctl " << m_list << " --cursor " << nextCursor() << " (with the same options)\n";
}

void Paging::rowGone() const
{
    throw CliError(InvalidInput, QStringLiteral("%1: the row --cursor continues after is no longer in the list; start again without --cursor").arg(m_list));
}

} // namespace orb::cli
