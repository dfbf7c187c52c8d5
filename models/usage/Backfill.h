// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace orb {

/**
 * A backfill, as Orb has them: events for a past timeframe (optionally one customer) that are
 * exempt from the grace period, held back (pending) until the backfill is closed, then
 * counted (reflected); with replace_existing_events the timeframe's earlier events stop
 * counting when it closes. Reverting undoes it.
 */
struct Backfill {
    QString id;
    QString customerId; ///< empty: every customer
    QDateTime timeframeStart;
    QDateTime timeframeEnd;
    bool replaceExistingEvents = false;
    QString status; ///< pending, reflected, reverted
    qint64 eventsIngested = 0;
    QDateTime createdAt;
    QDateTime closeTime;
    QDateTime revertedAt;

    /// Orb's API shape.
    QJsonObject toJson() const;
};

} // namespace orb
