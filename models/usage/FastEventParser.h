// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/UsageEventRow.h"

#include <QByteArrayView>

namespace orb {

/**
 * The import path's byte-level fast path for the common event line: a flat JSON object of
 * printable-ASCII strings without escapes, straight into the stored row form, without a JSON
 * tree, QStrings or QDateTime.
 *
 * It only ever answers "this is the row" or "not sure": it returns true exactly when the line
 * is of the simple shape it knows AND EventParser (the reference) would accept it, and then
 * `row` equals `UsageEventRow::fromEvent(*EventParser::parse(line))`. Anything else (escapes,
 * non-ASCII, unknown or duplicate members, nulls at the top level, fractional or exponent
 * numbers, any invalid input) returns false, and the caller runs the reference parser, which
 * also produces every rejection message. So the fast path cannot change what is accepted or
 * rejected, nor any message (tests/models/usage compares both on fuzzed inputs).
 */
class FastEventParser final
{
public:
    static bool parse(QByteArrayView line, UsageEventRow &row);
    /// The timestamp part alone (same grammar as EventParser::parseTimestamp), for tests.
    static bool parseTimestampMs(QByteArrayView text, qint64 &ms);
};

} // namespace orb
