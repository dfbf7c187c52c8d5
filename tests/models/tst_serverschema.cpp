// SPDX-License-Identifier: GPL-3.0-or-later
// The two storage engines mean the same: every SQLite migration has its PostgreSQL mirror, and
// the schemas they build describe alike (tables, columns, keys, foreign keys, indexes); server
// locations are parsed strictly (no password in them); SQLite-only SQL is translated or
// refused; raw SQLite paths refuse on a server instead of misbehaving. Runs against the
// throwaway cluster (scripts/pg-test-cluster.sh).
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/SchemaCheck.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/ServerSchema.h"
#include "models/storage/SqlDialect.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/PgTestDatabase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestServerSchema : public QObject
{
    Q_OBJECT

private slots:
    void everyMigrationHasMirror()
    {
        const QList<Migration> sqlite = SchemaCheck::migrations();
        const QList<Migration> server = ServerSchema::migrations();
        QVERIFY(!sqlite.isEmpty());
        QStringList a, b;
        for (const Migration &m : sqlite)
            a << QStringLiteral("%1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name);
        for (const Migration &m : server)
            b << QStringLiteral("%1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name);
        QCOMPARE(b, a);
    }

    void sameMeaning()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SystemClock clock;
        auto file = test::newCompanyFile(dir, test::sampleSettings(), clock);
        const QStringList fileSchema = ServerSchema::describe(file->db());

        Database server;
        server.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("schema"))), Database::Mode::ReadWrite);
        QCOMPARE(ServerSchema::version(server), 0);
        ServerSchema::migrate(server);
        QCOMPARE(ServerSchema::version(server), CompanyFile::latestSchemaVersion());
        const QStringList serverSchema = ServerSchema::describe(server);

        QStringList onlyFile, onlyServer;
        for (const QString &l : fileSchema)
            if (!serverSchema.contains(l))
                onlyFile << l;
        for (const QString &l : serverSchema)
            if (!fileSchema.contains(l))
                onlyServer << l;
        if (!onlyFile.isEmpty() || !onlyServer.isEmpty())
            qWarning().noquote() << "only in the file:\n  " + onlyFile.join(QStringLiteral("\n  "))
                                 << "\nonly on the server:\n  " + onlyServer.join(QStringLiteral("\n  "));
        QVERIFY(fileSchema.size() > 300); // every table, column and key: a real description
        QCOMPARE(serverSchema, fileSchema);

        // A second migrate finds nothing to do.
        ServerSchema::migrate(server);
        QCOMPARE(ServerSchema::version(server), CompanyFile::latestSchemaVersion());
    }

    void emptyServerIsNoCompany()
    {
        const QString url = test::pgTestDatabase(QStringLiteral("empty"));
        try {
            CompanyFile::open(url);
            QFAIL("an empty database opened as a company");
        } catch (const CompanyFileError &e) {
            QCOMPARE(e.kind(), CompanyFileError::Kind::NotFound);
            QVERIFY2(e.message().contains(QLatin1String("holds no Orb company")), qPrintable(e.message()));
        }
    }

    void rawSqlitePathsRefuse()
    {
        Database server;
        server.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("raw"))), Database::Mode::ReadWrite);
        QVERIFY(server.isServer());
        try {
            server.sqliteHandle();
            QFAIL("a server connection gave an SQLite handle");
        } catch (const ServiceError &e) {
            QVERIFY2(e.message().contains(QLatin1String("not yet available on a company server")), qPrintable(e.message()));
        }
        try {
            server.exec(QStringLiteral("SELECT rowid FROM pg_class"));
            QFAIL("rowid ran on a server");
        } catch (const ServiceError &e) {
            QVERIFY2(e.message().contains(QLatin1String("not yet available on a company server")), qPrintable(e.message()));
        }
    }

    void readOnlyServerConnectionCannotWrite()
    {
        const QString url = test::pgTestDatabase(QStringLiteral("ro"));
        {
            Database rw;
            rw.openServer(CompanyLocation::parse(url), Database::Mode::ReadWrite);
            rw.exec(QStringLiteral("CREATE TABLE t (x BIGINT)"));
        }
        Database ro;
        ro.openServer(CompanyLocation::parse(url), Database::Mode::ReadOnly);
        QVERIFY_THROWS_EXCEPTION(ServiceError, ro.exec(QStringLiteral("INSERT INTO t (x) VALUES (?)"), {1}));
        QCOMPARE(ro.scalar(QStringLiteral("SELECT COUNT(*) FROM t")).toInt(), 0);
    }

    void transactionsAndBinds()
    {
        Database server;
        server.openServer(CompanyLocation::parse(test::pgTestDatabase(QStringLiteral("tx"))), Database::Mode::ReadWrite);
        server.exec(QStringLiteral("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL UNIQUE, body BYTEA)"));
        server.begin();
        server.exec(QStringLiteral("INSERT INTO t (name, body) VALUES (?, ?)"), {QStringLiteral("Ä'x"), QByteArray("\0\1\2", 3)});
        server.begin(); // a savepoint
        server.exec(QStringLiteral("INSERT INTO t (name) VALUES (?)"), {QStringLiteral("undone")});
        server.rollback();
        server.exec(QStringLiteral("INSERT OR IGNORE INTO t (name) VALUES (?)"), {QStringLiteral("Ä'x")});
        server.commit();
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM t")).toInt(), 1);
        QCOMPARE(server.scalar(QStringLiteral("SELECT body FROM t WHERE name = ?"), {QStringLiteral("Ä'x")}).toByteArray(), QByteArray("\0\1\2", 3));
        QCOMPARE(server.scalar(QStringLiteral("SELECT COUNT(*) FROM t WHERE name LIKE ?"), {QStringLiteral("ä%")}).toInt(), 1);
        // A unique key broken is a conflict, as on a company file.
        try {
            server.exec(QStringLiteral("INSERT INTO t (name) VALUES (?)"), {QStringLiteral("Ä'x")});
            QFAIL("a duplicate went in");
        } catch (const ServiceError &e) {
            QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        }
    }

    void dialect_data()
    {
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("postgres"); // empty: refused
        QTest::newRow("plain") << "SELECT id FROM customers WHERE id = ?"
                               << "SELECT id FROM customers WHERE id = ?";
        QTest::newRow("begin immediate") << "BEGIN IMMEDIATE"
                                         << "BEGIN";
        QTest::newRow("insert or ignore") << "INSERT OR IGNORE INTO usage_locks (a) VALUES (?)"
                                          << "INSERT INTO usage_locks (a) VALUES (?) ON CONFLICT DO NOTHING";
        QTest::newRow("insert or ignore returning") << "INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id"
                                                    << "INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING RETURNING id";
        QTest::newRow("like ignores case") << "SELECT 1 FROM c WHERE name LIKE ? ESCAPE '\\'"
                                           << "SELECT 1 FROM c WHERE name ILIKE ? ESCAPE '\\'";
        QTest::newRow("like inside a string stays") << "SELECT 'LIKE rowid' FROM c"
                                                    << "SELECT 'LIKE rowid' FROM c";
        QTest::newRow("instr") << "SELECT instr(a, '-') FROM t"
                               << "SELECT strpos(a, '-') FROM t";
        QTest::newRow("cast integer is 64 bits") << "SELECT CAST(a AS INTEGER) FROM t"
                                                 << "SELECT CAST(a AS BIGINT) FROM t";
        QTest::newRow("last id") << "SELECT last_insert_rowid()"
                                 << "SELECT lastval()";
        QTest::newRow("upsert") << "INSERT INTO s (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                                << "INSERT INTO s (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v";
        QTest::newRow("rowid refused") << "SELECT rowid FROM t"
                                       << "";
        QTest::newRow("pragma refused") << "PRAGMA user_version"
                                        << "";
        QTest::newRow("replace refused") << "INSERT OR REPLACE INTO t (a) VALUES (1)"
                                         << "";
        QTest::newRow("strftime refused") << "SELECT strftime('%Y', 'now')"
                                          << "";
        QTest::newRow("datetime refused") << "SELECT datetime('now')"
                                          << "";
        QTest::newRow("glob refused") << "SELECT 1 FROM t WHERE a GLOB 'x*'"
                                      << "";
        QTest::newRow("ifnull refused") << "SELECT ifnull(a, 0) FROM t"
                                        << "";
    }

    void dialect()
    {
        QFETCH(QString, sqlite);
        QFETCH(QString, postgres);
        if (postgres.isEmpty()) {
            try {
                SqlDialect::forPostgres(sqlite);
                QFAIL("translated a statement that has no PostgreSQL meaning");
            } catch (const ServiceError &e) {
                QVERIFY2(e.message().contains(QLatin1String("not yet available on a company server")), qPrintable(e.message()));
            }
            return;
        }
        QCOMPARE(SqlDialect::forPostgres(sqlite), postgres);
    }

    void location_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display"); // empty: refused
        QTest::addColumn<QString>("options");
        QTest::newRow("file") << "/home/a/books.orb"
                              << "/home/a/books.orb"
                              << "";
        QTest::newRow("server") << "postgresql://anna@db.example.com/books"
                                << "postgresql://anna@db.example.com/books"
                                << "";
        QTest::newRow("port and tls") << "postgres://anna@db.example.com:6543/books?sslmode=verify-full"
                                      << "postgresql://anna@db.example.com:6543/books?sslmode=verify-full"
                                      << "sslmode=verify-full";
        QTest::newRow("socket") << "postgresql://orbadmin@/books?host=/run/postgresql"
                                << "postgresql://orbadmin@/books?host=/run/postgresql"
                                << "";
        QTest::newRow("password in uri") << "postgresql://anna:secret@db/books"
                                         << ""
                                         << "";
        QTest::newRow("password option") << "postgresql://anna@db/books?password=secret"
                                         << ""
                                         << "";
        QTest::newRow("unknown sslmode") << "postgresql://anna@db/books?sslmode=requir"
                                         << ""
                                         << "";
        QTest::newRow("unknown option") << "postgresql://anna@db/books?options=-c%20x"
                                        << ""
                                        << "";
        QTest::newRow("no database") << "postgresql://anna@db/"
                                     << ""
                                     << "";
        QTest::newRow("bad port") << "postgresql://anna@db/books?port=99999"
                                  << ""
                                  << "";
    }

    void location()
    {
        QFETCH(QString, text);
        QFETCH(QString, display);
        QFETCH(QString, options);
        if (display.isEmpty()) {
            QVERIFY_THROWS_EXCEPTION(ServiceError, CompanyLocation::parse(text));
            return;
        }
        const CompanyLocation loc = CompanyLocation::parse(text);
        QCOMPARE(loc.display(), display);
        QCOMPARE(loc.options, options);
        QCOMPARE(CompanyLocation::parse(loc.display()).display(), display);
    }
};

QTEST_GUILESS_MAIN(TestServerSchema)
#include "tst_serverschema.moc"
