// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/PlanRepository.h"

#include "models/StorageError.h"
#include "models/Timestamps.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace orb {

namespace {

const QString kColumns = QStringLiteral("id, external_plan_id, name, description, currency, net_terms, default_invoice_memo, trial_period, "
                                        "trial_period_unit, metadata, current_version, created_at, updated_at, archived_at");

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QVariant nullableInt(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<int>());
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QJsonDocument parseStored(const QString &text, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        throw ServiceError::storage(QStringLiteral("%1 in the company file is damaged: %2").arg(what, error.errorString()));
    return doc;
}

QVariantList planValues(const Plan &p)
{
    // A null QString binds as SQL NULL; the description is NOT NULL and may be empty.
    const QString description = p.description.isNull() ? QStringLiteral("") : p.description;
    return {nullableText(p.externalPlanId),
            p.name,
            description,
            p.currency,
            nullableInt(p.netTerms),
            nullableText(p.defaultInvoiceMemo),
            nullableInt(p.trialPeriod),
            p.trialPeriodUnit,
            compact(p.metadata),
            p.currentVersion,
            toIsoUtc(p.createdAt),
            toIsoUtc(p.updatedAt),
            p.archivedAt.isValid() ? QVariant(toIsoUtc(p.archivedAt)) : QVariant(QMetaType::fromType<QString>())};
}

} // namespace

void PlanRepository::insert(const Plan &plan)
{
    m_db.exec(QStringLiteral("INSERT INTO plans (") + kColumns + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
              QVariantList{plan.id} + planValues(plan));
}

void PlanRepository::update(const Plan &plan)
{
    m_db.exec(QStringLiteral("UPDATE plans SET external_plan_id = ?, name = ?, description = ?, currency = ?, net_terms = ?, "
                             "default_invoice_memo = ?, trial_period = ?, trial_period_unit = ?, metadata = ?, current_version = ?, "
                             "created_at = ?, updated_at = ?, archived_at = ? WHERE id = ?"),
              planValues(plan) + QVariantList{plan.id});
}

void PlanRepository::insertVersion(const PlanVersion &v)
{
    m_db.exec(QStringLiteral("INSERT INTO plan_versions (id, plan_id, version, adjustments, created_at) VALUES (?, ?, ?, ?, ?)"),
              {v.id, v.planId, v.version, compact(v.adjustments), toIsoUtc(v.createdAt)});
    int position = 0;
    for (const QJsonObject &p : v.prices) {
        const QString metric = p.value(QStringLiteral("billable_metric_id")).toString();
        m_db.exec(QStringLiteral("INSERT INTO plan_version_prices (id, plan_version_id, position, name, model_type, cadence, currency, "
                                 "item_id, billable_metric_id, external_price_id, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {p.value(QStringLiteral("id")).toString(), v.id, position++, p.value(QStringLiteral("name")).toString(),
                   p.value(QStringLiteral("model_type")).toString(), p.value(QStringLiteral("cadence")).toString(),
                   p.value(QStringLiteral("currency")).toString(), p.value(QStringLiteral("item_id")).toString(), nullableText(metric),
                   nullableText(p.value(QStringLiteral("external_price_id")).toString()), compact(p)});
    }
}

QList<Plan> PlanRepository::select(const QString &where, const QVariantList &binds) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM plans ") + where, binds);
    QList<Plan> out;
    while (q.next()) {
        Plan p;
        p.id = q.value(0).toString();
        p.externalPlanId = q.value(1).toString();
        p.name = q.value(2).toString();
        p.description = q.value(3).toString();
        p.currency = q.value(4).toString();
        if (!q.value(5).isNull())
            p.netTerms = q.value(5).toInt();
        p.defaultInvoiceMemo = q.value(6).toString();
        if (!q.value(7).isNull())
            p.trialPeriod = q.value(7).toInt();
        p.trialPeriodUnit = q.value(8).toString();
        p.metadata = parseStored(q.value(9).toString(), QStringLiteral("plan %1").arg(p.id)).object();
        p.currentVersion = q.value(10).toInt();
        p.createdAt = fromIsoUtc(q.value(11).toString());
        p.updatedAt = fromIsoUtc(q.value(12).toString());
        if (!q.value(13).isNull())
            p.archivedAt = fromIsoUtc(q.value(13).toString());
        out.append(p);
    }
    return out;
}

std::optional<Plan> PlanRepository::findById(const QString &id) const
{
    const auto list = select(QStringLiteral("WHERE id = ?"), {id});
    return list.isEmpty() ? std::nullopt : std::optional<Plan>(list.first());
}

std::optional<Plan> PlanRepository::findByExternalId(const QString &externalPlanId) const
{
    const auto list = select(QStringLiteral("WHERE external_plan_id = ?"), {externalPlanId});
    return list.isEmpty() ? std::nullopt : std::optional<Plan>(list.first());
}

std::optional<Plan> PlanRepository::findByName(const QString &name) const
{
    const auto list = select(QStringLiteral("WHERE name = ? ORDER BY created_at, id"), {name});
    return list.isEmpty() ? std::nullopt : std::optional<Plan>(list.first());
}

std::optional<Plan> PlanRepository::resolve(const QString &reference) const
{
    if (auto p = findById(reference))
        return p;
    return findByExternalId(reference);
}

QList<Plan> PlanRepository::list() const
{
    return select(QStringLiteral("ORDER BY name, id"), {});
}

std::optional<PlanVersion> PlanRepository::selectVersion(const QString &where, const QVariantList &binds) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, plan_id, version, adjustments, created_at FROM plan_versions ") + where, binds);
    if (!q.next())
        return std::nullopt;
    PlanVersion v;
    v.id = q.value(0).toString();
    v.planId = q.value(1).toString();
    v.version = q.value(2).toInt();
    v.adjustments = parseStored(q.value(3).toString(), QStringLiteral("plan version %1").arg(v.id)).array();
    v.createdAt = fromIsoUtc(q.value(4).toString());
    QSqlQuery prices = m_db.exec(QStringLiteral("SELECT id, definition FROM plan_version_prices WHERE plan_version_id = ? ORDER BY position"), {v.id});
    while (prices.next())
        v.prices.append(parseStored(prices.value(1).toString(), QStringLiteral("price %1").arg(prices.value(0).toString())).object());
    return v;
}

std::optional<PlanVersion> PlanRepository::version(const QString &planId, int number) const
{
    return selectVersion(QStringLiteral("WHERE plan_id = ? AND version = ?"), {planId, number});
}

std::optional<PlanVersion> PlanRepository::versionById(const QString &planVersionId) const
{
    return selectVersion(QStringLiteral("WHERE id = ?"), {planVersionId});
}

QList<int> PlanRepository::versionNumbers(const QString &planId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT version FROM plan_versions WHERE plan_id = ? ORDER BY version"), {planId});
    QList<int> out;
    while (q.next())
        out.append(q.value(0).toInt());
    return out;
}

} // namespace orb
