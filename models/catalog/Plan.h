// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace orb {

/**
 * A plan's own fields (Orb's Plan without its prices and adjustments, which belong to a
 * PlanVersion). These describe the plan and may change in place; they never change what an
 * existing subscription is charged.
 */
struct Plan {
    QString id;
    QString externalPlanId; ///< empty when none
    QString name;
    QString description;
    QString currency;
    std::optional<int> netTerms;
    QString defaultInvoiceMemo;
    std::optional<int> trialPeriod; ///< trial_config.trial_period, in trialPeriodUnit
    QString trialPeriodUnit = QStringLiteral("days");
    QJsonObject metadata;
    int currentVersion = 1;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime archivedAt;

    bool isArchived() const { return archivedAt.isValid(); }
    /// The descriptive fields equal (ids, versions and timestamps aside).
    bool sameFields(const Plan &o) const;
};

/// One numbered version of a plan: its adjustments (in Orb's application order) and prices.
struct PlanVersion {
    QString id;
    QString planId;
    int version = 1;
    /// Orb's adjustment objects, sorted usage_discount, amount_discount, percentage_discount,
    /// minimum, maximum.
    QJsonArray adjustments;
    /// Orb price objects (Price::toJson) with item_id and billable_metric_id resolved, each with its id.
    QList<QJsonObject> prices;
    QDateTime createdAt;

    /// Orb's Plan object for this version: plan fields, "version", "plan_version_id",
    /// "status", "adjustments" and "prices".
    QJsonObject toJson(const Plan &plan) const;
};

} // namespace orb
