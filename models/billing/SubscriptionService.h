// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Clock;
class CompanyFile;

/// What a new subscription is made of; references are ids or external ids / names / codes.
struct SubscriptionDraft {
    QString customer;
    QString plan;
    std::optional<int> planVersion; ///< the plan's current version when unset
    QDate startDate;
    std::optional<QDate> endDate;                     ///< exclusive
    QString alignment = QStringLiteral("start_date"); ///< start_date or first_of_month
    std::optional<int> trialDays;                     ///< the plan's trial when unset
    QString coupon;
    QJsonObject priceOverrides; ///< {"add": [...], "remove": [...], "replace": [...]}
    QMap<QString, Decimal> quantities;
    std::optional<int> netTerms;
    QString memo;
};

/// When a change takes effect.
enum class ChangeTiming {
    Immediate, ///< today, in the customer's zone
    EndOfTerm, ///< the end of the current billing period
    OnDate,    ///< a requested date; a date before today backdates (cancellations)
};

/**
 * Subscriptions' business actions, each one transaction with an audit entry: create, change
 * plan, cancel, set a fixed-fee quantity, unschedule what is pending.
 *
 * A plan or quantity change on date D starts a new phase on D. Fees in advance already
 * invoiced for the period holding D are credited to the customer balance for the days from D
 * (the new phase's fees are billed for those days by the next invoice run); drafts from D on
 * are dropped so the run recomposes them. Each unused day is credited at most once, whatever
 * sequence of changes touches the period. A cancellation on a date before today (backdated)
 * voids the unpaid invoices it cuts, credits the unused days of a paid in-advance invoice dated
 * on or before it, and is refused when a paid invoice is dated after it (Orb's rule).
 */
class SubscriptionService final
{
public:
    SubscriptionService(CompanyFile &file, const Clock &clock);

    Subscription create(const SubscriptionDraft &draft);
    Subscription get(const QString &id) const;
    QList<Subscription> list(const QString &customerReference = {}) const;

    SubscriptionChange changePlan(const QString &id, const QString &plan, std::optional<int> version, ChangeTiming timing,
                                  std::optional<QDate> date = std::nullopt);
    SubscriptionChange cancel(const QString &id, ChangeTiming timing, std::optional<QDate> date = std::nullopt);
    SubscriptionChange setQuantity(const QString &id, const QString &priceId, const Decimal &quantity, ChangeTiming timing,
                                   std::optional<QDate> date = std::nullopt);
    /// Unschedules every pending (future) change and cancellation; returns them.
    QList<SubscriptionChange> unschedule(const QString &id);
    QList<SubscriptionChange> changes(const QString &id) const;

    /// The date a change with this timing takes effect for the subscription.
    QDate effectiveDate(const Subscription &sub, ChangeTiming timing, std::optional<QDate> date) const;
    /// Orb's subscription object with plan, status, phases and pending changes.
    QJsonObject toJson(const Subscription &sub) const;
    /// Today in the subscription's customer's zone.
    QDate today(const Subscription &sub) const;

private:
    void requireWritable() const;
    /// Settles existing invoices for a change from `date` on (see the class comment).
    void settleInvoicesFrom(const Subscription &sub, QDate date, const QString &changeId, const QString &reason);
    /// Credits the days of an issued in-advance invoice from `date` on, less what earlier
    /// changes credited for it.
    void creditUnusedDays(const Invoice &inv, QDate date, const QString &changeId, const QString &reason);
    void reverseCredits(const QString &changeId, const QString &customerId);
    SubscriptionChange startPhase(Subscription sub, QDate date, const QString &planVersionId, const QJsonObject &overrides,
                                  const QMap<QString, Decimal> &quantities, SubscriptionChangeKind kind, const QJsonObject &details);
    void audit(const QString &action, const Subscription &before, const Subscription &after);

    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
