// SPDX-License-Identifier: GPL-3.0-or-later
// Database::exec keeps each statement prepared per connection and text and runs it again
// with new binds. What that must never change: the results, the role check, the seals, the
// file left for others (no statement still active, holding a read of the file), the bound on
// how many are kept, and a statement read in a loop that runs the same text inside it.
#include "models/Database.h"
#include "models/RowSeals.h"
#include "models/StorageError.h"
#include "models/storage/Roles.h"

#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace orb;

namespace {

/// The statements the connection holds now, and how many of them are active (stepped, not
/// reset: such a statement keeps a read transaction open on the file).
struct Statements {
    int all = 0;
    int active = 0;
};

Statements statementsOf(const Database &db)
{
    Statements s;
    sqlite3 *h = db.sqliteHandle();
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, nullptr); st; st = sqlite3_next_stmt(h, st)) {
        ++s.all;
        if (sqlite3_stmt_busy(st))
            ++s.active;
    }
    return s;
}

} // namespace

class TestStatementCache : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("cache-%1.orb").arg(++m_count));
        m_db = std::make_unique<Database>();
        m_db->open(m_path, Database::Mode::ReadWrite);
        m_db->exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        m_db->exec(QStringLiteral("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER)"));
        m_db->begin();
        for (int i = 1; i <= 20; ++i)
            m_db->exec(QStringLiteral("INSERT INTO things (id, name, qty) VALUES (?, ?, ?)"), {i, QStringLiteral("thing %1").arg(i), i * 10});
        m_db->commit();
    }
    void cleanup() { m_db.reset(); }

    void sameTextPreparedOnce()
    {
        const QString sql = QStringLiteral("SELECT name, qty FROM things WHERE id = ?");
        m_db->exec(sql, {1});
        const int before = statementsOf(*m_db).all;
        QVERIFY(before > 0); // kept, not finalized
        for (int i = 1; i <= 20; ++i) {
            QSqlQuery q = m_db->exec(sql, {i});
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("thing %1").arg(i));
            QCOMPARE(q.value(1).toLongLong(), qint64(i) * 10);
            QVERIFY(!q.next());
        }
        // The same text ran twenty times with new binds on the one statement kept.
        QCOMPARE(statementsOf(*m_db).all, before);
    }

    void nothingLeftActive()
    {
        // Read only the first row of many, and only the value of a scalar: the statements
        // kept must be reset all the same, or they would hold a read of the file open.
        {
            QSqlQuery q = m_db->exec(QStringLiteral("SELECT id FROM things ORDER BY id"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id > ? ORDER BY id"), {5}).toInt(), 60);
        QVERIFY(statementsOf(*m_db).all > 0);
        QCOMPARE(statementsOf(*m_db).active, 0);

        // Another connection can cut the WAL to nothing: no reader of this one is in its way.
        Database other;
        other.open(m_path, Database::Mode::ReadWrite);
        other.exec(QStringLiteral("INSERT INTO things (id, name) VALUES (100, 'other')"));
        QSqlQuery cp = other.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        QVERIFY(cp.next());
        QCOMPARE(cp.value(0).toInt(), 0); // not busy
        QCOMPARE(cp.value(1).toInt(), 0); // the WAL is empty
        // ...and this one sees what the other committed.
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT name FROM things WHERE id = ?"), {100}).toString(), QStringLiteral("other"));
    }

    void sameTextInsideItsOwnLoop()
    {
        // The outer result is still being read when the same text runs again inside the loop:
        // the inner run gets a statement of its own, the outer one reads on undisturbed.
        const QString sql = QStringLiteral("SELECT id, qty FROM things WHERE id <= ? ORDER BY id");
        QSqlQuery outer = m_db->exec(sql, {5});
        int rows = 0;
        while (outer.next()) {
            ++rows;
            const int id = outer.value(0).toInt();
            QSqlQuery inner = m_db->exec(sql, {id});
            int innerRows = 0;
            while (inner.next())
                ++innerRows;
            QCOMPARE(innerRows, id);
            QCOMPARE(outer.value(0).toInt(), id);
            QCOMPARE(outer.value(1).toInt(), id * 10);
        }
        QCOMPARE(rows, 5);
        outer = QSqlQuery();
        QCOMPARE(statementsOf(*m_db).active, 0);
    }

    void movedQueryGivesBackOnce()
    {
        // The query handed back moves (Qt's QSqlQuery is not copied): the statement comes back
        // when the query it ends up in goes, not before.
        QSqlQuery a = m_db->exec(QStringLiteral("SELECT id FROM things WHERE id IN (?, ?) ORDER BY id"), {3, 4});
        QVERIFY(a.next());
        QSqlQuery b = std::move(a);
        QCOMPARE(b.value(0).toInt(), 3);
        QCOMPARE(statementsOf(*m_db).active, 1);
        QVERIFY(b.next());
        QCOMPARE(b.value(0).toInt(), 4);
        QVERIFY(!b.next());
        b = QSqlQuery();
        QCOMPARE(statementsOf(*m_db).active, 0);
    }

    void boundedInSize()
    {
        // Statements composed with values in them are each a new text: the least recently used
        // go, the cache does not grow past its bound.
        for (int i = 0; i < 3 * 160; ++i)
            QCOMPARE(m_db->scalar(QStringLiteral("SELECT %1 + qty FROM things WHERE id = 1").arg(i)).toInt(), i + 10);
        QVERIFY2(statementsOf(*m_db).all <= 160 + 2, qPrintable(QString::number(statementsOf(*m_db).all)));
        QCOMPARE(statementsOf(*m_db).active, 0);
    }

    void failureThenSuccessOnTheSameText()
    {
        const QString insert = QStringLiteral("INSERT INTO things (name, qty) VALUES (?, ?)");
        m_db->exec(insert, {QStringLiteral("new"), 1});
        QVERIFY_THROWS_EXCEPTION(ServiceError, m_db->exec(insert, {QStringLiteral("new"), 2}));
        m_db->exec(insert, {QStringLiteral("newer"), 3});
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE name = ?"), {QStringLiteral("newer")}).toInt(), 3);
        // A wrong number of binds is refused every time, never run with an earlier run's values.
        QVERIFY_THROWS_EXCEPTION(ServiceError, m_db->exec(insert, {QStringLiteral("short")}));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM things WHERE name = ?"), {QStringLiteral("short")}).toInt(), 0);
    }

    void rolledBackThenReused()
    {
        const QString update = QStringLiteral("UPDATE things SET qty = ? WHERE id = ?");
        m_db->begin();
        m_db->exec(update, {999, 1});
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id = ?"), {1}).toInt(), 999);
        m_db->rollback();
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id = ?"), {1}).toInt(), 10);
        m_db->begin();
        m_db->exec(update, {11, 1});
        m_db->commit();
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id = ?"), {1}).toInt(), 11);
        QCOMPARE(statementsOf(*m_db).active, 0);
    }

    void roleCheckedOnEveryRun()
    {
        // Kept from a run as Admin, the same write is refused under a narrower role.
        const QString insert = QStringLiteral("INSERT INTO customers (id, name) VALUES (?, ?)");
        m_db->exec(QStringLiteral("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT)"));
        m_db->exec(insert, {QStringLiteral("c1"), QStringLiteral("One")});
        {
            ActingRole viewer(*m_db, Role::Viewer);
            try {
                m_db->exec(insert, {QStringLiteral("c2"), QStringLiteral("Two")});
                QFAIL("a viewer wrote through a kept statement");
            } catch (const ServiceError &e) {
                QVERIFY2(Roles::isRefusal(e), qPrintable(e.message()));
            }
        }
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), 1);
    }

    void schemaChangesFollowed()
    {
        // A statement kept over a table that changes shape answers with the new shape (the
        // seals' own kept statements: tst_rowseals).
        QCOMPARE(m_db->exec(QStringLiteral("SELECT * FROM things WHERE id = ?"), {1}).record().count(), 3);
        m_db->exec(QStringLiteral("ALTER TABLE things ADD COLUMN note TEXT"));
        QSqlQuery q = m_db->exec(QStringLiteral("SELECT * FROM things WHERE id = ?"), {1});
        QCOMPARE(q.record().count(), 4);
        QVERIFY(q.next());
        QVERIFY(q.isNull(3));
    }

    void wideStatementsNotKept()
    {
        // A "*" takes the table's width when it runs: such a statement is prepared for each
        // run, a product or COUNT(*) is kept.
        const int before = statementsOf(*m_db).all;
        m_db->exec(QStringLiteral("SELECT * FROM things WHERE id = ?"), {1});
        m_db->exec(QStringLiteral("SELECT t.* FROM things t WHERE id = ?"), {1});
        m_db->exec(QStringLiteral("SELECT id, * FROM things WHERE id = ?"), {1});
        QCOMPARE(statementsOf(*m_db).all, before);
        m_db->exec(QStringLiteral("SELECT COUNT(*) FROM things WHERE qty > ?"), {1});
        m_db->exec(QStringLiteral("SELECT qty * 2, qty*id FROM things WHERE id = ?"), {1});
        QCOMPARE(statementsOf(*m_db).all, before + 2);
    }

    void closeWithKeptStatements()
    {
        for (int i = 0; i < 10; ++i)
            m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id = %1").arg(i));
        QVERIFY(statementsOf(*m_db).all >= 10);
        m_db->close();
        QVERIFY(!m_db->isOpen());
        QCOMPARE(Database::openConnections(m_path), 0);
        // Closed: nothing kept is used again, nothing crashes.
        QVERIFY_THROWS_EXCEPTION(ServiceError, m_db->exec(QStringLiteral("SELECT qty FROM things WHERE id = 1")));
        m_db->open(m_path, Database::Mode::ReadWrite);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT qty FROM things WHERE id = 1")).toInt(), 10);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statementcache.moc"
