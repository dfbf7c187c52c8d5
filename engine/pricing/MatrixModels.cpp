// SPDX-License-Identifier: GPL-3.0-or-later
// Models that price usage split by event properties into cells: matrix, matrix_with_allocation,
// matrix_with_display_name and bulk_with_filters.
#include "engine/pricing/ModelRegistry.h"

namespace orb::pricing {

namespace {

QString cellName(const QStringList &values)
{
    QStringList shown;
    for (const QString &v : values)
        shown.append(v.isEmpty() ? QStringLiteral("(none)") : v);
    return shown.join(QStringLiteral(", "));
}

QJsonArray toJsonArray(const QStringList &values)
{
    QJsonArray a;
    for (const QString &v : values)
        a.append(v);
    return a;
}

struct MatrixCell {
    QStringList values;
    Decimal unitAmount;
};

// ---------------------------------------------------------------- matrix, matrix_with_allocation

class MatrixModel final : public PriceModel
{
public:
    MatrixModel(QString type, QStringList dimensions, bool trailingNull, Decimal defaultUnitAmount, QList<MatrixCell> cells, std::optional<Decimal> allocation)
        : m_type(std::move(type)), m_dimensions(std::move(dimensions)), m_trailingNull(trailingNull), m_default(defaultUnitAmount), m_cells(std::move(cells)),
          m_allocation(allocation)
    {
    }

    QString modelType() const override { return m_type; }
    QStringList groupingProperties() const override { return m_dimensions; }

    QJsonObject configToJson() const override
    {
        QJsonArray dimensions = toJsonArray(m_dimensions);
        if (m_trailingNull)
            dimensions.append(QJsonValue::Null);
        QJsonArray values;
        for (const MatrixCell &cell : m_cells) {
            QJsonArray cellValues = toJsonArray(cell.values);
            if (m_trailingNull)
                cellValues.append(QJsonValue::Null);
            values.append(QJsonObject{{QStringLiteral("dimension_values"), cellValues}, {QStringLiteral("unit_amount"), cell.unitAmount.toString()}});
        }
        QJsonObject o{{QStringLiteral("default_unit_amount"), m_default.toString()},
                      {QStringLiteral("dimensions"), dimensions},
                      {QStringLiteral("matrix_values"), values}};
        if (m_allocation)
            o.insert(QStringLiteral("allocation"), m_allocation->toString());
        return o;
    }

    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        QList<UsageGroup> groups = project(usage, m_dimensions);
        // Every configured cell gets a line (zero usage included) in config order; usage in
        // cells not listed is charged at default_unit_amount, one line per cell seen.
        for (const MatrixCell &cell : m_cells) {
            Decimal quantity(0);
            for (qsizetype i = groups.size() - 1; i >= 0; --i) {
                if (groups.at(i).values == cell.values) {
                    quantity += groups.at(i).quantity;
                    groups.removeAt(i);
                }
            }
            const Decimal amount = quantity * cell.unitAmount;
            result.subtotal += amount;
            result.subLineItems.append(
                line(cellName(cell.values), quantity, cell.unitAmount, amount, {{QStringLiteral("dimension_values"), toJsonArray(cell.values)}}));
        }
        for (const UsageGroup &group : groups) {
            const Decimal amount = group.quantity * m_default;
            result.subtotal += amount;
            result.subLineItems.append(line(cellName(group.values), group.quantity, m_default, amount,
                                            {{QStringLiteral("dimension_values"), toJsonArray(group.values)}, {QStringLiteral("default"), true}}));
        }
        if (m_allocation)
            applyAllocation(&result);
        return result;
    }

private:
    // Choice: the allocation is pooled across cells and consumed in sub-line order (configured
    // cells first, then default-rated cells); its value is credited on one "Allocation" line.
    void applyAllocation(ModelResult *result) const
    {
        Decimal remaining = *m_allocation;
        Decimal allocatedUnits(0);
        Decimal credit(0);
        for (const SubLineItem &cell : result->subLineItems) {
            if (!remaining.isPositive())
                break;
            const Decimal take = Decimal::max(Decimal(0), Decimal::min(remaining, cell.quantity));
            allocatedUnits += take;
            credit += take * *cell.unitAmount;
            remaining -= take;
        }
        result->subtotal -= credit;
        result->subLineItems.append(
            line(QStringLiteral("Allocation"), allocatedUnits, std::nullopt, -credit, {{QStringLiteral("allocation"), m_allocation->toCanonicalString()}}));
    }

    QString m_type;
    QStringList m_dimensions;
    bool m_trailingNull;
    Decimal m_default;
    QList<MatrixCell> m_cells;
    std::optional<Decimal> m_allocation;
};

// -------------------------------------------------------------------- matrix_with_display_name

struct DisplayCell {
    QString value;
    QString displayName;
    Decimal unitAmount;
};

class MatrixWithDisplayNameModel final : public PriceModel
{
public:
    MatrixWithDisplayNameModel(QString dimension, QList<DisplayCell> cells) : m_dimension(std::move(dimension)), m_cells(std::move(cells)) {}

    QString modelType() const override { return QStringLiteral("matrix_with_display_name"); }
    QStringList groupingProperties() const override { return {m_dimension}; }
    QJsonObject configToJson() const override
    {
        QJsonArray amounts;
        for (const DisplayCell &cell : m_cells)
            amounts.append(QJsonObject{{QStringLiteral("dimension_value"), cell.value},
                                       {QStringLiteral("display_name"), cell.displayName},
                                       {QStringLiteral("unit_amount"), cell.unitAmount.toString()}});
        return QJsonObject{{QStringLiteral("dimension"), m_dimension}, {QStringLiteral("unit_amounts"), amounts}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        ModelResult result{usage.total, Decimal(0), {}};
        QList<UsageGroup> groups = project(usage, {m_dimension});
        for (const DisplayCell &cell : m_cells) {
            Decimal quantity(0);
            for (qsizetype i = groups.size() - 1; i >= 0; --i) {
                if (groups.at(i).values.first() == cell.value) {
                    quantity += groups.at(i).quantity;
                    groups.removeAt(i);
                }
            }
            const Decimal amount = quantity * cell.unitAmount;
            result.subtotal += amount;
            result.subLineItems.append(line(cell.displayName, quantity, cell.unitAmount, amount, {{QStringLiteral("dimension_value"), cell.value}}));
        }
        // Choice: this model has no default rate, so values not listed are shown at zero.
        for (const UsageGroup &group : groups)
            result.subLineItems.append(line(cellName(group.values), group.quantity, Decimal(0), Decimal(0),
                                            {{QStringLiteral("dimension_value"), group.values.first()}, {QStringLiteral("unmatched"), true}}));
        return result;
    }

private:
    QString m_dimension;
    QList<DisplayCell> m_cells;
};

// --------------------------------------------------------------------------- bulk_with_filters

struct PropertyFilter {
    QString key;
    QString value;
};

struct BulkTier {
    std::optional<Decimal> lowerBound;
    Decimal unitAmount;
};

class BulkWithFiltersModel final : public PriceModel
{
public:
    BulkWithFiltersModel(QList<PropertyFilter> filters, QList<BulkTier> tiers) : m_filters(std::move(filters)), m_tiers(std::move(tiers))
    {
        for (const PropertyFilter &f : m_filters) {
            if (!m_keys.contains(f.key))
                m_keys.append(f.key);
        }
    }

    QString modelType() const override { return QStringLiteral("bulk_with_filters"); }
    QStringList groupingProperties() const override { return m_keys; }
    QJsonObject configToJson() const override
    {
        QJsonArray filters;
        for (const PropertyFilter &f : m_filters)
            filters.append(QJsonObject{{QStringLiteral("property_key"), f.key}, {QStringLiteral("property_value"), f.value}});
        QJsonArray tiers;
        for (const BulkTier &t : m_tiers) {
            QJsonObject o{{QStringLiteral("unit_amount"), t.unitAmount.toString()}};
            if (t.lowerBound)
                o.insert(QStringLiteral("tier_lower_bound"), t.lowerBound->toString());
            tiers.append(o);
        }
        return QJsonObject{{QStringLiteral("filters"), filters}, {QStringLiteral("tiers"), tiers}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Only usage matching every filter counts; an absent property matches nothing but "".
        Decimal matched(0);
        if (m_filters.isEmpty()) {
            matched = usage.total;
        } else {
            for (const UsageGroup &group : project(usage, m_keys)) {
                bool all = true;
                for (const PropertyFilter &f : m_filters)
                    all = all && group.values.at(m_keys.indexOf(f.key)) == f.value;
                if (all)
                    matched += group.quantity;
            }
        }
        // Choice: like bulk, the whole matched quantity is priced at one tier: the last whose
        // (exclusive) lower bound it exceeds; a missing bound reads as 0.
        qsizetype index = 0;
        for (qsizetype i = 0; i < m_tiers.size(); ++i) {
            if (matched > m_tiers.at(i).lowerBound.value_or(Decimal(0)))
                index = i;
        }
        const BulkTier &tier = m_tiers.at(index);
        const Decimal amount = matched * tier.unitAmount;
        QJsonObject filters;
        for (const PropertyFilter &f : m_filters)
            filters.insert(f.key, f.value);
        return ModelResult{
            matched,
            amount,
            {line(QStringLiteral("Tier %1").arg(index + 1), matched, tier.unitAmount, amount,
                  {{QStringLiteral("tier_lower_bound"), tier.lowerBound.value_or(Decimal(0)).toCanonicalString()}, {QStringLiteral("filters"), filters}})}};
    }

private:
    QList<PropertyFilter> m_filters;
    QList<BulkTier> m_tiers;
    QStringList m_keys;
};

// ------------------------------------------------------------------------------------- parsing

/// Reads ["a"], ["a", null] or ["a", "b"] from a dimensions-like array. Returns the non-null
/// names; *trailingNull tells whether a second null entry was given.
std::optional<QStringList> readNames(JsonReader &reader, const QJsonArray &array, const QString &path, bool *trailingNull)
{
    *trailingNull = false;
    if (array.isEmpty() || array.size() > 2) {
        reader.fail(path, QStringLiteral("must hold one or two entries"));
        return std::nullopt;
    }
    QStringList names;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (i == 1 && v.isNull()) {
            *trailingNull = true;
            continue;
        }
        if (!v.isString() || v.toString().isEmpty()) {
            reader.fail(JsonReader::index(path, i), QStringLiteral("must be a non-empty string"));
            return std::nullopt;
        }
        names.append(v.toString());
    }
    return names;
}

std::shared_ptr<const PriceModel> parseMatrix(JsonReader &reader, const QJsonObject &config, const QString &path, const QString &type, bool withAllocation)
{
    const qsizetype before = reader.errorCount();
    const auto defaultAmount = reader.decimal(config, QStringLiteral("default_unit_amount"), path, Presence::Required);
    const auto dimensionsArray = reader.array(config, QStringLiteral("dimensions"), path, Presence::Required, true);
    const auto valuesArray = reader.array(config, QStringLiteral("matrix_values"), path, Presence::Required, false);
    std::optional<Decimal> allocation;
    if (withAllocation)
        allocation = reader.decimal(config, QStringLiteral("allocation"), path, Presence::Required);
    bool trailingNull = false;
    std::optional<QStringList> dimensions;
    if (dimensionsArray)
        dimensions = readNames(reader, *dimensionsArray, JsonReader::join(path, QStringLiteral("dimensions")), &trailingNull);
    QList<MatrixCell> cells;
    if (valuesArray && dimensions) {
        const QString valuesPath = JsonReader::join(path, QStringLiteral("matrix_values"));
        for (qsizetype i = 0; i < valuesArray->size(); ++i) {
            const QString cellPath = JsonReader::index(valuesPath, i);
            const auto o = reader.elementObject(valuesArray->at(i), cellPath);
            if (!o)
                continue;
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), cellPath, Presence::Required);
            const auto values = reader.array(*o, QStringLiteral("dimension_values"), cellPath, Presence::Required, true);
            if (!amount || !values)
                continue;
            const QString valuesField = JsonReader::join(cellPath, QStringLiteral("dimension_values"));
            bool cellTrailingNull = false;
            const auto names = readNames(reader, *values, valuesField, &cellTrailingNull);
            if (!names)
                continue;
            if (names->size() != dimensions->size()) {
                reader.fail(valuesField, QStringLiteral("must give %1 value(s), one per dimension").arg(dimensions->size()));
                continue;
            }
            bool duplicate = false;
            for (qsizetype j = 0; j < cells.size(); ++j) {
                if (cells.at(j).values == *names) {
                    reader.fail(valuesField, QStringLiteral("repeats the cell of matrix_values[%1]").arg(j));
                    duplicate = true;
                }
            }
            if (!duplicate)
                cells.append(MatrixCell{*names, *amount});
        }
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<MatrixModel>(type, *dimensions, trailingNull, *defaultAmount, cells, allocation);
}

} // namespace

std::shared_ptr<const PriceModel> parseMatrixModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    return parseMatrix(reader, config, path, QStringLiteral("matrix"), false);
}

std::shared_ptr<const PriceModel> parseMatrixWithAllocationModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    return parseMatrix(reader, config, path, QStringLiteral("matrix_with_allocation"), true);
}

std::shared_ptr<const PriceModel> parseMatrixWithDisplayNameModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto dimension = reader.string(config, QStringLiteral("dimension"), path, Presence::Required);
    const auto amounts = reader.array(config, QStringLiteral("unit_amounts"), path, Presence::Required, true);
    QList<DisplayCell> cells;
    if (amounts) {
        const QString amountsPath = JsonReader::join(path, QStringLiteral("unit_amounts"));
        for (qsizetype i = 0; i < amounts->size(); ++i) {
            const QString cellPath = JsonReader::index(amountsPath, i);
            const auto o = reader.elementObject(amounts->at(i), cellPath);
            if (!o)
                continue;
            const auto value = reader.string(*o, QStringLiteral("dimension_value"), cellPath, Presence::Required);
            const auto display = reader.string(*o, QStringLiteral("display_name"), cellPath, Presence::Required);
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), cellPath, Presence::Required);
            if (!value || !display || !amount)
                continue;
            bool duplicate = false;
            for (qsizetype j = 0; j < cells.size(); ++j) {
                if (cells.at(j).value == *value) {
                    reader.fail(JsonReader::join(cellPath, QStringLiteral("dimension_value")), QStringLiteral("repeats unit_amounts[%1]").arg(j));
                    duplicate = true;
                }
            }
            if (!duplicate)
                cells.append(DisplayCell{*value, *display, *amount});
        }
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<MatrixWithDisplayNameModel>(*dimension, cells);
}

std::shared_ptr<const PriceModel> parseBulkWithFiltersModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto filtersArray = reader.array(config, QStringLiteral("filters"), path, Presence::Required, false);
    const auto tiersArray = reader.array(config, QStringLiteral("tiers"), path, Presence::Required, true);
    QList<PropertyFilter> filters;
    if (filtersArray) {
        const QString filtersPath = JsonReader::join(path, QStringLiteral("filters"));
        for (qsizetype i = 0; i < filtersArray->size(); ++i) {
            const QString filterPath = JsonReader::index(filtersPath, i);
            const auto o = reader.elementObject(filtersArray->at(i), filterPath);
            if (!o)
                continue;
            const auto key = reader.string(*o, QStringLiteral("property_key"), filterPath, Presence::Required);
            const auto value = reader.string(*o, QStringLiteral("property_value"), filterPath, Presence::Optional);
            if (key)
                filters.append(PropertyFilter{*key, value.value_or(QString())});
        }
    }
    QList<BulkTier> tiers;
    if (tiersArray) {
        const QString tiersPath = JsonReader::join(path, QStringLiteral("tiers"));
        for (qsizetype i = 0; i < tiersArray->size(); ++i) {
            const QString tierPath = JsonReader::index(tiersPath, i);
            const auto o = reader.elementObject(tiersArray->at(i), tierPath);
            if (!o)
                continue;
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), tierPath, Presence::Required);
            const auto bound = reader.decimal(*o, QStringLiteral("tier_lower_bound"), tierPath, Presence::Optional);
            const QString boundPath = JsonReader::join(tierPath, QStringLiteral("tier_lower_bound"));
            if (i > 0 && !JsonReader::has(*o, QStringLiteral("tier_lower_bound")))
                reader.fail(boundPath, QStringLiteral("is required after the first tier"));
            if (bound && i > 0 && !tiers.isEmpty() && *bound <= tiers.last().lowerBound.value_or(Decimal(0)))
                reader.fail(
                    boundPath,
                    QStringLiteral("must be greater than the previous tier's bound %1").arg(tiers.last().lowerBound.value_or(Decimal(0)).toCanonicalString()));
            if (amount)
                tiers.append(BulkTier{bound, *amount});
        }
    }
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<BulkWithFiltersModel>(filters, tiers);
}

} // namespace orb::pricing
