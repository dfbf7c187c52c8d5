// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Cli.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliError.h"
#include "app/cli/CommandRegistry.h"
#include "engine/Decimal.h"
#include "models/StorageError.h"

#include <algorithm>

namespace orb::cli {

namespace {

QString usage()
{
    QString text = QStringLiteral("Usage: orbctl [--db FILE] [--json] [--now TIMESTAMP] NOUN VERB [ARGS] [OPTIONS]\n\n"
                                  "Orb's command-line tool: every action of the desktop program, headless.\n\n");
    for (const NounEntry &e : CommandRegistry::all())
        text += QStringLiteral("  %1 %2\n").arg(e.noun.leftJustified(14), e.summary);
    text += QStringLiteral("\nGlobal options:\n"
                           "  --db FILE         the company file (default: $ORB_DB, else the user's data folder)\n"
                           "  --json            machine-readable output shaped like Orb's API\n"
                           "  --now TIMESTAMP   fix the clock (also $ORB_NOW), e.g. 2026-03-01T12:00:00Z\n"
                           "  --version         print the version\n\n"
                           "Exit codes: 0 success, 1 failure, 2 invalid input, 3 not found, 4 conflict or refused change.\n"
                           "Run `orbctl NOUN VERB --help` for a command's options.\n");
    return text;
}

/// `orbctl NOUN --help`: the noun's verbs with their sentences, from the command table.
QString nounUsage(const NounEntry &noun)
{
    QString text = QStringLiteral("Usage: orbctl %1 VERB [options] [ARGS]\n\nVerbs:\n").arg(noun.noun);
    qsizetype width = 0;
    for (const VerbEntry &v : noun.verbs)
        width = std::max(width, v.verb.size() + 1 + v.arguments.size());
    for (const VerbEntry &v : noun.verbs)
        text += QStringLiteral("  %1  %2\n").arg(QString(v.verb + QLatin1Char(' ') + v.arguments).leftJustified(width), v.summary);
    text += QStringLiteral("\nRun `orbctl %1 VERB --help` for a verb's options.\n").arg(noun.noun);
    return text;
}

bool isHelp(const QString &word)
{
    return word == QLatin1String("--help") || word == QLatin1String("-h") || word == QLatin1String("help");
}

int exitCodeFor(const ServiceError &e)
{
    switch (e.kind()) {
    case ServiceError::Kind::InvalidInput: return InvalidInput;
    case ServiceError::Kind::NotFound: return NotFound;
    case ServiceError::Kind::Conflict: return Conflict;
    case ServiceError::Kind::Storage: return Failure;
    }
    return Failure;
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err, QTextStream &in)
{
    CliContext ctx(out, err, in);
    try {
        // Global options may stand anywhere; take them out first.
        QStringList rest;
        QString now = qEnvironmentVariable("ORB_NOW");
        for (int i = 0; i < arguments.size(); ++i) {
            const QString &a = arguments[i];
            auto takeValue = [&](const QString &name) {
                if (a.startsWith(name + QLatin1Char('=')))
                    return a.mid(name.size() + 1);
                if (i + 1 >= arguments.size())
                    throw CliError(InvalidInput, QStringLiteral("%1 needs a value").arg(name));
                return arguments[++i];
            };
            if (a == QLatin1String("--json"))
                ctx.setJson(true);
            else if (a == QLatin1String("--db") || a.startsWith(QLatin1String("--db=")))
                ctx.setDbPath(takeValue(QStringLiteral("--db")));
            else if (a == QLatin1String("--now") || a.startsWith(QLatin1String("--now=")))
                now = takeValue(QStringLiteral("--now"));
            else
                rest << a;
        }
        if (!now.isEmpty())
            ctx.setNow(now);
        if (rest.isEmpty() || rest.first() == QLatin1String("--help") || rest.first() == QLatin1String("help") || rest.first() == QLatin1String("-h")) {
            out << usage();
            return rest.isEmpty() ? InvalidInput : Success;
        }
        if (rest.first() == QLatin1String("--version")) {
            // The GNU form: the version alone on the first line (scripts read it), then the
            // licence and the absence of warranty the GPL asks programs to state.
            out << "orbctl " << ORB_VERSION_STRING << '\n'
                << "Copyright (C) 2026 The Orb developers\n"
                << "License GPL-3.0-or-later: GNU GPL version 3 or later <https://www.gnu.org/licenses/gpl-3.0.html>.\n"
                << "This is free software: you are free to change and redistribute it.\n"
                << "There is NO WARRANTY, to the extent permitted by law.\n";
            return Success;
        }
        const QString noun = rest.takeFirst();
        const NounEntry *entry = CommandRegistry::find(noun);
        if (entry) {
            const QString verb = rest.isEmpty() ? QString() : rest.takeFirst();
            // A noun that takes no verb (init, backup) reads its own --help; for the others, no
            // verb or --help lists the verbs, before anything opens the company file.
            if (!CommandRegistry::findVerb(noun, QString()) && (verb.isEmpty() || isHelp(verb))) {
                out << nounUsage(*entry);
                return verb.isEmpty() ? InvalidInput : Success;
            }
            return CommandRegistry::dispatch(*entry, ctx, verb, rest);
        }
        throw CliError(InvalidInput, QStringLiteral("unknown command \"%1\"; run `orbctl --help` for the list").arg(noun));
    } catch (const HelpShown &h) {
        out << h.text();
        return Success;
    } catch (const CliError &e) {
        err << "orbctl: " << e.message() << '\n';
        return e.code();
    } catch (const ServiceError &e) {
        err << "orbctl: " << e.details() << '\n';
        return exitCodeFor(e);
    } catch (const DecimalError &e) {
        err << "orbctl: " << QString::fromUtf8(e.what()) << '\n';
        return InvalidInput;
    } catch (const std::exception &e) {
        err << "orbctl: unexpected failure: " << QString::fromUtf8(e.what()) << '\n';
        return Failure;
    }
}

} // namespace orb::cli
