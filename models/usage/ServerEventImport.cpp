// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/ServerEventImport.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/usage/UsageMonthCounts.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <tuple>

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
    // nothing behind on the server. Created again after a rollback undid its creation (looked
    // up first: CREATE ... IF NOT EXISTS would print a notice every batch). The key compares
    // as bytes, as usage_events' does (migration 0040).
    QSqlQuery q = m_db.execNative(QStringLiteral("SELECT to_regclass('pg_temp.orb_import_keys') IS NOT NULL"));
    if (q.next() && q.value(0).toBool())
        return;
    m_db.execNative(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS orb_import_keys (ord BIGINT NOT NULL, idempotency_key TEXT COLLATE \"C\" NOT NULL) "
                                   "ON COMMIT DELETE ROWS"));
    m_db.execNative(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS orb_import_counts (month_start BIGINT NOT NULL, ref TEXT NOT NULL, events BIGINT NOT NULL) "
                                   "ON COMMIT DELETE ROWS"));
}

void ServerEventStore::startCopy(const char *sql, const QString &what)
{
    PGresult *res = PQexec(m_conn, sql);
    const bool ready = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!ready)
        throw ServiceError::storage(QStringLiteral("the company server refused %1: %2").arg(what, serverMessage(m_conn)));
    m_buffer.clear();
    m_copyFailed = false;
}

void ServerEventStore::sendCopy(bool all)
{
    // Sent in chunks of about 1 MB: bounded memory, few calls.
    if (m_buffer.isEmpty() || (!all && m_buffer.size() < (1 << 20)))
        return;
    if (!m_copyFailed && PQputCopyData(m_conn, m_buffer.constData(), int(m_buffer.size())) != 1)
        m_copyFailed = true;
    m_buffer.clear();
}

void ServerEventStore::endCopy(const QString &what)
{
    sendCopy(true);
    bool ok = PQputCopyEnd(m_conn, m_copyFailed ? "the import stopped sending" : nullptr) == 1 && !m_copyFailed;
    while (PGresult *r = PQgetResult(m_conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            ok = false;
        PQclear(r);
    }
    if (!ok)
        throw ServiceError::storage(QStringLiteral("the company server refused %1: %2").arg(what, serverMessage(m_conn)));
}

void ServerEventStore::insertBatch(const std::vector<UsageEventRow> &rows, UsageEventStatus status, const QByteArray &backfillId, qint64 ingestedAtMs,
                                   std::vector<Outcome> &outcomes)
{
    outcomes.assign(rows.size(), Outcome::Inserted);
    if (rows.empty())
        return;
    ensureTables();
    // 1. The first row of each key in the batch (keys compare as bytes, as on a file): a later
    // row of the key meets it, or the stored original, as its original.
    // Found by the key's hash (computed already, for the file's key index) and confirmed by
    // the key itself; two keys of the batch with one hash are told apart by the key alone.
    std::vector<size_t> firstOf(rows.size());
    m_firstByHash.clear();
    m_firstByHash.reserve(rows.size());
    m_firstByKey.clear();
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto [at, fresh] = m_firstByHash.try_emplace(rows[i].keyHash, i);
        if (fresh || rows[at->second].idempotencyKey == rows[i].idempotencyKey) {
            firstOf[i] = at->second;
            continue;
        }
        const auto byKey = m_firstByKey.constFind(rows[i].idempotencyKey);
        firstOf[i] = byKey == m_firstByKey.constEnd() ? i : *byKey;
        if (byKey == m_firstByKey.constEnd())
            m_firstByKey.insert(rows[i].idempotencyKey, i);
    }

    // 2. The stored originals of the batch's keys: the keys go to the server with COPY, and
    // each is looked up in the unique index of originals, one probe per key. OFFSET 0 keeps the
    // planner from a hash join with every stored event, which the statistics of a table that
    // grows by the batch while no ANALYZE has seen it would make it choose.
    // Named in its schema: the role check lets every role empty a temporary table of its own.
    m_db.execNative(QStringLiteral("TRUNCATE pg_temp.orb_import_keys"));
    startCopy("COPY orb_import_keys (ord, idempotency_key) FROM STDIN", QStringLiteral("the import's keys"));
    for (size_t i = 0; i < rows.size(); ++i) {
        if (firstOf[i] != i)
            continue;
        appendNumber(m_buffer, qint64(i));
        m_buffer.append('\t');
        appendField(m_buffer, rows[i].idempotencyKey, false);
        m_buffer.append('\n');
        sendCopy(false);
    }
    endCopy(QStringLiteral("the import's keys"));
    // No JIT for these statements: compiling them costs more than it saves at this size.
    m_db.execNative(QStringLiteral("SET LOCAL jit = off"));
    QHash<size_t, UsageEventRow> stored;
    {
        QSqlQuery q = m_db.execNative(
            QStringLiteral("SELECT k.ord, e.event_name, e.ts, e.customer_id, e.external_customer_id, e.properties FROM orb_import_keys k "
                           "CROSS JOIN LATERAL (SELECT o.event_name, o.ts, o.customer_id, o.external_customer_id, o.properties FROM usage_events o "
                           "WHERE o.idempotency_key = k.idempotency_key AND o.amends IS NULL OFFSET 0) e"));
        while (q.next()) {
            const qint64 ord = q.value(0).toLongLong();
            if (ord < 0 || ord >= qint64(rows.size()))
                continue;
            // Read back as UsageEventStore reads a stored original: NULL texts are empty.
            UsageEventRow o;
            o.eventName = q.value(1).toString().toUtf8();
            o.tsMs = q.value(2).toLongLong();
            o.customerId = q.value(3).toString().toUtf8();
            o.externalCustomerId = q.value(4).toString().toUtf8();
            o.properties = q.value(5).toString().toUtf8();
            stored.insert(size_t(ord), std::move(o));
        }
    }

    // 3. The outcomes, as UsageEventStore decides them: a key with an original is a Duplicate
    // when the body is the same, else a Conflict; the rest are inserted.
    qint64 toInsert = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto original = stored.constFind(firstOf[i]);
        if (original != stored.constEnd())
            outcomes[i] = original->sameBody(rows[i]) ? Outcome::Duplicate : Outcome::Conflict;
        else if (firstOf[i] != i)
            outcomes[i] = rows[firstOf[i]].sameBody(rows[i]) ? Outcome::Duplicate : Outcome::Conflict;
        else
            ++toInsert;
    }
    if (toInsert == 0)
        return;

    // 4. The new events straight into usage_events with COPY, in batch order, so their seqs
    // follow the file as on SQLite. The writer lock (Database::begin) keeps every other writer
    // out until the commit: no original of these keys can appear meanwhile, and should one
    // have, the unique index refuses the COPY and the import stops with nothing of the
    // checkpoint stored.
    qint64 before = 0;
    {
        QSqlQuery m = m_db.execNative(QStringLiteral("SELECT COALESCE(max(seq), 0) FROM usage_events"));
        if (m.next())
            before = m.value(0).toLongLong();
    }
    startCopy("COPY usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, backfill_id, "
              "ingested_at) FROM STDIN",
              QStringLiteral("the imported rows"));
    QByteArray tail; // the columns every row of the batch shares
    tail.append('\t');
    appendNumber(tail, qint64(status));
    tail.append('\t');
    appendField(tail, backfillId, true);
    tail.append('\t');
    appendNumber(tail, ingestedAtMs);
    tail.append('\n');
    for (size_t i = 0; i < rows.size(); ++i) {
        if (outcomes[i] != Outcome::Inserted)
            continue;
        const UsageEventRow &r = rows[i];
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
        m_buffer.append(tail);
        sendCopy(false);
    }
    endCopy(QStringLiteral("the imported rows"));

    // 5. Their seqs, for the customer directory: drawn one after another in batch order (no
    // other writer draws any under the writer lock), so the k-th inserted row has the k-th.
    // Should they not run without gaps, they are read back instead. (min and max over the
    // primary key are one index probe each, whatever the statistics say.)
    // Active events count in their month (pending ones once their backfill closes: the
    // server's trigger counts them then, as the file's does).
    const bool active = status == UsageEventStatus::Active;
    if (active && !m_monthsRead)
        monthOf(0); // the months read now, before the statements below stream
    QSqlQuery span = m_db.execNative(QStringLiteral("SELECT COALESCE(min(seq), 0), COALESCE(max(seq), 0) FROM usage_events WHERE seq > ?"), {before});
    const qint64 firstSeq = span.next() ? span.value(0).toLongLong() : 0;
    const qint64 lastSeq = span.value(1).toLongLong();
    span.finish();
    if (firstSeq > 0 && lastSeq - firstSeq + 1 == toInsert) {
        qint64 seq = firstSeq;
        for (size_t i = 0; i < rows.size(); ++i)
            if (outcomes[i] == Outcome::Inserted) {
                addPostings(rows[i].customerId, rows[i].externalCustomerId, rows[i].tsMs, seq++);
                if (active)
                    countInMonth(rows[i].customerId, rows[i].externalCustomerId, rows[i].tsMs);
            }
        return;
    }
    qint64 back = 0;
    std::vector<std::tuple<QByteArray, QByteArray, qint64>> counted;
    {
        QSqlQuery q =
            m_db.execNative(QStringLiteral("SELECT seq, ts, customer_id, external_customer_id FROM usage_events WHERE seq > ? ORDER BY seq"), {before});
        while (q.next()) {
            const QByteArray customerId = q.value(2).toString().toUtf8();
            const QByteArray externalId = q.value(3).toString().toUtf8();
            addPostings(customerId, externalId, q.value(1).toLongLong(), q.value(0).toLongLong());
            if (active)
                counted.emplace_back(customerId, externalId, q.value(1).toLongLong());
            ++back;
        }
    }
    // Counted once the rows are read to their end (the months may need a statement of their own).
    for (const auto &[customerId, externalId, tsMs] : counted)
        countInMonth(customerId, externalId, tsMs);
    if (back != toInsert)
        throw ServiceError::storage(QStringLiteral("the company server stored %1 of the %2 new imported rows; nothing was imported").arg(back).arg(toInsert));
}

void ServerEventStore::addPostings(const QByteArray &customerId, const QByteArray &externalCustomerId, qint64 tsMs, qint64 seq)
{
    // As CustomerPostings on a file: an event is listed under its customer id and under its
    // external id, each that it has.
    // Looked up by the id itself (no ref is built unless it is new).
    const auto add = [&](char prefix, const QByteArray &id, QHash<QByteArray, size_t> &index) {
        if (id.isEmpty())
            return;
        const auto at = index.constFind(id);
        if (at == index.constEnd()) {
            Posting p;
            p.ref.reserve(id.size() + 1);
            p.ref.append(prefix).append(id);
            p.tsMin = p.tsMax = tsMs;
            appendNumber(p.seqs, seq);
            index.insert(id, m_postings.size());
            m_postings.push_back(std::move(p));
            return;
        }
        Posting &p = m_postings[*at];
        p.tsMin = std::min(p.tsMin, tsMs);
        p.tsMax = std::max(p.tsMax, tsMs);
        p.seqs.append(',');
        appendNumber(p.seqs, seq);
    };
    add('c', customerId, m_postingByCustomer);
    add('x', externalCustomerId, m_postingByExternal);
}

qint64 ServerEventStore::monthOf(qint64 tsMs)
{
    if (!m_monthsRead) {
        m_months.clear();
        QSqlQuery q = m_db.execNative(QStringLiteral("SELECT start_ms, end_ms FROM usage_months ORDER BY start_ms"));
        while (q.next())
            m_months.emplace_back(q.value(0).toLongLong(), q.value(1).toLongLong());
        m_monthsRead = true;
    }
    // As orb_usage_month() and the file's UsageMonthCounts::monthOf(): the last month starting
    // at or before the instant, if the instant is before its end.
    auto at = std::upper_bound(m_months.begin(), m_months.end(), tsMs, [](qint64 ts, const std::pair<qint64, qint64> &m) { return ts < m.first; });
    if (at == m_months.begin())
        return UsageMonthCounts::OutsideMonths;
    --at;
    return tsMs < at->second ? at->first : UsageMonthCounts::OutsideMonths;
}

void ServerEventStore::countInMonth(const QByteArray &customerId, const QByteArray &externalCustomerId, qint64 tsMs)
{
    QPair<qint64, QByteArray> key(monthOf(tsMs), UsageMonthCounts::countRef(customerId, externalCustomerId));
    auto at = m_monthCounts.find(key);
    if (at == m_monthCounts.end()) {
        m_monthCounts.insert(key, 1);
        m_monthOrder.push_back(std::move(key));
    } else {
        ++*at;
    }
}

void ServerEventStore::flushKeys()
{
    if (!m_monthCounts.isEmpty()) {
        // The transaction's counts go to the server with COPY and are added in one statement,
        // as CustomerPostings::write() adds them on a file (one row per month and reference).
        ensureTables();
        startCopy("COPY orb_import_counts (month_start, ref, events) FROM STDIN", QStringLiteral("the import's month counts"));
        for (const auto &key : m_monthOrder) {
            appendNumber(m_buffer, key.first);
            m_buffer.append('\t');
            appendField(m_buffer, key.second, false);
            m_buffer.append('\t');
            appendNumber(m_buffer, m_monthCounts.value(key));
            m_buffer.append('\n');
            sendCopy(false);
        }
        endCopy(QStringLiteral("the import's month counts"));
        m_db.execNative(QStringLiteral("INSERT INTO usage_month_counts (month_start, ref, events) SELECT month_start, ref, events FROM orb_import_counts "
                                       "ON CONFLICT (month_start, ref) DO UPDATE SET events = usage_month_counts.events + excluded.events"));
        m_db.execNative(QStringLiteral("TRUNCATE pg_temp.orb_import_counts"));
        m_monthCounts.clear();
        m_monthOrder.clear();
    }
    m_monthsRead = false;
    if (m_postings.empty())
        return; // nothing inserted since the last flush
    // One directory row per customer ref of the transaction, as CustomerPostings writes them
    // on a file: the seqs ascending, comma-separated, with the events' time span, in the order
    // of each ref's first event (an event's customer id before its external id). Gathered
    // here as the batches went in, so the server neither reads the events back nor sorts them.
    startCopy("COPY usage_customer_postings (ref, ts_min, ts_max, seqs) FROM STDIN", QStringLiteral("the import's customer directory"));
    for (const Posting &p : m_postings) {
        appendField(m_buffer, p.ref, false);
        m_buffer.append('\t');
        appendNumber(m_buffer, p.tsMin);
        m_buffer.append('\t');
        appendNumber(m_buffer, p.tsMax);
        m_buffer.append('\t');
        m_buffer.append(p.seqs);
        m_buffer.append('\n');
        sendCopy(false);
    }
    endCopy(QStringLiteral("the import's customer directory"));
    m_postings.clear();
    m_postingByCustomer.clear();
    m_postingByExternal.clear();
}

void ServerEventStore::discardPendingKeys()
{
    m_monthCounts.clear();
    m_monthOrder.clear();
    m_monthsRead = false;
    m_postings.clear();
    m_postingByCustomer.clear();
    m_postingByExternal.clear();
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
