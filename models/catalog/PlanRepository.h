// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Database.h"
#include "models/catalog/Plan.h"

#include <QList>

#include <optional>

namespace orb {

/// Plans and their versions in the company file. The service layer checks the rules.
class PlanRepository final
{
public:
    explicit PlanRepository(const Database &db) : m_db(db) {}

    /// Stores a new plan row (id set); a duplicate external_plan_id is a Conflict.
    void insert(const Plan &plan);
    /// Updates the plan's own fields, current_version and archived_at.
    void update(const Plan &plan);
    /// Stores a version and its prices (ids set); a duplicate version number is a Conflict.
    void insertVersion(const PlanVersion &version);

    std::optional<Plan> findById(const QString &id) const;
    std::optional<Plan> findByExternalId(const QString &externalPlanId) const;
    /// The oldest plan with this name (plan names need not be unique).
    std::optional<Plan> findByName(const QString &name) const;
    /// A plan by id or external_plan_id.
    std::optional<Plan> resolve(const QString &reference) const;
    /// Every plan (archived too), by name.
    QList<Plan> list() const;

    /// Version `number` of a plan, or nothing.
    std::optional<PlanVersion> version(const QString &planId, int number) const;
    /// The version with this plan_version id, or nothing.
    std::optional<PlanVersion> versionById(const QString &planVersionId) const;
    /// Every version number of a plan, ascending.
    QList<int> versionNumbers(const QString &planId) const;

private:
    QList<Plan> select(const QString &where, const QVariantList &binds) const;
    std::optional<PlanVersion> selectVersion(const QString &where, const QVariantList &binds) const;
    const Database &m_db;
};

} // namespace orb
