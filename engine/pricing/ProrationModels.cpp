// SPDX-License-Identifier: GPL-3.0-or-later
// Models that price the quantity in force and prorate it by the days it was in force:
// unit_with_proration, tiered_with_proration and bulk_with_proration.
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

namespace orb::pricing {

namespace {

/// Places of a prorated amount before the line is rounded once (as the invoice run's fixed fees).
constexpr int kProrationPlaces = 20;

TierKeys lowerBoundKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("tier_lower_bound");
    keys.amount = QStringLiteral("unit_amount");
    return keys;
}

/**
 * The shared rule: a model prices one quantity for a whole period (base()); the charge is
 *  - with a schedule: Σ base(quantity) × days in force / days of the period, one sub-line per span;
 *  - without one: base(usage total) × prorationFactor, with the base's own sub-lines scaled.
 */
class ProrationModel : public PriceModel
{
public:
    bool prorates() const override { return true; }

    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const override
    {
        if (context.quantitySchedule.isEmpty() || context.periodDays <= 0) {
            ModelResult base = price(usage.total);
            if (context.prorationFactor == Decimal(1))
                return base;
            ModelResult result{usage.total, Decimal(0), {}};
            for (SubLineItem sub : base.subLineItems) {
                sub.amount = sub.amount * context.prorationFactor;
                sub.grouping.insert(QStringLiteral("proration_factor"), context.prorationFactor.toCanonicalString());
                result.subtotal += sub.amount;
                result.subLineItems.append(sub);
            }
            return result;
        }
        ModelResult result{usage.total, Decimal(0), {}};
        const Decimal periodDays(static_cast<long long>(context.periodDays));
        for (const QuantitySpan &span : context.quantitySchedule) {
            const ModelResult base = price(span.quantity);
            const Decimal amount = (base.subtotal * Decimal(static_cast<long long>(span.days))).divide(periodDays, kProrationPlaces);
            result.subtotal += amount;
            result.subLineItems.append(
                line(QStringLiteral("%1 for %2 of %3 days").arg(span.quantity.toCanonicalString()).arg(span.days).arg(context.periodDays), span.quantity,
                     std::nullopt, amount,
                     {{QStringLiteral("days"), QString::number(span.days)},
                      {QStringLiteral("period_days"), QString::number(context.periodDays)},
                      {QStringLiteral("full_period_amount"), base.subtotal.toCanonicalString()}}));
        }
        return result;
    }

protected:
    /// The charge for `quantity` in force for the whole period.
    virtual ModelResult price(const Decimal &quantity) const = 0;
};

// ------------------------------------------------------------------------- unit_with_proration

class UnitWithProrationModel final : public ProrationModel
{
public:
    explicit UnitWithProrationModel(Decimal unitAmount) : m_unitAmount(unitAmount) {}
    QString modelType() const override { return QStringLiteral("unit_with_proration"); }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("unit_amount"), m_unitAmount.toString()}}; }

protected:
    ModelResult price(const Decimal &quantity) const override
    {
        const Decimal amount = quantity * m_unitAmount;
        return ModelResult{quantity, amount, {line(QStringLiteral("Units"), quantity, m_unitAmount, amount)}};
    }

private:
    Decimal m_unitAmount;
};

// ----------------------------------------------------------------------- tiered_with_proration

class TieredWithProrationModel final : public ProrationModel
{
public:
    explicit TieredWithProrationModel(TierTable tiers) : m_tiers(std::move(tiers)) {}
    QString modelType() const override { return QStringLiteral("tiered_with_proration"); }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys())}}; }

protected:
    ModelResult price(const Decimal &quantity) const override
    {
        ModelResult result{quantity, Decimal(0), {}};
        for (const TierPortion &portion : m_tiers.graduate(quantity)) {
            const Tier &tier = m_tiers.at(portion.index);
            const Decimal amount = portion.units * tier.amount;
            result.subtotal += amount;
            result.subLineItems.append(
                line(QStringLiteral("Tier %1").arg(portion.index + 1), portion.units, tier.amount, amount, m_tiers.bounds(portion.index)));
        }
        return result;
    }

private:
    TierTable m_tiers;
};

// ------------------------------------------------------------------------- bulk_with_proration

class BulkWithProrationModel final : public ProrationModel
{
public:
    explicit BulkWithProrationModel(TierTable tiers) : m_tiers(std::move(tiers)) {}
    QString modelType() const override { return QStringLiteral("bulk_with_proration"); }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys())}}; }

protected:
    ModelResult price(const Decimal &quantity) const override
    {
        // As bulk_with_filters: the whole quantity at the one tier whose (exclusive) lower
        // bound it last exceeds.
        const qsizetype index = m_tiers.tierIndexFor(quantity);
        const Tier &tier = m_tiers.at(index);
        const Decimal amount = quantity * tier.amount;
        return ModelResult{quantity,
                           amount,
                           {line(QStringLiteral("Tier %1").arg(index + 1), quantity, tier.amount, amount,
                                 {{QStringLiteral("tier_lower_bound"), tier.lower.toCanonicalString()}})}};
    }

private:
    TierTable m_tiers;
};

std::optional<TierTable> readTiers(JsonReader &reader, const QJsonObject &config, const QString &path, bool firstBoundOptional)
{
    auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return std::nullopt;
    // bulk_with_proration's first tier may leave its lower bound out (null): it starts at 0.
    if (firstBoundOptional && tiers->first().isObject() && !JsonReader::has(tiers->first().toObject(), QStringLiteral("tier_lower_bound"))) {
        QJsonObject first = tiers->first().toObject();
        first.insert(QStringLiteral("tier_lower_bound"), QStringLiteral("0"));
        tiers->replace(0, first);
    }
    return TierTable::parseLowerBounds(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), lowerBoundKeys());
}

} // namespace

std::shared_ptr<const PriceModel> parseUnitWithProrationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto amount = reader.decimal(config, QStringLiteral("unit_amount"), path, Presence::Required);
    if (!amount)
        return nullptr;
    return std::make_shared<UnitWithProrationModel>(*amount);
}

std::shared_ptr<const PriceModel> parseTieredWithProrationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = readTiers(reader, config, path, false);
    if (!tiers)
        return nullptr;
    return std::make_shared<TieredWithProrationModel>(*tiers);
}

std::shared_ptr<const PriceModel> parseBulkWithProrationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = readTiers(reader, config, path, true);
    if (!tiers)
        return nullptr;
    return std::make_shared<BulkWithProrationModel>(*tiers);
}

} // namespace orb::pricing
