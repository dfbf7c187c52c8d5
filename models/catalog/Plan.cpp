// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/Plan.h"

#include "models/Timestamps.h"

namespace orb {

bool Plan::sameFields(const Plan &o) const
{
    return externalPlanId == o.externalPlanId && name == o.name && description == o.description && currency == o.currency && netTerms == o.netTerms
           && defaultInvoiceMemo == o.defaultInvoiceMemo && trialPeriod == o.trialPeriod && trialPeriodUnit == o.trialPeriodUnit && metadata == o.metadata;
}

QJsonObject PlanVersion::toJson(const Plan &plan) const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), plan.id);
    o.insert(QStringLiteral("external_plan_id"), plan.externalPlanId.isEmpty() ? QJsonValue() : QJsonValue(plan.externalPlanId));
    o.insert(QStringLiteral("name"), plan.name);
    o.insert(QStringLiteral("description"), plan.description);
    o.insert(QStringLiteral("currency"), plan.currency);
    o.insert(QStringLiteral("net_terms"), plan.netTerms ? QJsonValue(*plan.netTerms) : QJsonValue());
    o.insert(QStringLiteral("default_invoice_memo"), plan.defaultInvoiceMemo.isEmpty() ? QJsonValue() : QJsonValue(plan.defaultInvoiceMemo));
    o.insert(QStringLiteral("trial_config"), QJsonObject{{QStringLiteral("trial_period"), plan.trialPeriod ? QJsonValue(*plan.trialPeriod) : QJsonValue()},
                                                         {QStringLiteral("trial_period_unit"), plan.trialPeriodUnit}});
    o.insert(QStringLiteral("metadata"), plan.metadata);
    o.insert(QStringLiteral("status"), plan.isArchived() ? QStringLiteral("archived") : QStringLiteral("active"));
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("plan_version_id"), id);
    o.insert(QStringLiteral("created_at"), toApiTimestamp(plan.createdAt));
    o.insert(QStringLiteral("adjustments"), adjustments);
    QJsonArray list;
    for (const QJsonObject &p : prices)
        list.append(p);
    o.insert(QStringLiteral("prices"), list);
    return o;
}

} // namespace orb
