// SPDX-License-Identifier: GPL-3.0-or-later
// Models that read more than a quantity from the metric's events: event_output (the unit rate
// carried by each event), metered_allowance (an allowance metered beside the consumption) and
// daily_credit_allowance (a credit allowance per day bucket named by an event property).
#include "engine/metrics/PropertyValue.h"
#include "engine/pricing/ModelRegistry.h"

#include <algorithm>

namespace orb::pricing {

namespace {

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

QList<UsageGroup> sortedGroups(const UsageQuantities &usage, const QStringList &keys)
{
    QList<UsageGroup> groups = PriceModel::project(usage, keys);
    std::stable_sort(groups.begin(), groups.end(), [](const UsageGroup &a, const UsageGroup &b) { return a.values < b.values; });
    return groups;
}

/// An event property's text as an exact rate: a plain decimal or a JSON number literal
/// ("1.5e-3"); nothing for anything else or a negative number.
std::optional<Decimal> rateFrom(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    std::optional<Decimal> d = Decimal::tryParse(text);
    if (!d)
        d = PropertyValue::numberLiteralToDecimal(text);
    if (!d || d->isNegative())
        return std::nullopt;
    return d;
}

// --------------------------------------------------------------------------------- event_output

class EventOutputModel final : public PriceModel
{
public:
    EventOutputModel(QString rateKey, std::optional<Decimal> defaultRate, QString groupingKey)
        : m_rateKey(std::move(rateKey)), m_default(defaultRate), m_groupingKey(std::move(groupingKey))
    {
    }

    QString modelType() const override { return QStringLiteral("event_output"); }
    QStringList groupingProperties() const override
    {
        if (m_groupingKey.isEmpty() || m_groupingKey == m_rateKey)
            return {m_rateKey};
        return {m_groupingKey, m_rateKey};
    }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("unit_rating_key"), m_rateKey}};
        if (m_default)
            o.insert(QStringLiteral("default_unit_rate"), m_default->toString());
        if (!m_groupingKey.isEmpty())
            o.insert(QStringLiteral("grouping_key"), m_groupingKey);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Usage is grouped by the rate each event carries (its exact literal text) and by
        // grouping_key; each group pays its quantity × its rate. Events without a usable rate
        // (missing, not a number, negative) pay default_unit_rate, or are ignored without one:
        // their quantity is still listed, at 0, so the invoice shows what was left out.
        const QStringList keys = groupingProperties();
        const qsizetype ri = keys.indexOf(m_rateKey);
        const qsizetype gi = m_groupingKey.isEmpty() ? -1 : keys.indexOf(m_groupingKey);
        ModelResult result{Decimal(0), Decimal(0), {}};
        Decimal ignored(0);
        for (const UsageGroup &g : sortedGroups(usage, keys)) {
            const QString rateText = g.values.at(ri);
            std::optional<Decimal> rate = rateFrom(rateText);
            const bool fromEvent = rate.has_value();
            if (!rate)
                rate = m_default;
            if (!rate) {
                ignored += g.quantity;
                continue;
            }
            const Decimal amount = g.quantity * *rate;
            QJsonObject grouping{{QStringLiteral("unit_rating_key"), m_rateKey}, {QStringLiteral("unit_rate"), rate->toCanonicalString()}};
            if (!fromEvent)
                grouping.insert(QStringLiteral("default"), true);
            QString name = fromEvent ? QStringLiteral("at %1").arg(rate->toCanonicalString()) : QStringLiteral("at default %1").arg(rate->toCanonicalString());
            if (gi >= 0) {
                grouping.insert(QStringLiteral("grouping_key"), m_groupingKey);
                grouping.insert(QStringLiteral("grouping_value"), g.values.at(gi));
                name = shown(g.values.at(gi)) + QStringLiteral(" · ") + name;
            }
            result.quantity += g.quantity;
            result.subtotal += amount;
            result.subLineItems.append(line(name, g.quantity, *rate, amount, grouping));
        }
        if (!ignored.isZero())
            result.subLineItems.append(line(QStringLiteral("Without a unit rate (ignored)"), ignored, std::nullopt, Decimal(0),
                                            {{QStringLiteral("unit_rating_key"), m_rateKey}, {QStringLiteral("ignored"), true}}));
        return result;
    }

private:
    QString m_rateKey;
    std::optional<Decimal> m_default;
    QString m_groupingKey;
};

// ---------------------------------------------------------------------------- metered_allowance

struct MeteredAllowanceConfig {
    QString groupingKey;
    QString consumptionValue;
    QString allowanceValue;
    Decimal unitAmount;
    QString consumptionName;
    QString allowanceName;
};

class MeteredAllowanceModel final : public PriceModel
{
public:
    explicit MeteredAllowanceModel(MeteredAllowanceConfig c) : m_c(std::move(c)) {}

    QString modelType() const override { return QStringLiteral("metered_allowance"); }
    QStringList groupingProperties() const override { return {m_c.groupingKey}; }
    QJsonObject configToJson() const override
    {
        QJsonObject o{{QStringLiteral("allowance_grouping_value"), m_c.allowanceValue},
                      {QStringLiteral("consumption_grouping_value"), m_c.consumptionValue},
                      {QStringLiteral("grouping_key"), m_c.groupingKey},
                      {QStringLiteral("unit_amount"), m_c.unitAmount.toString()}};
        if (!m_c.allowanceName.isEmpty())
            o.insert(QStringLiteral("allowance_display_name"), m_c.allowanceName);
        if (!m_c.consumptionName.isEmpty())
            o.insert(QStringLiteral("consumption_display_name"), m_c.consumptionName);
        return o;
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Gross consumption at unit_amount, less the allowance (capped at the consumption) at
        // the same rate. Other values of grouping_key are not billed by this price. A bare
        // quantity (no grouping known, as `--quantity` or the preview) is all consumption.
        Decimal consumption(0), allowance(0);
        if (usage.groups.isEmpty()) {
            consumption = usage.total;
        } else {
            for (const UsageGroup &g : project(usage, {m_c.groupingKey})) {
                if (g.values.first() == m_c.consumptionValue)
                    consumption += g.quantity;
                else if (g.values.first() == m_c.allowanceValue)
                    allowance += g.quantity;
            }
        }
        const Decimal credited = Decimal::max(Decimal(0), Decimal::min(allowance, consumption));
        const Decimal gross = consumption * m_c.unitAmount;
        const Decimal credit = credited * m_c.unitAmount;
        return ModelResult{consumption,
                           gross - credit,
                           {line(m_c.consumptionName.isEmpty() ? QStringLiteral("Consumption") : m_c.consumptionName, consumption, m_c.unitAmount, gross,
                                 {{QStringLiteral("grouping_key"), m_c.groupingKey}, {QStringLiteral("grouping_value"), m_c.consumptionValue}}),
                            line(m_c.allowanceName.isEmpty() ? QStringLiteral("Allowance") : m_c.allowanceName, credited, m_c.unitAmount, -credit,
                                 {{QStringLiteral("grouping_key"), m_c.groupingKey},
                                  {QStringLiteral("grouping_value"), m_c.allowanceValue},
                                  {QStringLiteral("allowance_metered"), allowance.toCanonicalString()}})}};
    }

private:
    MeteredAllowanceConfig m_c;
};

// ----------------------------------------------------------------------- daily_credit_allowance

struct CreditCell {
    QStringList values; ///< one per non-null dimension; "" = the property is absent
    QJsonArray given;   ///< as given, for export
    Decimal unitAmount;
};

class DailyCreditAllowanceModel final : public PriceModel
{
public:
    DailyCreditAllowanceModel(Decimal allowance, Decimal defaultAmount, QJsonArray dimensionsGiven, QStringList dimensions, QString dayProperty,
                              QList<CreditCell> cells)
        : m_allowance(allowance), m_default(defaultAmount), m_dimensionsGiven(std::move(dimensionsGiven)), m_dimensions(std::move(dimensions)),
          m_dayProperty(std::move(dayProperty)), m_cells(std::move(cells))
    {
    }

    QString modelType() const override { return QStringLiteral("daily_credit_allowance"); }
    QStringList groupingProperties() const override { return QStringList{m_dayProperty} + m_dimensions; }
    QJsonObject configToJson() const override
    {
        QJsonArray values;
        for (const CreditCell &c : m_cells)
            values.append(QJsonObject{{QStringLiteral("dimension_values"), c.given}, {QStringLiteral("unit_amount"), c.unitAmount.toString()}});
        return QJsonObject{{QStringLiteral("daily_allowance"), m_allowance.toString()},
                           {QStringLiteral("default_unit_amount"), m_default.toString()},
                           {QStringLiteral("dimensions"), m_dimensionsGiven},
                           {QStringLiteral("event_day_property"), m_dayProperty},
                           {QStringLiteral("matrix_values"), values}};
    }
    ModelResult evaluate(const UsageQuantities &usage, const EvaluationContext &) const override
    {
        // Per day bucket (each distinct value of event_day_property): credits = Σ cell quantity
        // × the cell's rate (default_unit_amount for cells not listed); the day pays what exceeds
        // daily_allowance. Unused allowance is lost. Usage without a day value gets no allowance.
        ModelResult result{usage.total, Decimal(0), {}};
        QString day;
        Decimal quantity(0), credits(0);
        bool open = false;
        auto close = [&]() {
            if (!open)
                return;
            const Decimal allowance = day.isEmpty() ? Decimal(0) : m_allowance;
            const Decimal charged = Decimal::max(Decimal(0), credits - allowance);
            result.subtotal += charged;
            result.subLineItems.append(line(day.isEmpty() ? QStringLiteral("(no day)") : day, quantity, std::nullopt, charged,
                                            {{QStringLiteral("event_day_property"), m_dayProperty},
                                             {QStringLiteral("day"), day},
                                             {QStringLiteral("credits"), credits.toCanonicalString()},
                                             {QStringLiteral("allowance_used"), Decimal::min(credits, allowance).toCanonicalString()}}));
        };
        for (const UsageGroup &g : sortedGroups(usage, groupingProperties())) {
            if (!open || g.values.first() != day) {
                close();
                day = g.values.first();
                quantity = Decimal(0);
                credits = Decimal(0);
                open = true;
            }
            const QStringList cell = g.values.mid(1);
            Decimal rate = m_default;
            for (const CreditCell &c : m_cells)
                if (c.values == cell)
                    rate = c.unitAmount;
            quantity += g.quantity;
            credits += g.quantity * rate;
        }
        close();
        return result;
    }

private:
    Decimal m_allowance;
    Decimal m_default;
    QJsonArray m_dimensionsGiven;
    QStringList m_dimensions;
    QString m_dayProperty;
    QList<CreditCell> m_cells;
};

} // namespace

std::shared_ptr<const PriceModel> parseEventOutputModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto key = reader.string(config, QStringLiteral("unit_rating_key"), path, Presence::Required);
    const auto defaultRate = reader.decimal(config, QStringLiteral("default_unit_rate"), path, Presence::Optional);
    const auto groupingKey = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Optional);
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<EventOutputModel>(*key, defaultRate, groupingKey.value_or(QString()));
}

std::shared_ptr<const PriceModel> parseMeteredAllowanceModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    MeteredAllowanceConfig c;
    c.allowanceValue = reader.string(config, QStringLiteral("allowance_grouping_value"), path, Presence::Required).value_or(QString());
    c.consumptionValue = reader.string(config, QStringLiteral("consumption_grouping_value"), path, Presence::Required).value_or(QString());
    c.groupingKey = reader.string(config, QStringLiteral("grouping_key"), path, Presence::Required).value_or(QString());
    c.unitAmount = reader.decimal(config, QStringLiteral("unit_amount"), path, Presence::Required).value_or(Decimal(0));
    c.allowanceName = reader.string(config, QStringLiteral("allowance_display_name"), path, Presence::Optional).value_or(QString());
    c.consumptionName = reader.string(config, QStringLiteral("consumption_display_name"), path, Presence::Optional).value_or(QString());
    if (reader.errorCount() == before && c.allowanceValue == c.consumptionValue)
        reader.fail(JsonReader::join(path, QStringLiteral("allowance_grouping_value")), QStringLiteral("must differ from consumption_grouping_value"));
    if (reader.errorCount() > before)
        return nullptr;
    return std::make_shared<MeteredAllowanceModel>(c);
}

std::shared_ptr<const PriceModel> parseDailyCreditAllowanceModel(JsonReader &reader, const QJsonObject &config, const QString &path)
{
    const qsizetype before = reader.errorCount();
    const auto allowance = reader.decimal(config, QStringLiteral("daily_allowance"), path, Presence::Required);
    const auto defaultAmount = reader.decimal(config, QStringLiteral("default_unit_amount"), path, Presence::Required);
    const auto dimsArray = reader.array(config, QStringLiteral("dimensions"), path, Presence::Required, true);
    const auto day = reader.string(config, QStringLiteral("event_day_property"), path, Presence::Required);
    const auto values = reader.array(config, QStringLiteral("matrix_values"), path, Presence::Required, false);
    // dimensions: one or two property names; a null entry is an unused slot (["model", null]).
    QStringList dims;
    QList<bool> used;
    const QString dimsPath = JsonReader::join(path, QStringLiteral("dimensions"));
    if (dimsArray) {
        if (dimsArray->size() > 2)
            reader.fail(dimsPath, QStringLiteral("must hold one or two entries"));
        for (qsizetype i = 0; i < dimsArray->size() && i < 2; ++i) {
            const QJsonValue v = dimsArray->at(i);
            used.append(!v.isNull());
            if (v.isNull())
                continue;
            if (!v.isString() || v.toString().isEmpty())
                reader.fail(JsonReader::index(dimsPath, i), QStringLiteral("must be a non-empty string or null"));
            else if (dims.contains(v.toString()) || (day && v.toString() == *day))
                reader.fail(JsonReader::index(dimsPath, i), QStringLiteral("repeats the property '%1'").arg(v.toString()));
            else
                dims.append(v.toString());
        }
        if (dims.isEmpty() && reader.errorCount() == before)
            reader.fail(dimsPath, QStringLiteral("must name at least one property"));
    }
    QList<CreditCell> cells;
    if (values && dimsArray && reader.errorCount() == before) {
        const QString valuesPath = JsonReader::join(path, QStringLiteral("matrix_values"));
        for (qsizetype i = 0; i < values->size(); ++i) {
            const QString p = JsonReader::index(valuesPath, i);
            const auto o = reader.elementObject(values->at(i), p);
            if (!o)
                continue;
            const auto given = reader.array(*o, QStringLiteral("dimension_values"), p, Presence::Required, true);
            const auto amount = reader.decimal(*o, QStringLiteral("unit_amount"), p, Presence::Required);
            if (!given || !amount)
                continue;
            const QString gp = JsonReader::join(p, QStringLiteral("dimension_values"));
            if (given->size() != dimsArray->size()) {
                reader.fail(gp, QStringLiteral("must give %1 value(s), one per entry of dimensions").arg(dimsArray->size()));
                continue;
            }
            // A null value matches usage without that property.
            QStringList cell;
            bool ok = true;
            for (qsizetype k = 0; k < given->size(); ++k) {
                const QJsonValue v = given->at(k);
                if (!used.value(k)) {
                    if (!v.isNull()) {
                        reader.fail(JsonReader::index(gp, k), QStringLiteral("must be null: dimensions[%1] is null").arg(k));
                        ok = false;
                    }
                    continue;
                }
                if (!v.isNull() && !v.isString()) {
                    reader.fail(JsonReader::index(gp, k), QStringLiteral("must be a string or null"));
                    ok = false;
                    continue;
                }
                cell.append(v.toString());
            }
            if (!ok)
                continue;
            for (qsizetype j = 0; j < cells.size(); ++j)
                if (cells.at(j).values == cell)
                    reader.fail(gp, QStringLiteral("repeats the cell of matrix_values[%1]").arg(j));
            cells.append(CreditCell{cell, *given, *amount});
        }
    }
    if (reader.errorCount() > before || !allowance || !defaultAmount || !dimsArray || !day || !values)
        return nullptr;
    return std::make_shared<DailyCreditAllowanceModel>(*allowance, *defaultAmount, *dimsArray, dims, *day, cells);
}

} // namespace orb::pricing
