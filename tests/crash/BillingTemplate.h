// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CrashSupport.h"

#include <QDate>

namespace crash {

/// The size and shape of a billing company file for the invoice-run, issue and sync rows.
struct BillingTemplate {
    int customers = 150;
    int eventsPerCustomer = 12;
    QDate eventsFrom; ///< usage events spread over [eventsFrom, eventsTo)
    QDate eventsTo;
};

/**
 * Writes ws.templateDb: a company (prefix CR, USD) with a catalog of a fee in advance taxed at
 * 19% and a tiered usage price in arrears, `customers` customers in three time zones, each but
 * every seventh with a subscription starting on one of the first twenty days of January (the
 * alignment alternating), and usage events for every customer. The grace period is 24 hours.
 */
void writeBillingTemplate(Workspace &ws, const BillingTemplate &shape);

} // namespace crash
