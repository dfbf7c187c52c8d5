// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/StorageError.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace orb {

/**
 * The words a company file stores for an enum, one table per enum (specialised in the enum's
 * header): `static constexpr std::pair<E, const char *> words[]`. The same word is the value
 * Orb's JSON shows, so the file and `orbctl --json` can never disagree, and a new state is
 * added in one place.
 */
template <typename E>
struct StoredWords;

/// The stored (and JSON) word of a value.
template <typename E>
QString toText(E value)
{
    for (const auto &w : StoredWords<E>::words)
        if (w.first == value)
            return QString::fromLatin1(w.second);
    return {}; // unreachable for a value of the enum; no word rather than undefined behaviour
}

/// The value a stored word names; nothing for any other text (a file edited by hand, a later
/// version's state, a user's typo).
template <typename E>
std::optional<E> fromText(const QString &text)
{
    for (const auto &w : StoredWords<E>::words)
        if (text == QLatin1String(w.second))
            return w.first;
    return std::nullopt;
}

/// Every stored word of the enum, in the table's order, for messages and option help.
template <typename E>
QStringList allTexts()
{
    QStringList out;
    for (const auto &w : StoredWords<E>::words)
        out << QString::fromLatin1(w.second);
    return out;
}

/// The value a company-file row stores. The file is outside input: an unknown word is a
/// ServiceError naming the table, the row, the column and the text, never a guess.
template <typename E>
E storedValue(const QString &text, const char *table, const QString &rowId, const char *column)
{
    if (const std::optional<E> v = fromText<E>(text))
        return *v;
    throw ServiceError::storage(QStringLiteral("the company file's %1 row %2 has the %3 \"%4\", which is not one of %5; the file was changed "
                                               "outside Orb or by a later version.")
                                    .arg(QLatin1String(table), rowId, QLatin1String(column), text, allTexts<E>().join(QStringLiteral(", "))));
}

} // namespace orb
