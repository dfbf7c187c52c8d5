// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace orb::cli {

class CliContext;

/// A noun's handler: gets the verb and the verb's arguments, returns the exit code.
using NounHandler = int (*)(CliContext &ctx, const QString &verb, const QStringList &args);

struct NounEntry {
    QString noun;
    NounHandler handler;
    QString summary; ///< one line for `orbctl --help`
    int order;       ///< position in the help
};

/// The nouns orbctl knows. Each *Commands.cpp registers its nouns with a static Registrar.
class CommandRegistry final
{
public:
    static void add(const NounEntry &entry);
    static const NounEntry *find(const QString &noun);
    static QList<NounEntry> all();

    struct Registrar {
        Registrar(const char *noun, NounHandler handler, const char *summary, int order)
        {
            add({QString::fromLatin1(noun), handler, QString::fromUtf8(summary), order});
        }
    };
};

} // namespace orb::cli
