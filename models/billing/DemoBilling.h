// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace orb {

class Clock;
class CompanyFile;

/**
 * The demo company's billing: tax rates, a coupon, a euro plan, subscriptions for most
 * customers (one with a coupon, one with seats, one cancelled at the end of its term), three
 * months of invoice runs, and invoices in every state: paid, partly paid, issued and overdue,
 * void, credited, and this month's drafts waiting to be issued. Needs the demo customers,
 * catalog and usage.
 */
void addDemoBilling(CompanyFile &file, const Clock &clock);

} // namespace orb
