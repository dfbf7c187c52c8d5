// SPDX-License-Identifier: GPL-3.0-or-later
// Every field the catalog accepts on a price changes what is billed as Orb documents, or is
// refused at import with the reason: one row per field, each billing one month with nine
// api_call events (9 units at 2.50 = 22.50 unless the row says otherwise).
#include "BillingFixture.h"

using namespace orb;
using namespace orb::test;

namespace {
const char *const Adjustments = "docs.withorb.com/product-catalog/adjustments";
const char *const LineItem = "docs.withorb.com/reference/create-invoice-line-item";
const char *const Subscriptions = "docs.withorb.com/reference/create-subscription";
const char *const PriceModels = "docs.withorb.com/product-catalog/price-models";
} // namespace

class TestCatalogFields : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void acceptedFieldsBill_data();
    void acceptedFieldsBill();
    void refusedFields_data();
    void refusedFields();

private:
    BillingFixture f;
};

void TestCatalogFields::acceptedFieldsBill_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("price"); // JSON members added to the price
    QTest::addColumn<QStringList>("invoices");

    const QString usage = QStringLiteral(R"("name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
                                            "model_type": "unit", "unit_config": {"unit_amount": "2.50"})");
    const QString fixed = QStringLiteral(R"("name": "Platform", "item_name": "Platform", "model_type": "unit", "unit_config": {"unit_amount": "10.00"})");
    QTest::newRow("no field: 9 × 2.50") << Adjustments << usage << QStringList{"in_arrears 2026-01-01 2026-02-01 22.50 draft"};
    QTest::newRow("minimum_amount: 22.50 bills 50.00")
        << Adjustments << usage + QStringLiteral(R"(, "minimum_amount": "50.00")") << QStringList{"in_arrears 2026-01-01 2026-02-01 50.00 draft"};
    QTest::newRow("minimum object") << LineItem << usage + QStringLiteral(R"(, "minimum": {"minimum_amount": "30.00"})")
                                    << QStringList{"in_arrears 2026-01-01 2026-02-01 30.00 draft"};
    QTest::newRow("maximum_amount caps") << Adjustments << usage + QStringLiteral(R"(, "maximum_amount": "20.00")")
                                         << QStringList{"in_arrears 2026-01-01 2026-02-01 20.00 draft"};
    QTest::newRow("maximum object") << LineItem << usage + QStringLiteral(R"(, "maximum": {"maximum_amount": "12.00"})")
                                    << QStringList{"in_arrears 2026-01-01 2026-02-01 12.00 draft"};
    QTest::newRow("minimum and maximum: maximum wins") << Adjustments << usage + QStringLiteral(R"(, "minimum_amount": "15.00", "maximum_amount": "20.00")")
                                                       << QStringList{"in_arrears 2026-01-01 2026-02-01 20.00 draft"};
    QTest::newRow("percentage discount") << LineItem << usage + QStringLiteral(R"(, "discount": {"discount_type": "percentage", "percentage_discount": 0.1})")
                                         << QStringList{"in_arrears 2026-01-01 2026-02-01 20.25 draft"};
    QTest::newRow("amount discount") << LineItem << usage + QStringLiteral(R"(, "discount": {"discount_type": "amount", "amount_discount": "2.50"})")
                                     << QStringList{"in_arrears 2026-01-01 2026-02-01 20.00 draft"};
    QTest::newRow("usage discount") << LineItem << usage + QStringLiteral(R"(, "discount": {"discount_type": "usage", "usage_discount": 2})")
                                    << QStringList{"in_arrears 2026-01-01 2026-02-01 17.50 draft"};
    QTest::newRow("discount before the minimum")
        << Adjustments << usage + QStringLiteral(R"(, "discount": {"discount_type": "percentage", "percentage_discount": 0.5}, "minimum_amount": "15.00")")
        << QStringList{"in_arrears 2026-01-01 2026-02-01 15.00 draft"};
    QTest::newRow("fixed fee in advance by default") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "monthly")")
                                                     << QStringList{"in_advance 2026-01-01 2026-02-01 10.00 draft",
                                                                    "in_advance 2026-02-01 2026-03-01 10.00 draft"};
    QTest::newRow("fixed_price_quantity") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "monthly", "fixed_price_quantity": "3")")
                                          << QStringList{"in_advance 2026-01-01 2026-02-01 30.00 draft", "in_advance 2026-02-01 2026-03-01 30.00 draft"};
    QTest::newRow("billing_mode in_arrear") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "monthly", "billing_mode": "in_arrear")")
                                            << QStringList{"in_arrears 2026-01-01 2026-02-01 10.00 draft"};
    QTest::newRow("billed_in_advance false") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "monthly", "billed_in_advance": false)")
                                             << QStringList{"in_arrears 2026-01-01 2026-02-01 10.00 draft"};
    QTest::newRow("cadence quarterly") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "quarterly")")
                                       << QStringList{"in_advance 2026-01-01 2026-04-01 10.00 draft"};
    QTest::newRow("custom cadence of 10 days")
        << PriceModels << fixed + QStringLiteral(R"(, "cadence": "custom", "billing_cycle_configuration": {"duration": 10, "duration_unit": "day"})")
        << QStringList{"in_advance 2026-01-01 2026-01-11 10.00 draft", "in_advance 2026-01-11 2026-01-21 10.00 draft",
                       "in_advance 2026-01-21 2026-01-31 10.00 draft", "in_advance 2026-01-31 2026-02-10 10.00 draft"};
    QTest::newRow("one_time") << Subscriptions << fixed + QStringLiteral(R"(, "cadence": "one_time")")
                              << QStringList{"one_time 2026-01-01 2026-01-02 10.00 draft"};
}

void TestCatalogFields::acceptedFieldsBill()
{
    QFETCH(QString, source);
    QFETCH(QString, price);
    QFETCH(QStringList, invoices);
    QVERIFY(source.startsWith(QLatin1String("docs.withorb.com/")));
    const QByteArray plan = QStringLiteral(R"({"external_plan_id": "field", "name": "Field", "currency": "USD", "prices": [{%1}]})").arg(price).toUtf8();
    f.plan(plan.constData());
    const QString c = f.customer(QStringLiteral("fc"));
    SubscriptionDraft d;
    d.customer = c;
    d.plan = QStringLiteral("field");
    d.startDate = QDate(2026, 1, 1);
    d.alignment = QStringLiteral("start_date");
    SubscriptionService(*f.file, f.clock).create(d);
    for (int i = 0; i < 9; ++i)
        f.call(QStringLiteral("fc"), at(2026, 1, 3 + i, 10), QStringLiteral("call-%1").arg(i));
    f.run(at(2026, 2, 2));
    QCOMPARE(f.summary(c), invoices);
}

void TestCatalogFields::refusedFields_data()
{
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    const QString usage = QStringLiteral(R"("name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
                                            "model_type": "unit", "unit_config": {"unit_amount": "2.50"})");
    QTest::newRow("conversion_rate") << usage + QStringLiteral(R"(, "conversion_rate": 2)") << "$.prices[0].conversion_rate"
                                     << "real currencies";
    QTest::newRow("invoice_grouping_key") << usage + QStringLiteral(R"(, "invoice_grouping_key": "region")") << "$.prices[0].invoice_grouping_key"
                                          << "not supported";
    QTest::newRow("trial discount") << usage + QStringLiteral(R"(, "discount": {"discount_type": "trial", "trial_amount_discount": "5.00"})")
                                    << "$.prices[0].discount.discount_type"
                                    << "trial_config";
    QTest::newRow("maximum below minimum") << usage + QStringLiteral(R"(, "minimum_amount": "50.00", "maximum_amount": "20.00")")
                                           << "$.prices[0].maximum_amount"
                                           << "must not be less than minimum_amount";
}

void TestCatalogFields::refusedFields()
{
    QFETCH(QString, price);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const QByteArray plan = QStringLiteral(R"({"external_plan_id": "field", "name": "Field", "currency": "USD", "prices": [{%1}]})").arg(price).toUtf8();
    try {
        CatalogService(*f.file, f.clock).createPlan(QJsonDocument::fromJson(plan).object());
        QFAIL("the plan was accepted");
    } catch (const ServiceError &e) {
        QStringList got;
        for (const FieldError &fe : e.errors())
            got << fe.toString();
        bool found = false;
        for (const FieldError &fe : e.errors())
            found = found || (fe.toString().contains(path) && fe.toString().contains(reason));
        QVERIFY2(found, qPrintable(got.join(QLatin1Char('\n'))));
    }
    QVERIFY_SERVICE_ERROR(CatalogService(*f.file, f.clock).plan(QStringLiteral("field")), ServiceError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestCatalogFields)
#include "tst_catalogfields.moc"
