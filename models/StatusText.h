// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/// Words for the states stored in the company file, in the interface language ("issued" →
/// "Issued"). Unknown values come back as they are.
QString invoiceStatusText(const QString &status);
QString subscriptionStatusText(const QString &status);
/// A period unit with its count: ("day", 14) → "14 days".
QString periodCountText(const QString &unit, int count);

} // namespace orb
