// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeSyncContext.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace orb {

class MetricDefinition;
class StripeCustomerPush;
struct QueuedUsageEvent;

/**
 * Usage events as Stripe Billing Meter events: one meter per billable metric, one meter event
 * per matching usage event and metric. Events are sent in batches whose extent is recorded
 * before the first request (the batch "in flight"); when a batch's outcome is unknown and more
 * than a day has passed (Stripe forgets a meter event's `identifier` and the Idempotency-Key
 * after about 24 hours), its events are not sent again blindly: the meter's event summaries
 * for each customer and minute are compared with what Orb sent, and only what is missing is
 * sent, or the difference is reported for a person.
 */
class StripeUsagePush final
{
public:
    StripeUsagePush(StripeSyncContext &ctx, StripeCustomerPush &customers) : m_ctx(ctx), m_customers(customers) {}

    PushOutcome push(const OutboxItem &item, SyncRunSummary &summary);

    /// How long Stripe is trusted to remember an identifier or key (a margin under its 24 h).
    static constexpr qint64 TrustedMemorySeconds = 23 * 3600;

private:
    struct Send {
        QString meter;
        QString metricName;
        QString customer; ///< Stripe customer
        QString identifier;
        qint64 ts = 0;
        QString value;
        QString key; ///< Idempotency-Key
    };
    enum class Prepared { Send, Refused, Skip, Stop };
    /// What to send for one event and metric, or why not.
    Prepared prepare(const OutboxItem &item, const QueuedUsageEvent &r, const MetricDefinition &metric, bool alone, SyncRunSummary &summary, Send *send,
                     QString *why, PushOutcome *stop);
    std::optional<QString> ensureMeter(const QString &metricId, const QString &metricName, const QString &formula, SyncRunSummary &summary, StripeError *error);
    /// Sends or, for a batch whose fate is unknown after Stripe forgot it, reconciles first.
    /// Returns false when the run must stop (*stop set).
    bool reconcileUncertain(const OutboxItem &item, qint64 through, SyncRunSummary &summary, int &refused, PushOutcome *stop);

    StripeSyncContext &m_ctx;
    StripeCustomerPush &m_customers;
    QSet<QString> m_unsupportedMetrics; ///< reported once per run
};

} // namespace orb
