// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/Price.h"

#include "engine/pricing/ModelRegistry.h"

#include <QJsonArray>

#include <stdexcept>

namespace orb::pricing {

namespace {

const QStringList kCadences = {QStringLiteral("one_time"),    QStringLiteral("monthly"), QStringLiteral("quarterly"),
                               QStringLiteral("semi_annual"), QStringLiteral("annual"),  QStringLiteral("custom")};
const QStringList kFilterFields = {QStringLiteral("price_id"), QStringLiteral("item_id"), QStringLiteral("price_type"), QStringLiteral("currency"),
                                   QStringLiteral("pricing_unit_id")};
const QStringList kDiscountTypes = {QStringLiteral("percentage"), QStringLiteral("trial"), QStringLiteral("usage"), QStringLiteral("amount")};

/// "must be one of a, b, c"
QString oneOf(const QStringList &values)
{
    return QStringLiteral("must be one of ") + values.join(QStringLiteral(", "));
}

} // namespace

QStringList Price::modelTypes()
{
    return ModelRegistry::modelTypes();
}

std::optional<Price> Price::fromJson(const QJsonObject &json, FieldErrors *errors, const QString &path)
{
    FieldErrors local;
    JsonReader reader(errors ? errors : &local);
    const qsizetype before = reader.errorCount();
    Price price;
    price.parseCommon(json, path, reader);

    if (const auto type = reader.string(json, QStringLiteral("model_type"), path, Presence::Required)) {
        const ModelParser parser = ModelRegistry::parserFor(*type);
        const QString configKey = *type + QStringLiteral("_config");
        const QString configPath = JsonReader::join(path, configKey);
        if (!parser) {
            reader.fail(JsonReader::join(path, QStringLiteral("model_type")), QStringLiteral("unknown model_type '%1'").arg(*type));
        } else if (!JsonReader::has(json, configKey)) {
            reader.fail(configPath, QStringLiteral("is required for model_type '%1'").arg(*type));
        } else if (!json.value(configKey).isObject()) {
            reader.fail(configPath, QStringLiteral("must be an object"));
        } else {
            price.m_model = parser(reader, json.value(configKey).toObject(), configPath);
        }
    }
    if (reader.errorCount() > before || !price.m_model)
        return std::nullopt;
    return price;
}

std::optional<Price> Price::fromJsonForEvaluation(const QJsonObject &json, FieldErrors *errors, const QString &path)
{
    QJsonObject filled = json;
    if (!filled.contains(QStringLiteral("name")))
        filled.insert(QStringLiteral("name"), QStringLiteral("Price"));
    if (!filled.contains(QStringLiteral("item_id")) && !filled.contains(QStringLiteral("item")) && !filled.contains(QStringLiteral("item_name")))
        filled.insert(QStringLiteral("item_name"), QStringLiteral("Price"));
    if (!filled.contains(QStringLiteral("cadence")))
        filled.insert(QStringLiteral("cadence"), QStringLiteral("monthly"));
    return fromJson(filled, errors, path);
}

void Price::parseCommon(const QJsonObject &json, const QString &path, JsonReader &reader)
{
    m_id = reader.string(json, QStringLiteral("id"), path, Presence::Optional).value_or(QString());
    m_name = reader.string(json, QStringLiteral("name"), path, Presence::Required).value_or(QString());

    // The item: item_id (create requests), item {id, name} (Price objects) or item_name (Orb
    // desktop's own catalog, which may refer to items by name).
    m_itemId = reader.string(json, QStringLiteral("item_id"), path, Presence::Optional).value_or(QString());
    m_itemName = reader.string(json, QStringLiteral("item_name"), path, Presence::Optional).value_or(QString());
    if (const auto item = reader.object(json, QStringLiteral("item"), path, Presence::Optional)) {
        const QString itemPath = JsonReader::join(path, QStringLiteral("item"));
        if (m_itemId.isEmpty())
            m_itemId = reader.string(*item, QStringLiteral("id"), itemPath, Presence::Optional).value_or(QString());
        if (m_itemName.isEmpty())
            m_itemName = reader.string(*item, QStringLiteral("name"), itemPath, Presence::Optional).value_or(QString());
    }
    if (m_itemId.isEmpty() && m_itemName.isEmpty() && !JsonReader::has(json, QStringLiteral("item_id")) && !JsonReader::has(json, QStringLiteral("item_name"))
        && !JsonReader::has(json, QStringLiteral("item")))
        reader.fail(JsonReader::join(path, QStringLiteral("item_id")), QStringLiteral("is required (or item.id, or item_name)"));

    m_billableMetricId = reader.string(json, QStringLiteral("billable_metric_id"), path, Presence::Optional).value_or(QString());
    m_billableMetricName = reader.string(json, QStringLiteral("billable_metric_name"), path, Presence::Optional).value_or(QString());
    if (const auto metric = reader.object(json, QStringLiteral("billable_metric"), path, Presence::Optional)) {
        const QString metricPath = JsonReader::join(path, QStringLiteral("billable_metric"));
        if (m_billableMetricId.isEmpty())
            m_billableMetricId = reader.string(*metric, QStringLiteral("id"), metricPath, Presence::Optional).value_or(QString());
        if (m_billableMetricName.isEmpty())
            m_billableMetricName = reader.string(*metric, QStringLiteral("name"), metricPath, Presence::Optional).value_or(QString());
    }
    m_externalPriceId = reader.string(json, QStringLiteral("external_price_id"), path, Presence::Optional).value_or(QString());
    m_invoiceGroupingKey = reader.string(json, QStringLiteral("invoice_grouping_key"), path, Presence::Optional).value_or(QString());

    // Orb's default currency; only ISO 4217 codes, not custom pricing units.
    const QString code = reader.string(json, QStringLiteral("currency"), path, Presence::Optional).value_or(QStringLiteral("USD"));
    if (const auto currency = Currency::fromCode(code))
        m_currency = *currency;
    else
        reader.fail(JsonReader::join(path, QStringLiteral("currency")), QStringLiteral("'%1' is not an ISO 4217 currency code").arg(code));

    if (const auto cadence = reader.string(json, QStringLiteral("cadence"), path, Presence::Required)) {
        if (kCadences.contains(*cadence))
            m_cadence = *cadence;
        else
            reader.fail(JsonReader::join(path, QStringLiteral("cadence")), oneOf(kCadences));
    }
    const QString cyclePath = JsonReader::join(path, QStringLiteral("billing_cycle_configuration"));
    if (const auto cycle = reader.object(json, QStringLiteral("billing_cycle_configuration"), path, Presence::Optional)) {
        const auto duration = reader.integer(*cycle, QStringLiteral("duration"), cyclePath, Presence::Required, 1);
        const auto unit = reader.string(*cycle, QStringLiteral("duration_unit"), cyclePath, Presence::Required);
        const QStringList units = {QStringLiteral("day"), QStringLiteral("month")};
        if (unit && !units.contains(*unit))
            reader.fail(JsonReader::join(cyclePath, QStringLiteral("duration_unit")), oneOf(units));
        else if (duration && unit)
            m_billingCycle = BillingCycle{*duration, *unit};
    } else if (m_cadence == QStringLiteral("custom") && !JsonReader::has(json, QStringLiteral("billing_cycle_configuration"))) {
        reader.fail(cyclePath, QStringLiteral("is required when cadence is custom"));
    }

    // Orb's Price object says billing_mode; create requests say billed_in_advance. Without
    // either, fixed fees are billed in advance and usage in arrears.
    const QStringList modes = {QStringLiteral("in_advance"), QStringLiteral("in_arrear")};
    const auto mode = reader.string(json, QStringLiteral("billing_mode"), path, Presence::Optional);
    const auto inAdvance = reader.boolean(json, QStringLiteral("billed_in_advance"), path, Presence::Optional);
    if (mode && !modes.contains(*mode))
        reader.fail(JsonReader::join(path, QStringLiteral("billing_mode")), oneOf(modes));
    else if (mode)
        m_billingMode = *mode;
    else if (inAdvance)
        m_billingMode = *inAdvance ? modes.at(0) : modes.at(1);
    else
        m_billingMode = m_billableMetricId.isEmpty() && m_billableMetricName.isEmpty() ? modes.at(0) : modes.at(1);

    m_fixedPriceQuantity = reader.decimal(json, QStringLiteral("fixed_price_quantity"), path, Presence::Optional);
    m_conversionRate = reader.decimal(json, QStringLiteral("conversion_rate"), path, Presence::Optional, Sign::Positive);

    // Price-level minimum and maximum: the flat strings, or the objects of a Price response.
    m_minimumAmount = reader.decimal(json, QStringLiteral("minimum_amount"), path, Presence::Optional);
    if (!JsonReader::has(json, QStringLiteral("minimum_amount")))
        if (const auto minimum = reader.object(json, QStringLiteral("minimum"), path, Presence::Optional))
            m_minimumAmount = reader.decimal(*minimum, QStringLiteral("minimum_amount"), JsonReader::join(path, QStringLiteral("minimum")), Presence::Required);
    m_maximumAmount = reader.decimal(json, QStringLiteral("maximum_amount"), path, Presence::Optional);
    if (!JsonReader::has(json, QStringLiteral("maximum_amount")))
        if (const auto maximum = reader.object(json, QStringLiteral("maximum"), path, Presence::Optional))
            m_maximumAmount = reader.decimal(*maximum, QStringLiteral("maximum_amount"), JsonReader::join(path, QStringLiteral("maximum")), Presence::Required);
    if (m_minimumAmount && m_maximumAmount && *m_maximumAmount < *m_minimumAmount)
        reader.fail(JsonReader::join(path, QStringLiteral("maximum_amount")),
                    QStringLiteral("must not be less than minimum_amount %1").arg(m_minimumAmount->toCanonicalString()));

    if (const auto discount = reader.object(json, QStringLiteral("discount"), path, Presence::Optional)) {
        const QString discountPath = JsonReader::join(path, QStringLiteral("discount"));
        const auto type = reader.string(*discount, QStringLiteral("discount_type"), discountPath, Presence::Required);
        if (type && !kDiscountTypes.contains(*type))
            reader.fail(JsonReader::join(discountPath, QStringLiteral("discount_type")), oneOf(kDiscountTypes));
        m_discount = *discount;
    }
    m_metadata = reader.object(json, QStringLiteral("metadata"), path, Presence::Optional).value_or(QJsonObject());

    if (const auto filters = reader.array(json, QStringLiteral("composite_price_filters"), path, Presence::Optional, false)) {
        const QString filtersPath = JsonReader::join(path, QStringLiteral("composite_price_filters"));
        for (qsizetype i = 0; i < filters->size(); ++i) {
            const QString filterPath = JsonReader::index(filtersPath, i);
            const auto o = reader.elementObject(filters->at(i), filterPath);
            if (!o)
                continue;
            CompositePriceFilter filter;
            filter.field = reader.string(*o, QStringLiteral("field"), filterPath, Presence::Required).value_or(QString());
            filter.op = reader.string(*o, QStringLiteral("operator"), filterPath, Presence::Required).value_or(QString());
            if (!filter.field.isEmpty() && !kFilterFields.contains(filter.field))
                reader.fail(JsonReader::join(filterPath, QStringLiteral("field")), oneOf(kFilterFields));
            const QStringList ops = {QStringLiteral("includes"), QStringLiteral("excludes")};
            if (!filter.op.isEmpty() && !ops.contains(filter.op))
                reader.fail(JsonReader::join(filterPath, QStringLiteral("operator")), oneOf(ops));
            if (const auto values = reader.array(*o, QStringLiteral("values"), filterPath, Presence::Required, false)) {
                for (qsizetype j = 0; j < values->size(); ++j) {
                    if (values->at(j).isString())
                        filter.values.append(values->at(j).toString());
                    else
                        reader.fail(JsonReader::index(JsonReader::join(filterPath, QStringLiteral("values")), j), QStringLiteral("must be a string"));
                }
            }
            m_compositeFilters.append(filter);
        }
    }
}

QString Price::priceType() const
{
    if (m_model->isComposite())
        return QStringLiteral("composite_price");
    return m_billableMetricId.isEmpty() && m_billableMetricName.isEmpty() ? QStringLiteral("fixed_price") : QStringLiteral("usage_price");
}

QJsonObject Price::toJson() const
{
    QJsonObject o;
    if (!m_id.isEmpty())
        o.insert(QStringLiteral("id"), m_id);
    o.insert(QStringLiteral("name"), m_name);
    o.insert(QStringLiteral("model_type"), modelType());
    o.insert(modelType() + QStringLiteral("_config"), m_model->configToJson());
    o.insert(QStringLiteral("price_type"), priceType());
    if (!m_itemId.isEmpty())
        o.insert(QStringLiteral("item_id"), m_itemId);
    if (!m_itemName.isEmpty())
        o.insert(QStringLiteral("item_name"), m_itemName);
    if (!m_itemId.isEmpty() || !m_itemName.isEmpty())
        o.insert(QStringLiteral("item"), QJsonObject{{QStringLiteral("id"), m_itemId}, {QStringLiteral("name"), m_itemName}});
    if (!m_billableMetricId.isEmpty()) {
        o.insert(QStringLiteral("billable_metric_id"), m_billableMetricId);
        o.insert(QStringLiteral("billable_metric"), QJsonObject{{QStringLiteral("id"), m_billableMetricId}});
    }
    if (!m_billableMetricName.isEmpty())
        o.insert(QStringLiteral("billable_metric_name"), m_billableMetricName);
    o.insert(QStringLiteral("currency"), m_currency.code());
    o.insert(QStringLiteral("cadence"), m_cadence);
    if (m_billingCycle)
        o.insert(QStringLiteral("billing_cycle_configuration"),
                 QJsonObject{{QStringLiteral("duration"), double(m_billingCycle->duration)}, {QStringLiteral("duration_unit"), m_billingCycle->durationUnit}});
    o.insert(QStringLiteral("billing_mode"), m_billingMode);
    if (m_fixedPriceQuantity)
        o.insert(QStringLiteral("fixed_price_quantity"), JsonReader::decimalToJsonNumber(*m_fixedPriceQuantity));
    if (m_conversionRate)
        o.insert(QStringLiteral("conversion_rate"), JsonReader::decimalToJsonNumber(*m_conversionRate));
    if (m_minimumAmount)
        o.insert(QStringLiteral("minimum_amount"), m_minimumAmount->toString());
    if (m_maximumAmount)
        o.insert(QStringLiteral("maximum_amount"), m_maximumAmount->toString());
    if (m_discount)
        o.insert(QStringLiteral("discount"), *m_discount);
    if (!m_invoiceGroupingKey.isEmpty())
        o.insert(QStringLiteral("invoice_grouping_key"), m_invoiceGroupingKey);
    if (!m_externalPriceId.isEmpty())
        o.insert(QStringLiteral("external_price_id"), m_externalPriceId);
    if (!m_metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), m_metadata);
    if (!m_compositeFilters.isEmpty()) {
        QJsonArray filters;
        for (const CompositePriceFilter &f : m_compositeFilters)
            filters.append(QJsonObject{
                {QStringLiteral("field"), f.field}, {QStringLiteral("operator"), f.op}, {QStringLiteral("values"), QJsonArray::fromStringList(f.values)}});
        o.insert(QStringLiteral("composite_price_filters"), filters);
    }
    return o;
}

UsageQuantities Price::fixedUsage() const
{
    return UsageQuantities::ofQuantity(m_fixedPriceQuantity.value_or(Decimal(1)));
}

PriceEvaluation Price::finish(const ModelResult &result) const
{
    PriceEvaluation e;
    e.quantity = result.quantity;
    e.subtotal = result.subtotal;
    e.amount = result.subtotal.rounded(m_currency.minorUnits(), Rounding::HalfUp);
    e.currency = m_currency;
    e.subLineItems = result.subLineItems;
    return e;
}

PriceEvaluation Price::evaluate(const UsageQuantities &usage, const EvaluationContext &context) const
{
    return finish(m_model->evaluate(usage, context));
}

bool Price::appliesTo(const CompositeComponent &component) const
{
    if (component.currency != m_currency.code())
        return false;
    for (const CompositePriceFilter &f : m_compositeFilters) {
        QString value;
        if (f.field == QStringLiteral("price_id"))
            value = component.priceId;
        else if (f.field == QStringLiteral("item_id"))
            value = component.itemId;
        else if (f.field == QStringLiteral("price_type"))
            value = component.priceType;
        else // currency and pricing_unit_id: Orb desktop prices in currencies only
            value = component.currency;
        const bool listed = f.values.contains(value);
        if (listed != (f.op == QStringLiteral("includes")))
            return false;
    }
    return true;
}

PriceEvaluation Price::evaluateComposite(const QList<CompositeComponent> &components, const EvaluationContext &context) const
{
    if (!m_model->isComposite())
        throw std::logic_error("evaluateComposite() called on a non-composite price");
    Decimal base(0);
    for (const CompositeComponent &component : components) {
        if (appliesTo(component))
            base += component.subtotal;
    }
    return finish(m_model->evaluateComposite(base, context));
}

} // namespace orb::pricing
