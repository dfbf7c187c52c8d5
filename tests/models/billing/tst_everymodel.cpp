// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog holding one price of every Orb model type (tests/data/catalog/every_model_catalog.json)
// imports, exports back to the same prices, evaluates on its own, and bills: one in-arrears
// invoice with a line per price. The amounts of the models added last are worked out by hand in
// docs/PRICING.md ("The every-model catalog"); the proration prices read a seat count that goes
// from 10 to 15 on January 11 (10 days of 31 at 10, 21 at 15).
#include "BillingFixture.h"

#include "engine/pricing/JsonReader.h"
#include "engine/pricing/Price.h"
#include "models/billing/InvoiceService.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace orb;
using namespace orb::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray catalogFile()
{
    QFile f(dataDir() + u"/catalog/every_model_catalog.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read the every-model catalog");
    return f.readAll();
}

Event usage(const QDateTime &at, const QString &key, const QString &properties)
{
    Event e;
    e.eventName = u"usage"_s;
    e.timestamp = at;
    e.idempotencyKey = key;
    e.externalCustomerId = u"acme"_s;
    const QJsonObject o = QJsonDocument::fromJson(properties.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        e.setProperty(it.key(), it.value().isString() ? PropertyValue::fromString(it.value().toString())
                                                      : PropertyValue::fromNumberLiteral(pricing::JsonReader::numberText(it.value().toDouble())));
    return e;
}

Event seats(const QDateTime &at, const QString &key, int count)
{
    Event e;
    e.eventName = u"seat_count"_s;
    e.timestamp = at;
    e.idempotencyKey = key;
    e.externalCustomerId = u"acme"_s;
    e.setProperty(u"seats"_s, PropertyValue::fromNumberLiteral(QString::number(count)));
    return e;
}

} // namespace

class TestEveryModel : public QObject
{
    Q_OBJECT

    BillingFixture f;

    void ingest(const Event &e)
    {
        const QDateTime saved = f.clock.now();
        f.clock.set(e.timestamp);
        EventImporter(*f.file, f.clock).ingest({e});
        f.clock.set(saved);
    }
    QHash<QString, QString> bill(QDate start)
    {
        CatalogService(*f.file, f.clock).importCatalog(catalogFile());
        const QString acme = f.customer(u"acme"_s);
        f.subscribe(acme, u"every-model"_s, start);
        ingest(seats(at(2026, 1, 1), u"s1"_s, 10));
        ingest(seats(at(2026, 1, 11, 9), u"s2"_s, 15));
        ingest(usage(at(2026, 1, 5, 10), u"u1"_s, uR"({"quantity": 100, "region": "west", "tier": "premium", "model": "gpt", "rate": 0.02, "day": "2026-01-05",
                          "kind": "download", "size": "small", "user": "u1", "color": "blue", "shape": "circle"})"_s));
        ingest(usage(at(2026, 1, 5, 11), u"u2"_s, uR"({"quantity": 50, "region": "east", "tier": "basic", "model": "claude", "rate": "0.5", "day": "2026-01-05",
                          "kind": "storage_snapshot", "size": "large", "user": "u2", "color": "green", "shape": "triangle"})"_s));
        ingest(usage(at(2026, 1, 20, 12), u"u3"_s, uR"({"quantity": 30, "region": "west", "tier": "basic", "model": "gpt", "day": "2026-01-20",
                          "kind": "download", "size": "small", "user": "u1", "color": "red", "shape": "square"})"_s));
        f.run(at(2026, 2, 2));
        const Invoice inv = f.only(acme, u"in_arrears"_s, start);
        QHash<QString, QString> amounts;
        for (const QJsonValue &l : inv.document.value(u"line_items"_s).toArray())
            amounts.insert(l.toObject().value(u"name"_s).toString(), l.toObject().value(u"amount"_s).toString());
        return amounts;
    }

private slots:
    void init() { f.reset(); }
    void catalogHoldsEveryModel();
    void importExportRoundTrip();
    void everyPriceEvaluatesOnItsOwn();
    void bills_data();
    void bills();
    void prorationFromAMidPeriodStart();
    void rateBeyondThirtyEightDigitsIsRefused();
};

void TestEveryModel::catalogHoldsEveryModel()
{
    const QJsonObject catalog = QJsonDocument::fromJson(catalogFile()).object();
    QStringList types;
    for (const QJsonValue &p : catalog.value(u"plans"_s).toArray().first().toObject().value(u"prices"_s).toArray())
        types.append(p.toObject().value(u"model_type"_s).toString());
    types.sort();
    QStringList orb = pricing::Price::modelTypes();
    // Lago's charge models are extensions, not Orb model types.
    orb.removeAll(u"percentage"_s);
    orb.removeAll(u"graduated_percentage"_s);
    QCOMPARE(types, orb);
}

void TestEveryModel::importExportRoundTrip()
{
    CatalogService service(*f.file, f.clock);
    const CatalogImportSummary first = service.importCatalog(catalogFile());
    QCOMPARE(first.plans.created, 1);
    const QJsonObject exported = service.exportCatalog();
    QJsonArray prices;
    for (const QJsonValue &plan : exported.value(u"plans"_s).toArray())
        if (plan.toObject().value(u"external_plan_id"_s).toString() == u"every-model"_s)
            prices = plan.toObject().value(u"prices"_s).toArray();
    QCOMPARE(prices.size(), 38);
    const CatalogImportSummary again = service.importCatalog(QJsonDocument(exported).toJson());
    QCOMPARE(again.plans.created, 0);
    QCOMPARE(again.plans.updated, 0);
}

void TestEveryModel::everyPriceEvaluatesOnItsOwn()
{
    // As `orbctl price evaluate --quantity` and the plan editor's preview do.
    const QJsonObject catalog = QJsonDocument::fromJson(catalogFile()).object();
    for (const QJsonValue &p : catalog.value(u"plans"_s).toArray().first().toObject().value(u"prices"_s).toArray()) {
        FieldErrors errors;
        const auto price = pricing::Price::fromJsonForEvaluation(p.toObject(), &errors);
        QVERIFY2(price, qPrintable(joinErrors(errors)));
        const pricing::PriceEvaluation e = price->isComposite() ? price->evaluateComposite({}) : price->evaluate(UsageQuantities::ofQuantity(Decimal(100)));
        QVERIFY2(!e.amount.isNegative(), qPrintable(price->modelType()));
    }
}

void TestEveryModel::bills_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("amount");
    // 10 seats × 3.10 × 10/31 + 15 × 3.10 × 21/31
    QTest::newRow("unit_with_proration") << u"Unit with proration"_s << u"41.50"_s;
    // (10 × 2) × 10/31 + (12 × 2 + 3 × 1) × 21/31 = 767/31
    QTest::newRow("tiered_with_proration") << u"Tiered with proration"_s << u"24.74"_s;
    // (10 × 2) × 10/31 + (15 × 1.50) × 21/31 = 672.5/31
    QTest::newRow("bulk_with_proration") << u"Bulk with proration"_s << u"21.69"_s;
    // west 100 × 0.10 + 30 × 0.05; east 50 × 1.00 (default)
    QTest::newRow("grouped_tiered_matrix") << u"Grouped tiered matrix"_s << u"61.50"_s;
    // west: 100 × 0.10 × 2 + 30 × 0.10 = 23 < 130 × 0.20 = 26; east: 50 × 0.30 = 15 ≥ 10
    QTest::newRow("grouped_with_metered_minimum") << u"Grouped with metered minimum"_s << u"41.00"_s;
    // total 180 > 150: basic 80 × 0.40 + premium 100 × 0.80
    QTest::newRow("cumulative_grouped_bulk") << u"Cumulative grouped bulk"_s << u"112.00"_s;
    // u1 130 − 100 free; u2 50 − the 20 left of 120
    QTest::newRow("cumulative_grouped_allocation") << u"Cumulative grouped allocation"_s << u"15.00"_s;
    // east/basic 50 × 0.10 + west/basic 30 × 0.10 + west/premium 100 × 0.15
    QTest::newRow("scalable_matrix_with_unit_pricing") << u"Scalable matrix with unit pricing"_s << u"23.00"_s;
    // east 50 × 2 + west 130 = 230 → 200 × 0.10 + 30 × 0.05
    QTest::newRow("scalable_matrix_with_tiered_pricing") << u"Scalable matrix with tiered pricing"_s << u"21.50"_s;
    // 20 + 15 + 3 − 10 % of (35 − 20)
    QTest::newRow("matrix_with_threshold_discounts") << u"Matrix with threshold discounts"_s << u"36.50"_s;
    // 100 × 0.02 + 50 × 0.5 + 30 × 0.01 (default)
    QTest::newRow("event_output") << u"Event output"_s << u"27.30"_s;
    // 130 × 0.05 − 50 × 0.05
    QTest::newRow("metered_allowance") << u"Metered allowance"_s << u"4.00"_s;
    // Jan 5: 100 × 0.5 + 50 × 1 − 50; Jan 20: 30 × 0.5 = 15 < 50
    QTest::newRow("daily_credit_allowance") << u"Daily credit allowance"_s << u"50.00"_s;
}

void TestEveryModel::bills()
{
    QFETCH(QString, line);
    QFETCH(QString, amount);
    const QHash<QString, QString> amounts = bill(QDate(2026, 1, 1));
    QCOMPARE(amounts.size(), 38);
    QVERIFY2(amounts.contains(line), qPrintable(QStringList(amounts.keys()).join(u", "_s)));
    QCOMPARE(amounts.value(line), amount);
}

void TestEveryModel::prorationFromAMidPeriodStart()
{
    // A subscription from January 11 (first-of-month alignment): 21 of 31 days, 15 seats in force.
    const QHash<QString, QString> amounts = bill(QDate(2026, 1, 11));
    QCOMPARE(amounts.value(u"Unit with proration"_s), u"31.50"_s);   // 15 × 3.10 × 21/31
    QCOMPARE(amounts.value(u"Tiered with proration"_s), u"18.29"_s); // 27 × 21/31 = 18.290…
    QCOMPARE(amounts.value(u"Bulk with proration"_s), u"15.24"_s);   // 22.5 × 21/31 = 15.241…
}

void TestEveryModel::rateBeyondThirtyEightDigitsIsRefused()
{
    // An event's own unit rate is outside input: 10^10 units at 10^30 leaves the 38 digits.
    CatalogService(*f.file, f.clock).importCatalog(catalogFile());
    const QString acme = f.customer(u"acme"_s);
    f.subscribe(acme, u"every-model"_s, QDate(2026, 1, 1));
    ingest(usage(at(2026, 1, 5), u"big"_s, uR"({"quantity": 10000000000, "rate": "1000000000000000000000000000000"})"_s));
    // The run goes on for everyone else and reports this subscription with the price and period.
    const InvoiceRunSummary summary = f.run(at(2026, 2, 2));
    QCOMPARE(summary.failed.size(), 1);
    const QString reasons = summary.failed.first().reasons.join(u"; "_s);
    QVERIFY2(reasons.contains(u"price \"Event output\""_s) && reasons.contains(u"2026-01-01 to 2026-02-01"_s), qPrintable(reasons));
    QVERIFY(f.summary(acme).isEmpty());
}

QTEST_GUILESS_MAIN(TestEveryModel)

#include "tst_everymodel.moc"
