// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "engine/Usage.h"
#include "engine/pricing/SubLineItem.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace orb::pricing {

/// A quantity and the number of calendar days it was in force within the billed period.
struct QuantitySpan {
    Decimal quantity;
    qint64 days = 0;
};

/// What the caller knows about the period being billed, beyond the usage.
struct EvaluationContext {
    /// The share of the service period covered (1 for a whole period). Applied only where a
    /// model's config asks for proration of a minimum or a total (see docs/PRICING.md).
    Decimal prorationFactor = Decimal(1);
    /// For the *_with_proration models: the quantities in force, day by day merged into spans,
    /// and the days of the whole cadence period. Empty: the usage total was in force for the
    /// share prorationFactor of the period.
    QList<QuantitySpan> quantitySchedule;
    qint64 periodDays = 0;
};

/// A model's raw result, before the Price rounds it to the currency's minor unit.
struct ModelResult {
    Decimal quantity;
    Decimal subtotal;
    QList<SubLineItem> subLineItems;
};

/**
 * The pricing function of one model_type: parsed and validated config in, exact amounts out.
 * Implementations live in family files (BasicModels.cpp, MatrixModels.cpp, ...) as internal
 * classes; only this interface is shared. Models are immutable and shared between Price copies.
 */
class PriceModel
{
public:
    PriceModel() = default;
    PriceModel(const PriceModel &) = delete;
    PriceModel &operator=(const PriceModel &) = delete;
    virtual ~PriceModel() = default;

    virtual QString modelType() const = 0;
    /// The `<model_type>_config` object in Orb's shape.
    virtual QJsonObject configToJson() const = 0;
    /// Event properties the usage must be grouped by.
    virtual QStringList groupingProperties() const { return {}; }
    /// Whether the model charges per event and needs UsageQuantities::eventValues.
    virtual bool needsEventValues() const { return false; }
    /// Composite models price other prices' subtotals instead of usage.
    virtual bool isComposite() const { return false; }
    /// The *_with_proration models, which price each quantity for the days it was in force
    /// (EvaluationContext::quantitySchedule).
    virtual bool prorates() const { return false; }

    virtual ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const = 0;
    /// For composite models: the charge for the summed subtotal of the prices it applies to.
    /// Throws std::logic_error for other models (a programming error).
    virtual ModelResult evaluateComposite(const Decimal &componentsSubtotal, const EvaluationContext &context) const;

    /**
     * The usage re-grouped by `keys` (in that order), merging groups that agree on them. A
     * property absent from the usage's groupKeys reads as "" (absent). Usage without groups but
     * with a non-zero total becomes one group of empty values, so a price evaluated from a bare
     * quantity still charges (matrix: at the default rate).
     */
    static QList<UsageGroup> project(const UsageQuantities &usage, const QStringList &keys);
    /// The event values, or the total as one event when the caller gave none.
    static QList<Decimal> eventsOf(const UsageQuantities &usage);

protected:
    static SubLineItem line(const QString &name, const Decimal &quantity, std::optional<Decimal> unitAmount, const Decimal &amount,
                            const QJsonObject &grouping = {});
    /// value × percent / 100, exact.
    static Decimal percentOf(const Decimal &value, const Decimal &percent);
    /// ⌈quantity / size⌉ for a positive size; 0 for a quantity ≤ 0.
    static Decimal packagesFor(const Decimal &quantity, const Decimal &size);
    static Decimal clamp(const Decimal &value, const Decimal &low, const Decimal &high) { return Decimal::min(Decimal::max(value, low), high); }
};

} // namespace orb::pricing
