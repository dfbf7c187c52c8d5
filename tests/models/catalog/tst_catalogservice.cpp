// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/pricing/Price.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/catalog/CatalogService.h"
#include "models/catalog/DemoCatalog.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The catalog's services: items, metrics, plans and their versions, import and export.
class TestCatalogService : public QObject
{
    Q_OBJECT

private slots:
    void itemsAndMetrics();
    void planVersions();
    void planRulesHaveJsonPaths();
    void importRefusedWholeWithEveryError();
    void namesAndIdsInsideOneFile();
    void reimportIsIdempotent();
    void exportImportsBackToTheSameCatalog();
    void demoCatalog();
    void archiveRefusedWhileInUse();
    void newItemsAndMetricsGoWithThePlan();

private:
    std::unique_ptr<CompanyFile> newFile();
    static QByteArray demoFile();
    static QJsonObject stripIds(QJsonObject catalog);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 2, 1), QTime(9, 0), Qt::UTC)};
};

std::unique_ptr<CompanyFile> TestCatalogService::newFile()
{
    static int n = 0;
    CompanySettings s;
    s.name = QStringLiteral("Catalog Co");
    return orb::test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++n)), s, m_clock);
}

QByteArray TestCatalogService::demoFile()
{
    QFile f(orb::test::sourceDir() + QStringLiteral("/models/catalog/northwind-catalog.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("demo catalog missing");
    return f.readAll();
}

QJsonObject plan(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

const char *kBasic = R"({"external_plan_id": "basic", "name": "Basic", "currency": "EUR", "net_terms": 14,
  "prices": [{"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
              "model_type": "unit", "unit_config": {"unit_amount": "0.10"}}]})";

void TestCatalogService::itemsAndMetrics()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    const Item calls = service.createItem(QStringLiteral("  Calls "));
    QCOMPARE(calls.name, QStringLiteral("Calls"));
    QCOMPARE(calls.id.size(), 16);
    try {
        service.createItem(QStringLiteral("Calls"));
        QFAIL("duplicate item stored");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QCOMPARE(e.message(), QStringLiteral("an item named \"Calls\" already exists"));
    }
    QCOMPARE(service.renameItem(calls.id, QStringLiteral("API calls")).name, QStringLiteral("API calls"));
    QCOMPARE(service.item(QStringLiteral("API calls")).id, calls.id);
    QVERIFY(service.archiveItem(calls.id).isArchived());

    MetricDefinition bad;
    bad.setName(QStringLiteral("tokens"));
    bad.setAggregation(Aggregation::Sum);
    try {
        service.createMetric(bad);
        QFAIL("invalid metric stored");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(joinErrors(e.errors()), QStringLiteral("$.event_name: is required\n$.property: is required for sum"));
    }
    bad.setEventName(QStringLiteral("completion"));
    bad.setProperty(QStringLiteral("tokens"));
    const MetricDefinition m = service.createMetric(bad);
    QCOMPARE(service.metric(QStringLiteral("tokens")).id(), m.id());
    MetricDefinition changed = m;
    changed.setGroupBy(QStringLiteral("model"));
    service.updateMetric(QStringLiteral("tokens"), changed);
    QCOMPARE(service.metric(m.id()).groupBy(), QStringLiteral("model"));
    service.archiveMetric(m.id());
    QVERIFY(service.metricArchivedAt(m.id()).isValid());
    try {
        service.metric(QStringLiteral("nope"));
        QFAIL("found a metric that does not exist");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
    }
}

void TestCatalogService::planVersions()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    service.createItem(QStringLiteral("Calls"));
    MetricDefinition calls;
    calls.setName(QStringLiteral("calls"));
    calls.setEventName(QStringLiteral("api_request"));
    service.createMetric(calls);

    const PlanVersion v1 = service.createPlan(plan(kBasic));
    QCOMPARE(v1.version, 1);
    QCOMPARE(v1.prices.size(), 1);
    const QJsonObject price1 = v1.prices.first();
    QCOMPARE(price1.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR")); // the plan's currency
    QCOMPARE(price1.value(QStringLiteral("item_id")).toString(), service.item(QStringLiteral("Calls")).id);
    QCOMPARE(price1.value(QStringLiteral("billable_metric_id")).toString(), service.metric(QStringLiteral("calls")).id());
    QCOMPARE(price1.value(QStringLiteral("billing_mode")).toString(), QStringLiteral("in_arrear"));

    // The same terms again: no new version.
    QCOMPARE(service.editPlan(QStringLiteral("basic"), plan(kBasic)).id, v1.id);
    // Descriptive fields change in place.
    QJsonObject renamed = plan(kBasic);
    renamed.insert(QStringLiteral("name"), QStringLiteral("Basic 2026"));
    QCOMPARE(service.editPlan(QStringLiteral("basic"), renamed).version, 1);
    QCOMPARE(service.plan(QStringLiteral("basic")).name, QStringLiteral("Basic 2026"));
    QCOMPARE(service.plan(QStringLiteral("basic")).currentVersion, 1);

    // A new unit amount: version 2; version 1 keeps its price for its subscriptions.
    QByteArray text = QByteArray(kBasic).replace("\"0.10\"", "\"0.12\"");
    const PlanVersion v2 = service.editPlan(QStringLiteral("basic"), QJsonDocument::fromJson(text).object());
    QCOMPARE(v2.version, 2);
    QVERIFY(v2.id != v1.id);
    const Plan p = service.plan(QStringLiteral("basic"));
    QCOMPARE(p.currentVersion, 2);
    QCOMPARE(service.planVersion(p).prices.first().value(QStringLiteral("unit_config")).toObject().value(QStringLiteral("unit_amount")).toString(),
             QStringLiteral("0.12"));
    QCOMPARE(service.planVersion(p, 1).prices.first().value(QStringLiteral("unit_config")).toObject().value(QStringLiteral("unit_amount")).toString(),
             QStringLiteral("0.10"));
    QCOMPARE(service.planVersion(p, 1).prices.first().value(QStringLiteral("id")).toString(), price1.value(QStringLiteral("id")).toString());
    QCOMPARE(service.plans().versionNumbers(p.id), (QList<int>{1, 2}));
    // An adjustment is a term too.
    QJsonObject withMinimum = QJsonDocument::fromJson(text).object();
    withMinimum.insert(QStringLiteral("adjustments"), QJsonArray{QJsonObject{{QStringLiteral("adjustment_type"), QStringLiteral("minimum")},
                                                                             {QStringLiteral("minimum_amount"), QStringLiteral("25")},
                                                                             {QStringLiteral("item_name"), QStringLiteral("Calls")}}});
    const PlanVersion v3 = service.editPlan(p.id, withMinimum);
    QCOMPARE(v3.version, 3);
    QCOMPARE(v3.adjustments.first().toObject().value(QStringLiteral("item_id")).toString(), service.item(QStringLiteral("Calls")).id);
    try {
        service.planVersion(p, 7);
        QFAIL("found version 7");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::NotFound);
    }
    QVERIFY(service.archivePlan(QStringLiteral("basic")).isArchived());
    QStringList actions;
    for (const AuditEntry &entry : AuditLog(file->db()).forObject(QStringLiteral("plan"), p.id))
        actions << entry.action;
    QCOMPARE(actions, (QStringList{QStringLiteral("plan.create"), QStringLiteral("plan.update"), QStringLiteral("plan.version"), QStringLiteral("plan.version"),
                                   QStringLiteral("plan.archive")}));
    try {
        service.createPlan(plan(kBasic));
        QFAIL("duplicate external_plan_id stored");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
}

void TestCatalogService::planRulesHaveJsonPaths()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    service.createItem(QStringLiteral("Calls"));
    MetricDefinition calls;
    calls.setName(QStringLiteral("calls"));
    calls.setEventName(QStringLiteral("api_request"));
    service.createMetric(calls);
    service.createPlan(plan(kBasic));
    QJsonObject usd = plan(kBasic);
    usd.insert(QStringLiteral("currency"), QStringLiteral("USD"));
    usd.insert(QStringLiteral("adjustments"),
               QJsonArray{QJsonObject{{QStringLiteral("adjustment_type"), QStringLiteral("minimum")}, {QStringLiteral("minimum_amount"), QStringLiteral("50")}},
                          QJsonObject{{QStringLiteral("adjustment_type"), QStringLiteral("maximum")}, {QStringLiteral("maximum_amount"), QStringLiteral("20")}},
                          QJsonObject{{QStringLiteral("adjustment_type"), QStringLiteral("usage_discount")},
                                      {QStringLiteral("usage_discount"), 5},
                                      {QStringLiteral("applies_to_price_ids"), QJsonArray{QStringLiteral("calls-price")}}}});
    try {
        service.editPlan(QStringLiteral("basic"), usd);
        QFAIL("plan edit with broken rules stored");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(joinErrors(e.errors()),
                 QStringLiteral("$.currency: plan \"Basic\" bills in EUR; a plan's currency cannot change (create a new plan)\n"
                                "$.adjustments[2].applies_to_price_ids[0]: \"calls-price\" is not the external_price_id of a price of this plan\n"
                                "$.adjustments[1].maximum_amount: must not be less than the minimum 50"));
    }
    QCOMPARE(service.plan(QStringLiteral("basic")).currentVersion, 1);
}

void TestCatalogService::importRefusedWholeWithEveryError()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    QFile f(orb::test::sourceDir() + QStringLiteral("/tests/data/catalog/invalid_catalog.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    try {
        service.importCatalog(f.readAll());
        QFAIL("invalid catalog imported");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(e.message(), QStringLiteral("the catalog file was refused; nothing was imported (8 errors)"));
        const QStringList expected = {
            QStringLiteral("$.items[1].name: \"Calls\" appears more than once in the file"),
            QStringLiteral("$.billable_metrics[1].colour: unknown field"),
            QStringLiteral("$.billable_metrics[1].property: is required for sum"),
            QStringLiteral("$.plans[0].prices[0].unit_config.unit_amount: must not be negative"),
            QStringLiteral("$.plans[0].prices[0].item_name: no item named \"Nope\" in this file or the company file"),
            QStringLiteral("$.plans[0].prices[1].cadence: must be one of one_time, monthly, quarterly, semi_annual, annual, custom"),
            QStringLiteral("$.plans[0].prices[1].billable_metric_name: no billable metric named \"missing\" in this file or the company file"),
            QStringLiteral("$.plans[0].adjustments[0].percentage_discount: must be a fraction from 0 to 1 (0.15 is 15%)"),
        };
        QCOMPARE(joinErrors(e.errors()).split(QLatin1Char('\n')), expected);
    }
    QCOMPARE(service.items().list().size(), 0);
    QCOMPARE(service.metrics().list().size(), 0);
    QCOMPARE(service.plans().list().size(), 0);
}

void TestCatalogService::namesAndIdsInsideOneFile()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    const Item existing = service.createItem(QStringLiteral("Support"));
    const QByteArray catalog = QByteArray(R"({
      "plans": [{"name": "Mixed", "currency": "USD", "prices": [
        {"name": "by file id", "item_id": "file-item-1", "billable_metric_id": "file-metric-1", "cadence": "monthly",
         "model_type": "unit", "unit_config": {"unit_amount": "1"}},
        {"name": "by name", "item_name": "Seats", "billable_metric_name": "seats", "cadence": "monthly",
         "model_type": "unit", "unit_config": {"unit_amount": "2"}},
        {"name": "by company id", "item_id": ")")
                               + existing.id.toUtf8() + R"(", "cadence": "monthly",
         "model_type": "unit", "unit_config": {"unit_amount": "3"}}]}],
      "items": [{"id": "file-item-1", "name": "Calls"}, {"name": "Seats"}],
      "billable_metrics": [{"id": "file-metric-1", "name": "calls", "event_name": "api_request", "aggregation": "count"},
                           {"name": "seats", "event_name": "seat", "aggregation": "unique_count", "property": "user"}]
    })";
    const CatalogImportSummary s = service.importCatalog(catalog);
    QCOMPARE(s.items, (ImportCounts{2, 0, 0}));
    QCOMPARE(s.metrics, (ImportCounts{2, 0, 0}));
    QCOMPARE(s.plans, (ImportCounts{1, 0, 0}));
    const Plan p = service.plans().findByName(QStringLiteral("Mixed")).value();
    const QList<QJsonObject> prices = service.planVersion(p).prices;
    QCOMPARE(prices.size(), 3);
    QCOMPARE(prices.at(0).value(QStringLiteral("item_id")).toString(), service.item(QStringLiteral("Calls")).id);
    QVERIFY(service.item(QStringLiteral("Calls")).id != QStringLiteral("file-item-1")); // ids are the company file's
    QCOMPARE(prices.at(0).value(QStringLiteral("billable_metric_id")).toString(), service.metric(QStringLiteral("calls")).id());
    QCOMPARE(prices.at(1).value(QStringLiteral("item_id")).toString(), service.item(QStringLiteral("Seats")).id);
    QCOMPARE(prices.at(1).value(QStringLiteral("billable_metric_id")).toString(), service.metric(QStringLiteral("seats")).id());
    QCOMPARE(prices.at(2).value(QStringLiteral("item_id")).toString(), existing.id);
    QCOMPARE(prices.at(2).value(QStringLiteral("price_type")).toString(), QStringLiteral("fixed_price"));
}

void TestCatalogService::reimportIsIdempotent()
{
    auto file = newFile();
    CatalogService service(*file, m_clock);
    const CatalogImportSummary first = service.importCatalog(demoFile());
    QCOMPARE(first.items, (ImportCounts{5, 0, 0}));
    QCOMPARE(first.metrics, (ImportCounts{4, 0, 0}));
    QCOMPARE(first.plans, (ImportCounts{3, 0, 0}));
    const CatalogImportSummary again = service.importCatalog(demoFile());
    QCOMPARE(again.items, (ImportCounts{0, 0, 5}));
    QCOMPARE(again.metrics, (ImportCounts{0, 0, 4}));
    QCOMPARE(again.plans, (ImportCounts{0, 0, 3}));
    QCOMPARE(service.plan(QStringLiteral("growth")).currentVersion, 1);

    QByteArray changed = demoFile();
    changed.replace("\"199.00\"", "\"249.00\"");
    changed.replace("\"Peak gigabytes stored in the period\"", "\"Peak GB stored\"");
    const CatalogImportSummary third = service.importCatalog(changed);
    QCOMPARE(third.metrics, (ImportCounts{0, 1, 3}));
    QCOMPARE(third.plans, (ImportCounts{0, 1, 2}));
    QCOMPARE(service.plan(QStringLiteral("growth")).currentVersion, 2);
    QCOMPARE(service.plan(QStringLiteral("starter")).currentVersion, 1);
    QCOMPARE(service.metric(QStringLiteral("storage_gb")).description(), QStringLiteral("Peak GB stored"));
    QCOMPARE(service.importCatalog(changed).plans, (ImportCounts{0, 0, 3}));
}

QJsonObject TestCatalogService::stripIds(QJsonObject catalog)
{
    // Ids belong to a company file; the catalog is everything else.
    auto strip = [](QJsonObject o) {
        for (const char *key : {"id", "item_id", "billable_metric_id"})
            o.remove(QLatin1String(key));
        for (const char *key : {"item", "billable_metric"})
            if (o.contains(QLatin1String(key))) {
                QJsonObject inner = o.value(QLatin1String(key)).toObject();
                inner.remove(QStringLiteral("id"));
                o.insert(QLatin1String(key), inner);
            }
        return o;
    };
    for (const char *list : {"items", "billable_metrics", "plans"}) {
        QJsonArray out;
        for (const QJsonValue &v : catalog.value(QLatin1String(list)).toArray()) {
            QJsonObject o = strip(v.toObject());
            for (const char *inner : {"prices", "adjustments"}) {
                QJsonArray a;
                for (const QJsonValue &x : o.value(QLatin1String(inner)).toArray())
                    a.append(strip(x.toObject()));
                if (o.contains(QLatin1String(inner)))
                    o.insert(QLatin1String(inner), a);
            }
            out.append(o);
        }
        catalog.insert(QLatin1String(list), out);
    }
    return catalog;
}

void TestCatalogService::exportImportsBackToTheSameCatalog()
{
    auto a = newFile();
    CatalogService serviceA(*a, m_clock);
    serviceA.importCatalog(demoFile());
    const QJsonObject exportA = serviceA.exportCatalog();
    QCOMPARE(exportA.value(QStringLiteral("plans")).toArray().size(), 3);

    // Into the same file: nothing changes.
    const CatalogImportSummary same = serviceA.importCatalog(QJsonDocument(exportA).toJson());
    QCOMPARE(same.items, (ImportCounts{0, 0, 5}));
    QCOMPARE(same.plans, (ImportCounts{0, 0, 3}));

    // Into a fresh file: the same catalog under new ids.
    auto b = newFile();
    CatalogService serviceB(*b, m_clock);
    const CatalogImportSummary fresh = serviceB.importCatalog(QJsonDocument(exportA).toJson());
    QCOMPARE(fresh.items, (ImportCounts{5, 0, 0}));
    QCOMPARE(fresh.metrics, (ImportCounts{4, 0, 0}));
    QCOMPARE(fresh.plans, (ImportCounts{3, 0, 0}));
    const QJsonObject exportB = serviceB.exportCatalog();
    QVERIFY(exportB != exportA); // other ids
    QCOMPARE(stripIds(exportB), stripIds(exportA));
}

void TestCatalogService::demoCatalog()
{
    auto file = newFile();
    addDemoCatalog(*file, m_clock);
    CatalogService service(*file, m_clock);
    QCOMPARE(service.items().list().size(), 5);
    QCOMPARE(service.metrics().list().size(), 4);
    QCOMPARE(service.metric(QStringLiteral("tokens")).groupBy(), QStringLiteral("model"));
    const Plan growth = service.plan(QStringLiteral("growth"));
    const PlanVersion v = service.planVersion(growth);
    QCOMPARE(v.prices.size(), 4);
    // The tiered price with a flat fee, from storage: 150,000 calls = 0 + $10 flat + 50,000 × 0.0008.
    FieldErrors errors;
    const auto tiered = pricing::Price::fromJson(v.prices.at(1), &errors);
    QVERIFY2(tiered, qPrintable(joinErrors(errors)));
    QCOMPARE(tiered->evaluate(UsageQuantities::ofQuantity(Decimal(150000))).amount.toString(), QStringLiteral("50.00"));
    // applies_to_price_ids names the version's price (the file said external_price_id).
    QCOMPARE(v.adjustments.first().toObject().value(QStringLiteral("applies_to_price_ids")).toArray(),
             (QJsonArray{v.prices.at(1).value(QStringLiteral("id")).toString()}));
    const QJsonObject exported = service.exportCatalog();
    const QJsonObject growthExported = exported.value(QStringLiteral("plans")).toArray().at(1).toObject();
    QCOMPARE(growthExported.value(QStringLiteral("adjustments")).toArray().first().toObject().value(QStringLiteral("applies_to_price_ids")).toArray(),
             (QJsonArray{QStringLiteral("growth-api-calls")}));
    const Plan enterprise = service.plan(QStringLiteral("enterprise-annual"));
    const PlanVersion e = service.planVersion(enterprise);
    QCOMPARE(e.prices.first().value(QStringLiteral("cadence")).toString(), QStringLiteral("annual"));
    // Adjustments are kept in Orb's order whatever the file's order.
    QStringList types;
    for (const QJsonValue &a : e.adjustments)
        types << a.toObject().value(QStringLiteral("adjustment_type")).toString();
    QCOMPARE(types, (QStringList{QStringLiteral("amount_discount"), QStringLiteral("minimum"), QStringLiteral("maximum")}));
}

void TestCatalogService::archiveRefusedWhileInUse()
{
    auto file = newFile();
    addDemoCatalog(*file, m_clock);
    CatalogService service(*file, m_clock);
    try {
        service.archiveItem(QStringLiteral("Seats"));
        QFAIL("archived an item in use");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QCOMPARE(e.message(), QStringLiteral("item \"Seats\" is billed by plan \"Enterprise (annual)\"; archive or edit that plan first"));
    }
    service.archivePlan(QStringLiteral("enterprise-annual"));
    QVERIFY(service.archiveItem(QStringLiteral("Seats")).isArchived());
    QVERIFY(service.archiveMetric(QStringLiteral("seats")).name() == QStringLiteral("seats"));
}

void TestCatalogService::newItemsAndMetricsGoWithThePlan()
{
    // A plan editor's "New metric…" and "Create item": stored in the plan's transaction, each
    // with its audit entry, or not at all when the plan is refused.
    auto file = newFile();
    CatalogService service(*file, m_clock);
    MetricDefinition calls;
    calls.setName(QStringLiteral("calls"));
    calls.setEventName(QStringLiteral("api_request"));
    QVERIFY(service.checkNewMetric(calls).isEmpty());
    auto metricAudits = [&file] {
        int n = 0;
        for (const AuditEntry &e : AuditLog(file->db()).recent(1000))
            n += e.action == QLatin1String("billable_metric.create") ? 1 : 0;
        return n;
    };
    // Refused (the price has no unit amount): neither the item nor the metric is kept.
    QJsonObject refused = plan(kBasic);
    QJsonArray prices = refused.value(QStringLiteral("prices")).toArray();
    QJsonObject price = prices.first().toObject();
    price.insert(QStringLiteral("unit_config"), QJsonObject());
    prices.replace(0, price);
    refused.insert(QStringLiteral("prices"), prices);
    QVERIFY_THROWS_EXCEPTION(ServiceError, service.createPlan(refused, {QStringLiteral("Calls")}, {calls}));
    QVERIFY(!service.metrics().findByName(QStringLiteral("calls")));
    QVERIFY(!service.items().findByName(QStringLiteral("Calls")));
    QCOMPARE(metricAudits(), 0);
    // Saved: both come with it, the metric audited once.
    const PlanVersion v = service.createPlan(plan(kBasic), {QStringLiteral("Calls")}, {calls});
    QCOMPARE(v.prices.first().value(QStringLiteral("billable_metric_id")).toString(), service.metric(QStringLiteral("calls")).id());
    QCOMPARE(service.metric(QStringLiteral("calls")).eventName(), QStringLiteral("api_request"));
    QCOMPARE(metricAudits(), 1);
    QVERIFY(AuditLog(file->db()).verify().ok);
    // A name now taken is said before anything is written.
    const FieldErrors taken = service.checkNewMetric(calls);
    QCOMPARE(taken.size(), 1);
    QCOMPARE(taken.first().path, QStringLiteral("$.name"));
}

QTEST_GUILESS_MAIN(TestCatalogService)
#include "tst_catalogservice.moc"
