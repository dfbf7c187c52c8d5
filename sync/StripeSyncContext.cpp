// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeSyncContext.h"

namespace orb {

PushOutcome StripeSyncContext::finish(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message, SyncRunSummary &summary)
{
    journal.finishItem(item, level, stripeId, message);
    ++summary.pushed;
    return PushOutcome::Done;
}

PushOutcome StripeSyncContext::refuse(const OutboxItem &item, const QString &message, SyncRunSummary &summary)
{
    journal.failItem(item, message);
    ++summary.failed;
    return PushOutcome::Failed;
}

PushOutcome StripeSyncContext::failOrWait(const OutboxItem &item, const StripeError &error, SyncRunSummary &summary)
{
    if (error.retryable || error.kind == StripeError::Kind::Authentication) {
        // Offline, Stripe kept failing, or the key was refused (every other item would fail
        // the same way): keep the item and its keys for the next run.
        journal.attemptItem(item, error.describe());
        summary.offline = true;
        summary.stopReason = error.describe();
        return PushOutcome::Offline;
    }
    return refuse(item, error.describe(), summary);
}

} // namespace orb
