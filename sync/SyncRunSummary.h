// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace orb {

/// What one run did.
struct SyncRunSummary {
    QDateTime startedAt;
    QDateTime finishedAt;
    int pushed = 0;               ///< outbox items done
    int failed = 0;               ///< items stopped with an error this run
    int pending = 0;              ///< items left for a later run
    int requests = 0;             ///< requests that reached Stripe, retries included
    int eventsSeen = 0;           ///< new Stripe events recorded
    bool offline = false;         ///< the run stopped because Stripe could not be reached
    bool accountMismatch = false; ///< the key belongs to another Stripe account or mode
    QString stopReason;           ///< why the run stopped early, empty when it finished
    QString heldElsewhere;        ///< another worker holds the Stripe lease: where sync runs (nothing was done)
    /// One line for the status bar and `orbctl sync run`.
    QString describe() const;
};

} // namespace orb
