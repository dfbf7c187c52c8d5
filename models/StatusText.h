// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/InvoiceStatus.h"

#include <QString>

namespace orb {

/// Words for the states stored in the company file, in the interface language (Issued →
/// "Issued"); an issued invoice past its due date is "Overdue" where `overdue` asks for it.
QString invoiceStatusText(InvoiceStatus status, bool overdue = false);
/// A subscription state (upcoming, active, ended) in words; unknown values come back as they are.
QString subscriptionStatusText(const QString &status);
/// A period unit with its count: ("day", 14) → "14 days".
QString periodCountText(const QString &unit, int count);

} // namespace orb
