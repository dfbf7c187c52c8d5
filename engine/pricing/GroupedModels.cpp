// SPDX-License-Identifier: GPL-3.0-or-later
// Models that split usage by one grouping_key and price each group on its own: grouped_tiered,
// grouped_tiered_package, grouped_allocation, grouped_with_prorated_minimum,
// grouped_with_min_max_thresholds and max_group_tiered_package.
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

#include <algorithm>

namespace orb::pricing {

namespace {

/// The usage per value of `key`, sorted by value so invoices list groups in a stable order.
QList<UsageGroup> groupsBy(const UsageQuantities &usage, const QString &key)
{
    QList<UsageGroup> groups = PriceModel::project(usage, {key});
    std::stable_sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values.first() < b.values.first(); });
    return groups;
}

QJsonObject groupGrouping(const QString &key, const QString &value)
{
    return QJsonObject{{QStringLiteral("grouping_key"), key}, {QStringLiteral("grouping_value"), value}};
}

QString groupName(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

TierKeys lowerBoundKeys(const QString &amountKey)
{
    TierKeys keys;
    keys.lower = QStringLiteral("tier_lower_bound");
    keys.amount = amountKey;
    return keys;
}

/// Base of the grouped models: the grouping key and its grouping property.
class GroupedModel : public PriceModel
{
public:
    explicit GroupedModel(QString key) : m_key(std::move(key)) {}
    QStringList groupingProperties() const override { return {m_key}; }

protected:
    QString m_key;
};

// ------------------------------------------------------------------------------ grouped_tiered

class GroupedTieredModel final : public GroupedModel
{
public:
    GroupedTieredModel(QString key, TierTable tiers) : GroupedModel(std::move(key)), m_tiers(std::move(tiers)) {}

    QString modelType() const override { return QStringLiteral("grouped_tiered"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys(QStringLiteral("unit_amount")))}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : groupsBy(usage, m_key)) {
            const QString value = group.values.first();
            for (const TierPortion &portion : m_tiers.graduate(group.quantity)) {
                const Tier &tier = m_tiers.at(portion.index);
                const Decimal amount = portion.units * tier.amount;
                QJsonObject grouping = m_tiers.bounds(portion.index);
                grouping.insert(QStringLiteral("grouping_key"), m_key);
                grouping.insert(QStringLiteral("grouping_value"), value);
                result.subtotal += amount;
                result.subLineItems.append(
                    line(groupName(value) + QStringLiteral(" · Tier %1").arg(portion.index + 1), portion.units, tier.amount, amount, grouping));
            }
        }
        return result;
    }

private:
    TierTable m_tiers;
};

// ---------------------------------------------------------------------- grouped_tiered_package

class GroupedTieredPackageModel final : public GroupedModel
{
public:
    GroupedTieredPackageModel(QString key, Decimal packageSize, TierTable tiers)
        : GroupedModel(std::move(key)), m_packageSize(packageSize), m_tiers(std::move(tiers))
    {
    }

    QString modelType() const override { return QStringLiteral("grouped_tiered_package"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("package_size"), m_packageSize.toString()},
                           {QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys(QStringLiteral("per_unit")))}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : groupsBy(usage, m_key)) {
            const QString value = group.values.first();
            result.subtotal += m_tiers.priceInPackages(group.quantity, m_packageSize, &result.subLineItems, groupName(value) + QStringLiteral(" · "),
                                                       groupGrouping(m_key, value));
        }
        return result;
    }

private:
    Decimal m_packageSize;
    TierTable m_tiers;
};

// -------------------------------------------------------------------------- grouped_allocation

class GroupedAllocationModel final : public GroupedModel
{
public:
    GroupedAllocationModel(QString key, Decimal allocation, Decimal overageRate)
        : GroupedModel(std::move(key)), m_allocation(allocation), m_overageRate(overageRate)
    {
    }

    QString modelType() const override { return QStringLiteral("grouped_allocation"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("allocation"), m_allocation.toString()},
                           {QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("overage_unit_rate"), m_overageRate.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Each group gets the allocation free; only its overage is charged.
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : groupsBy(usage, m_key)) {
            const QString value = group.values.first();
            const Decimal overage = Decimal::max(Decimal(0), group.quantity - m_allocation);
            const Decimal amount = overage * m_overageRate;
            QJsonObject grouping = groupGrouping(m_key, value);
            grouping.insert(QStringLiteral("usage"), group.quantity.toCanonicalString());
            grouping.insert(QStringLiteral("allocation"), m_allocation.toCanonicalString());
            result.subtotal += amount;
            result.subLineItems.append(line(groupName(value), overage, m_overageRate, amount, grouping));
        }
        return result;
    }

private:
    Decimal m_allocation;
    Decimal m_overageRate;
};

// --------------------------------------------------------------- grouped_with_prorated_minimum

class GroupedWithProratedMinimumModel final : public GroupedModel
{
public:
    GroupedWithProratedMinimumModel(QString key, Decimal minimum, Decimal unitRate) : GroupedModel(std::move(key)), m_minimum(minimum), m_unitRate(unitRate) {}

    QString modelType() const override { return QStringLiteral("grouped_with_prorated_minimum"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{
            {QStringLiteral("grouping_key"), m_key}, {QStringLiteral("minimum"), m_minimum.toString()}, {QStringLiteral("unit_rate"), m_unitRate.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const override
    {
        // Choice: every group seen in the usage pays at least the minimum scaled by the share of
        // the period covered; groups without usage are not known, so not charged.
        const Decimal minimum = m_minimum * context.prorationFactor;
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : groupsBy(usage, m_key)) {
            const QString value = group.values.first();
            const Decimal usageAmount = group.quantity * m_unitRate;
            const Decimal amount = Decimal::max(usageAmount, minimum);
            QJsonObject grouping = groupGrouping(m_key, value);
            if (usageAmount < minimum)
                grouping.insert(QStringLiteral("minimum_applied"), minimum.toCanonicalString());
            result.subtotal += amount;
            result.subLineItems.append(line(groupName(value), group.quantity, m_unitRate, amount, grouping));
        }
        return result;
    }

private:
    Decimal m_minimum;
    Decimal m_unitRate;
};

// ------------------------------------------------------------- grouped_with_min_max_thresholds

class GroupedWithMinMaxThresholdsModel final : public GroupedModel
{
public:
    GroupedWithMinMaxThresholdsModel(QString key, Decimal minimum, Decimal maximum, Decimal rate)
        : GroupedModel(std::move(key)), m_minimum(minimum), m_maximum(maximum), m_rate(rate)
    {
    }

    QString modelType() const override { return QStringLiteral("grouped_with_min_max_thresholds"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("maximum_charge"), m_maximum.toString()},
                           {QStringLiteral("minimum_charge"), m_minimum.toString()},
                           {QStringLiteral("per_unit_rate"), m_rate.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : groupsBy(usage, m_key)) {
            const QString value = group.values.first();
            const Decimal raw = group.quantity * m_rate;
            const Decimal amount = clamp(raw, m_minimum, m_maximum);
            QJsonObject grouping = groupGrouping(m_key, value);
            if (raw < m_minimum)
                grouping.insert(QStringLiteral("minimum_applied"), m_minimum.toCanonicalString());
            else if (raw > m_maximum)
                grouping.insert(QStringLiteral("maximum_applied"), m_maximum.toCanonicalString());
            result.subtotal += amount;
            result.subLineItems.append(line(groupName(value), group.quantity, m_rate, amount, grouping));
        }
        return result;
    }

private:
    Decimal m_minimum;
    Decimal m_maximum;
    Decimal m_rate;
};

// -------------------------------------------------------------------- max_group_tiered_package

class MaxGroupTieredPackageModel final : public GroupedModel
{
public:
    MaxGroupTieredPackageModel(QString key, Decimal packageSize, TierTable tiers)
        : GroupedModel(std::move(key)), m_packageSize(packageSize), m_tiers(std::move(tiers))
    {
    }

    QString modelType() const override { return QStringLiteral("max_group_tiered_package"); }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("package_size"), m_packageSize.toString()},
                           {QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys(QStringLiteral("unit_amount")))}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Only the largest group is charged (ties: the smallest value, groups being sorted).
        // Choice: its quantity is rounded up to whole packages, then tiered per unit.
        const QList<UsageGroup> groups = groupsBy(usage, m_key);
        ModelResult result{Decimal(0), Decimal(0), {}};
        if (groups.isEmpty())
            return result;
        const UsageGroup *largest = &groups.first();
        for (const UsageGroup &group : groups) {
            if (group.quantity > largest->quantity)
                largest = &group;
        }
        const QString value = largest->values.first();
        result.quantity = largest->quantity;
        const Decimal packaged = largest->quantity.isPositive() ? largest->quantity.divide(m_packageSize, 0, Rounding::Ceiling) * m_packageSize : Decimal(0);
        for (const TierPortion &portion : m_tiers.graduate(packaged)) {
            const Tier &tier = m_tiers.at(portion.index);
            const Decimal amount = portion.units * tier.amount;
            QJsonObject grouping = m_tiers.bounds(portion.index);
            grouping.insert(QStringLiteral("grouping_key"), m_key);
            grouping.insert(QStringLiteral("grouping_value"), value);
            result.subtotal += amount;
            result.subLineItems.append(
                line(groupName(value) + QStringLiteral(" · Tier %1").arg(portion.index + 1), portion.units, tier.amount, amount, grouping));
        }
        return result;
    }

private:
    Decimal m_packageSize;
    TierTable m_tiers;
};

std::optional<TierTable> readTiers(JsonReader &reader, const QJsonObject &config, const QString &path, const QString &amountKey,
                                   const std::optional<Decimal> &multipleOf)
{
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    if (!tiers)
        return std::nullopt;
    return TierTable::parseLowerBounds(reader, *tiers, JsonReader::join(path, QStringLiteral("tiers")), lowerBoundKeys(amountKey), multipleOf);
}

} // namespace

std::shared_ptr<const PriceModel> parseGroupedTieredModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto tiers = readTiers(reader, config, path, QStringLiteral("unit_amount"), std::nullopt);
    if (reader.errorCount() > before || !key || !tiers)
        return nullptr;
    return std::make_shared<GroupedTieredModel>(*key, *tiers);
}

std::shared_ptr<const PriceModel> parseGroupedTieredPackageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    const auto tiers = readTiers(reader, config, path, QStringLiteral("per_unit"), size);
    if (reader.errorCount() > before || !key || !size || !tiers)
        return nullptr;
    return std::make_shared<GroupedTieredPackageModel>(*key, *size, *tiers);
}

std::shared_ptr<const PriceModel> parseGroupedAllocationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto allocation = reader.decimal(config, QStringLiteral("allocation"), path, Presence::Required);
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto rate = reader.decimal(config, QStringLiteral("overage_unit_rate"), path, Presence::Required);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<GroupedAllocationModel>(*key, *allocation, *rate);
}

std::shared_ptr<const PriceModel> parseGroupedWithProratedMinimumModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto minimum = reader.decimal(config, QStringLiteral("minimum"), path, Presence::Required);
    const auto rate = reader.decimal(config, QStringLiteral("unit_rate"), path, Presence::Required);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<GroupedWithProratedMinimumModel>(*key, *minimum, *rate);
}

std::shared_ptr<const PriceModel> parseGroupedWithMinMaxThresholdsModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto maximum = reader.decimal(config, QStringLiteral("maximum_charge"), path, Presence::Required);
    const auto minimum = reader.decimal(config, QStringLiteral("minimum_charge"), path, Presence::Required);
    const auto rate = reader.decimal(config, QStringLiteral("per_unit_rate"), path, Presence::Required);
    if (minimum && maximum && *maximum < *minimum)
        reader.fail(JsonReader::join(path, QStringLiteral("maximum_charge")),
                    QStringLiteral("must not be less than minimum_charge %1").arg(minimum->toCanonicalString()));
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<GroupedWithMinMaxThresholdsModel>(*key, *minimum, *maximum, *rate);
}

std::shared_ptr<const PriceModel> parseMaxGroupTieredPackageModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto size = reader.decimal(config, QStringLiteral("package_size"), path, Presence::Required, Sign::Positive);
    const auto tiers = readTiers(reader, config, path, QStringLiteral("unit_amount"), std::nullopt);
    if (reader.errorCount() > before || !key || !size || !tiers)
        return nullptr;
    return std::make_shared<MaxGroupTieredPackageModel>(*key, *size, *tiers);
}

} // namespace orb::pricing
