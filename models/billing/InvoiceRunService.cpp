// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/InvoiceRunService.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/billing/BillingSchedule.h"
#include "engine/billing/InvoiceCalculator.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Database.h"
#include "models/Ids.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingCatalog.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/DraftStamps.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/usage/DailyQuantities.h"
#include "models/usage/PeriodAggregator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <sqlite3.h>

#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace orb {

using billing::BillingPeriod;
using billing::BillingSchedule;

QJsonObject InvoiceRunSummary::toJson() const
{
    QJsonArray ids;
    for (const Invoice &i : invoices)
        ids.append(i.id);
    QJsonArray failures;
    for (const InvoiceRunFailure &f : failed)
        failures.append(f.toJson());
    return QJsonObject{{QStringLiteral("run_id"), runId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(runId)},
                       {QStringLiteral("as_of"), toApiTimestamp(asOf)},
                       {QStringLiteral("created"), created},
                       {QStringLiteral("refreshed"), refreshed},
                       {QStringLiteral("unchanged"), unchanged},
                       {QStringLiteral("recomposed"), recomposed},
                       {QStringLiteral("up_to_date"), upToDate},
                       {QStringLiteral("already_issued"), alreadyIssued},
                       {QStringLiteral("events_scanned"), eventsScanned},
                       {QStringLiteral("aggregation_passes"), aggregationPasses},
                       {QStringLiteral("cancelled"), cancelled},
                       {QStringLiteral("invoice_ids"), ids},
                       {QStringLiteral("failed_subscriptions"), failures}};
}

QJsonObject InvoiceRunFailure::toJson() const
{
    return QJsonObject{{QStringLiteral("subscription_id"), subscriptionId},
                       {QStringLiteral("customer_id"), customerId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(customerId)},
                       {QStringLiteral("customer_name"), customerName},
                       {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}};
}

QList<InvoiceRunFailure> InvoiceRunSummary::lastRunFailures(const Database &db)
{
    QList<InvoiceRunFailure> out;
    // In the order runs finished and the run listed its failures (`position`, migration 0036:
    // a company server has no rowid); a row without one counts as position 0 on both engines.
    QSqlQuery q = db.exec(QStringLiteral("SELECT f.subscription_id, f.customer_id, f.customer_name, f.reason FROM invoice_run_failures f "
                                         "WHERE f.run_id = (SELECT id FROM invoice_runs WHERE finished_at IS NOT NULL "
                                         "ORDER BY finished_at DESC, COALESCE(position, 0) DESC, id DESC LIMIT 1) "
                                         "ORDER BY COALESCE(f.position, 0), f.subscription_id"));
    while (q.next()) {
        InvoiceRunFailure f;
        f.subscriptionId = q.value(0).toString();
        f.customerId = q.value(1).toString();
        f.customerName = q.value(2).toString();
        f.reasons = q.value(3).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        out.append(f);
    }
    return out;
}

namespace {

// One invoice to compose: a subscription phase's prices of one kind and cadence over one
// (clipped) period.
struct Candidate {
    const Subscription *sub = nullptr;
    const SubscriptionPhase *phase = nullptr;
    const Customer *customer = nullptr;
    InvoiceKind kind = InvoiceKind::InAdvance;
    QString cadence;
    BillingPeriod period;
    QList<int> prices; // indexes into the phase's prices
    QString identity;
    bool usage = false;
    QByteArray fingerprint; // what it is composed from, but the usage
    bool upToDate = false;  // an existing draft that nothing it depends on changed since
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
    QHash<QString, QPair<QString, InvoiceStatus>> existing; // identity → (id, status)
    QHash<QString, QString> draftUpdatedAt;                 // draft id → updated_at as stored
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

    /// `documentText`, when given, receives the document as compact JSON text (what the
    /// repository stores), written once instead of serialized from the object again.
    Invoice compose(const Candidate &c, const std::function<UsageQuantities(const pricing::Price &)> &usageOf,
                    const std::function<QList<pricing::QuantitySpan>(const pricing::Price &)> &spansOf = {}, QByteArray *documentText = nullptr)
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
        const bool partial = c.kind != InvoiceKind::OneTime && days != fullDays;
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
                const pricing::EvaluationContext plain = ctx;
                if (price.prorates() && spansOf) {
                    // Each quantity in force for its days, against the whole cadence period.
                    ctx.quantitySchedule = spansOf(price);
                    ctx.periodDays = fullDays;
                }
                try {
                    e = price.evaluate(usageOf(price), ctx);
                } catch (const DecimalError &error) {
                    // Usage can carry numbers (an event's own unit rate) whose product leaves
                    // the 38 digits: say which price and period, bill nothing.
                    throw ServiceError::invalid(QStringLiteral("price \"%1\" of subscription %2 (customer %3) cannot be priced for %4 to %5: %6")
                                                    .arg(price.name(), c.sub->id, c.customer->name, dateText(c.period.startDate), dateText(c.period.endDate),
                                                         QString::fromUtf8(error.what())));
                }
                line.subtotal = e.subtotal;
                line.reprice = [price, plain](const Decimal &q) { return price.evaluate(UsageQuantities::ofQuantity(q), plain).subtotal; };
            } else {
                const UsageQuantities q =
                    pricing.quantities.contains(price.id()) ? UsageQuantities::ofQuantity(pricing.quantities.value(price.id())) : price.fixedUsage();
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
            const CouponRecord &r = *m_s.coupons.constFind(c.sub->couponId);
            const billing::Coupon coupon(r.id,
                                         r.discountType == QLatin1String("percentage") ? billing::Coupon::Type::Percentage : billing::Coupon::Type::Amount,
                                         r.value, r.durationMonths, r.maxRedemptions);
            // An amount off is taken once per billing period: from the fees in advance when the
            // phase has any, else from the invoice in arrears. A percentage applies to both.
            bool once = true;
            if (coupon.type() == billing::Coupon::Type::Amount && c.kind == InvoiceKind::InArrears)
                for (const pricing::Price &p : pricing.prices)
                    once = once && !(p.billingMode() == QLatin1String("in_advance") && !isUsagePrice(p) && p.cadence() != QLatin1String("one_time"));
            if (coupon.type() == billing::Coupon::Type::Amount && c.kind == InvoiceKind::OneTime)
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
            throw ServiceError::invalid(
                QStringLiteral("subscription %1 (customer %2), %3 invoice for %4 to %5 cannot be composed: %6")
                    .arg(c.sub->id, c.customer->name, toText(c.kind), dateText(c.period.startDate), dateText(c.period.endDate), QString::fromUtf8(e.what())));
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
        inv.status = InvoiceStatus::Draft;
        inv.invoiceDate = in.invoiceDate;
        inv.currency = plan.currency;
        inv.netTerms =
            c.sub->netTerms ? *c.sub->netTerms : (c.customer->netTerms ? *c.customer->netTerms : (plan.netTerms ? *plan.netTerms : m_s.defaultNetTerms));
        inv.memo = !c.sub->memo.isEmpty() ? c.sub->memo : plan.defaultInvoiceMemo;
        setTotals(inv, result);
        // Written as text and read back: about a third of the cost of building the object
        // member by member, and the text is what the company file stores.
        QByteArray text = result.toCompactJson({{QStringLiteral("plan_id"), plan.id}, {QStringLiteral("plan_name"), plan.name}});
        inv.document = QJsonDocument::fromJson(text).object();
        if (documentText)
            *documentText = std::move(text);
        inv.createdAt = inv.updatedAt = m_now;
        return inv;
    }

    /// Reads on the calling thread all that compose() reads from the company file for `c` (the
    /// catalog loads its plans, phases and item names on first use), so that compose() may then
    /// run on another thread without touching the connection. False when some of it cannot be
    /// read: that candidate is then composed on the connection's thread, where it fails as usual.
    bool prepare(const Candidate &c)
    {
        try {
            const PhasePricing &pricing = m_s.catalog.phase(*c.phase);
            m_s.catalog.plan(c.sub->planId);
            for (const int index : c.prices) {
                const pricing::Price &price = pricing.prices.at(index);
                if (price.name().isEmpty())
                    m_s.catalog.itemName(price.itemId());
            }
            return true;
        } catch (const std::exception &) {
            return false;
        }
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
    static QDate invoiceDate(const Candidate &c) { return c.kind == InvoiceKind::InArrears ? c.period.endDate : c.period.startDate; }

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

// What went wrong, for the run's report: a service error with its field errors, or the
// engine's message.
QString failureText(const ServiceError &e)
{
    QStringList parts{e.message()};
    for (const FieldError &fe : e.errors())
        parts << fe.toString();
    return parts.join(QStringLiteral("; "));
}

BillingPeriod clip(const BillingPeriod &p, QDate start, QDate end, const QTimeZone &zone)
{
    BillingPeriod c = p;
    c.startDate = start;
    c.endDate = end;
    c.start = BillingSchedule::startOfDayUtc(start, zone);
    c.end = BillingSchedule::startOfDayUtc(end, zone);
    return c;
}

// The usage windows' aggregation passes, started on a second, read-only connection before the
// fixed fees are composed and stored: the scan runs beside the writes instead of after them.
class UsagePrefetch
{
public:
    using Bounds = QPair<qint64, qint64>;
    struct Window {
        Bounds bounds;
        QList<MetricDefinition> metrics;
        QList<QPair<QStringList, bool>> groupings;
        QSet<QString> customers;
    };
    struct Result {
        QHash<QString, UsageQuantities> usage; // customer id + '|' + spec index
        qint64 rows = 0;
    };

    UsagePrefetch() = default;
    UsagePrefetch(const UsagePrefetch &) = delete;
    UsagePrefetch &operator=(const UsagePrefetch &) = delete;
    ~UsagePrefetch()
    {
        if (!m_thread.joinable())
            return;
        {
            // The run ended early (cancelled, or an error): stop the scan rather than wait.
            std::lock_guard<std::mutex> lock(m_mutex);
            m_abandoned = true;
            if (m_reader)
                sqlite3_interrupt(m_reader);
        }
        m_thread.join();
    }

    /// Starts the passes; false (nothing started) when a second connection could not see what
    /// this one sees: a file not on disk or not in WAL mode (a reader would block the
    /// writer), or a transaction open on this connection (its rows are not committed).
    bool start(Database &db, std::vector<Window> windows)
    {
        if (db.isServer())
            return false; // a server streams each window's usage when it is composed (ServerUsageScan)
        sqlite3 *main = db.sqliteHandle();
        if (windows.empty() || !main || !sqlite3_threadsafe() || !sqlite3_get_autocommit(main) || db.path().isEmpty() || db.path() == QLatin1String(":memory:")
            || db.scalar(QStringLiteral("PRAGMA journal_mode")).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return false;
        const QByteArray path = db.path().toUtf8();
        m_thread = std::thread([this, path, windows = std::move(windows)] {
            sqlite3 *h = nullptr;
            try {
                if (sqlite3_open_v2(path.constData(), &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
                    throw ServiceError::storage(QStringLiteral("the company file %1 could not be opened a second time for reading usage: %2")
                                                    .arg(QString::fromUtf8(path), QString::fromUtf8(h ? sqlite3_errmsg(h) : "out of memory")));
                {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    if (m_abandoned)
                        throw ServiceError::storage(QStringLiteral("the invoice run stopped before its usage was read"));
                    m_reader = h;
                }
                sqlite3_busy_timeout(h, 5000);
                sqlite3_exec(h, "PRAGMA trusted_schema = OFF", nullptr, nullptr, nullptr);
                // One snapshot for every window, as one connection would read them.
                sqliteCheck(h, sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr), "reading usage");
                for (const Window &w : windows) {
                    Result &r = m_results[w.bounds];
                    PeriodAggregator aggregator(h, w.metrics, QDateTime::fromMSecsSinceEpoch(w.bounds.first, Qt::UTC),
                                                QDateTime::fromMSecsSinceEpoch(w.bounds.second, Qt::UTC));
                    for (int i = 0; i < w.groupings.size(); ++i)
                        aggregator.setGrouping(i, w.groupings[i].first, w.groupings[i].second);
                    aggregator.restrictToCustomers(w.customers);
                    aggregator.run([&](const CustomerMetricUsage &u) {
                        if (!u.customerId.isEmpty() && w.customers.contains(u.customerId))
                            r.usage.insert(u.customerId + QLatin1Char('|') + QString::number(u.metricIndex), u.usage);
                    });
                    r.rows = aggregator.rowsScanned();
                }
                sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
            } catch (...) {
                m_error = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_reader = nullptr;
            }
            sqlite3_close(h);
        });
        return true;
    }

    /// Waits for the passes; rethrows what stopped them.
    std::map<Bounds, Result> take()
    {
        if (m_thread.joinable())
            m_thread.join();
        if (m_error)
            std::rethrow_exception(std::exchange(m_error, nullptr));
        return std::move(m_results);
    }

private:
    std::thread m_thread;
    std::mutex m_mutex;          // guards m_reader and m_abandoned
    sqlite3 *m_reader = nullptr; // while the thread has it open
    bool m_abandoned = false;
    std::map<Bounds, Result> m_results;
    std::exception_ptr m_error;
};

// One invoice run, step by step: load the state, gather what is due per subscription, compose
// the fixed-only invoices, then the usage ones window by window, storing in batches, and record
// the run. A failure is confined to its subscription (or its one invoice) and reported.
class InvoiceRun
{
public:
    InvoiceRun(CompanyFile &file, const InvoiceRunOptions &options, const QDateTime &now)
        : m_db(file.db()), m_options(options), m_now(now), m_state(m_db), m_composer(m_state, now), m_invoices(m_db)
    {
        m_summary.asOf = options.asOf.toUTC();
        // Before anything is read: usage stored after this is seen as changed by the next run,
        // even when this run's aggregation happens to include it.
        m_marks = UsageMarks::read(m_db);
        loadState(file);
    }

    InvoiceRunSummary run(const Clock &clock)
    {
        collectCandidates();
        m_total = qint64(m_candidates.size());
        selectDrafts();
        startRun();
        prefetchUsage();
        composeFixed();
        composeUsage();
        flush();
        finishRun(clock.now());
        return m_summary;
    }

private:
    // Gathered for one subscription before they join the run's candidates.
    struct Gathered {
        std::map<QString, Candidate> candidates;
        QSet<QString> issuedIdentities;
    };
    using UsageOf = std::function<UsageQuantities(const pricing::Price &)>;
    using SpansOf = std::function<QList<pricing::QuantitySpan>(const pricing::Price &)>;

    void loadState(CompanyFile &file)
    {
        RunState &s = m_state;
        s.rounding = Decimal::roundingFromString(file.setting(QStringLiteral("rounding"), QStringLiteral("half_up"))).value_or(Rounding::HalfUp);
        s.graceMs = qint64(file.setting(IntSetting::GracePeriodHours)) * 3600 * 1000;
        s.defaultNetTerms = file.setting(IntSetting::DefaultNetTerms);
        SubscriptionRepository subs(m_db);
        if (m_options.subscriptionId.isEmpty()) {
            loadCustomers();
            s.subscriptions = subs.all();
        } else {
            // One subscription (an upcoming invoice, a preview): only its customer and its
            // invoices, so the read does not grow with the company.
            const auto one = subs.find(m_options.subscriptionId);
            if (!one)
                throw ServiceError::notFound(QStringLiteral("no subscription with id \"%1\"").arg(m_options.subscriptionId));
            s.subscriptions.append(*one);
            if (const auto c = CustomerRepository(m_db).findById(one->customerId))
                s.customers.insert(c->id, *c);
        }
        // The invoices of the run's identities: read raw on a file, for a re-run reads every one
        // of them (a company's drafts and issued invoices) and does little else.
        const auto take = [&s](const auto &text) {
            const QString id = text(1);
            const auto status = storedValue<InvoiceStatus>(text(2), "invoices", id, "status");
            s.existing.insert(text(0), {id, status});
            if (status == InvoiceStatus::Draft)
                s.draftUpdatedAt.insert(id, text(9));
            if (storedValue<InvoiceKind>(text(3), "invoices", id, "kind") == InvoiceKind::InAdvance
                && (status == InvoiceStatus::Issued || status == InvoiceStatus::Paid))
                s.issuedAdvance[text(4) + QLatin1Char(':') + text(5) + QLatin1Char(':') + text(6)].append({parseDate(text(7)), parseDate(text(8))});
        };
        const char *sql = m_options.subscriptionId.isEmpty()
                              ? "SELECT identity, id, status, kind, subscription_id, phase_id, cadence, period_start, period_end, updated_at "
                                "FROM invoices WHERE identity IS NOT NULL"
                              : "SELECT identity, id, status, kind, subscription_id, phase_id, cadence, period_start, period_end, updated_at "
                                "FROM invoices WHERE identity IS NOT NULL AND subscription_id = ?";
        if (m_db.isServer()) {
            QSqlQuery q =
                m_options.subscriptionId.isEmpty() ? m_db.exec(QString::fromLatin1(sql)) : m_db.exec(QString::fromLatin1(sql), {m_options.subscriptionId});
            const auto text = [&q](int i) { return q.value(i).toString(); };
            while (q.next())
                take(text);
        } else {
            SqliteStatement q(m_db.sqliteHandle(), sql, "reading the invoices of earlier runs");
            if (!m_options.subscriptionId.isEmpty())
                q.bind(1, m_options.subscriptionId.toUtf8());
            const auto text = [&q](int i) { return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(q, i)), sqlite3_column_bytes(q, i)); };
            while (q.next())
                take(text);
        }
        s.taxRates = BillingSetupService::applicableTaxRates(m_db);
        for (const CouponRecord &c : BillingSetupService::loadCoupons(m_db))
            s.coupons.insert(c.id, c);
    }

    // Every customer, archived ones too, with the fields a run reads (id, external id, name,
    // time zone, net terms: what composing, digesting and reporting use). On a file the rows
    // are read raw: a re-run with nothing changed does little else than read the company.
    void loadCustomers()
    {
        RunState &s = m_state;
        if (m_db.isServer()) {
            CustomerQuery everyone;
            everyone.includeArchived = true;
            for (const Customer &c : CustomerRepository(m_db).list(everyone))
                s.customers.insert(c.id, c);
            return;
        }
        SqliteStatement q(m_db.sqliteHandle(), "SELECT id, external_customer_id, name, timezone, net_terms FROM customers", "reading the customers");
        const auto text = [&q](int i) { return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(q, i)), sqlite3_column_bytes(q, i)); };
        while (q.next()) {
            Customer c;
            c.id = text(0);
            c.externalCustomerId = text(1);
            c.name = text(2);
            c.timezone = text(3);
            if (sqlite3_column_type(q, 4) != SQLITE_NULL)
                c.netTerms = sqlite3_column_int(q, 4);
            s.customers.insert(c.id, c);
        }
    }

    // A subscription that cannot be billed is reported and the run goes on with the others.
    void fail(const Subscription &sub, const QString &reason)
    {
        auto it = m_failedIndex.constFind(sub.id);
        if (it == m_failedIndex.constEnd()) {
            InvoiceRunFailure f;
            f.subscriptionId = sub.id;
            f.customerId = sub.customerId;
            f.customerName = m_state.customers.value(sub.customerId).name;
            it = m_failedIndex.insert(sub.id, int(m_summary.failed.size()));
            m_summary.failed.append(f);
        }
        m_summary.failed[*it].reasons.append(reason);
    }

    // 1. What is due: candidates by identity. A subscription's candidates are kept only when all
    // of them could be worked out, so a subscription is either fully scheduled or reported.
    void collectCandidates()
    {
        for (const Subscription &sub : m_state.subscriptions) {
            const auto cust = m_state.customers.constFind(sub.customerId);
            if (cust == m_state.customers.constEnd()) {
                fail(sub, QStringLiteral("its customer (%1) does not exist").arg(sub.customerId));
                continue;
            }
            const QTimeZone zone(cust->timezone.toUtf8());
            if (!zone.isValid()) {
                fail(sub, QStringLiteral("customer \"%1\" has the time zone \"%2\", which is not a known IANA zone").arg(cust->name, cust->timezone));
                continue;
            }
            Gathered mine;
            try {
                for (const SubscriptionPhase &phase : sub.phases)
                    gatherPhase(sub, *cust, phase, zone, mine);
            } catch (const ServiceError &e) {
                fail(sub, failureText(e));
                continue;
            } catch (const std::exception &e) {
                fail(sub, QString::fromUtf8(e.what()));
                continue;
            }
            m_countedIssued.unite(mine.issuedIdentities);
            m_summary.alreadyIssued += int(mine.issuedIdentities.size());
            for (auto &entry : mine.candidates)
                m_candidates.emplace(entry.first, std::move(entry.second));
        }
    }

    // The due periods of each price of one phase.
    void gatherPhase(const Subscription &sub, const Customer &customer, const SubscriptionPhase &phase, const QTimeZone &zone, Gathered &mine)
    {
        const QDateTime asOf = m_summary.asOf;
        const QDate asOfDate = BillingSchedule::localDate(asOf, zone);
        const PhasePricing &pricing = m_state.catalog.phase(phase);
        const QDate phaseEnd = phase.endDate ? *phase.endDate : (sub.endDate ? *sub.endDate : QDate(9999, 12, 31));
        for (int i = 0; i < pricing.prices.size(); ++i) {
            const pricing::Price &price = pricing.prices.at(i);
            Candidate c;
            c.sub = &sub;
            c.phase = &phase;
            c.customer = &customer;
            c.cadence = cadenceKey(price);
            c.usage = isUsagePrice(price);
            if (price.cadence() == QLatin1String("one_time")) {
                const QDate on = std::max(phase.startDate, sub.startDate);
                if (on >= phaseEnd || BillingSchedule::startOfDayUtc(on, zone) > asOf)
                    continue;
                c.kind = InvoiceKind::OneTime;
                c.period.startDate = c.period.fullStartDate = on;
                c.period.endDate = c.period.fullEndDate = on.addDays(1);
                c.period.start = BillingSchedule::startOfDayUtc(on, zone);
                c.period.end = BillingSchedule::startOfDayUtc(on.addDays(1), zone);
                addCandidate(std::move(c), i, c.usage, mine);
                continue;
            }
            const auto cycle = price.billingCycle();
            const auto cadence =
                billing::BillingCadence::fromOrb(price.cadence(), cycle ? cycle->duration : 0, cycle ? QStringView(cycle->durationUnit) : QStringView());
            if (!cadence) // never skipped in silence: the price would go unbilled
                throw ServiceError::invalid(QStringLiteral("price \"%1\" has a billing cycle that cannot be billed (%2, %3 %4)")
                                                .arg(price.name(), price.cadence())
                                                .arg(cycle ? cycle->duration : 0)
                                                .arg(cycle ? cycle->durationUnit : QString()));
            const bool arrears = c.usage || price.billingMode() != QLatin1String("in_advance");
            c.kind = arrears ? InvoiceKind::InArrears : InvoiceKind::InAdvance;
            for (const BillingPeriod &period : phasePeriods(sub, phase, *cadence, zone, phaseEnd, asOfDate)) {
                Candidate cand = c;
                cand.period = period;
                const QDateTime dueAt = arrears ? cand.period.end.addMSecs(m_state.graceMs) : cand.period.start;
                if (dueAt > asOf)
                    continue;
                addCandidate(std::move(cand), i, c.usage, mine);
            }
        }
    }

    // The billing periods of a cadence that start by `asOfDate` within a phase, clipped to it.
    // They follow from the schedule's parameters alone, and a company's subscriptions share
    // few of them (start dates, zones, cadences, trials), so each set is worked out once a run.
    const std::vector<BillingPeriod> &phasePeriods(const Subscription &sub, const SubscriptionPhase &phase, const billing::BillingCadence &cadence,
                                                   const QTimeZone &zone, QDate phaseEnd, QDate asOfDate)
    {
        const billing::BillingAlignment alignment =
            sub.alignment == QLatin1String("first_of_month") ? billing::BillingAlignment::FirstOfMonth : billing::BillingAlignment::StartDate;
        const qint64 numbers[] = {sub.startDate.toJulianDay(),
                                  cadence.unit() == billing::BillingCadence::Unit::Day ? 0 : 1,
                                  cadence.count(),
                                  alignment == billing::BillingAlignment::FirstOfMonth ? 1 : 0,
                                  sub.trialDays,
                                  sub.endDate ? sub.endDate->toJulianDay() : std::numeric_limits<qint64>::min(),
                                  phase.startDate.toJulianDay(),
                                  phaseEnd.toJulianDay(),
                                  asOfDate.toJulianDay()};
        QByteArray key(reinterpret_cast<const char *>(numbers), qsizetype(sizeof numbers));
        key.append(zone.id());
        auto it = m_periods.find(key);
        if (it != m_periods.end())
            return it->second;
        std::vector<BillingPeriod> out;
        const BillingSchedule schedule(sub.startDate, zone, cadence, alignment, sub.trialDays, sub.endDate);
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
            out.push_back(clip(*p, start, end, zone));
        }
        return m_periods.emplace(std::move(key), std::move(out)).first->second;
    }

    // Adds a price to the candidate of its identity, unless that invoice is already issued or
    // its period was billed in full before a change cut the phase short.
    void addCandidate(Candidate &&cand, int priceIndex, bool usage, Gathered &mine)
    {
        const Subscription &sub = *cand.sub;
        const SubscriptionPhase &phase = *cand.phase;
        const QLatin1Char colon(':');
        // The same text as "%1:%2:%3:%4:%5:%6", built in one allocation (every candidate has one).
        const QString kind = toText(cand.kind);
        const QString from = dateText(cand.period.startDate);
        const QString to = dateText(cand.period.endDate);
        cand.identity.reserve(sub.id.size() + phase.id.size() + kind.size() + cand.cadence.size() + from.size() + to.size() + 5);
        cand.identity.append(sub.id).append(colon).append(phase.id).append(colon).append(kind).append(colon).append(cand.cadence).append(colon);
        cand.identity.append(from).append(colon).append(to);
        const auto ex = m_state.existing.constFind(cand.identity);
        if (ex != m_state.existing.constEnd() && ex->second != InvoiceStatus::Draft) {
            if (!m_countedIssued.contains(cand.identity))
                mine.issuedIdentities.insert(cand.identity);
            return;
        }
        if (cand.kind == InvoiceKind::InAdvance) {
            const auto covering = m_state.issuedAdvance.constFind(sub.id + QLatin1Char(':') + phase.id + QLatin1Char(':') + cand.cadence);
            if (covering != m_state.issuedAdvance.constEnd())
                for (const auto &range : *covering)
                    if (range.first <= cand.period.startDate && cand.period.endDate <= range.second)
                        return;
        }
        auto it = mine.candidates.find(cand.identity);
        if (it == mine.candidates.end())
            it = mine.candidates.emplace(cand.identity, std::move(cand)).first;
        it->second.prices.append(priceIndex);
        it->second.usage = it->second.usage || usage;
    }

    // 1b. Which existing drafts to compose again: those whose inputs' digest differs from
    // their stamp, that were changed by anything but a run, or whose customer's usage in their
    // period changed after the stamp's watermarks. The rest stay as stored.
    void selectDrafts()
    {
        const DraftStampStore store(m_db);
        const QHash<QString, DraftStamp> stamps = store.load();
        // Stamps of invoices that are no longer drafts (issued, or deleted) are dropped when
        // the run ends; a run over every subscription read every draft, so it knows them.
        m_wholeCompany = m_options.subscriptionId.isEmpty();
        if (m_wholeCompany)
            for (auto it = stamps.cbegin(); it != stamps.cend(); ++it)
                if (!m_state.draftUpdatedAt.contains(it.key()))
                    m_maybeStale.append(it.key());
        UsageMarks since = m_marks;
        QList<std::pair<Candidate *, const DraftStamp *>> maybe;
        for (auto &entry : m_candidates) {
            Candidate &c = entry.second;
            c.fingerprint = fingerprint(c);
            if (m_options.recomposeAll)
                continue;
            const auto ex = m_state.existing.constFind(c.identity);
            if (ex == m_state.existing.constEnd() || ex->second != InvoiceStatus::Draft)
                continue;
            const auto st = stamps.constFind(ex->first);
            if (st == stamps.constEnd() || st->fingerprint != c.fingerprint || st->invoiceUpdatedAt != m_state.draftUpdatedAt.value(ex->first))
                continue;
            maybe.append({&c, &*st});
            if (c.usage) {
                since.events = std::min(since.events, st->eventsSeen);
                since.changes = std::min(since.changes, st->changesSeen);
            }
        }
        UsageChangeIndex changes;
        changes.load(m_db, since, m_marks);
        for (const auto &[c, st] : maybe) {
            if (c->usage
                && changes.touches(c->customer->id, c->customer->externalCustomerId, c->period.start.toMSecsSinceEpoch(), c->period.end.toMSecsSinceEpoch(),
                                   *st))
                continue;
            c->upToDate = true;
            const QString id = m_state.existing.value(c->identity).first;
            ++m_summary.upToDate;
            ++m_summary.unchanged;
            ++m_done;
            if (st->eventsSeen != m_marks.events || st->changesSeen != m_marks.changes)
                m_advance.append(id);
            // A preview lists what the run would leave: the stored draft is what composing it
            // again would give.
            if (m_options.dryRun) {
                if (auto stored = m_invoices.find(id)) {
                    // As a composed one reads: not yet stored, made now.
                    stored->id.clear();
                    stored->createdAt = stored->updatedAt = m_now;
                    m_summary.invoices.append(*stored);
                }
            }
        }
    }

    // A component's digest, computed once per run.
    template <typename Fill>
    const QByteArray &digest(const QString &key, Fill fill)
    {
        auto it = m_digests.find(key);
        if (it == m_digests.end()) {
            Fingerprint f;
            fill(f);
            it = m_digests.insert(key, f.result());
        }
        return *it;
    }

    static qint64 optional(const std::optional<int> &v) { return v ? qint64(*v) : qint64(-1); }

    // The part of a candidate's digest that depends on its subscription phase alone.
    QByteArray phaseDigest(const Candidate &c)
    {
        Fingerprint f;
        const Customer &cu = *c.customer;
        f.add(digest(QStringLiteral("customer:") + cu.id,
                     [&](Fingerprint &d) { d.add(cu.id).add(cu.externalCustomerId).add(cu.timezone).add(optional(cu.netTerms)); }));
        const Subscription &sub = *c.sub;
        f.add(digest(QStringLiteral("subscription:") + sub.id, [&](Fingerprint &d) {
            d.add(sub.id).add(sub.customerId).add(sub.planId).add(dateText(sub.startDate)).add(sub.endDate ? dateText(*sub.endDate) : QString());
            d.add(sub.alignment).add(qint64(sub.trialDays)).add(optional(sub.netTerms)).add(sub.memo).add(sub.couponId).add(dateText(sub.couponRedeemedOn));
        }));
        const SubscriptionPhase &phase = *c.phase;
        const QByteArray overrides = QJsonDocument(phase.priceOverrides).toJson(QJsonDocument::Compact);
        const PhasePricing &pricing = m_state.catalog.phase(phase);
        f.add(digest(QStringLiteral("pricing:") + phase.planVersionId + QLatin1Char('|') + QString::fromUtf8(overrides), [&](Fingerprint &d) {
            const PlanVersion &v = m_state.catalog.version(phase.planVersionId);
            d.add(v.id).add(QJsonDocument(v.adjustments).toJson(QJsonDocument::Compact)).add(overrides);
            for (const pricing::Price &p : pricing.prices)
                d.add(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
        }));
        f.add(phase.id).add(dateText(phase.startDate)).add(phase.endDate ? dateText(*phase.endDate) : QString());
        for (auto q = phase.quantities.cbegin(); q != phase.quantities.cend(); ++q)
            f.add(q.key()).add(q.value().toString());
        const Plan &plan = m_state.catalog.plan(sub.planId);
        // The company's default terms apply only where the subscription, customer and plan set none.
        f.add(sub.netTerms || cu.netTerms || plan.netTerms ? qint64(-1) : qint64(m_state.defaultNetTerms));
        f.add(digest(QStringLiteral("plan:") + plan.id,
                     [&](Fingerprint &d) { d.add(plan.id).add(plan.name).add(plan.currency).add(optional(plan.netTerms)).add(plan.defaultInvoiceMemo); }));
        const auto coupon = m_state.coupons.constFind(sub.couponId);
        if (!sub.couponId.isEmpty() && coupon != m_state.coupons.constEnd())
            f.add(coupon->id).add(coupon->discountType).add(coupon->value.toString()).add(optional(coupon->durationMonths));
        else
            f.add(QByteArrayLiteral("no coupon"));
        return f.result();
    }

    // Everything Composer::compose reads, but the usage: the settings, the customer's fields it
    // uses, the subscription, the phase with its prices after overrides, the plan, the item
    // names its lines take, the metrics, the coupon's terms and the tax rates that can apply. Anything else (the
    // customer's e-mail, an unrelated plan, a tax rate for another customer) leaves it as is.
    QByteArray fingerprint(const Candidate &c)
    {
        Fingerprint f;
        f.add(QByteArrayLiteral("orb-draft-2")).add(qint64(m_state.rounding));
        // What every candidate of one subscription phase shares (the customer, the subscription,
        // the phase's pricing, the plan, the coupon), digested once a phase.
        auto shared = m_phaseDigests.constFind(c.phase);
        if (shared == m_phaseDigests.constEnd())
            shared = m_phaseDigests.insert(c.phase, phaseDigest(c));
        f.add(*shared);
        const PhasePricing &pricing = m_state.catalog.phase(*c.phase);
        const Customer &cu = *c.customer;
        QStringList items;
        for (const int i : c.prices) {
            const pricing::Price &p = pricing.prices.at(i);
            items.append(p.itemId());
            if (p.name().isEmpty()) // the line is named after its item
                f.add(m_state.catalog.itemName(p.itemId()));
            if (isUsagePrice(p)) {
                f.add(digest(QStringLiteral("metric:") + p.billableMetricId(), [&](Fingerprint &d) {
                    const MetricDefinition *m = m_state.catalog.metric(p.billableMetricId());
                    d.add(m ? m->toJson() : QByteArrayLiteral("no metric"));
                }));
            }
        }
        for (const TaxRateRecord &r : m_state.taxRates) {
            const bool customer = r.customerIds.contains(cu.id);
            QStringList on;
            for (const QString &item : items)
                if (r.itemIds.contains(item))
                    on.append(item);
            if (customer || !on.isEmpty())
                f.add(r.id).add(r.name).add(r.percentage.toString()).add(qint64(customer)).add(on.join(QLatin1Char(',')));
        }
        f.add(c.identity).add(qint64(c.kind)).add(c.period.start.toMSecsSinceEpoch()).add(c.period.end.toMSecsSinceEpoch());
        f.add(dateText(c.period.fullStartDate)).add(dateText(c.period.fullEndDate)).add(qint64(c.usage));
        for (const int i : c.prices)
            f.add(qint64(i));
        return f.result();
    }

    void startRun()
    {
        if (m_options.dryRun)
            return;
        m_summary.runId = newId();
        m_db.exec(QStringLiteral("INSERT INTO invoice_runs (id, as_of, started_at) VALUES (?,?,?)"),
                  {m_summary.runId, toIsoUtc(m_summary.asOf), toIsoUtc(m_now)});
    }

    // 2. The invoices without usage.
    void composeFixed()
    {
        const auto noUsage = [](const pricing::Price &) { return UsageQuantities(); };
        for (auto &entry : m_candidates) {
            if (entry.second.usage || entry.second.upToDate)
                continue;
            if (!take(composeOne(entry.second, noUsage)))
                break;
        }
    }

    // 3. The invoices with usage: every candidate by its exact [start, end), one aggregation
    // pass per window.
    void composeUsage()
    {
        const auto windows = usageWindows();
        for (const auto &window : windows) {
            if (m_summary.cancelled)
                break;
            composeWindow(window.first, window.second);
        }
    }

    static QString specKey(const pricing::Price &p)
    {
        return p.billableMetricId() + QLatin1Char('|') + p.groupingProperties().join(QLatin1Char(',')) + QLatin1Char('|')
               + (p.needsEventValues() ? QLatin1Char('1') : QLatin1Char('0'));
    }

    // What one window aggregates: one spec per metric × grouping its prices need, the
    // customers it bills, and the candidates that cannot be billed (a metric gone).
    struct WindowPlan {
        QList<MetricDefinition> metrics;
        QList<QPair<QStringList, bool>> groupings;
        QHash<QString, int> specIndex; // metric id + grouping → index
        QSet<QString> customers;
        QList<const Candidate *> billable;
        QList<QPair<const Candidate *, QString>> missing;
    };

    WindowPlan planWindow(const QList<const Candidate *> &inWindow)
    {
        WindowPlan w;
        for (const Candidate *c : inWindow) {
            const PhasePricing &pricing = m_state.catalog.phase(*c->phase);
            QString missing;
            for (const int i : c->prices) {
                const pricing::Price &p = pricing.prices.at(i);
                if (isUsagePrice(p) && !m_state.catalog.metric(p.billableMetricId()))
                    missing = QStringLiteral("price \"%1\" bills a billable metric that does not exist (%2)").arg(p.name(), p.billableMetricId());
            }
            if (!missing.isEmpty()) {
                w.missing.append({c, missing});
                continue;
            }
            w.billable.append(c);
            w.customers.insert(c->customer->id);
            for (const int i : c->prices) {
                const pricing::Price &p = pricing.prices.at(i);
                if (!isUsagePrice(p) || w.specIndex.contains(specKey(p)))
                    continue;
                w.specIndex.insert(specKey(p), int(w.metrics.size()));
                w.metrics.append(*m_state.catalog.metric(p.billableMetricId()));
                w.groupings.append({p.groupingProperties(), p.needsEventValues()});
            }
        }
        return w;
    }

    // Whether a window's usage is read customer by customer from their postings rather than by
    // one pass over the whole period: when it bills few of the company's customers (an
    // upcoming invoice, a re-run after a little new usage), so the work follows what changed.
    bool readsPerCustomer(const WindowPlan &plan) const
    {
        const qsizetype few = plan.customers.size();
        return few > 0 && (few == 1 || few * 20 <= m_state.customers.size());
    }

    std::map<QPair<qint64, qint64>, QList<const Candidate *>> usageWindows() const
    {
        std::map<QPair<qint64, qint64>, QList<const Candidate *>> windows;
        for (const auto &entry : m_candidates)
            if (entry.second.usage && !entry.second.upToDate)
                windows[{entry.second.period.start.toMSecsSinceEpoch(), entry.second.period.end.toMSecsSinceEpoch()}].append(&entry.second);
        return windows;
    }

    // Starts the usage passes beside the fixed fees' composing and writing (when the file
    // allows a second reader); composeWindow() takes their results.
    void prefetchUsage()
    {
        std::vector<UsagePrefetch::Window> windows;
        for (const auto &window : usageWindows()) {
            WindowPlan plan = planWindow(window.second);
            if (!readsPerCustomer(plan))
                windows.push_back({window.first, plan.metrics, plan.groupings, plan.customers});
        }
        m_prefetching = m_prefetch.start(m_db, std::move(windows));
    }

    void composeWindow(const QPair<qint64, qint64> &bounds, const QList<const Candidate *> &inWindow)
    {
        WindowPlan plan = planWindow(inWindow);
        for (const auto &m : plan.missing) {
            fail(*m.first->sub, m.second);
            ++m_done;
        }
        const QList<MetricDefinition> &metrics = plan.metrics;
        const QHash<QString, int> &specIndex = plan.specIndex;
        const QList<const Candidate *> &billable = plan.billable;
        QHash<QString, UsageQuantities> usage; // customer id + '|' + spec index
        const auto keep = [&](const CustomerMetricUsage &u) {
            if (!u.customerId.isEmpty() && plan.customers.contains(u.customerId))
                usage.insert(u.customerId + QLatin1Char('|') + QString::number(u.metricIndex), u.usage);
        };
        if (m_prefetching && !readsPerCustomer(plan)) {
            if (m_prefetched.empty())
                m_prefetched = m_prefetch.take();
            UsagePrefetch::Result &r = m_prefetched[bounds];
            usage = std::move(r.usage);
            m_summary.eventsScanned += r.rows;
        } else {
            PeriodAggregator aggregator(m_db, metrics, QDateTime::fromMSecsSinceEpoch(bounds.first, Qt::UTC),
                                        QDateTime::fromMSecsSinceEpoch(bounds.second, Qt::UTC));
            for (int i = 0; i < plan.groupings.size(); ++i)
                aggregator.setGrouping(i, plan.groupings[i].first, plan.groupings[i].second);
            if (readsPerCustomer(plan)) {
                // A few customers (an upcoming invoice, a preview, a re-run after a little new
                // usage): each one's events alone, from its postings, not the whole period's.
                QSet<QString> done;
                for (const Candidate *c : billable)
                    if (!done.contains(c->customer->id)) {
                        done.insert(c->customer->id);
                        aggregator.runForCustomer(c->customer->id, c->customer->externalCustomerId, keep);
                    }
            } else {
                // Only the customers whose drafts are composed: the others' events are not even parsed.
                aggregator.restrictToCustomers(plan.customers);
                aggregator.run(keep);
            }
            m_summary.eventsScanned += aggregator.rowsScanned();
        }
        ++m_summary.aggregationPasses;
        // The *_with_proration prices: the quantity in force on each day of the period.
        DailyQuantities daily(m_db, metrics, QDateTime::fromMSecsSinceEpoch(bounds.first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(bounds.second, Qt::UTC));
        for (const Candidate *c : billable) {
            const PhasePricing &pricing = m_state.catalog.phase(*c->phase);
            const QTimeZone zone(c->customer->timezone.toUtf8());
            for (const int i : c->prices) {
                const pricing::Price &p = pricing.prices.at(i);
                if (!isUsagePrice(p) || !p.prorates())
                    continue;
                QList<QDateTime> ends;
                for (QDate d = c->period.startDate; d < c->period.endDate; d = d.addDays(1))
                    ends.append(std::min(BillingSchedule::startOfDayUtc(d.addDays(1), zone), c->period.end));
                daily.request(c->customer->id, specIndex.value(specKey(p)), ends);
            }
        }
        const QHash<QString, QList<Decimal>> totals = daily.run();
        // Read-only from here on (usage, specIndex, totals): composing may run on another thread.
        composeInOrder(billable, [&](const Candidate &cand) {
            const Candidate *c = &cand;
            const auto usageOf = [&](const pricing::Price &p) {
                return usage.value(c->customer->id + QLatin1Char('|') + QString::number(specIndex.value(specKey(p))));
            };
            const auto spansOf = [&](const pricing::Price &p) {
                QList<pricing::QuantitySpan> spans;
                for (const Decimal &q : totals.value(DailyQuantities::key(c->customer->id, specIndex.value(specKey(p))))) {
                    if (!spans.isEmpty() && spans.last().quantity == q)
                        ++spans.last().days;
                    else
                        spans.append({q, 1});
                }
                return spans;
            };
            return composeCaught(*c, usageOf, spansOf);
        });
    }

    // Composes one candidate; a failure is the subscription's, reported, and the run goes on.
    std::optional<Invoice> composeOne(const Candidate &c, const UsageOf &usageOf, const SpansOf &spansOf = {})
    {
        Composed r = composeCaught(c, usageOf, spansOf);
        m_lastText = std::move(r.text);
        if (!r.invoice)
            fail(*c.sub, r.failure);
        return std::move(r.invoice);
    }

    // One candidate composed, or why it could not be: no side effect on the run, so that it
    // can be done on another thread and counted in later, in the run's order.
    struct Composed {
        std::optional<Invoice> invoice;
        QByteArray text; // the document as compact JSON text
        QString failure;
    };

    Composed composeCaught(const Candidate &c, const UsageOf &usageOf, const SpansOf &spansOf)
    {
        Composed r;
        try {
            r.invoice = m_composer.compose(c, usageOf, spansOf, &r.text);
        } catch (const ServiceError &e) {
            r.failure = failureText(e);
        } catch (const std::exception &e) {
            r.failure = QStringLiteral("%1 invoice for %2 to %3: %4")
                            .arg(toText(c.kind), dateText(c.period.startDate), dateText(c.period.endDate), QString::fromUtf8(e.what()));
        }
        return r;
    }

    // Composes candidates on a second thread a bounded way ahead of this one, which counts them
    // in and stores them in the run's order: after the scan the second core would idle while
    // this thread composes and writes, and composing is about a third of an invoice's cost.
    // Only compose() runs there, on state read here first (Composer::prepare), never the
    // connection; when that state cannot be read for some candidate, all are composed here.
    void composeInOrder(const QList<const Candidate *> &list, const std::function<Composed(const Candidate &)> &make)
    {
        const auto count = [&](const Candidate &c, Composed &&r) {
            m_lastText = std::move(r.text);
            if (!r.invoice)
                fail(*c.sub, r.failure);
            return take(std::move(r.invoice));
        };
        bool prepared = list.size() > 1;
        for (qsizetype i = 0; prepared && i < list.size(); ++i)
            prepared = m_composer.prepare(*list[i]);
        if (!prepared) {
            for (const Candidate *c : list)
                if (!count(*c, make(*c)))
                    break;
            return;
        }
        constexpr size_t kAhead = 256; // invoices composed and not yet stored, at most
        const size_t n = size_t(list.size());
        std::vector<Composed> results(n);
        std::mutex mutex;
        std::condition_variable changed;
        size_t produced = 0, consumed = 0;
        bool stop = false;
        std::exception_ptr error;
        std::thread worker([&] {
            for (size_t i = 0; i < n; ++i) {
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    changed.wait(lock, [&] { return stop || i < consumed + kAhead; });
                    if (stop)
                        return;
                }
                Composed r;
                try {
                    r = make(*list[qsizetype(i)]);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(mutex);
                    error = std::current_exception();
                    changed.notify_all();
                    return;
                }
                std::lock_guard<std::mutex> lock(mutex);
                results[i] = std::move(r);
                produced = i + 1;
                changed.notify_all();
            }
        });
        const auto finish = [&] {
            {
                std::lock_guard<std::mutex> lock(mutex);
                stop = true;
                changed.notify_all();
            }
            worker.join();
        };
        try {
            for (size_t i = 0; i < n; ++i) {
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    changed.wait(lock, [&] { return produced > i || error; });
                    if (produced <= i)
                        break; // the worker failed: rethrown below
                }
                Composed r = std::move(results[i]); // the worker is past it for good
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    consumed = i + 1;
                    changed.notify_all();
                }
                if (!count(*list[qsizetype(i)], std::move(r)))
                    break;
            }
        } catch (...) {
            finish();
            throw;
        }
        finish();
        if (error)
            std::rethrow_exception(error);
    }

    // Counts a composed (or failed) candidate in; returns false when the caller asked to stop.
    bool take(std::optional<Invoice> &&composed)
    {
        if (composed) {
            Invoice inv = std::move(*composed);
            if (m_options.dryRun) {
                if (m_state.existing.contains(inv.identity)) {
                    ++m_summary.unchanged;
                    ++m_summary.recomposed;
                    m_summary.recomposedIds.append(m_state.existing.value(inv.identity).first);
                } else {
                    ++m_summary.created;
                }
                m_summary.invoices.append(inv);
            } else {
                m_batch.append(std::move(inv));
                m_batchTexts.append(std::exchange(m_lastText, {}));
                if (m_batch.size() >= m_options.batchSize)
                    flush();
            }
        }
        ++m_done;
        if (m_options.progress && !m_options.progress(m_done, m_total)) {
            m_summary.cancelled = true;
            return false;
        }
        return true;
    }

    // Stores a batch in one transaction: new invoices inserted, drafts recomposed in place.
    void flush()
    {
        if (m_batch.isEmpty() || m_options.dryRun) {
            m_batch.clear();
            m_batchTexts.clear();
            return;
        }
        UnitOfWork uow(m_db);
        QList<Invoice> fresh; // inserted together: the statements are prepared once a batch
        QList<QByteArray> freshTexts;
        DraftStampStore stamps(m_db);
        // The stamp says what the draft now stored was composed from, in the same transaction.
        const auto stamp = [&](const Invoice &inv, const QString &updatedAt) {
            const auto c = m_candidates.find(inv.identity);
            if (c != m_candidates.end())
                stamps.put(inv.id, {c->second.fingerprint, m_marks.events, m_marks.changes, updatedAt});
        };
        for (qsizetype at = 0; at < m_batch.size(); ++at) {
            Invoice &inv = m_batch[at];
            const auto ex = m_state.existing.constFind(inv.identity);
            if (ex == m_state.existing.constEnd()) {
                inv.id = newId();
                fresh.append(inv);
                freshTexts.append(m_batchTexts.value(at));
                m_state.existing.insert(inv.identity, {inv.id, inv.status});
                ++m_summary.created;
                m_summary.invoices.append(inv);
                continue;
            }
            const auto old = m_invoices.find(ex->first);
            if (!old || old->status != InvoiceStatus::Draft)
                continue; // issued by someone else meanwhile: never touched
            inv.id = old->id;
            inv.createdAt = old->createdAt;
            ++m_summary.recomposed;
            m_summary.recomposedIds.append(inv.id);
            if (old->document == inv.document && old->total == inv.total && old->netTerms == inv.netTerms && old->memo == inv.memo) {
                stamp(inv, toIsoUtc(old->updatedAt));
                ++m_summary.unchanged;
                continue;
            }
            m_invoices.update(inv);
            stamp(inv, toIsoUtc(inv.updatedAt));
            ++m_summary.refreshed;
            m_summary.invoices.append(inv);
        }
        m_invoices.insertMany(fresh, freshTexts);
        for (const Invoice &inv : fresh)
            stamp(inv, toIsoUtc(inv.updatedAt));
        uow.commit();
        m_batch.clear();
        m_batchTexts.clear();
    }

    // The run's row: its counts and the subscriptions it could not bill.
    void finishRun(const QDateTime &finishedAt)
    {
        if (m_options.dryRun)
            return;
        UnitOfWork uow(m_db);
        DraftStampStore stamps(m_db);
        stamps.advance(m_advance, m_marks);
        if (m_wholeCompany)
            stamps.prune(m_maybeStale);
        else
            stamps.prune();
        qint64 position = 0;
        for (const InvoiceRunFailure &f : m_summary.failed)
            m_db.exec(QStringLiteral("INSERT INTO invoice_run_failures (run_id, subscription_id, customer_id, customer_name, reason, position) "
                                     "VALUES (?,?,?,?,?,?)"),
                      {m_summary.runId, f.subscriptionId, f.customerId, f.customerName, f.reasons.join(QLatin1Char('\n')), ++position});
        // The order in which runs finished (read under the writer's lock, so never twice).
        m_db.exec(QStringLiteral("UPDATE invoice_runs SET position = (SELECT COALESCE(MAX(position), 0) + 1 FROM invoice_runs) WHERE id = ?"),
                  {m_summary.runId});
        m_db.exec(QStringLiteral("UPDATE invoice_runs SET finished_at = ?, created = ?, refreshed = ?, unchanged = ?, failed = ? WHERE id = ?"),
                  {toIsoUtc(finishedAt), m_summary.created, m_summary.refreshed, m_summary.unchanged, int(m_summary.failed.size()), m_summary.runId});
        uow.commit();
    }

    Database &m_db;
    const InvoiceRunOptions &m_options;
    QDateTime m_now;
    RunState m_state;
    Composer m_composer;
    InvoiceRepository m_invoices;
    InvoiceRunSummary m_summary;
    std::map<QString, Candidate> m_candidates;
    QSet<QString> m_countedIssued;
    QHash<QString, int> m_failedIndex; // subscription id → index in m_summary.failed
    QList<Invoice> m_batch;
    QList<QByteArray> m_batchTexts; // each batch invoice's document as compact JSON text
    QByteArray m_lastText;          // the document text of the invoice composeOne() last composed
    UsagePrefetch m_prefetch;
    bool m_prefetching = false;
    std::map<QPair<qint64, qint64>, UsagePrefetch::Result> m_prefetched;
    UsageMarks m_marks;
    QList<QString> m_advance;    // drafts found up to date whose stamps are behind m_marks
    QList<QString> m_maybeStale; // stamps of invoices that were not drafts when the run began
    bool m_wholeCompany = false;
    QHash<QString, QByteArray> m_digests;                        // component digests, by kind and id
    QHash<const SubscriptionPhase *, QByteArray> m_phaseDigests; // phaseDigest(), by phase
    std::map<QByteArray, std::vector<BillingPeriod>> m_periods;  // phasePeriods(), by schedule, phase and as-of date
    qint64 m_total = 0;
    qint64 m_done = 0;
};

/// Invoice runs on a company server follow one another. A run reads what is already invoiced
/// (and its drafts' stamps) once, up front, and then stores its drafts in batches, each its own
/// transaction: two runs at once would both find a period not yet invoiced and both draft it.
/// The run therefore holds a session advisory lock from before its first read until its last
/// commit; a second run waits for it and then finds the first one's drafts (it creates nothing
/// twice and leaves them as they are when nothing changed). Clerks issuing, paying or editing
/// meanwhile are not held up: they take only the writer lock, transaction by transaction, and a
/// draft issued during a run is never touched by it (flush() reads it again under that lock).
/// A company file is opened by one program at a time, so it needs no such lock. The lock is
/// the session's: a run whose program dies or loses the server lets go of it with the session.
class ServerRunLock
{
public:
    // "ORBR": beside the writer lock "ORB1" (Database), never the same key.
    static constexpr qint64 Key = 0x4F524252;

    ServerRunLock(Database &db, bool take) : m_db(db)
    {
        if (!take || !db.isServer())
            return;
        m_db.execNative(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(Key));
        m_held = true;
    }
    ~ServerRunLock()
    {
        if (!m_held)
            return;
        try {
            m_db.execNative(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(Key));
        } catch (...) {
            // A lost connection took the lock with it; nothing else can keep the unlock from
            // running (the run's transactions are rolled back before this).
        }
    }
    ServerRunLock(const ServerRunLock &) = delete;
    ServerRunLock &operator=(const ServerRunLock &) = delete;

private:
    Database &m_db;
    bool m_held = false;
};

} // namespace

InvoiceRunService::InvoiceRunService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

InvoiceRunSummary InvoiceRunService::run(const InvoiceRunOptions &options)
{
    if (!options.asOf.isValid())
        throw ServiceError::invalid(QStringLiteral("an invoice run needs a valid as-of instant"));
    if (!options.dryRun && m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    // A preview stores nothing, so it never waits for a run.
    const ServerRunLock lock(m_file.db(), !options.dryRun);
    return InvoiceRun(m_file, options, m_clock.now()).run(m_clock);
}

QList<Invoice> InvoiceRunService::upcoming(const QString &subscriptionId)
{
    const auto sub = SubscriptionRepository(m_file.db()).find(subscriptionId);
    if (!sub)
        throw ServiceError::notFound(QStringLiteral("no subscription with id \"%1\"").arg(subscriptionId));
    const auto customer = CustomerRepository(m_file.db()).findById(sub->customerId);
    const QTimeZone zone(customer ? customer->timezone.toUtf8() : QByteArray("UTC"));
    if (!zone.isValid())
        throw ServiceError::invalid(QStringLiteral("customer \"%1\" has the time zone \"%2\", which is not a known IANA zone; fix the customer first")
                                        .arg(customer->name, customer->timezone));
    const QDateTime now = m_clock.now();
    // The end of the current period of the subscription's first recurring price, and the grace
    // period after it: the current period's usage and the next period's fees are then due.
    QDateTime horizon = now;
    const SubscriptionPhase *phase = sub->phaseOn(BillingSchedule::localDate(now, zone));
    if (phase) {
        BillingCatalog catalog(m_file.db());
        for (const pricing::Price &p : catalog.phase(*phase).prices) {
            const auto cycle = p.billingCycle();
            const auto cadence =
                billing::BillingCadence::fromOrb(p.cadence(), cycle ? cycle->duration : 0, cycle ? QStringView(cycle->durationUnit) : QStringView());
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
    const qint64 graceMs = qint64(m_file.setting(IntSetting::GracePeriodHours)) * 3600 * 1000;
    InvoiceRunOptions options;
    options.asOf = horizon.addMSecs(graceMs);
    options.dryRun = true;
    options.subscriptionId = sub->id;
    return run(options).invoices;
}

} // namespace orb
