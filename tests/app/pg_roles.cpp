// SPDX-License-Identifier: GPL-3.0-or-later
// Roles on a company server: the demo company moved to the throwaway cluster, its users an
// admin, a billing clerk and a viewer. Each tries representative actions through the services
// (in this process, connected as that user) and through `orbctl` processes; the viewer's and
// the clerk's own connections are refused by the server's grants when they write around the
// program; `orbctl users` adds, lists, changes and removes users, admins only.
#include "app/api/ApiHandler.h"
#include "engine/Clock.h"
#include "engine/Customer.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/api/ApiKeyService.h"
#include "models/billing/InvoiceService.h"
#include "models/storage/Roles.h"
#include "models/storage/UserService.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>
#include <QtTest>

using orb::test::ProcessResult;

namespace {

ProcessResult orbctl(const QString &db, const QStringList &args, const QByteArray &input = {})
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db} + args, input);
}

/// The same company, connected as another database user.
QString as(const QString &url, const QString &user)
{
    QString out = url;
    return out.replace(QStringLiteral("orbadmin@"), user + QLatin1Char('@'));
}

QString databaseOf(const QString &url)
{
    return QUrl(url).path().mid(1);
}

/// A statement run as `user` straight on the server, past the program: the error, or empty.
QString rawAs(const QString &url, const QString &user, const QString &sql)
{
    const QString name = QStringLiteral("raw-%1").arg(user);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(orb::test::pgTestSocket());
        db.setUserName(user);
        db.setDatabaseName(databaseOf(url));
        if (!db.open()) {
            error = QStringLiteral("cannot connect: ") + db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QJsonObject usersByName(const QString &url)
{
    const ProcessResult r = orbctl(url, {QStringLiteral("--json"), QStringLiteral("users"), QStringLiteral("list")});
    QJsonObject out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toArray())
        out.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject().value(QStringLiteral("role")).toString());
    return out;
}

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void usersVerbs();
    void viewerReadsOnly();
    void billingKeepsTheBooksNotTheSetup();
    void adminSetsUp();
    void servicesObeyTheRole();
    void rawWritesRefusedByGrants();
    void lastAdminStays();
    void companyFileHasOneLocalUser();
    void moveNeedsAUserWhoMayCreateRoles();
    void apiKeysActWithinTheConnectionsRole();

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_file;
    QString m_draft;
    QString m_customer;
};

void TestRoles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("demo.orb"));
    m_url = orb::test::pgTestDatabase(QStringLiteral("roles"));
    const ProcessResult demo = orbctl(m_file, {QStringLiteral("demo")});
    QVERIFY2(demo.exitCode == 0, demo.err.constData());
    const ProcessResult move = orbctl(m_file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url});
    QVERIFY2(move.exitCode == 0, move.err.constData());
    // Logins of the test's own users: the cluster is shared by the tests of this build, so
    // each name carries the database's (unique) name.
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    for (const QString &role : {QStringLiteral("admin"), QStringLiteral("billing"), QStringLiteral("viewer")}) {
        const ProcessResult add = orbctl(m_url,
                                         {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("%1_%2").arg(role, suffix), QStringLiteral("--role"),
                                          role, QStringLiteral("--password-stdin")},
                                         "a long secret\n");
        QVERIFY2(add.exitCode == 0, add.err.constData());
    }
    const ProcessResult drafts =
        orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("draft")});
    QVERIFY2(drafts.exitCode == 0, drafts.err.constData());
    const QJsonArray data = QJsonDocument::fromJson(drafts.out).object().value(QStringLiteral("data")).toArray();
    QVERIFY(data.size() >= 2);
    m_draft = data.first().toObject().value(QStringLiteral("id")).toString();
    const ProcessResult customers = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")});
    m_customer =
        QJsonDocument::fromJson(customers.out).object().value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!m_customer.isEmpty());
}

void TestRoles::usersVerbs()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const QJsonObject users = usersByName(m_url);
    QCOMPARE(users.value(QStringLiteral("orbadmin")).toString(), QStringLiteral("admin")); // the mover
    QCOMPARE(users.value(QStringLiteral("admin_") + suffix).toString(), QStringLiteral("admin"));
    QCOMPARE(users.value(QStringLiteral("billing_") + suffix).toString(), QStringLiteral("billing"));
    QCOMPARE(users.value(QStringLiteral("viewer_") + suffix).toString(), QStringLiteral("viewer"));
    // The password went as a SCRAM verifier, never in the clear.
    QCOMPARE(rawAs(m_url, QStringLiteral("orbadmin"),
                   QStringLiteral("DO $$ BEGIN IF (SELECT rolpassword FROM pg_authid WHERE rolname = 'viewer_%1') NOT LIKE 'SCRAM-SHA-256$4096:%%' "
                                  "THEN RAISE EXCEPTION 'no verifier'; END IF; END $$")
                       .arg(suffix)),
             QString());

    // Twice is refused; a role that is not one, a bad name, likewise; nothing changes.
    const ProcessResult again =
        orbctl(m_url, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("viewer_") + suffix, QStringLiteral("--role"), QStringLiteral("viewer")});
    QCOMPARE(again.exitCode, 4);
    QVERIFY2(again.err.contains("already a user of this company"), again.err.constData());
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("x_") + suffix, QStringLiteral("--role"), QStringLiteral("ingest")})
                 .exitCode,
             2);
    QCOMPARE(
        orbctl(m_url, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("x y"), QStringLiteral("--role"), QStringLiteral("viewer")}).exitCode, 2);
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("set-role"), QStringLiteral("nobody_") + suffix, QStringLiteral("billing")}).exitCode, 3);
    QCOMPARE(usersByName(m_url), users);

    // set-role and remove, with their audit entries.
    const QString temp = QStringLiteral("temp_") + suffix;
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("add"), temp, QStringLiteral("--role"), QStringLiteral("viewer")}).exitCode, 0);
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("set-role"), temp, QStringLiteral("billing")}).exitCode, 0);
    QCOMPARE(usersByName(m_url).value(temp).toString(), QStringLiteral("billing"));
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("remove"), temp}).exitCode, 0);
    QVERIFY(!usersByName(m_url).contains(temp));
    const ProcessResult audit = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("user:") + temp});
    QVERIFY2(audit.exitCode == 0, audit.err.constData());
    for (const char *action : {"user.add", "user.set_role", "user.remove"})
        QVERIFY2(audit.out.contains(action), audit.out.constData());
    const ProcessResult verify = orbctl(m_url, {QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.err.constData());
}

void TestRoles::viewerReadsOnly()
{
    const QString viewer = as(m_url, QStringLiteral("viewer_") + databaseOf(m_url).section(QLatin1Char('_'), -1));
    const ProcessResult list = orbctl(viewer, {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY(!QJsonDocument::fromJson(list.out).object().value(QStringLiteral("data")).toArray().isEmpty());
    QCOMPARE(orbctl(viewer, {QStringLiteral("invoices"), QStringLiteral("list")}).exitCode, 0);
    QCOMPARE(orbctl(viewer, {QStringLiteral("users"), QStringLiteral("list")}).exitCode, 0);
    QCOMPARE(orbctl(viewer, {QStringLiteral("customers"), QStringLiteral("export"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("c.csv"))}).exitCode,
             0);

    struct Try {
        QStringList args;
        QByteArray says;
    };
    const QList<Try> refused{
        {{QStringLiteral("invoices"), QStringLiteral("issue"), m_draft}, "your role (viewer) may not"},
        {{QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Viewer Co")},
         "your role (viewer) may not change customers"},
        {{QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("default_net_terms"), QStringLiteral("45")},
         "your role (viewer) may not change settings"},
        {{QStringLiteral("customers"), QStringLiteral("archive"), m_customer}, "your role (viewer) may not change customers"},
        {{QStringLiteral("credits"), QStringLiteral("add"), m_customer, QStringLiteral("--amount"), QStringLiteral("10")}, "your role (viewer) may not"},
        {{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("someone"), QStringLiteral("--role"), QStringLiteral("viewer")},
         "your role (viewer) may not add users"},
    };
    for (const Try &t : refused) {
        const ProcessResult r = orbctl(viewer, t.args);
        QVERIFY2(r.exitCode == 4, qPrintable(t.args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        QVERIFY2(r.err.contains(t.says), r.err.constData());
    }
    // Nothing changed: the draft is a draft, no customer was added, the chain verifies.
    const ProcessResult show = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("show"), m_draft});
    QCOMPARE(QJsonDocument::fromJson(show.out).object().value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    QVERIFY(!orbctl(m_url, {QStringLiteral("customers"), QStringLiteral("list")}).out.contains("Viewer Co"));
}

void TestRoles::billingKeepsTheBooksNotTheSetup()
{
    const QString billing = as(m_url, QStringLiteral("billing_") + databaseOf(m_url).section(QLatin1Char('_'), -1));
    const ProcessResult create = orbctl(billing, {QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Billing Co"),
                                                  QStringLiteral("--external-id"), QStringLiteral("billing-co")});
    QVERIFY2(create.exitCode == 0, create.err.constData());
    const ProcessResult issue = orbctl(billing, {QStringLiteral("invoices"), QStringLiteral("issue"), m_draft});
    QVERIFY2(issue.exitCode == 0, issue.err.constData());

    const ProcessResult settings =
        orbctl(billing, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("default_net_terms"), QStringLiteral("45")});
    QCOMPARE(settings.exitCode, 4);
    QVERIFY2(settings.err.contains("your role (billing) may not change settings"), settings.err.constData());
    const ProcessResult key = orbctl(billing, {QStringLiteral("api-keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("k")});
    QCOMPARE(key.exitCode, 4);
    QVERIFY2(key.err.contains("your role (billing) may not change API keys"), key.err.constData());
    const ProcessResult users = orbctl(billing, {QStringLiteral("users"), QStringLiteral("set-role"), QStringLiteral("orbadmin"), QStringLiteral("viewer")});
    QCOMPARE(users.exitCode, 4);
    QVERIFY2(users.err.contains("your role (billing) may not"), users.err.constData());
    QCOMPARE(usersByName(m_url).value(QStringLiteral("orbadmin")).toString(), QStringLiteral("admin"));

    const ProcessResult verify = orbctl(m_url, {QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.err.constData());
}

void TestRoles::adminSetsUp()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const QString admin = as(m_url, QStringLiteral("admin_") + suffix);
    const ProcessResult settings =
        orbctl(admin, {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("default_net_terms"), QStringLiteral("45")});
    QVERIFY2(settings.exitCode == 0, settings.err.constData());
    // An admin without CREATEROLE hands out roles to existing logins, and is told clearly
    // when a login would have to be created.
    QCOMPARE(rawAs(m_url, QStringLiteral("orbadmin"), QStringLiteral("CREATE ROLE \"late_%1\" LOGIN").arg(suffix)), QString());
    const ProcessResult grant =
        orbctl(admin, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("late_") + suffix, QStringLiteral("--role"), QStringLiteral("billing")});
    QVERIFY2(grant.exitCode == 0, grant.err.constData());
    QVERIFY2(grant.out.contains("already had a login"), grant.out.constData());
    const ProcessResult create =
        orbctl(admin, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("new_") + suffix, QStringLiteral("--role"), QStringLiteral("viewer")});
    QCOMPARE(create.exitCode, 4);
    QVERIFY2(create.err.contains("CREATEROLE"), create.err.constData());
    QCOMPARE(usersByName(m_url).value(QStringLiteral("late_") + suffix).toString(), QStringLiteral("billing"));
    QVERIFY(!usersByName(m_url).contains(QStringLiteral("new_") + suffix));
}

void TestRoles::servicesObeyTheRole()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const orb::SystemClock clock;
    auto viewer = orb::CompanyFile::open(as(m_url, QStringLiteral("viewer_") + suffix));
    QCOMPARE(viewer->db().role(), orb::Role::Viewer);
    QCOMPARE(orb::UserService(*viewer, clock).currentRole(), orb::Role::Viewer);
    orb::Customer c;
    c.name = QStringLiteral("Refused Ltd");
    try {
        orb::CustomerService(*viewer, clock).create(c);
        QFAIL("a viewer created a customer");
    } catch (const orb::ServiceError &e) {
        QVERIFY(orb::Roles::isRefusal(e));
        QCOMPARE(e.message(), QStringLiteral("your role (viewer) may not change customers; nothing was changed"));
    }
    QVERIFY(!viewer->db().inTransaction());

    auto billing = orb::CompanyFile::open(as(m_url, QStringLiteral("billing_") + suffix));
    QCOMPARE(billing->db().role(), orb::Role::Billing);
    c.name = QStringLiteral("Allowed Ltd");
    QVERIFY(!orb::CustomerService(*billing, clock).create(c).id.isEmpty());
    // An API key's role narrows the connection's, never widens it.
    {
        const orb::ActingRole ingest(billing->db(), orb::Role::Ingest);
        QCOMPARE(billing->db().role(), orb::Role::Ingest);
        c.name = QStringLiteral("Ingest Ltd");
        QVERIFY_THROWS_EXCEPTION(orb::ServiceError, orb::CustomerService(*billing, clock).create(c));
    }
    {
        const orb::ActingRole admin(billing->db(), orb::Role::Admin);
        QCOMPARE(billing->db().role(), orb::Role::Billing);
    }
    auto admin = orb::CompanyFile::open(m_url);
    QCOMPARE(admin->db().role(), orb::Role::Admin);
}

void TestRoles::rawWritesRefusedByGrants()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const QString viewer = QStringLiteral("viewer_") + suffix;
    const QString billing = QStringLiteral("billing_") + suffix;
    QCOMPARE(rawAs(m_url, viewer, QStringLiteral("SELECT COUNT(*) FROM invoices")), QString());
    for (const QString &sql : {QStringLiteral("UPDATE invoices SET status = 'void'"), QStringLiteral("DELETE FROM payments"),
                               QStringLiteral("INSERT INTO settings (key, value) VALUES ('x', 'y')"), QStringLiteral("UPDATE customers SET name = 'x'")}) {
        const QString error = rawAs(m_url, viewer, sql);
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(sql + QStringLiteral(": ") + error));
    }
    // Billing writes the books, not the setup, and cannot rewrite the audit trail.
    QCOMPARE(rawAs(m_url, billing, QStringLiteral("UPDATE customers SET email = email")), QString());
    for (const QString &sql :
         {QStringLiteral("UPDATE settings SET value = value"), QStringLiteral("UPDATE plans SET name = name"), QStringLiteral("DELETE FROM api_keys"),
          QStringLiteral("UPDATE audit_log SET action = 'x'"), QStringLiteral("DELETE FROM audit_log")}) {
        const QString error = rawAs(m_url, billing, sql);
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(sql + QStringLiteral(": ") + error));
    }
}

void TestRoles::lastAdminStays()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("remove"), QStringLiteral("admin_") + suffix}).exitCode, 0);
    const ProcessResult demote = orbctl(m_url, {QStringLiteral("users"), QStringLiteral("set-role"), QStringLiteral("orbadmin"), QStringLiteral("viewer")});
    QCOMPARE(demote.exitCode, 4);
    QVERIFY2(demote.err.contains("last admin"), demote.err.constData());
    QCOMPARE(orbctl(m_url, {QStringLiteral("users"), QStringLiteral("remove"), QStringLiteral("orbadmin")}).exitCode, 4);
    QCOMPARE(usersByName(m_url).value(QStringLiteral("orbadmin")).toString(), QStringLiteral("admin"));
}

void TestRoles::companyFileHasOneLocalUser()
{
    const ProcessResult list = orbctl(m_file, {QStringLiteral("--json"), QStringLiteral("users"), QStringLiteral("list")});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const QJsonArray data = QJsonDocument::fromJson(list.out).object().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data.first().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    const QByteArray before = orb::test::fileHash(m_file);
    const ProcessResult add =
        orbctl(m_file, {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("viewer")});
    QCOMPARE(add.exitCode, 4);
    QVERIFY2(add.err.contains("a company file has one local user with every role"), add.err.constData());
    QCOMPARE(orb::test::fileHash(m_file), before);
}

void TestRoles::moveNeedsAUserWhoMayCreateRoles()
{
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const QString plain = QStringLiteral("plain_") + suffix;
    const QString db = QStringLiteral("plainbooks_") + suffix;
    QCOMPARE(rawAs(m_url, QStringLiteral("orbadmin"), QStringLiteral("CREATE ROLE \"%1\" LOGIN").arg(plain)), QString());
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("plain-admin"));
        admin.setHostName(orb::test::pgTestSocket());
        admin.setUserName(QStringLiteral("orbadmin"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        QVERIFY(admin.open());
        QSqlQuery q(admin);
        QVERIFY(q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\"").arg(db)));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE \"%1\" OWNER \"%2\"").arg(db, plain)), qPrintable(q.lastError().text()));
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plain-admin"));
    const QString url = QStringLiteral("postgresql://%1@/%2?host=%3").arg(plain, db, orb::test::pgTestSocket());
    const ProcessResult move = orbctl(m_file, {QStringLiteral("company"), QStringLiteral("move-to-server"), url});
    QCOMPARE(move.exitCode, 4);
    QVERIFY2(move.err.contains("createuser --createrole"), move.err.constData());
    // Nothing was moved: the database is as empty as it was.
    const ProcessResult empty = orbctl(url, {QStringLiteral("customers"), QStringLiteral("list")});
    QVERIFY2(empty.err.contains("holds no Orb company"), empty.err.constData());
}

void TestRoles::apiKeysActWithinTheConnectionsRole()
{
    // A billing key on a server where `orbctl serve` runs as a viewer: the request acts as a
    // viewer (403, nothing changed); the same key through the clerk's connection creates.
    const QString suffix = databaseOf(m_url).section(QLatin1Char('_'), -1);
    const orb::SystemClock clock;
    QString secret;
    {
        auto admin = orb::CompanyFile::open(m_url);
        secret = orb::ApiKeyService(*admin, clock).create(QStringLiteral("clerk"), QStringLiteral("billing")).secret;
    }
    const auto post = [&](orb::CompanyFile &company, const QString &name) {
        orb::api::ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/customers");
        r.headers.insert("authorization", "Bearer " + secret.toUtf8());
        r.headers.insert("content-type", "application/json");
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("email"), QStringLiteral("a@example.com")}}).toJson();
        return orb::api::ApiHandler(company, clock).handle(r);
    };
    auto viewer = orb::CompanyFile::open(as(m_url, QStringLiteral("viewer_") + suffix));
    const orb::api::ApiResponse refused = post(*viewer, QStringLiteral("API Viewer Co"));
    QCOMPARE(refused.status, 403);
    QVERIFY2(refused.body.contains("your role (viewer) may not change customers"), refused.body.constData());
    auto billing = orb::CompanyFile::open(as(m_url, QStringLiteral("billing_") + suffix));
    const orb::api::ApiResponse created = post(*billing, QStringLiteral("API Billing Co"));
    QVERIFY2(created.status == 200 || created.status == 201, created.body.constData());
    const QByteArray list = orbctl(m_url, {QStringLiteral("customers"), QStringLiteral("list")}).out;
    QVERIFY(list.contains("API Billing Co"));
    QVERIFY(!list.contains("API Viewer Co"));
}

QTEST_GUILESS_MAIN(TestRoles)
#include "pg_roles.moc"
