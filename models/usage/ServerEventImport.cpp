// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/ServerEventImport.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>

namespace orb {

namespace {

PGconn *connectionOf(Database &db)
{
    if (!db.isServer())
        throw ServiceError::storage(QStringLiteral("the server import needs a company server connection"));
    const QVariant v = db.handle().driver()->handle();
    // Qt 6 names the type after libpq's struct (pg_conn*); older Qt after its typedef.
    if (v.isValid() && (qstrcmp(v.typeName(), "pg_conn*") == 0 || qstrcmp(v.typeName(), "PGconn*") == 0))
        return *static_cast<PGconn *const *>(v.data());
    throw ServiceError::storage(QStringLiteral("the company server connection has no libpq handle"));
}

QString serverMessage(PGconn *conn)
{
    return QString::fromUtf8(PQerrorMessage(conn)).trimmed();
}

/// COPY's text format: a NULL is \N; backslash, tab, newline and carriage return are escaped.
void appendField(QByteArray &out, const QByteArray &value, bool emptyIsNull)
{
    if (value.isEmpty() && emptyIsNull) {
        out.append("\\N", 2);
        return;
    }
    const char *p = value.constData();
    const char *end = p + value.size();
    const char *run = p;
    for (; p < end; ++p) {
        const char c = *p;
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
            continue;
        out.append(run, qsizetype(p - run));
        out.append('\\');
        out.append(c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        run = p + 1;
    }
    out.append(run, qsizetype(end - run));
}

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, qsizetype(r.ptr - buf));
}

} // namespace

ServerEventStore::ServerEventStore(Database &db) : m_db(db), m_conn(connectionOf(db)) {}

void ServerEventStore::ensureTables()
{
    // Temporary (this session only) and emptied at every commit: a crash or a rollback leaves
    // nothing behind on the server. Created again after a rollback undid their creation
    // (looked up first: CREATE ... IF NOT EXISTS would print a notice every batch).
    QSqlQuery q = m_db.execNative(QStringLiteral("SELECT to_regclass('pg_temp.orb_import_staging') IS NOT NULL"));
    if (q.next() && q.value(0).toBool())
        return;
    m_db.execNative(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS orb_import_staging (ord BIGINT NOT NULL, key_hash BIGINT NOT NULL, "
                                   "idempotency_key TEXT, event_name TEXT, ts BIGINT NOT NULL, customer_id TEXT, external_customer_id TEXT, "
                                   "properties TEXT) ON COMMIT DELETE ROWS"));
}

void ServerEventStore::copyIn(const std::vector<UsageEventRow> &rows)
{
    PGresult *res = PQexec(m_conn, "COPY orb_import_staging (ord, key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties) "
                                   "FROM STDIN");
    const bool ready = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!ready)
        throw ServiceError::storage(QStringLiteral("the company server refused the import's COPY: %1").arg(serverMessage(m_conn)));
    // Sent in chunks of about 1 MB: bounded memory, few calls.
    constexpr qsizetype Chunk = 1 << 20;
    m_buffer.clear();
    bool failed = false;
    const auto send = [&] {
        if (!failed && !m_buffer.isEmpty() && PQputCopyData(m_conn, m_buffer.constData(), int(m_buffer.size())) != 1)
            failed = true;
        m_buffer.clear();
    };
    for (size_t i = 0; i < rows.size(); ++i) {
        const UsageEventRow &r = rows[i];
        appendNumber(m_buffer, qint64(i));
        m_buffer.append('\t');
        appendNumber(m_buffer, r.keyHash);
        m_buffer.append('\t');
        // As UsageEventStore binds them: empty texts are NULL, except the properties.
        appendField(m_buffer, r.idempotencyKey, true);
        m_buffer.append('\t');
        appendField(m_buffer, r.eventName, true);
        m_buffer.append('\t');
        appendNumber(m_buffer, r.tsMs);
        m_buffer.append('\t');
        appendField(m_buffer, r.customerId, true);
        m_buffer.append('\t');
        appendField(m_buffer, r.externalCustomerId, true);
        m_buffer.append('\t');
        appendField(m_buffer, r.properties, false);
        m_buffer.append('\n');
        if (m_buffer.size() >= Chunk)
            send();
    }
    send();
    if (PQputCopyEnd(m_conn, failed ? "the import stopped sending" : nullptr) != 1)
        failed = true;
    bool ok = !failed;
    while (PGresult *r = PQgetResult(m_conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            ok = false;
        PQclear(r);
    }
    if (!ok)
        throw ServiceError::storage(QStringLiteral("the company server refused the imported rows: %1").arg(serverMessage(m_conn)));
}

void ServerEventStore::insertBatch(const std::vector<UsageEventRow> &rows, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs,
                                   std::vector<Outcome> &outcomes)
{
    outcomes.assign(rows.size(), Outcome::Inserted);
    if (rows.empty())
        return;
    ensureTables();
    m_db.execNative(QStringLiteral("TRUNCATE orb_import_staging"));
    copyIn(rows);
    // Seqs above this one are this batch's: the writer lock (Database::begin) keeps every other
    // writer out until the commit.
    qint64 before = 0;
    {
        QSqlQuery m = m_db.execNative(QStringLiteral("SELECT COALESCE(max(seq), 0) FROM usage_events"));
        if (m.next())
            before = m.value(0).toLongLong();
    }
    if (m_pendingFrom < 0)
        m_pendingFrom = before; // this transaction's events, for the customer directory, come after it
    // The first row of each key in the batch, in batch order, unless the unique index holds an
    // original of its key. Looked up before inserting rather than left to ON CONFLICT alone: a
    // conflicting row would still draw a seq from the identity, and seqs are to run without
    // gaps, as on a file. ON CONFLICT stays as the guard (the writer lock keeps it from firing;
    // if it did, the counts below would not add up and the import stops). Later rows of a key
    // meet the first as a stored original.
    QSqlQuery ins = m_db.execNative(
        QStringLiteral("WITH firsts AS (SELECT DISTINCT ON (idempotency_key) ord FROM orb_import_staging ORDER BY idempotency_key, ord), "
                       "ins AS (INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, "
                       "status, backfill_id, ingested_at) "
                       "SELECT s.key_hash, s.idempotency_key, s.event_name, s.ts, s.customer_id, s.external_customer_id, s.properties, %1, "
                       "CAST(? AS TEXT), %2 FROM orb_import_staging s JOIN firsts f ON f.ord = s.ord "
                       "WHERE NOT EXISTS (SELECT 1 FROM usage_events o WHERE o.idempotency_key = s.idempotency_key AND o.amends IS NULL) "
                       "ORDER BY s.ord "
                       "ON CONFLICT (idempotency_key) WHERE amends IS NULL DO NOTHING "
                       "RETURNING 1) "
                       "SELECT COUNT(*) FROM ins")
            .arg(int(status))
            .arg(ingestedAtMs),
        {backfillId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QString::fromUtf8(backfillId))});
    const qint64 inserted = ins.next() ? ins.value(0).toLongLong() : -1;
    if (inserted == qint64(rows.size()))
        return; // every row a new key: nothing to compare
    // The rows that did not go in: each meets the original of its key (stored before, or
    // inserted by an earlier row of this batch) and is a Duplicate when the body is the same.
    QSqlQuery q = m_db.execNative(
        QStringLiteral("SELECT s.ord, (e.ts = s.ts AND e.event_name IS NOT DISTINCT FROM s.event_name AND e.customer_id IS NOT DISTINCT FROM s.customer_id "
                       "AND e.external_customer_id IS NOT DISTINCT FROM s.external_customer_id AND e.properties = s.properties) "
                       "FROM (SELECT *, ord = min(ord) OVER (PARTITION BY idempotency_key) AS first FROM orb_import_staging) s "
                       "JOIN usage_events e ON e.idempotency_key = s.idempotency_key AND e.amends IS NULL "
                       "WHERE e.seq <= %1 OR NOT s.first")
            .arg(before));
    qsizetype skipped = 0;
    while (q.next()) {
        const qint64 ord = q.value(0).toLongLong();
        if (ord < 0 || ord >= qint64(outcomes.size()))
            continue;
        outcomes[size_t(ord)] = q.value(1).toBool() ? Outcome::Duplicate : Outcome::Conflict;
        ++skipped;
    }
    if (inserted + skipped != qint64(rows.size()))
        throw ServiceError::storage(QStringLiteral("the company server stored %1 of %2 imported rows and matched %3 others; nothing was imported")
                                        .arg(inserted)
                                        .arg(rows.size())
                                        .arg(skipped));
}

void ServerEventStore::flushKeys()
{
    if (m_pendingFrom < 0)
        return; // nothing inserted since the last flush
    // One directory row per customer ref of the transaction, as CustomerPostings writes them
    // on a file: the seqs ascending, comma-separated, with the events' time span. This
    // transaction's events are those above the seq it started after: the writer lock keeps
    // every other writer out until the commit.
    m_db.execNative(
        QStringLiteral("INSERT INTO usage_customer_postings (ref, ts_min, ts_max, seqs) "
                       "SELECT ref, min(ts), max(ts), string_agg(CAST(seq AS TEXT), ',' ORDER BY seq) FROM ("
                       "SELECT 'c' || customer_id AS ref, ts, seq FROM usage_events WHERE seq > ? AND customer_id IS NOT NULL AND customer_id <> '' "
                       "UNION ALL SELECT 'x' || external_customer_id, ts, seq FROM usage_events WHERE seq > ? AND external_customer_id IS NOT NULL "
                       "AND external_customer_id <> '') p "
                       "GROUP BY ref ORDER BY min(seq), ref"),
        {m_pendingFrom, m_pendingFrom});
    m_pendingFrom = -1;
}

bool ServerEventStore::findOriginal(const UsageEventRow &row, UsageEventRow *stored)
{
    QSqlQuery q = m_db.execNative(QStringLiteral("SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events "
                                                 "WHERE idempotency_key = ? AND amends IS NULL"),
                                  {QString::fromUtf8(row.idempotencyKey)});
    if (!q.next())
        return false;
    if (stored) {
        stored->idempotencyKey = row.idempotencyKey;
        stored->keyHash = row.keyHash;
        stored->eventName = q.value(0).toString().toUtf8();
        stored->tsMs = q.value(1).toLongLong();
        stored->customerId = q.value(2).toString().toUtf8();
        stored->externalCustomerId = q.value(3).toString().toUtf8();
        stored->properties = q.value(4).toString().toUtf8();
    }
    return true;
}

} // namespace orb
