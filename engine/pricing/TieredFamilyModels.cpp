// SPDX-License-Identifier: GPL-3.0-or-later
// Tiered models with packages and minimums: tiered_package, tiered_with_minimum and
// tiered_package_with_minimum. All use Orb's lower-bound tiers (exclusive lower bounds, each
// tier running up to the next bound).
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

namespace orb::pricing {

namespace {

const QString kMinimum = QStringLiteral("minimum_amount");

TierKeys packageKeys(bool withMinimum)
{
    TierKeys keys;
    keys.lower = QStringLiteral("tier_lower_bound");
    keys.amount = QStringLiteral("per_unit");
    if (withMinimum)
        keys.requiredExtras = {kMinimum};
    return keys;
}

TierKeys minimumKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("tier_lower_bound");
    keys.amount = QStringLiteral("unit_amount");
    keys.requiredExtras = {kMinimum};
    return keys;
}

QJsonObject tierGrouping(const TierTable &tiers, qsizetype index)
{
    return tiers.bounds(index);
}

// ------------------------------------------------------------------------------ tiered_package

class TieredPackageModel final : public PriceModel
{
public:
    TieredPackageModel(Decimal packageSize, TierTable tiers) : m_packageSize(packageSize), m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("tiered_package"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("package_size"), m_packageSize.toString()},
                           {QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(packageKeys(false))}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        result.subtotal = m_tiers.priceInPackages(usage.total, m_packageSize, &result.subLineItems, QString(), {});
        return result;
    }

private:
    Decimal m_packageSize;
    TierTable m_tiers;
};

// ------------------------------------------------------------------------- tiered_with_minimum

class TieredWithMinimumModel final : public PriceModel
{
public:
    TieredWithMinimumModel(TierTable tiers, std::optional<bool> hideZero, std::optional<bool> prorate)
        : m_tiers(std::move(tiers)), m_hideZero(hideZero), m_prorate(prorate)
    {
    }

    QString modelType() const override { return QStringLiteral("tiered_with_minimum"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(minimumKeys())}};
        if (m_hideZero)
            o.insert(QStringLiteral("hide_zero_amount_tiers"), *m_hideZero);
        if (m_prorate)
            o.insert(QStringLiteral("prorate"), *m_prorate);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        for (const TierPortion &portion : m_tiers.graduate(usage.total)) {
            const Tier &tier = m_tiers.at(portion.index);
            const Decimal amount = portion.units * tier.amount;
            result.subtotal += amount;
            if (amount.isZero() && m_hideZero.value_or(false))
                continue;
            result.subLineItems.append(
                line(QStringLiteral("Tier %1").arg(portion.index + 1), portion.units, tier.amount, amount, tierGrouping(m_tiers, portion.index)));
        }
        // Choice: the minimum is the one of the tier the total falls in, and tops the graduated
        // sum up to it; `prorate` scales that minimum by the covered share of the period.
        const qsizetype reached = m_tiers.tierIndexFor(usage.total);
        Decimal minimum = m_tiers.extra(reached, kMinimum);
        if (m_prorate.value_or(false))
            minimum = minimum * context.prorationFactor;
        if (result.subtotal < minimum) {
            const Decimal topUp = minimum - result.subtotal;
            result.subLineItems.append(line(QStringLiteral("Minimum"), Decimal(1), std::nullopt, topUp,
                                            {{kMinimum, minimum.toCanonicalString()}, {QStringLiteral("tier"), QString::number(reached + 1)}}));
            result.subtotal = minimum;
        }
        return result;
    }

private:
    TierTable m_tiers;
    std::optional<bool> m_hideZero;
    std::optional<bool> m_prorate;
};

// ----------------------------------------------------------------- tiered_package_with_minimum

class TieredPackageWithMinimumModel final : public PriceModel
{
public:
    TieredPackageWithMinimumModel(Decimal packageSize, TierTable tiers) : m_packageSize(packageSize), m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("tiered_package_with_minimum"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("package_size"), JsonReader::decimalToJsonNumber(m_packageSize)},
                           {QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(packageKeys(true))}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        result.subtotal = m_tiers.priceInPackages(usage.total, m_packageSize, &result.subLineItems, QString(), {});
        // Choice: the tier reached is found from the quantity rounded up to whole packages.
        const Decimal packaged = usage.total.isPositive() ? usage.total.divide(m_packageSize, 0, Rounding::Ceiling) * m_packageSize : Decimal(0);
        const qsizetype reached = m_tiers.tierIndexFor(packaged);
        const Decimal minimum = m_tiers.extra(reached, kMinimum);
        if (result.subtotal < minimum) {
            result.subLineItems.append(line(QStringLiteral("Minimum"), Decimal(1), std::nullopt, minimum - result.subtotal,
                                            {{kMinimum, minimum.toCanonicalString()}, {QStringLiteral("tier"), QString::number(reached + 1)}}));
            result.subtotal = minimum;
        }
        return result;
    }

private:
    Decimal m_packageSize;
    TierTable m_tiers;
};

std::optional<TierTable> parsePackagedTiers(JsonReader &reader, const QJsonObject &config, const QString &path, const std::optional<Decimal> &packageSize,
                                            const TierKeys &keys)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return std::nullopt;
    return TierTable::parseLowerBounds(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), keys, packageSize);
}

} // namespace

std::shared_ptr<const PriceModel> parseTieredPackageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    const auto tiers = parsePackagedTiers(reader, config, path, size, packageKeys(false));
    if (reader.errorCount() > before || !size || !tiers)
        return nullptr;
    return std::make_shared<TieredPackageModel>(*size, *tiers);
}

std::shared_ptr<const PriceModel> parseTieredWithMinimumModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto hideZero = reader.boolean(config, QStringLiteral("hide_zero_amount_tiers"), path, Presence::Optional);
    const auto prorate = reader.boolean(config, QStringLiteral("prorate"), path, Presence::Optional);
    const auto tiers = parsePackagedTiers(reader, config, path, std::nullopt, minimumKeys());
    if (reader.errorCount() > before || !tiers)
        return nullptr;
    return std::make_shared<TieredWithMinimumModel>(*tiers, hideZero, prorate);
}

std::shared_ptr<const PriceModel> parseTieredPackageWithMinimumModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    const auto tiers = parsePackagedTiers(reader, config, path, size, packageKeys(true));
    if (reader.errorCount() > before || !size || !tiers)
        return nullptr;
    return std::make_shared<TieredPackageWithMinimumModel>(*size, *tiers);
}

} // namespace orb::pricing
