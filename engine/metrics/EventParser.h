// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/Event.h"
#include "engine/metrics/JsonParseError.h"
#include "engine/metrics/JsonValue.h"

#include <QByteArrayView>
#include <QDateTime>

#include <optional>

namespace orb {

/**
 * Reads one usage event from JSON text, keeping property numbers exact.
 *
 * Accepted members: `event_name`, `timestamp`, `idempotency_key`, exactly one of `customer_id`
 * and `external_customer_id` (null counts as absent), and an optional flat `properties` object
 * whose values are strings, numbers, booleans or null. Unknown members are rejected so that a
 * typo ("event" for "event_name") is reported instead of silently dropping data.
 */
class EventParser final
{
public:
    static std::optional<Event> parse(QByteArrayView json, JsonParseError *error = nullptr);
    /// Builds an event from an already parsed JSON object (offsets in errors come from it).
    static std::optional<Event> fromJsonValue(const JsonValue &object, JsonParseError *error = nullptr);

    /**
     * Parses an ISO 8601 / RFC 3339 timestamp that names its zone: "2026-03-01T10:00:00Z",
     * "2026-03-01T10:00:00.123+01:00", "…+0100". A fraction finer than milliseconds is
     * truncated. Returns a UTC QDateTime, or nothing.
     */
    static std::optional<QDateTime> parseTimestamp(QStringView text);
};

} // namespace orb
