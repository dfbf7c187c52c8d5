// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/billing/Adjustment.h"
#include "engine/metrics/MetricDefinition.h"
#include "engine/pricing/Price.h"
#include "models/billing/BillingRecords.h"
#include "models/catalog/Plan.h"

#include <QHash>

#include <memory>

namespace orb {

class Database;

/// The prices of one subscription phase: the plan version's prices with the phase's overrides
/// and quantities applied, and the plan version's adjustments.
struct PhasePricing {
    QList<pricing::Price> prices;
    QList<billing::Adjustment> adjustments;
    QHash<QString, Decimal> quantities; ///< fixed fees: price id → quantity
};

/**
 * What invoicing reads of the catalog, loaded once and cached for a run: plans, plan versions,
 * metrics, item names and the prices of each phase.
 */
class BillingCatalog final
{
public:
    explicit BillingCatalog(const Database &db);

    const Plan &plan(const QString &planId);
    const PlanVersion &version(const QString &planVersionId);
    const MetricDefinition *metric(const QString &metricId);
    QString itemName(const QString &itemId);
    /// Throws ServiceError::invalid for an override that names no price or cannot be parsed.
    const PhasePricing &phase(const SubscriptionPhase &phase);

    /// Applies overrides to a plan version's prices (also used to validate them at creation).
    static QList<pricing::Price> applyOverrides(const QList<QJsonObject> &planPrices, const QJsonObject &overrides);
    /// Orb's adjustment objects as the engine's adjustments.
    static QList<billing::Adjustment> adjustmentsFromJson(const QJsonArray &adjustments);
    /// A price's own discount, minimum_amount and maximum_amount, as adjustments on it alone.
    static QList<billing::Adjustment> priceAdjustments(const pricing::Price &price);

private:
    const Database &m_db;
    QHash<QString, Plan> m_plans;
    QHash<QString, PlanVersion> m_versions;
    QHash<QString, std::shared_ptr<MetricDefinition>> m_metrics;
    QHash<QString, QString> m_items;
    QHash<QString, PhasePricing> m_phases;
    QHash<QString, PhasePricing> m_pricedVersions; ///< plan version id + overrides → prices and adjustments
};

} // namespace orb
