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

/// orbctl run as a process, the way scripts use it: arguments in, output and exit code out.
class TestOrbctl : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void initCreatesCompany();
    void initRefusesOverwriteAndBadInput();
    void customersEndToEnd();
    void customerErrorsHaveExitCodes_data();
    void customerErrorsHaveExitCodes();
    void listPaginates();
    void dbFromEnvironmentAndNowFixesClock();
    void refusesForeignFile();
    void readOnlyFileRefusesChanges();
    void settingsValidate();
    void demoCompany();
    void versionAndHelp();

private:
    ProcessResult orbctl(const QStringList &args, const QStringList &env = {}) const;
    QJsonObject json(const QStringList &args, int expectedExit = 0) const;
    /// `orbctl init --name Co` (plus `extra`) into m_db, then the company onto the suite's engine.
    void initCompany(const QStringList &extra = {});
    /// The demo company just made at `file`, on the suite's engine. A server run moves the demo
    /// once (the move of its ~90,000 rows is the slow part) and reads it in every test that
    /// only reads it.
    QString demoOnEngine(const QString &file);
    QString m_db;
    QString m_serverDemo;
    QString m_serverErrorsCompany;
    QTemporaryDir m_dir;
};

ProcessResult TestOrbctl::orbctl(const QStringList &args, const QStringList &env) const
{
    QStringList full = {QStringLiteral("--db"), m_db};
    full += args;
    return orb::test::run(QStringLiteral(ORBCTL_PATH), full, {}, env);
}

QJsonObject TestOrbctl::json(const QStringList &args, int expectedExit) const
{
    const ProcessResult r = orbctl(QStringList{QStringLiteral("--json")} + args);
    if (r.exitCode != expectedExit)
        qWarning("orbctl %s → %d\n%s", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    [&] { QCOMPARE(r.exitCode, expectedExit); }();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", r.out.constData());
    return doc.object();
}

void TestOrbctl::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("co%1.orb").arg(++n));
}

void TestOrbctl::initCompany(const QStringList &extra)
{
    QCOMPARE(orbctl(QStringList{QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Co")} + extra).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
    QVERIFY(!m_db.isEmpty());
}

QString TestOrbctl::demoOnEngine(const QString &file)
{
    if (!orb::test::serverEngine())
        return file;
    if (m_serverDemo.isEmpty())
        m_serverDemo = orb::test::onTestEngine(file);
    return m_serverDemo;
}

void TestOrbctl::initCreatesCompany()
{
    const QJsonObject c =
        json({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Fabrikam BV"), QStringLiteral("--currency"), QStringLiteral("EUR"),
              QStringLiteral("--timezone"), QStringLiteral("Europe/Amsterdam"), QStringLiteral("--invoice-prefix"), QStringLiteral("FAB-")});
    QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("Fabrikam BV"));
    QCOMPARE(c.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
    QCOMPARE(c.value(QStringLiteral("invoice_prefix")).toString(), QStringLiteral("FAB-"));
    QVERIFY(QFile::exists(m_db));
    m_db = orb::test::onTestEngine(m_db);
    const ProcessResult show = orbctl({QStringLiteral("company"), QStringLiteral("show")});
    QCOMPARE(show.exitCode, 0);
    QVERIFY(show.out.contains("Europe/Amsterdam"));
    QVERIFY2(show.out.contains(orb::test::serverEngine() ? "\nServer:  " : "\nFile:  "), show.out.constData());
}

void TestOrbctl::initRefusesOverwriteAndBadInput()
{
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("A")}).exitCode, 0);
    const ProcessResult again = orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("B")});
    QCOMPARE(again.exitCode, 4);
    QVERIFY(again.err.contains("already exists"));
    if (orb::test::serverEngine()) {
        // A server company comes from a file by `company move-to-server`; init and demo name a
        // file, and a server location is no path to make one at.
        const QDir work(QDir::currentPath());
        const QStringList before = work.entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        m_db = orb::test::onTestEngine(m_db);
        for (const QStringList &args :
             {QStringList{QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("B")}, QStringList{QStringLiteral("demo")}}) {
            const ProcessResult onServer = orbctl(args);
            QCOMPARE(onServer.exitCode, 2);
            QVERIFY2(onServer.err.contains("move-to-server"), onServer.err.constData());
        }
        QCOMPARE(work.entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
        QCOMPARE(json({QStringLiteral("company"), QStringLiteral("show")}).value(QStringLiteral("name")).toString(), QStringLiteral("A"));
    }
    m_db = m_dir.filePath(QStringLiteral("bad-init.orb"));
    const ProcessResult bad =
        orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("C"), QStringLiteral("--currency"), QStringLiteral("ABC")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("currency: \"ABC\" is not an ISO 4217 currency code"), bad.err.constData());
    QVERIFY(!QFile::exists(m_db));
    const ProcessResult missing = orbctl({QStringLiteral("init")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("--name is required"));
}

void TestOrbctl::customersEndToEnd()
{
    initCompany({QStringLiteral("--timezone"), QStringLiteral("Asia/Tokyo")});
    const QJsonObject created =
        json({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme Corp"), QStringLiteral("--external-id"),
              QStringLiteral("acme"), QStringLiteral("--email"), QStringLiteral("ap@acme.example"), QStringLiteral("--billing-country"), QStringLiteral("US"),
              QStringLiteral("--billing-city"), QStringLiteral("Austin"), QStringLiteral("--tax-id"), QStringLiteral("us_ein:US:12-3456789"),
              QStringLiteral("--metadata"), QStringLiteral("crm=77"), QStringLiteral("--net-terms"), QStringLiteral("45")});
    const QString id = created.value(QStringLiteral("id")).toString();
    QCOMPARE(id.size(), 16);
    QCOMPARE(created.value(QStringLiteral("timezone")).toString(), QStringLiteral("Asia/Tokyo"));
    QVERIFY(created.value(QStringLiteral("currency")).isNull());
    QCOMPARE(created.value(QStringLiteral("net_terms")).toInt(), 45);
    QCOMPARE(created.value(QStringLiteral("billing_address")).toObject().value(QStringLiteral("city")).toString(), QStringLiteral("Austin"));
    QCOMPARE(created.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("crm")).toString(), QStringLiteral("77"));

    const QJsonObject shown = json({QStringLiteral("customers"), QStringLiteral("show"), QStringLiteral("acme")});
    QCOMPARE(shown.value(QStringLiteral("id")).toString(), id);

    const QJsonObject updated = json({QStringLiteral("customers"), QStringLiteral("update"), id, QStringLiteral("--currency"), QStringLiteral("USD"),
                                      QStringLiteral("--name"), QStringLiteral("Acme Corporation")});
    QCOMPARE(updated.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(updated.value(QStringLiteral("balance")).toString(), QStringLiteral("0.00"));
    QCOMPARE(updated.value(QStringLiteral("name")).toString(), QStringLiteral("Acme Corporation"));

    const QJsonObject list = json({QStringLiteral("customers"), QStringLiteral("list")});
    QCOMPARE(list.value(QStringLiteral("data")).toArray().size(), 1);
    QCOMPARE(list.value(QStringLiteral("pagination_metadata")).toObject().value(QStringLiteral("has_more")).toBool(), false);

    const ProcessResult table = orbctl({QStringLiteral("customers"), QStringLiteral("list")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("ID "));
    QVERIFY(table.out.contains("Acme Corporation"));
    QVERIFY(table.out.contains("1 customer\n"));

    const QJsonObject archived = json({QStringLiteral("customers"), QStringLiteral("archive"), QStringLiteral("acme")});
    QVERIFY(!archived.value(QStringLiteral("archived_at")).toString().isEmpty());
    QCOMPARE(json({QStringLiteral("customers"), QStringLiteral("list")}).value(QStringLiteral("data")).toArray().size(), 0);
    QCOMPARE(json({QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--include-archived")}).value(QStringLiteral("data")).toArray().size(),
             1);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("delete"), QStringLiteral("acme")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("show"), QStringLiteral("acme")}).exitCode, 3);
}

void TestOrbctl::customerErrorsHaveExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString c = QStringLiteral("customers");
    QTest::newRow("bad email")
        << QStringList{c, QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--email"), QStringLiteral("nope")} << 2
        << "email: \"nope\" is not an e-mail address";
    QTest::newRow("bad zone")
        << QStringList{c, QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--timezone"), QStringLiteral("Moon/Base")}
        << 2 << "timezone: \"Moon/Base\" is not an IANA time zone";
    QTest::newRow("unknown option")
        << QStringList{c, QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--colour"), QStringLiteral("red")} << 2
        << "Unknown option 'colour'";
    QTest::newRow("missing name") << QStringList{c, QStringLiteral("create")} << 2 << "--name is required";
    QTest::newRow("bad net terms")
        << QStringList{c, QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--net-terms"), QStringLiteral("soon")} << 2
        << "--net-terms: \"soon\" is not a whole number";
    QTest::newRow("duplicate external id")
        << QStringList{c, QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--external-id"), QStringLiteral("taken")}
        << 4 << "\"taken\" already belongs to another customer";
    QTest::newRow("unknown customer") << QStringList{c, QStringLiteral("show"), QStringLiteral("ghost")} << 3
                                      << "no customer with id or external_customer_id \"ghost\"";
    QTest::newRow("time zone fixed") << QStringList{c, QStringLiteral("update"), QStringLiteral("taken"), QStringLiteral("--timezone"),
                                                    QStringLiteral("Asia/Tokyo")}
                                     << 4 << "fixed when the customer was created";
    QTest::newRow("currency once") << QStringList{c, QStringLiteral("update"), QStringLiteral("taken"), QStringLiteral("--currency"), QStringLiteral("EUR")}
                                   << 4 << "can be set only once";
    QTest::newRow("nothing to update") << QStringList{c, QStringLiteral("update"), QStringLiteral("taken")} << 2 << "nothing to change";
    QTest::newRow("unknown verb") << QStringList{c, QStringLiteral("explode")} << 2 << "unknown verb \"explode\"";
    QTest::newRow("unknown noun") << QStringList{QStringLiteral("spaceships"), QStringLiteral("list")} << 2 << "unknown command \"spaceships\"";
    QTest::newRow("bad now") << QStringList{QStringLiteral("--now"), QStringLiteral("yesterday"), c, QStringLiteral("list")} << 2
                             << "--now: \"yesterday\" is not an ISO 8601 timestamp";
}

void TestOrbctl::customerErrorsHaveExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    // Every row changes nothing (checked below), so a server run makes its company once: a
    // move to the server per row would double the suite's time.
    if (orb::test::serverEngine() && !m_serverErrorsCompany.isEmpty()) {
        m_db = m_serverErrorsCompany;
    } else {
        initCompany();
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Taken"),
                         QStringLiteral("--external-id"), QStringLiteral("taken"), QStringLiteral("--currency"), QStringLiteral("USD")})
                     .exitCode,
                 0);
        if (orb::test::serverEngine())
            m_serverErrorsCompany = m_db;
    }
    const QByteArray before = orbctl({QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--include-archived")}).out;
    const ProcessResult r = orbctl(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.err.startsWith("orbctl: "));
    QCOMPARE(orbctl({QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--include-archived")}).out, before);
}

void TestOrbctl::listPaginates()
{
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    m_db = demoOnEngine(m_db);
    QJsonObject page = json({QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("5")});
    QStringList names;
    int pages = 0;
    while (true) {
        ++pages;
        for (const QJsonValue &v : page.value(QStringLiteral("data")).toArray())
            names << v.toObject().value(QStringLiteral("name")).toString();
        const QJsonObject meta = page.value(QStringLiteral("pagination_metadata")).toObject();
        if (!meta.value(QStringLiteral("has_more")).toBool()) {
            QVERIFY(meta.value(QStringLiteral("next_cursor")).isNull());
            break;
        }
        page = json({QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("5"), QStringLiteral("--cursor"),
                     meta.value(QStringLiteral("next_cursor")).toString()});
    }
    QCOMPARE(pages, 3);
    QCOMPARE(names.size(), 12);
    QCOMPARE(names.first(), QStringLiteral("Acme Robotics Inc."));
    QCOMPARE(names.last(), QStringLiteral("Lumen Retail SA"));
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("0")}).exitCode, 2);
}

void TestOrbctl::dbFromEnvironmentAndNowFixesClock()
{
    const QString envDb = m_dir.filePath(QStringLiteral("env.orb"));
    const ProcessResult init = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Env Co")}, {},
                                              {QStringLiteral("ORB_DB=") + envDb});
    QCOMPARE(init.exitCode, 0);
    QVERIFY(QFile::exists(envDb));
    const QString db = orb::test::onTestEngine(envDb);
    const ProcessResult created =
        orb::test::run(QStringLiteral(ORBCTL_PATH),
                       {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Timed")}, {},
                       {QStringLiteral("ORB_DB=") + db, QStringLiteral("ORB_NOW=2026-03-01T12:00:00Z")});
    QCOMPARE(created.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(created.out).object().value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-03-01T12:00:00Z"));
    const ProcessResult viaFlag =
        orb::test::run(QStringLiteral(ORBCTL_PATH),
                       {QStringLiteral("--db"), db, QStringLiteral("--now"), QStringLiteral("2026-04-02T08:30:00+02:00"), QStringLiteral("--json"),
                        QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Flag")});
    QCOMPARE(QJsonDocument::fromJson(viaFlag.out).object().value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-04-02T06:30:00Z"));
}

void TestOrbctl::refusesForeignFile()
{
    ORB_SQLITE_ONLY("a foreign file and a missing file at the --db path");
    QFile f(m_db);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("just some text\n");
    f.close();
    const ProcessResult r = orbctl({QStringLiteral("customers"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("is not an Orb company file"));
    const ProcessResult missing = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("missing.orb")),
                                                                               QStringLiteral("customers"), QStringLiteral("list")});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains("there is no company file at"));
}

void TestOrbctl::readOnlyFileRefusesChanges()
{
    // A server's read-only user is the viewer role (pg_roles).
    ORB_SQLITE_ONLY("the company file's permissions on disk");
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    QVERIFY(QFile::setPermissions(m_db, QFileDevice::ReadOwner));
    const ProcessResult list = orbctl({QStringLiteral("customers"), QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains("12 customers"));
    const ProcessResult create = orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X")});
    QCOMPARE(create.exitCode, 4);
    QVERIFY2(create.err.contains("read-only"), create.err.constData());
    const QJsonObject company = json({QStringLiteral("company"), QStringLiteral("show")});
    QCOMPARE(company.value(QStringLiteral("read_only")).toBool(), true);
}

void TestOrbctl::settingsValidate()
{
    initCompany();
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("grace_period_hours")}).out, QByteArray("12\n"));
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("36")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("grace_period_hours")}).out, QByteArray("36\n"));
    const ProcessResult bad = orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("9999")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains("grace_period_hours must be a whole number of hours"));
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("stripe.api_base"), QStringLiteral("ftp://x")}).exitCode, 2);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("nonsense")}).exitCode, 2);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("grace_period_hours")}).out, QByteArray("36\n"));
}

void TestOrbctl::demoCompany()
{
    const QJsonObject c = json({QStringLiteral("demo")});
    QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("Northwind Analytics LLC"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 4);
    m_db = demoOnEngine(m_db);
    const QJsonObject list = json({QStringLiteral("customers"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("gmbh")});
    QCOMPARE(list.value(QStringLiteral("data")).toArray().size(), 1);
    QCOMPARE(list.value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
}

void TestOrbctl::versionAndHelp()
{
    const ProcessResult v = orbctl({QStringLiteral("--version")});
    QCOMPARE(v.exitCode, 0);
    const QList<QByteArray> lines = v.out.trimmed().split('\n');
    QCOMPARE(lines.value(0), QByteArray("orbctl " ORB_VERSION_STRING)); // scripts read the first line
    QCOMPARE(lines.value(1), QByteArray("Copyright (C) 2026 The Orb developers"));
    QVERIFY2(lines.value(2).startsWith("License GPL-3.0-or-later: GNU GPL version 3 or later"), lines.value(2).constData());
    QVERIFY(v.out.contains("There is NO WARRANTY"));
    const ProcessResult h = orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--help")});
    QCOMPARE(h.exitCode, 0);
    QVERIFY(h.out.contains("--external-id"));
    QCOMPARE(orb::test::run(QStringLiteral(ORBCTL_PATH), {}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestOrbctl)
#include "tst_orbctl.moc"
