// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/BillingCatalog.h"

#include "engine/pricing/JsonReader.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/catalog/MetricRepository.h"
#include "models/catalog/PlanRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

// The catalog stored these values itself (validated then), as Orb types them: amounts as
// strings, discounts as numbers held exactly; the engine's reader turns either back into a
// Decimal without a trip through a rounded double.
Decimal decimalOf(const QJsonValue &v)
{
    QString error;
    const auto d = pricing::JsonReader::decimalFromJson(v, &error);
    if (!d)
        throw ServiceError::storage(QStringLiteral("a stored adjustment value is not a decimal: %1").arg(error));
    return *d;
}

pricing::Price parsePrice(const QJsonObject &json, const QString &path)
{
    FieldErrors errors;
    auto p = pricing::Price::fromJson(json, &errors, path);
    if (!p)
        throw ServiceError::invalid(QStringLiteral("a price of the subscription is not valid"), errors);
    return *p;
}

} // namespace

BillingCatalog::BillingCatalog(const Database &db) : m_db(db) {}

const Plan &BillingCatalog::plan(const QString &planId)
{
    auto it = m_plans.find(planId);
    if (it == m_plans.end()) {
        const auto p = PlanRepository(m_db).findById(planId);
        if (!p)
            throw ServiceError::notFound(QStringLiteral("no plan with id \"%1\"").arg(planId));
        it = m_plans.insert(planId, *p);
    }
    return *it;
}

const PlanVersion &BillingCatalog::version(const QString &planVersionId)
{
    auto it = m_versions.find(planVersionId);
    if (it == m_versions.end()) {
        const auto v = PlanRepository(m_db).versionById(planVersionId);
        if (!v)
            throw ServiceError::notFound(QStringLiteral("no plan version with id \"%1\"").arg(planVersionId));
        it = m_versions.insert(planVersionId, *v);
    }
    return *it;
}

const MetricDefinition *BillingCatalog::metric(const QString &metricId)
{
    auto it = m_metrics.find(metricId);
    if (it == m_metrics.end()) {
        const auto m = MetricRepository(m_db).findById(metricId);
        it = m_metrics.insert(metricId, m ? std::make_shared<MetricDefinition>(*m) : nullptr);
    }
    return it->get();
}

QString BillingCatalog::itemName(const QString &itemId)
{
    auto it = m_items.find(itemId);
    if (it == m_items.end())
        it = m_items.insert(itemId, m_db.scalar(QStringLiteral("SELECT name FROM items WHERE id = ?"), {itemId}).toString());
    return *it;
}

QList<pricing::Price> BillingCatalog::applyOverrides(const QList<QJsonObject> &planPrices, const QJsonObject &overrides)
{
    QList<QJsonObject> prices = planPrices;
    auto indexOf = [&prices](const QString &id) {
        for (qsizetype i = 0; i < prices.size(); ++i)
            if (prices[i].value(QStringLiteral("id")).toString() == id)
                return i;
        return qsizetype(-1);
    };
    const QJsonArray removals = overrides.value(QStringLiteral("remove")).toArray();
    for (const QJsonValue &v : removals) {
        const qsizetype i = indexOf(v.toString());
        if (i < 0)
            throw ServiceError::invalid(QStringLiteral("remove_prices: the plan has no price \"%1\"").arg(v.toString()));
        prices.removeAt(i);
    }
    const QJsonArray replacements = overrides.value(QStringLiteral("replace")).toArray();
    for (const QJsonValue &v : replacements) {
        QJsonObject o = v.toObject();
        const QString replaced = o.take(QStringLiteral("replaces_price_id")).toString();
        const qsizetype i = indexOf(replaced);
        if (i < 0)
            throw ServiceError::invalid(QStringLiteral("replace_prices: the plan has no price \"%1\"").arg(replaced));
        prices[i] = o;
    }
    for (const QJsonValue &v : overrides.value(QStringLiteral("add")).toArray())
        prices.append(v.toObject());
    QList<pricing::Price> out;
    for (qsizetype i = 0; i < prices.size(); ++i)
        out.append(parsePrice(prices[i], QStringLiteral("$.prices[%1]").arg(i)));
    return out;
}

QList<billing::Adjustment> BillingCatalog::adjustmentsFromJson(const QJsonArray &adjustments)
{
    using billing::Adjustment;
    QList<Adjustment> out;
    for (const QJsonValue &v : adjustments) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QStringLiteral("adjustment_type")).toString();
        QStringList ids;
        for (const QJsonValue &id : o.value(QStringLiteral("applies_to_price_ids")).toArray())
            ids.append(id.toString());
        const QString id = o.value(QStringLiteral("id")).toString();
        if (type == QLatin1String("usage_discount"))
            out.append(Adjustment::usageDiscount(decimalOf(o.value(QStringLiteral("usage_discount"))), ids, id));
        else if (type == QLatin1String("amount_discount"))
            out.append(Adjustment::amountDiscount(decimalOf(o.value(QStringLiteral("amount_discount"))), ids, id));
        else if (type == QLatin1String("percentage_discount"))
            out.append(Adjustment::percentageDiscount(decimalOf(o.value(QStringLiteral("percentage_discount"))), ids, id));
        else if (type == QLatin1String("minimum"))
            out.append(Adjustment::minimum(decimalOf(o.value(QStringLiteral("minimum_amount"))), ids, id));
        else if (type == QLatin1String("maximum"))
            out.append(Adjustment::maximum(decimalOf(o.value(QStringLiteral("maximum_amount"))), ids, id));
    }
    return out;
}

QList<billing::Adjustment> BillingCatalog::priceAdjustments(const pricing::Price &p)
{
    using billing::Adjustment;
    // A price's own discount, minimum_amount and maximum_amount are adjustments on that price
    // alone, and take their place in the one order of a line (Orb's example: 9 units at 2.50 =
    // 22.50 with a minimum of 50.00 bills 50.00).
    QList<Adjustment> out;
    const QStringList only{p.id()};
    try {
        if (const auto discount = p.discount()) {
            const QString type = discount->value(QStringLiteral("discount_type")).toString();
            if (type == QLatin1String("percentage"))
                out.append(Adjustment::percentageDiscount(decimalOf(discount->value(QStringLiteral("percentage_discount"))), only,
                                                          p.id() + QStringLiteral(":discount")));
            else if (type == QLatin1String("amount"))
                out.append(
                    Adjustment::amountDiscount(decimalOf(discount->value(QStringLiteral("amount_discount"))), only, p.id() + QStringLiteral(":discount")));
            else if (type == QLatin1String("usage"))
                out.append(Adjustment::usageDiscount(decimalOf(discount->value(QStringLiteral("usage_discount"))), only, p.id() + QStringLiteral(":discount")));
            else
                throw ServiceError::invalid(QStringLiteral("price \"%1\" has a %2 discount, which is not billed").arg(p.name(), type));
        }
        if (const auto minimum = p.minimumAmount())
            out.append(Adjustment::minimum(*minimum, only, p.id() + QStringLiteral(":minimum")));
        if (const auto maximum = p.maximumAmount())
            out.append(Adjustment::maximum(*maximum, only, p.id() + QStringLiteral(":maximum")));
    } catch (const std::invalid_argument &e) {
        throw ServiceError::invalid(QStringLiteral("price \"%1\": %2").arg(p.name(), QString::fromUtf8(e.what())));
    }
    return out;
}

const PhasePricing &BillingCatalog::phase(const SubscriptionPhase &phase)
{
    auto it = m_phases.find(phase.id);
    if (it != m_phases.end())
        return *it;
    // Phases on the same version with the same overrides (most of them: none) share the parsed
    // prices, so a run over thousands of subscriptions parses each version's prices once.
    const QString key = phase.planVersionId + QLatin1Char('|') + QString::fromUtf8(QJsonDocument(phase.priceOverrides).toJson(QJsonDocument::Compact));
    auto shared = m_pricedVersions.constFind(key);
    if (shared == m_pricedVersions.constEnd()) {
        const PlanVersion &v = version(phase.planVersionId);
        PhasePricing parsed;
        parsed.prices = applyOverrides(v.prices, phase.priceOverrides);
        parsed.adjustments = adjustmentsFromJson(v.adjustments);
        for (const pricing::Price &p : parsed.prices)
            parsed.adjustments.append(priceAdjustments(p));
        shared = m_pricedVersions.insert(key, parsed);
    }
    PhasePricing pricing;
    pricing.prices = shared->prices;
    pricing.adjustments = shared->adjustments;
    for (auto q = phase.quantities.cbegin(); q != phase.quantities.cend(); ++q)
        pricing.quantities.insert(q.key(), q.value());
    return *m_phases.insert(phase.id, pricing);
}

} // namespace orb
