// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandRegistry.h"

#include <algorithm>

namespace orb::cli {

namespace {

QList<NounEntry> &entries()
{
    static QList<NounEntry> list;
    return list;
}

} // namespace

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

} // namespace orb::cli
