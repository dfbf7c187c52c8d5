// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/InvoiceRunService.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/billing/BillingSchedule.h"
#include "engine/billing/InvoiceCalculator.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingCatalog.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/usage/PeriodAggregator.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <map>

namespace orb {

using billing::BillingPeriod;
using billing::BillingSchedule;

QJsonObject InvoiceRunSummary::toJson() const
{
    QJsonArray ids;
    for (const Invoice &i : invoices)
        ids.append(i.id);
    return QJsonObject{{QStringLiteral("run_id"), runId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(runId)},
                       {QStringLiteral("as_of"), toApiTimestamp(asOf)},
                       {QStringLiteral("created"), created},
                       {QStringLiteral("refreshed"), refreshed},
                       {QStringLiteral("unchanged"), unchanged},
                       {QStringLiteral("already_issued"), alreadyIssued},
                       {QStringLiteral("events_scanned"), eventsScanned},
                       {QStringLiteral("aggregation_passes"), aggregationPasses},
                       {QStringLiteral("cancelled"), cancelled},
                       {QStringLiteral("invoice_ids"), ids}};
}

namespace {

// One invoice to compose: a subscription phase's prices of one kind and cadence over one
// (clipped) period.
struct Candidate {
    const Subscription *sub = nullptr;
    const SubscriptionPhase *phase = nullptr;
    const Customer *customer = nullptr;
    QString kind;
    QString cadence;
    BillingPeriod period;
    QList<int> prices; // indexes into the phase's prices
    QString identity;
    bool usage = false;
};

QString cadenceKey(const pricing::Price &p)
{
    if (p.cadence() != QLatin1String("custom") || !p.billingCycle())
        return p.cadence();
    return QStringLiteral("custom-%1-%2").arg(p.billingCycle()->duration).arg(p.billingCycle()->durationUnit);
}

bool isUsagePrice(const pricing::Price &p)
{
    return !p.billableMetricId().isEmpty();
}

// The state a run works from: everything but the usage, loaded once.
struct RunState {
    explicit RunState(const Database &db) : catalog(db) {}
    BillingCatalog catalog;
    QHash<QString, Customer> customers;
    QList<Subscription> subscriptions;
    QHash<QString, QPair<QString, QString>> existing; // identity → (id, status)
    // Issued or paid in-advance invoices: subscription:phase:cadence → their periods.
    QHash<QString, QList<QPair<QDate, QDate>>> issuedAdvance;
    QList<TaxRateRecord> taxRates;
    QHash<QString, CouponRecord> coupons;
    Rounding rounding = Rounding::HalfUp;
    qint64 graceMs = 0;
    int defaultNetTerms = 30;
};

class Composer
{
public:
    Composer(RunState &state, const QDateTime &now) : m_s(state), m_now(now) {}

    Invoice compose(const Candidate &c, const std::function<UsageQuantities(const pricing::Price &)> &usageOf)
    {
        const PhasePricing &pricing = m_s.catalog.phase(*c.phase);
        const Plan &plan = m_s.catalog.plan(c.sub->planId);
        const auto currency = Currency::fromCode(plan.currency);
        if (!currency)
            throw ServiceError::invalid(QStringLiteral("plan \"%1\" has no valid currency").arg(plan.name));
        billing::InvoiceInput in;
        in.currency = *currency;
        in.rounding = m_s.rounding;
        const qint64 days = c.period.days();
        const qint64 fullDays = std::max<qint64>(1, c.period.fullDays());
        const bool partial = c.kind != QLatin1String("one_time") && days != fullDays;
        QList<pricing::CompositeComponent> components;
        QList<int> composites;
        QStringList present;
        for (const int index : c.prices) {
            const pricing::Price &price = pricing.prices.at(index);
            if (price.isComposite()) {
                composites.append(index);
                continue;
            }
            billing::InvoiceLineInput line;
            fillLine(line, price, c);
            pricing::PriceEvaluation e;
            if (isUsagePrice(price)) {
                pricing::EvaluationContext ctx;
                if (partial)
                    ctx.prorationFactor = Decimal(days).divide(Decimal(fullDays), 12);
                e = price.evaluate(usageOf(price), ctx);
                line.subtotal = e.subtotal;
                line.reprice = [price, ctx](const Decimal &q) { return price.evaluate(UsageQuantities::ofQuantity(q), ctx).subtotal; };
            } else {
                const UsageQuantities q = pricing.quantities.contains(price.id()) ? UsageQuantities::ofQuantity(pricing.quantities.value(price.id()))
                                                                                  : price.fixedUsage();
                e = price.evaluate(q);
                // A short period pays its share of the whole period's fee: fee × days / days of
                // the whole cadence period, exact until the calculator rounds the line once.
                line.subtotal = partial ? (e.subtotal * Decimal(days)).divide(Decimal(fullDays), 20) : e.subtotal;
                line.reprice = [price, partial, days, fullDays](const Decimal &qty) {
                    const Decimal s = price.evaluate(UsageQuantities::ofQuantity(qty)).subtotal;
                    return partial ? (s * Decimal(days)).divide(Decimal(fullDays), 20) : s;
                };
            }
            line.quantity = e.quantity;
            for (const pricing::SubLineItem &sub : e.subLineItems)
                line.subLineItems.append(sub.toJson());
            components.append({price.id(), price.itemId(), price.priceType(), plan.currency, line.subtotal});
            present.append(price.id());
            in.lines.append(line);
        }
        for (const int index : composites) {
            const pricing::Price &price = pricing.prices.at(index);
            billing::InvoiceLineInput line;
            fillLine(line, price, c);
            const pricing::PriceEvaluation e = price.evaluateComposite(components);
            line.subtotal = e.subtotal;
            line.quantity = e.quantity;
            for (const pricing::SubLineItem &sub : e.subLineItems)
                line.subLineItems.append(sub.toJson());
            present.append(price.id());
            in.lines.append(line);
        }
        for (const billing::Adjustment &a : pricing.adjustments) {
            bool covers = a.appliesToPriceIds().isEmpty();
            for (const QString &id : a.appliesToPriceIds())
                covers = covers || present.contains(id);
            // A price-level adjustment whose price is on another invoice stays there.
            if (covers && (!a.isPriceLevel() || present.contains(a.appliesToPriceIds().first())))
                in.adjustments.append(a);
        }
        if (!c.sub->couponId.isEmpty() && m_s.coupons.contains(c.sub->couponId)) {
            const CouponRecord &r = m_s.coupons[c.sub->couponId];
            const billing::Coupon coupon(r.id, r.discountType == QLatin1String("percentage") ? billing::Coupon::Type::Percentage
                                                                                                : billing::Coupon::Type::Amount,
                                         r.value, r.durationMonths, r.maxRedemptions);
            // An amount off is taken once per billing period: from the fees in advance when the
            // phase has any, else from the invoice in arrears. A percentage applies to both.
            bool once = true;
            if (coupon.type() == billing::Coupon::Type::Amount && c.kind == QLatin1String("in_arrears"))
                for (const pricing::Price &p : pricing.prices)
                    once = once && !(p.billingMode() == QLatin1String("in_advance") && !isUsagePrice(p) && p.cadence() != QLatin1String("one_time"));
            if (coupon.type() == billing::Coupon::Type::Amount && c.kind == QLatin1String("one_time"))
                once = false;
            if (once && coupon.isActive(c.sub->couponRedeemedOn, c.period.startDate))
                in.coupons.append(coupon);
        }
        for (const TaxRateRecord &r : m_s.taxRates) {
            in.taxRates.append(billing::TaxRate(r.id, r.name, r.percentage));
            if (r.customerIds.contains(c.customer->id))
                in.customerTaxRateIds.append(r.id);
        }
        in.invoiceDate = invoiceDate(c);
        billing::InvoiceResult result;
        try {
            result = billing::InvoiceCalculator::compose(in);
        } catch (const billing::InvoiceError &e) {
            throw ServiceError::invalid(QStringLiteral("subscription %1 (customer %2), %3 invoice for %4 to %5 cannot be composed: %6")
                                            .arg(c.sub->id, c.customer->name, c.kind, dateText(c.period.startDate), dateText(c.period.endDate),
                                                 QString::fromUtf8(e.what())));
        }

        Invoice inv;
        inv.identity = c.identity;
        inv.customerId = c.customer->id;
        inv.subscriptionId = c.sub->id;
        inv.phaseId = c.phase->id;
        inv.kind = c.kind;
        inv.cadence = c.cadence;
        inv.periodStart = c.period.startDate;
        inv.periodEnd = c.period.endDate;
        inv.status = QStringLiteral("draft");
        inv.invoiceDate = in.invoiceDate;
        inv.currency = plan.currency;
        inv.netTerms = c.sub->netTerms ? *c.sub->netTerms
                                       : (c.customer->netTerms ? *c.customer->netTerms : (plan.netTerms ? *plan.netTerms : m_s.defaultNetTerms));
        inv.memo = !c.sub->memo.isEmpty() ? c.sub->memo : plan.defaultInvoiceMemo;
        setTotals(inv, result);
        QJsonObject doc = result.toJson();
        doc.insert(QStringLiteral("plan_id"), plan.id);
        doc.insert(QStringLiteral("plan_name"), plan.name);
        inv.document = doc;
        inv.createdAt = inv.updatedAt = m_now;
        return inv;
    }

    static void setTotals(Invoice &inv, const billing::InvoiceResult &r)
    {
        inv.subtotal = r.subtotal;
        inv.adjustmentsTotal = r.adjustmentsTotal;
        inv.couponsTotal = r.couponsTotal;
        inv.taxTotal = r.taxTotal;
        inv.total = r.total;
        inv.balanceApplied = r.balanceApplied;
        inv.creditsApplied = r.creditsApplied;
        inv.amountDue = r.amountDue;
        const Decimal zero = Decimal(0).rounded(r.currency.minorUnits());
        inv.amountPaid = zero;
        inv.credited = zero;
    }

private:
    static QDate invoiceDate(const Candidate &c)
    {
        return c.kind == QLatin1String("in_arrears") ? c.period.endDate : c.period.startDate;
    }

    void fillLine(billing::InvoiceLineInput &line, const pricing::Price &price, const Candidate &c)
    {
        line.priceId = price.id();
        line.itemId = price.itemId();
        line.name = !price.name().isEmpty() ? price.name() : m_s.catalog.itemName(price.itemId());
        line.startDate = c.period.startDate;
        line.endDate = c.period.endDate;
        for (const TaxRateRecord &r : m_s.taxRates)
            if (r.itemIds.contains(price.itemId()))
                line.taxRateIds.append(r.id);
    }

    RunState &m_s;
    QDateTime m_now;
};

BillingPeriod clip(const BillingPeriod &p, QDate start, QDate end, const QTimeZone &zone)
{
    BillingPeriod c = p;
    c.startDate = start;
    c.endDate = end;
    c.start = BillingSchedule::startOfDayUtc(start, zone);
    c.end = BillingSchedule::startOfDayUtc(end, zone);
    return c;
}

} // namespace

InvoiceRunService::InvoiceRunService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

InvoiceRunSummary InvoiceRunService::run(const InvoiceRunOptions &options)
{
    if (!options.asOf.isValid())
        throw ServiceError::invalid(QStringLiteral("an invoice run needs a valid as-of instant"));
    if (!options.dryRun && m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    Database &db = m_file.db();
    const QDateTime asOf = options.asOf.toUTC();
    const QDateTime now = m_clock.now();
    InvoiceRunSummary summary;
    summary.asOf = asOf;

    RunState s(db);
    s.rounding = Decimal::roundingFromString(m_file.setting(QStringLiteral("rounding"), QStringLiteral("half_up"))).value_or(Rounding::HalfUp);
    s.graceMs = qint64(m_file.setting(QStringLiteral("grace_period_hours"), QStringLiteral("12")).toInt()) * 3600 * 1000;
    s.defaultNetTerms = m_file.setting(QStringLiteral("default_net_terms"), QStringLiteral("30")).toInt();
    CustomerQuery everyone;
    everyone.includeArchived = true;
    for (const Customer &c : CustomerRepository(db).list(everyone))
        s.customers.insert(c.id, c);
    SubscriptionRepository subs(db);
    if (options.subscriptionId.isEmpty()) {
        s.subscriptions = subs.all();
    } else {
        const auto one = subs.find(options.subscriptionId);
        if (!one)
            throw ServiceError::notFound(QStringLiteral("no subscription with id \"%1\"").arg(options.subscriptionId));
        s.subscriptions.append(*one);
    }
    {
        QSqlQuery q = db.exec(QStringLiteral("SELECT identity, id, status, kind, subscription_id, phase_id, cadence, period_start, period_end "
                                             "FROM invoices WHERE identity IS NOT NULL"));
        while (q.next()) {
            const QString status = q.value(2).toString();
            s.existing.insert(q.value(0).toString(), {q.value(1).toString(), status});
            if (q.value(3).toString() == QLatin1String("in_advance") && (status == QLatin1String("issued") || status == QLatin1String("paid")))
                s.issuedAdvance[q.value(4).toString() + QLatin1Char(':') + q.value(5).toString() + QLatin1Char(':') + q.value(6).toString()]
                    .append({parseDate(q.value(7).toString()), parseDate(q.value(8).toString())});
        }
    }
    s.taxRates = BillingSetupService::loadTaxRates(db);
    for (const CouponRecord &c : BillingSetupService::loadCoupons(db))
        s.coupons.insert(c.id, c);

    // 1. What is due: candidates by identity.
    std::map<QString, Candidate> candidates;
    QSet<QString> countedIssued;
    for (const Subscription &sub : s.subscriptions) {
        const auto cust = s.customers.constFind(sub.customerId);
        if (cust == s.customers.constEnd())
            continue;
        const QTimeZone zone(cust->timezone.toUtf8());
        const QDate asOfDate = BillingSchedule::localDate(asOf, zone);
        for (const SubscriptionPhase &phase : sub.phases) {
            const PhasePricing &pricing = s.catalog.phase(phase);
            const QDate phaseEnd = phase.endDate ? *phase.endDate : (sub.endDate ? *sub.endDate : QDate(9999, 12, 31));
            for (int i = 0; i < pricing.prices.size(); ++i) {
                const pricing::Price &price = pricing.prices.at(i);
                Candidate c;
                c.sub = &sub;
                c.phase = &phase;
                c.customer = &*cust;
                c.cadence = cadenceKey(price);
                c.usage = isUsagePrice(price);
                auto add = [&](Candidate &&cand) {
                    cand.identity = QStringLiteral("%1:%2:%3:%4:%5:%6")
                                        .arg(sub.id, phase.id, cand.kind, cand.cadence, dateText(cand.period.startDate), dateText(cand.period.endDate));
                    const auto ex = s.existing.constFind(cand.identity);
                    if (ex != s.existing.constEnd() && ex->second != QLatin1String("draft")) {
                        if (!countedIssued.contains(cand.identity)) {
                            countedIssued.insert(cand.identity);
                            ++summary.alreadyIssued;
                        }
                        return;
                    }
                    if (cand.kind == QLatin1String("in_advance")) {
                        const auto covering = s.issuedAdvance.value(sub.id + QLatin1Char(':') + phase.id + QLatin1Char(':') + cand.cadence);
                        for (const auto &range : covering)
                            if (range.first <= cand.period.startDate && cand.period.endDate <= range.second)
                                return; // billed in full before a change cut this phase short
                    }
                    auto it = candidates.find(cand.identity);
                    if (it == candidates.end())
                        it = candidates.emplace(cand.identity, std::move(cand)).first;
                    it->second.prices.append(i);
                    it->second.usage = it->second.usage || isUsagePrice(price);
                };
                if (price.cadence() == QLatin1String("one_time")) {
                    const QDate on = std::max(phase.startDate, sub.startDate);
                    if (on >= phaseEnd || BillingSchedule::startOfDayUtc(on, zone) > asOf)
                        continue;
                    c.kind = QStringLiteral("one_time");
                    c.period.startDate = c.period.fullStartDate = on;
                    c.period.endDate = c.period.fullEndDate = on.addDays(1);
                    c.period.start = BillingSchedule::startOfDayUtc(on, zone);
                    c.period.end = BillingSchedule::startOfDayUtc(on.addDays(1), zone);
                    add(std::move(c));
                    continue;
                }
                const auto cycle = price.billingCycle();
                const auto cadence = billing::BillingCadence::fromOrb(price.cadence(), cycle ? cycle->duration : 0,
                                                                      cycle ? QStringView(cycle->durationUnit) : QStringView());
                if (!cadence)
                    continue;
                const BillingSchedule schedule(sub.startDate, zone, *cadence,
                                               sub.alignment == QLatin1String("first_of_month") ? billing::BillingAlignment::FirstOfMonth
                                                                                                 : billing::BillingAlignment::StartDate,
                                               sub.trialDays, sub.endDate);
                const bool arrears = c.usage || price.billingMode() != QLatin1String("in_advance");
                c.kind = arrears ? QStringLiteral("in_arrears") : QStringLiteral("in_advance");
                // Start from the period holding the phase's start: earlier ones cannot overlap it.
                std::optional<BillingPeriod> first = schedule.periodContainingDate(std::max(phase.startDate, schedule.billingStartDate()));
                for (int index = first ? first->index : 0;; ++index) {
                    const auto p = schedule.period(index);
                    if (!p || p->startDate > asOfDate || p->startDate >= phaseEnd)
                        break;
                    const QDate start = std::max(p->startDate, phase.startDate);
                    const QDate end = std::min(p->endDate, phaseEnd);
                    if (start >= end)
                        continue;
                    Candidate cand = c;
                    cand.period = clip(*p, start, end, zone);
                    const QDateTime dueAt = arrears ? cand.period.end.addMSecs(s.graceMs) : cand.period.start;
                    if (dueAt > asOf)
                        continue;
                    add(std::move(cand));
                }
            }
        }
    }

    // 2. Compose, window by window for the ones that need usage, and store in batches.
    Composer composer(s, now);
    InvoiceRepository invoices(db);
    const qint64 total = qint64(candidates.size());
    qint64 done = 0;
    QList<Invoice> batch;
    auto flush = [&]() {
        if (batch.isEmpty() || options.dryRun) {
            batch.clear();
            return;
        }
        UnitOfWork uow(db);
        for (Invoice &inv : batch) {
            const auto ex = s.existing.constFind(inv.identity);
            if (ex == s.existing.constEnd()) {
                inv.id = newId();
                invoices.insert(inv);
                s.existing.insert(inv.identity, {inv.id, inv.status});
                ++summary.created;
                summary.invoices.append(inv);
                continue;
            }
            const auto old = invoices.find(ex->first);
            if (!old || old->status != QLatin1String("draft"))
                continue; // issued by someone else meanwhile: never touched
            inv.id = old->id;
            inv.createdAt = old->createdAt;
            if (old->document == inv.document && old->total == inv.total && old->netTerms == inv.netTerms && old->memo == inv.memo) {
                ++summary.unchanged;
                continue;
            }
            invoices.update(inv);
            ++summary.refreshed;
            summary.invoices.append(inv);
        }
        uow.commit();
        batch.clear();
    };
    auto take = [&](Invoice &&inv) {
        if (options.dryRun) {
            if (s.existing.contains(inv.identity))
                ++summary.unchanged;
            else
                ++summary.created;
            summary.invoices.append(inv);
        } else {
            batch.append(std::move(inv));
            if (batch.size() >= options.batchSize)
                flush();
        }
        ++done;
        if (options.progress && !options.progress(done, total)) {
            summary.cancelled = true;
            return false;
        }
        return true;
    };

    if (!options.dryRun) {
        summary.runId = newId();
        db.exec(QStringLiteral("INSERT INTO invoice_runs (id, as_of, started_at) VALUES (?,?,?)"),
                {summary.runId, toIsoUtc(asOf), toIsoUtc(now)});
    }
    const auto noUsage = [](const pricing::Price &) { return UsageQuantities(); };
    for (auto &entry : candidates) {
        if (entry.second.usage)
            continue;
        if (!take(composer.compose(entry.second, noUsage)))
            break;
    }
    // Usage windows: every candidate with usage, by its exact [start, end).
    std::map<QPair<qint64, qint64>, QList<const Candidate *>> windows;
    for (const auto &entry : candidates)
        if (entry.second.usage)
            windows[{entry.second.period.start.toMSecsSinceEpoch(), entry.second.period.end.toMSecsSinceEpoch()}].append(&entry.second);
    for (const auto &window : windows) {
        if (summary.cancelled)
            break;
        // One aggregation spec per metric × grouping the window's prices need.
        QList<MetricDefinition> metrics;
        QList<QPair<QStringList, bool>> groupings;
        QHash<QString, int> specIndex; // metric id + grouping → index
        QSet<QString> customersInWindow;
        auto specKey = [](const pricing::Price &p) -> QString {
            return p.billableMetricId() + QLatin1Char('|') + p.groupingProperties().join(QLatin1Char(',')) + QLatin1Char('|')
                   + (p.needsEventValues() ? QLatin1Char('1') : QLatin1Char('0'));
        };
        for (const Candidate *c : window.second) {
            customersInWindow.insert(c->customer->id);
            const PhasePricing &pricing = s.catalog.phase(*c->phase);
            for (const int i : c->prices) {
                const pricing::Price &p = pricing.prices.at(i);
                if (!isUsagePrice(p) || specIndex.contains(specKey(p)))
                    continue;
                const MetricDefinition *m = s.catalog.metric(p.billableMetricId());
                if (!m)
                    throw ServiceError::notFound(QStringLiteral("price \"%1\" bills a billable metric that does not exist (%2)")
                                                     .arg(p.name(), p.billableMetricId()));
                specIndex.insert(specKey(p), int(metrics.size()));
                metrics.append(*m);
                groupings.append({p.groupingProperties(), p.needsEventValues()});
            }
        }
        QHash<QString, UsageQuantities> usage; // customer id + '|' + spec index
        PeriodAggregator aggregator(db, metrics, QDateTime::fromMSecsSinceEpoch(window.first.first, Qt::UTC),
                                    QDateTime::fromMSecsSinceEpoch(window.first.second, Qt::UTC));
        for (int i = 0; i < groupings.size(); ++i)
            aggregator.setGrouping(i, groupings[i].first, groupings[i].second);
        aggregator.run([&](const CustomerMetricUsage &u) {
            if (!u.customerId.isEmpty() && customersInWindow.contains(u.customerId))
                usage.insert(u.customerId + QLatin1Char('|') + QString::number(u.metricIndex), u.usage);
        });
        summary.eventsScanned += aggregator.rowsScanned();
        ++summary.aggregationPasses;
        for (const Candidate *c : window.second) {
            const auto usageOf = [&](const pricing::Price &p) {
                return usage.value(c->customer->id + QLatin1Char('|') + QString::number(specIndex.value(specKey(p))));
            };
            if (!take(composer.compose(*c, usageOf)))
                break;
        }
    }
    flush();
    if (!options.dryRun) {
        db.exec(QStringLiteral("UPDATE invoice_runs SET finished_at = ?, created = ?, refreshed = ?, unchanged = ? WHERE id = ?"),
                {toIsoUtc(m_clock.now()), summary.created, summary.refreshed, summary.unchanged, summary.runId});
    }
    return summary;
}

QList<Invoice> InvoiceRunService::upcoming(const QString &subscriptionId)
{
    const auto sub = SubscriptionRepository(m_file.db()).find(subscriptionId);
    if (!sub)
        throw ServiceError::notFound(QStringLiteral("no subscription with id \"%1\"").arg(subscriptionId));
    const auto customer = CustomerRepository(m_file.db()).findById(sub->customerId);
    const QTimeZone zone(customer ? customer->timezone.toUtf8() : QByteArray("UTC"));
    const QDateTime now = m_clock.now();
    // The end of the current period of the subscription's first recurring price, and the grace
    // period after it: the current period's usage and the next period's fees are then due.
    QDateTime horizon = now;
    const SubscriptionPhase *phase = sub->phaseOn(BillingSchedule::localDate(now, zone));
    if (phase) {
        BillingCatalog catalog(m_file.db());
        for (const pricing::Price &p : catalog.phase(*phase).prices) {
            const auto cycle = p.billingCycle();
            const auto cadence = billing::BillingCadence::fromOrb(p.cadence(), cycle ? cycle->duration : 0,
                                                                  cycle ? QStringView(cycle->durationUnit) : QStringView());
            if (!cadence)
                continue;
            const BillingSchedule schedule(sub->startDate, zone, *cadence,
                                           sub->alignment == QLatin1String("first_of_month") ? billing::BillingAlignment::FirstOfMonth
                                                                                             : billing::BillingAlignment::StartDate,
                                           sub->trialDays, sub->endDate);
            const auto current = schedule.periodContaining(now) ? schedule.periodContaining(now) : schedule.period(0);
            if (current)
                horizon = std::max(horizon, current->end);
            break;
        }
    }
    const qint64 graceMs = qint64(m_file.setting(QStringLiteral("grace_period_hours"), QStringLiteral("12")).toInt()) * 3600 * 1000;
    InvoiceRunOptions options;
    options.asOf = horizon.addMSecs(graceMs);
    options.dryRun = true;
    options.subscriptionId = sub->id;
    return run(options).invoices;
}

} // namespace orb
