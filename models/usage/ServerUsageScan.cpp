// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/ServerUsageScan.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace orb {

namespace {

PGconn *connectionOf(Database &db)
{
    if (db.isServer()) {
        const QVariant v = db.handle().driver()->handle();
        // Qt 6 names the type after libpq's struct (pg_conn*); older Qt after its typedef.
        if (v.isValid() && (qstrcmp(v.typeName(), "pg_conn*") == 0 || qstrcmp(v.typeName(), "PGconn*") == 0))
            return *static_cast<PGconn *const *>(v.data());
    }
    throw ServiceError::storage(QStringLiteral("the usage scan needs a company server connection"));
}

struct ResultFree {
    void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

qint64 toInt(const char *p, int length)
{
    qint64 v = 0;
    std::from_chars(p, p + length, v);
    return v;
}

QByteArrayView field(const PGresult *r, int row, int col)
{
    return QByteArrayView(PQgetvalue(r, row, col), PQgetlength(r, row, col));
}

} // namespace

bool ServerUsageScan::span(Database &db, qint64 *minTs, qint64 *maxTs)
{
    QSqlQuery q = db.execNative(QStringLiteral("SELECT min(ts), max(ts) FROM usage_events"));
    if (!q.next() || q.value(0).isNull())
        return false;
    *minTs = q.value(0).toLongLong();
    *maxTs = q.value(1).toLongLong();
    return true;
}

qint64 ServerUsageScan::scanPeriod(Database &db, qint64 startMs, qint64 endMs, bool bySeq, const std::function<bool(const ServerUsageRow &)> &row)
{
    PGconn *conn = connectionOf(db);
    // The bounds are integers Orb computed, written into the statement: no text from outside.
    const QByteArray sql = QByteArrayLiteral("SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events WHERE ts >= ")
                           + QByteArray::number(startMs) + " AND ts < " + QByteArray::number(endMs) + " AND status = 0 ORDER BY " + (bySeq ? "seq" : "ts, seq");
    if (PQsendQuery(conn, sql.constData()) != 1)
        throw ServiceError::storage(QStringLiteral("the company server refused the usage scan: %1").arg(QString::fromUtf8(PQerrorMessage(conn)).trimmed()));
    if (PQsetSingleRowMode(conn) != 1) {
        while (PGresult *r = PQgetResult(conn))
            PQclear(r);
        throw ServiceError::storage(QStringLiteral("the company server could not stream the usage scan"));
    }
    qint64 rows = 0;
    bool stopped = false;
    QString failure;
    // Every result is taken, also after a stop or an error: the connection is then ready for
    // the next statement.
    while (PGresult *raw = PQgetResult(conn)) {
        const Result r(raw);
        const ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_SINGLE_TUPLE) {
            if (stopped)
                continue;
            ++rows;
            ServerUsageRow u;
            u.eventName = field(r.get(), 0, 0);
            u.tsMs = toInt(PQgetvalue(r.get(), 0, 1), PQgetlength(r.get(), 0, 1));
            u.hasCustomerId = !PQgetisnull(r.get(), 0, 2);
            u.customerId = field(r.get(), 0, 2);
            u.externalCustomerId = field(r.get(), 0, 3);
            u.properties = field(r.get(), 0, 4);
            if (!row(u)) {
                stopped = true;
                PGcancel *cancel = PQgetCancel(conn);
                if (cancel) {
                    char err[256];
                    PQcancel(cancel, err, sizeof err);
                    PQfreeCancel(cancel);
                }
            }
        } else if (status != PGRES_TUPLES_OK && !stopped) {
            failure = QString::fromUtf8(PQresultErrorMessage(r.get())).trimmed();
        }
    }
    if (!failure.isEmpty())
        throw ServiceError::storage(QStringLiteral("the company server stopped the usage scan: %1").arg(failure));
    return rows;
}

std::vector<qint64> ServerUsageScan::customerSeqs(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs)
{
    std::vector<qint64> seqs;
    for (const QByteArray &ref : {customerId.isEmpty() ? QByteArray() : CustomerPostings::customerRef(customerId),
                                  externalId.isEmpty() ? QByteArray() : CustomerPostings::externalRef(externalId)}) {
        if (ref.isEmpty())
            continue;
        QSqlQuery q = db.execNative(QStringLiteral("SELECT seqs FROM usage_customer_postings WHERE ref = ? AND ts_max >= ? AND ts_min < ?"),
                                    {QString::fromUtf8(ref), startMs, endMs});
        while (q.next()) {
            const QByteArray text = q.value(0).toString().toLatin1();
            for (const QByteArray &part : text.split(',')) {
                if (part.isEmpty())
                    continue;
                bool ok = false;
                const qint64 v = part.toLongLong(&ok);
                if (!ok)
                    throw ServiceError::storage(QStringLiteral(
                        "the customer directory of usage events (usage_customer_postings) holds a malformed row; the company database is damaged"));
                seqs.push_back(v);
            }
        }
    }
    // An event sent with both ids is listed twice.
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    return seqs;
}

std::vector<CustomerEventRow> ServerUsageScan::customerEvents(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs,
                                                              qint64 endMs)
{
    const std::vector<qint64> seqs = customerSeqs(db, customerId, externalId, startMs, endMs);
    std::vector<CustomerEventRow> out;
    out.reserve(seqs.size());
    // In slices, as one array parameter each: few round trips, bounded statements.
    constexpr size_t Slice = 5000;
    for (size_t from = 0; from < seqs.size(); from += Slice) {
        QByteArray list = "{";
        for (size_t i = from; i < std::min(seqs.size(), from + Slice); ++i) {
            if (i > from)
                list += ',';
            list += QByteArray::number(seqs[i]);
        }
        list += '}';
        QSqlQuery q = db.execNative(QStringLiteral("SELECT seq, ts, status, event_name, customer_id, external_customer_id, properties FROM usage_events "
                                                   "WHERE seq = ANY (CAST(? AS BIGINT[])) AND ts >= ? AND ts < ? ORDER BY seq"),
                                    {QString::fromLatin1(list), startMs, endMs});
        while (q.next()) {
            CustomerEventRow r;
            r.seq = q.value(0).toLongLong();
            r.tsMs = q.value(1).toLongLong();
            r.status = q.value(2).toInt();
            r.eventName = q.value(3).toString().toUtf8();
            r.customerId = q.value(4).toString().toUtf8();
            r.externalCustomerId = q.value(5).toString().toUtf8();
            r.properties = q.value(6).toString().toUtf8();
            out.push_back(std::move(r));
        }
    }
    return out;
}

} // namespace orb
