// SPDX-License-Identifier: GPL-3.0-or-later
#include "BillingTemplate.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/billing/SubscriptionService.h"

#include <QDir>
#include <QFile>

namespace crash {

namespace {

const char *const Catalog = R"({"items": [{"name": "Platform"}, {"name": "Calls"}],
  "billable_metrics": [{"name": "calls", "event_name": "api_call", "aggregation": "count"}],
  "plans": [
    {"external_plan_id": "flat", "name": "Flat", "currency": "USD", "net_terms": 10, "prices": [
      {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
       "model_type": "unit", "unit_config": {"unit_amount": "310.00"}},
      {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
       "model_type": "tiered", "tiered_config": {"tiers": [{"first_unit": 0, "last_unit": 5, "unit_amount": "1.25"},
                                                          {"first_unit": 5, "unit_amount": "0.375"}]}}]}]})";

const QStringList Zones{QStringLiteral("UTC"), QStringLiteral("America/New_York"), QStringLiteral("Asia/Tokyo")};

} // namespace

void writeBillingTemplate(Workspace &ws, const BillingTemplate &shape)
{
    ws.templateDb = QDir(ws.dir).filePath(QStringLiteral("template.orb"));
    const QString start = QStringLiteral("2026-01-01T00:00:00Z");
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), start, QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Crash Billing Co"),
              QStringLiteral("--currency"), QStringLiteral("USD"), QStringLiteral("--invoice-prefix"), QStringLiteral("CR")});
    const QString catalogFile = QDir(ws.dir).filePath(QStringLiteral("catalog.json"));
    {
        QFile f(catalogFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(Catalog) < 0)
            fail(QStringLiteral("cannot write %1").arg(catalogFile));
    }
    orbctlOk(ws, ws.templateDb, {QStringLiteral("--now"), start, QStringLiteral("catalog"), QStringLiteral("import"), catalogFile});
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), start, QStringLiteral("tax-rates"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("VAT"),
              QStringLiteral("--percentage"), QStringLiteral("19")});
    orbctlOk(ws, ws.templateDb,
             {QStringLiteral("--now"), start, QStringLiteral("tax-rates"), QStringLiteral("assign"), QStringLiteral("VAT"), QStringLiteral("--item"),
              QStringLiteral("Platform")});

    // Hundreds of customers and subscriptions: through the services in this process, since
    // one orbctl per row would take minutes under the sanitizers.
    {
        orb::FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        auto file = orb::CompanyFile::open(ws.templateDb);
        orb::CustomerService customers(*file, clock);
        orb::SubscriptionService subscriptions(*file, clock);
        for (int i = 0; i < shape.customers; ++i) {
            orb::Customer c;
            c.name = QStringLiteral("Customer %1").arg(i, 4, 10, QLatin1Char('0'));
            c.externalCustomerId = QStringLiteral("k%1").arg(i);
            c.email = QStringLiteral("billing%1@example.com").arg(i);
            c.currency = QStringLiteral("USD");
            c.timezone = Zones.at(i % Zones.size());
            const QString id = customers.create(c).id;
            if (i % 7 == 6)
                continue; // a customer without a subscription: pushed to Stripe, never invoiced
            orb::SubscriptionDraft d;
            d.customer = id;
            d.plan = QStringLiteral("flat");
            d.startDate = QDate(2026, 1, 1 + i % 20);
            d.alignment = i % 2 ? QStringLiteral("first_of_month") : QStringLiteral("start_date");
            subscriptions.create(d);
        }
    }

    // Usage for every customer, imported in 20-day slices, each while it is live (the grace
    // period at its longest, 30 days); then the grace period the runs use.
    orbctlOk(ws, ws.templateDb, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("720")});
    const QDateTime from(shape.eventsFrom, QTime(0, 0), Qt::UTC);
    const QDateTime to(shape.eventsTo, QTime(0, 0), Qt::UTC);
    const qint64 span = from.secsTo(to);
    const qint64 n = qint64(shape.customers) * shape.eventsPerCustomer;
    for (QDateTime slice = from; slice < to; slice = slice.addDays(20)) {
        const QDateTime sliceEnd = std::min(slice.addDays(20), to);
        ws.input = QDir(ws.dir).filePath(QStringLiteral("usage-%1.jsonl").arg(slice.date().toString(Qt::ISODate)));
        QFile f(ws.input);
        if (!f.open(QIODevice::WriteOnly))
            fail(QStringLiteral("cannot write %1").arg(ws.input));
        for (qint64 i = 0; i < n; ++i) {
            // Customer i % customers; the count per customer varies, so usage lines differ.
            if ((i / shape.customers) % 3 == 2 && i % 4 == 1)
                continue;
            const QDateTime at = from.addSecs((i * 7919) % span);
            if (at < slice || at >= sliceEnd)
                continue;
            f.write("{\"event_name\":\"api_call\",\"timestamp\":\"" + at.toString(Qt::ISODate).toUtf8() + "\",\"idempotency_key\":\"u-" + QByteArray::number(i)
                    + "\",\"external_customer_id\":\"k" + QByteArray::number(i % shape.customers) + "\",\"properties\":{}}\n");
        }
        f.close();
        orbctlOk(ws, ws.templateDb, {QStringLiteral("--now"), sliceEnd.toString(Qt::ISODate), QStringLiteral("events"), QStringLiteral("import"), ws.input});
    }
    orbctlOk(ws, ws.templateDb, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("24")});
}

} // namespace crash
