// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/StoredEnum.h"

namespace orb {

/// What a subscription change does: start a phase on another plan version, start a phase with
/// other fixed-fee quantities, or end the subscription.
enum class SubscriptionChangeKind { PlanChange, QuantityChange, Cancellation };

template <>
struct StoredWords<SubscriptionChangeKind> {
    static constexpr std::pair<SubscriptionChangeKind, const char *> words[] = {
        {SubscriptionChangeKind::PlanChange, "plan_change"},
        {SubscriptionChangeKind::QuantityChange, "quantity_change"},
        {SubscriptionChangeKind::Cancellation, "cancellation"},
    };
};

} // namespace orb
