// SPDX-License-Identifier: GPL-3.0-or-later
// The statement cache on a company server: Database::exec keeps the server-side prepared
// statements of a connection and runs them again. They must survive what a session goes
// through (a rolled-back transaction, a failed statement, a table changing shape, a new
// connection) and never pile up on the server.
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "tests/support/PgTestDatabase.h"

#include <QSqlRecord>
#include <QtTest>

using namespace orb;

class TestStatementCacheServer : public QObject
{
    Q_OBJECT

private:
    static int prepared(const Database &db)
    {
        QSqlQuery q = db.execNative(QStringLiteral("SELECT count(*) FROM pg_prepared_statements"));
        return q.next() ? q.value(0).toInt() : -1;
    }

private slots:
    void keptAndReused()
    {
        Database db;
        db.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("cache_reuse"))), Database::Mode::ReadWrite);
        db.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)"));
        const QString insert = QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)");
        db.exec(insert, {1, QStringLiteral("one")});
        const int before = prepared(db);
        for (int i = 2; i <= 30; ++i)
            db.exec(insert, {i, QStringLiteral("n%1").arg(i)});
        for (int i = 1; i <= 30; ++i)
            QCOMPARE(db.scalar(QStringLiteral("SELECT id FROM t WHERE name = ?"), {i == 1 ? QStringLiteral("one") : QStringLiteral("n%1").arg(i)}).toInt(), i);
        // One prepared statement for the insert and one for the select, not sixty.
        QCOMPARE(prepared(db), before + 1);
    }

    void survivesRollbackAndFailure()
    {
        Database db;
        db.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("cache_rollback"))), Database::Mode::ReadWrite);
        db.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)"));
        const QString insert = QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)");
        // Prepared inside a transaction that is rolled back: still there afterwards.
        db.begin();
        db.exec(insert, {1, QStringLiteral("undone")});
        db.rollback();
        db.exec(insert, {1, QStringLiteral("one")});
        // A statement that fails aborts its transaction; after the rollback the same text runs.
        db.begin();
        QVERIFY_THROWS_EXCEPTION(ServiceError, db.exec(insert, {2, QStringLiteral("one")}));
        db.rollback();
        db.begin();
        db.exec(insert, {2, QStringLiteral("two")});
        db.commit();
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM t")).toInt(), 2);
        QCOMPARE(db.scalar(QStringLiteral("SELECT name FROM t WHERE id = ?"), {2}).toString(), QStringLiteral("two"));
    }

    void followsSchemaChanges()
    {
        Database db;
        db.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("cache_schema"))), Database::Mode::ReadWrite);
        db.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT)"));
        db.exec(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), {1, QStringLiteral("one")});
        const QString all = QStringLiteral("SELECT * FROM t WHERE id = ?");
        {
            QSqlQuery q = db.exec(all, {1});
            QVERIFY(q.next());
            QCOMPARE(q.record().count(), 2);
            QVERIFY(!q.next());
        }
        // A kept plan of the old shape would be refused ("cached plan must not change result type").
        db.exec(QStringLiteral("ALTER TABLE t ADD COLUMN note TEXT"));
        QSqlQuery q = db.exec(all, {1});
        QVERIFY(q.next());
        QCOMPARE(q.record().count(), 3);
    }

    void halfReadResultsAndNesting()
    {
        Database db;
        db.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("cache_stream"))), Database::Mode::ReadWrite);
        db.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY)"));
        db.exec(QStringLiteral("INSERT INTO t (id) SELECT generate_series(1, 500)"));
        const QString some = QStringLiteral("SELECT id FROM t WHERE id <= ? ORDER BY id");
        for (int round = 0; round < 3; ++round) {
            QSqlQuery q = db.exec(some, {400});
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        } // each left half-read: the rest is discarded, the next run starts afresh
        int n = 0;
        QSqlQuery q = db.exec(some, {3});
        while (q.next()) {
            ++n;
            QCOMPARE(q.value(0).toInt(), n);
        }
        QCOMPARE(n, 3);
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM t WHERE id <= ?"), {400}).toInt(), 400);
    }

    void newConnectionPreparesAnew()
    {
        const QString url = test::pgTestDatabase(QStringLiteral("cache_reopen"));
        Database db;
        db.openServer(CompanyLocation::parse(url), Database::Mode::ReadWrite);
        db.exec(QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY)"));
        db.exec(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {1});
        db.close();
        db.openServer(CompanyLocation::parse(url), Database::Mode::ReadWrite);
        QCOMPARE(prepared(db), 0);
        db.exec(QStringLiteral("INSERT INTO t (id) VALUES (?)"), {2});
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM t WHERE id > ?"), {0}).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStatementCacheServer)
#include "tst_statementcache_server.moc"
