// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <stdexcept>
#include <utility>

namespace orb::cli {

/// orbctl's exit codes (see shared CLI conventions).
enum ExitCode { Success = 0, Failure = 1, InvalidInput = 2, NotFound = 3, Conflict = 4 };

/// A command that cannot go on: the message goes to stderr and the code is the exit status.
class CliError : public std::runtime_error
{
public:
    CliError(ExitCode code, const QString &message) : std::runtime_error(message.toStdString()), m_code(code), m_message(message) {}
    ExitCode code() const { return m_code; }
    const QString &message() const { return m_message; }

private:
    ExitCode m_code;
    QString m_message;
};

/// `--help` on a verb: not an error. CommandLine::parse throws it with the verb's help text,
/// before the verb has opened the company file or done anything else; orbctl prints the text
/// and exits 0. So every verb answers --help alike, without a company file.
class HelpShown : public std::exception
{
public:
    explicit HelpShown(QString text) : m_text(std::move(text)) {}
    const char *what() const noexcept override { return "help"; }
    const QString &text() const { return m_text; }

private:
    QString m_text;
};

} // namespace orb::cli
