// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A company file with a small catalog for the billing tests: plans priced so that day-based
// proration gives round numbers (a 31-day month at 310.00 is 10.00 a day).
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/metrics/Event.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"
#include "models/usage/EventImporter.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace orb::test {

class BillingFixture
{
public:
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> file;

    void reset()
    {
        static int n = 0;
        file.reset();
        clock.set(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        CompanySettings s;
        s.name = QStringLiteral("Billing Co");
        s.invoicePrefix = QStringLiteral("NW");
        file = orb::test::createCompany(dir.filePath(QStringLiteral("b%1.orb").arg(++n)), s, clock);
        CatalogService catalog(*file, clock);
        MetricDefinition calls;
        calls.setName(QStringLiteral("calls"));
        calls.setEventName(QStringLiteral("api_call"));
        calls.setAggregation(Aggregation::Count);
        catalog.createMetric(calls);
        for (const char *item : {"Platform", "Seats", "Calls"})
            catalog.createItem(QString::fromLatin1(item));
        plan(R"({"external_plan_id": "flat", "name": "Flat", "currency": "USD", "net_terms": 15, "prices": [
                 {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
                  "model_type": "unit", "unit_config": {"unit_amount": "310.00"}}]})");
        plan(R"({"external_plan_id": "double", "name": "Double", "currency": "USD", "prices": [
                 {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
                  "model_type": "unit", "unit_config": {"unit_amount": "620.00"}}]})");
        plan(R"({"external_plan_id": "metered", "name": "Metered", "currency": "USD", "prices": [
                 {"name": "Seats", "item_name": "Seats", "cadence": "monthly", "billing_mode": "in_advance",
                  "model_type": "unit", "unit_config": {"unit_amount": "10.00"}, "fixed_price_quantity": "5"},
                 {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
                  "model_type": "unit", "unit_config": {"unit_amount": "0.50"}}]})");
    }

    void plan(const char *json)
    {
        try {
            CatalogService(*file, clock).createPlan(QJsonDocument::fromJson(json).object());
        } catch (const ServiceError &e) {
            QStringList lines{e.message()};
            for (const FieldError &fe : e.errors())
                lines << fe.toString();
            qFatal("fixture plan refused: %s", qPrintable(lines.join(QLatin1Char('\n'))));
        }
    }

    QString customer(const QString &externalId, const QString &zone = QStringLiteral("UTC"))
    {
        Customer c;
        c.name = externalId;
        c.externalCustomerId = externalId;
        c.timezone = zone;
        return CustomerService(*file, clock).create(c).id;
    }

    Subscription subscribe(const QString &customer, const QString &plan, QDate start, const QString &alignment = QStringLiteral("first_of_month"))
    {
        SubscriptionDraft d;
        d.customer = customer;
        d.plan = plan;
        d.startDate = start;
        d.alignment = alignment;
        return SubscriptionService(*file, clock).create(d);
    }

    InvoiceRunSummary run(const QDateTime &asOf)
    {
        InvoiceRunOptions o;
        o.asOf = asOf;
        return InvoiceRunService(*file, clock).run(o);
    }

    /// Ingests one api_call event for the customer (external id) at the instant; the clock
    /// is moved there for the grace period, then back.
    void call(const QString &externalId, const QDateTime &at, const QString &key)
    {
        const QDateTime saved = clock.now();
        clock.set(at);
        Event e;
        e.eventName = QStringLiteral("api_call");
        e.timestamp = at;
        e.idempotencyKey = key;
        e.externalCustomerId = externalId;
        EventImporter(*file, clock).ingest({e});
        clock.set(saved);
    }

    /// Invoices of a customer as "kind start end total status", in invoice-date order.
    QStringList summary(const QString &customerId)
    {
        InvoiceFilter f;
        f.customerId = customerId;
        QStringList out;
        for (const Invoice &i : InvoiceService(*file, clock).list(f))
            out << QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(toText(i.kind), dateText(i.periodStart), dateText(i.periodEnd), moneyText(i.total, i.currency), toText(i.status));
        return out;
    }

    Invoice only(const QString &customerId, const QString &kind, QDate periodStart)
    {
        InvoiceFilter f;
        f.customerId = customerId;
        for (const Invoice &i : InvoiceService(*file, clock).list(f))
            if (toText(i.kind) == kind && i.periodStart == periodStart && i.status != InvoiceStatus::Void)
                return i;
        return {};
    }
};

inline QDateTime at(int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC);
}

} // namespace orb::test

/// Runs a statement that must throw ServiceError of a kind; fails the test otherwise.
#define QVERIFY_SERVICE_ERROR(statement, expectedKind)                                                                                                         \
    do {                                                                                                                                                       \
        bool thrown_ = false;                                                                                                                                  \
        try {                                                                                                                                                  \
            statement;                                                                                                                                         \
        } catch (const orb::ServiceError &e_) {                                                                                                                \
            thrown_ = true;                                                                                                                                    \
            QVERIFY2(e_.kind() == (expectedKind), qPrintable(e_.message()));                                                                                   \
        }                                                                                                                                                      \
        QVERIFY2(thrown_, #statement " did not throw");                                                                                                        \
    } while (false)
