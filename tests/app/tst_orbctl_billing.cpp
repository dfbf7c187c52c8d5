// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

/// The billing nouns of orbctl run as a process: subscriptions, invoices, credit notes,
/// balance, credits, coupons and tax rates, with Orb's JSON shapes and the exit codes.
class TestOrbctlBilling : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void subscribeRunIssuePay();
    void invoiceJsonShape();
    void changesAndCancellation();
    void ledgersCouponsTaxes();
    void badInputExitCodes();
    void runBillsEveryoneElseAndExitsFour();
    void demoHasEveryState();
    void killedRunFinishesWithNothingTwice();

private:
    orb::test::ProcessResult orbctl(const QStringList &args, const QString &now = QStringLiteral("2026-03-02T12:00:00Z"));
    QJsonObject json(const QStringList &args, const QString &now = QStringLiteral("2026-03-02T12:00:00Z"));
    QTemporaryDir m_dir;
    QString m_db;
};

orb::test::ProcessResult TestOrbctlBilling::orbctl(const QStringList &args, const QString &now)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--now"), now} + args);
}

QJsonObject TestOrbctlBilling::json(const QStringList &args, const QString &now)
{
    const auto r = orbctl(QStringList{QStringLiteral("--json")} + args, now);
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

void TestOrbctlBilling::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("b%1.orb").arg(++n));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Billing Co"), QStringLiteral("--invoice-prefix"), QStringLiteral("BC")},
                    QStringLiteral("2026-01-01T00:00:00Z"))
                 .exitCode,
             0);
    m_db = orb::test::onTestEngine(m_db);
    QFile catalog(m_dir.filePath(QStringLiteral("catalog.json")));
    QVERIFY(catalog.open(QIODevice::WriteOnly));
    catalog.write(R"({"items": [{"name": "Platform"}, {"name": "Calls"}],
      "billable_metrics": [{"name": "calls", "event_name": "api_call", "aggregation": "count"}],
      "plans": [
        {"external_plan_id": "flat", "name": "Flat", "currency": "USD", "net_terms": 10, "prices": [
          {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
           "model_type": "unit", "unit_config": {"unit_amount": "310.00"}},
          {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly",
           "model_type": "tiered", "tiered_config": {"tiers": [{"first_unit": 0, "last_unit": 2, "unit_amount": "1.00"},
                                                              {"first_unit": 2, "unit_amount": "0.50"}]}}]},
        {"external_plan_id": "double", "name": "Double", "currency": "USD", "prices": [
          {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance",
           "model_type": "unit", "unit_config": {"unit_amount": "620.00"}}]}]})");
    catalog.close();
    const auto imported = orbctl({QStringLiteral("catalog"), QStringLiteral("import"), catalog.fileName()}, QStringLiteral("2026-01-01T00:00:00Z"));
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme"), QStringLiteral("--external-id"),
                     QStringLiteral("acme"), QStringLiteral("--timezone"), QStringLiteral("UTC")},
                    QStringLiteral("2026-01-01T00:00:00Z"))
                 .exitCode,
             0);
}

void TestOrbctlBilling::subscribeRunIssuePay()
{
    const QJsonObject sub =
        json({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--plan"),
              QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-15"), QStringLiteral("--alignment"), QStringLiteral("first_of_month")},
             QStringLiteral("2026-01-15T00:00:00Z"));
    QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    const QJsonObject run = json({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-02-02")});
    QCOMPARE(run.value(QStringLiteral("created")).toInt(), 3); // Jan stub, Feb in advance, Jan usage
    QCOMPARE(json({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-02-02")})
                 .value(QStringLiteral("created"))
                 .toInt(),
             0);
    const QJsonArray drafts =
        json({QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("draft")}).value(QStringLiteral("data")).toArray();
    QCOMPARE(drafts.size(), 3);
    QString stub;
    for (const QJsonValue &v : drafts)
        if (v.toObject().value(QStringLiteral("period_start")).toString() == QLatin1String("2026-01-15")
            && v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("in_advance"))
            stub = v.toObject().value(QStringLiteral("id")).toString();
    const QJsonObject issued = json({QStringLiteral("invoices"), QStringLiteral("issue"), stub});
    QCOMPARE(issued.value(QStringLiteral("invoice_number")).toString(), QStringLiteral("BC-000001"));
    QCOMPARE(issued.value(QStringLiteral("total")).toString(), QStringLiteral("170.00"));
    QCOMPARE(issued.value(QStringLiteral("due_date")).toString(), QStringLiteral("2026-01-25"));
    const QJsonObject paid = json({QStringLiteral("invoices"), QStringLiteral("pay"), QStringLiteral("BC-000001"), QStringLiteral("--amount"),
                                   QStringLiteral("200"), QStringLiteral("--reference"), QStringLiteral("wire-7")});
    QCOMPARE(paid.value(QStringLiteral("invoice")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    const QJsonObject balance = json({QStringLiteral("balance"), QStringLiteral("show"), QStringLiteral("acme")});
    QCOMPARE(balance.value(QStringLiteral("balance")).toString(), QStringLiteral("30.00"));
    QCOMPARE(balance.value(QStringLiteral("transactions")).toArray().first().toObject().value(QStringLiteral("action")).toString(),
             QStringLiteral("overpayment"));
    // Text output for people.
    const auto shown = orbctl({QStringLiteral("invoices"), QStringLiteral("show"), QStringLiteral("BC-000001")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY(shown.out.contains("Invoice BC-000001 (paid)"));
    QVERIFY(shown.out.contains("170.00 USD"));
}

void TestOrbctlBilling::invoiceJsonShape()
{
    orbctl({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--plan"),
            QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01")},
           QStringLiteral("2026-01-01T00:00:00Z"));
    QFile events(m_dir.filePath(QStringLiteral("events.jsonl")));
    QVERIFY(events.open(QIODevice::WriteOnly));
    for (int i = 0; i < 5; ++i)
        events.write(
            QStringLiteral(
                R"({"event_name": "api_call", "timestamp": "2026-01-14T0%1:00:00Z", "idempotency_key": "k%1", "external_customer_id": "acme", "properties": {}})"
                "\n")
                .arg(1 + i)
                .toUtf8());
    events.close();
    QCOMPARE(orbctl({QStringLiteral("events"), QStringLiteral("import"), events.fileName()}, QStringLiteral("2026-01-14T12:00:00Z")).exitCode, 0);
    json({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-02-02")});
    QString usage;
    for (const QJsonValue &v : json({QStringLiteral("invoices"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray())
        if (v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("in_arrears"))
            usage = v.toObject().value(QStringLiteral("id")).toString();
    const QJsonObject inv = json({QStringLiteral("invoices"), QStringLiteral("show"), usage});
    for (const char *key : {"invoice_number", "status", "invoice_date", "due_date", "subtotal", "total", "amount_due", "line_items"})
        QVERIFY2(inv.contains(QLatin1String(key)), key);
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    QCOMPARE(inv.value(QStringLiteral("total")).toString(), QStringLiteral("3.50")); // 2 × 1.00 + 3 × 0.50
    const QJsonObject line = inv.value(QStringLiteral("line_items")).toArray().first().toObject();
    for (const char *key : {"name", "quantity", "subtotal", "adjusted_subtotal", "amount", "start_date", "end_date", "sub_line_items", "tax_amounts"})
        QVERIFY2(line.contains(QLatin1String(key)), key);
    QCOMPARE(line.value(QStringLiteral("name")).toString(), QStringLiteral("Calls"));
    QCOMPARE(line.value(QStringLiteral("quantity")).toString(), QStringLiteral("5"));
    QCOMPARE(line.value(QStringLiteral("start_date")).toString(), QStringLiteral("2026-01-01"));
    QCOMPARE(line.value(QStringLiteral("end_date")).toString(), QStringLiteral("2026-02-01"));
    QCOMPARE(line.value(QStringLiteral("sub_line_items")).toArray().size(), 2); // the two tiers
    QCOMPARE(line.value(QStringLiteral("sub_line_items")).toArray().at(1).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("1.5"));
}

void TestOrbctlBilling::changesAndCancellation()
{
    const QJsonObject sub = json({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"),
                                  QStringLiteral("--plan"), QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01")},
                                 QStringLiteral("2026-01-01T00:00:00Z"));
    const QString id = sub.value(QStringLiteral("id")).toString();
    json({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-01-01")}, QStringLiteral("2026-01-01T00:00:00Z"));
    json({QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"), QStringLiteral("2026-01-01")},
         QStringLiteral("2026-01-01T00:00:00Z"));
    const QJsonObject change = json(
        {QStringLiteral("subscriptions"), QStringLiteral("change-plan"), id, QStringLiteral("--plan"), QStringLiteral("double"), QStringLiteral("--immediate")},
        QStringLiteral("2026-01-11T08:00:00Z"));
    QCOMPARE(change.value(QStringLiteral("effective_date")).toString(), QStringLiteral("2026-01-11"));
    QCOMPARE(json({QStringLiteral("balance"), QStringLiteral("show"), QStringLiteral("acme")}).value(QStringLiteral("balance")).toString(),
             QStringLiteral("210.00"));
    // Exactly one of the timings.
    QCOMPARE(orbctl({QStringLiteral("subscriptions"), QStringLiteral("cancel"), id}).exitCode, 2);
    const QJsonObject cancel =
        json({QStringLiteral("subscriptions"), QStringLiteral("cancel"), id, QStringLiteral("--end-of-term")}, QStringLiteral("2026-01-20T00:00:00Z"));
    QCOMPARE(cancel.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
    QCOMPARE(cancel.value(QStringLiteral("effective_date")).toString(), QStringLiteral("2026-02-01"));
    QCOMPARE(json({QStringLiteral("subscriptions"), QStringLiteral("unschedule"), id}, QStringLiteral("2026-01-20T00:00:00Z"))
                 .value(QStringLiteral("data"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(orbctl({QStringLiteral("subscriptions"), QStringLiteral("unschedule"), id}, QStringLiteral("2026-01-20T00:00:00Z")).exitCode, 4);
}

void TestOrbctlBilling::ledgersCouponsTaxes()
{
    QCOMPARE(json({QStringLiteral("tax-rates"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("VAT"), QStringLiteral("--percentage"),
                   QStringLiteral("20")})
                 .value(QStringLiteral("percentage"))
                 .toString(),
             QStringLiteral("20"));
    QCOMPARE(json({QStringLiteral("tax-rates"), QStringLiteral("assign"), QStringLiteral("VAT"), QStringLiteral("--customer"), QStringLiteral("acme")})
                 .value(QStringLiteral("customer_ids"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(json({QStringLiteral("coupons"), QStringLiteral("create"), QStringLiteral("--code"), QStringLiteral("HALF"), QStringLiteral("--percentage"),
                   QStringLiteral("50%"), QStringLiteral("--duration-months"), QStringLiteral("1")})
                 .value(QStringLiteral("redemption_code"))
                 .toString(),
             QStringLiteral("HALF"));
    QCOMPARE(json({QStringLiteral("credits"), QStringLiteral("add"), QStringLiteral("acme"), QStringLiteral("--amount"), QStringLiteral("100"),
                   QStringLiteral("--effective"), QStringLiteral("2026-01-01")})
                 .value(QStringLiteral("balance"))
                 .toString(),
             QStringLiteral("100.00"));
    json({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--plan"),
          QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01"), QStringLiteral("--coupon"), QStringLiteral("HALF")},
         QStringLiteral("2026-01-01T00:00:00Z"));
    json({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-01-01")}, QStringLiteral("2026-01-01T00:00:00Z"));
    const QJsonArray issued = json({QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"), QStringLiteral("2026-01-01")},
                                   QStringLiteral("2026-01-01T00:00:00Z"))
                                  .value(QStringLiteral("data"))
                                  .toArray();
    QCOMPARE(issued.size(), 1);
    const QJsonObject inv = issued.first().toObject();
    // docs.withorb.com/invoicing/invoice-calculation-examples: prepaid credits before tax.
    QCOMPARE(inv.value(QStringLiteral("total")).toString(), QStringLiteral("66.00")); // 155.00 − 100.00 credits + 20 % VAT
    QCOMPARE(inv.value(QStringLiteral("credits_applied")).toString(), QStringLiteral("100.00"));
    QCOMPARE(inv.value(QStringLiteral("amount_due")).toString(), QStringLiteral("66.00"));
    const QJsonObject note =
        json({QStringLiteral("credit-notes"), QStringLiteral("create"), QStringLiteral("--invoice"), inv.value(QStringLiteral("id")).toString(),
              QStringLiteral("--line"), QStringLiteral("0=12.00"), QStringLiteral("--reason"), QStringLiteral("late start")});
    QCOMPARE(note.value(QStringLiteral("credit_note_number")).toString(), QStringLiteral("BC-CN-000001"));
    QCOMPARE(note.value(QStringLiteral("tax_total")).toString(), QStringLiteral("2.00"));
    QCOMPARE(json({QStringLiteral("balance"), QStringLiteral("adjust"), QStringLiteral("acme"), QStringLiteral("--amount"), QStringLiteral("-5"),
                   QStringLiteral("--description"), QStringLiteral("fee")})
                 .value(QStringLiteral("ending_balance"))
                 .toString(),
             QStringLiteral("-5.00"));
}

void TestOrbctlBilling::badInputExitCodes()
{
    auto code = [this](const QStringList &args) { return orbctl(args).exitCode; };
    QCOMPARE(code({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("nobody"), QStringLiteral("--plan"),
                   QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01")}),
             3);
    QCOMPARE(code({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--plan"),
                   QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-02-30")}),
             2);
    QCOMPARE(code({QStringLiteral("invoices"), QStringLiteral("show"), QStringLiteral("NOPE")}), 3);
    QCOMPARE(code({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("yesterday")}), 2);
    QCOMPARE(code({QStringLiteral("invoices"), QStringLiteral("pay"), QStringLiteral("X"), QStringLiteral("--amount"), QStringLiteral("ten")}), 2);
    QCOMPARE(code({QStringLiteral("coupons"), QStringLiteral("create"), QStringLiteral("--code"), QStringLiteral("X")}), 2);
    QCOMPARE(code({QStringLiteral("tax-rates"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("T"), QStringLiteral("--percentage"),
                   QStringLiteral("150")}),
             2);
    QCOMPARE(code({QStringLiteral("invoices"), QStringLiteral("frobnicate")}), 2);
    const auto r =
        orbctl({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--plan"),
                QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01"), QStringLiteral("--alignment"), QStringLiteral("weekly")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("alignment: must be start_date or first_of_month"), r.err.constData());
    QCOMPARE(json({QStringLiteral("subscriptions"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray().size(), 0);
}

// docs.withorb.com/api-reference/subscription/cancel-subscription: an immediate cancellation of
// a subscription on its start day sets end_date = start_date, a valid and empty subscription; a
// subscription that cannot be billed (here a customer's zone damaged in the file) is listed with
// exit code 4 while every other one is billed.
void TestOrbctlBilling::runBillsEveryoneElseAndExitsFour()
{
    const QString jan1 = QStringLiteral("2026-01-01T09:00:00Z");
    const auto subscribe = [&](const QString &customer) {
        return json({QStringLiteral("subscriptions"), QStringLiteral("create"), QStringLiteral("--customer"), customer, QStringLiteral("--plan"),
                     QStringLiteral("flat"), QStringLiteral("--start"), QStringLiteral("2026-01-01")},
                    jan1)
            .value(QStringLiteral("id"))
            .toString();
    };
    for (const char *name : {"gone", "zone"})
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QString::fromLatin1(name),
                         QStringLiteral("--external-id"), QString::fromLatin1(name), QStringLiteral("--timezone"), QStringLiteral("UTC")},
                        jan1)
                     .exitCode,
                 0);
    subscribe(QStringLiteral("acme"));
    const QString cancelled = subscribe(QStringLiteral("gone"));
    const QString damaged = subscribe(QStringLiteral("zone"));
    const auto cancel = orbctl({QStringLiteral("subscriptions"), QStringLiteral("cancel"), cancelled, QStringLiteral("--immediate")}, jan1);
    QVERIFY2(cancel.exitCode == 0, cancel.err.constData());
    const auto clean =
        orbctl({QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-01-01")}, jan1);
    QVERIFY2(clean.exitCode == 0, clean.err.constData());
    QCOMPARE(QJsonDocument::fromJson(clean.out).object().value(QStringLiteral("created")).toInt(), 2);
    {
        auto file = orb::CompanyFile::open(m_db);
        file->db().exec(QStringLiteral("UPDATE customers SET timezone = 'Mars/Olympus_Mons' WHERE external_customer_id = 'zone'"));
    }
    const auto r =
        orbctl({QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-02-01")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains(damaged.toUtf8()) && r.err.contains("Mars/Olympus_Mons"), r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("created")).toInt(), 1); // acme's February
    const QJsonArray failed = o.value(QStringLiteral("failed_subscriptions")).toArray();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().toObject().value(QStringLiteral("subscription_id")).toString(), damaged);
    QCOMPARE(failed.first().toObject().value(QStringLiteral("customer_name")).toString(), QStringLiteral("zone"));
    const auto text = orbctl({QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2026-02-01")});
    QCOMPARE(text.exitCode, 4);
    QVERIFY2(text.out.contains("1 subscriptions failed") && text.err.contains("could not be billed"), text.out.constData());
}

void TestOrbctlBilling::demoHasEveryState()
{
    m_db = m_dir.filePath(QStringLiteral("demo.orb"));
    const QString now = QStringLiteral("2026-11-25T10:00:00Z");
    QCOMPARE(orbctl({QStringLiteral("demo")}, now).exitCode, 0);
    QSet<QString> states;
    int overdue = 0;
    for (const QJsonValue &v : json({QStringLiteral("invoices"), QStringLiteral("list")}, now).value(QStringLiteral("data")).toArray())
        states.insert(v.toObject().value(QStringLiteral("status")).toString());
    overdue = json({QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--overdue")}, now).value(QStringLiteral("data")).toArray().size();
    QCOMPARE(states, (QSet<QString>{"draft", "issued", "paid", "void"}));
    QVERIFY(overdue > 0);
    QVERIFY(!json({QStringLiteral("credit-notes"), QStringLiteral("list")}, now).value(QStringLiteral("data")).toArray().isEmpty());
    QCOMPARE(orbctl({QStringLiteral("audit"), QStringLiteral("verify")}, now).exitCode, 0);
}

namespace {

// What a run leaves behind, without the random ids: identities, states and documents.
QByteArray invoicesDigest(const QString &path, int *count)
{
    auto file = orb::CompanyFile::open(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery q = file->db().exec(QStringLiteral("SELECT identity, status, total, amount_due, document FROM invoices ORDER BY identity"));
    *count = 0;
    while (q.next()) {
        ++*count;
        for (int c = 0; c < 5; ++c)
            hash.addData(QByteArray(q.value(c).toString().toUtf8() + '\x1f'));
    }
    return hash.result();
}

} // namespace

void TestOrbctlBilling::killedRunFinishesWithNothingTwice()
{
    ORB_SQLITE_ONLY("each killed run starts from a copy of a template company file (pg_orbctl_concurrent runs invoice runs on a server)");
    // 40 subscriptions on the flat plan with usage: a run as of April 2nd creates 3 invoices in
    // advance and 3 in arrears for each. The run is killed at random moments, then run to the
    // end; the result must equal an uninterrupted run's.
    const QString templ = m_dir.filePath(QStringLiteral("kill-template.orb"));
    {
        orb::FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        QFile::copy(m_db, templ);
        auto file = orb::CompanyFile::open(templ);
        orb::CustomerService customers(*file, clock);
        orb::SubscriptionService subscriptions(*file, clock);
        for (int i = 0; i < 40; ++i) {
            orb::Customer c;
            c.name = QStringLiteral("Customer %1").arg(i);
            c.externalCustomerId = QStringLiteral("k%1").arg(i);
            c.timezone = i % 2 ? QStringLiteral("America/New_York") : QStringLiteral("Asia/Tokyo");
            orb::SubscriptionDraft d;
            d.customer = customers.create(c).id;
            d.plan = QStringLiteral("flat");
            d.startDate = QDate(2026, 1, 1 + i % 20);
            subscriptions.create(d);
        }
    }
    const QStringList run{QStringLiteral("--db"),     QString(),
                          QStringLiteral("--now"),    QStringLiteral("2026-04-02T12:00:00Z"),
                          QStringLiteral("invoices"), QStringLiteral("run"),
                          QStringLiteral("--as-of"),  QStringLiteral("2026-04-02T12:00:00Z")};
    auto runOn = [&](const QString &db) {
        QStringList a = run;
        a[1] = db;
        return a;
    };
    const QString reference = m_dir.filePath(QStringLiteral("kill-reference.orb"));
    QFile::copy(templ, reference);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(orb::test::run(QStringLiteral(ORBCTL_PATH), runOn(reference)).exitCode, 0);
    const qint64 fullMs = std::max<qint64>(timer.elapsed(), 50);
    int expectedCount = 0;
    const QByteArray expected = invoicesDigest(reference, &expectedCount);
    QVERIFY(expectedCount >= 200);

    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill seed %u, an uninterrupted run takes %lld ms", seed, static_cast<long long>(fullMs));
    QRandomGenerator rng(seed);
    const QString db = m_dir.filePath(QStringLiteral("kill-round.orb"));
    QFile::copy(templ, db);
    int kills = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
        QProcess p;
        p.start(QStringLiteral(ORBCTL_PATH), runOn(db));
        QVERIFY(p.waitForStarted());
        if (!p.waitForFinished(int(rng.bounded(fullMs)))) {
            p.kill();
            p.waitForFinished(-1);
            ++kills;
        }
    }
    QCOMPARE(orb::test::run(QStringLiteral(ORBCTL_PATH), runOn(db)).exitCode, 0);
    int count = 0;
    QCOMPARE(invoicesDigest(db, &count), expected);
    QCOMPARE(count, expectedCount);
    qInfo("%d kills survived", kills);
}

QTEST_GUILESS_MAIN(TestOrbctlBilling)
#include "tst_orbctl_billing.moc"
