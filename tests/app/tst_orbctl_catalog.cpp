// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

/// orbctl's catalog nouns run as a process: catalog, plans, metrics and price.
class TestOrbctlCatalog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void importShowListExport();
    void importRefusesInvalidFile();
    void plansAndMetricsNotFound();
    void evaluateTieredQuantity();
    void evaluatePackageQuantity();
    void evaluateMatrixEvents();
    void evaluateErrors();
    void evaluateProrationEvents();
    void evaluateEventOutputEvents();

private:
    ProcessResult orbctl(const QStringList &args) const;
    QJsonObject json(const QStringList &args, int expectedExit = 0) const;
    static QString data(const QString &name) { return orb::test::sourceDir() + QStringLiteral("/tests/data/catalog/") + name; }
    static QString demo() { return orb::test::sourceDir() + QStringLiteral("/models/catalog/northwind-catalog.json"); }
    QString m_db;
    QTemporaryDir m_dir;
};

ProcessResult TestOrbctlCatalog::orbctl(const QStringList &args) const
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), m_db} + args);
}

QJsonObject TestOrbctlCatalog::json(const QStringList &args, int expectedExit) const
{
    const ProcessResult r = orbctl(QStringList{QStringLiteral("--json")} + args);
    if (r.exitCode != expectedExit)
        qWarning("orbctl %s → %d\n%s", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    [&] { QCOMPARE(r.exitCode, expectedExit); }();
    return QJsonDocument::fromJson(r.out).object();
}

void TestOrbctlCatalog::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("cat%1.orb").arg(++n));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Northwind")}).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
}

QJsonObject counts(int created, int updated, int unchanged)
{
    return {{QStringLiteral("created"), created}, {QStringLiteral("updated"), updated}, {QStringLiteral("unchanged"), unchanged}};
}

void TestOrbctlCatalog::importShowListExport()
{
    const QJsonObject first = json({QStringLiteral("catalog"), QStringLiteral("import"), demo()});
    QCOMPARE(first.value(QStringLiteral("items")).toObject(), counts(5, 0, 0));
    QCOMPARE(first.value(QStringLiteral("billable_metrics")).toObject(), counts(4, 0, 0));
    QCOMPARE(first.value(QStringLiteral("plans")).toObject(), counts(3, 0, 0));
    const ProcessResult again = orbctl({QStringLiteral("catalog"), QStringLiteral("import"), demo()});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains("plans                   0        0          3"), again.out.constData());

    const QJsonObject plans = json({QStringLiteral("plans"), QStringLiteral("list")});
    const QJsonArray data = plans.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 3);
    QCOMPARE(data.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Enterprise (annual)"));
    QCOMPARE(data.at(1).toObject().value(QStringLiteral("external_plan_id")).toString(), QStringLiteral("growth"));
    const ProcessResult table = orbctl({QStringLiteral("plans"), QStringLiteral("list")});
    QVERIFY(table.out.contains("3 plans"));

    const QJsonObject growth = json({QStringLiteral("plans"), QStringLiteral("show"), QStringLiteral("growth")});
    QCOMPARE(growth.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(growth.value(QStringLiteral("net_terms")).toInt(), 15);
    const QJsonArray prices = growth.value(QStringLiteral("prices")).toArray();
    QCOMPARE(prices.size(), 4);
    QCOMPARE(prices.at(1).toObject().value(QStringLiteral("model_type")).toString(), QStringLiteral("tiered"));
    QCOMPARE(prices.at(1).toObject().value(QStringLiteral("billable_metric_name")).toString(), QStringLiteral("api_calls"));
    const ProcessResult shown = orbctl({QStringLiteral("plans"), QStringLiteral("show"), QStringLiteral("growth")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("2 cells, default 0.00003"), shown.out.constData());
    QVERIFY(shown.out.contains("Version:      1 of 1 (current)"));
    QVERIFY2(shown.out.contains("usage_discount  50000  API calls"), shown.out.constData());

    const QJsonObject metrics = json({QStringLiteral("metrics"), QStringLiteral("list")});
    QCOMPARE(metrics.value(QStringLiteral("data")).toArray().size(), 4);
    const QJsonObject tokens = json({QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("tokens")});
    QCOMPARE(tokens.value(QStringLiteral("aggregation")).toString(), QStringLiteral("sum"));
    QCOMPARE(tokens.value(QStringLiteral("group_by")).toString(), QStringLiteral("model"));
    QCOMPARE(tokens.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    const ProcessResult byId = orbctl({QStringLiteral("metrics"), QStringLiteral("show"), tokens.value(QStringLiteral("id")).toString()});
    QVERIFY(byId.out.contains("completion"));

    // Export, and import the export into a second company file.
    const QString exported = m_dir.filePath(QStringLiteral("export.json"));
    QCOMPARE(orbctl({QStringLiteral("catalog"), QStringLiteral("export"), QStringLiteral("-o"), exported}).exitCode, 0);
    const ProcessResult stdoutExport = orbctl({QStringLiteral("catalog"), QStringLiteral("export")});
    QFile f(exported);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()), QJsonDocument::fromJson(stdoutExport.out));
    init();
    const QJsonObject imported = json({QStringLiteral("catalog"), QStringLiteral("import"), exported});
    QCOMPARE(imported.value(QStringLiteral("plans")).toObject(), counts(3, 0, 0));
    QCOMPARE(json({QStringLiteral("catalog"), QStringLiteral("import"), exported}).value(QStringLiteral("plans")).toObject(), counts(0, 0, 3));
}

void TestOrbctlCatalog::importRefusesInvalidFile()
{
    const QString file = data(QStringLiteral("invalid_catalog.json"));
    const ProcessResult r = orbctl({QStringLiteral("catalog"), QStringLiteral("import"), file});
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(file + QStringLiteral(": the catalog file was refused; nothing was imported (8 errors)")), r.err.constData());
    QVERIFY(err.contains(file + QStringLiteral(": $.plans[0].prices[0].unit_config.unit_amount: must not be negative")));
    QVERIFY(err.contains(file + QStringLiteral(": $.items[1].name: \"Calls\" appears more than once in the file")));
    QCOMPARE(json({QStringLiteral("plans"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray().size(), 0);
    const ProcessResult missing = orbctl({QStringLiteral("catalog"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("nope.json"))});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("cannot read the file"));
}

void TestOrbctlCatalog::plansAndMetricsNotFound()
{
    QCOMPARE(orbctl({QStringLiteral("catalog"), QStringLiteral("import"), demo()}).exitCode, 0);
    const ProcessResult plan = orbctl({QStringLiteral("plans"), QStringLiteral("show"), QStringLiteral("platinum")});
    QCOMPARE(plan.exitCode, 3);
    QVERIFY(plan.err.contains("no plan with id or external_plan_id \"platinum\""));
    const ProcessResult version =
        orbctl({QStringLiteral("plans"), QStringLiteral("show"), QStringLiteral("starter"), QStringLiteral("--version"), QStringLiteral("2")});
    QCOMPARE(version.exitCode, 3);
    QVERIFY2(version.err.contains("plan \"Starter\" has no version 2 (versions 1 to 1)"), version.err.constData());
    QCOMPARE(orbctl({QStringLiteral("plans"), QStringLiteral("show"), QStringLiteral("starter"), QStringLiteral("--version"), QStringLiteral("x")}).exitCode,
             2);
    QCOMPARE(orbctl({QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("nope")}).exitCode, 3);
    QCOMPARE(orbctl({QStringLiteral("plans"), QStringLiteral("frobnicate")}).exitCode, 2);
}

void TestOrbctlCatalog::evaluateTieredQuantity()
{
    // Orb's example: first 10 units at $0.50, then $0.10: 11 units = $5.10.
    const QJsonObject e = json({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), data(QStringLiteral("price_tiered.json")),
                                QStringLiteral("--quantity"), QStringLiteral("11")});
    QCOMPARE(e.value(QStringLiteral("quantity")).toString(), QStringLiteral("11"));
    QCOMPARE(e.value(QStringLiteral("subtotal")).toString(), QStringLiteral("5.1"));
    QCOMPARE(e.value(QStringLiteral("amount")).toString(), QStringLiteral("5.10"));
    QCOMPARE(e.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    const QJsonArray lines = e.value(QStringLiteral("sub_line_items")).toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("5"));
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("quantity")).toString(), QStringLiteral("1"));
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("0.1"));
    const ProcessResult people = orbctl({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"),
                                         data(QStringLiteral("price_tiered.json")), QStringLiteral("--quantity"), QStringLiteral("10")});
    QCOMPARE(people.exitCode, 0);
    QVERIFY2(people.out.contains("Amount:   5.00 USD"), people.out.constData());
    QVERIFY(people.out.contains("Tier 1        10          0.5       5"));
}

void TestOrbctlCatalog::evaluatePackageQuantity()
{
    // Orb's example: packages of 10 at 0.80; 11 units are 2 packages.
    const QJsonObject e = json({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), data(QStringLiteral("price_package.json")),
                                QStringLiteral("--quantity"), QStringLiteral("11")});
    QCOMPARE(e.value(QStringLiteral("amount")).toString(), QStringLiteral("1.60"));
    QCOMPARE(e.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
    QCOMPARE(e.value(QStringLiteral("sub_line_items")).toArray().at(0).toObject().value(QStringLiteral("quantity")).toString(), QStringLiteral("2"));
}

void TestOrbctlCatalog::evaluateMatrixEvents()
{
    const QStringList base = {QStringLiteral("price"),    QStringLiteral("evaluate"),
                              QStringLiteral("--price"),  data(QStringLiteral("price_matrix.json")),
                              QStringLiteral("--events"), data(QStringLiteral("events_compute.jsonl")),
                              QStringLiteral("--metric"), data(QStringLiteral("metric_compute.json"))};
    // alpha/west (6 + 4) × 2.00 + beta/east 4 × 1.50 + gamma/west 2 × 3.00 (default) = 32.00;
    // the deploy event is not the metric's; the last event counts (the end is after it).
    const QJsonObject all = json(base);
    QCOMPARE(all.value(QStringLiteral("quantity")).toString(), QStringLiteral("16"));
    QCOMPARE(all.value(QStringLiteral("amount")).toString(), QStringLiteral("32.00"));
    const QJsonArray lines = all.value(QStringLiteral("sub_line_items")).toArray();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("20"));
    QCOMPARE(lines.at(2).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("6"));
    // A timeframe that ends before the last event leaves it out: alpha/west is 6 hours.
    const QJsonObject march = json(base
                                   + QStringList{QStringLiteral("--timeframe-start"), QStringLiteral("2026-03-01T00:00:00Z"), QStringLiteral("--timeframe-end"),
                                                 QStringLiteral("2026-03-31T00:00:00Z")});
    QCOMPARE(march.value(QStringLiteral("quantity")).toString(), QStringLiteral("12"));
    QCOMPARE(march.value(QStringLiteral("amount")).toString(), QStringLiteral("24.00"));
    const ProcessResult people = orbctl(base);
    QCOMPARE(people.exitCode, 0);
    QVERIFY2(people.out.contains("4 of 5 events matched compute_hours in [2026-03-01T00:00:00Z, 2026-03-31T23:59:59.001Z)"), people.out.constData());
}

void TestOrbctlCatalog::evaluateErrors()
{
    const QString bad = data(QStringLiteral("price_bad.json"));
    const ProcessResult r =
        orbctl({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), bad, QStringLiteral("--quantity"), QStringLiteral("1")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains((bad + QStringLiteral(": $.unit_config.unit_amount: must not be negative")).toUtf8()), r.err.constData());
    QVERIFY(r.err.contains((bad + QStringLiteral(": $.cadence: must be one of")).toUtf8()));

    const QString events = data(QStringLiteral("events_bad.jsonl"));
    const ProcessResult ev = orbctl({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), data(QStringLiteral("price_tiered.json")),
                                     QStringLiteral("--events"), events, QStringLiteral("--metric"), data(QStringLiteral("metric_compute.json"))});
    QCOMPARE(ev.exitCode, 2);
    QVERIFY2(ev.err.contains((events + QStringLiteral(": 2 lines were rejected; nothing was evaluated")).toUtf8()), ev.err.constData());
    QVERIFY(ev.err.contains((events + QStringLiteral(":2: timestamp:")).toUtf8()));
    QVERIFY(ev.err.contains((events + QStringLiteral(":3: ")).toUtf8()));
    QVERIFY(!ev.err.contains((events + QStringLiteral(":1:")).toUtf8()));

    const QString notJson = m_dir.filePath(QStringLiteral("notjson.json"));
    QFile f(notJson);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"model_type\": \"unit\",}");
    f.close();
    const ProcessResult syntax =
        orbctl({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), notJson, QStringLiteral("--quantity"), QStringLiteral("1")});
    QCOMPARE(syntax.exitCode, 2);
    QVERIFY2(syntax.err.contains((notJson + QStringLiteral(": not valid JSON")).toUtf8()), syntax.err.constData());

    const QStringList tiered = {QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), data(QStringLiteral("price_tiered.json"))};
    QCOMPARE(orbctl(tiered + QStringList{QStringLiteral("--quantity"), QStringLiteral("abc")}).exitCode, 2);
    QCOMPARE(orbctl(tiered).exitCode, 2);                                                   // neither --quantity nor --events
    QCOMPARE(orbctl(tiered + QStringList{QStringLiteral("--events"), events}).exitCode, 2); // --events without --metric
}

void TestOrbctlCatalog::evaluateProrationEvents()
{
    // The timeframe is the period: 10 seats for 10 days, then 15 for 21 of January's 31 days at 3.10.
    const QJsonObject e = json({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"),
                                data(QStringLiteral("price_unit_with_proration.json")), QStringLiteral("--events"), data(QStringLiteral("events_seats.jsonl")),
                                QStringLiteral("--metric"), data(QStringLiteral("metric_seats.json")), QStringLiteral("--timeframe-start"),
                                QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("--timeframe-end"), QStringLiteral("2026-02-01T00:00:00Z")});
    QCOMPARE(e.value(QStringLiteral("amount")).toString(), QStringLiteral("41.50"));
    const QJsonArray lines = e.value(QStringLiteral("sub_line_items")).toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("10 for 10 of 31 days"));
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("31.5"));
    // A bare quantity is in force the whole period.
    const QJsonObject q = json({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"),
                                data(QStringLiteral("price_unit_with_proration.json")), QStringLiteral("--quantity"), QStringLiteral("15")});
    QCOMPARE(q.value(QStringLiteral("amount")).toString(), QStringLiteral("46.50"));
}

void TestOrbctlCatalog::evaluateEventOutputEvents()
{
    // Each event's own rate, exactly (0.02 as a number, "1.5e-1" as a string); the event without
    // one pays default_unit_rate: 100 × 0.02 + 50 × 0.15 + 30 × 0.01.
    const QJsonObject e =
        json({QStringLiteral("price"), QStringLiteral("evaluate"), QStringLiteral("--price"), data(QStringLiteral("price_event_output.json")),
              QStringLiteral("--events"), data(QStringLiteral("events_jobs.jsonl")), QStringLiteral("--metric"), data(QStringLiteral("metric_jobs.json"))});
    QCOMPARE(e.value(QStringLiteral("amount")).toString(), QStringLiteral("9.80"));
    QCOMPARE(e.value(QStringLiteral("sub_line_items")).toArray().size(), 3);
}

QTEST_GUILESS_MAIN(TestOrbctlCatalog)
#include "tst_orbctl_catalog.moc"
