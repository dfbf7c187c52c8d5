// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"

#include "app/cli/CliError.h"

namespace orb::cli {

CommandLine::CommandLine(const QString &usage, const QStringList &positional) : m_usage(usage), m_positional(positional)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")));
    for (const QString &p : positional)
        m_parser.addPositionalArgument(p, QString());
}

void CommandLine::addOption(const QString &name, const QString &valueName, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
}

void CommandLine::addFlag(const QString &name, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandLine::parse(const QStringList &args)
{
    QStringList withProgram = args;
    withProgram.prepend(QStringLiteral("orbctl"));
    if (!m_parser.parse(withProgram))
        throw CliError(InvalidInput, QStringLiteral("%1: %2\nusage: orbctl %1 %3").arg(m_usage, m_parser.errorText(), m_positional.join(QLatin1Char(' '))));
    m_help = m_parser.isSet(QStringLiteral("help"));
    if (m_help)
        return;
    const QStringList pos = m_parser.positionalArguments();
    if (pos.size() < m_positional.size())
        throw CliError(InvalidInput, QStringLiteral("%1: missing %2\nusage: orbctl %1 %3")
                                         .arg(m_usage, m_positional.mid(pos.size()).join(QStringLiteral(", ")), m_positional.join(QLatin1Char(' '))));
    if (pos.size() > m_positional.size())
        throw CliError(InvalidInput, QStringLiteral("%1: unexpected argument \"%2\"").arg(m_usage, pos.at(m_positional.size())));
}

} // namespace orb::cli
