// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/UsageEventRow.h"

#include <QJsonObject>
#include <QString>

namespace orb {

/// A stored version of an event with its bookkeeping, for search results and corrections.
struct StoredEvent {
    qint64 seq = 0;
    UsageEventRow row;
    UsageEventStatus status = UsageEventStatus::Active;
    QString backfillId;
    qint64 amends = 0; ///< seq of the version this one amends; 0 for an original

    static QString statusName(UsageEventStatus status);
    /// Orb's event shape ("id" is the idempotency key) plus status and backfill_id.
    QJsonObject toJson() const;
};

} // namespace orb
