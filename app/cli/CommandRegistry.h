// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace orb::cli {

class CliContext;

/// A noun's handler: gets the verb and the verb's arguments, returns the exit code.
using NounHandler = int (*)(CliContext &ctx, const QString &verb, const QStringList &args);
/// A verb's handler (`verb` for handlers shared by several verbs).
using VerbHandler = int (*)(CliContext &ctx, const QString &verb, const QStringList &args);

/// One verb of a noun: what `orbctl NOUN VERB --help` and the man page say of it.
struct VerbEntry {
    QString verb;      ///< empty for a noun that takes no verb (`orbctl init`)
    QString arguments; ///< its positional arguments, e.g. "ID" or "[FILE]"
    QString summary;   ///< one sentence
    /// Runs it; null when the noun's own handler still dispatches this verb.
    VerbHandler handler = nullptr;
};

struct NounEntry {
    QString noun;
    NounHandler handler; ///< null when every verb has its handler in `verbs`
    QString summary;     ///< one line for `orbctl --help`
    int order;           ///< position in the help
    QList<VerbEntry> verbs;
};

/// The nouns orbctl knows, and their verbs. Each *Commands.cpp registers its nouns with a
/// static Registrar.
class CommandRegistry final
{
public:
    static void add(const NounEntry &entry);
    static const NounEntry *find(const QString &noun);
    static QList<NounEntry> all();
    /// The verb of a noun, or null.
    static const VerbEntry *findVerb(const QString &noun, const QString &verb);
    /// The verb of a command line's usage ("invoices run", "init"), or null.
    static const VerbEntry *findUsage(const QString &usage);
    /// Runs the verb: through its handler in the table, else the noun's handler; an unknown
    /// verb is invalid input that lists the noun's verbs.
    static int dispatch(const NounEntry &noun, CliContext &ctx, const QString &verb, const QStringList &args);

    struct Registrar {
        /// A noun whose handler dispatches its verbs; `verbs` documents them.
        Registrar(const char *noun, NounHandler handler, const char *summary, int order, std::initializer_list<VerbEntry> verbs = {});
        /// A noun dispatched through its table of verbs.
        Registrar(const char *noun, const char *summary, int order, std::initializer_list<VerbEntry> verbs);
    };
};

} // namespace orb::cli
