// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandLine.h"

#include "app/cli/CliError.h"
#include "app/cli/CommandRegistry.h"

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
        throw CliError(InvalidInput, QStringLiteral("%1: %2\nUsage: orbctl %1 %3").arg(m_usage, m_parser.errorText(), m_positional.join(QLatin1Char(' '))));
    m_help = m_parser.isSet(QStringLiteral("help"));
    if (m_help)
        throw HelpShown(helpText());
    const QStringList pos = m_parser.positionalArguments();
    qsizetype required = 0;
    while (required < m_positional.size() && !m_positional.at(required).startsWith(QLatin1Char('[')))
        ++required;
    if (pos.size() < required)
        throw CliError(InvalidInput,
                       QStringLiteral("%1: missing %2\nUsage: orbctl %1 %3")
                           .arg(m_usage, m_positional.mid(pos.size(), required - pos.size()).join(QStringLiteral(", ")), m_positional.join(QLatin1Char(' '))));
    if (pos.size() > m_positional.size())
        throw CliError(InvalidInput, QStringLiteral("%1: unexpected argument \"%2\"").arg(m_usage, pos.at(m_positional.size())));
}

QString CommandLine::helpText() const
{
    const QStringList words = m_usage.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const VerbEntry *entry = CommandRegistry::findUsage(m_usage);
    QString command = QStringLiteral("orbctl ") + words.value(0);
    if (entry && !entry->verb.isEmpty())
        command += QLatin1Char(' ') + entry->verb;
    else if (!entry && words.size() > 1)
        command += QLatin1Char(' ') + words.at(1);
    const QString arguments = entry && !entry->arguments.isEmpty() ? entry->arguments : m_positional.join(QLatin1Char(' '));
    QString text = QStringLiteral("Usage: %1 [options]%2\n").arg(command, arguments.isEmpty() ? QString() : QLatin1Char(' ') + arguments);
    if (entry && !entry->summary.isEmpty())
        text += QLatin1Char('\n') + entry->summary + QLatin1Char('\n');
    // Qt's text starts with its own usage line; the options follow.
    const QString qt = m_parser.helpText();
    const qsizetype options = qt.indexOf(QStringLiteral("Options:"));
    text += QLatin1Char('\n') + (options < 0 ? qt : qt.mid(options));
    return text;
}

} // namespace orb::cli
