// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/BillingPeriod.h"

namespace orb::billing {

bool BillingPeriod::contains(const QDateTime &instant) const
{
    return start <= instant && instant < end;
}

bool BillingPeriod::operator==(const BillingPeriod &o) const
{
    return index == o.index && startDate == o.startDate && endDate == o.endDate && fullStartDate == o.fullStartDate && fullEndDate == o.fullEndDate
           && start == o.start && end == o.end && trial == o.trial;
}

} // namespace orb::billing
