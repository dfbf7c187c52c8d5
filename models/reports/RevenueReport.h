// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/reports/ChartData.h"

#include <QHash>
#include <QMap>

namespace orb {

/**
 * Revenue charts from invoices and payments in one currency. Drafts and void invoices are not
 * revenue. Months are calendar months of the invoice date (invoiced, outstanding) and of the
 * payment date (paid).
 */
class RevenueReport final
{
public:
    /// Months from `from`'s month to `to`'s month: series "Invoiced" (invoice totals),
    /// "Paid" (payments received) and "Outstanding" (what is still unpaid of that month's invoices).
    static ChartData byMonth(const QList<Invoice> &invoices, const QList<Payment> &payments, QDate from, QDate to, const QString &currency);
    /// Invoice totals with an invoice date in [from, to], per plan (`planOf`: invoice id → plan
    /// name; invoices without a plan count as "One-off"), largest first.
    static ChartData byPlan(const QList<Invoice> &invoices, const QHash<QString, QString> &planOf, QDate from, QDate to, const QString &currency);
    /// The chart of byPlan() from totals already summed per plan name ("One-off" included).
    static ChartData byPlanTotals(const QMap<QString, Decimal> &totals, const QString &currency);

    /// Whether an invoice counts as revenue: issued or paid.
    static bool counts(const Invoice &invoice);
};

} // namespace orb
