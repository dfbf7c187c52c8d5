// SPDX-License-Identifier: GPL-3.0-or-later
// Grouped models whose groups share something: rates keyed by a dimension value
// (grouped_tiered_matrix), a metered minimum with scaled unit rates (grouped_with_metered_minimum),
// a tier chosen by the total of all groups (cumulative_grouped_bulk) and an allocation shared by
// all groups (cumulative_grouped_allocation).
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace orb::pricing {

namespace {

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

/// The usage by `keys`, sorted by values, so invoices list groups in a stable order.
QList<UsageGroup> sortedGroups(const UsageQuantities &usage, const QStringList &keys)
{
    QList<UsageGroup> groups = PriceModel::project(usage, keys);
    std::stable_sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values < b.values; });
    return groups;
}

/// Keys without repeats, in order (two config fields may name the same property).
QStringList distinctKeys(const QStringList &keys)
{
    QStringList out;
    for (const QString &k : keys)
        if (!out.contains(k))
            out.append(k);
    return out;
}

// ----------------------------------------------------------------------- grouped_tiered_matrix

struct ValueTiers {
    QString value;
    TierTable tiers;
};

class GroupedTieredMatrixModel final : public PriceModel
{
public:
    GroupedTieredMatrixModel(QString dimension, Decimal defaultAmount, QList<ValueTiers> tiers)
        : m_dimension(std::move(dimension)), m_default(defaultAmount), m_tiers(std::move(tiers))
    {
    }

    QString modelType() const override { return QStringLiteral("grouped_tiered_matrix"); }
    QStringList groupingProperties() const override { return {m_dimension}; }
    QJsonObject configToJson() const override
    {
        QJsonArray tiers;
        for (const ValueTiers &v : m_tiers)
            for (const Tier &t : v.tiers.tiers())
                tiers.append(QJsonObject{{QStringLiteral("dimension_value"), v.value},
                                         {QStringLiteral("tier_lower_bound"), t.lower.toString()},
                                         {QStringLiteral("unit_amount"), t.amount.toString()}});
        return QJsonObject{
            {QStringLiteral("default_unit_amount"), m_default.toString()}, {QStringLiteral("dimension"), m_dimension}, {QStringLiteral("tiers"), tiers}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Each value is tiered against its own rows only; a value without rows (a missing
        // property included) pays default_unit_amount per unit.
        ModelResult result{usage.total, Decimal(0), {}};
        for (const UsageGroup &group : sortedGroups(usage, {m_dimension})) {
            const QString value = group.values.first();
            const auto own = std::find_if(m_tiers.cbegin(), m_tiers.cend(), [&value](const ValueTiers &v) { return v.value == value; });
            QJsonObject grouping{{QStringLiteral("dimension"), m_dimension}, {QStringLiteral("dimension_value"), value}};
            if (own == m_tiers.cend()) {
                const Decimal amount = group.quantity * m_default;
                grouping.insert(QStringLiteral("default"), true);
                result.subtotal += amount;
                result.subLineItems.append(line(shown(value), group.quantity, m_default, amount, grouping));
                continue;
            }
            for (const TierPortion &portion : own->tiers.graduate(group.quantity)) {
                const Tier &tier = own->tiers.at(portion.index);
                const Decimal amount = portion.units * tier.amount;
                QJsonObject g = own->tiers.bounds(portion.index);
                g.insert(QStringLiteral("dimension"), m_dimension);
                g.insert(QStringLiteral("dimension_value"), value);
                result.subtotal += amount;
                result.subLineItems.append(line(shown(value) + QStringLiteral(" · Tier %1").arg(portion.index + 1), portion.units, tier.amount, amount, g));
            }
        }
        return result;
    }

private:
    QString m_dimension;
    Decimal m_default;
    QList<ValueTiers> m_tiers;
};

// ----------------------------------------------------------------- grouped_with_metered_minimum

class GroupedWithMeteredMinimumModel final : public PriceModel
{
public:
    GroupedWithMeteredMinimumModel(QString groupingKey, QString pricingKey, QString scalingKey, Decimal minimumUnit, QList<QPair<QString, Decimal>> unitAmounts,
                                   QList<QPair<QString, Decimal>> scaling)
        : m_groupingKey(std::move(groupingKey)), m_pricingKey(std::move(pricingKey)), m_scalingKey(std::move(scalingKey)), m_minimumUnit(minimumUnit),
          m_unitAmounts(std::move(unitAmounts)), m_scaling(std::move(scaling))
    {
    }

    QString modelType() const override { return QStringLiteral("grouped_with_metered_minimum"); }
    QStringList groupingProperties() const override { return distinctKeys({m_groupingKey, m_pricingKey, m_scalingKey}); }
    QJsonObject configToJson() const override
    {
        QJsonArray units, factors;
        for (const auto &u : m_unitAmounts)
            units.append(QJsonObject{{QStringLiteral("pricing_value"), u.first}, {QStringLiteral("unit_amount"), u.second.toString()}});
        for (const auto &f : m_scaling)
            factors.append(QJsonObject{{QStringLiteral("scaling_factor"), f.second.toString()}, {QStringLiteral("scaling_value"), f.first}});
        return QJsonObject{{QStringLiteral("grouping_key"), m_groupingKey}, {QStringLiteral("minimum_unit_amount"), m_minimumUnit.toString()},
                           {QStringLiteral("pricing_key"), m_pricingKey},   {QStringLiteral("scaling_factors"), factors},
                           {QStringLiteral("scaling_key"), m_scalingKey},   {QStringLiteral("unit_amounts"), units}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Per group: each (pricing value, scaling value) cell pays its pricing value's unit
        // amount × the scaling value's factor (1 when not listed); a pricing value not listed
        // pays minimum_unit_amount. The group then pays at least its quantity ×
        // minimum_unit_amount: a "Minimum" sub-line carries the difference.
        const QStringList keys = groupingProperties();
        const qsizetype gi = keys.indexOf(m_groupingKey), pi = keys.indexOf(m_pricingKey), si = keys.indexOf(m_scalingKey);
        ModelResult result{usage.total, Decimal(0), {}};
        const QList<UsageGroup> cells = sortedGroups(usage, keys);
        QString current;
        Decimal groupQuantity(0), groupAmount(0);
        bool open = false;
        auto closeGroup = [&]() {
            if (!open)
                return;
            const Decimal minimum = groupQuantity * m_minimumUnit;
            if (groupAmount < minimum) {
                result.subtotal += minimum - groupAmount;
                result.subLineItems.append(line(shown(current) + QStringLiteral(" · Minimum"), groupQuantity, m_minimumUnit, minimum - groupAmount,
                                                {{QStringLiteral("grouping_key"), m_groupingKey},
                                                 {QStringLiteral("grouping_value"), current},
                                                 {QStringLiteral("minimum_applied"), minimum.toCanonicalString()}}));
            }
        };
        for (const UsageGroup &cell : cells) {
            const QString g = cell.values.at(gi);
            if (!open || g != current) {
                closeGroup();
                current = g;
                groupQuantity = Decimal(0);
                groupAmount = Decimal(0);
                open = true;
            }
            const QString p = cell.values.at(pi), s = cell.values.at(si);
            const auto rate = lookup(m_unitAmounts, p);
            const Decimal factor = lookup(m_scaling, s).value_or(Decimal(1));
            const Decimal unit = rate ? *rate * factor : m_minimumUnit;
            const Decimal amount = cell.quantity * unit;
            QJsonObject grouping{{QStringLiteral("grouping_key"), m_groupingKey},
                                 {QStringLiteral("grouping_value"), g},
                                 {QStringLiteral("pricing_value"), p},
                                 {QStringLiteral("scaling_value"), s},
                                 {QStringLiteral("scaling_factor"), (rate ? factor : Decimal(1)).toCanonicalString()}};
            if (!rate)
                grouping.insert(QStringLiteral("unmatched"), true);
            groupQuantity += cell.quantity;
            groupAmount += amount;
            result.subtotal += amount;
            QString name = shown(g) + QStringLiteral(" · ") + shown(p);
            if (si != pi && si != gi)
                name += QStringLiteral(" · ") + shown(s);
            result.subLineItems.append(line(name, cell.quantity, unit, amount, grouping));
        }
        closeGroup();
        return result;
    }

private:
    static std::optional<Decimal> lookup(const QList<QPair<QString, Decimal>> &list, const QString &key)
    {
        for (const auto &e : list)
            if (e.first == key)
                return e.second;
        return std::nullopt;
    }

    QString m_groupingKey, m_pricingKey, m_scalingKey;
    Decimal m_minimumUnit;
    QList<QPair<QString, Decimal>> m_unitAmounts;
    QList<QPair<QString, Decimal>> m_scaling;
};

// ---------------------------------------------------------------------- cumulative_grouped_bulk

struct BulkRow {
    QString value;
    Decimal lowerBound;
    Decimal unitAmount;
};

class CumulativeGroupedBulkModel final : public PriceModel
{
public:
    CumulativeGroupedBulkModel(QString group, QList<BulkRow> rows, QList<Decimal> bounds)
        : m_group(std::move(group)), m_rows(std::move(rows)), m_bounds(std::move(bounds))
    {
    }

    QString modelType() const override { return QStringLiteral("cumulative_grouped_bulk"); }
    QStringList groupingProperties() const override { return {m_group}; }
    QJsonObject configToJson() const override
    {
        QJsonArray rows;
        for (const BulkRow &r : m_rows)
            rows.append(QJsonObject{{QStringLiteral("grouping_key"), r.value},
                                    {QStringLiteral("tier_lower_bound"), r.lowerBound.toString()},
                                    {QStringLiteral("unit_amount"), r.unitAmount.toString()}});
        return QJsonObject{{QStringLiteral("dimension_values"), rows}, {QStringLiteral("group"), m_group}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // The total of every group picks one tier (the last whose exclusive lower bound the
        // total exceeds, as bulk); each group then pays its own value's rate of that tier. A
        // value with no row counts towards the total but has no rate: it is listed at 0.
        const QList<UsageGroup> groups = sortedGroups(usage, {m_group});
        Decimal total(0);
        for (const UsageGroup &g : groups)
            total += g.quantity;
        qsizetype tier = 0;
        for (qsizetype i = 0; i < m_bounds.size(); ++i)
            if (total > m_bounds.at(i))
                tier = i;
        const Decimal bound = m_bounds.at(tier);
        ModelResult result{total, Decimal(0), {}};
        for (const UsageGroup &g : groups) {
            const QString value = g.values.first();
            std::optional<Decimal> rate;
            for (const BulkRow &r : m_rows)
                if (r.value == value && r.lowerBound == bound)
                    rate = r.unitAmount;
            const Decimal unit = rate.value_or(Decimal(0));
            const Decimal amount = g.quantity * unit;
            QJsonObject grouping{{QStringLiteral("group"), m_group},
                                 {QStringLiteral("grouping_value"), value},
                                 {QStringLiteral("tier_lower_bound"), bound.toCanonicalString()},
                                 {QStringLiteral("cumulative_quantity"), total.toCanonicalString()}};
            if (!rate)
                grouping.insert(QStringLiteral("no_rate"), true);
            result.subtotal += amount;
            result.subLineItems.append(line(shown(value) + QStringLiteral(" · Tier %1").arg(tier + 1), g.quantity, unit, amount, grouping));
        }
        return result;
    }

private:
    QString m_group;
    QList<BulkRow> m_rows;
    QList<Decimal> m_bounds; ///< distinct, ascending, the first 0
};

// ---------------------------------------------------------------- cumulative_grouped_allocation

class CumulativeGroupedAllocationModel final : public PriceModel
{
public:
    CumulativeGroupedAllocationModel(QString key, Decimal cumulative, Decimal perGroup, Decimal unitAmount)
        : m_key(std::move(key)), m_cumulative(cumulative), m_perGroup(perGroup), m_unitAmount(unitAmount)
    {
    }

    QString modelType() const override { return QStringLiteral("cumulative_grouped_allocation"); }
    QStringList groupingProperties() const override { return {m_key}; }
    QJsonObject configToJson() const override
    {
        return QJsonObject{{QStringLiteral("cumulative_allocation"), m_cumulative.toString()},
                           {QStringLiteral("group_allocation"), m_perGroup.toString()},
                           {QStringLiteral("grouping_key"), m_key},
                           {QStringLiteral("unit_amount"), m_unitAmount.toString()}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Each group gets up to group_allocation free, while the free units of all groups
        // together stay within cumulative_allocation, granted in group value order.
        ModelResult result{usage.total, Decimal(0), {}};
        Decimal pool = m_cumulative;
        for (const UsageGroup &g : sortedGroups(usage, {m_key})) {
            const QString value = g.values.first();
            const Decimal free = Decimal::max(Decimal(0), Decimal::min(Decimal::min(g.quantity, m_perGroup), pool));
            pool -= free;
            const Decimal charged = g.quantity - free;
            const Decimal amount = charged * m_unitAmount;
            result.subtotal += amount;
            result.subLineItems.append(line(shown(value), charged, m_unitAmount, amount,
                                            {{QStringLiteral("grouping_key"), m_key},
                                             {QStringLiteral("grouping_value"), value},
                                             {QStringLiteral("usage"), g.quantity.toCanonicalString()},
                                             {QStringLiteral("allocated"), free.toCanonicalString()}}));
        }
        return result;
    }

private:
    QString m_key;
    Decimal m_cumulative, m_perGroup, m_unitAmount;
};

/// Reads [{<keyField>: string, <valueField>: decimal}, ...] with unique keys.
std::optional<QList<QPair<QString, Decimal>>> readPairs(JsonReader &reader, const QJsonObject &config, const QString &path, const QString &arrayKey,
                                                        const QString &keyField, const QString &valueField, bool nonEmpty)
{
    const auto array = reader.array(config, arrayKey, path, Presence::Required, nonEmpty);
    if (!array)
        return std::nullopt;
    const qsizetype before = reader.errorCount();
    const QString arrayPath = JsonReader::join(path, arrayKey);
    QList<QPair<QString, Decimal>> out;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString p = JsonReader::index(arrayPath, i);
        const auto o = reader.elementObject(array->at(i), p);
        if (!o)
            continue;
        const auto key = reader.string(*o, keyField, p, Presence::Optional);
        if (!JsonReader::has(*o, keyField))
            reader.fail(JsonReader::join(p, keyField), QStringLiteral("is required"));
        const auto value = reader.decimal(*o, valueField, p, Presence::Required);
        if (!key || !value)
            continue;
        for (qsizetype j = 0; j < out.size(); ++j)
            if (out.at(j).first == *key)
                reader.fail(JsonReader::join(p, keyField), QStringLiteral("repeats '%1' of %2[%3]").arg(*key, arrayKey).arg(j));
        out.append({*key, *value});
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    return out;
}

} // namespace

std::shared_ptr<const PriceModel> parseGroupedTieredMatrixModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto dimension = reader.string(config, QStringLiteral("dimension"), path, Presence::Required);
    const auto defaultAmount = reader.decimal(config, QStringLiteral("default_unit_amount"), path, Presence::Required);
    const auto tiers = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    QList<ValueTiers> byValue;
    if (tiers) {
        // Rows are gathered per dimension_value in the order given; each value's rows must read
        // as a lower-bound tier list of its own (first bound 0, bounds increasing).
        const QString tiersPath = JsonReader::join(path, QStringLiteral("tiers"));
        QMap<QString, QList<Tier>> rows;
        QStringList order;
        for (qsizetype i = 0; i < tiers->size(); ++i) {
            const QString p = JsonReader::index(tiersPath, i);
            const auto o = reader.elementObject(tiers->at(i), p);
            if (!o)
                continue;
            const auto value = reader.string(*o, QStringLiteral("dimension_value"), p, Presence::Optional);
            if (!JsonReader::has(*o, QStringLiteral("dimension_value")))
                reader.fail(JsonReader::join(p, QStringLiteral("dimension_value")), QStringLiteral("is required"));
            const auto bound = reader.decimal(*o, QStringLiteral("tier_lower_bound"), p, Presence::Required);
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), p, Presence::Required);
            if (!value || !bound || !amount)
                continue;
            QList<Tier> &list = rows[*value];
            const QString boundPath = JsonReader::join(p, QStringLiteral("tier_lower_bound"));
            if (list.isEmpty() && !bound->isZero())
                reader.fail(boundPath, QStringLiteral("the first tier of dimension_value '%1' must start at 0").arg(*value));
            else if (!list.isEmpty() && *bound <= list.last().lower)
                reader.fail(
                    boundPath,
                    QStringLiteral("must be greater than the previous bound %1 of dimension_value '%2'").arg(list.last().lower.toCanonicalString(), *value));
            if (!order.contains(*value))
                order.append(*value);
            list.append(Tier{*bound, std::nullopt, *amount, {}});
        }
        for (const QString &value : order) {
            QList<Tier> list = rows.value(value);
            for (qsizetype i = 0; i + 1 < list.size(); ++i)
                list[i].upper = list.at(i + 1).lower;
            byValue.append(ValueTiers{value, TierTable(list)});
        }
    }
    if (reader.errorCount() > before || !dimension || !defaultAmount || !tiers)
        return nullptr;
    return std::make_shared<GroupedTieredMatrixModel>(*dimension, *defaultAmount, byValue);
}

std::shared_ptr<const PriceModel> parseGroupedWithMeteredMinimumModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto groupingKey = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto minimum = reader.decimal(config, QStringLiteral("minimum_unit_amount"), path, Presence::Required);
    const auto pricingKey = reader.string(config, QStringLiteral("pricing_key"), path, Presence::Required);
    const auto factors =
        readPairs(reader, config, path, QStringLiteral("scaling_factors"), QStringLiteral("scaling_value"), QStringLiteral("scaling_factor"), false);
    const auto scalingKey = reader.string(config, QStringLiteral("scaling_key"), path, Presence::Required);
    const auto units = readPairs(reader, config, path, QStringLiteral("unit_amounts"), QStringLiteral("pricing_value"), QStringLiteral("unit_amount"), false);
    if (reader.errorCount() > before || !groupingKey || !minimum || !pricingKey || !factors || !scalingKey || !units)
        return nullptr;
    return std::make_shared<GroupedWithMeteredMinimumModel>(*groupingKey, *pricingKey, *scalingKey, *minimum, *units, *factors);
}

std::shared_ptr<const PriceModel> parseCumulativeGroupedBulkModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto group = reader.string(config, QStringLiteral("group"), path, Presence::Required);
    const auto array = reader.array(config, QStringLiteral("dimension_values"), path, Presence::Required, true);
    QList<BulkRow> rows;
    QList<Decimal> bounds;
    if (array) {
        const QString arrayPath = JsonReader::join(path, QStringLiteral("dimension_values"));
        for (qsizetype i = 0; i < array->size(); ++i) {
            const QString p = JsonReader::index(arrayPath, i);
            const auto o = reader.elementObject(array->at(i), p);
            if (!o)
                continue;
            const auto value = reader.string(*o, QStringLiteral("grouping_key"), p, Presence::Optional);
            if (!JsonReader::has(*o, QStringLiteral("grouping_key")))
                reader.fail(JsonReader::join(p, QStringLiteral("grouping_key")), QStringLiteral("is required"));
            const auto bound = reader.decimal(*o, QStringLiteral("tier_lower_bound"), p, Presence::Required);
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), p, Presence::Required);
            if (!value || !bound || !amount)
                continue;
            for (qsizetype j = 0; j < rows.size(); ++j)
                if (rows.at(j).value == *value && rows.at(j).lowerBound == *bound)
                    reader.fail(p, QStringLiteral("repeats grouping_key '%1' at tier_lower_bound %2 of dimension_values[%3]")
                                       .arg(*value, bound->toCanonicalString())
                                       .arg(j));
            rows.append(BulkRow{*value, *bound, *amount});
            if (!bounds.contains(*bound))
                bounds.append(*bound);
        }
        std::sort(bounds.begin(), bounds.end());
        if (reader.errorCount() == before && !rows.isEmpty()) {
            if (!bounds.first().isZero())
                reader.fail(arrayPath, QStringLiteral("the lowest tier_lower_bound must be 0"));
            // Orb: each tier lower bound must have the same group of values.
            QSet<QString> first;
            for (const BulkRow &r : rows)
                if (r.lowerBound == bounds.first())
                    first.insert(r.value);
            for (const Decimal &b : bounds) {
                QSet<QString> these;
                for (const BulkRow &r : rows)
                    if (r.lowerBound == b)
                        these.insert(r.value);
                if (these != first) {
                    reader.fail(arrayPath, QStringLiteral("tier_lower_bound %1 must list the same grouping_key values as tier_lower_bound %2")
                                               .arg(b.toCanonicalString(), bounds.first().toCanonicalString()));
                    break;
                }
            }
        }
    }
    if (reader.errorCount() > before || !group || !array)
        return nullptr;
    return std::make_shared<CumulativeGroupedBulkModel>(*group, rows, bounds);
}

std::shared_ptr<const PriceModel> parseCumulativeGroupedAllocationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto cumulative = reader.decimal(config, QStringLiteral("cumulative_allocation"), path, Presence::Required);
    const auto perGroup = reader.decimal(config, QStringLiteral("group_allocation"), path, Presence::Required);
    const auto key = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required);
    const auto amount = reader.decimal(config, QStringLiteral("unit_amount"), path, Presence::Required);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<CumulativeGroupedAllocationModel>(*key, *cumulative, *perGroup, *amount);
}

} // namespace orb::pricing
