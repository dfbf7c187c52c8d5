// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/ServerCursor.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QSqlDriver>
#include <QtEndian>

#include <libpq-fe.h>

#include <memory>
#include <vector>

namespace orb::ServerCursor {

namespace {

// Rows per FETCH: big enough that a million ids cost a few dozen round trips, small enough
// that a superseded read stops within a few milliseconds and a batch stays a few hundred KB.
constexpr int Batch = 65536;

PGconn *connectionOf(const Database &db)
{
    if (!db.isServer() || !db.isOpen())
        return nullptr;
    const QVariant v = db.handle().driver()->handle();
    // Qt 6 names the type after libpq's struct (pg_conn*); older Qt after its typedef.
    if (v.isValid() && (qstrcmp(v.typeName(), "pg_conn*") == 0 || qstrcmp(v.typeName(), "PGconn*") == 0))
        return *static_cast<PGconn *const *>(v.data());
    return nullptr;
}

struct ResultFree {
    void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

} // namespace

QString numberedMarks(const QString &sql)
{
    QString out;
    out.reserve(sql.size() + 16);
    bool inString = false;
    int n = 0;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            inString = !inString;
        if (c == QLatin1Char('?') && !inString)
            out += QLatin1Char('$') + QString::number(++n);
        else
            out += c;
    }
    return out;
}

bool lost(const Database &db)
{
    if (!db.isServer())
        return false;
    PGconn *conn = connectionOf(db);
    return !conn || PQstatus(conn) == CONNECTION_BAD;
}

QList<qint64> readIds(const Database &db, const QString &sql, const QVariantList &binds, const QString &what, const std::function<bool()> &stop)
{
    PGconn *conn = connectionOf(db);
    if (!conn)
        throw ServiceError::storage(QStringLiteral("cannot list %1: the company server connection has no libpq handle").arg(what));
    const auto failure = [&](const char *step) {
        const QString libpq = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        if (PQstatus(conn) == CONNECTION_BAD)
            return ServiceError::storage(QStringLiteral("the connection to the company server %1 was lost (it was stopped, restarted or cannot be "
                                                        "reached) while listing %2: %3")
                                             .arg(db.path(), what, libpq));
        return ServiceError::storage(QStringLiteral("the company server %1 failed %2 %3: %4").arg(db.path(), QString::fromLatin1(step), what, libpq));
    };
    const auto command = [&](const char *text, const char *step) {
        Result r(PQexec(conn, text));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throw failure(step);
    };

    // A read-only transaction of its own: a cursor lives in one, and a snapshot of one moment
    // gives a list that is whole even while others write.
    command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "to begin listing");
    QList<qint64> ids;
    try {
        std::vector<QByteArray> values;
        values.reserve(size_t(binds.size()));
        for (const QVariant &b : binds)
            values.push_back(b.toString().toUtf8());
        std::vector<const char *> pointers;
        for (const QByteArray &v : values)
            pointers.push_back(v.constData());
        // NO SCROLL: the server keeps no copy of rows already sent.
        const QByteArray declare = QByteArrayLiteral("DECLARE orb_ids NO SCROLL CURSOR FOR ") + numberedMarks(sql).toUtf8();
        {
            Result r(PQexecParams(conn, declare.constData(), int(pointers.size()), nullptr, pointers.empty() ? nullptr : pointers.data(), nullptr, nullptr, 0));
            if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
                throw failure("to list");
        }
        const QByteArray fetch = QByteArrayLiteral("FETCH FORWARD ") + QByteArray::number(Batch) + QByteArrayLiteral(" FROM orb_ids");
        for (;;) {
            if (stop && stop())
                break;
            // Binary results: an id is 8 (or 4) bytes in network order, nothing to parse.
            Result r(PQexecParams(conn, fetch.constData(), 0, nullptr, nullptr, nullptr, nullptr, 1));
            if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
                throw failure("while listing");
            const int rows = PQntuples(r.get());
            if (rows > 0 && PQnfields(r.get()) < 1)
                throw ServiceError::storage(QStringLiteral("the company server %1 listed %2 without an id column").arg(db.path(), what));
            ids.reserve(ids.size() + rows);
            for (int i = 0; i < rows; ++i) {
                if (PQgetisnull(r.get(), i, 0))
                    continue; // a row without an id cannot be shown (and has none on a file)
                const char *v = PQgetvalue(r.get(), i, 0);
                switch (PQgetlength(r.get(), i, 0)) {
                case 8: ids.append(qFromBigEndian<qint64>(v)); break;
                case 4: ids.append(qFromBigEndian<qint32>(v)); break;
                default: throw ServiceError::storage(QStringLiteral("the company server %1 listed %2 with an id that is not an integer").arg(db.path(), what));
                }
            }
            if (rows < Batch)
                break;
        }
    } catch (...) {
        if (PQstatus(conn) != CONNECTION_BAD)
            PQclear(PQexec(conn, "ROLLBACK"));
        throw;
    }
    // Ends the transaction and with it the cursor (a superseded read leaves nothing behind).
    command("ROLLBACK", "to end listing");
    return ids;
}

} // namespace orb::ServerCursor
