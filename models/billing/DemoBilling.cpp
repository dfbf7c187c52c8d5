// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/DemoBilling.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"

#include <QJsonDocument>

namespace orb {

namespace {

// A clock the demo moves through its three months.
class DemoClock final : public Clock
{
public:
    explicit DemoClock(QDateTime t) : m_now(std::move(t)) {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t; }

private:
    QDateTime m_now;
};

const char *kEuroPlan = R"json({
  "external_plan_id": "growth-eur", "name": "Growth (EUR)", "currency": "EUR", "net_terms": 14,
  "description": "Growth for customers billed in euros",
  "prices": [
    {"name": "Growth platform fee", "item_name": "Platform Fee", "cadence": "monthly", "billing_mode": "in_advance",
     "model_type": "unit", "unit_config": {"unit_amount": "179.00"}},
    {"name": "API calls", "item_name": "API Calls", "billable_metric_name": "api_calls", "cadence": "monthly",
     "model_type": "tiered", "tiered_config": {"tiers": [
        {"first_unit": 0, "last_unit": 10000, "unit_amount": "0.00"},
        {"first_unit": 10000, "unit_amount": "0.0009"}]}},
    {"name": "Tokens", "item_name": "Tokens", "billable_metric_name": "tokens", "cadence": "monthly",
     "model_type": "unit", "unit_config": {"unit_amount": "0.00003"}}
  ]})json";

QDateTime midnight(QDate d)
{
    return QDateTime(d, QTime(0, 0), Qt::UTC);
}

} // namespace

void addDemoBilling(CompanyFile &file, const Clock &clock)
{
    const QDateTime now = clock.now().toUTC();
    // Usage goes back three months; billing starts on the first of that month.
    const QDate start = QDate(now.date().addMonths(-3).year(), now.date().addMonths(-3).month(), 1);
    DemoClock demo(midnight(start).addSecs(9 * 3600));
    CatalogService(file, demo).createPlan(QJsonDocument::fromJson(kEuroPlan).object());

    BillingSetupService setup(file, demo);
    setup.createTaxRate(QStringLiteral("CA sales tax"), QStringLiteral("7.25"));
    setup.createTaxRate(QStringLiteral("MA sales tax"), QStringLiteral("6.25"));
    setup.createTaxRate(QStringLiteral("DE VAT"), QStringLiteral("19"));
    setup.createTaxRate(QStringLiteral("NL VAT"), QStringLiteral("21"));
    setup.createTaxRate(QStringLiteral("FR VAT"), QStringLiteral("20"));
    const QList<QPair<const char *, const char *>> rates = {{"CA sales tax", "acme"}, {"CA sales tax", "kestrel"}, {"MA sales tax", "daybreak"},
                                                            {"DE VAT", "brightline"}, {"NL VAT", "iris"},          {"FR VAT", "lumen"}};
    for (const auto &r : rates)
        setup.assignTaxRate(QString::fromLatin1(r.first), QString::fromLatin1(r.second), {});
    setup.createCoupon(QStringLiteral("WELCOME10"), QStringLiteral("percentage"), QStringLiteral("10%"), 3, 50);
    setup.createCoupon(QStringLiteral("PARTNER25"), QStringLiteral("amount"), QStringLiteral("25.00"), std::nullopt, std::nullopt);

    // Prepaid credits bought before the first invoice, and a goodwill credit on the balance.
    LedgerService ledger(file, demo);
    ledger.addCredits(QStringLiteral("harbor"), Decimal(500), Decimal::parse("0.90"), start, start.addYears(1),
                      QStringLiteral("Prepaid credits, purchase order PO-1182"));
    ledger.adjustBalance(QStringLiteral("daybreak"), Decimal(40), QStringLiteral("Goodwill credit for the onboarding delay"));

    SubscriptionService subscriptions(file, demo);
    auto subscribe = [&](const char *customer, const char *plan, const char *coupon = "", int seats = 0) {
        SubscriptionDraft d;
        d.customer = QString::fromLatin1(customer);
        d.plan = QString::fromLatin1(plan);
        d.startDate = start;
        d.alignment = QStringLiteral("first_of_month");
        d.coupon = QString::fromLatin1(coupon);
        if (seats > 0) {
            CatalogService catalog(file, demo);
            for (const QJsonObject &p : catalog.planVersion(catalog.plan(d.plan)).prices)
                if (p.value(QStringLiteral("name")).toString() == QLatin1String("Seats"))
                    d.quantities.insert(p.value(QStringLiteral("id")).toString(), Decimal(seats));
        }
        return subscriptions.create(d);
    };
    subscribe("acme", "growth");
    subscribe("brightline", "growth-eur");
    subscribe("daybreak", "starter");
    subscribe("ember-oak", "starter", "WELCOME10");
    subscribe("harbor", "enterprise-annual");
    subscribe("iris", "growth-eur");
    const Subscription kestrel = subscribe("kestrel", "growth", "PARTNER25");
    subscribe("lumen", "growth-eur");

    // Month by month: run, issue what is due, record what the customers paid.
    InvoiceService invoices(file, demo);
    InvoiceRunService runs(file, demo);
    for (int m = 0; m <= 3; ++m) {
        const QDate first = start.addMonths(m);
        const QDateTime runAt = m < 3 ? midnight(first).addSecs(2 * 86400) : now;
        demo.set(runAt);
        InvoiceRunOptions o;
        o.asOf = runAt;
        runs.run(o);
        if (m == 2)
            subscriptions.cancel(kestrel.id, ChangeTiming::EndOfTerm);
        if (m == 3)
            break; // this month's drafts wait for the clerk
        for (const Invoice &i : invoices.issueAll(first.addDays(1))) {
            const QString customer = i.customerId;
            // Older invoices are paid, except: Daybreak pays late (overdue), Lumen paid part.
            const bool daybreak = i.document.value(QStringLiteral("plan_name")).toString() == QLatin1String("Starter") && i.netTerms == 45;
            if (i.status != InvoiceStatus::Issued)
                continue;
            if (m == 2 && daybreak)
                continue;
            if (m == 2 && i.currency == QLatin1String("EUR") && i.netTerms == 14 && i.kind == InvoiceKind::InAdvance) {
                invoices.pay(i.id, Decimal(100), first.addDays(10), QStringLiteral("bank transfer"), QStringLiteral("SEPA-%1").arg(i.invoiceNumber));
                continue;
            }
            if (m == 2)
                continue; // issued, not yet due or overdue
            invoices.pay(i.id, i.amountRemaining(), first.addDays(12), QStringLiteral("bank transfer"), QStringLiteral("BANK-%1").arg(i.invoiceNumber));
            Q_UNUSED(customer);
        }
    }
    // A mistaken one-off invoice, voided; a one-off in yen; a credit note on a paid invoice.
    demo.set(now);
    const Invoice mistake =
        invoices.createOneOff(QStringLiteral("copperleaf"), {{QStringLiteral("Design workshop"), Decimal(1), Decimal::parse("1200.00"), {}}},
                              now.date().addDays(-20), QStringLiteral("Workshop, 2 days on site"), 30);
    invoices.voidInvoice(invoices.issue(mistake.id).id, QStringLiteral("Issued to the wrong customer entity"));
    invoices.issue(invoices
                       .createOneOff(QStringLiteral("gingko"), {{QStringLiteral("Onboarding and data migration"), Decimal(1), Decimal(180000), {}}},
                                     now.date().addDays(-5), QString(), 30)
                       .id);
    InvoiceFilter paid;
    paid.status = InvoiceStatus::Paid;
    paid.customerId = file.db().scalar(QStringLiteral("SELECT id FROM customers WHERE external_customer_id = 'acme'")).toString();
    const QList<Invoice> acmePaid = invoices.list(paid);
    if (!acmePaid.isEmpty())
        invoices.createCreditNote(acmePaid.first().id, {{0, Decimal(20)}}, QStringLiteral("Service credit for the 3-hour API outage"),
                                  QStringLiteral("adjustment"));
}

} // namespace orb
