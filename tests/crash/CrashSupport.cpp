// SPDX-License-Identifier: GPL-3.0-or-later
#include "CrashSupport.h"

#include <QFile>
#include <QProcess>

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

namespace {

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

QString integrity(const QString &db)
{
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
