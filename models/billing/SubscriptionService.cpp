// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/SubscriptionService.h"

#include "engine/Clock.h"
#include "engine/Customer.h"
#include "engine/billing/BillingSchedule.h"
#include "engine/billing/Coupon.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingCatalog.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/Ledgers.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/ItemRepository.h"
#include "models/catalog/PlanRepository.h"

#include <QJsonArray>
#include <QTimeZone>

namespace orb {

using billing::BillingSchedule;

namespace {

/// A change kind in the words of messages and ledger descriptions ("plan change").
QString changeWords(SubscriptionChangeKind kind)
{
    switch (kind) {
    case SubscriptionChangeKind::PlanChange: return QStringLiteral("plan change");
    case SubscriptionChangeKind::QuantityChange: return QStringLiteral("quantity change");
    case SubscriptionChangeKind::Cancellation: return QStringLiteral("cancellation");
    }
    return {};
}

} // namespace

SubscriptionService::SubscriptionService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

void SubscriptionService::requireWritable() const
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
}

Subscription SubscriptionService::get(const QString &id) const
{
    const auto s = SubscriptionRepository(m_file.db()).find(id);
    if (!s)
        throw ServiceError::notFound(QStringLiteral("no subscription with id \"%1\"").arg(id));
    return *s;
}

QList<Subscription> SubscriptionService::list(const QString &customerReference) const
{
    QString customerId;
    if (!customerReference.isEmpty()) {
        const auto c = CustomerRepository(m_file.db()).resolve(customerReference);
        if (!c)
            throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerReference));
        customerId = c->id;
    }
    return SubscriptionRepository(m_file.db()).list(customerId);
}

QList<SubscriptionChange> SubscriptionService::changes(const QString &id) const
{
    return SubscriptionRepository(m_file.db()).changes(get(id).id);
}

QDate SubscriptionService::today(const Subscription &sub) const
{
    const auto c = CustomerRepository(m_file.db()).findById(sub.customerId);
    const QTimeZone zone(c ? c->timezone.toUtf8() : QByteArray("UTC"));
    return BillingSchedule::localDate(m_clock.now(), zone);
}

SubscriptionBillingView SubscriptionService::billingView(const Subscription &sub) const
{
    Database &db = m_file.db();
    SubscriptionBillingView v;
    const QDate t = today(sub);
    // The terms of the phase in force today (the first one before the start, the last one
    // after the end), as the invoice run takes them.
    const SubscriptionPhase *phase = sub.phaseOn(t);
    if (!phase && !sub.phases.isEmpty())
        phase = &sub.phases.last();
    std::optional<Plan> plan;
    if (phase)
        if (const auto version = PlanRepository(db).versionById(phase->planVersionId))
            plan = PlanRepository(db).findById(version->planId);
    if (!plan)
        plan = PlanRepository(db).findById(sub.planId);
    const auto customer = CustomerRepository(db).findById(sub.customerId);
    v.planName = plan ? plan->name : QString();
    v.netTerms = sub.netTerms                       ? *sub.netTerms
                 : (customer && customer->netTerms) ? *customer->netTerms
                 : (plan && plan->netTerms)         ? *plan->netTerms
                                                    : m_file.setting(IntSetting::DefaultNetTerms);
    v.memo = !sub.memo.isEmpty() ? sub.memo : (plan ? plan->defaultInvoiceMemo : QString());
    if (sub.trialDays > 0)
        v.trialEnd = sub.startDate.addDays(sub.trialDays);
    if (!sub.couponId.isEmpty() && sub.couponRedeemedOn.isValid())
        for (const CouponRecord &c : BillingSetupService(m_file, m_clock).coupons())
            if (c.id == sub.couponId && c.durationMonths)
                v.couponEnd = sub.couponRedeemedOn.addMonths(*c.durationMonths);
    if (!phase)
        return v;
    const BillingSchedule schedule = scheduleFor(sub, *phase);
    const QDate billingStart = schedule.billingStartDate();
    const bool monthly = schedule.cadence().unit() == billing::BillingCadence::Unit::Month && schedule.cadence().count() == 1;
    if (schedule.alignment() == billing::BillingAlignment::FirstOfMonth) {
        v.anchorDay = 1;
        v.anchorMonth = monthly ? 0 : 1; // calendar quarters, halves and years count from January
    } else {
        v.anchorDay = billingStart.day();
        v.anchorMonth = monthly ? 0 : billingStart.month();
        v.anchorYear = schedule.cadence().unit() == billing::BillingCadence::Unit::Month && schedule.cadence().count() > 12 ? billingStart.year() : 0;
    }
    if (sub.status(t) != QLatin1String("active"))
        return v;
    std::optional<billing::BillingPeriod> current;
    if (const auto trial = schedule.trialPeriod(); trial && t >= trial->startDate && t < trial->endDate)
        current = trial;
    else
        current = schedule.periodContainingDate(t);
    if (current) {
        v.periodStart = current->startDate;
        v.periodEnd = current->endDate;
    }
    return v;
}

Subscription SubscriptionService::create(const SubscriptionDraft &d)
{
    requireWritable();
    Database &db = m_file.db();
    FieldErrors errors;
    UnitOfWork uow(db);
    CustomerRepository customers(db);
    auto customer = customers.resolve(d.customer);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(d.customer));
    if (customer->archivedAt.isValid())
        throw ServiceError::conflict(QStringLiteral("customer \"%1\" is archived; unarchive it to subscribe it to a plan").arg(customer->name));
    PlanRepository plans(db);
    const auto plan = plans.resolve(d.plan);
    if (!plan)
        throw ServiceError::notFound(QStringLiteral("no plan with id, external_plan_id or name \"%1\"").arg(d.plan));
    if (plan->isArchived())
        throw ServiceError::conflict(QStringLiteral("plan \"%1\" is archived; new subscriptions cannot use it").arg(plan->name));
    const auto version = plans.version(plan->id, d.planVersion.value_or(plan->currentVersion));
    if (!version)
        throw ServiceError::notFound(QStringLiteral("plan \"%1\" has no version %2").arg(plan->name).arg(d.planVersion.value_or(0)));
    if (!d.startDate.isValid())
        errors.append({QStringLiteral("start_date"), QStringLiteral("is required (YYYY-MM-DD)")});
    // An end on the start date is a valid, empty subscription (what cancelling an upcoming
    // subscription gives in Orb); an end before it is not.
    if (d.endDate && d.startDate.isValid() && *d.endDate < d.startDate)
        errors.append({QStringLiteral("end_date"), QStringLiteral("must not be before the start date")});
    if (d.alignment != QLatin1String("start_date") && d.alignment != QLatin1String("first_of_month"))
        errors.append({QStringLiteral("alignment"), QStringLiteral("must be start_date or first_of_month")});
    const int trialDays = d.trialDays.value_or(plan->trialPeriod && plan->trialPeriodUnit == QLatin1String("days") ? *plan->trialPeriod : 0);
    if (trialDays < 0 || trialDays > 3660)
        errors.append({QStringLiteral("trial_days"), QStringLiteral("must be from 0 to 3660")});
    if (d.netTerms && (*d.netTerms < 0 || *d.netTerms > MaxNetTermsDays))
        errors.append({QStringLiteral("net_terms"), QStringLiteral("must be from 0 to %1 days").arg(MaxNetTermsDays)});
    if (!customer->currency.isEmpty() && customer->currency != plan->currency)
        errors.append(
            {QStringLiteral("plan"),
             QStringLiteral("plan \"%1\" bills in %2 but customer \"%3\" bills in %4").arg(plan->name, plan->currency, customer->name, customer->currency)});
    // Added prices get ids now, so overrides and quantities can name them for good.
    QJsonObject overrides = d.priceOverrides;
    QJsonArray added;
    for (const QJsonValue &v : overrides.value(QStringLiteral("add")).toArray()) {
        QJsonObject p = v.toObject();
        if (p.value(QStringLiteral("id")).toString().isEmpty())
            p.insert(QStringLiteral("id"), newId());
        if (!p.contains(QStringLiteral("currency")))
            p.insert(QStringLiteral("currency"), plan->currency);
        const QString item = p.value(QStringLiteral("item_id")).toString();
        const auto resolved = ItemRepository(db).resolve(item);
        if (!resolved)
            errors.append({QStringLiteral("add_prices"), QStringLiteral("no item \"%1\" (item_id names an item of the catalog)").arg(item)});
        else
            p.insert(QStringLiteral("item_id"), resolved->id);
        added.append(p);
    }
    if (!added.isEmpty())
        overrides.insert(QStringLiteral("add"), added);
    QList<pricing::Price> prices;
    if (errors.isEmpty()) {
        prices = BillingCatalog::applyOverrides(version->prices, overrides);
        for (const pricing::Price &p : prices)
            if (p.currency().code() != plan->currency)
                errors.append({QStringLiteral("add_prices"),
                               QStringLiteral("price \"%1\" is in %2; the plan bills in %3").arg(p.name(), p.currency().code(), plan->currency)});
    }
    for (auto q = d.quantities.cbegin(); q != d.quantities.cend(); ++q) {
        bool fixed = false;
        for (const pricing::Price &p : prices)
            fixed = fixed || (p.id() == q.key() && p.priceType() == QLatin1String("fixed_price"));
        if (!fixed)
            errors.append({QStringLiteral("quantities.") + q.key(), QStringLiteral("is not a fixed fee of the subscription")});
        if (q.value().isNegative())
            errors.append({QStringLiteral("quantities.") + q.key(), QStringLiteral("must not be negative")});
    }
    Subscription sub;
    if (!d.coupon.isEmpty()) {
        CouponRecord coupon;
        try {
            coupon = BillingSetupService(m_file, m_clock).coupon(d.coupon);
        } catch (const ServiceError &) {
            errors.append({QStringLiteral("coupon"), QStringLiteral("no coupon with id or code \"%1\"").arg(d.coupon)});
        }
        if (!coupon.id.isEmpty()) {
            if (coupon.archivedAt.isValid())
                errors.append({QStringLiteral("coupon"), QStringLiteral("coupon \"%1\" is archived").arg(coupon.code)});
            else if (coupon.maxRedemptions && coupon.redemptions >= *coupon.maxRedemptions)
                errors.append(
                    {QStringLiteral("coupon"), QStringLiteral("coupon \"%1\" has been redeemed %2 times, its limit").arg(coupon.code).arg(coupon.redemptions)});
            else if (coupon.discountType == QLatin1String("amount") && plan->currency.isEmpty())
                errors.append({QStringLiteral("coupon"), QStringLiteral("an amount coupon needs a plan currency")});
            sub.couponId = coupon.id;
            sub.couponRedeemedOn = d.startDate;
        }
    }
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the subscription was not created"), errors);
    if (customer->currency.isEmpty()) {
        customer->currency = plan->currency;
        customers.update(*customer);
    }
    const QDateTime now = m_clock.now();
    sub.id = newId();
    sub.customerId = customer->id;
    sub.planId = plan->id;
    sub.startDate = d.startDate;
    sub.endDate = d.endDate;
    sub.alignment = d.alignment;
    sub.trialDays = trialDays;
    sub.netTerms = d.netTerms;
    sub.memo = d.memo;
    sub.createdAt = sub.updatedAt = now;
    SubscriptionPhase phase;
    phase.id = newId();
    phase.seq = 1;
    phase.planVersionId = version->id;
    phase.startDate = d.startDate;
    phase.endDate = d.endDate;
    phase.priceOverrides = overrides;
    phase.quantities = d.quantities;
    phase.cause = PhaseCause::Create;
    phase.createdAt = now;
    sub.phases.append(phase);
    SubscriptionRepository(db).insert(sub);
    AuditLog(db).append(now, QStringLiteral("subscription.create"), QStringLiteral("subscription"), sub.id, std::nullopt, toJson(sub));
    uow.commit();
    return sub;
}

BillingSchedule SubscriptionService::scheduleFor(const Subscription &sub, const SubscriptionPhase &phase) const
{
    BillingCatalog catalog(m_file.db());
    const auto c = CustomerRepository(m_file.db()).findById(sub.customerId);
    const QTimeZone zone(c ? c->timezone.toUtf8() : QByteArray("UTC"));
    if (!zone.isValid())
        throw ServiceError::invalid(
            QStringLiteral("customer \"%1\" has the time zone \"%2\", which is not a known IANA zone; fix the customer first").arg(c->name, c->timezone));
    billing::BillingCadence cadence;
    for (const pricing::Price &p : catalog.phase(phase).prices) {
        const auto cycle = p.billingCycle();
        if (const auto parsed =
                billing::BillingCadence::fromOrb(p.cadence(), cycle ? cycle->duration : 0, cycle ? QStringView(cycle->durationUnit) : QStringView())) {
            cadence = *parsed;
            break;
        }
    }
    return BillingSchedule(sub.startDate, zone, cadence,
                           sub.alignment == QLatin1String("first_of_month") ? billing::BillingAlignment::FirstOfMonth : billing::BillingAlignment::StartDate,
                           sub.trialDays, sub.endDate);
}

QDate SubscriptionService::effectiveDate(const Subscription &sub, ChangeTiming timing, std::optional<QDate> date) const
{
    const QDate t = today(sub);
    switch (timing) {
    case ChangeTiming::Immediate: return std::max(t, sub.startDate);
    case ChangeTiming::OnDate:
        if (!date || !date->isValid())
            throw ServiceError::invalid(QStringLiteral("a change on a date needs the date (YYYY-MM-DD)"));
        return *date;
    case ChangeTiming::EndOfTerm: break;
    }
    // The end of the billing period holding today, for the phase's first recurring price.
    const SubscriptionPhase *phase = sub.phaseOn(t);
    if (!phase)
        throw ServiceError::conflict(QStringLiteral("subscription %1 has no current term (it has ended)").arg(sub.id));
    const BillingSchedule schedule = scheduleFor(sub, *phase);
    // The end of term never lies beyond an end the subscription already has (a trial longer
    // than the subscription leaves no period at all).
    QDate end = schedule.billingStartDate();
    if (const auto p = schedule.periodContainingDate(std::max(t, schedule.billingStartDate())))
        end = p->endDate;
    return sub.endDate ? std::min(end, *sub.endDate) : end;
}

void SubscriptionService::settleInvoicesFrom(const Subscription &sub, QDate date, const QString &changeId, const QString &reason)
{
    Database &db = m_file.db();
    InvoiceRepository invoices(db);
    InvoiceFilter f;
    f.subscriptionId = sub.id;
    const bool backdated = date < today(sub);
    const QDateTime now = m_clock.now();
    for (const Invoice &inv : invoices.list(f)) {
        if (inv.status == InvoiceStatus::Void || !inv.periodEnd.isValid() || inv.periodEnd <= date)
            continue;
        if (inv.status == InvoiceStatus::Draft) {
            invoices.remove(inv.id);
            continue;
        }
        const bool advance = inv.kind == InvoiceKind::InAdvance;
        // What the customer has settled on it (payments, credit notes) keeps an invoice from
        // being voided; an invoice paid from balance or credits alone can still be voided.
        const bool voidable = !inv.amountPaid.isPositive() && !inv.credited.isPositive() && invoices.creditNotes(inv.id).isEmpty();
        // Orb: a change credits the unused part of fees paid in advance; a backdated
        // cancellation voids and reissues the invoices it cuts, and is allowed "as long as there
        // are no paid invoices between the requested date and the current time". A paid
        // in-advance invoice dated before the date is therefore credited, not voided.
        if (advance && inv.periodStart < date && (!backdated || !voidable)) {
            creditUnusedDays(inv, date, changeId, reason);
            continue;
        }
        if (voidable) {
            InvoiceService::voidWithin(db, now, inv, reason);
            continue;
        }
        if (advance && (inv.periodStart <= date || !backdated)) {
            // Paid in advance and dated on the date (a backdated cancellation to a period's
            // start), or for a period from today's change on: every day of it is unused.
            creditUnusedDays(inv, date, changeId, reason);
            continue;
        }
        throw ServiceError::conflict(
            QStringLiteral("invoice %1 for %2 – %3, dated %4, is paid and lies after %5; a %6 from %5 would void it. "
                           "Refund it with a credit note first, or choose a later date")
                .arg(inv.invoiceNumber, dateText(inv.periodStart), dateText(inv.periodEnd), dateText(inv.invoiceDate), dateText(date), reason));
    }
}

void SubscriptionService::creditUnusedDays(const Invoice &inv, QDate date, const QString &changeId, const QString &reason)
{
    Ledgers ledgers(m_file.db());
    const qint64 days = inv.periodStart.daysTo(inv.periodEnd);
    const qint64 unused = std::max(date, inv.periodStart).daysTo(inv.periodEnd);
    if (days <= 0 || unused <= 0)
        return;
    // The unused days from `date` on, line by line (tax included: the customer paid it),
    // rounded once.
    Decimal target;
    for (const QJsonValue &v : inv.document.value(QStringLiteral("line_items")).toArray()) {
        const Decimal total = Decimal::parse(v.toObject().value(QStringLiteral("total")).toString());
        target += (total * Decimal(unused)).divide(Decimal(days), 20);
    }
    const auto cur = Currency::fromCode(inv.currency);
    target = target.rounded(cur ? cur->minorUnits() : 2);
    // Every unused day is credited at most once, whatever sequence of changes touched the
    // period: an earlier change's credit from a later date covers part of these days already,
    // and neither may exceed what the invoice charged beyond its credit notes.
    Decimal already;
    for (const BalanceEntryRecord &e : ledgers.balanceEntriesForInvoice(inv.id))
        if (e.cause == QLatin1String("proration_credit") || e.cause == QLatin1String("proration_reversal"))
            already += e.amount;
    Decimal credit = target - already;
    const Decimal room = inv.total - inv.credited - already;
    if (room < credit)
        credit = room;
    if (!credit.isPositive())
        return;
    ledgers.appendBalance(inv.customerId, credit, inv.currency, QStringLiteral("proration_credit"),
                          QStringLiteral("Unused %1 of %2 days of invoice %3 (%4)").arg(unused).arg(days).arg(inv.invoiceNumber, reason), m_clock.now(), inv.id,
                          changeId);
}

void SubscriptionService::reverseCredits(const QString &changeId, const QString &customerId)
{
    Ledgers ledgers(m_file.db());
    for (const BalanceEntryRecord &e : ledgers.balanceEntriesForReference(changeId))
        if (e.cause == QLatin1String("proration_credit"))
            ledgers.appendBalance(customerId, -e.amount, e.currency, QStringLiteral("proration_reversal"),
                                  QStringLiteral("Change unscheduled: ") + e.description, m_clock.now(), e.invoiceId, changeId);
}

SubscriptionChange SubscriptionService::startPhase(Subscription sub, QDate date, const QString &planVersionId, const QJsonObject &overrides,
                                                   const QMap<QString, Decimal> &quantities, SubscriptionChangeKind kind, const QJsonObject &details)
{
    Database &db = m_file.db();
    SubscriptionRepository repo(db);
    const Subscription before = sub;
    if (date < sub.startDate)
        throw ServiceError::invalid(QStringLiteral("the change date %1 is before the subscription starts (%2)").arg(dateText(date), dateText(sub.startDate)));
    if (sub.endDate && date >= *sub.endDate)
        throw ServiceError::conflict(
            QStringLiteral("the subscription ends on %1; a change on %2 would come after it").arg(dateText(*sub.endDate), dateText(date)));
    const QDate t = today(sub);
    if (date < t)
        throw ServiceError::invalid(QStringLiteral("a %1 cannot be backdated (%2 is before today, %3)").arg(changeWords(kind), dateText(date), dateText(t)));
    for (const SubscriptionChange &c : repo.changes(sub.id))
        if (c.status == SubscriptionChangeStatus::Scheduled && c.effectiveDate > t)
            throw ServiceError::conflict(
                QStringLiteral("a %1 is already scheduled for %2; unschedule it first").arg(changeWords(c.kind), dateText(c.effectiveDate)));
    SubscriptionChange change;
    change.id = newId();
    change.subscriptionId = sub.id;
    change.kind = kind;
    change.effectiveDate = date;
    change.status = date > t ? SubscriptionChangeStatus::Scheduled : SubscriptionChangeStatus::Applied;
    change.details = details;
    change.createdAt = m_clock.now();
    settleInvoicesFrom(sub, date, change.id, changeWords(kind));
    // Phases from the date on are replaced; the one holding it ends on it.
    int seq = 0;
    for (const SubscriptionPhase &p : sub.phases) {
        seq = std::max(seq, p.seq);
        if (p.startDate >= date) {
            repo.deletePhase(p.id);
        } else if (!p.endDate || *p.endDate > date) {
            change.previousEndDate = p.endDate;
            repo.setPhaseEnd(p.id, date);
        }
    }
    SubscriptionPhase phase;
    phase.id = newId();
    phase.seq = seq + 1;
    phase.planVersionId = planVersionId;
    phase.startDate = date;
    phase.endDate = sub.endDate;
    phase.priceOverrides = overrides;
    phase.quantities = quantities;
    phase.cause = kind == SubscriptionChangeKind::PlanChange ? PhaseCause::PlanChange : PhaseCause::QuantityChange;
    phase.createdAt = change.createdAt;
    repo.insertPhase(sub.id, phase);
    change.phaseId = phase.id;
    repo.insertChange(change);
    sub.updatedAt = change.createdAt;
    repo.update(sub);
    audit(QStringLiteral("subscription.") + toText(kind), before, get(sub.id));
    return change;
}

SubscriptionChange SubscriptionService::changePlan(const QString &id, const QString &planReference, std::optional<int> versionNumber, ChangeTiming timing,
                                                   std::optional<QDate> date)
{
    requireWritable();
    Database &db = m_file.db();
    UnitOfWork uow(db);
    const Subscription sub = get(id);
    PlanRepository plans(db);
    const auto plan = plans.resolve(planReference);
    if (!plan)
        throw ServiceError::notFound(QStringLiteral("no plan with id, external_plan_id or name \"%1\"").arg(planReference));
    if (plan->isArchived())
        throw ServiceError::conflict(QStringLiteral("plan \"%1\" is archived").arg(plan->name));
    const auto current = plans.findById(sub.planId);
    if (current && current->currency != plan->currency)
        throw ServiceError::invalid(QStringLiteral("plan \"%1\" bills in %2; the subscription bills in %3").arg(plan->name, plan->currency, current->currency));
    const auto version = plans.version(plan->id, versionNumber.value_or(plan->currentVersion));
    if (!version)
        throw ServiceError::notFound(QStringLiteral("plan \"%1\" has no version %2").arg(plan->name).arg(versionNumber.value_or(0)));
    const QDate on = effectiveDate(sub, timing, date);
    const SubscriptionChange change = startPhase(
        sub, on, version->id, QJsonObject(), {}, SubscriptionChangeKind::PlanChange,
        QJsonObject{{QStringLiteral("plan_id"), plan->id}, {QStringLiteral("plan_name"), plan->name}, {QStringLiteral("version"), version->version}});
    // The subscription now belongs to the new plan; its earlier phases keep their versions.
    db.exec(QStringLiteral("UPDATE subscriptions SET plan_id = ? WHERE id = ?"), {plan->id, sub.id});
    uow.commit();
    return change;
}

SubscriptionChange SubscriptionService::setQuantity(const QString &id, const QString &priceId, const Decimal &quantity, ChangeTiming timing,
                                                    std::optional<QDate> date)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Subscription sub = get(id);
    if (quantity.isNegative())
        throw ServiceError::invalid(QStringLiteral("the quantity must not be negative"));
    const QDate on = effectiveDate(sub, timing, date);
    const SubscriptionPhase *phase = sub.phaseOn(on);
    if (!phase)
        throw ServiceError::conflict(QStringLiteral("subscription %1 has no phase on %2").arg(sub.id, dateText(on)));
    BillingCatalog catalog(m_file.db());
    const PhasePricing &pricing = catalog.phase(*phase);
    bool fixed = false;
    Decimal old(1);
    for (const pricing::Price &p : pricing.prices)
        if (p.id() == priceId && p.priceType() == QLatin1String("fixed_price")) {
            fixed = true;
            old = pricing.quantities.value(priceId, p.fixedPriceQuantity().value_or(Decimal(1)));
        }
    if (!fixed)
        throw ServiceError::invalid(QStringLiteral("price \"%1\" is not a fixed fee of the subscription").arg(priceId));
    QMap<QString, Decimal> quantities = phase->quantities;
    quantities.insert(priceId, quantity);
    const SubscriptionChange change = startPhase(sub, on, phase->planVersionId, phase->priceOverrides, quantities, SubscriptionChangeKind::QuantityChange,
                                                 QJsonObject{{QStringLiteral("price_id"), priceId},
                                                             {QStringLiteral("previous_quantity"), old.toCanonicalString()},
                                                             {QStringLiteral("quantity"), quantity.toCanonicalString()}});
    uow.commit();
    return change;
}

SubscriptionChange SubscriptionService::cancel(const QString &id, ChangeTiming timing, std::optional<QDate> date)
{
    requireWritable();
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Subscription sub = get(id);
    const Subscription before = sub;
    SubscriptionRepository repo(db);
    const QDate t = today(sub);
    const QDate on = effectiveDate(sub, timing, date);
    if (on < sub.startDate)
        throw ServiceError::invalid(
            QStringLiteral("the cancellation date %1 is before the subscription starts (%2)").arg(dateText(on), dateText(sub.startDate)));
    if (sub.endDate && (*sub.endDate <= t || *sub.endDate <= sub.startDate))
        throw ServiceError::conflict(QStringLiteral("subscription %1 already ended on %2").arg(sub.id, dateText(*sub.endDate)));
    if (sub.endDate && on > *sub.endDate)
        throw ServiceError::conflict(
            QStringLiteral("subscription %1 already ends on %2; a cancellation on %3 would extend it").arg(sub.id, dateText(*sub.endDate), dateText(on)));
    for (const SubscriptionChange &c : repo.changes(sub.id))
        if (c.status == SubscriptionChangeStatus::Scheduled && c.effectiveDate > t)
            throw ServiceError::conflict(
                QStringLiteral("a %1 is already scheduled for %2; unschedule it first").arg(changeWords(c.kind), dateText(c.effectiveDate)));
    SubscriptionChange change;
    change.id = newId();
    change.subscriptionId = sub.id;
    change.kind = SubscriptionChangeKind::Cancellation;
    change.effectiveDate = on;
    change.previousEndDate = sub.endDate;
    change.status = on > t ? SubscriptionChangeStatus::Scheduled : SubscriptionChangeStatus::Applied;
    change.details = QJsonObject{{QStringLiteral("backdated"), on < t}};
    change.createdAt = m_clock.now();
    settleInvoicesFrom(sub, on, change.id, changeWords(SubscriptionChangeKind::Cancellation));
    for (const SubscriptionPhase &p : sub.phases) {
        if (p.startDate >= on && p.seq != sub.phases.first().seq)
            repo.deletePhase(p.id);
        else if (!p.endDate || *p.endDate > on)
            repo.setPhaseEnd(p.id, on);
    }
    sub.endDate = on;
    sub.updatedAt = change.createdAt;
    repo.update(sub);
    repo.insertChange(change);
    audit(QStringLiteral("subscription.cancel"), before, get(sub.id));
    uow.commit();
    return change;
}

QList<SubscriptionChange> SubscriptionService::unschedule(const QString &id)
{
    requireWritable();
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Subscription sub = get(id);
    const Subscription before = sub;
    SubscriptionRepository repo(db);
    InvoiceRepository invoices(db);
    const QDate t = today(sub);
    QList<SubscriptionChange> done;
    for (SubscriptionChange c : repo.changes(sub.id)) {
        if (c.status != SubscriptionChangeStatus::Scheduled || c.effectiveDate <= t)
            continue;
        InvoiceFilter f;
        f.subscriptionId = sub.id;
        for (const Invoice &inv : invoices.list(f)) {
            if (inv.periodEnd.isValid() && inv.periodEnd > c.effectiveDate && inv.status != InvoiceStatus::Void) {
                if (inv.status == InvoiceStatus::Draft)
                    invoices.remove(inv.id);
                else if (c.kind != SubscriptionChangeKind::Cancellation && inv.phaseId == c.phaseId)
                    throw ServiceError::conflict(
                        QStringLiteral("invoice %1 was already issued for the scheduled change; void it first").arg(inv.invoiceNumber));
            }
        }
        if (c.kind == SubscriptionChangeKind::Cancellation) {
            sub.endDate = c.previousEndDate;
            for (const SubscriptionPhase &p : sub.phases)
                if (p.endDate && *p.endDate == c.effectiveDate)
                    repo.setPhaseEnd(p.id, c.previousEndDate);
        } else {
            repo.deletePhase(c.phaseId);
            for (const SubscriptionPhase &p : sub.phases)
                if (p.id != c.phaseId && p.endDate && *p.endDate == c.effectiveDate)
                    repo.setPhaseEnd(p.id, c.previousEndDate ? c.previousEndDate : sub.endDate);
            if (c.kind == SubscriptionChangeKind::PlanChange) {
                // Back to the plan of the phase that now runs on.
                const Subscription now = get(sub.id);
                if (!now.phases.isEmpty()) {
                    const auto v = PlanRepository(db).versionById(now.phases.last().planVersionId);
                    if (v)
                        db.exec(QStringLiteral("UPDATE subscriptions SET plan_id = ? WHERE id = ?"), {v->planId, sub.id});
                }
            }
        }
        reverseCredits(c.id, sub.customerId);
        repo.setChangeStatus(c.id, SubscriptionChangeStatus::Unscheduled);
        c.status = SubscriptionChangeStatus::Unscheduled;
        done.append(c);
    }
    if (done.isEmpty())
        throw ServiceError::conflict(QStringLiteral("subscription %1 has no scheduled change or cancellation").arg(sub.id));
    sub.updatedAt = m_clock.now();
    repo.update(sub);
    audit(QStringLiteral("subscription.unschedule"), before, get(sub.id));
    uow.commit();
    return done;
}

void SubscriptionService::audit(const QString &action, const Subscription &before, const Subscription &after)
{
    AuditLog(m_file.db()).append(m_clock.now(), action, QStringLiteral("subscription"), after.id, toJson(before), toJson(after));
}

QJsonObject SubscriptionService::toJson(const Subscription &sub) const
{
    Database &db = m_file.db();
    const auto plan = PlanRepository(db).findById(sub.planId);
    const auto customer = CustomerRepository(db).findById(sub.customerId);
    QJsonArray phases;
    for (const SubscriptionPhase &p : sub.phases) {
        const auto v = PlanRepository(db).versionById(p.planVersionId);
        const auto phasePlan = v ? PlanRepository(db).findById(v->planId) : std::nullopt;
        QJsonObject quantities;
        for (auto q = p.quantities.cbegin(); q != p.quantities.cend(); ++q)
            quantities.insert(q.key(), q.value().toCanonicalString());
        phases.append(QJsonObject{{QStringLiteral("id"), p.id},
                                  {QStringLiteral("order"), p.seq},
                                  {QStringLiteral("plan_id"), phasePlan ? phasePlan->id : QString()},
                                  {QStringLiteral("plan_name"), phasePlan ? phasePlan->name : QString()},
                                  {QStringLiteral("plan_version"), v ? v->version : 0},
                                  {QStringLiteral("start_date"), dateText(p.startDate)},
                                  {QStringLiteral("end_date"), p.endDate ? QJsonValue(dateText(*p.endDate)) : QJsonValue(QJsonValue::Null)},
                                  {QStringLiteral("price_overrides"), p.priceOverrides},
                                  {QStringLiteral("fixed_fee_quantities"), quantities},
                                  {QStringLiteral("cause"), toText(p.cause)}});
    }
    QJsonArray pending;
    const QDate t = customer ? BillingSchedule::localDate(m_clock.now(), QTimeZone(customer->timezone.toUtf8())) : QDate();
    for (const SubscriptionChange &c : SubscriptionRepository(db).changes(sub.id))
        if (c.status == SubscriptionChangeStatus::Scheduled && c.effectiveDate > t)
            pending.append(c.toJson());
    return QJsonObject{{QStringLiteral("id"), sub.id},
                       {QStringLiteral("customer_id"), sub.customerId},
                       {QStringLiteral("customer_name"), customer ? customer->name : QString()},
                       {QStringLiteral("plan"), QJsonObject{{QStringLiteral("id"), sub.planId}, {QStringLiteral("name"), plan ? plan->name : QString()}}},
                       {QStringLiteral("status"), sub.status(t)},
                       {QStringLiteral("start_date"), dateText(sub.startDate)},
                       {QStringLiteral("end_date"), sub.endDate ? QJsonValue(dateText(*sub.endDate)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("billing_cycle_alignment"), sub.alignment},
                       {QStringLiteral("trial_days"), sub.trialDays},
                       {QStringLiteral("net_terms"), sub.netTerms ? QJsonValue(*sub.netTerms) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("memo"), sub.memo.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(sub.memo)},
                       {QStringLiteral("coupon_id"), sub.couponId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(sub.couponId)},
                       {QStringLiteral("phases"), phases},
                       {QStringLiteral("pending_changes"), pending},
                       {QStringLiteral("created_at"), toApiTimestamp(sub.createdAt)}};
}

} // namespace orb
