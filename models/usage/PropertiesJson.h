// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/Event.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>

namespace orb {

/**
 * The stored form of an event's properties: the canonical JSON object (sorted names, number
 * literals kept, only the required escapes). write() produces it; parse() reads it back fast,
 * trusting that it was written by write() (it is only ever read from the company file).
 */
class PropertiesJson final
{
public:
    static QByteArray write(const QList<EventProperty> &properties);
    /// Parses a stored object into `out` (cleared first); false when it is malformed.
    /// `names` interns property names so that millions of rows share a few QStrings.
    static bool parse(QByteArrayView json, QList<EventProperty> &out, QHash<QByteArray, QString> *names = nullptr);

    /// The members an aggregation reads, and nothing else: their raw UTF-8 names and the same
    /// names as QStrings (shared by every event read).
    struct Wanted {
        QList<QByteArray> raw;
        QList<QString> names;
    };
    /**
     * Reads only the members named in `wanted` into `out` (cleared first), exactly as parse()
     * reads them, without building the others. It handles the plain stored shape only: ASCII
     * names in strictly ascending order, no escape anywhere, no nested object or array. On
     * anything else it returns false and the caller must use parse(), so both always agree.
     */
    static bool extract(QByteArrayView json, const Wanted &wanted, QList<EventProperty> &out);
};

} // namespace orb
