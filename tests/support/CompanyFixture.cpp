// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"

#include "models/CompanyFile.h"
#include "models/SchemaCheck.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/storage/MoveToServer.h"
#include "tests/support/PgTestDatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

namespace orb::test {

CompanySettings sampleSettings(const QString &name, const QString &invoicePrefix)
{
    CompanySettings s;
    s.name = name;
    s.defaultCurrency = QStringLiteral("EUR");
    s.timezone = QStringLiteral("Europe/Berlin");
    s.invoicePrefix = invoicePrefix;
    s.documentLocale = QStringLiteral("de_DE");
    return s;
}

CompanySettings settingsNamed(const QString &name)
{
    CompanySettings s;
    s.name = name;
    return s;
}

std::unique_ptr<CompanyFile> newCompanyFile(const QTemporaryDir &dir, const CompanySettings &settings, const Clock &clock)
{
    static int n = 0;
    return createCompany(dir.filePath(QStringLiteral("company-%1.orb").arg(++n)), settings, clock);
}

namespace {

// The databases this process made on the test cluster, by the path the test named them with.
QHash<QString, QString> &serverCompanies()
{
    static QHash<QString, QString> companies;
    return companies;
}

// The suite's databases go when it ends (QCoreApplication's post routines run while the SQL
// drivers are still loaded), so a long suite does not fill the cluster's folder.
void dropServerCompanies()
{
    const QString socket = pgTestSocket();
    if (socket.isEmpty() || serverCompanies().isEmpty())
        return;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("orb-test-drop"));
        admin.setHostName(socket);
        admin.setUserName(QStringLiteral("orbadmin"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (admin.open()) {
            QSqlQuery q(admin);
            for (const QString &url : std::as_const(serverCompanies())) {
                // postgresql://orbadmin@/NAME?host=SOCKET
                const int from = url.indexOf(QLatin1String("@/")) + 2;
                const QString name = url.mid(from, url.indexOf(QLatin1Char('?')) - from);
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name));
            }
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("orb-test-drop"));
    serverCompanies().clear();
}

} // namespace

bool serverEngine()
{
    return qEnvironmentVariable("ORB_TEST_ENGINE") == QLatin1String("postgresql");
}

std::unique_ptr<CompanyFile> createCompany(const QString &path, const CompanySettings &settings, const Clock &clock)
{
    if (!serverEngine())
        return CompanyFile::create(path, settings, clock);
    static int n = 0;
    if (serverCompanies().isEmpty())
        qAddPostRoutine(dropServerCompanies);
    {
        auto file = CompanyFile::create(path, settings, clock);
        const QString url = pgTestDatabase(QStringLiteral("orbtest%1").arg(++n));
        if (url.isEmpty())
            throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("no test cluster for %1 (ORB_TEST_PG_SOCKET)").arg(path));
        serverCompanies().insert(QFileInfo(path).absoluteFilePath(), url);
        try {
            MoveToServer::run(*file, url);
        } catch (const ServiceError &e) {
            throw CompanyFileError(CompanyFileError::Kind::Io, QStringLiteral("cannot move %1 to the test cluster: %2").arg(path, e.message()));
        }
    }
    // The file goes: whatever reads `path` as a file now fails plainly instead of reading a
    // copy the server company has left behind.
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
    return CompanyFile::open(serverCompanies().value(QFileInfo(path).absoluteFilePath()));
}

QString onTestEngine(const QString &path)
{
    if (!serverEngine())
        return path;
    static int n = 0;
    if (serverCompanies().isEmpty())
        qAddPostRoutine(dropServerCompanies);
    const QString url = pgTestDatabase(QStringLiteral("orbctl%1").arg(++n));
    if (url.isEmpty())
        return {};
    serverCompanies().insert(QFileInfo(path).absoluteFilePath(), url);
    try {
        auto file = CompanyFile::open(path);
        MoveToServer::run(*file, url);
    } catch (const std::exception &e) {
        QTest::qFail(qPrintable(QStringLiteral("cannot move %1 to the test cluster: %2").arg(path, QString::fromStdString(e.what()))), __FILE__, __LINE__);
        return {};
    }
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
    return url;
}

QString companyLocation(const QString &path)
{
    if (!serverEngine())
        return path;
    return serverCompanies().value(QFileInfo(path).absoluteFilePath(), path);
}

std::unique_ptr<CompanyFile> openCompany(const QString &path)
{
    return CompanyFile::open(companyLocation(path));
}

QString rawSql(const QString &path, const QStringList &statements)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("%1: open failed").arg(path);
    }
    QString error;
    for (const QString &s : statements) {
        char *msg = nullptr;
        if (sqlite3_exec(db, s.toUtf8().constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
            error = QStringLiteral("%1: %2").arg(s, QString::fromUtf8(msg));
            sqlite3_free(msg);
            break;
        }
    }
    sqlite3_close(db);
    return error;
}

void rawSqlChecked(const QString &path, const QStringList &statements)
{
    const QString error = rawSql(path, statements);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void rawSqlChecked(const QString &path, const char *sql)
{
    rawSqlChecked(path, QStringList{QString::fromUtf8(sql)});
}

namespace {

struct RawObject {
    QString type;
    QString table;
    QString sql;
};

// name → (type, table, sql) of every object with SQL text (SQLite's own autoindexes have none).
QHash<QString, RawObject> rawObjects(sqlite3 *db)
{
    QHash<QString, RawObject> objects;
    SqliteStatement st(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'", "reading the schema");
    while (st.next())
        objects.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 1))),
                       {QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))),
                        QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 2))),
                        QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 3)))});
    return objects;
}

QStringList rawColumns(sqlite3 *db, const QString &table)
{
    QStringList columns;
    const QByteArray sql = QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table).toUtf8();
    SqliteStatement st(db, sql.constData(), int(sql.size()), "reading a table's columns");
    while (st.next())
        columns << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    return columns;
}

QString execAll(sqlite3 *db, const QStringList &statements)
{
    for (const QString &s : statements) {
        char *msg = nullptr;
        if (sqlite3_exec(db, s.toUtf8().constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
            const QString error = QStringLiteral("%1: %2").arg(s, QString::fromUtf8(msg));
            sqlite3_free(msg);
            return error;
        }
    }
    return QString();
}

} // namespace

QString rollBackSchema(const QString &path, int version)
{
    sqlite3 *ref = nullptr;
    sqlite3 *db = nullptr;
    QString error;
    try {
        sqlite3_open(":memory:", &ref);
        for (const Migration &m : SchemaCheck::migrations())
            if (m.version <= version && (error = execAll(ref, {m.script()})).size())
                break;
        if (error.isEmpty() && sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
            error = QStringLiteral("%1: open failed").arg(path);
        if (error.isEmpty()) {
            const QHash<QString, RawObject> want = rawObjects(ref);
            const QHash<QString, RawObject> have = rawObjects(db);
            QStringList steps{QStringLiteral("PRAGMA foreign_keys = OFF")};
            // Triggers and views first (one naming a dropped table makes later changes fail),
            // then indexes, then tables; then the columns later migrations added.
            // A trigger, view or index that a later migration replaced under the same name
            // goes too, and comes back below as it was.
            const auto replaced = [&](const QString &name) {
                const auto w = want.constFind(name);
                const auto h = have.constFind(name);
                return w != want.constEnd() && h != have.constEnd() && w->type != QLatin1String("table") && w->sql != h->sql;
            };
            for (const char *type : {"trigger", "view", "index", "table"})
                for (auto it = have.constBegin(); it != have.constEnd(); ++it)
                    if (it->type == QLatin1String(type) && (!want.contains(it.key()) || replaced(it.key())))
                        steps << QStringLiteral("DROP %1 \"%2\"").arg(it->type.toUpper(), it.key());
            for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
                if (it->type != QLatin1String("table") || !have.contains(it.key()))
                    continue;
                const QStringList old = rawColumns(ref, it.key());
                for (const QString &c : rawColumns(db, it.key()))
                    if (!old.contains(c))
                        steps << QStringLiteral("ALTER TABLE \"%1\" DROP COLUMN \"%2\"").arg(it.key(), c);
            }
            // What later migrations removed comes back: tables, then indexes, triggers, views.
            for (const char *type : {"table", "index", "trigger", "view"})
                for (auto it = want.constBegin(); it != want.constEnd(); ++it)
                    if (it->type == QLatin1String(type) && (!have.contains(it.key()) || replaced(it.key())))
                        steps << it->sql;
            steps << QStringLiteral("DELETE FROM schema_migrations WHERE version > %1").arg(version) << QStringLiteral("PRAGMA user_version = %1").arg(version);
            error = execAll(db, steps);
        }
    } catch (const ServiceError &e) {
        error = e.message();
    }
    sqlite3_close(db);
    sqlite3_close(ref);
    return error;
}

QString rawValue(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    QString value;
    if (sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK) {
        try {
            const QByteArray text = sql.toUtf8();
            SqliteStatement st(db, text.constData(), int(text.size()), "reading a value");
            if (st.next())
                value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        } catch (const ServiceError &) {
            value.clear(); // a statement the file refuses reads as nothing
        }
    }
    sqlite3_close(db);
    return value;
}

} // namespace orb::test
