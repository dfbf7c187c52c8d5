// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/StoredEnum.h"

namespace orb {

/// What started a subscription phase: the subscription itself, or a plan or quantity change.
enum class PhaseCause { Create, PlanChange, QuantityChange };

template <>
struct StoredWords<PhaseCause> {
    static constexpr std::pair<PhaseCause, const char *> words[] = {
        {PhaseCause::Create, "create"},
        {PhaseCause::PlanChange, "plan_change"},
        {PhaseCause::QuantityChange, "quantity_change"},
    };
};

} // namespace orb
