// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace orb {

class Clock;
class CompanyFile;

/**
 * Adds the demo company's catalog (Northwind Analytics, a small API business) to a company
 * file in one transaction: items, the metrics api_calls, tokens (by model), storage_gb and
 * seats, and three plans (Starter, Growth, Enterprise annual) that use unit, package, tiered
 * with flat fees, matrix with one and two dimensions and bulk prices, fixed fees in advance
 * and plan adjustments. It is a catalog file (northwind-catalog.json) run through the import,
 * so the demo also shows the file format.
 */
void addDemoCatalog(CompanyFile &file, const Clock &clock);

} // namespace orb
