// SPDX-License-Identifier: GPL-3.0-or-later
// Roles in the services: every table of the schema has its rule, every write statement in the
// program's code names a table with a rule (so a new write path without a role fails here),
// the statement parser's table, the refusals of each role, and a company file's one local
// user who may do everything, as before.
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/Customer.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/storage/Roles.h"
#include "models/storage/UserService.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using orb::Role;
using orb::Roles;

class TestRoles : public QObject
{
    Q_OBJECT

private slots:
    void everyTableHasARule();
    void everyWriteStatementHasARule();
    void statementTargets_data();
    void statementTargets();
    void refusals_data();
    void refusals();
    void companyFileHasOneUserWithEveryRole();
    void serverUsersAreDatabaseLogins();
    void actingRoleNarrowsAndRefusesWhole();

private:
    /// A fresh company for the test functions that need one (the rule tables need none: on
    /// the server engine each company is a database moved to the cluster).
    void newCompany();

    QTemporaryDir m_dir;
    std::unique_ptr<orb::CompanyFile> m_file;
    orb::FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestRoles::newCompany()
{
    static int n = 0;
    orb::CompanySettings s;
    s.name = QStringLiteral("Roles Test");
    s.timezone = QStringLiteral("Europe/Berlin");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("r%1.orb").arg(++n)), s, m_clock);
}

void TestRoles::everyTableHasARule()
{
    newCompany();
    QStringList tables;
    // The company's own tables, from each engine's catalog.
    QSqlQuery q =
        m_file->db().isServer()
            ? m_file->db().execNative(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = "
                                                     "'BASE TABLE' ORDER BY table_name"))
            : m_file->db().exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    while (q.next())
        tables << q.value(0).toString();
    QVERIFY(tables.size() > 40);
    QStringList missing;
    for (const QString &t : std::as_const(tables))
        if (!Roles::ruleFor(t))
            missing << t;
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("tables without a role rule (models/storage/Roles.cpp): ") + missing.join(QStringLiteral(", "))));
    QStringList stale;
    for (const Roles::TableRule &r : Roles::tableRules())
        if (!tables.contains(r.table))
            stale << r.table;
    QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("rules for tables the schema does not have: ") + stale.join(QStringLiteral(", "))));
}

void TestRoles::everyWriteStatementHasARule()
{
    // Every write statement written in the program's code (string literals that start with
    // INSERT, UPDATE, DELETE or REPLACE) names a table with a rule: a write path added later
    // without a role fails here, not in a user's hands.
    const QString source = qEnvironmentVariable("ORB_SOURCE_DIR");
    QVERIFY(!source.isEmpty());
    static const QRegularExpression literal(QStringLiteral("\"((?:INSERT|UPDATE|DELETE|REPLACE)\\s[^\"]*)\""));
    int seen = 0;
    QStringList missing;
    for (const QString &layer : {QStringLiteral("models"), QStringLiteral("sync"), QStringLiteral("app"), QStringLiteral("ui")}) {
        QDirIterator it(source + QLatin1Char('/') + layer, {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            for (auto m = literal.globalMatch(text); m.hasNext();) {
                const QString sql = m.next().captured(1);
                const Roles::Target t = Roles::target(sql);
                if (t.kind != Roles::Target::Kind::Table)
                    continue; // a table named at run time (%1): its rule is checked then, unknown means admin only
                ++seen;
                // sqlite_sequence: SQLite's own AUTOINCREMENT counters, set only in a company file
                // a backup is creating (its creator holds every role there).
                if (!t.table.startsWith(QLatin1String("temp.")) && t.table != QLatin1String("sqlite_sequence") && !Roles::ruleFor(t.table))
                    missing << QStringLiteral("%1: %2").arg(QFileInfo(f.fileName()).fileName(), sql.left(60));
            }
        }
    }
    QVERIFY2(seen > 100, qPrintable(QString::number(seen)));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("writes to tables without a role rule:\n") + missing.join(QLatin1Char('\n'))));
}

void TestRoles::statementTargets_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("table");
    const int none = int(Roles::Target::Kind::None);
    const int table = int(Roles::Target::Kind::Table);
    const int schema = int(Roles::Target::Kind::Schema);
    QTest::newRow("select") << "SELECT * FROM invoices" << none << "";
    QTest::newRow("select with comment") << "  -- why\n SELECT 1" << none << "";
    QTest::newRow("begin") << "BEGIN IMMEDIATE" << none << "";
    QTest::newRow("savepoint") << "SAVEPOINT orb_1" << none << "";
    QTest::newRow("advisory lock") << "SELECT pg_advisory_xact_lock(42)" << none << "";
    QTest::newRow("set") << "SET TIME ZONE 'UTC'" << none << "";
    QTest::newRow("notify") << "NOTIFY orb_changes" << none << "";
    QTest::newRow("lock") << "LOCK TABLE invoices IN SHARE MODE" << none << "";
    QTest::newRow("insert") << "INSERT INTO customers (id) VALUES (?)" << table << "customers";
    QTest::newRow("insert or ignore") << "INSERT OR IGNORE INTO usage_events (id) VALUES (?)" << table << "usage_events";
    QTest::newRow("insert quoted") << "INSERT INTO \"payments\" (id) VALUES (?)" << table << "payments";
    QTest::newRow("insert schema") << "insert into public.settings (key) values (?)" << table << "settings";
    QTest::newRow("replace") << "REPLACE INTO settings (key, value) VALUES (?, ?)" << table << "settings";
    QTest::newRow("update") << "UPDATE invoices SET status = ?" << table << "invoices";
    QTest::newRow("update or abort") << "UPDATE OR ABORT plans SET name = ?" << table << "plans";
    QTest::newRow("delete") << "DELETE FROM api_keys WHERE id = ?" << table << "api_keys";
    QTest::newRow("with insert") << "WITH x AS (SELECT 1) INSERT INTO credit_notes SELECT * FROM x" << table << "credit_notes";
    QTest::newRow("with select") << "WITH x AS (SELECT 1) SELECT * FROM x" << none << "";
    QTest::newRow("copy from") << "COPY usage_events (id) FROM STDIN" << table << "usage_events";
    QTest::newRow("copy to") << "COPY (SELECT 1) TO STDOUT" << none << "";
    QTest::newRow("temp table") << "CREATE TEMP TABLE t (x)" << none << "";
    QTest::newRow("insert temp") << "INSERT INTO temp.keys VALUES (1)" << table << "temp.keys";
    QTest::newRow("create table") << "CREATE TABLE x (y)" << schema << "";
    QTest::newRow("drop") << "DROP TABLE invoices" << schema << "";
    QTest::newRow("truncate") << "TRUNCATE invoices" << schema << "";
    QTest::newRow("grant") << "GRANT SELECT ON invoices TO x" << schema << "";
    QTest::newRow("do block") << "DO $$ BEGIN END $$" << schema << "";
    QTest::newRow("unknown word") << "FROBNICATE invoices" << schema << "";
}

void TestRoles::statementTargets()
{
    QFETCH(QString, sql);
    QFETCH(int, kind);
    QFETCH(QString, table);
    const Roles::Target t = Roles::target(sql);
    QCOMPARE(int(t.kind), kind);
    QCOMPARE(t.table, table);
}

void TestRoles::refusals_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("refusal"); // empty: allowed
    const int viewer = int(Role::Viewer), ingest = int(Role::Ingest), billing = int(Role::Billing), admin = int(Role::Admin);
    QTest::newRow("viewer reads") << viewer << "SELECT * FROM invoices"
                                  << "";
    QTest::newRow("viewer issues") << viewer << "UPDATE invoices SET status = 'issued'"
                                   << "your role (viewer) may not create, issue or void invoices; nothing was changed";
    QTest::newRow("viewer adds a customer") << viewer << "INSERT INTO customers (id) VALUES (1)"
                                            << "your role (viewer) may not change customers; nothing was changed";
    QTest::newRow("viewer ingests") << viewer << "INSERT INTO usage_events (id) VALUES (1)"
                                    << "your role (viewer) may not send usage events; nothing was changed";
    QTest::newRow("ingest ingests") << ingest << "INSERT INTO usage_events (id) VALUES (1)"
                                    << "";
    QTest::newRow("ingest audits") << ingest << "INSERT INTO audit_log (seq) VALUES (1)"
                                   << "";
    QTest::newRow("ingest adds a customer") << ingest << "INSERT INTO customers (id) VALUES (1)"
                                            << "your role (ingest) may not change customers; nothing was changed";
    QTest::newRow("billing pays") << billing << "INSERT INTO payments (id) VALUES (1)"
                                  << "";
    QTest::newRow("billing runs") << billing << "INSERT INTO invoice_runs (id) VALUES (1)"
                                  << "";
    QTest::newRow("billing credits") << billing << "INSERT INTO credit_notes (id) VALUES (1)"
                                     << "";
    QTest::newRow("billing sets") << billing << "DELETE FROM settings WHERE key = ?"
                                  << "your role (billing) may not change settings; nothing was changed";
    QTest::newRow("billing catalog") << billing << "UPDATE plans SET name = ?"
                                     << "your role (billing) may not change the catalog; nothing was changed";
    QTest::newRow("billing keys") << billing << "INSERT INTO api_keys (id) VALUES (1)"
                                  << "your role (billing) may not change API keys; nothing was changed";
    QTest::newRow("billing schema") << billing << "DROP TABLE invoices"
                                    << "your role (billing) may not change the company's schema; nothing was changed";
    QTest::newRow("billing unknown table") << billing << "INSERT INTO someday (id) VALUES (1)"
                                           << "your role (billing) may not change someday; nothing was changed";
    QTest::newRow("billing temp table") << billing << "INSERT INTO temp.keys VALUES (1)"
                                        << "";
    QTest::newRow("admin sets") << admin << "DELETE FROM settings WHERE key = ?"
                                << "";
    QTest::newRow("admin schema") << admin << "DROP TABLE invoices"
                                  << "";
}

void TestRoles::refusals()
{
    QFETCH(int, role);
    QFETCH(QString, sql);
    QFETCH(QString, refusal);
    try {
        Roles::check(Role(role), sql);
        QVERIFY2(refusal.isEmpty(), "allowed");
    } catch (const orb::ServiceError &e) {
        QCOMPARE(e.message(), refusal);
        QCOMPARE(e.kind(), orb::ServiceError::Kind::Conflict); // orbctl's exit status 4
        QVERIFY(Roles::isRefusal(e));
    }
}

void TestRoles::companyFileHasOneUserWithEveryRole()
{
    ORB_SQLITE_ONLY("a company file's one local user (a server's users and roles: pg_roles)");
    newCompany();
    QCOMPARE(m_file->db().role(), Role::Admin);
    orb::UserService users(*m_file, m_clock);
    QVERIFY(!users.hasUsers());
    QCOMPARE(users.list().size(), 1);
    QCOMPARE(users.list().first().role, Role::Admin);
    QVERIFY_THROWS_EXCEPTION(orb::ServiceError, users.add(QStringLiteral("bob"), Role::Viewer, {}));
    orb::Customer c;
    c.name = QStringLiteral("Allowed GmbH");
    QVERIFY(!orb::CustomerService(*m_file, m_clock).create(c).id.isEmpty());
    m_file->setSetting(QStringLiteral("default_net_terms"), QStringLiteral("14"), m_clock);
}

void TestRoles::serverUsersAreDatabaseLogins()
{
    // The server's side of the one local user: the company's owner acts as its admin, and the
    // users are logins in the company's group roles, changed through the same service.
    if (!orb::test::serverEngine())
        QSKIP("company servers only (a company file's one local user: companyFileHasOneUserWithEveryRole)");
    newCompany();
    QCOMPARE(m_file->db().role(), Role::Admin);
    orb::UserService users(*m_file, m_clock);
    QVERIFY(users.hasUsers());
    QCOMPARE(users.currentRole(), Role::Admin);
    // Logins belong to the whole cluster: a name no other suite on it uses.
    const QString clerk = QStringLiteral("roles_suite_clerk_%1").arg(QCoreApplication::applicationPid());
    const auto roleOf = [&users, &clerk]() -> std::optional<Role> {
        for (const orb::CompanyUser &u : users.list())
            if (u.name == clerk)
                return u.role;
        return std::nullopt;
    };
    QVERIFY(users.add(clerk, Role::Viewer, "clerk password"));
    QCOMPARE(roleOf(), std::optional<Role>(Role::Viewer));
    users.setRole(clerk, Role::Billing);
    QCOMPARE(roleOf(), std::optional<Role>(Role::Billing));
    QVERIFY_THROWS_EXCEPTION(orb::ServiceError, users.add(clerk, Role::Ingest, "x"));
    {
        // Only an admin changes users: acting as billing, the service refuses.
        const orb::ActingRole billing(m_file->db(), Role::Billing);
        QVERIFY_THROWS_EXCEPTION(orb::ServiceError, users.setRole(clerk, Role::Admin));
    }
    QCOMPARE(roleOf(), std::optional<Role>(Role::Billing));
    users.remove(clerk);
    QVERIFY(!roleOf());
}

void TestRoles::actingRoleNarrowsAndRefusesWhole()
{
    newCompany();
    const auto count = [this] { return m_file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(); };
    const auto audits = [this] { return m_file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt(); };
    const int before = count();
    const int auditBefore = audits();
    orb::Customer c;
    c.name = QStringLiteral("Refused GmbH");
    {
        const orb::ActingRole viewer(m_file->db(), Role::Viewer);
        QCOMPARE(m_file->db().role(), Role::Viewer);
        try {
            orb::CustomerService(*m_file, m_clock).create(c);
            QFAIL("a viewer created a customer");
        } catch (const orb::ServiceError &e) {
            QCOMPARE(e.message(), QStringLiteral("your role (viewer) may not change customers; nothing was changed"));
        }
        // Reads go on.
        QCOMPARE(count(), before);
        {
            // A scope inside never widens the role.
            const orb::ActingRole admin(m_file->db(), Role::Admin);
            QCOMPARE(m_file->db().role(), Role::Viewer);
        }
    }
    QCOMPARE(audits(), auditBefore);
    QVERIFY(!m_file->db().inTransaction());
    {
        const orb::ActingRole billing(m_file->db(), Role::Billing);
        QVERIFY(!orb::CustomerService(*m_file, m_clock).create(c).id.isEmpty());
        QVERIFY_THROWS_EXCEPTION(orb::ServiceError, m_file->setSetting(QStringLiteral("default_net_terms"), QStringLiteral("14"), m_clock));
    }
    QCOMPARE(m_file->db().role(), Role::Admin);
    QCOMPARE(count(), before + 1);
}

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
