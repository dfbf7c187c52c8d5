// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sync/Outbox.h"
#include "models/sync/SyncJournal.h"
#include "sync/StripeClient.h"
#include "sync/SyncRunSummary.h"

#include <atomic>
#include <functional>

namespace orb {

class Clock;
class Database;
class PaymentSink;

/// How one outbox item ended in this run.
enum class PushOutcome { Done, Failed, Offline };

/**
 * What the parts of one sync run share: the company file (through the models layer only), the
 * client, the clock, the payment sink, the cancel flag and progress callback, and the ways an
 * item ends (done, failed with a message for a person, or left for a later run).
 */
class StripeSyncContext final
{
public:
    StripeSyncContext(Database &database, StripeClient &stripe, const Clock &now) : db(database), client(stripe), clock(now), journal(database, now) {}

    Database &db;
    StripeClient &client;
    const Clock &clock;
    SyncJournal journal;
    PaymentSink *sink = nullptr;
    const std::atomic_bool *cancel = nullptr;
    std::function<void(const QString &, int, int)> progressCallback;

    bool cancelled() const { return cancel && cancel->load(); }
    void progress(const QString &what, int done, int total) const
    {
        if (progressCallback)
            progressCallback(what, done, total);
    }
    /// Counts the requests a result took (retries included).
    static void count(SyncRunSummary &summary, const StripeResult &r) { summary.requests += r.ok() ? r.response.attempts : r.error.attempts; }

    /// Marks an item done with a log line.
    PushOutcome finish(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message, SyncRunSummary &summary);
    /// Marks an item failed with a message Orb itself found (not Stripe's refusal).
    PushOutcome refuse(const OutboxItem &item, const QString &message, SyncRunSummary &summary);
    /// Stripe's error: offline or a refused key stop the run (the item waits), anything else
    /// fails the item.
    PushOutcome failOrWait(const OutboxItem &item, const StripeError &error, SyncRunSummary &summary);
};

} // namespace orb
