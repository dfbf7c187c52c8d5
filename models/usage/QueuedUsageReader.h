// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/UsageEventRow.h"

#include <QList>
#include <QString>

namespace orb {

class Database;

/// A stored usage event as the Stripe worker sends it: its row, status and amendment link.
struct QueuedUsageEvent {
    qint64 seq = 0;
    UsageEventRow row;
    int status = 0;    ///< UsageEventStatus
    qint64 amends = 0; ///< the seq it amends, 0 when none
    qint64 ingestedAtMs = 0;
};

/// Reads stored usage events by seq for the Stripe worker (which runs no SQL of its own).
class QueuedUsageReader final
{
public:
    explicit QueuedUsageReader(Database &db) : m_db(db) {}

    /// The events with seq in [from, to], in seq order, at most `limit`.
    QList<QueuedUsageEvent> range(qint64 from, qint64 to, int limit) const;
    /// Active events of one event name in [fromMs, toMs) with seq up to maxSeq, for the
    /// customer (by Orb id or external id): what Stripe should already count in that window.
    QList<QueuedUsageEvent> activeInWindow(const QString &eventName, const QString &customerId, const QString &externalCustomerId, qint64 fromMs, qint64 toMs,
                                           qint64 maxSeq) const;
    /// Orb's customer id for an external customer id, empty when unknown.
    QString customerIdForExternal(const QString &externalCustomerId) const;

private:
    Database &m_db;
};

} // namespace orb
