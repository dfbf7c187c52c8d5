// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncRunSummary.h"

namespace orb {

QString SyncRunSummary::describe() const
{
    if (!heldElsewhere.isEmpty())
        return heldElsewhere + QStringLiteral("; nothing pushed here");
    QString s = QStringLiteral("%1 pushed, %2 failed, %3 waiting, %4 new Stripe events, %5 requests")
                    .arg(pushed)
                    .arg(failed)
                    .arg(pending)
                    .arg(eventsSeen)
                    .arg(requests);
    if (offline)
        s += QStringLiteral("; offline: ") + stopReason;
    else if (!stopReason.isEmpty())
        s += QStringLiteral("; stopped: ") + stopReason;
    return s;
}

} // namespace orb
