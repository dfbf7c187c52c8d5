// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandRegistry.h"

#include "app/cli/CliError.h"

#include <algorithm>

namespace orb::cli {

namespace {

QList<NounEntry> &entries()
{
    static QList<NounEntry> list;
    return list;
}

} // namespace

CommandRegistry::Registrar::Registrar(const char *noun, NounHandler handler, const char *summary, int order, std::initializer_list<VerbEntry> verbs)
{
    add({QString::fromLatin1(noun), handler, QString::fromUtf8(summary), order, QList<VerbEntry>(verbs)});
}

CommandRegistry::Registrar::Registrar(const char *noun, const char *summary, int order, std::initializer_list<VerbEntry> verbs)
{
    add({QString::fromLatin1(noun), nullptr, QString::fromUtf8(summary), order, QList<VerbEntry>(verbs)});
}

void CommandRegistry::add(const NounEntry &entry)
{
    entries().append(entry);
}

const NounEntry *CommandRegistry::find(const QString &noun)
{
    for (const NounEntry &e : entries())
        if (e.noun == noun)
            return &e;
    return nullptr;
}

QList<NounEntry> CommandRegistry::all()
{
    QList<NounEntry> list = entries();
    std::sort(list.begin(), list.end(), [](const NounEntry &a, const NounEntry &b) { return a.order < b.order; });
    return list;
}

const VerbEntry *CommandRegistry::findVerb(const QString &noun, const QString &verb)
{
    const NounEntry *n = find(noun);
    if (!n)
        return nullptr;
    for (const VerbEntry &v : n->verbs)
        if (v.verb == verb)
            return &v;
    return nullptr;
}

const VerbEntry *CommandRegistry::findUsage(const QString &usage)
{
    // "invoices pdf [ID] (-o FILE | --dir DIR)": the noun, then the verb unless the noun takes none.
    const QStringList words = usage.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return nullptr;
    if (const VerbEntry *verbless = findVerb(words.first(), QString()))
        return verbless;
    return words.size() < 2 ? nullptr : findVerb(words.at(0), words.at(1));
}

int CommandRegistry::dispatch(const NounEntry &noun, CliContext &ctx, const QString &verb, const QStringList &args)
{
    for (const VerbEntry &v : noun.verbs)
        if (v.verb == verb && v.handler)
            return v.handler(ctx, verb, args);
    if (noun.handler)
        return noun.handler(ctx, verb, args);
    QStringList verbs;
    for (const VerbEntry &v : noun.verbs)
        verbs << v.verb;
    throw CliError(InvalidInput, QStringLiteral("%1: unknown verb \"%2\" (%3)").arg(noun.noun, verb, verbs.join(QStringLiteral(", "))));
}

} // namespace orb::cli
