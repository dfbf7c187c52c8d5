// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/FieldError.h"
#include "engine/Usage.h"
#include "engine/pricing/JsonReader.h"
#include "engine/pricing/PriceEvaluation.h"
#include "engine/pricing/PriceModel.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace orb::pricing {

/// The length of a custom billing cycle (Orb's billing_cycle_configuration).
struct BillingCycle {
    qint64 duration = 1;
    QString durationUnit; ///< "day" or "month"
};

/// One of Orb's composite_price_filters: which component prices a composite applies to.
struct CompositePriceFilter {
    QString field; ///< price_id, item_id, price_type, currency, pricing_unit_id
    QString op;    ///< includes, excludes
    QStringList values;
};

/// What a composite price (percent, minimum_composite) needs to know of each other price on the
/// same invoice: who it is (for the filters) and its exact subtotal.
struct CompositeComponent {
    QString priceId;
    QString itemId;
    QString priceType; ///< usage_price, fixed_price
    QString currency;
    Decimal subtotal;
};

/**
 * A price of Orb's public API: common fields plus one pricing model (`model_type` and its
 * `<model_type>_config`). See docs/PRICING.md for every model's shape, semantics and the choices
 * made where Orb's material leaves them open.
 *
 * Usage:
 *   FieldErrors errors;
 *   auto price = Price::fromJson(json, &errors);           // nothing + every error if invalid
 *   usage = ...aggregate by price->groupingProperties(), with event values if needsEventValues()
 *   PriceEvaluation e = price->evaluate(usage);            // exact subtotal, rounded amount
 * Composite prices instead take the other prices' subtotals:
 *   price->evaluateComposite({{id, item, "usage_price", "USD", subtotal}, ...});
 */
class Price final
{
public:
    /// Parses Orb's price JSON (a create request or a Price object). Lists EVERY error found in
    /// *errors (appended), each with its JSON path under `path`; returns nothing if any.
    static std::optional<Price> fromJson(const QJsonObject &json, FieldErrors *errors, const QString &path = QStringLiteral("$"));
    /// Orb's shape: fromJson(toJson()) gives the same price.
    QJsonObject toJson() const;
    /// Every model_type understood, sorted.
    /// As fromJson(), for evaluating a price on its own (`orbctl price evaluate`, the live
    /// preview): only model_type and its config are required; a missing name, item or cadence
    /// takes a neutral default ("Price", no item, monthly), since they do not change the amount.
    static std::optional<Price> fromJsonForEvaluation(const QJsonObject &json, FieldErrors *errors, const QString &path = QStringLiteral("$"));
    static QStringList modelTypes();

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    QString modelType() const { return m_model->modelType(); }
    /// usage_price, fixed_price (no billable metric) or composite_price.
    QString priceType() const;
    QString itemId() const { return m_itemId; }
    QString itemName() const { return m_itemName; }
    QString billableMetricId() const { return m_billableMetricId; }
    QString billableMetricName() const { return m_billableMetricName; }
    QString externalPriceId() const { return m_externalPriceId; }
    Currency currency() const { return m_currency; }
    /// one_time, monthly, quarterly, semi_annual, annual or custom.
    QString cadence() const { return m_cadence; }
    std::optional<BillingCycle> billingCycle() const { return m_billingCycle; }
    /// in_advance or in_arrear.
    QString billingMode() const { return m_billingMode; }
    std::optional<Decimal> fixedPriceQuantity() const { return m_fixedPriceQuantity; }
    std::optional<Decimal> conversionRate() const { return m_conversionRate; }
    std::optional<Decimal> minimumAmount() const { return m_minimumAmount; }
    std::optional<Decimal> maximumAmount() const { return m_maximumAmount; }
    std::optional<QJsonObject> discount() const { return m_discount; }
    QString invoiceGroupingKey() const { return m_invoiceGroupingKey; }
    QJsonObject metadata() const { return m_metadata; }
    QList<CompositePriceFilter> compositePriceFilters() const { return m_compositeFilters; }
    /// The config object of the model, in Orb's shape.
    QJsonObject config() const { return m_model->configToJson(); }

    /// Event properties the usage must be grouped by (matrix dimensions, grouping_key, filter
    /// keys), in the order the caller should use for UsageQuantities::groupKeys.
    QStringList groupingProperties() const { return m_model->groupingProperties(); }
    /// Whether the model charges per event (bps family, percentage): pass eventValues.
    bool needsEventValues() const { return m_model->needsEventValues(); }
    bool isComposite() const { return m_model->isComposite(); }
    /// Whether the model prices the quantities in force day by day (*_with_proration): pass
    /// EvaluationContext::quantitySchedule.
    bool prorates() const { return m_model->prorates(); }
    /// The usage of a fixed fee: fixed_price_quantity (1 when not set) as a bare quantity.
    UsageQuantities fixedUsage() const;

    /// Prices the usage. Throws only on programming errors. A composite price evaluated this way
    /// sees no component (its charge on a zero base).
    PriceEvaluation evaluate(const UsageQuantities &usage, const EvaluationContext &context = {}) const;
    /// Whether this composite price applies to a component, per composite_price_filters (all
    /// must hold; no filters = every component) and same currency.
    bool appliesTo(const CompositeComponent &component) const;
    /// Prices a composite over the components it applies to (others are ignored). Throws
    /// std::logic_error if this price is not composite.
    PriceEvaluation evaluateComposite(const QList<CompositeComponent> &components, const EvaluationContext &context = {}) const;

private:
    Price() = default;
    PriceEvaluation finish(const ModelResult &result) const;
    void parseCommon(const QJsonObject &json, const QString &path, JsonReader &reader);

    std::shared_ptr<const PriceModel> m_model;
    QString m_id;
    QString m_name;
    QString m_itemId;
    QString m_itemName;
    QString m_billableMetricId;
    QString m_billableMetricName;
    QString m_externalPriceId;
    Currency m_currency;
    QString m_cadence;
    std::optional<BillingCycle> m_billingCycle;
    QString m_billingMode;
    std::optional<Decimal> m_fixedPriceQuantity;
    std::optional<Decimal> m_conversionRate;
    std::optional<Decimal> m_minimumAmount;
    std::optional<Decimal> m_maximumAmount;
    std::optional<QJsonObject> m_discount;
    QString m_invoiceGroupingKey;
    QJsonObject m_metadata;
    QList<CompositePriceFilter> m_compositeFilters;
};

} // namespace orb::pricing
