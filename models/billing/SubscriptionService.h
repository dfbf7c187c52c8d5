// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

namespace billing {
class BillingSchedule;
}
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

/// How a subscription is billed as of today, for Orb's subscription object: the fields Orb
/// derives from the schedule and from the terms the subscription's invoices take.
struct SubscriptionBillingView {
    /// The billing period holding today (the trial while in it), [start, end) in local days;
    /// nothing unless the subscription is active today (Orb's null).
    std::optional<QDate> periodStart;
    std::optional<QDate> periodEnd;
    /// Orb's billing cycle anchor: the day of the month periods begin on, and for cadences
    /// longer than a month the month (and year) they count from; 0 where Orb has null.
    int anchorDay = 1;
    int anchorMonth = 0;
    int anchorYear = 0;
    int netTerms = 0;               ///< the subscription's, else the customer's, the plan's, the company's
    QString memo;                   ///< the subscription's, else its plan's default memo
    QString planName;               ///< the plan in force today (Orb names a subscription after it)
    std::optional<QDate> trialEnd;  ///< exclusive; nothing without a trial
    std::optional<QDate> couponEnd; ///< exclusive; nothing for a coupon without a duration
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
    /// The subscription's current billing period and terms (see SubscriptionBillingView).
    SubscriptionBillingView billingView(const Subscription &sub) const;

private:
    void requireWritable() const;
    /// The subscription's billing periods as the phase's first recurring price cadences them.
    billing::BillingSchedule scheduleFor(const Subscription &sub, const SubscriptionPhase &phase) const;
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
