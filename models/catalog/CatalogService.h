// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/MetricDefinition.h"
#include "models/catalog/CatalogDraft.h"
#include "models/catalog/ItemRepository.h"
#include "models/catalog/MetricRepository.h"
#include "models/catalog/PlanRepository.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace orb {

class Clock;
class CompanyFile;

/**
 * The catalog's business actions, each one transaction: items, billable metrics and plans
 * (create, change, archive) and the import and export of a whole catalog file (see
 * docs/CATALOG.md). Changing a plan's adjustments or prices adds a plan version; the versions
 * before it stay as they were, for the subscriptions that refer to them. Every broken rule
 * throws ServiceError with FieldErrors carrying JSON paths. Every change leaves an entry in the
 * audit trail (item.*, billable_metric.*, plan.create|update|version|archive).
 */
class CatalogService final
{
public:
    CatalogService(CompanyFile &file, const Clock &clock);

    Item createItem(const QString &name);
    Item renameItem(const QString &reference, const QString &name);
    /// Refused (Conflict) while an active plan's current version bills under the item.
    Item archiveItem(const QString &reference);
    /// The item with that id or name; throws NotFound.
    Item item(const QString &reference) const;

    /// Stores a new metric (validated with MetricDefinition); a duplicate name is a Conflict.
    MetricDefinition createMetric(MetricDefinition draft);
    /// Replaces a metric's definition (its id stays).
    MetricDefinition updateMetric(const QString &reference, MetricDefinition changed);
    /// Refused (Conflict) while an active plan's current version prices the metric.
    MetricDefinition archiveMetric(const QString &reference);
    /// The metric with that id or name; throws NotFound.
    MetricDefinition metric(const QString &reference) const;
    QDateTime metricArchivedAt(const QString &id) const { return m_metrics.archivedAt(id); }

    /// Creates a plan (version 1) from Orb's plan shape; a plan with the same external_plan_id is a Conflict.
    /// `newItems`: items the plan's prices name that are created with it, in the same
    /// transaction (a plan editor's "Create item"), so a plan not saved leaves none behind;
    /// `newMetrics` likewise for the metrics defined in the plan editor ("New metric…").
    PlanVersion createPlan(const QJsonObject &json, const QStringList &newItems = {}, const QList<MetricDefinition> &newMetrics = {});
    /// Replaces a plan's fields, adjustments and prices with those given (Orb's plan shape).
    /// When adjustments or prices differ from the current version's, a new version is made
    /// current; otherwise the current version is returned unchanged.
    PlanVersion editPlan(const QString &reference, const QJsonObject &json, const QStringList &newItems = {}, const QList<MetricDefinition> &newMetrics = {});
    /// Why a metric defined in a plan editor could not be created as it stands (its fields, or
    /// a metric of that name already stored); empty when it could. Nothing is written.
    FieldErrors checkNewMetric(const MetricDefinition &draft) const;
    Plan archivePlan(const QString &reference);
    /// Makes an archived plan selectable for new subscriptions again (the undo of archiving it).
    Plan unarchivePlan(const QString &reference);
    /// Deletes a plan no subscription has ever been on, with its versions and prices (the undo
    /// of creating it); Conflict otherwise. Audited with the plan as it was.
    void deletePlan(const QString &reference);
    /// The plan with that id or external_plan_id; throws NotFound.
    Plan plan(const QString &reference) const;
    /// A version of a plan (its current one when no number is given); throws NotFound.
    PlanVersion planVersion(const Plan &plan, std::optional<int> number = std::nullopt) const;
    /// Orb's plan object for a version, with item and metric names filled in beside their ids.
    QJsonObject describe(const Plan &plan, const PlanVersion &version) const;

    /// Imports a catalog file in one transaction: refused whole (InvalidInput with every error)
    /// when any rule is broken. Objects are matched by id, else by name (plans: by
    /// external_plan_id); unchanged objects are left alone, so re-importing is idempotent.
    CatalogImportSummary importCatalog(QByteArrayView json);
    /// The whole catalog as a catalog file that imports back to the same catalog.
    QJsonObject exportCatalog() const;

    ItemRepository &items() { return m_items; }
    MetricRepository &metrics() { return m_metrics; }
    PlanRepository &plans() { return m_plans; }

private:
    enum class Outcome { Created, Updated, Unchanged };
    void requireWritable() const;
    Outcome applyItem(const ItemDraft &draft);
    Outcome applyMetric(const MetricDraft &draft);
    void createNewMetrics(const QList<MetricDefinition> &newMetrics);
    Outcome applyPlan(const PlanDraft &draft, std::optional<Plan> existing, PlanVersion *result);
    QList<QJsonObject> canonicalPrices(const PlanDraft &draft) const;
    QJsonArray canonicalAdjustments(const PlanDraft &draft) const;
    QString activeUse(const QString &column, const QString &id) const;
    /// An entry in the audit trail, inside the action's transaction.
    void audit(const QString &action, const QString &type, const QString &id, const std::optional<QJsonObject> &before,
               const std::optional<QJsonObject> &after);

    CompanyFile &m_file;
    const Clock &m_clock;
    ItemRepository m_items;
    MetricRepository m_metrics;
    PlanRepository m_plans;
};

} // namespace orb
