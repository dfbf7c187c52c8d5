// SPDX-License-Identifier: GPL-3.0-or-later
// Matrix models that scale or discount cells: scalable_matrix_with_unit_pricing,
// scalable_matrix_with_tiered_pricing and matrix_with_threshold_discounts.
#include "engine/pricing/ModelRegistry.h"
#include "engine/pricing/TierTable.h"

#include <algorithm>

namespace orb::pricing {

namespace {

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

QString cellName(const QStringList &values)
{
    QStringList out;
    for (const QString &v : values)
        out.append(shown(v));
    return out.join(QStringLiteral(", "));
}

QJsonArray toArray(const QStringList &values)
{
    QJsonArray a;
    for (const QString &v : values)
        a.append(v);
    return a;
}

/// A matrix cell: the first value, and the second when the matrix has a second dimension
/// (nullopt in a scaling factor = every second value).
struct Cell {
    QString first;
    std::optional<QString> second;
    Decimal amount; ///< scaling factor or unit amount
};

/// The two dimensions of the scalable and threshold-discount matrices.
struct Dimensions {
    QString first;
    QString second; ///< empty: one dimension

    QStringList keys() const { return second.isEmpty() ? QStringList{first} : QStringList{first, second}; }
};

QList<UsageGroup> sortedGroups(const UsageQuantities &usage, const QStringList &keys)
{
    QList<UsageGroup> groups = PriceModel::project(usage, keys);
    std::stable_sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values < b.values; });
    return groups;
}

/// The scaling factor of a cell: an exact (first, second) entry, else a first-only entry, else 1.
Decimal scalingFor(const QList<Cell> &factors, const QString &first, const QString &second)
{
    std::optional<Decimal> wildcard;
    for (const Cell &c : factors) {
        if (c.first != first)
            continue;
        if (c.second && *c.second == second)
            return c.amount;
        if (!c.second)
            wildcard = c.amount;
    }
    return wildcard.value_or(Decimal(1));
}

QJsonArray factorsToJson(const QList<Cell> &factors)
{
    QJsonArray out;
    for (const Cell &c : factors) {
        QJsonObject o{{QStringLiteral("first_dimension_value"), c.first}, {QStringLiteral("scaling_factor"), c.amount.toString()}};
        if (c.second)
            o.insert(QStringLiteral("second_dimension_value"), *c.second);
        out.append(o);
    }
    return out;
}

/// The usage of one cell of a scalable matrix, scaled.
struct ScaledCell {
    QStringList values; ///< [group value,] first [, second]
    Decimal quantity;
    Decimal factor;
    Decimal scaled;
};

class ScalableMatrixBase : public PriceModel
{
public:
    ScalableMatrixBase(Dimensions dims, QList<Cell> factors, QString groupingKey)
        : m_dims(std::move(dims)), m_factors(std::move(factors)), m_groupingKey(std::move(groupingKey))
    {
    }

    QStringList groupingProperties() const override
    {
        QStringList keys = m_dims.keys();
        if (!m_groupingKey.isEmpty() && !keys.contains(m_groupingKey))
            keys.prepend(m_groupingKey);
        return keys;
    }

protected:
    QList<ScaledCell> scaledCells(const UsageQuantities &usage) const
    {
        const QStringList keys = groupingProperties();
        const qsizetype fi = keys.indexOf(m_dims.first);
        const qsizetype si = m_dims.second.isEmpty() ? -1 : keys.indexOf(m_dims.second);
        QList<ScaledCell> out;
        for (const UsageGroup &g : sortedGroups(usage, keys)) {
            const QString second = si >= 0 ? g.values.at(si) : QString();
            const Decimal factor = scalingFor(m_factors, g.values.at(fi), second);
            out.append(ScaledCell{g.values, g.quantity, factor, g.quantity * factor});
        }
        return out;
    }
    void writeCommon(QJsonObject &o) const
    {
        o.insert(QStringLiteral("first_dimension"), m_dims.first);
        if (!m_dims.second.isEmpty())
            o.insert(QStringLiteral("second_dimension"), m_dims.second);
        o.insert(QStringLiteral("matrix_scaling_factors"), factorsToJson(m_factors));
    }

    Dimensions m_dims;
    QList<Cell> m_factors;
    QString m_groupingKey;
};

// ----------------------------------------------------------- scalable_matrix_with_unit_pricing

class ScalableMatrixWithUnitPricingModel final : public ScalableMatrixBase
{
public:
    ScalableMatrixWithUnitPricingModel(Dimensions dims, QList<Cell> factors, QString groupingKey, Decimal unitPrice, std::optional<bool> prorate)
        : ScalableMatrixBase(std::move(dims), std::move(factors), std::move(groupingKey)), m_unitPrice(unitPrice), m_prorate(prorate)
    {
    }

    QString modelType() const override { return QStringLiteral("scalable_matrix_with_unit_pricing"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("unit_price"), m_unitPrice.toString()}};
        writeCommon(o);
        if (!m_groupingKey.isEmpty())
            o.insert(QStringLiteral("grouping_key"), m_groupingKey);
        if (m_prorate)
            o.insert(QStringLiteral("prorate"), *m_prorate);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &context) const override
    {
        // Each cell's quantity × its scaling factor, priced at unit_price; with prorate the
        // unit price is scaled by the share of the period covered.
        const Decimal unitPrice = m_prorate.value_or(false) ? m_unitPrice * context.prorationFactor : m_unitPrice;
        ModelResult result{usage.total, Decimal(0), {}};
        const QStringList keys = groupingProperties();
        for (const ScaledCell &c : scaledCells(usage)) {
            const Decimal unit = unitPrice * c.factor;
            const Decimal amount = c.quantity * unit;
            QJsonObject grouping{{QStringLiteral("dimension_values"), toArray(c.values)},
                                 {QStringLiteral("scaling_factor"), c.factor.toCanonicalString()},
                                 {QStringLiteral("scaled_quantity"), c.scaled.toCanonicalString()}};
            result.subtotal += amount;
            result.subLineItems.append(line(cellName(c.values), c.quantity, unit, amount, grouping));
        }
        return result;
    }

private:
    Decimal m_unitPrice;
    std::optional<bool> m_prorate;
};

// --------------------------------------------------------- scalable_matrix_with_tiered_pricing

TierKeys lowerBoundKeys()
{
    TierKeys keys;
    keys.lower = QStringLiteral("tier_lower_bound");
    keys.amount = QStringLiteral("unit_amount");
    return keys;
}

class ScalableMatrixWithTieredPricingModel final : public ScalableMatrixBase
{
public:
    ScalableMatrixWithTieredPricingModel(Dimensions dims, QList<Cell> factors, TierTable tiers)
        : ScalableMatrixBase(std::move(dims), std::move(factors), QString()), m_tiers(std::move(tiers))
    {
    }

    QString modelType() const override { return QStringLiteral("scalable_matrix_with_tiered_pricing"); }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("tiers"), m_tiers.lowerBoundsToJson(lowerBoundKeys())}};
        writeCommon(o);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // The scaled quantities of all cells are summed, then priced through the tiers
        // (graduated). Cell sub-lines show the scaling (amount 0); tier sub-lines carry the amount.
        ModelResult result{usage.total, Decimal(0), {}};
        Decimal scaled(0);
        for (const ScaledCell &c : scaledCells(usage)) {
            scaled += c.scaled;
            result.subLineItems.append(line(cellName(c.values) + QStringLiteral(" × ") + c.factor.toCanonicalString(), c.quantity, std::nullopt, Decimal(0),
                                            {{QStringLiteral("dimension_values"), toArray(c.values)},
                                             {QStringLiteral("scaling_factor"), c.factor.toCanonicalString()},
                                             {QStringLiteral("scaled_quantity"), c.scaled.toCanonicalString()}}));
        }
        for (const TierPortion &portion : m_tiers.graduate(scaled)) {
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

// -------------------------------------------------------------- matrix_with_threshold_discounts

struct DiscountGroup {
    QString coordinates; ///< as given, for export
    QList<QStringList> cells;
    Decimal threshold;
    Decimal below;
    Decimal above;
    QString description;
};

class MatrixWithThresholdDiscountsModel final : public PriceModel
{
public:
    MatrixWithThresholdDiscountsModel(Dimensions dims, Decimal defaultAmount, QList<Cell> cells, QList<DiscountGroup> groups, bool hasGroups)
        : m_dims(std::move(dims)), m_default(defaultAmount), m_cells(std::move(cells)), m_groups(std::move(groups)), m_hasGroups(hasGroups)
    {
    }

    QString modelType() const override { return QStringLiteral("matrix_with_threshold_discounts"); }
    QStringList groupingProperties() const override { return m_dims.keys(); }
    QJsonObject configToJson() const override
    {
        QJsonArray values;
        for (const Cell &c : m_cells) {
            QJsonObject o{{QStringLiteral("first_dimension_value"), c.first}, {QStringLiteral("unit_amount"), c.amount.toString()}};
            if (c.second)
                o.insert(QStringLiteral("second_dimension_value"), *c.second);
            values.append(o);
        }
        QJsonObject o{{QStringLiteral("default_unit_amount"), m_default.toString()},
                      {QStringLiteral("first_dimension"), m_dims.first},
                      {QStringLiteral("matrix_values"), values}};
        if (!m_dims.second.isEmpty())
            o.insert(QStringLiteral("second_dimension"), m_dims.second);
        if (m_hasGroups) {
            QJsonArray groups;
            for (const DiscountGroup &g : m_groups) {
                QJsonObject go{{QStringLiteral("above_threshold_discount_percentage"), g.above.toString()},
                               {QStringLiteral("below_threshold_discount_percentage"), g.below.toString()},
                               {QStringLiteral("cell_coordinates"), g.coordinates},
                               {QStringLiteral("threshold_amount"), g.threshold.toString()}};
                if (!g.description.isEmpty())
                    go.insert(QStringLiteral("description"), g.description);
                groups.append(go);
            }
            o.insert(QStringLiteral("threshold_discount_groups"), groups);
        }
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Cells are priced as matrix (listed cells in config order, zero usage included, then
        // cells seen at default_unit_amount). Each discount group then sums the spend of its
        // cells: spend up to and including threshold_amount is discounted at the below
        // percentage, spend above it at the above percentage; one negative sub-line per group.
        const QStringList keys = m_dims.keys();
        QList<UsageGroup> groups = project(usage, keys);
        ModelResult result{usage.total, Decimal(0), {}};
        QList<QPair<QStringList, Decimal>> spend; // cell → spend
        auto add = [&](const QStringList &values, const Decimal &quantity, const Decimal &unit, bool isDefault) {
            const Decimal amount = quantity * unit;
            QJsonObject grouping{{QStringLiteral("dimension_values"), toArray(values)}};
            if (isDefault)
                grouping.insert(QStringLiteral("default"), true);
            result.subtotal += amount;
            result.subLineItems.append(line(cellName(values), quantity, unit, amount, grouping));
            spend.append({values, amount});
        };
        for (const Cell &c : m_cells) {
            const QStringList values = m_dims.second.isEmpty() ? QStringList{c.first} : QStringList{c.first, c.second.value_or(QString())};
            Decimal quantity(0);
            for (qsizetype i = groups.size() - 1; i >= 0; --i) {
                if (groups.at(i).values == values) {
                    quantity += groups.at(i).quantity;
                    groups.removeAt(i);
                }
            }
            add(values, quantity, c.amount, false);
        }
        std::stable_sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values < b.values; });
        for (const UsageGroup &g : groups)
            add(g.values, g.quantity, m_default, true);
        for (qsizetype i = 0; i < m_groups.size(); ++i) {
            const DiscountGroup &d = m_groups.at(i);
            Decimal total(0);
            for (const auto &s : spend)
                if (d.cells.contains(s.first))
                    total += s.second;
            const Decimal below = Decimal::min(total, d.threshold);
            const Decimal above = Decimal::max(Decimal(0), total - d.threshold);
            const Decimal discount = percentOf(below, d.below) + percentOf(above, d.above);
            result.subtotal -= discount;
            result.subLineItems.append(line(d.description.isEmpty() ? QStringLiteral("Threshold discount %1").arg(i + 1) : d.description, total, std::nullopt,
                                            -discount,
                                            {{QStringLiteral("cell_coordinates"), d.coordinates},
                                             {QStringLiteral("threshold_amount"), d.threshold.toCanonicalString()},
                                             {QStringLiteral("spend"), total.toCanonicalString()},
                                             {QStringLiteral("below_threshold_discount_percentage"), d.below.toCanonicalString()},
                                             {QStringLiteral("above_threshold_discount_percentage"), d.above.toCanonicalString()}}));
        }
        return result;
    }

private:
    Dimensions m_dims;
    Decimal m_default;
    QList<Cell> m_cells;
    QList<DiscountGroup> m_groups;
    bool m_hasGroups;
};

// ------------------------------------------------------------------------------------ parsing

std::optional<Dimensions> readDimensions(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const auto first = reader.string(config, QStringLiteral("first_dimension"), path, Presence::Required);
    const auto second = reader.string(config, QStringLiteral("second_dimension"), path, Presence::Optional);
    if (!first)
        return std::nullopt;
    if (second && second->isEmpty()) {
        reader.fail(JsonReader::join(path, QStringLiteral("second_dimension")), QStringLiteral("must not be empty (leave it out or null)"));
        return std::nullopt;
    }
    if (second && *second == *first) {
        reader.fail(JsonReader::join(path, QStringLiteral("second_dimension")), QStringLiteral("must differ from first_dimension"));
        return std::nullopt;
    }
    return Dimensions{*first, second.value_or(QString())};
}

/// Cells with first_dimension_value, optional second_dimension_value and `amountKey`.
/// `secondRequired`: a two-dimension matrix needs both values (matrix_values); scaling factors
/// may leave the second out to cover every second value.
std::optional<QList<Cell>> readCells(JsonReader &reader, const QJsonObject &config, const QString &path, const QString &arrayKey, const QString &amountKey,
                                     const Dimensions &dims, bool secondRequired)
{
    const auto array = reader.array(config, arrayKey, path, Presence::Required, false);
    if (!array)
        return std::nullopt;
    const qsizetype before = reader.errorCount();
    const QString arrayPath = JsonReader::join(path, arrayKey);
    QList<Cell> out;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString p = JsonReader::index(arrayPath, i);
        const auto o = reader.elementObject(array->at(i), p);
        if (!o)
            continue;
        const auto first = reader.string(*o, QStringLiteral("first_dimension_value"), p, Presence::Optional);
        if (!JsonReader::has(*o, QStringLiteral("first_dimension_value")))
            reader.fail(JsonReader::join(p, QStringLiteral("first_dimension_value")), QStringLiteral("is required"));
        const auto second = reader.string(*o, QStringLiteral("second_dimension_value"), p, Presence::Optional);
        const auto amount = reader.decimal(*o, amountKey, p, Presence::Required);
        if (!first || !amount)
            continue;
        const QString secondPath = JsonReader::join(p, QStringLiteral("second_dimension_value"));
        if (second && dims.second.isEmpty()) {
            reader.fail(secondPath, QStringLiteral("is given but the matrix has no second_dimension"));
            continue;
        }
        if (!second && !dims.second.isEmpty() && secondRequired) {
            reader.fail(secondPath, QStringLiteral("is required: the matrix has a second_dimension"));
            continue;
        }
        for (qsizetype j = 0; j < out.size(); ++j)
            if (out.at(j).first == *first && out.at(j).second == second)
                reader.fail(p, QStringLiteral("repeats the cell of %1[%2]").arg(arrayKey).arg(j));
        out.append(Cell{*first, second, *amount});
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    return out;
}

std::optional<DiscountGroup> readDiscountGroup(JsonReader &reader, const QJsonValue &v, const QString &p, const Dimensions &dims)
{
    const auto o = reader.elementObject(v, p);
    if (!o)
        return std::nullopt;
    const qsizetype before = reader.errorCount();
    DiscountGroup g;
    const auto above = reader.decimal(*o, QStringLiteral("above_threshold_discount_percentage"), p, Presence::Required);
    const auto below = reader.decimal(*o, QStringLiteral("below_threshold_discount_percentage"), p, Presence::Required);
    const auto coordinates = reader.string(*o, QStringLiteral("cell_coordinates"), p, Presence::Required);
    const auto threshold = reader.decimal(*o, QStringLiteral("threshold_amount"), p, Presence::Required);
    g.description = reader.string(*o, QStringLiteral("description"), p, Presence::Optional).value_or(QString());
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("above_threshold_discount_percentage"), above}, std::pair{QStringLiteral("below_threshold_discount_percentage"), below}}) {
        if (value && *value > Decimal(100))
            reader.fail(JsonReader::join(p, key), QStringLiteral("must be a percentage from 0 to 100"));
    }
    if (coordinates) {
        // "blue,circle;green,triangle": one coordinate per cell, `first,second` on a
        // two-dimension matrix, `first` on a one-dimension one.
        const qsizetype arity = dims.second.isEmpty() ? 1 : 2;
        const QString cp = JsonReader::join(p, QStringLiteral("cell_coordinates"));
        for (const QString &coordinate : coordinates->split(QLatin1Char(';'))) {
            const QStringList parts = coordinate.split(QLatin1Char(','));
            if (parts.size() != arity || coordinate.trimmed().isEmpty()) {
                reader.fail(cp, QStringLiteral("'%1' must be %2")
                                    .arg(coordinate, arity == 1 ? QStringLiteral("one value (first)") : QStringLiteral("two values (first,second)")));
                continue;
            }
            if (g.cells.contains(parts)) {
                reader.fail(cp, QStringLiteral("lists '%1' twice").arg(coordinate));
                continue;
            }
            g.cells.append(parts);
        }
        g.coordinates = *coordinates;
    }
    if (reader.errorCount() > before)
        return std::nullopt;
    g.above = *above;
    g.below = *below;
    g.threshold = *threshold;
    return g;
}

} // namespace

std::shared_ptr<const PriceModel> parseScalableMatrixWithUnitPricingModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto dims = readDimensions(reader, config, path);
    const auto unitPrice = reader.decimal(config, QStringLiteral("unit_price"), path, Presence::Required);
    const auto groupingKey = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Optional);
    const auto prorate = reader.boolean(config, QStringLiteral("prorate"), path, Presence::Optional);
    std::optional<QList<Cell>> factors;
    if (dims)
        factors = readCells(reader, config, path, QStringLiteral("matrix_scaling_factors"), QStringLiteral("scaling_factor"), *dims, false);
    if (reader.errorCount() > before || !dims || !unitPrice || !factors)
        return nullptr;
    return std::make_shared<ScalableMatrixWithUnitPricingModel>(*dims, *factors, groupingKey.value_or(QString()), *unitPrice, prorate);
}

std::shared_ptr<const PriceModel> parseScalableMatrixWithTieredPricingModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto dims = readDimensions(reader, config, path);
    std::optional<QList<Cell>> factors;
    if (dims)
        factors = readCells(reader, config, path, QStringLiteral("matrix_scaling_factors"), QStringLiteral("scaling_factor"), *dims, false);
    std::optional<TierTable> tiers;
    if (const auto array = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true))
        tiers = TierTable::parseLowerBounds(reader, *array, JsonReader::join(path, QStringLiteral("tiers")), lowerBoundKeys());
    if (reader.errorCount() > before || !dims || !factors || !tiers)
        return nullptr;
    return std::make_shared<ScalableMatrixWithTieredPricingModel>(*dims, *factors, *tiers);
}

std::shared_ptr<const PriceModel> parseMatrixWithThresholdDiscountsModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto dims = readDimensions(reader, config, path);
    const auto defaultAmount = reader.decimal(config, QStringLiteral("default_unit_amount"), path, Presence::Required);
    std::optional<QList<Cell>> cells;
    if (dims)
        cells = readCells(reader, config, path, QStringLiteral("matrix_values"), QStringLiteral("unit_amount"), *dims, true);
    QList<DiscountGroup> groups;
    QList<qsizetype> groupIndex; // each valid group's position in the JSON array
    const auto groupArray = reader.array(config, QStringLiteral("threshold_discount_groups"), path, Presence::Optional, false);
    if (groupArray && dims) {
        const QString groupsPath = JsonReader::join(path, QStringLiteral("threshold_discount_groups"));
        for (qsizetype i = 0; i < groupArray->size(); ++i) {
            const QString p = JsonReader::index(groupsPath, i);
            const auto g = readDiscountGroup(reader, groupArray->at(i), p, *dims);
            if (!g)
                continue;
            // A cell discounted twice would be discounted twice over: refused.
            for (qsizetype j = 0; j < groups.size(); ++j)
                for (const QStringList &cell : g->cells)
                    if (groups.at(j).cells.contains(cell))
                        reader.fail(
                            JsonReader::join(p, QStringLiteral("cell_coordinates")),
                            QStringLiteral("cell '%1' is already in threshold_discount_groups[%2]").arg(cell.join(QLatin1Char(','))).arg(groupIndex.at(j)));
            groups.append(*g);
            groupIndex.append(i);
        }
    }
    if (reader.errorCount() > before || !dims || !defaultAmount || !cells)
        return nullptr;
    return std::make_shared<MatrixWithThresholdDiscountsModel>(*dims, *defaultAmount, *cells, groups, groupArray.has_value());
}

} // namespace orb::pricing
