// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/CatalogParser.h"

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/metrics/JsonReader.h"
#include "engine/pricing/JsonReader.h"
#include "engine/pricing/Price.h"

#include <QJsonArray>

namespace orb {

using PriceReader = pricing::JsonReader;
using pricing::Presence;
using pricing::Sign;

namespace {

const QStringList kPlanKeys = {QStringLiteral("id"), QStringLiteral("external_plan_id"), QStringLiteral("name"), QStringLiteral("description"),
                               QStringLiteral("currency"), QStringLiteral("net_terms"), QStringLiteral("default_invoice_memo"), QStringLiteral("trial_config"),
                               QStringLiteral("metadata"), QStringLiteral("adjustments"), QStringLiteral("prices"),
                               // read-only fields of an exported plan, ignored on import
                               QStringLiteral("status"), QStringLiteral("version"), QStringLiteral("plan_version_id"), QStringLiteral("created_at")};
const QStringList kItemKeys = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created_at"), QStringLiteral("external_connections"),
                               QStringLiteral("archived_at")};
// Orb's adjustment types in the order Orb applies them to a plan's charges.
const QStringList kAdjustmentTypes = {QStringLiteral("usage_discount"), QStringLiteral("amount_discount"), QStringLiteral("percentage_discount"),
                                      QStringLiteral("minimum"), QStringLiteral("maximum")};

QString valueField(const QString &type)
{
    if (type == QLatin1String("minimum") || type == QLatin1String("maximum"))
        return type + QStringLiteral("_amount");
    return type;
}

void unknownKeys(const QJsonObject &o, const QStringList &allowed, const QString &path, FieldErrors &errors)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        if (!allowed.contains(it.key()))
            errors.append({PriceReader::join(path, it.key()), QStringLiteral("unknown field")});
}

/// An optional string member; null counts as absent.
QString optionalString(const QJsonObject &o, const QString &key, const QString &path, FieldErrors &errors)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        errors.append({PriceReader::join(path, key), QStringLiteral("must be a string")});
        return {};
    }
    return v.toString();
}

} // namespace

QJsonObject CatalogImportSummary::toJson() const
{
    auto counts = [](const ImportCounts &c) {
        return QJsonObject{{QStringLiteral("created"), c.created}, {QStringLiteral("updated"), c.updated}, {QStringLiteral("unchanged"), c.unchanged}};
    };
    return {{QStringLiteral("items"), counts(items)}, {QStringLiteral("billable_metrics"), counts(metrics)}, {QStringLiteral("plans"), counts(plans)}};
}

CatalogParser::CatalogParser(const Database &db) : m_items(db), m_metrics(db), m_plans(db) {}

QJsonValue CatalogParser::toQJson(const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::Null: return QJsonValue(QJsonValue::Null);
    case JsonValue::Type::Bool: return value.toBool();
    case JsonValue::Type::String: return value.text();
    case JsonValue::Type::Number: {
        const double d = value.text().toDouble();
        const auto exact = Decimal::tryParse(value.text());
        const auto viaDouble = Decimal::tryParse(PriceReader::numberText(d));
        if (exact && viaDouble && *exact != *viaDouble)
            return value.text(); // a double would change it: keep the literal
        return d;
    }
    case JsonValue::Type::Array: {
        QJsonArray a;
        for (qsizetype i = 0; i < value.size(); ++i)
            a.append(toQJson(value.at(i)));
        return a;
    }
    case JsonValue::Type::Object: {
        QJsonObject o;
        for (qsizetype i = 0; i < value.size(); ++i)
            o.insert(value.keyAt(i), toQJson(value.at(i)));
        return o;
    }
    }
    return {};
}

CatalogDraft CatalogParser::parseFile(QByteArrayView json, FieldErrors *errorsOut)
{
    FieldErrors errors;
    CatalogDraft draft;
    JsonParseError syntax;
    const auto doc = orb::JsonReader::parse(json, &syntax);
    if (!doc) {
        const QString path = syntax.path.isEmpty() ? QStringLiteral("$") : QStringLiteral("$.") + syntax.path;
        errors.append({path, syntax.message + QStringLiteral(" (at byte offset %1)").arg(syntax.offset)});
    } else if (!doc->isObject()) {
        errors.append({QStringLiteral("$"), QStringLiteral("a catalog file must be a JSON object with items, billable_metrics and plans")});
    } else {
        const JsonValue *items = doc->find(u"items");
        const JsonValue *metrics = doc->find(u"billable_metrics");
        const JsonValue *plans = doc->find(u"plans");
        for (qsizetype i = 0; i < doc->size(); ++i) {
            const QString &key = doc->keyAt(i);
            if (key != u"items" && key != u"billable_metrics" && key != u"plans")
                errors.append({QStringLiteral("$.") + key, QStringLiteral("unknown field (a catalog file has items, billable_metrics and plans)")});
        }
        // Names and ids first, so that prices may refer to items and metrics listed after them.
        if (items && !items->isNull())
            parseItems(*items, QStringLiteral("$.items"), draft, errors);
        if (metrics && !metrics->isNull())
            parseMetrics(*metrics, QStringLiteral("$.billable_metrics"), draft, errors);
        if (plans && !plans->isNull()) {
            if (!plans->isArray()) {
                errors.append({QStringLiteral("$.plans"), QStringLiteral("must be an array")});
            } else {
                QSet<QString> externalIds;
                for (qsizetype i = 0; i < plans->size(); ++i) {
                    const QString path = PriceReader::index(QStringLiteral("$.plans"), i);
                    if (!plans->at(i).isObject()) {
                        errors.append({path, QStringLiteral("must be an object")});
                        continue;
                    }
                    const QJsonObject o = toQJson(plans->at(i)).toObject();
                    PlanDraft plan = parsePlan(o, path, std::nullopt, &errors);
                    if (const auto existing = matchPlan(plan); existing && !plan.fields.currency.isEmpty() && existing->currency != plan.fields.currency)
                        errors.append({PriceReader::join(path, QStringLiteral("currency")),
                                       QStringLiteral("plan \"%1\" bills in %2; a plan's currency cannot change (create a new plan)")
                                           .arg(existing->name, existing->currency)});
                    const QString ext = plan.fields.externalPlanId;
                    if (!ext.isEmpty()) {
                        if (externalIds.contains(ext))
                            errors.append({PriceReader::join(path, QStringLiteral("external_plan_id")),
                                           QStringLiteral("\"%1\" appears more than once in the file").arg(ext)});
                        externalIds.insert(ext);
                    }
                    draft.plans.append(plan);
                }
            }
        }
    }
    if (errorsOut)
        errorsOut->append(errors);
    return draft;
}

void CatalogParser::parseItems(const JsonValue &list, const QString &path, CatalogDraft &draft, FieldErrors &errors)
{
    if (!list.isArray()) {
        errors.append({path, QStringLiteral("must be an array")});
        return;
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString itemPath = PriceReader::index(path, i);
        if (!list.at(i).isObject()) {
            errors.append({itemPath, QStringLiteral("must be an object")});
            continue;
        }
        const QJsonObject o = toQJson(list.at(i)).toObject();
        unknownKeys(o, kItemKeys, itemPath, errors);
        ItemDraft item;
        item.path = itemPath;
        item.fileId = optionalString(o, QStringLiteral("id"), itemPath, errors);
        item.name = optionalString(o, QStringLiteral("name"), itemPath, errors).trimmed();
        if (item.name.isEmpty()) {
            const QJsonValue name = o.value(QStringLiteral("name"));
            if (name.isUndefined() || name.isNull() || name.isString()) // a non-string was reported already
                errors.append({PriceReader::join(itemPath, QStringLiteral("name")), QStringLiteral("is required")});
            continue;
        }
        if (m_fileItemNames.contains(item.name)) {
            errors.append({PriceReader::join(itemPath, QStringLiteral("name")), QStringLiteral("\"%1\" appears more than once in the file").arg(item.name)});
            continue;
        }
        m_fileItemNames.insert(item.name);
        if (!item.fileId.isEmpty())
            m_fileItemIds.insert(item.fileId, item.name);
        draft.items.append(item);
    }
}

void CatalogParser::parseMetrics(const JsonValue &list, const QString &path, CatalogDraft &draft, FieldErrors &errors)
{
    if (!list.isArray()) {
        errors.append({path, QStringLiteral("must be an array")});
        return;
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString metricPath = PriceReader::index(path, i);
        FieldErrors local;
        auto metric = MetricDefinition::fromJsonValue(list.at(i), &local);
        // The engine's paths start at the metric ("$.filters"); put them under the file's.
        for (FieldError e : local) {
            e.path = metricPath + e.path.mid(1);
            errors.append(e);
        }
        if (!metric)
            continue;
        if (m_fileMetricNames.contains(metric->name())) {
            errors.append(
                {PriceReader::join(metricPath, QStringLiteral("name")), QStringLiteral("\"%1\" appears more than once in the file").arg(metric->name())});
            continue;
        }
        m_fileMetricNames.insert(metric->name());
        if (!metric->id().isEmpty())
            m_fileMetricIds.insert(metric->id(), metric->name());
        draft.metrics.append({metricPath, *metric});
    }
}

QString CatalogParser::resolveItem(const QString &id, const QString &name, const QString &path, FieldErrors &errors) const
{
    // An id wins when it names something; Orb's own exports carry ids of another system, so an
    // unknown id falls back to the name given beside it.
    if (!id.isEmpty()) {
        if (m_fileItemIds.contains(id))
            return m_fileItemIds.value(id);
        if (const auto item = m_items.findById(id))
            return item->name;
    }
    if (!name.isEmpty()) {
        if (m_fileItemNames.contains(name) || m_items.findByName(name))
            return name;
        errors.append(
            {PriceReader::join(path, QStringLiteral("item_name")), QStringLiteral("no item named \"%1\" in this file or the company file").arg(name)});
        return {};
    }
    if (!id.isEmpty())
        errors.append({PriceReader::join(path, QStringLiteral("item_id")), QStringLiteral("no item with id \"%1\" in this file or the company file").arg(id)});
    return {};
}

QString CatalogParser::resolveMetric(const QString &id, const QString &name, const QString &path, FieldErrors &errors) const
{
    if (!id.isEmpty()) {
        if (m_fileMetricIds.contains(id))
            return m_fileMetricIds.value(id);
        if (const auto metric = m_metrics.findById(id))
            return metric->name();
    }
    if (!name.isEmpty()) {
        if (m_fileMetricNames.contains(name) || m_metrics.findByName(name))
            return name;
        errors.append({PriceReader::join(path, QStringLiteral("billable_metric_name")),
                       QStringLiteral("no billable metric named \"%1\" in this file or the company file").arg(name)});
        return {};
    }
    if (!id.isEmpty())
        errors.append({PriceReader::join(path, QStringLiteral("billable_metric_id")),
                       QStringLiteral("no billable metric with id \"%1\" in this file or the company file").arg(id)});
    return {};
}

PriceDraft CatalogParser::parsePrice(const QJsonObject &input, const QString &path, const QString &currency, FieldErrors &errors)
{
    PriceDraft draft;
    QJsonObject json = input;
    // A plan's prices bill in the plan's currency; saying it again is optional.
    if (!json.contains(QStringLiteral("currency")) && !currency.isEmpty())
        json.insert(QStringLiteral("currency"), currency);
    const auto price = pricing::Price::fromJson(json, &errors, path);
    // The references are checked even when the price is broken, so that every error shows.
    const QJsonObject item = json.value(QStringLiteral("item")).toObject();
    const QJsonObject metric = json.value(QStringLiteral("billable_metric")).toObject();
    auto text = [&](const char *key, const QJsonObject &inner, const char *innerKey) {
        const QString direct = json.value(QLatin1String(key)).toString();
        return direct.isEmpty() ? inner.value(QLatin1String(innerKey)).toString() : direct;
    };
    const QString itemId = text("item_id", item, "id");
    const QString itemName = text("item_name", item, "name");
    const QString metricId = text("billable_metric_id", metric, "id");
    const QString metricName = text("billable_metric_name", metric, "name");
    if (!itemId.isEmpty() || !itemName.isEmpty())
        draft.itemName = resolveItem(itemId, itemName, path, errors);
    if (!metricId.isEmpty() || !metricName.isEmpty())
        draft.metricName = resolveMetric(metricId, metricName, path, errors);
    if (!price)
        return draft;
    // Every field the catalog keeps changes what is billed, or is refused here with the reason
    // (docs/BILLING.md, "Catalog fields").
    if (price->conversionRate())
        errors.append({PriceReader::join(path, QStringLiteral("conversion_rate")),
                       QStringLiteral("converts a custom pricing unit (credits) to the currency; prices here are in real currencies, so it "
                                      "would change nothing: remove it")});
    if (!price->invoiceGroupingKey().isEmpty())
        errors.append({PriceReader::join(path, QStringLiteral("invoice_grouping_key")),
                       QStringLiteral("splitting a line by an event property is not supported; use a grouped price model instead")});
    if (price->discount() && price->discount()->value(QStringLiteral("discount_type")).toString() == QLatin1String("trial"))
        errors.append({PriceReader::join(PriceReader::join(path, QStringLiteral("discount")), QStringLiteral("discount_type")),
                       QStringLiteral("a trial discount is not billed; give the plan a trial_config instead")});
    if (!currency.isEmpty() && price->currency().code() != currency)
        errors.append(
            {PriceReader::join(path, QStringLiteral("currency")), QStringLiteral("is %1 but the plan bills in %2").arg(price->currency().code(), currency)});
    QJsonObject canonical = price->toJson();
    for (const char *key : {"id", "item_id", "item_name", "item", "billable_metric_id", "billable_metric_name", "billable_metric"})
        canonical.remove(QLatin1String(key));
    // toJson() wrote the billing mode out, so dropping the metric reference here does not
    // change the default the parser chose from it.
    draft.json = canonical;
    return draft;
}

void CatalogParser::parseAdjustments(const QJsonValue &value, const QString &path, PlanDraft &draft, FieldErrors &errors)
{
    if (value.isUndefined() || value.isNull())
        return;
    if (!value.isArray()) {
        errors.append({path, QStringLiteral("must be an array")});
        return;
    }
    QStringList externalPriceIds;
    for (const PriceDraft &p : draft.prices)
        if (p.json.contains(QStringLiteral("external_price_id")))
            externalPriceIds.append(p.json.value(QStringLiteral("external_price_id")).toString());
    const QJsonArray list = value.toArray();
    QList<AdjustmentDraft> byType[5];
    std::optional<Decimal> minimum, maximum;
    QString maximumPath;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString adjPath = PriceReader::index(path, i);
        if (!list.at(i).isObject()) {
            errors.append({adjPath, QStringLiteral("must be an object")});
            continue;
        }
        const QJsonObject o = list.at(i).toObject();
        const QString type = optionalString(o, QStringLiteral("adjustment_type"), adjPath, errors);
        const qsizetype order = kAdjustmentTypes.indexOf(type);
        if (order < 0) {
            errors.append({PriceReader::join(adjPath, QStringLiteral("adjustment_type")),
                           QStringLiteral("must be one of ") + kAdjustmentTypes.join(QStringLiteral(", "))});
            continue;
        }
        const QString field = valueField(type);
        unknownKeys(o,
                    {QStringLiteral("id"), QStringLiteral("adjustment_type"), field, QStringLiteral("applies_to_price_ids"), QStringLiteral("reason"),
                     QStringLiteral("item_id"), QStringLiteral("item_name"), QStringLiteral("item"), QStringLiteral("is_invoice_level"),
                     QStringLiteral("plan_phase_order")},
                    adjPath, errors);
        FieldErrors local;
        PriceReader reader(&local);
        const auto amount = reader.decimal(o, field, adjPath, Presence::Required, Sign::NonNegative);
        AdjustmentDraft adj;
        adj.json.insert(QStringLiteral("adjustment_type"), type);
        if (amount) {
            if (type == QLatin1String("percentage_discount") && *amount > Decimal(1))
                local.append({PriceReader::join(adjPath, field), QStringLiteral("must be a fraction from 0 to 1 (0.15 is 15%)")});
            // Orb types the discounts as numbers and the amounts as strings.
            if (type == QLatin1String("percentage_discount") || type == QLatin1String("usage_discount"))
                adj.json.insert(field, PriceReader::decimalToJsonNumber(*amount));
            else
                adj.json.insert(field, amount->toCanonicalString());
            if (type == QLatin1String("minimum"))
                minimum = amount;
            if (type == QLatin1String("maximum")) {
                maximum = amount;
                maximumPath = PriceReader::join(adjPath, field);
            }
        }
        const QJsonValue applies = o.value(QStringLiteral("applies_to_price_ids"));
        if (!applies.isUndefined() && !applies.isNull()) {
            if (!applies.isArray()) {
                local.append({PriceReader::join(adjPath, QStringLiteral("applies_to_price_ids")), QStringLiteral("must be an array")});
            } else {
                const QJsonArray ids = applies.toArray();
                for (qsizetype j = 0; j < ids.size(); ++j) {
                    const QString idPath = PriceReader::index(PriceReader::join(adjPath, QStringLiteral("applies_to_price_ids")), j);
                    if (!ids.at(j).isString())
                        local.append({idPath, QStringLiteral("must be a string")});
                    else if (!externalPriceIds.contains(ids.at(j).toString()))
                        local.append({idPath, QStringLiteral("\"%1\" is not the external_price_id of a price of this plan").arg(ids.at(j).toString())});
                }
                adj.json.insert(QStringLiteral("applies_to_price_ids"), ids);
            }
        }
        const QString reason = optionalString(o, QStringLiteral("reason"), adjPath, local);
        if (!reason.isEmpty())
            adj.json.insert(QStringLiteral("reason"), reason);
        if (type == QLatin1String("minimum")) {
            QString itemId = optionalString(o, QStringLiteral("item_id"), adjPath, local);
            QString itemName = optionalString(o, QStringLiteral("item_name"), adjPath, local);
            if (o.value(QStringLiteral("item")).isObject()) {
                const QJsonObject item = o.value(QStringLiteral("item")).toObject();
                if (itemId.isEmpty())
                    itemId = item.value(QStringLiteral("id")).toString();
                if (itemName.isEmpty())
                    itemName = item.value(QStringLiteral("name")).toString();
            }
            if (!itemId.isEmpty() || !itemName.isEmpty())
                adj.itemName = resolveItem(itemId, itemName, adjPath, local);
        } else if (o.contains(QStringLiteral("item_id")) || o.contains(QStringLiteral("item_name"))) {
            local.append({PriceReader::join(adjPath, QStringLiteral("item_id")), QStringLiteral("only a minimum names an item")});
        }
        if (!byType[order].isEmpty() && (type == QLatin1String("minimum") || type == QLatin1String("maximum")))
            local.append({adjPath, QStringLiteral("a plan has at most one %1").arg(type)});
        errors.append(local);
        if (local.isEmpty())
            byType[order].append(adj);
    }
    if (minimum && maximum && *maximum < *minimum)
        errors.append({maximumPath, QStringLiteral("must not be less than the minimum %1").arg(minimum->toCanonicalString())});
    // Stored in the order Orb applies them, whatever order the file lists them in.
    for (const auto &group : byType)
        draft.adjustments.append(group);
}

PlanDraft CatalogParser::parsePlan(const QJsonObject &o, const QString &path, const std::optional<Plan> &existing, FieldErrors *errorsOut)
{
    FieldErrors errors;
    PlanDraft draft;
    draft.path = path;
    unknownKeys(o, kPlanKeys, path, errors);
    draft.fileId = optionalString(o, QStringLiteral("id"), path, errors);
    Plan &p = draft.fields;
    p.externalPlanId = optionalString(o, QStringLiteral("external_plan_id"), path, errors);
    p.name = optionalString(o, QStringLiteral("name"), path, errors).trimmed();
    if (p.name.isEmpty() && (!o.contains(QStringLiteral("name")) || o.value(QStringLiteral("name")).isString() || o.value(QStringLiteral("name")).isNull()))
        errors.append({PriceReader::join(path, QStringLiteral("name")), QStringLiteral("is required")});
    p.description = optionalString(o, QStringLiteral("description"), path, errors);
    p.defaultInvoiceMemo = optionalString(o, QStringLiteral("default_invoice_memo"), path, errors);
    p.currency = optionalString(o, QStringLiteral("currency"), path, errors);
    if (p.currency.isEmpty()) {
        if (!o.contains(QStringLiteral("currency")) || o.value(QStringLiteral("currency")).isNull())
            errors.append({PriceReader::join(path, QStringLiteral("currency")), QStringLiteral("is required")});
    } else if (!Currency::fromCode(p.currency)) {
        errors.append({PriceReader::join(path, QStringLiteral("currency")), QStringLiteral("\"%1\" is not an ISO 4217 currency code").arg(p.currency)});
        p.currency.clear();
    }
    PriceReader reader(&errors);
    if (const auto terms = reader.integer(o, QStringLiteral("net_terms"), path, Presence::Optional, 0))
        p.netTerms = int(qMin<qint64>(*terms, 3650));
    if (const auto trial = reader.object(o, QStringLiteral("trial_config"), path, Presence::Optional)) {
        const QString trialPath = PriceReader::join(path, QStringLiteral("trial_config"));
        unknownKeys(*trial, {QStringLiteral("trial_period"), QStringLiteral("trial_period_unit")}, trialPath, errors);
        if (const auto period = reader.integer(*trial, QStringLiteral("trial_period"), trialPath, Presence::Optional, 0))
            p.trialPeriod = int(qMin<qint64>(*period, 3650));
        const QString unit = optionalString(*trial, QStringLiteral("trial_period_unit"), trialPath, errors);
        if (!unit.isEmpty() && unit != QLatin1String("days"))
            errors.append({PriceReader::join(trialPath, QStringLiteral("trial_period_unit")), QStringLiteral("must be days")});
    }
    if (const auto metadata = reader.object(o, QStringLiteral("metadata"), path, Presence::Optional)) {
        for (auto it = metadata->constBegin(); it != metadata->constEnd(); ++it)
            if (!it.value().isString())
                errors.append({PriceReader::join(PriceReader::join(path, QStringLiteral("metadata")), it.key()), QStringLiteral("must be a string")});
        p.metadata = *metadata;
    }
    if (existing && !p.currency.isEmpty() && p.currency != existing->currency)
        errors.append({PriceReader::join(path, QStringLiteral("currency")),
                       QStringLiteral("plan \"%1\" bills in %2; a plan's currency cannot change (create a new plan)").arg(existing->name, existing->currency)});

    if (const auto prices = reader.array(o, QStringLiteral("prices"), path, Presence::Required, true)) {
        const QString pricesPath = PriceReader::join(path, QStringLiteral("prices"));
        QSet<QString> externalPriceIds;
        for (qsizetype i = 0; i < prices->size(); ++i) {
            const QString pricePath = PriceReader::index(pricesPath, i);
            const auto price = reader.elementObject(prices->at(i), pricePath);
            if (!price)
                continue;
            PriceDraft pd = parsePrice(*price, pricePath, p.currency, errors);
            const QString ext = pd.json.value(QStringLiteral("external_price_id")).toString();
            if (!ext.isEmpty()) {
                if (externalPriceIds.contains(ext))
                    errors.append({PriceReader::join(pricePath, QStringLiteral("external_price_id")),
                                   QStringLiteral("\"%1\" appears more than once in this plan").arg(ext)});
                externalPriceIds.insert(ext);
            }
            draft.prices.append(pd);
        }
    }
    parseAdjustments(o.value(QStringLiteral("adjustments")), PriceReader::join(path, QStringLiteral("adjustments")), draft, errors);
    if (errorsOut)
        errorsOut->append(errors);
    return draft;
}

std::optional<Plan> CatalogParser::matchPlan(const PlanDraft &draft) const
{
    if (!draft.fileId.isEmpty())
        if (auto p = m_plans.findById(draft.fileId))
            return p;
    if (!draft.fields.externalPlanId.isEmpty())
        return m_plans.findByExternalId(draft.fields.externalPlanId);
    return m_plans.findByName(draft.fields.name);
}

} // namespace orb
