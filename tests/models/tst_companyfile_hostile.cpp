// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile company files: each is refused on open (and by verify(), which restore uses), named
// object by object, and left byte-identical with no file added beside it.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/DemoCompany.h"
#include "models/RowSeals.h"
#include "models/SchemaCheck.h"
#include "models/StorageError.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace orb;
using orb::test::fileHash;
using orb::test::rawSql;

namespace {

// The tables whose rows carry audited objects (or parts of them): a trigger on any of them
// could rewrite what Orb stores.
const QStringList kAuditedTables = {
    QStringLiteral("company"),       QStringLiteral("settings"),         QStringLiteral("customers"),       QStringLiteral("invoices"),
    QStringLiteral("invoice_lines"), QStringLiteral("payments"),         QStringLiteral("credit_notes"),    QStringLiteral("credit_note_lines"),
    QStringLiteral("subscriptions"), QStringLiteral("coupons"),          QStringLiteral("tax_rates"),       QStringLiteral("plans"),
    QStringLiteral("items"),         QStringLiteral("billable_metrics"), QStringLiteral("balance_entries"), QStringLiteral("plan_version_prices"),
    QStringLiteral("audit_log"),     QStringLiteral("row_seals"),        QStringLiteral("orb_meta"),        QStringLiteral("sync_outbox"),
};

} // namespace

class TestCompanyFileHostile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refusesHostileFile_data();
    void refusesHostileFile();
    void inspectionListsObjectsAndRunsNothing();
    void schemaDerivedFromMigrations();
    void defensiveModeRefusesSchemaWrites();
    void untrustedSchemaBlocksUnsafeFunctions();
    void attackFromTheIssueIsRefused();

private:
    QString freshCopy(const QString &name);
    QTemporaryDir m_dir;
    QString m_base;
};

void TestCompanyFileHostile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath(QStringLiteral("base.orb"));
    const FixedClock clock(QDateTime(QDate(2026, 3, 15), QTime(10, 0), Qt::UTC));
    DemoCompany::create(m_base, clock);
    QVERIFY(!QFile::exists(m_base + QStringLiteral("-wal")));
}

QString TestCompanyFileHostile::freshCopy(const QString &name)
{
    const QString p = m_dir.filePath(name + QStringLiteral(".orb"));
    QFile::remove(p);
    if (!QFile::copy(m_base, p))
        return {};
    QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return p;
}

void TestCompanyFileHostile::refusesHostileFile_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("named"); // what the message must name

    const int foreign = int(CompanyFileError::Kind::ForeignSchema);
    QTest::newRow("unknown trigger") << QStringList{QStringLiteral(
        "CREATE TRIGGER customers_fix AFTER INSERT ON customers BEGIN UPDATE customers SET email = 'attacker@evil.example' WHERE id = NEW.id; END")}
                                     << foreign << QStringLiteral("trigger \"customers_fix\" on customers");
    QTest::newRow("unknown view") << QStringList{QStringLiteral("CREATE VIEW open_invoices AS SELECT * FROM invoices")} << foreign
                                  << QStringLiteral("view \"open_invoices\"");
    QTest::newRow("unknown table") << QStringList{QStringLiteral("CREATE TABLE notes (t TEXT)")} << foreign << QStringLiteral("table \"notes\"");
    QTest::newRow("unknown index") << QStringList{QStringLiteral("CREATE INDEX customers_by_email ON customers (email)")} << foreign
                                   << QStringLiteral("index \"customers_by_email\" on customers");
    QTest::newRow("virtual table") << QStringList{QStringLiteral("CREATE VIRTUAL TABLE search USING fts5(body)")} << foreign
                                   << QStringLiteral("table \"search\"");
    QTest::newRow("altered index") << QStringList{QStringLiteral("DROP INDEX customers_by_name"),
                                                  QStringLiteral("CREATE INDEX customers_by_name ON customers (name_key)")}
                                   << foreign << QStringLiteral("index \"customers_by_name\" on customers was altered");
    QTest::newRow("missing index") << QStringList{QStringLiteral("DROP INDEX customers_by_created")} << foreign
                                   << QStringLiteral("index \"customers_by_created\" on customers is missing");
    QTest::newRow("missing orb trigger") << QStringList{QStringLiteral("DROP TRIGGER invoices_minor_after_insert")} << foreign
                                         << QStringLiteral("trigger \"invoices_minor_after_insert\" on invoices is missing");
    QTest::newRow("writable_schema: altered table default")
        << QStringList{QStringLiteral("PRAGMA writable_schema = ON"),
                       QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, 'email TEXT,', 'email TEXT DEFAULT (''attacker@evil.example''),') "
                                      "WHERE name = 'customers'"),
                       QStringLiteral("PRAGMA writable_schema = OFF")}
        << foreign << QStringLiteral("table \"customers\" was altered");
    QTest::newRow("writable_schema: trigger written into sqlite_schema")
        << QStringList{QStringLiteral("PRAGMA writable_schema = ON"),
                       QStringLiteral("INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'pay_to', 'company', 0, "
                                      "'CREATE TRIGGER pay_to AFTER UPDATE ON company BEGIN UPDATE company SET tax_id = ''X''; END')"),
                       QStringLiteral("PRAGMA writable_schema = OFF")}
        << foreign << QStringLiteral("trigger \"pay_to\" on company");
    QTest::newRow("writable_schema: orb trigger rewritten")
        << QStringList{QStringLiteral("PRAGMA writable_schema = ON"),
                       QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, 'total_minor', 'remaining_minor') "
                                      "WHERE name = 'invoices_minor_after_insert'"),
                       QStringLiteral("PRAGMA writable_schema = OFF")}
        << foreign << QStringLiteral("trigger \"invoices_minor_after_insert\" on invoices was altered");
    QTest::newRow("writable_schema: index renamed in the schema")
        << QStringList{QStringLiteral("PRAGMA writable_schema = ON"),
                       QStringLiteral("UPDATE sqlite_schema SET name = 'x_by_name', sql = replace(sql, 'customers_by_name', 'x_by_name') "
                                      "WHERE name = 'customers_by_name'"),
                       QStringLiteral("PRAGMA writable_schema = OFF")}
        << foreign << QStringLiteral("index \"x_by_name\" on customers");
    QTest::newRow("newer user_version") << QStringList{QStringLiteral("PRAGMA user_version = 999")} << int(CompanyFileError::Kind::TooNew)
                                        << QStringLiteral("newer Orb");
    QTest::newRow("header lies: an older version") << QStringList{QStringLiteral("PRAGMA user_version = 5")} << foreign << QStringLiteral("table \"invoices\"");
    QTest::newRow("header lies: version 1 over every table")
        << QStringList{QStringLiteral("PRAGMA user_version = 1")} << foreign << QStringLiteral("table \"audit_log\"");
    QTest::newRow("header lies: not yet sealed") << QStringList{QStringLiteral("PRAGMA user_version = 9")} << foreign << QStringLiteral("table \"row_seals\"");
    for (const QString &table : kAuditedTables) {
        const QString trigger = QStringLiteral("t_%1").arg(table);
        QTest::newRow(qPrintable(QStringLiteral("a trigger on %1").arg(table)))
            << QStringList{QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE ON %2 BEGIN SELECT 1; END").arg(trigger, table)} << foreign
            << QStringLiteral("trigger \"%1\" on %2").arg(trigger, table);
    }
}

void TestCompanyFileHostile::refusesHostileFile()
{
    QFETCH(QStringList, sql);
    QFETCH(int, kind);
    QFETCH(QString, named);
    const QString path = freshCopy(QStringLiteral("hostile"));
    QVERIFY(!path.isEmpty());
    const QString editError = rawSql(path, sql);
    QVERIFY2(editError.isEmpty(), qPrintable(editError));
    const QStringList before = QDir(m_dir.path()).entryList(QDir::Files);
    const QByteArray hash = fileHash(path);

    // Every way in: open, read-only, the check before a restore.
    const std::function<void()> ways[] = {[&] { CompanyFile::open(path); }, [&] { CompanyFile::openReadOnly(path); }, [&] { CompanyFile::verify(path); }};
    for (const auto &way : ways) {
        try {
            way();
            QFAIL("a hostile file was opened");
        } catch (const CompanyFileError &e) {
            QCOMPARE(int(e.kind()), kind);
            QVERIFY2(e.message().contains(named), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("untouched")) || kind == int(CompanyFileError::Kind::TooNew), qPrintable(e.message()));
            if (kind == int(CompanyFileError::Kind::ForeignSchema))
                QVERIFY(!e.objects().isEmpty());
        }
        QCOMPARE(fileHash(path), hash);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), before);
    }
    QCOMPARE(Database::openConnections(path), 0);
}

void TestCompanyFileHostile::inspectionListsObjectsAndRunsNothing()
{
    const QString path = freshCopy(QStringLiteral("inspect"));
    QVERIFY(rawSql(path, {QStringLiteral("CREATE TRIGGER customers_fix AFTER UPDATE ON customers BEGIN UPDATE customers SET email = 'x@evil.example'; END"),
                          QStringLiteral("CREATE VIEW v AS SELECT name FROM customers")})
                .isEmpty());
    const QByteArray hash = fileHash(path);
    {
        auto file = CompanyFile::openForInspection(path);
        QVERIFY(file->isReadOnly());
        QVERIFY(file->isInspection());
        QCOMPARE(file->schemaProblems().size(), 2);
        QVERIFY(file->schemaProblems().join(QLatin1Char('\n')).contains(QStringLiteral("customers_fix")));
        QVERIFY(file->schemaProblems().join(QLatin1Char('\n')).contains(QStringLiteral("view \"v\"")));
        QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM customers")).toInt(), 12);
        // Nothing can be written through it, so its trigger never fires.
        QVERIFY_THROWS_EXCEPTION(ServiceError, file->db().exec(QStringLiteral("UPDATE customers SET name = name")));
    }
    QCOMPARE(fileHash(path), hash);
    // A clean file opened for inspection has nothing to list.
    auto clean = CompanyFile::openForInspection(freshCopy(QStringLiteral("clean")));
    QVERIFY(clean->schemaProblems().isEmpty());
}

void TestCompanyFileHostile::schemaDerivedFromMigrations()
{
    // Every version's expected schema comes from running that many migrations; the last one
    // is exactly what a new file holds.
    auto file = CompanyFile::open(freshCopy(QStringLiteral("derived")));
    QCOMPARE(SchemaCheck::check(file->db(), CompanyFile::latestSchemaVersion()), QStringList());
    const auto latest = SchemaCheck::expected(CompanyFile::latestSchemaVersion());
    const auto first = SchemaCheck::expected(1);
    QVERIFY(first.size() < latest.size());
    QVERIFY(std::any_of(latest.begin(), latest.end(), [](const SchemaObject &o) { return o.name == QLatin1String("row_seals"); }));
    QVERIFY(std::none_of(first.begin(), first.end(), [](const SchemaObject &o) { return o.name == QLatin1String("invoices"); }));
}

void TestCompanyFileHostile::defensiveModeRefusesSchemaWrites()
{
    const QString path = freshCopy(QStringLiteral("defensive"));
    const QByteArray schemaBefore = [&] {
        auto f = CompanyFile::open(path);
        return f->db().scalar(QStringLiteral("SELECT group_concat(sql, ';') FROM sqlite_schema")).toString().toUtf8();
    }();
    {
        auto file = CompanyFile::open(path);
        Database &db = file->db();
        // PRAGMA writable_schema may be set, but defensive mode keeps the schema read-only.
        db.exec(QStringLiteral("PRAGMA writable_schema = ON"));
        QVERIFY_THROWS_EXCEPTION(ServiceError, db.exec(QStringLiteral("UPDATE sqlite_schema SET sql = sql || ' ' WHERE name = 'customers'")));
        QVERIFY_THROWS_EXCEPTION(
            ServiceError, db.exec(QStringLiteral("INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) "
                                                 "VALUES ('trigger', 'x', 'customers', 0, 'CREATE TRIGGER x AFTER INSERT ON customers BEGIN SELECT 1; END')")));
        QVERIFY_THROWS_EXCEPTION(ServiceError, db.exec(QStringLiteral("DELETE FROM sqlite_schema WHERE name = 'customers_by_name'")));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA trusted_schema")).toInt(), 0);
        // The same on a worker's connection.
        auto worker = file->openConnection();
        worker->exec(QStringLiteral("PRAGMA writable_schema = ON"));
        QVERIFY_THROWS_EXCEPTION(ServiceError, worker->exec(QStringLiteral("UPDATE sqlite_schema SET sql = sql || ' ' WHERE name = 'customers'")));
        QCOMPARE(worker->scalar(QStringLiteral("PRAGMA trusted_schema")).toInt(), 0);
    }
    auto again = CompanyFile::open(path);
    QCOMPARE(again->db().scalar(QStringLiteral("SELECT group_concat(sql, ';') FROM sqlite_schema")).toString().toUtf8(), schemaBefore);
}

void TestCompanyFileHostile::untrustedSchemaBlocksUnsafeFunctions()
{
    // A view that would load code: refused on open; and even opened for inspection, the
    // untrusted schema refuses to run load_extension() from it.
    const QString path = freshCopy(QStringLiteral("unsafe"));
    QVERIFY(rawSql(path, {QStringLiteral("CREATE VIEW payload AS SELECT load_extension('/nonexistent/payload.so') AS x")}).isEmpty());
    QVERIFY_THROWS_EXCEPTION(CompanyFileError, CompanyFile::open(path));
    auto file = CompanyFile::openForInspection(path);
    try {
        file->db().exec(QStringLiteral("SELECT x FROM payload"));
        QFAIL("an unsafe function ran from the file's schema");
    } catch (const ServiceError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("unsafe use of load_extension")), qPrintable(e.message()));
    }
}

void TestCompanyFileHostile::attackFromTheIssueIsRefused()
{
    const QString path = freshCopy(QStringLiteral("attack"));
    QVERIFY(rawSql(path, {QStringLiteral("CREATE TRIGGER customers_fix AFTER INSERT ON customers BEGIN UPDATE customers SET email = "
                                         "'attacker@evil.example' WHERE id = NEW.id; END")})
                .isEmpty());
    try {
        CompanyFile::open(path);
        QFAIL("the attack was accepted");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::ForeignSchema);
        QCOMPARE(e.objects(), QStringList{QStringLiteral("an unknown trigger \"customers_fix\" on customers (not created by Orb)")});
        QVERIFY(e.message().contains(QStringLiteral("was changed outside Orb")));
        QVERIFY(e.message().contains(QStringLiteral("restore the company from a backup")));
    }
}

QTEST_GUILESS_MAIN(TestCompanyFileHostile)
#include "tst_companyfile_hostile.moc"
