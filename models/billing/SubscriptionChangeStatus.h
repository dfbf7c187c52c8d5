// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/StoredEnum.h"

namespace orb {

/// Whether a change is still ahead (and can be unscheduled), took effect, or was unscheduled.
enum class SubscriptionChangeStatus { Scheduled, Applied, Unscheduled };

template <>
struct StoredWords<SubscriptionChangeStatus> {
    static constexpr std::pair<SubscriptionChangeStatus, const char *> words[] = {
        {SubscriptionChangeStatus::Scheduled, "scheduled"},
        {SubscriptionChangeStatus::Applied, "applied"},
        {SubscriptionChangeStatus::Unscheduled, "unscheduled"},
    };
};

} // namespace orb
