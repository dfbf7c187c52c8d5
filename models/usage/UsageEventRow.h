// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/Event.h"

#include <QByteArray>
#include <QtGlobal>

namespace orb {

/// Status codes of usage_events.status (see migration 0004).
enum class UsageEventStatus : int {
    Active = 0,
    Superseded = 1, ///< replaced by an amendment; kept for the audit trail
    Deprecated = 2, ///< stops counting; kept
    Pending = 3,    ///< in an open backfill; counts once the backfill is closed
    Discarded = 4,  ///< belonged to a reverted backfill
    Replaced = 5,   ///< replaced by a closed backfill with replace_existing_events
};

/**
 * An event in the form it is stored: UTF-8 bytes and integer milliseconds, so that the writer
 * thread binds them to SQLite without any conversion. Built once per event by the parser.
 */
struct UsageEventRow {
    qint64 keyHash = 0;
    qint64 tsMs = 0;
    QByteArray idempotencyKey;
    QByteArray eventName;
    QByteArray customerId;         ///< empty when submitted with an external id
    QByteArray externalCustomerId; ///< empty when submitted with a customer id
    QByteArray properties;         ///< canonical JSON object of the properties
    qint64 line = 0;               ///< source line (imports), for reports

    /// Same body as another submission of the same key (the canonical forms are equal).
    bool sameBody(const UsageEventRow &o) const
    {
        return tsMs == o.tsMs && eventName == o.eventName && customerId == o.customerId && externalCustomerId == o.externalCustomerId
               && properties == o.properties;
    }

    static UsageEventRow fromEvent(const Event &event);
    /// The engine's event back from a stored row (properties parsed from canonical JSON).
    Event toEvent() const;
};

} // namespace orb
