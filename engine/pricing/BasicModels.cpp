// SPDX-License-Identifier: GPL-3.0-or-later
// The single-quantity models: unit, tiered, bulk, package, threshold_total_amount,
// unit_with_percent and package_with_allocation. Internal classes (one family per file, see
// PriceModel.h); the parsers are the only entry points.
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

namespace orb::pricing {

namespace {

const QString kFlat = QStringLiteral("flat_amount");

QString tierName(qsizetype index)
{
    return QStringLiteral("Tier %1").arg(index + 1);
}

void insertOptionalBool(QJsonObject &o, const QString &key, const std::optional<bool> &value)
{
    if (value)
        o.insert(key, *value);
}

// ---------------------------------------------------------------------------------------- unit

class UnitModel final : public PriceModel
{
public:
    UnitModel(Decimal unitAmount, std::optional<bool> prorated) : m_unitAmount(unitAmount), m_prorated(prorated) {}

    QString modelType() const override { return QStringLiteral("unit"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("unit_amount"), m_unitAmount.toString()}};
        insertOptionalBool(o, QStringLiteral("prorated"), m_prorated);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        return ModelResult{usage.total, usage.total * m_unitAmount, {}};
    }

private:
    Decimal m_unitAmount;
    std::optional<bool> m_prorated;
};

// -------------------------------------------------------------------------------------- tiered

TierKeys tieredKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("first_unit");
    keys.upper = QStringLiteral("last_unit");
    keys.amount = QStringLiteral("unit_amount");
    keys.optionalExtras = {kFlat}; // Lago's graduated flat fee, an Orb extension here
    keys.boundsAsNumbers = true;
    return keys;
}

class TieredModel final : public PriceModel
{
public:
    explicit TieredModel(TierTable tiers) : m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("tiered"); }
    QJsonObject configToJson() const override { return QJsonObject{{QStringLiteral("tiers"), m_tiers.rangesToJson(tieredKeys())}}; }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        // The first tier is always "entered", so its flat fee applies even at zero usage
        // (Lago's graduated rule); later flat fees apply once the quantity passes their bound.
        for (const TierPortion &portion : m_tiers.graduate(usage.total)) {
            const Tier &tier = m_tiers.at(portion.index);
            const Decimal flat = m_tiers.extra(portion.index, kFlat);
            const Decimal amount = portion.units * tier.amount + flat;
            QJsonObject grouping = m_tiers.bounds(portion.index);
            if (m_tiers.hasExtra(portion.index, kFlat))
                grouping.insert(kFlat, flat.toCanonicalString());
            result.subtotal += amount;
            result.subLineItems.append(line(tierName(portion.index), portion.units, tier.amount, amount, grouping));
        }
        return result;
    }

private:
    TierTable m_tiers;
};

// ---------------------------------------------------------------------------------------- bulk

class BulkModel final : public PriceModel
{
public:
    explicit BulkModel(TierTable tiers) : m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("bulk"); }
    QJsonObject configToJson() const override
    {
        QJsonArray tiers;
        for (const Tier &tier : m_tiers.tiers()) {
            QJsonObject o;
            o.insert(QStringLiteral("maximum_units"), tier.upper ? JsonReader::decimalToJsonNumber(*tier.upper) : QJsonValue(QJsonValue::Null));
            o.insert(QStringLiteral("unit_amount"), tier.amount.toString());
            if (tier.extras.contains(kFlat))
                o.insert(kFlat, tier.extras.value(kFlat).toString());
            tiers.append(o);
        }
        return QJsonObject{{QStringLiteral("tiers"), tiers}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // maximum_units is an inclusive upper bound: 10 units fall in a tier with maximum 10.
        // Usage above the last bounded tier stays in the last tier.
        const Decimal q = usage.total;
        qsizetype index = m_tiers.size() - 1;
        for (qsizetype i = 0; i < m_tiers.size(); ++i) {
            if (!m_tiers.at(i).upper || q <= *m_tiers.at(i).upper) {
                index = i;
                break;
            }
        }
        const Tier &tier = m_tiers.at(index);
        const Decimal flat = m_tiers.extra(index, kFlat);
        const Decimal amount = q * tier.amount + flat;
        QJsonObject grouping = m_tiers.bounds(index);
        if (m_tiers.hasExtra(index, kFlat))
            grouping.insert(kFlat, flat.toCanonicalString());
        return ModelResult{q, amount, {line(tierName(index), q, tier.amount, amount, grouping)}};
    }

private:
    TierTable m_tiers;
};

// ------------------------------------------------------------------------------------- package

class PackageModel final : public PriceModel
{
public:
    PackageModel(Decimal packageAmount, Decimal packageSize) : m_packageAmount(packageAmount), m_packageSize(packageSize) {}

    QString modelType() const override { return QStringLiteral("package"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("package_amount"), m_packageAmount.toString()},
                           {QStringLiteral("package_size"), JsonReader::decimalToJsonNumber(m_packageSize)}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // A started package is a whole package: 11 units at size 10 bill as 2 packages.
        const Decimal packages = packagesFor(usage.total, m_packageSize);
        const Decimal amount = packages * m_packageAmount;
        return ModelResult{
            usage.total,
            amount,
            {line(QStringLiteral("Packages"), packages, m_packageAmount, amount, {{QStringLiteral("package_size"), m_packageSize.toCanonicalString()}})}};
    }

private:
    Decimal m_packageAmount;
    Decimal m_packageSize;
};

// ------------------------------------------------------------------------- threshold_total_amount

struct Threshold {
    Decimal threshold;
    Decimal totalAmount;
};

class ThresholdTotalAmountModel final : public PriceModel
{
public:
    ThresholdTotalAmountModel(QList<Threshold> table, std::optional<bool> prorate) : m_table(std::move(table)), m_prorate(prorate) {}

    QString modelType() const override { return QStringLiteral("threshold_total_amount"); }
    QJsonObject configToJson() const override
    {
        QJsonArray table;
        for (const Threshold &t : m_table)
            table.append(QJsonObject{{QStringLiteral("threshold"), t.threshold.toString()}, {QStringLiteral("total_amount"), t.totalAmount.toString()}});
        QJsonObject o{{QStringLiteral("consumption_table"), table}};
        insertOptionalBool(o, QStringLiteral("prorate"), m_prorate);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const override
    {
        // The total of the highest threshold reached (quantity >= threshold) is the whole charge;
        // below the first threshold nothing is charged.
        ModelResult result{usage.total, Decimal(0), {}};
        const Threshold *reached = nullptr;
        for (const Threshold &t : m_table) {
            if (usage.total >= t.threshold)
                reached = &t;
        }
        if (!reached)
            return result;
        Decimal amount = reached->totalAmount;
        if (m_prorate.value_or(false))
            amount = amount * context.prorationFactor;
        result.subtotal = amount;
        result.subLineItems.append(line(QStringLiteral("Threshold %1").arg(reached->threshold.toCanonicalString()), usage.total, std::nullopt, amount,
                                        {{QStringLiteral("threshold"), reached->threshold.toCanonicalString()}}));
        return result;
    }

private:
    QList<Threshold> m_table;
    std::optional<bool> m_prorate;
};

// ---------------------------------------------------------------------------- unit_with_percent

class UnitWithPercentModel final : public PriceModel
{
public:
    UnitWithPercentModel(Decimal percent, Decimal unitAmount) : m_percent(percent), m_unitAmount(unitAmount) {}

    QString modelType() const override { return QStringLiteral("unit_with_percent"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("percent"), m_percent.toString()}, {QStringLiteral("unit_amount"), m_unitAmount.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // percent is "out of 100" of the unit-priced total.
        return ModelResult{usage.total, percentOf(usage.total * m_unitAmount, m_percent), {}};
    }

private:
    Decimal m_percent;
    Decimal m_unitAmount;
};

// ---------------------------------------------------------------------- package_with_allocation

class PackageWithAllocationModel final : public PriceModel
{
public:
    PackageWithAllocationModel(Decimal allocation, Decimal packageAmount, Decimal packageSize)
        : m_allocation(allocation), m_packageAmount(packageAmount), m_packageSize(packageSize)
    {
    }

    QString modelType() const override { return QStringLiteral("package_with_allocation"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("allocation"), m_allocation.toString()},
                           {QStringLiteral("package_amount"), m_packageAmount.toString()},
                           {QStringLiteral("package_size"), m_packageSize.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Choice: the allocation is free usage; only what exceeds it is billed in packages.
        const Decimal allocated = Decimal::max(Decimal(0), Decimal::min(usage.total, m_allocation));
        const Decimal overage = Decimal::max(Decimal(0), usage.total - m_allocation);
        const Decimal packages = packagesFor(overage, m_packageSize);
        const Decimal amount = packages * m_packageAmount;
        return ModelResult{
            usage.total,
            amount,
            {line(QStringLiteral("Allocation"), allocated, Decimal(0), Decimal(0), {{QStringLiteral("allocation"), m_allocation.toCanonicalString()}}),
             line(QStringLiteral("Packages"), packages, m_packageAmount, amount, {{QStringLiteral("package_size"), m_packageSize.toCanonicalString()}})}};
    }

private:
    Decimal m_allocation;
    Decimal m_packageAmount;
    Decimal m_packageSize;
};

} // namespace

// ------------------------------------------------------------------------------------- parsers

std::shared_ptr<const PriceModel> parseUnitModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto unitAmount = reader.decimal(config, QStringLiteral("unit_amount"), path, Presence::Required);
    const auto prorated = reader.boolean(config, QStringLiteral("prorated"), path, Presence::Optional);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<UnitModel>(*unitAmount, prorated);
}

std::shared_ptr<const PriceModel> parseTieredModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return nullptr;
    const auto table = TierTable::parseRanges(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), tieredKeys());
    if (!table)
        return nullptr;
    return std::make_shared<TieredModel>(*table);
}

std::shared_ptr<const PriceModel> parseBulkModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return nullptr;
    const QString tiersPath = JsonReader::join(path, QStringLiteral("tiers"));
    const qsizetype before = reader.errorCount();
    QList<Tier> parsed;
    std::optional<Decimal> previousMax;
    for (qsizetype i = 0; i < tiers->size(); ++i) {
        const QString tierPath = JsonReader::index(tiersPath, i);
        const auto o = reader.elementObject(tiers->at(i), tierPath);
        if (!o)
            continue;
        Tier tier;
        tier.upper = reader.decimal(*o, QStringLiteral("maximum_units"), tierPath, Presence::Optional, Sign::Positive);
        tier.amount = reader.decimal(*o, QStringLiteral("unit_amount"), tierPath, Presence::Required).value_or(Decimal(0));
        if (const auto flat = reader.decimal(*o, kFlat, tierPath, Presence::Optional))
            tier.extras.insert(kFlat, *flat);
        const QString maxPath = JsonReader::join(tierPath, QStringLiteral("maximum_units"));
        if (!tier.upper && i + 1 < tiers->size() && !JsonReader::has(*o, QStringLiteral("maximum_units")))
            reader.fail(maxPath, QStringLiteral("only the last tier may be unbounded (null)"));
        if (tier.upper && previousMax && *tier.upper <= *previousMax)
            reader.fail(maxPath, QStringLiteral("must be greater than the previous tier's maximum_units %1").arg(previousMax->toCanonicalString()));
        tier.lower = previousMax.value_or(Decimal(0));
        if (tier.upper)
            previousMax = tier.upper;
        parsed.append(tier);
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<BulkModel>(TierTable(parsed));
}

std::shared_ptr<const PriceModel> parsePackageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto amount = reader.decimal(config, QStringLiteral("package_amount"), path, Presence::Required);
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    if (size && !size->isInteger())
        reader.fail(JsonReader::join(path, QStringLiteral("package_size")), QStringLiteral("must be an integer"));
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<PackageModel>(*amount, *size);
}

std::shared_ptr<const PriceModel> parseThresholdTotalAmountModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto table = reader.array(config, QStringLiteral("consumption_table"), path, Presence::Required, true);
    const auto prorate = reader.boolean(config, QStringLiteral("prorate"), path, Presence::Optional);
    QList<Threshold> rows;
    if (table) {
        const QString tablePath = JsonReader::join(path, QStringLiteral("consumption_table"));
        for (qsizetype i = 0; i < table->size(); ++i) {
            const QString rowPath = JsonReader::index(tablePath, i);
            const auto o = reader.elementObject(table->at(i), rowPath);
            if (!o)
                continue;
            const auto threshold = reader.decimal(*o, QStringLiteral("threshold"), rowPath, Presence::Required);
            const auto total = reader.decimal(*o, QStringLiteral("total_amount"), rowPath, Presence::Required);
            if (!threshold || !total)
                continue;
            if (!rows.isEmpty() && *threshold <= rows.last().threshold)
                reader.fail(JsonReader::join(rowPath, QStringLiteral("threshold")),
                            QStringLiteral("must be greater than the previous threshold %1").arg(rows.last().threshold.toCanonicalString()));
            rows.append(Threshold{*threshold, *total});
        }
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<ThresholdTotalAmountModel>(rows, prorate);
}

std::shared_ptr<const PriceModel> parseUnitWithPercentModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto percent = reader.decimal(config, QStringLiteral("percent"), path, Presence::Required);
    const auto unitAmount = reader.decimal(config, QStringLiteral("unit_amount"), path, Presence::Required);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<UnitWithPercentModel>(*percent, *unitAmount);
}

std::shared_ptr<const PriceModel> parsePackageWithAllocationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto allocation = reader.decimal(config, QStringLiteral("allocation"), path, Presence::Required);
    const auto amount = reader.decimal(config, QStringLiteral("package_amount"), path, Presence::Required);
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<PackageWithAllocationModel>(*allocation, *amount, *size);
}

} // namespace orb::pricing
