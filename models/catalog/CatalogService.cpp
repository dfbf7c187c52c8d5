// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/CatalogService.h"

#include "engine/Clock.h"
#include "engine/pricing/Price.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/catalog/CatalogParser.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace orb {

namespace {

QJsonObject withoutId(QJsonObject o)
{
    o.remove(QStringLiteral("id"));
    return o;
}

/// Rewrites applies_to_price_ids through a map (external_price_id ↔ price id of a version).
QJsonArray mapAppliesTo(const QJsonArray &adjustments, const QHash<QString, QString> &map)
{
    QJsonArray out;
    for (const QJsonValue &v : adjustments) {
        QJsonObject a = v.toObject();
        if (a.contains(QStringLiteral("applies_to_price_ids"))) {
            QJsonArray ids;
            for (const QJsonValue &id : a.value(QStringLiteral("applies_to_price_ids")).toArray())
                ids.append(map.value(id.toString(), id.toString()));
            a.insert(QStringLiteral("applies_to_price_ids"), ids);
        }
        out.append(a);
    }
    return out;
}

/// external_price_id → price id (toIds) or the reverse, over a version's prices.
QHash<QString, QString> priceIdMap(const QList<QJsonObject> &prices, bool toIds)
{
    QHash<QString, QString> map;
    for (const QJsonObject &p : prices) {
        const QString external = p.value(QStringLiteral("external_price_id")).toString();
        const QString id = p.value(QStringLiteral("id")).toString();
        if (!external.isEmpty())
            toIds ? map.insert(external, id) : map.insert(id, external);
    }
    return map;
}

QJsonObject metricJson(const MetricDefinition &m)
{
    // MetricDefinition writes canonical JSON; filter numbers are short literals in practice,
    // which a double carries exactly.
    return QJsonDocument::fromJson(m.toJson()).object();
}

} // namespace

CatalogService::CatalogService(CompanyFile &file, const Clock &clock)
    : m_file(file), m_clock(clock), m_items(file.db()), m_metrics(file.db()), m_plans(file.db())
{
}

void CatalogService::requireWritable() const
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
}

void CatalogService::audit(const QString &action, const QString &type, const QString &id, const std::optional<QJsonObject> &before,
                           const std::optional<QJsonObject> &after)
{
    AuditLog(m_file.db()).append(m_clock.now(), action, type, id, before, after);
}

// ---- items ----

Item CatalogService::item(const QString &reference) const
{
    auto item = m_items.resolve(reference);
    if (!item)
        throw ServiceError::notFound(QStringLiteral("no item with id or name \"%1\"").arg(reference));
    return *item;
}

Item CatalogService::createItem(const QString &name)
{
    requireWritable();
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the item was not created"), {{QStringLiteral("$.name"), QStringLiteral("is required")}});
    UnitOfWork uow(m_file.db());
    if (m_items.findByName(trimmed))
        throw ServiceError::conflict(QStringLiteral("an item named \"%1\" already exists").arg(trimmed));
    Item item;
    item.id = newId();
    item.name = trimmed;
    item.createdAt = m_clock.now();
    item.updatedAt = item.createdAt;
    m_items.insert(item);
    audit(QStringLiteral("item.create"), QStringLiteral("item"), item.id, std::nullopt, item.toJson());
    uow.commit();
    return item;
}

Item CatalogService::renameItem(const QString &reference, const QString &name)
{
    requireWritable();
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the item was not changed"), {{QStringLiteral("$.name"), QStringLiteral("is required")}});
    UnitOfWork uow(m_file.db());
    Item it = item(reference);
    if (const auto other = m_items.findByName(trimmed); other && other->id != it.id)
        throw ServiceError::conflict(QStringLiteral("an item named \"%1\" already exists").arg(trimmed));
    const QJsonObject before = it.toJson();
    it.name = trimmed;
    it.updatedAt = m_clock.now();
    m_items.update(it);
    audit(QStringLiteral("item.update"), QStringLiteral("item"), it.id, before, it.toJson());
    uow.commit();
    return it;
}

QString CatalogService::activeUse(const QString &column, const QString &id) const
{
    // Only the current versions of active plans: older versions stay billable for the
    // subscriptions on them, but nothing new can be sold with an archived item or metric.
    const QVariant name = m_file.db().scalar(QStringLiteral("SELECT p.name FROM plan_version_prices pr JOIN plan_versions v ON v.id = pr.plan_version_id "
                                                            "JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version "
                                                            "WHERE p.archived_at IS NULL AND pr.")
                                                 + column + QStringLiteral(" = ? ORDER BY p.name"),
                                             {id});
    return name.isValid() ? name.toString() : QString();
}

Item CatalogService::archiveItem(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Item it = item(reference);
    if (it.isArchived())
        throw ServiceError::conflict(QStringLiteral("item \"%1\" is already archived").arg(it.name));
    if (const QString plan = activeUse(QStringLiteral("item_id"), it.id); !plan.isEmpty())
        throw ServiceError::conflict(QStringLiteral("item \"%1\" is billed by plan \"%2\"; archive or edit that plan first").arg(it.name, plan));
    const QJsonObject before = it.toJson();
    it.archivedAt = m_clock.now();
    it.updatedAt = it.archivedAt;
    m_items.update(it);
    audit(QStringLiteral("item.archive"), QStringLiteral("item"), it.id, before, it.toJson());
    uow.commit();
    return it;
}

// ---- metrics ----

MetricDefinition CatalogService::metric(const QString &reference) const
{
    auto m = m_metrics.resolve(reference);
    if (!m)
        throw ServiceError::notFound(QStringLiteral("no billable metric with id or name \"%1\"").arg(reference));
    return *m;
}

MetricDefinition CatalogService::createMetric(MetricDefinition draft)
{
    requireWritable();
    const FieldErrors errors = draft.validate();
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the billable metric was not created"), errors);
    UnitOfWork uow(m_file.db());
    if (m_metrics.findByName(draft.name()))
        throw ServiceError::conflict(QStringLiteral("a billable metric named \"%1\" already exists").arg(draft.name()));
    draft.setId(newId());
    m_metrics.insert(draft, m_clock.now());
    audit(QStringLiteral("billable_metric.create"), QStringLiteral("billable_metric"), draft.id(), std::nullopt, metricJson(draft));
    uow.commit();
    return draft;
}

MetricDefinition CatalogService::updateMetric(const QString &reference, MetricDefinition changed)
{
    requireWritable();
    const FieldErrors errors = changed.validate();
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("billable metric \"%1\" was not changed").arg(reference), errors);
    UnitOfWork uow(m_file.db());
    const MetricDefinition before = metric(reference);
    if (const auto other = m_metrics.findByName(changed.name()); other && other->id() != before.id())
        throw ServiceError::conflict(QStringLiteral("a billable metric named \"%1\" already exists").arg(changed.name()));
    changed.setId(before.id());
    m_metrics.update(changed, m_clock.now());
    audit(QStringLiteral("billable_metric.update"), QStringLiteral("billable_metric"), before.id(), metricJson(before), metricJson(changed));
    uow.commit();
    return changed;
}

MetricDefinition CatalogService::archiveMetric(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const MetricDefinition m = metric(reference);
    if (m_metrics.archivedAt(m.id()).isValid())
        throw ServiceError::conflict(QStringLiteral("billable metric \"%1\" is already archived").arg(m.name()));
    if (const QString plan = activeUse(QStringLiteral("billable_metric_id"), m.id()); !plan.isEmpty())
        throw ServiceError::conflict(QStringLiteral("billable metric \"%1\" is priced by plan \"%2\"; archive or edit that plan first").arg(m.name(), plan));
    m_metrics.setArchivedAt(m.id(), m_clock.now(), m_clock.now());
    audit(QStringLiteral("billable_metric.archive"), QStringLiteral("billable_metric"), m.id(), metricJson(m), std::nullopt);
    uow.commit();
    return m;
}

// ---- plans ----

Plan CatalogService::plan(const QString &reference) const
{
    auto p = m_plans.resolve(reference);
    if (!p)
        throw ServiceError::notFound(QStringLiteral("no plan with id or external_plan_id \"%1\"").arg(reference));
    return *p;
}

PlanVersion CatalogService::planVersion(const Plan &plan, std::optional<int> number) const
{
    auto v = m_plans.version(plan.id, number.value_or(plan.currentVersion));
    if (!v)
        throw ServiceError::notFound(QStringLiteral("plan \"%1\" has no version %2 (versions 1 to %3)")
                                         .arg(plan.name)
                                         .arg(number.value_or(plan.currentVersion))
                                         .arg(plan.currentVersion));
    return *v;
}

QList<QJsonObject> CatalogService::canonicalPrices(const PlanDraft &draft) const
{
    QList<QJsonObject> out;
    for (qsizetype i = 0; i < draft.prices.size(); ++i) {
        const PriceDraft &pd = draft.prices.at(i);
        QJsonObject json = pd.json;
        const auto item = m_items.findByName(pd.itemName);
        if (!item)
            throw ServiceError::invalid(QStringLiteral("the catalog was not changed"), {{draft.path + QStringLiteral(".prices[%1].item_name").arg(i),
                                                                                         QStringLiteral("no item named \"%1\"").arg(pd.itemName)}});
        json.insert(QStringLiteral("item_id"), item->id);
        if (!pd.metricName.isEmpty()) {
            const auto metric = m_metrics.findByName(pd.metricName);
            if (!metric)
                throw ServiceError::invalid(QStringLiteral("the catalog was not changed"),
                                            {{draft.path + QStringLiteral(".prices[%1].billable_metric_name").arg(i),
                                              QStringLiteral("no billable metric named \"%1\"").arg(pd.metricName)}});
            json.insert(QStringLiteral("billable_metric_id"), metric->id());
        }
        FieldErrors errors;
        const auto price = pricing::Price::fromJson(json, &errors, draft.path + QStringLiteral(".prices[%1]").arg(i));
        if (!price)
            throw ServiceError::invalid(QStringLiteral("the catalog was not changed"), errors);
        out.append(withoutId(price->toJson()));
    }
    return out;
}

QJsonArray CatalogService::canonicalAdjustments(const PlanDraft &draft) const
{
    QJsonArray out;
    for (const AdjustmentDraft &a : draft.adjustments) {
        QJsonObject json = a.json;
        if (!a.itemName.isEmpty())
            if (const auto item = m_items.findByName(a.itemName))
                json.insert(QStringLiteral("item_id"), item->id);
        out.append(json);
    }
    return out;
}

CatalogService::Outcome CatalogService::applyPlan(const PlanDraft &draft, std::optional<Plan> existing, PlanVersion *result)
{
    const QList<QJsonObject> prices = canonicalPrices(draft);
    const QJsonArray adjustments = canonicalAdjustments(draft);
    const QDateTime now = m_clock.now();
    Outcome outcome = Outcome::Unchanged;
    Plan plan;
    std::optional<PlanVersion> current;
    if (existing) {
        plan = *existing;
        current = planVersion(plan);
        if (!draft.fields.externalPlanId.isEmpty() && draft.fields.externalPlanId != plan.externalPlanId)
            if (const auto other = m_plans.findByExternalId(draft.fields.externalPlanId); other && other->id != plan.id)
                throw ServiceError::conflict(
                    QStringLiteral("external_plan_id \"%1\" already belongs to plan \"%2\"").arg(draft.fields.externalPlanId, other->name));
    } else {
        if (!draft.fields.externalPlanId.isEmpty() && m_plans.findByExternalId(draft.fields.externalPlanId))
            throw ServiceError::conflict(QStringLiteral("external_plan_id \"%1\" already belongs to another plan").arg(draft.fields.externalPlanId));
        plan = draft.fields;
        plan.id = newId();
        plan.currentVersion = 0;
        plan.createdAt = now;
        plan.updatedAt = now;
        outcome = Outcome::Created;
    }
    // Stored adjustments name the version's price ids (what the invoice composer matches);
    // the draft names external_price_ids, which survive versions: compare in that form.
    bool termsChanged =
        !current || current->prices.size() != prices.size() || mapAppliesTo(current->adjustments, priceIdMap(current->prices, false)) != adjustments;
    for (qsizetype i = 0; !termsChanged && i < prices.size(); ++i)
        termsChanged = withoutId(current->prices.at(i)) != prices.at(i);
    const bool fieldsChanged = existing && !existing->sameFields(draft.fields);
    if (fieldsChanged) {
        const Plan keep = plan;
        plan = draft.fields;
        plan.id = keep.id;
        plan.currentVersion = keep.currentVersion;
        plan.createdAt = keep.createdAt;
        plan.archivedAt = keep.archivedAt;
    }
    if (termsChanged) {
        PlanVersion v;
        v.id = newId();
        v.planId = plan.id;
        v.version = plan.currentVersion + 1;
        for (QJsonObject p : prices) {
            p.insert(QStringLiteral("id"), newId());
            v.prices.append(p);
        }
        v.adjustments = mapAppliesTo(adjustments, priceIdMap(v.prices, true));
        v.createdAt = now;
        plan.currentVersion = v.version;
        current = v;
    }
    if (outcome == Outcome::Created) {
        m_plans.insert(plan);
    } else if (termsChanged || fieldsChanged) {
        plan.updatedAt = now;
        m_plans.update(plan);
        outcome = Outcome::Updated;
    }
    if (termsChanged)
        m_plans.insertVersion(*current);
    if (outcome == Outcome::Created)
        audit(QStringLiteral("plan.create"), QStringLiteral("plan"), plan.id, std::nullopt, current->toJson(plan));
    else if (outcome == Outcome::Updated)
        audit(termsChanged ? QStringLiteral("plan.version") : QStringLiteral("plan.update"), QStringLiteral("plan"), plan.id,
              planVersion(*existing).toJson(*existing), current->toJson(plan));
    if (result)
        *result = *current;
    return outcome;
}

FieldErrors CatalogService::checkNewMetric(const MetricDefinition &draft) const
{
    FieldErrors errors = draft.validate();
    if (m_metrics.findByName(draft.name()))
        errors.append({QStringLiteral("$.name"), QStringLiteral("a billable metric named \"%1\" already exists").arg(draft.name())});
    return errors;
}

void CatalogService::createNewMetrics(const QList<MetricDefinition> &newMetrics)
{
    // A metric the plan editor defined is created with the plan (a savepoint inside its
    // transaction, audited as billable_metric.create); one of that name stored meanwhile is kept.
    for (const MetricDefinition &m : newMetrics)
        if (!m_metrics.findByName(m.name()))
            createMetric(m);
}

PlanVersion CatalogService::createPlan(const QJsonObject &json, const QStringList &newItems, const QList<MetricDefinition> &newMetrics)
{
    requireWritable();
    UnitOfWork uow(m_file.db()); // the new items and metrics and the plan, or nothing
    for (const QString &name : newItems)
        if (!m_items.findByName(name.trimmed()))
            createItem(name); // a savepoint inside this transaction, audited as item.create
    createNewMetrics(newMetrics);
    FieldErrors errors;
    CatalogParser parser(m_file.db());
    const PlanDraft draft = parser.parsePlan(json, QStringLiteral("$"), std::nullopt, &errors);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the plan was not created"), errors);
    PlanVersion v;
    applyPlan(draft, std::nullopt, &v);
    uow.commit();
    return v;
}

PlanVersion CatalogService::editPlan(const QString &reference, const QJsonObject &json, const QStringList &newItems, const QList<MetricDefinition> &newMetrics)
{
    requireWritable();
    const Plan existing = plan(reference);
    UnitOfWork uow(m_file.db()); // the new items and metrics and the plan's change, or nothing
    for (const QString &name : newItems)
        if (!m_items.findByName(name.trimmed()))
            createItem(name);
    createNewMetrics(newMetrics);
    FieldErrors errors;
    CatalogParser parser(m_file.db());
    const PlanDraft draft = parser.parsePlan(json, QStringLiteral("$"), existing, &errors);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("plan \"%1\" was not changed").arg(existing.name), errors);
    PlanVersion v;
    applyPlan(draft, existing, &v);
    uow.commit();
    return v;
}

Plan CatalogService::archivePlan(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Plan p = plan(reference);
    if (p.isArchived())
        throw ServiceError::conflict(QStringLiteral("plan \"%1\" is already archived").arg(p.name));
    const QJsonObject before = planVersion(p).toJson(p);
    p.archivedAt = m_clock.now();
    p.updatedAt = p.archivedAt;
    m_plans.update(p);
    audit(QStringLiteral("plan.archive"), QStringLiteral("plan"), p.id, before, planVersion(p).toJson(p));
    uow.commit();
    return p;
}

Plan CatalogService::unarchivePlan(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Plan p = plan(reference);
    if (!p.isArchived())
        throw ServiceError::conflict(QStringLiteral("plan \"%1\" is not archived").arg(p.name));
    const QJsonObject before = planVersion(p).toJson(p);
    p.archivedAt = QDateTime();
    p.updatedAt = m_clock.now();
    m_plans.update(p);
    audit(QStringLiteral("plan.unarchive"), QStringLiteral("plan"), p.id, before, planVersion(p).toJson(p));
    uow.commit();
    return p;
}

void CatalogService::deletePlan(const QString &reference)
{
    requireWritable();
    Database &db = m_file.db();
    UnitOfWork uow(db);
    const Plan p = plan(reference);
    if (db.scalar(QStringLiteral("SELECT count(*) FROM subscriptions WHERE plan_id = ?"), {p.id}).toInt() > 0)
        throw ServiceError::conflict(QStringLiteral("plan \"%1\" has subscriptions and stays on record: archive it instead").arg(p.name));
    const QJsonObject before = planVersion(p).toJson(p);
    db.exec(QStringLiteral("DELETE FROM plan_version_prices WHERE plan_version_id IN (SELECT id FROM plan_versions WHERE plan_id = ?)"), {p.id});
    db.exec(QStringLiteral("DELETE FROM plan_versions WHERE plan_id = ?"), {p.id});
    db.exec(QStringLiteral("DELETE FROM plans WHERE id = ?"), {p.id});
    audit(QStringLiteral("plan.delete"), QStringLiteral("plan"), p.id, before, std::nullopt);
    uow.commit();
}

QJsonObject CatalogService::describe(const Plan &plan, const PlanVersion &version) const
{
    QJsonObject o = version.toJson(plan);
    QJsonArray prices;
    for (QJsonObject p : version.prices) {
        if (const auto item = m_items.findById(p.value(QStringLiteral("item_id")).toString())) {
            p.insert(QStringLiteral("item_name"), item->name);
            p.insert(QStringLiteral("item"), QJsonObject{{QStringLiteral("id"), item->id}, {QStringLiteral("name"), item->name}});
        }
        const QString metricId = p.value(QStringLiteral("billable_metric_id")).toString();
        if (!metricId.isEmpty())
            if (const auto metric = m_metrics.findById(metricId)) {
                p.insert(QStringLiteral("billable_metric_name"), metric->name());
                p.insert(QStringLiteral("billable_metric"), QJsonObject{{QStringLiteral("id"), metricId}, {QStringLiteral("name"), metric->name()}});
            }
        prices.append(p);
    }
    o.insert(QStringLiteral("prices"), prices);
    QJsonArray adjustments;
    for (const QJsonValue &value : version.adjustments) {
        QJsonObject a = value.toObject();
        if (a.contains(QStringLiteral("item_id")))
            if (const auto item = m_items.findById(a.value(QStringLiteral("item_id")).toString()))
                a.insert(QStringLiteral("item_name"), item->name);
        adjustments.append(a);
    }
    o.insert(QStringLiteral("adjustments"), adjustments);
    return o;
}

// ---- import and export ----

CatalogService::Outcome CatalogService::applyItem(const ItemDraft &draft)
{
    std::optional<Item> existing;
    if (!draft.fileId.isEmpty())
        existing = m_items.findById(draft.fileId);
    if (!existing)
        existing = m_items.findByName(draft.name);
    if (!existing) {
        Item item;
        item.id = newId();
        item.name = draft.name;
        item.createdAt = m_clock.now();
        item.updatedAt = item.createdAt;
        m_items.insert(item);
        audit(QStringLiteral("item.create"), QStringLiteral("item"), item.id, std::nullopt, item.toJson());
        return Outcome::Created;
    }
    if (existing->name == draft.name)
        return Outcome::Unchanged;
    if (m_items.findByName(draft.name))
        throw ServiceError::invalid(QStringLiteral("the catalog was not changed"),
                                    {{draft.path + QStringLiteral(".name"), QStringLiteral("another item is already named \"%1\"").arg(draft.name)}});
    const QJsonObject before = existing->toJson();
    existing->name = draft.name;
    existing->updatedAt = m_clock.now();
    m_items.update(*existing);
    audit(QStringLiteral("item.update"), QStringLiteral("item"), existing->id, before, existing->toJson());
    return Outcome::Updated;
}

CatalogService::Outcome CatalogService::applyMetric(const MetricDraft &draft)
{
    std::optional<MetricDefinition> existing;
    if (!draft.metric.id().isEmpty())
        existing = m_metrics.findById(draft.metric.id());
    if (!existing)
        existing = m_metrics.findByName(draft.metric.name());
    MetricDefinition m = draft.metric;
    if (!existing) {
        m.setId(newId());
        m_metrics.insert(m, m_clock.now());
        audit(QStringLiteral("billable_metric.create"), QStringLiteral("billable_metric"), m.id(), std::nullopt, metricJson(m));
        return Outcome::Created;
    }
    m.setId(existing->id());
    if (m == *existing)
        return Outcome::Unchanged;
    if (const auto other = m_metrics.findByName(m.name()); other && other->id() != m.id())
        throw ServiceError::invalid(QStringLiteral("the catalog was not changed"),
                                    {{draft.path + QStringLiteral(".name"), QStringLiteral("another billable metric is already named \"%1\"").arg(m.name())}});
    m_metrics.update(m, m_clock.now());
    audit(QStringLiteral("billable_metric.update"), QStringLiteral("billable_metric"), m.id(), metricJson(*existing), metricJson(m));
    return Outcome::Updated;
}

CatalogImportSummary CatalogService::importCatalog(QByteArrayView json)
{
    requireWritable();
    // The transaction starts before the checks, so nothing changes between checking and storing.
    UnitOfWork uow(m_file.db());
    FieldErrors errors;
    CatalogParser parser(m_file.db());
    const CatalogDraft draft = parser.parseFile(json, &errors);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the catalog file was refused; nothing was imported (%1 %2)")
                                        .arg(errors.size())
                                        .arg(errors.size() == 1 ? QStringLiteral("error") : QStringLiteral("errors")),
                                    errors);
    auto count = [](ImportCounts &c, Outcome o) { (o == Outcome::Created ? c.created : o == Outcome::Updated ? c.updated : c.unchanged)++; };
    CatalogImportSummary summary;
    for (const ItemDraft &item : draft.items)
        count(summary.items, applyItem(item));
    for (const MetricDraft &metric : draft.metrics)
        count(summary.metrics, applyMetric(metric));
    for (const PlanDraft &plan : draft.plans)
        count(summary.plans, applyPlan(plan, parser.matchPlan(plan), nullptr));
    uow.commit();
    return summary;
}

QJsonObject CatalogService::exportCatalog() const
{
    QJsonArray items;
    for (const Item &item : m_items.list())
        items.append(QJsonObject{{QStringLiteral("id"), item.id}, {QStringLiteral("name"), item.name}});
    QJsonArray metrics;
    for (const MetricDefinition &m : m_metrics.list())
        metrics.append(metricJson(m));
    QJsonArray plans;
    for (const Plan &plan : m_plans.list()) {
        const PlanVersion version = planVersion(plan);
        QJsonObject o = describe(plan, version);
        // Price ids are the company file's; a file names prices by external_price_id.
        o.insert(QStringLiteral("adjustments"), mapAppliesTo(o.value(QStringLiteral("adjustments")).toArray(), priceIdMap(version.prices, false)));
        // Read-only fields of the company file, not part of the catalog.
        for (const char *key : {"status", "version", "plan_version_id", "created_at"})
            o.remove(QLatin1String(key));
        plans.append(o);
    }
    return {{QStringLiteral("items"), items}, {QStringLiteral("billable_metrics"), metrics}, {QStringLiteral("plans"), plans}};
}

} // namespace orb
