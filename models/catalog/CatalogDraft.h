// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/MetricDefinition.h"
#include "models/catalog/Plan.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace orb {

/// An item of a catalog file, validated. `fileId` is the id the file gives it (may be empty).
struct ItemDraft {
    QString path;
    QString fileId;
    QString name;
};

/// A billable metric of a catalog file, validated; its id is the id the file gives it.
struct MetricDraft {
    QString path;
    MetricDefinition metric;
};

/**
 * A price or adjustment of a plan, validated, whose item and metric references are kept as the
 * NAMES they will have once the file's items and metrics are stored (they may not exist yet).
 */
struct PriceDraft {
    QJsonObject json; ///< the price, without item and metric references
    QString itemName;
    QString metricName; ///< empty for fixed and composite prices
};

struct AdjustmentDraft {
    QJsonObject json; ///< normalized adjustment, without item reference
    QString itemName; ///< minimum only; empty when none
};

/// A plan of a catalog file (or of a create/edit request), validated.
struct PlanDraft {
    QString path;
    QString fileId;
    Plan fields;                        ///< the descriptive fields (id, versions and timestamps unset)
    QList<AdjustmentDraft> adjustments; ///< in Orb's application order
    QList<PriceDraft> prices;
};

/// A whole catalog file, validated.
struct CatalogDraft {
    QList<ItemDraft> items;
    QList<MetricDraft> metrics;
    QList<PlanDraft> plans;
};

/// What an import did, per kind of object.
struct ImportCounts {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    bool operator==(const ImportCounts &o) const { return created == o.created && updated == o.updated && unchanged == o.unchanged; }
};

struct CatalogImportSummary {
    ImportCounts items;
    ImportCounts metrics;
    ImportCounts plans;
    /// {"items": {"created", "updated", "unchanged"}, "billable_metrics": {...}, "plans": {...}}
    QJsonObject toJson() const;
};

} // namespace orb
