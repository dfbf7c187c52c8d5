// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"
#include "engine/metrics/JsonValue.h"
#include "models/Database.h"
#include "models/catalog/CatalogDraft.h"
#include "models/catalog/ItemRepository.h"
#include "models/catalog/MetricRepository.h"
#include "models/catalog/PlanRepository.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace orb {

/**
 * Reads and checks a catalog file (or one plan) against the rules and the company file's
 * current catalog, WITHOUT writing anything. Every broken rule is reported with its JSON path
 * ($.plans[0].prices[2].unit_config.unit_amount), so that a file is refused whole with all of
 * its problems listed at once. See docs/CATALOG.md for the format and the rules.
 */
class CatalogParser final
{
public:
    explicit CatalogParser(const Database &db);

    /// A whole catalog file: {"items": [...], "billable_metrics": [...], "plans": [...]}.
    CatalogDraft parseFile(QByteArrayView json, FieldErrors *errors);
    /// One plan in Orb's shape; references resolve against the company file only.
    /// `existing` is the plan being edited (its currency cannot change), if any.
    PlanDraft parsePlan(const QJsonObject &json, const QString &path, const std::optional<Plan> &existing, FieldErrors *errors);

    /// JSON text → QJsonValue keeping every number exact: a number whose double does not read
    /// back as the same decimal becomes a string (the engine reads decimals from either).
    static QJsonValue toQJson(const JsonValue &value);

    /// The stored plan a draft stands for: by the id the file gives (when it exists), else by
    /// external_plan_id, else (without one) by name.
    std::optional<Plan> matchPlan(const PlanDraft &draft) const;

private:
    void parseItems(const JsonValue &list, const QString &path, CatalogDraft &draft, FieldErrors &errors);
    void parseMetrics(const JsonValue &list, const QString &path, CatalogDraft &draft, FieldErrors &errors);
    PriceDraft parsePrice(const QJsonObject &json, const QString &path, const QString &currency, FieldErrors &errors);
    void parseAdjustments(const QJsonValue &value, const QString &path, PlanDraft &draft, FieldErrors &errors);
    /// The name an item reference will have after the import, or empty (and an error).
    QString resolveItem(const QString &id, const QString &name, const QString &path, FieldErrors &errors) const;
    QString resolveMetric(const QString &id, const QString &name, const QString &path, FieldErrors &errors) const;

    ItemRepository m_items;
    MetricRepository m_metrics;
    PlanRepository m_plans;
    // The file's own items and metrics: names, and the ids the file gives them.
    QSet<QString> m_fileItemNames;
    QHash<QString, QString> m_fileItemIds;
    QSet<QString> m_fileMetricNames;
    QHash<QString, QString> m_fileMetricIds;
};

} // namespace orb
