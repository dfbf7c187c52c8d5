// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QHash>

namespace orb {

class Database;

/// Rows of subscriptions, their phases and scheduled changes.
class SubscriptionRepository final
{
public:
    explicit SubscriptionRepository(const Database &db) : m_db(db) {}

    void insert(const Subscription &s);
    /// Writes the subscription's own fields (not its phases).
    void update(const Subscription &s);
    void insertPhase(const QString &subscriptionId, const SubscriptionPhase &p);
    void setPhaseEnd(const QString &phaseId, const std::optional<QDate> &end);
    void deletePhase(const QString &phaseId);

    std::optional<Subscription> find(const QString &id) const;
    QList<Subscription> list(const QString &customerId = {}) const;
    /// Every subscription with its phases, in one pass (the invoice run).
    QList<Subscription> all() const { return list(); }
    /// Each subscription's plan name (its plan id when the plan is gone), in one statement.
    QHash<QString, QString> planNames() const;
    /// How many subscriptions redeemed the coupon.
    int couponRedemptions(const QString &couponId) const;

    void insertChange(const SubscriptionChange &c);
    void setChangeStatus(const QString &changeId, SubscriptionChangeStatus status);
    QList<SubscriptionChange> changes(const QString &subscriptionId) const;

private:
    const Database &m_db;
};

} // namespace orb
