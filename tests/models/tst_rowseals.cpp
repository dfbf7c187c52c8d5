// SPDX-License-Identifier: GPL-3.0-or-later
// Out-of-band edits: rows changed, added or deleted around Orb (raw SQL, as with the sqlite3
// shell) are found by RowSeals::verify() and named; everything Orb writes itself checks out.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/Database.h"
#include "models/DemoCompany.h"
#include "models/RowSeals.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "tests/support/CompanyFixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace orb;
using orb::test::rawSql;
using orb::test::rawValue;

class TestRowSeals : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void orbsOwnWritesCheckOut();
    void outOfBandEditFound_data();
    void outOfBandEditFound();
    void deletedRowFoundInEveryTable_data();
    void deletedRowFoundInEveryTable();
    void writeOutsideTransactionIsSealed();
    void rolledBackWriteLeavesSealsAlone();
    void upgradeSealsExistingRows();
    void rawHandleWritesSealedByClose();
    void sealsFollowSchemaChanges();

private:
    QString freshCopy(const QString &name);
    QTemporaryDir m_dir;
    QString m_base;
};

void TestRowSeals::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath(QStringLiteral("base.orb"));
    const FixedClock clock(QDateTime(QDate(2026, 3, 15), QTime(10, 0), Qt::UTC));
    DemoCompany::create(m_base, clock);
}

QString TestRowSeals::freshCopy(const QString &name)
{
    const QString p = m_dir.filePath(name + QStringLiteral(".orb"));
    QFile::remove(p);
    QFile::copy(m_base, p);
    QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return p;
}

void TestRowSeals::orbsOwnWritesCheckOut()
{
    // The demo company is built through Orb's services: customers, catalog, subscriptions,
    // invoice runs, issued and paid invoices, a credit note, ledgers, the outbox.
    auto file = CompanyFile::open(freshCopy(QStringLiteral("own")));
    const SealReport r = RowSeals::verify(file->db());
    QVERIFY(r.sealed);
    QVERIFY2(r.ok(), qPrintable(r.findings.isEmpty() ? QString() : r.findings.first().describe()));
    QVERIFY(r.rows > 250);
    QVERIFY(r.tables >= 25);
    QVERIFY(AuditLog(file->db()).verify().ok);
}

void TestRowSeals::outOfBandEditFound_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("keySql"); // the id the finding must name

    const auto first = [](const QString &table, const QString &where = QString()) {
        return QStringLiteral("(SELECT min(rowid) FROM %1 %2)").arg(table, where);
    };
    QTest::newRow("customer e-mail")
        << QStringLiteral("UPDATE customers SET email = 'attacker@evil.example' WHERE rowid = %1").arg(first(QStringLiteral("customers")))
        << QStringLiteral("customers") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM customers ORDER BY rowid LIMIT 1");
    QTest::newRow("company bank details") << QStringLiteral("UPDATE company SET tax_id = 'DE000', address_line1 = 'Elsewhere 1'") << QStringLiteral("company")
                                          << QStringLiteral("changed") << QStringLiteral("SELECT '1'");
    QTest::newRow("issued invoice total") << QStringLiteral("UPDATE invoices SET total = '0.00' WHERE rowid = %1")
                                                 .arg(first(QStringLiteral("invoices"), QStringLiteral("WHERE status <> 'draft'")))
                                          << QStringLiteral("invoices") << QStringLiteral("changed")
                                          << QStringLiteral("SELECT id FROM invoices WHERE status <> 'draft' ORDER BY rowid LIMIT 1");
    // The edit must not change which row the key query finds (a text replace could).
    QTest::newRow("issued invoice document")
        << QStringLiteral("UPDATE invoices SET document = json_set(document, '$.memo', 'Pay to IBAN XX00 0000') WHERE rowid = %1")
               .arg(first(QStringLiteral("invoices"), QStringLiteral("WHERE document IS NOT NULL AND status <> 'draft'")))
        << QStringLiteral("invoices") << QStringLiteral("changed")
        << QStringLiteral("SELECT id FROM invoices WHERE document IS NOT NULL AND status <> 'draft' ORDER BY rowid LIMIT 1");
    QTest::newRow("invoice line amount")
        << QStringLiteral("UPDATE invoice_lines SET amount = '1.00' WHERE rowid = %1").arg(first(QStringLiteral("invoice_lines")))
        << QStringLiteral("invoice_lines") << QStringLiteral("changed")
        << QStringLiteral("SELECT invoice_id || '/' || position FROM invoice_lines ORDER BY rowid LIMIT 1");
    QTest::newRow("credit note total") << QStringLiteral("UPDATE credit_notes SET total = '999.00'") << QStringLiteral("credit_notes")
                                       << QStringLiteral("changed") << QStringLiteral("SELECT id FROM credit_notes");
    QTest::newRow("credit note line") << QStringLiteral("UPDATE credit_note_lines SET amount = '999.00'") << QStringLiteral("credit_note_lines")
                                      << QStringLiteral("changed")
                                      << QStringLiteral("SELECT credit_note_id || '/' || invoice_line_position FROM credit_note_lines");
    QTest::newRow("payment") << QStringLiteral("UPDATE payments SET amount = '1.00' WHERE rowid = %1").arg(first(QStringLiteral("payments")))
                             << QStringLiteral("payments") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM payments ORDER BY rowid LIMIT 1");
    QTest::newRow("subscription")
        << QStringLiteral("UPDATE subscriptions SET end_date = '2026-01-01' WHERE rowid = %1").arg(first(QStringLiteral("subscriptions")))
        << QStringLiteral("subscriptions") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM subscriptions ORDER BY rowid LIMIT 1");
    QTest::newRow("coupon") << QStringLiteral("UPDATE coupons SET value = '100' WHERE rowid = %1").arg(first(QStringLiteral("coupons")))
                            << QStringLiteral("coupons") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM coupons ORDER BY rowid LIMIT 1");
    QTest::newRow("tax rate") << QStringLiteral("UPDATE tax_rates SET percentage = '0' WHERE rowid = %1").arg(first(QStringLiteral("tax_rates")))
                              << QStringLiteral("tax_rates") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM tax_rates ORDER BY rowid LIMIT 1");
    QTest::newRow("plan") << QStringLiteral("UPDATE plans SET name = 'Free' WHERE rowid = %1").arg(first(QStringLiteral("plans"))) << QStringLiteral("plans")
                          << QStringLiteral("changed") << QStringLiteral("SELECT id FROM plans ORDER BY rowid LIMIT 1");
    QTest::newRow("price")
        << QStringLiteral("UPDATE plan_version_prices SET definition = '{}' WHERE rowid = %1").arg(first(QStringLiteral("plan_version_prices")))
        << QStringLiteral("plan_version_prices") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM plan_version_prices ORDER BY rowid LIMIT 1");
    QTest::newRow("item") << QStringLiteral("UPDATE items SET name = 'x' WHERE rowid = %1").arg(first(QStringLiteral("items"))) << QStringLiteral("items")
                          << QStringLiteral("changed") << QStringLiteral("SELECT id FROM items ORDER BY rowid LIMIT 1");
    QTest::newRow("metric") << QStringLiteral("UPDATE billable_metrics SET event_name = 'x' WHERE rowid = %1").arg(first(QStringLiteral("billable_metrics")))
                            << QStringLiteral("billable_metrics") << QStringLiteral("changed")
                            << QStringLiteral("SELECT id FROM billable_metrics ORDER BY rowid LIMIT 1");
    QTest::newRow("balance entry")
        << QStringLiteral("UPDATE balance_entries SET amount = '-500.00' WHERE rowid = %1").arg(first(QStringLiteral("balance_entries")))
        << QStringLiteral("balance_entries") << QStringLiteral("changed") << QStringLiteral("SELECT id FROM balance_entries ORDER BY rowid LIMIT 1");
    QTest::newRow("credit block") << QStringLiteral("UPDATE credit_blocks SET amount = '5000'") << QStringLiteral("credit_blocks") << QStringLiteral("changed")
                                  << QStringLiteral("SELECT id FROM credit_blocks");
    QTest::newRow("setting added") << QStringLiteral("INSERT INTO settings (key, value) VALUES ('stripe.api_base', 'https://evil.example')")
                                   << QStringLiteral("settings") << QStringLiteral("added") << QStringLiteral("SELECT 'stripe.api_base'");
    QTest::newRow("customer added") << QStringLiteral(
        "INSERT INTO customers (id, name, name_key, currency, timezone, net_terms, balance, created_at, updated_at) "
        "VALUES ('cus_ghost', 'Ghost', 'ghost', 'EUR', 'UTC', 0, '0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
                                    << QStringLiteral("customers") << QStringLiteral("added") << QStringLiteral("SELECT 'cus_ghost'");
    QTest::newRow("outbox item added") << QStringLiteral(
        "INSERT INTO sync_outbox (object_type, object_id, action, created_at, state, attempts, generation, idempotency_base, progress) "
        "SELECT object_type, object_id, action, created_at, state, attempts, generation, idempotency_base || 'x', progress FROM sync_outbox LIMIT 1")
                                       << QStringLiteral("sync_outbox") << QStringLiteral("added") << QStringLiteral("SELECT max(id) FROM sync_outbox");
    QTest::newRow("audit head moved") << QStringLiteral("UPDATE orb_meta SET value = 'x' WHERE key = 'audit_head'") << QStringLiteral("orb_meta")
                                      << QStringLiteral("changed") << QStringLiteral("SELECT 'audit_head'");
}

void TestRowSeals::outOfBandEditFound()
{
    QFETCH(QString, sql);
    QFETCH(QString, table);
    QFETCH(QString, change);
    QFETCH(QString, keySql);
    const QString path = freshCopy(QStringLiteral("edited"));
    const QString error = rawSql(path, {sql});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString key = rawValue(path, keySql);
    QVERIFY(!key.isEmpty());
    auto file = CompanyFile::open(path); // data edits leave the schema Orb's: it opens
    const SealReport r = RowSeals::verify(file->db());
    QVERIFY(!r.ok());
    const auto found =
        std::find_if(r.findings.begin(), r.findings.end(), [&](const SealFinding &f) { return f.table == table && f.changeName() == change && f.key == key; });
    QVERIFY2(found != r.findings.end(), qPrintable(r.findings.isEmpty() ? QStringLiteral("nothing found") : r.findings.first().describe()));
    QVERIFY(found->describe().contains(QStringLiteral("outside Orb")));
}

void TestRowSeals::deletedRowFoundInEveryTable_data()
{
    QTest::addColumn<QString>("table");
    auto file = CompanyFile::open(m_base);
    for (const QString &t : RowSeals::sealedTables(file->db().sqliteHandle()))
        if (file->db().scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t)).toInt() > 0)
            QTest::newRow(qPrintable(t)) << t;
}

void TestRowSeals::deletedRowFoundInEveryTable()
{
    QFETCH(QString, table);
    const QString path = freshCopy(QStringLiteral("deleted"));
    const QString rowid = rawValue(path, QStringLiteral("SELECT max(rowid) FROM \"%1\"").arg(table));
    QVERIFY(rawSql(path, {QStringLiteral("DELETE FROM \"%1\" WHERE rowid = %2").arg(table, rowid)}).isEmpty());
    std::unique_ptr<CompanyFile> file;
    try {
        file = CompanyFile::open(path);
    } catch (const CompanyFileError &e) {
        // Deleting Orb's own file record is refused on open already.
        QCOMPARE(table, QStringLiteral("orb_meta"));
        return;
    }
    const SealReport r = RowSeals::verify(file->db());
    QCOMPARE(r.problems, 1);
    QCOMPARE(r.findings.first().table, table);
    QCOMPARE(r.findings.first().change, SealFinding::Change::Deleted);
    QCOMPARE(r.findings.first().row, rowid.toLongLong());
}

void TestRowSeals::writeOutsideTransactionIsSealed()
{
    auto file = CompanyFile::open(freshCopy(QStringLiteral("autocommit")));
    file->db().exec(QStringLiteral("UPDATE customers SET name = name || ' GmbH' WHERE rowid = (SELECT min(rowid) FROM customers)"));
    file->setSetting(QStringLiteral("backup.keep"), QStringLiteral("3"));
    QVERIFY(RowSeals::verify(file->db()).ok());
}

void TestRowSeals::rolledBackWriteLeavesSealsAlone()
{
    auto file = CompanyFile::open(freshCopy(QStringLiteral("rollback")));
    {
        UnitOfWork uow(file->db());
        file->db().exec(QStringLiteral("UPDATE payments SET memo = 'rolled back'"));
        // not committed
    }
    {
        UnitOfWork uow(file->db());
        file->db().exec(QStringLiteral("UPDATE items SET name = 'renamed' WHERE rowid = (SELECT min(rowid) FROM items)"));
        {
            UnitOfWork inner(file->db());
            file->db().exec(QStringLiteral("UPDATE coupons SET value = '100'"));
        } // the savepoint rolls back
        uow.commit();
    }
    QVERIFY(RowSeals::verify(file->db()).ok());
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM coupons WHERE value = '100'")).toInt(), 0);
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM payments WHERE memo = 'rolled back'")).toInt(), 0);
}

void TestRowSeals::upgradeSealsExistingRows()
{
    // A file of the schema before seals: its rows are sealed as the upgrade finds them.
    const QString path = freshCopy(QStringLiteral("old"));
    // The objects of later migrations go too, so that the file is exactly the schema before seals.
    QCOMPARE(test::rollBackSchema(path, RowSeals::SchemaVersion - 1), QString());
    auto file = CompanyFile::open(path);
    QCOMPARE(file->schemaVersion(), CompanyFile::latestSchemaVersion());
    const SealReport r = RowSeals::verify(file->db());
    QVERIFY(r.sealed);
    QVERIFY(r.ok());
    QVERIFY(r.rows > 250);
}

void TestRowSeals::rawHandleWritesSealedByClose()
{
    // Bulk paths write through the raw handle with their own BEGIN and COMMIT; the connection
    // still notes the rows and seals them when it closes.
    const QString path = freshCopy(QStringLiteral("raw"));
    {
        auto file = CompanyFile::open(path);
        sqlite3 *h = file->db().sqliteHandle();
        QCOMPARE(sqlite3_exec(h, "BEGIN; UPDATE items SET name = name || ' (bulk)'; COMMIT;", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    auto file = CompanyFile::open(path);
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT count(*) FROM items WHERE name LIKE '% (bulk)'")).toInt(),
             file->db().scalar(QStringLiteral("SELECT count(*) FROM items")).toInt());
    QVERIFY(RowSeals::verify(file->db()).ok());
}

void TestRowSeals::sealsFollowSchemaChanges()
{
    // A connection keeps what its seals know of the tables between commits; a table added, a
    // column added and a table rebuilt with its key elsewhere are each followed, so every row
    // written afterwards is sealed and checks out.
    auto file = CompanyFile::open(freshCopy(QStringLiteral("schema")));
    Database &db = file->db();
    file->setSetting(QStringLiteral("backup.keep"), QStringLiteral("3")); // seals warm
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("CREATE TABLE extra_notes (body TEXT, id TEXT PRIMARY KEY)"));
        uow.commit();
    }
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("INSERT INTO extra_notes (body, id) VALUES (?, ?)"), {QStringLiteral("one"), QStringLiteral("n1")});
        db.exec(QStringLiteral("UPDATE customers SET name = name || ' AG' WHERE rowid = (SELECT min(rowid) FROM customers)"));
        uow.commit();
    }
    QVERIFY(RowSeals::verify(db).ok());
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("ALTER TABLE extra_notes ADD COLUMN more TEXT"));
        uow.commit();
    }
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("INSERT INTO extra_notes (body, id, more) VALUES (?, ?, ?)"),
                {QStringLiteral("two"), QStringLiteral("n2"), QStringLiteral("x")});
        db.exec(QStringLiteral("UPDATE extra_notes SET more = 'y' WHERE id = 'n1'"));
        uow.commit();
    }
    const SealReport report = RowSeals::verify(db);
    QVERIFY2(report.ok(), report.findings.isEmpty() ? "" : qPrintable(report.findings.first().describe()));
    // A rebuilt table whose key moved: findings name the row by its new key column.
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("DELETE FROM extra_notes")); // their seals go with them
        db.exec(QStringLiteral("DROP TABLE extra_notes"));
        db.exec(QStringLiteral("CREATE TABLE extra_notes (id TEXT PRIMARY KEY, body TEXT)"));
        uow.commit();
    }
    {
        UnitOfWork uow(db);
        db.exec(QStringLiteral("INSERT INTO extra_notes (id, body) VALUES (?, ?)"), {QStringLiteral("n3"), QStringLiteral("three")});
        uow.commit();
    }
    QVERIFY(RowSeals::verify(db).ok());
    rawSql(file->path(), {QStringLiteral("UPDATE extra_notes SET body = 'changed'")});
    const SealReport changed = RowSeals::verify(db);
    QCOMPARE(changed.problems, qint64(1));
    QCOMPARE(changed.findings.first().key, QStringLiteral("n3"));
}

QTEST_GUILESS_MAIN(TestRowSeals)
#include "tst_rowseals.moc"
