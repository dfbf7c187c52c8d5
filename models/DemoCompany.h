// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

namespace orb {

class Clock;
class CompanyFile;

/**
 * The demo company: Northwind Analytics, a small API business with customers in several
 * countries and currencies, so that a first start shows a working product. Each capability
 * adds its part of the demo here (catalog, subscriptions, usage, invoices).
 */
class DemoCompany final
{
public:
    /// Creates the demo company file at path (refuses to overwrite a file). Without billing it
    /// has customers, the catalog and usage but no subscriptions, invoices or ledgers (tests
    /// that build their own billing start from that).
    static std::unique_ptr<CompanyFile> create(const QString &path, const Clock &clock, bool withBilling = true);
};

} // namespace orb
