// SPDX-License-Identifier: GPL-3.0-or-later
// Orb's billing endpoints: plans, subscriptions, invoices.
#include "app/api/ApiTypes.h"

#include "engine/Clock.h"
#include "engine/Decimal.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Timestamps.h"
#include "models/api/ApiCreatedOrder.h"
#include "models/api/ApiDates.h"
#include "models/api/ApiInvoicePage.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"

#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace orb::api {

namespace {

QString text(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw ApiError::validation(QStringLiteral("%1: must be a string").arg(field),
                                   {QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("message"), QStringLiteral("must be a string")}}});
    return v.toString();
}

void rejectUnknown(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.contains(it.key()))
            throw ApiError::validation(QStringLiteral("%1: not a field this server accepts (known: %2)").arg(it.key(), known.join(QStringLiteral(", "))),
                                       {QJsonObject{{QStringLiteral("field"), it.key()}, {QStringLiteral("message"), QStringLiteral("unknown field")}}});
}

/// A date, or an instant taken as its day in the customer's zone (Orb accepts both).
std::optional<QDate> dateIn(const QJsonObject &body, const QString &field, const QString &timezone)
{
    const QString t = text(body, field);
    if (t.isEmpty())
        return std::nullopt;
    QDate d = QDate::fromString(t, Qt::ISODate);
    if (!d.isValid() || t.size() != 10) {
        QDateTime instant = QDateTime::fromString(t, Qt::ISODateWithMs);
        if (instant.isValid() && instant.timeSpec() != Qt::LocalTime) {
            const QTimeZone zone(timezone.toUtf8());
            d = zone.isValid() ? instant.toTimeZone(zone).date() : instant.toUTC().date();
        } else {
            d = {};
        }
    }
    if (!d.isValid())
        throw ApiError::validation(QStringLiteral("%1: \"%2\" is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with a zone").arg(field, t),
                                   {QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("message"), QStringLiteral("date required")}}});
    return d;
}

/// Orb's nested {id, external_customer_id} for a customer id.
QJsonObject customerRef(CompanyFile &company, const QString &customerId)
{
    const auto c = CustomerRepository(company.db()).findById(customerId);
    return QJsonObject{
        {QStringLiteral("id"), customerId},
        {QStringLiteral("external_customer_id"), c && !c->externalCustomerId.isEmpty() ? QJsonValue(c->externalCustomerId) : QJsonValue(QJsonValue::Null)}};
}

/// What an invoice object needs of its customer, read once per customer of a list.
struct InvoiceCustomer {
    QJsonObject ref;
    QTimeZone zone;
};
using InvoiceCustomers = QHash<QString, InvoiceCustomer>;

QJsonObject invoiceJson(ApiContext &ctx, const Invoice &inv, InvoiceCustomers *customers = nullptr)
{
    InvoiceCustomers local;
    InvoiceCustomers &known = customers ? *customers : local;
    auto it = known.find(inv.customerId);
    if (it == known.end())
        it = known.insert(inv.customerId, InvoiceCustomer{customerRef(ctx.company, inv.customerId), ApiDates::customerZone(ctx.company.db(), inv.customerId)});
    QJsonObject o = inv.toJson();
    // Orb sends a line item's quantity as a JSON number (amounts stay strings).
    QJsonArray lines = o.value(QStringLiteral("line_items")).toArray();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QJsonObject line = lines.at(i).toObject();
        const QJsonValue q = line.value(QStringLiteral("quantity"));
        if (q.isString())
            if (Decimal::tryParse(q.toString()))
                line.insert(QStringLiteral("quantity"), QJsonDocument::fromJson("[" + q.toString().toLatin1() + "]").array().at(0));
        lines.replace(i, line);
    }
    o.insert(QStringLiteral("line_items"), lines);
    ApiDates::invoiceDays(o, it->zone);
    o.insert(QStringLiteral("customer"), it->ref);
    o.insert(QStringLiteral("invoice_source"), inv.subscriptionId.isEmpty() ? QStringLiteral("one_off") : QStringLiteral("subscription"));
    o.insert(QStringLiteral("metadata"), QJsonObject()); // invoices carry no metadata here
    // No hosted invoice page or PDF link, and no automatic issuing: an invoice is issued by a
    // person or `orbctl`, never scheduled, so these are Orb's "none".
    o.insert(QStringLiteral("hosted_invoice_url"), QJsonValue::Null);
    o.insert(QStringLiteral("invoice_pdf"), QJsonValue::Null);
    o.insert(QStringLiteral("will_auto_issue"), false);
    o.insert(QStringLiteral("eligible_to_issue_at"), QJsonValue::Null);
    o.insert(QStringLiteral("scheduled_issue_at"), QJsonValue::Null);
    o.insert(QStringLiteral("issue_failed_at"), QJsonValue::Null);
    o.insert(QStringLiteral("subscription"),
             inv.subscriptionId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject{{QStringLiteral("id"), inv.subscriptionId}}));
    return o;
}

QJsonObject planJson(CatalogService &catalog, const Plan &plan)
{
    QJsonObject o = catalog.describe(plan, catalog.planVersion(plan));
    o.insert(QStringLiteral("status"), plan.isArchived() ? QStringLiteral("archived") : QStringLiteral("active"));
    // Plans here are not derived from a base plan and have no phases (a subscription's plan
    // changes are its own phases); a plan invoices in its own currency.
    o.insert(QStringLiteral("base_plan"), QJsonValue::Null);
    o.insert(QStringLiteral("base_plan_id"), QJsonValue::Null);
    o.insert(QStringLiteral("plan_phases"), QJsonValue::Null);
    o.insert(QStringLiteral("invoicing_currency"), o.value(QStringLiteral("currency")));
    return o;
}

/// Orb's Subscription object: the service's object with Orb's derived fields (the current
/// billing period, the anchor, the terms its invoices take) and the full customer and plan.
QJsonObject subscriptionJson(ApiContext &ctx, SubscriptionService &service, const Subscription &sub)
{
    QJsonObject o = service.toJson(sub);
    const QTimeZone zone = ApiDates::customerZone(ctx.company.db(), sub.customerId);
    const SubscriptionBillingView view = service.billingView(sub);
    const auto day = [&](const std::optional<QDate> &d) { return d ? QJsonValue(ApiDates::dayStart(*d, zone)) : QJsonValue(QJsonValue::Null); };
    o.insert(QStringLiteral("name"), view.planName);
    o.insert(QStringLiteral("current_billing_period_start_date"), day(view.periodStart));
    o.insert(QStringLiteral("current_billing_period_end_date"), day(view.periodEnd));
    o.insert(QStringLiteral("billing_cycle_day"), view.anchorDay);
    o.insert(QStringLiteral("billing_cycle_anchor_configuration"),
             QJsonObject{{QStringLiteral("day"), view.anchorDay},
                         {QStringLiteral("month"), view.anchorMonth ? QJsonValue(view.anchorMonth) : QJsonValue(QJsonValue::Null)},
                         {QStringLiteral("year"), view.anchorYear ? QJsonValue(view.anchorYear) : QJsonValue(QJsonValue::Null)}});
    o.insert(QStringLiteral("net_terms"), view.netTerms);
    o.insert(QStringLiteral("default_invoice_memo"), view.memo.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(view.memo));
    o.insert(QStringLiteral("trial_info"), QJsonObject{{QStringLiteral("end_date"), day(view.trialEnd)}});
    o.insert(QStringLiteral("redeemed_coupon"), sub.couponId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                       : QJsonValue(QJsonObject{{QStringLiteral("coupon_id"), sub.couponId},
                                                                                                {QStringLiteral("start_date"), day(sub.couponRedeemedOn)},
                                                                                                {QStringLiteral("end_date"), day(view.couponEnd)}}));
    // What hosted Orb has and this server does not (plan phases, thresholds, subscription
    // change previews, per-subscription collection settings): null, Orb's "none" or "default".
    o.insert(QStringLiteral("metadata"), QJsonObject());
    o.insert(QStringLiteral("active_plan_phase_order"), QJsonValue::Null);
    o.insert(QStringLiteral("invoicing_threshold"), QJsonValue::Null);
    o.insert(QStringLiteral("pending_subscription_change"), QJsonValue::Null);
    o.insert(QStringLiteral("auto_collection"), QJsonValue::Null);
    o.insert(QStringLiteral("auto_issuance"), QJsonValue::Null);
    ApiDates::subscriptionDays(o, zone);
    if (const auto c = CustomerRepository(ctx.company.db()).findById(sub.customerId))
        o.insert(QStringLiteral("customer"), customerObject(*c));
    else
        o.insert(QStringLiteral("customer"), customerRef(ctx.company, sub.customerId));
    CatalogService catalog(ctx.company, ctx.clock);
    if (const auto plan = catalog.plans().findById(sub.planId))
        o.insert(QStringLiteral("plan"), planJson(catalog, *plan));
    return o;
}

/// Orb's created_at[gt|gte|lt|lte] filters: ISO 8601 instants with a zone.
CreatedRange createdRange(const ApiContext &ctx)
{
    CreatedRange r;
    const std::pair<const char *, QDateTime *> fields[] = {
        {"created_at[gt]", &r.after}, {"created_at[gte]", &r.from}, {"created_at[lt]", &r.before}, {"created_at[lte]", &r.to}};
    for (const auto &[name, target] : fields) {
        const QString t = ctx.query(QLatin1String(name));
        if (t.isEmpty())
            continue;
        *target = parseTimestampWithZone(t);
        if (!target->isValid())
            throw ApiError::validation(
                QStringLiteral("%1: \"%2\" is not an ISO 8601 timestamp with a zone").arg(QLatin1String(name), t),
                {QJsonObject{{QStringLiteral("field"), QLatin1String(name)}, {QStringLiteral("message"), QStringLiteral("timestamp required")}}});
    }
    return r;
}

// ---- plans ----

ApiResponse listPlans(ApiContext &ctx)
{
    CatalogService service(ctx.company, ctx.clock);
    QJsonArray all;
    const QStringList statuses = ctx.queryList(QStringLiteral("status"));
    const CreatedRange range = createdRange(ctx);
    for (const Plan &p : service.plans().list()) {
        const QString status = p.isArchived() ? QStringLiteral("archived") : QStringLiteral("active");
        if (!statuses.isEmpty() && !statuses.contains(status))
            continue;
        if ((range.after.isValid() && !(p.createdAt > range.after)) || (range.from.isValid() && p.createdAt < range.from)
            || (range.before.isValid() && !(p.createdAt < range.before)) || (range.to.isValid() && p.createdAt > range.to))
            continue;
        all.append(planJson(service, p));
    }
    return ApiResponse::json(page(ctx, all));
}

ApiResponse fetchPlanImpl(ApiContext &ctx, bool external)
{
    CatalogService service(ctx.company, ctx.clock);
    const auto p = external ? service.plans().findByExternalId(ctx.params[0]) : service.plans().findById(ctx.params[0]);
    if (!p)
        throw ApiError::notFound(
            QStringLiteral("no plan with %1 \"%2\"").arg(external ? QStringLiteral("external_plan_id") : QStringLiteral("id"), ctx.params[0]));
    return ApiResponse::json(planJson(service, *p));
}

ApiResponse fetchPlan(ApiContext &ctx)
{
    return fetchPlanImpl(ctx, false);
}

ApiResponse fetchPlanByExternalId(ApiContext &ctx)
{
    return fetchPlanImpl(ctx, true);
}

// ---- subscriptions ----

ApiResponse createSubscription(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, {QStringLiteral("customer_id"), QStringLiteral("external_customer_id"), QStringLiteral("plan_id"), QStringLiteral("external_plan_id"),
                         QStringLiteral("start_date"), QStringLiteral("end_date"), QStringLiteral("plan_version_number"), QStringLiteral("net_terms"),
                         QStringLiteral("coupon_redemption_code"), QStringLiteral("default_invoice_memo"),
                         QStringLiteral("align_billing_with_subscription_start_date"), QStringLiteral("trial_duration_days")});
    const QString customerId = text(body, QStringLiteral("customer_id"));
    const QString externalCustomerId = text(body, QStringLiteral("external_customer_id"));
    if (customerId.isEmpty() == externalCustomerId.isEmpty())
        throw ApiError::validation(QStringLiteral("give exactly one of customer_id and external_customer_id"),
                                   {QJsonObject{{QStringLiteral("field"), QStringLiteral("customer_id")},
                                                {QStringLiteral("message"), QStringLiteral("exactly one of customer_id, external_customer_id")}}});
    const QString planId = text(body, QStringLiteral("plan_id"));
    const QString externalPlanId = text(body, QStringLiteral("external_plan_id"));
    if (planId.isEmpty() == externalPlanId.isEmpty())
        throw ApiError::validation(QStringLiteral("give exactly one of plan_id and external_plan_id"),
                                   {QJsonObject{{QStringLiteral("field"), QStringLiteral("plan_id")},
                                                {QStringLiteral("message"), QStringLiteral("exactly one of plan_id, external_plan_id")}}});
    CustomerRepository customers(ctx.company.db());
    const auto customer = customerId.isEmpty() ? customers.findByExternalId(externalCustomerId) : customers.findById(customerId);
    if (!customer)
        throw ApiError::notFound(customerId.isEmpty() ? QStringLiteral("no customer with external_customer_id \"%1\"").arg(externalCustomerId)
                                                      : QStringLiteral("no customer with id \"%1\"").arg(customerId));
    CatalogService catalog(ctx.company, ctx.clock);
    const auto plan = planId.isEmpty() ? catalog.plans().findByExternalId(externalPlanId) : catalog.plans().findById(planId);
    if (!plan)
        throw ApiError::notFound(planId.isEmpty() ? QStringLiteral("no plan with external_plan_id \"%1\"").arg(externalPlanId)
                                                  : QStringLiteral("no plan with id \"%1\"").arg(planId));
    SubscriptionDraft d;
    d.customer = customer->id;
    d.plan = plan->id;
    const QTimeZone zone(customer->timezone.toUtf8());
    d.startDate = dateIn(body, QStringLiteral("start_date"), customer->timezone)
                      .value_or(zone.isValid() ? ctx.clock.now().toTimeZone(zone).date() : ctx.clock.now().toUTC().date());
    d.endDate = dateIn(body, QStringLiteral("end_date"), customer->timezone);
    if (body.contains(QStringLiteral("plan_version_number")) && !body.value(QStringLiteral("plan_version_number")).isNull())
        d.planVersion = body.value(QStringLiteral("plan_version_number")).toInt();
    if (body.value(QStringLiteral("net_terms")).isDouble())
        d.netTerms = body.value(QStringLiteral("net_terms")).toInt();
    if (const QJsonValue t = body.value(QStringLiteral("trial_duration_days")); !t.isUndefined() && !t.isNull()) {
        if (!t.isDouble() || t.toDouble() != double(t.toInt()) || t.toInt() < 0)
            throw ApiError::validation(
                QStringLiteral("trial_duration_days: must be a whole number of days, 0 or more"),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("trial_duration_days")}, {QStringLiteral("message"), QStringLiteral("whole days")}}});
        d.trialDays = t.toInt(); // instead of the plan's trial
    }
    d.coupon = text(body, QStringLiteral("coupon_redemption_code"));
    d.memo = text(body, QStringLiteral("default_invoice_memo"));
    if (body.value(QStringLiteral("align_billing_with_subscription_start_date")) == QJsonValue(false))
        d.alignment = QStringLiteral("first_of_month");
    SubscriptionService service(ctx.company, ctx.clock);
    return ApiResponse::json(subscriptionJson(ctx, service, service.create(d)));
}

ApiResponse listSubscriptions(ApiContext &ctx)
{
    SubscriptionService service(ctx.company, ctx.clock);
    // Orb's customer_id and external_customer_id are arrays (the SDKs send customer_id[]=…):
    // a subscription of any customer named; unknown external ids name nobody.
    const QStringList ids = ctx.queryList(QStringLiteral("customer_id"));
    const QStringList externals = ctx.queryList(QStringLiteral("external_customer_id"));
    QSet<QString> customers(ids.cbegin(), ids.cend());
    CustomerRepository customerRepository(ctx.company.db());
    for (const QString &e : externals)
        if (const auto c = customerRepository.findByExternalId(e))
            customers.insert(c->id);
    const bool byCustomer = !ids.isEmpty() || !externals.isEmpty();
    if (byCustomer && customers.isEmpty())
        return ApiResponse::json(pageOf({}, 0, 0));
    // One customer is a range of the index; several are checked on the rows read.
    const QString customer = customers.size() == 1 ? *customers.cbegin() : QString();
    QString plan = ctx.query(QStringLiteral("plan_id"));
    if (const QString externalPlan = ctx.query(QStringLiteral("external_plan_id")); !externalPlan.isEmpty()) {
        const auto p = CatalogService(ctx.company, ctx.clock).plans().findByExternalId(externalPlan);
        if (!p || (!plan.isEmpty() && plan != p->id))
            return ApiResponse::json(pageOf({}, 0, 0));
        plan = p->id;
    }
    const QStringList statuses = ctx.queryList(QStringLiteral("status"));
    const int limit = ctx.limit();
    const CreatedRange range = createdRange(ctx);
    std::optional<CreatedKey> after;
    if (const QString c = ctx.query(QStringLiteral("cursor")); !c.isEmpty()) {
        after = ApiCreatedOrder::parseCursor(ApiCreatedOrder::Table::Subscriptions, c);
        if (!after)
            throw ApiError::validation(
                QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page of this list").arg(c),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    }
    // The page by keyset in SQL (newest first); a status depends on the customer's today, so it
    // is checked here, reading on in batches until the page is full.
    QJsonArray data;
    bool hasMore = false;
    CreatedKey last;
    for (bool more = true; more && !hasMore;) {
        const QList<CreatedKey> keys = ApiCreatedOrder::keys(ctx.company.db(), ApiCreatedOrder::Table::Subscriptions, customer, range, after, limit + 1);
        more = keys.size() == limit + 1;
        for (const CreatedKey &k : keys) {
            after = k;
            const Subscription s = service.get(k.id);
            if (!statuses.isEmpty() && !statuses.contains(s.status(service.today(s))))
                continue;
            if ((byCustomer && !customers.contains(s.customerId)) || (!plan.isEmpty() && s.planId != plan))
                continue;
            if (data.size() == limit) {
                hasMore = true;
                break;
            }
            data.append(subscriptionJson(ctx, service, s));
            last = k;
        }
    }
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("data"), data},
                    {QStringLiteral("pagination_metadata"),
                     QJsonObject{{QStringLiteral("has_more"), hasMore},
                                 {QStringLiteral("next_cursor"), hasMore ? QJsonValue(ApiCreatedOrder::cursor(ApiCreatedOrder::Table::Subscriptions, last))
                                                                         : QJsonValue(QJsonValue::Null)}}}});
}

ApiResponse fetchSubscription(ApiContext &ctx)
{
    SubscriptionService service(ctx.company, ctx.clock);
    return ApiResponse::json(subscriptionJson(ctx, service, service.get(ctx.params[0])));
}

ApiResponse cancelSubscription(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, {QStringLiteral("cancel_option"), QStringLiteral("cancellation_date"), QStringLiteral("allow_invoice_credit_or_void")});
    SubscriptionService service(ctx.company, ctx.clock);
    const Subscription sub = service.get(ctx.params[0]);
    const QString option = text(body, QStringLiteral("cancel_option"));
    ChangeTiming timing;
    std::optional<QDate> date;
    if (option == QLatin1String("end_of_subscription_term")) {
        timing = ChangeTiming::EndOfTerm;
    } else if (option == QLatin1String("immediate")) {
        timing = ChangeTiming::Immediate;
    } else if (option == QLatin1String("requested_date")) {
        timing = ChangeTiming::OnDate;
        const auto c = CustomerRepository(ctx.company.db()).findById(sub.customerId);
        date = dateIn(body, QStringLiteral("cancellation_date"), c ? c->timezone : QString());
        if (!date)
            throw ApiError::validation(
                QStringLiteral("cancellation_date: required with cancel_option requested_date"),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cancellation_date")}, {QStringLiteral("message"), QStringLiteral("required")}}});
    } else {
        throw ApiError::validation(
            QStringLiteral("cancel_option: \"%1\" must be end_of_subscription_term, immediate or requested_date").arg(option),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("cancel_option")}, {QStringLiteral("message"), QStringLiteral("unknown option")}}});
    }
    service.cancel(sub.id, timing, date);
    return ApiResponse::json(subscriptionJson(ctx, service, service.get(sub.id)));
}

// ---- invoices ----

ApiResponse listInvoices(ApiContext &ctx)
{
    InvoicePageQuery q;
    q.limit = ctx.limit();
    q.customerId = ctx.query(QStringLiteral("customer_id"));
    const QString external = ctx.query(QStringLiteral("external_customer_id"));
    std::optional<Customer> customer;
    if (!q.customerId.isEmpty())
        customer = CustomerRepository(ctx.company.db()).findById(q.customerId);
    else if (!external.isEmpty()) {
        customer = CustomerRepository(ctx.company.db()).findByExternalId(external);
        if (!customer)
            return ApiResponse::json(pageOf({}, 0, 0));
        q.customerId = customer->id;
    }
    q.subscriptionId = ctx.query(QStringLiteral("subscription_id"));
    for (const char *unsupported : {"amount", "amount[gt]", "amount[lt]", "is_recurring", "date_type", "due_date_window"})
        if (!ctx.query(QLatin1String(unsupported)).isEmpty())
            throw ApiError::validation(
                QStringLiteral("%1: this filter is not supported by this server").arg(QLatin1String(unsupported)),
                {QJsonObject{{QStringLiteral("field"), QLatin1String(unsupported)}, {QStringLiteral("message"), QStringLiteral("not supported")}}});
    // An invoice's date is a day in its customer's zone (the company's for a list of many
    // customers): an instant bound is compared with the start of that day.
    const QTimeZone zone(((customer && !customer->timezone.isEmpty()) ? customer->timezone : ctx.company.settings().timezone).toUtf8());
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::utc();
    if (const auto b = dayBound(ctx, QStringLiteral("invoice_date[gt]"), z, true))
        q.invoiceDateAfter = b->day; // the start of a later day
    if (const auto b = dayBound(ctx, QStringLiteral("invoice_date[gte]"), z, true))
        (b->atStart ? q.invoiceDateFrom : q.invoiceDateAfter) = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("invoice_date[lt]"), z, true))
        (b->atStart ? q.invoiceDateBefore : q.invoiceDateTo) = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("invoice_date[lte]"), z, true))
        q.invoiceDateTo = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("due_date"), z, false))
        q.dueDate = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("due_date[gt]"), z, false))
        q.dueDateAfter = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("due_date[lt]"), z, false))
        q.dueDateBefore = b->day;
    // As in Orb: drafts only when asked for by status.
    QStringList statuses = ctx.queryList(QStringLiteral("status"));
    const QStringList known = {QStringLiteral("draft"), QStringLiteral("issued"), QStringLiteral("paid"), QStringLiteral("void"), QStringLiteral("synced")};
    for (const QString &s : statuses)
        if (!known.contains(s))
            throw ApiError::validation(
                QStringLiteral("status: \"%1\" is not one of %2").arg(s, known.join(QStringLiteral(", "))),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("status")}, {QStringLiteral("message"), QStringLiteral("unknown status")}}});
    if (statuses.isEmpty())
        statuses = {QStringLiteral("issued"), QStringLiteral("paid"), QStringLiteral("void")};
    if (statuses.contains(QStringLiteral("synced"))) // Orb's synced is issued here, synced to Stripe or not
        statuses << QStringLiteral("issued");
    statuses.removeAll(QStringLiteral("synced"));
    statuses.removeDuplicates();
    q.statuses = statuses;
    const QString cursor = ctx.query(QStringLiteral("cursor"));
    if (!cursor.isEmpty()) {
        q.after = ApiInvoicePage::parseCursor(cursor);
        if (!q.after)
            throw ApiError::validation(
                QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page of this list").arg(cursor),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    }
    const InvoicePage page = ApiInvoicePage(ctx.company.db()).fetch(q);
    QJsonArray data;
    InvoiceCustomers customers;
    for (const Invoice &inv : page.invoices)
        data.append(invoiceJson(ctx, inv, &customers));
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination_metadata"),
         QJsonObject{{QStringLiteral("has_more"), page.hasMore},
                     {QStringLiteral("next_cursor"), page.hasMore ? QJsonValue(ApiInvoicePage::cursor(page.last)) : QJsonValue(QJsonValue::Null)}}}});
}

/// Invoices by Orb id only (the service also takes numbers, which Orb's paths do not).
Invoice invoiceFor(ApiContext &ctx)
{
    const auto inv = InvoiceRepository(ctx.company.db()).find(ctx.params[0]);
    if (!inv)
        throw ApiError::notFound(QStringLiteral("no invoice with id \"%1\"").arg(ctx.params[0]));
    return *inv;
}

ApiResponse fetchInvoice(ApiContext &ctx)
{
    return ApiResponse::json(invoiceJson(ctx, invoiceFor(ctx)));
}

ApiResponse upcomingInvoice(ApiContext &ctx)
{
    const QString subscriptionId = ctx.query(QStringLiteral("subscription_id"));
    if (subscriptionId.isEmpty())
        throw ApiError::validation(QStringLiteral("subscription_id: required"), {QJsonObject{{QStringLiteral("field"), QStringLiteral("subscription_id")},
                                                                                             {QStringLiteral("message"), QStringLiteral("required")}}});
    SubscriptionService subscriptions(ctx.company, ctx.clock);
    const Subscription sub = subscriptions.get(subscriptionId); // 404 for an unknown one
    QList<Invoice> list = InvoiceRunService(ctx.company, ctx.clock).upcoming(subscriptionId);
    // Orb's upcoming invoice is the next one to be issued: the first invoice date after today
    // (what is already due is billed by the next run), all of that date's invoices as one.
    const QDate today = subscriptions.today(sub);
    QDate target;
    for (const Invoice &inv : list)
        if (inv.invoiceDate > today && (!target.isValid() || inv.invoiceDate < target))
            target = inv.invoiceDate;
    if (!target.isValid())
        for (const Invoice &inv : list)
            if (!target.isValid() || inv.invoiceDate < target)
                target = inv.invoiceDate;
    if (!target.isValid())
        throw ApiError::notFound(QStringLiteral("subscription %1 has no upcoming invoice (it has ended)").arg(subscriptionId));
    std::optional<Invoice> merged;
    QJsonArray lines;
    for (const Invoice &inv : list) {
        if (inv.invoiceDate != target)
            continue;
        for (const QJsonValue &l : inv.document.value(QStringLiteral("line_items")).toArray())
            lines.append(l);
        if (!merged) {
            merged = inv;
            continue;
        }
        merged->periodStart = std::min(merged->periodStart, inv.periodStart);
        merged->periodEnd = std::max(merged->periodEnd, inv.periodEnd);
        merged->subtotal += inv.subtotal;
        merged->adjustmentsTotal += inv.adjustmentsTotal;
        merged->couponsTotal += inv.couponsTotal;
        merged->taxTotal += inv.taxTotal;
        merged->total += inv.total;
        merged->amountDue += inv.amountDue;
    }
    merged->document.insert(QStringLiteral("line_items"), lines);
    QJsonObject o = invoiceJson(ctx, *merged);
    o.insert(QStringLiteral("target_date"), ApiDates::dayStart(target, ApiDates::customerZone(ctx.company.db(), sub.customerId)));
    o.insert(QStringLiteral("invoice_number"), QString()); // numbered when issued; Orb's type is a string
    return ApiResponse::json(o);
}

ApiResponse issueInvoice(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, {QStringLiteral("synchronous")});
    return ApiResponse::json(invoiceJson(ctx, InvoiceService(ctx.company, ctx.clock).issue(invoiceFor(ctx).id)));
}

ApiResponse voidInvoice(ApiContext &ctx)
{
    return ApiResponse::json(
        invoiceJson(ctx, InvoiceService(ctx.company, ctx.clock).voidInvoice(invoiceFor(ctx).id, QStringLiteral("voided through the API"))));
}

ApiResponse markInvoicePaid(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, {QStringLiteral("payment_received_date"), QStringLiteral("external_id"), QStringLiteral("notes")});
    const Invoice inv = invoiceFor(ctx);
    const auto c = CustomerRepository(ctx.company.db()).findById(inv.customerId);
    const auto date = dateIn(body, QStringLiteral("payment_received_date"), c ? c->timezone : QString());
    if (!date)
        throw ApiError::validation(
            QStringLiteral("payment_received_date: required (YYYY-MM-DD)"),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("payment_received_date")}, {QStringLiteral("message"), QStringLiteral("required")}}});
    InvoiceService service(ctx.company, ctx.clock);
    const QString externalId = text(body, QStringLiteral("external_id"));
    const QString notes = text(body, QStringLiteral("notes"));
    if (externalId.isEmpty())
        service.markPaid(inv.id, *date, notes);
    else
        service.pay(inv.id, inv.amountRemaining(), *date, QStringLiteral("manual"), externalId, notes);
    return ApiResponse::json(invoiceJson(ctx, service.get(inv.id)));
}

} // namespace

QList<Route> billingRoutes()
{
    return {
        {"GET", QStringLiteral("/v1/plans"), Access::Billing, &listPlans},
        {"GET", QStringLiteral("/v1/plans/external_plan_id/{id}"), Access::Billing, &fetchPlanByExternalId},
        {"GET", QStringLiteral("/v1/plans/{id}"), Access::Billing, &fetchPlan},
        {"POST", QStringLiteral("/v1/subscriptions"), Access::Billing, &createSubscription},
        {"GET", QStringLiteral("/v1/subscriptions"), Access::Billing, &listSubscriptions},
        {"GET", QStringLiteral("/v1/subscriptions/{id}"), Access::Billing, &fetchSubscription},
        {"POST", QStringLiteral("/v1/subscriptions/{id}/cancel"), Access::Billing, &cancelSubscription},
        {"GET", QStringLiteral("/v1/invoices"), Access::Billing, &listInvoices},
        {"GET", QStringLiteral("/v1/invoices/upcoming"), Access::Billing, &upcomingInvoice},
        {"GET", QStringLiteral("/v1/invoices/{id}"), Access::Billing, &fetchInvoice},
        {"POST", QStringLiteral("/v1/invoices/{id}/issue"), Access::Billing, &issueInvoice},
        {"POST", QStringLiteral("/v1/invoices/{id}/void"), Access::Billing, &voidInvoice},
        {"POST", QStringLiteral("/v1/invoices/{id}/mark_paid"), Access::Billing, &markInvoicePaid},
    };
}

} // namespace orb::api
