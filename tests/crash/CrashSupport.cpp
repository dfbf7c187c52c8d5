// SPDX-License-Identifier: GPL-3.0-or-later
#include "CrashSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

#include "models/SqliteStatement.h"
#include "models/StorageError.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

namespace crash {

void fail(const QString &message)
{
    std::fprintf(stderr, "crash_harness: FAILED: %s\n", qPrintable(message));
    std::exit(1);
}

int runToEnd(const QString &program, const QStringList &args, QByteArray *out, const QProcessEnvironment &environment)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setProcessEnvironment(environment);
    p.start(program, args);
    if (!p.waitForFinished(600000))
        fail(QStringLiteral("%1 %2 did not finish").arg(program, args.join(QLatin1Char(' '))));
    if (out)
        *out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit)
        fail(QStringLiteral("%1 %2 crashed: %3").arg(program, args.join(QLatin1Char(' ')), QString::fromUtf8(err)));
    if (p.exitCode() != 0)
        std::fprintf(stderr, "%s", err.left(2000).constData());
    return p.exitCode();
}

QByteArray orbctlOk(const Workspace &ws, const QString &db, const QStringList &args)
{
    QByteArray out;
    if (runToEnd(ws.orbctl, QStringList{QStringLiteral("--db"), db} + args, &out, ws.environment) != 0)
        fail(QStringLiteral("orbctl %1 failed").arg(args.join(QLatin1Char(' '))));
    return out;
}

bool isServer(const QString &db)
{
    return db.startsWith(QLatin1String("postgresql://"));
}

namespace {

/// Runs a read on the test cluster; the rows as text columns ("NULL" for a null).
bool serverRows(const QString &location, const QString &database, const char *sql, QString *problem, QList<QStringList> *rows)
{
    const QUrl url(location);
    const QString socket = QUrlQuery(url).queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    const QString name = QStringLiteral("crash-check");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(socket);
        db.setUserName(url.userName());
        db.setDatabaseName(database.isEmpty() ? url.path().mid(1) : database);
        if (!db.open()) {
            *problem = QStringLiteral("cannot connect to %1: %2").arg(location, db.lastError().text());
        } else {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            ok = q.exec(QString::fromUtf8(sql));
            if (!ok)
                *problem = QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), q.lastError().text());
            while (ok && q.next()) {
                QStringList columns;
                for (int c = 0; c < q.record().count(); ++c)
                    columns << (q.isNull(c) ? QStringLiteral("NULL") : q.value(c).toString());
                rows->append(columns);
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

template <typename Row>
bool forEachRow(const QString &db, const char *sql, QString *problem, Row &&row)
{
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(db).constData(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *problem = QStringLiteral("cannot open %1").arg(db);
        sqlite3_close(h);
        return false;
    }
    bool ok = true;
    try {
        orb::SqliteStatement st(h, sql, "checking the file after a crash");
        while (st.next())
            row(st);
    } catch (const orb::ServiceError &e) {
        // A read that fails midway is a finding, never a pass on the rows read so far.
        *problem = e.message();
        ok = false;
    }
    sqlite3_close(h);
    return ok;
}

} // namespace

QByteArray queryText(const QString &db, const char *sql, qint64 *rows, QString *problem)
{
    QByteArray text;
    *rows = 0;
    if (isServer(db)) {
        QList<QStringList> found;
        if (!serverRows(db, {}, sql, problem, &found))
            return {};
        for (const QStringList &r : found)
            text += r.join(QLatin1Char('|')).toUtf8() + '\n';
        *rows = found.size();
        return text;
    }
    const bool ok = forEachRow(db, sql, problem, [&](sqlite3_stmt *st) {
        ++*rows;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const auto *value = sqlite3_column_text(st, c);
            if (c > 0)
                text += '|';
            if (value)
                text += QByteArrayView(reinterpret_cast<const char *>(value), sqlite3_column_bytes(st, c));
            else
                text += "NULL";
        }
        text += '\n';
    });
    return ok ? text : QByteArray();
}

QStringList queryRows(const QString &db, const char *sql, QString *problem)
{
    QStringList rows;
    if (isServer(db)) {
        QList<QStringList> found;
        serverRows(db, {}, sql, problem, &found);
        for (const QStringList &r : found)
            rows << r.join(QLatin1Char('|'));
        return rows;
    }
    forEachRow(db, sql, problem, [&](sqlite3_stmt *st) {
        QStringList columns;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const auto *text = sqlite3_column_text(st, c);
            columns.append(text ? QString::fromUtf8(reinterpret_cast<const char *>(text), sqlite3_column_bytes(st, c)) : QStringLiteral("NULL"));
        }
        rows.append(columns.join(QLatin1Char('|')));
    });
    return rows;
}

QString serverRound(const Workspace &ws, const QString &name)
{
    const QString socket = qEnvironmentVariable("ORB_TEST_PG_SOCKET");
    if (socket.isEmpty())
        fail(QStringLiteral("a server scenario needs the PostgreSQL test cluster (ORB_TEST_PG_SOCKET): run it through ctest"));
    const QString location = QStringLiteral("postgresql://orbadmin@/%1?host=%2").arg(name, socket);
    QString problem;
    QList<QStringList> none;
    const QByteArray drop = QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name).toUtf8();
    const QByteArray create = QStringLiteral("CREATE DATABASE \"%1\"").arg(name).toUtf8();
    if (!serverRows(location, QStringLiteral("postgres"), drop.constData(), &problem, &none)
        || !serverRows(location, QStringLiteral("postgres"), create.constData(), &problem, &none))
        fail(QStringLiteral("cannot make the round's database: %1").arg(problem));
    orbctlOk(ws, ws.templateDb, {QStringLiteral("company"), QStringLiteral("move-to-server"), location});
    return location;
}

void dropServerRound(const QString &location)
{
    const QString name = QUrl(location).path().mid(1);
    QString problem;
    QList<QStringList> none;
    const QByteArray drop = QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name).toUtf8();
    serverRows(location, QStringLiteral("postgres"), drop.constData(), &problem, &none);
}

QString integrity(const Workspace &ws, const QString &db)
{
    if (isServer(db)) {
        // Nothing half-written shows in the audit chain first: every action appends to it.
        QByteArray out;
        if (runToEnd(ws.orbctl, {QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")}, &out, ws.environment)
            != 0)
            return QStringLiteral("audit verify failed: %1").arg(QString::fromUtf8(out));
        return QJsonDocument::fromJson(out).object().value(QStringLiteral("ok")).toBool() ? QString() : QString::fromUtf8(out);
    }
    sqlite3 *h = nullptr;
    sqlite3_open_v2(QFile::encodeName(db).constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    char **table = nullptr;
    int r = 0;
    int c = 0;
    QString result;
    if (sqlite3_get_table(h, "PRAGMA integrity_check", &table, &r, &c, nullptr) == SQLITE_OK && r >= 1)
        result = QString::fromUtf8(table[1]);
    else
        result = QString::fromUtf8(sqlite3_errmsg(h));
    sqlite3_free_table(table);
    sqlite3_close(h);
    return result == QLatin1String("ok") ? QString() : result;
}

} // namespace crash
