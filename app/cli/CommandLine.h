// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace orb::cli {

/**
 * The options of one verb, parsed with QCommandLineParser. Unknown options, missing values
 * and stray arguments are invalid input (exit code 2), never ignored.
 */
class CommandLine final
{
public:
    /// usage: e.g. "customers create"; positional: names of the positional arguments, in order;
    /// a name in brackets ("[FILE]") is optional and may only be followed by optional ones.
    CommandLine(const QString &usage, const QStringList &positional = {});

    void addOption(const QString &name, const QString &valueName, const QString &description);
    void addFlag(const QString &name, const QString &description);
    /// Parses the verb's arguments; throws CliError(InvalidInput) with the problem and usage,
    /// and HelpShown with helpText() when --help is among them.
    void parse(const QStringList &args);

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QString positional(int i) const { return m_parser.positionalArguments().value(i); }
    int positionalCount() const { return int(m_parser.positionalArguments().size()); }
    bool helpRequested() const { return m_help; }
    /// "invoices list": the command these options belong to.
    const QString &usage() const { return m_usage; }
    /// `Usage: orbctl NOUN VERB [options] ARGS`, the verb's sentence from the command table,
    /// and the options.
    QString helpText() const;

private:
    QString m_usage;
    QStringList m_positional;
    QCommandLineParser m_parser;
    bool m_help = false;
};

} // namespace orb::cli
