// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/billing/SubscriptionService.h"

#include <functional>

namespace orb {

class Clock;
class CompanyFile;

/// What a subscription action would do, worked out without storing anything.
struct SubscriptionPreviewResult {
    QString error;       ///< why the action would be refused; empty when it would go through
    QDate effectiveDate; ///< when the change takes effect
    QString currency;
    Decimal balanceChange;                    ///< credited (+) to the customer balance by the action
    QStringList balanceLines;                 ///< each balance entry the action would write
    QList<BalanceEntryRecord> balanceEntries; ///< the same entries, for a window to write in its locale
    QStringList droppedDrafts;                ///< drafts dropped so the next run recomposes them
    QStringList voidedInvoices;               ///< issued invoices the action would void
    QList<Invoice> nextInvoices;              ///< the invoices the subscription gets next afterwards
};

/**
 * Previews subscription actions by carrying them out inside a transaction that is rolled back
 * (the services' own transactions become savepoints inside it), so the preview runs exactly
 * the code that the real action runs, and the file is left as it was.
 */
class SubscriptionPreview final
{
public:
    SubscriptionPreview(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

    SubscriptionPreviewResult create(const SubscriptionDraft &draft);
    SubscriptionPreviewResult changePlan(const QString &subscriptionId, const QString &plan, std::optional<int> version, ChangeTiming timing,
                                         std::optional<QDate> date);
    SubscriptionPreviewResult cancel(const QString &subscriptionId, ChangeTiming timing, std::optional<QDate> date);

private:
    /// Runs the action (returning the subscription id) in a rolled-back transaction and
    /// compares the customer's balance and invoices before and after.
    SubscriptionPreviewResult preview(const QString &customerId, const std::function<QString(QDate *effective)> &action);

    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
