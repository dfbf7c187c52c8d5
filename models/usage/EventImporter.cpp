// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/EventImporter.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/usage/CsvReader.h"
#include "models/usage/IngestRules.h"
#include "models/usage/ServerEventImport.h"
#include "models/usage/UsageEventStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace orb {

namespace {

constexpr qsizetype BatchRows = 20000;
/// Above this many stored events the in-memory key filter (16 to 32 bytes an event) is not
/// built and every key is looked up in the key index instead (UsageKeyIndex::find).
constexpr qint64 KeyFilterMaxRows = 20'000'000;

/// Rows parsed and checked by the reader thread, handed to the writer in file order.
struct Batch {
    std::vector<UsageEventRow> rows;
    QList<ImportReject> rejects;
    qint64 records = 0;
    qint64 endOffset = 0;
    qint64 endLine = 0;
    bool last = false;
};

/// A small bounded queue between the two threads: bounded so memory is too.
class BatchQueue
{
public:
    /// False when the writer has stopped: the reader then stops too.
    bool push(Batch &&b)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < 3 || m_stop; });
        if (m_stop)
            return false;
        m_items.push_back(std::move(b));
        m_notEmpty.notify_one();
        return true;
    }
    bool pop(Batch &b)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_stop; });
        if (m_items.empty())
            return false;
        b = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return true;
    }
    /// The writer hands the rows of a finished batch back, so that the reader thread frees
    /// them (and reuses the vector): freeing 100 000 byte arrays a batch is not the writer's job.
    void giveBack(std::vector<UsageEventRow> &&rows)
    {
        std::lock_guard lock(m_mutex);
        m_spent.push_back(std::move(rows));
    }
    bool takeSpent(std::vector<UsageEventRow> &rows)
    {
        std::lock_guard lock(m_mutex);
        if (m_spent.empty())
            return false;
        rows = std::move(m_spent.front());
        m_spent.pop_front();
        return true;
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    std::deque<Batch> m_items;
    std::deque<std::vector<UsageEventRow>> m_spent;
    bool m_stop = false;
};

/// Turns the automatic WAL checkpoint off for the import; on the way out restores it and runs
/// one passive checkpoint.
class BulkWalGuard
{
public:
    explicit BulkWalGuard(sqlite3 *db) : m_db(db)
    {
        m_previous = pragmaInt("PRAGMA wal_autocheckpoint");
        if (m_previous > 0)
            sqlite3_exec(m_db, "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
    }
    ~BulkWalGuard()
    {
        if (m_previous <= 0)
            return;
        const QByteArray restore = "PRAGMA wal_autocheckpoint = " + QByteArray::number(m_previous);
        sqlite3_exec(m_db, restore.constData(), nullptr, nullptr, nullptr);
        if (sqlite3_get_autocommit(m_db))
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    BulkWalGuard(const BulkWalGuard &) = delete;
    BulkWalGuard &operator=(const BulkWalGuard &) = delete;

private:
    int pragmaInt(const char *sql)
    {
        SqliteStatement s(m_db, sql, "reading the WAL settings");
        return s.next() ? sqlite3_column_int(s, 0) : -1;
    }

    sqlite3 *m_db;
    int m_previous = -1;
};

/// Size plus a hash of the head and tail of the file: cheap for any size, and a file that was
/// edited or replaced is a new import rather than a resumption at the wrong place.
QString fileIdentity(const QString &path, const ImportOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ServiceError::invalid(QStringLiteral("%1: cannot read the file: %2").arg(path, f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    const qint64 size = f.size();
    h.addData(QByteArray::number(size));
    h.addData(f.read(65536));
    if (size > 65536) {
        f.seek(std::max<qint64>(65536, size - 65536));
        h.addData(f.read(65536));
    }
    h.addData(options.format == ImportReader::Format::Csv ? QByteArrayView("csv") : QByteArrayView("jsonl"));
    h.addData(options.backfillId.toUtf8());
    // In a fixed order: QHash's order changes from one process to the next.
    auto addMap = [&h](const QHash<QString, QString> &map, const QString &prefix) {
        QStringList keys = map.keys();
        keys.sort();
        for (const QString &k : std::as_const(keys))
            h.addData((prefix + k + QLatin1Char('=') + map.value(k) + QLatin1Char(';')).toUtf8());
    };
    addMap(options.propertyColumns, QString());
    addMap(options.fieldColumns, QStringLiteral("field:"));
    QStringList ignored(options.ignoredColumns.cbegin(), options.ignoredColumns.cend());
    ignored.sort();
    for (const QString &c : std::as_const(ignored))
        h.addData((QStringLiteral("ignore:") + c + QLatin1Char(';')).toUtf8());
    return QString::fromLatin1(h.result().toHex());
}

std::unique_ptr<ImportReader> openReader(const QString &path, const ImportOptions &options)
{
    return ImportReader::open(path, options.format, CsvColumnMap{options.fieldColumns, options.propertyColumns, options.ignoredColumns});
}

QString conflictReason(const QByteArray &key)
{
    return QStringLiteral("idempotency_key: \"%1\" was already ingested with a different body").arg(QString::fromUtf8(key));
}

} // namespace

EventImporter::EventImporter(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

namespace {

/// Step 1 of an import: finds the unfinished import of the same file (same identity) and
/// seeks the reader past its last checkpoint, or records a new import in its own transaction.
ImportSummary openImport(Database &db, const Clock &clock, const QString &path, const ImportOptions &options, const QString &identity, ImportReader &reader)
{
    ImportSummary summary;
    qint64 position = 0, line = 0;
    {
        QSqlQuery q = db.exec(QStringLiteral("SELECT id, position, line, accepted, duplicates, rejected FROM usage_imports "
                                             "WHERE file_identity = ? AND status = 'running' ORDER BY started_at DESC LIMIT 1"),
                              {identity});
        if (q.next()) {
            summary.importId = q.value(0).toString();
            position = q.value(1).toLongLong();
            line = q.value(2).toLongLong();
            summary.accepted = q.value(3).toLongLong();
            summary.duplicates = q.value(4).toLongLong();
            summary.rejected = q.value(5).toLongLong();
            summary.resumedAtLine = line;
        }
    }
    if (summary.importId.isEmpty()) {
        summary.importId = newId();
        UnitOfWork uow(db);
        db.exec(QStringLiteral("INSERT INTO usage_imports (id, file_identity, path, format, backfill_id, status, started_at) "
                               "VALUES (?, ?, ?, ?, ?, 'running', ?)"),
                {summary.importId, identity, QFileInfo(path).absoluteFilePath(),
                 options.format == ImportReader::Format::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl"),
                 options.backfillId.isEmpty() ? QVariant() : QVariant(options.backfillId), toIsoUtc(clock.now())});
        uow.commit();
    } else if (position > 0) {
        reader.seek(position, line);
    }
    return summary;
}

/// Step 2, on the reader thread: reads, parses, applies the rules and hands batches of rows
/// (and the rows rejected on the way) to the writer in file order, until the file ends or the
/// writer stops.
void parseBatches(ImportReader &reader, const IngestRules &rules, qint64 batchRows, BatchQueue &queue)
{
    ImportRecord rec;
    Batch batch;
    batch.rows.reserve(size_t(std::min<qint64>(batchRows, BatchRows)));
    bool more = true;
    while (more) {
        rec.hasRow = false;
        more = reader.next(rec);
        if (more) {
            ++batch.records;
            if (!rec.hasRow && !rec.event) {
                batch.rejects.append({rec.line, rec.error});
            } else {
                UsageEventRow row = rec.hasRow ? std::move(rec.row) : UsageEventRow::fromEvent(*rec.event);
                row.line = rec.line;
                const QString why = rules.check(row);
                if (why.isEmpty())
                    batch.rows.push_back(std::move(row));
                else
                    batch.rejects.append({rec.line, why});
            }
        }
        if (!more || batch.records >= batchRows) {
            batch.endOffset = reader.offset();
            batch.endLine = reader.line();
            batch.last = !more;
            if (!queue.push(std::move(batch)))
                break; // the writer stopped (cancelled or failed)
            batch = Batch();
            if (queue.takeSpent(batch.rows))
                batch.rows.clear(); // frees the rows here, keeps the capacity
            else
                batch.rows.reserve(size_t(std::min<qint64>(batchRows, BatchRows)));
        }
    }
}

/// Step 3, on the calling thread: stores the batches and commits them in checkpoints. `Store`
/// is UsageEventStore on a company file, ServerEventStore on a company server.
template <class Store>
class ImportWriter final
{
public:
    ImportWriter(Database &db, Store &store, const Clock &clock, const ImportOptions &options, ImportSummary &summary)
        : m_db(db), m_store(store), m_clock(clock), m_options(options), m_summary(summary),
          m_status(options.backfillId.isEmpty() ? UsageEventStatus::Active : UsageEventStatus::Pending), m_backfillId(options.backfillId.toUtf8())
    {
    }

    /// Stores one batch's rows and rejects in the open transaction; counts them.
    void write(Batch &batch, qint64 ingestedAt)
    {
        // In file order: live events arrive in time order, so the time index is appended to.
        m_store.insertBatch(batch.rows, m_status, m_backfillId, ingestedAt, m_outcomes);
        for (size_t i = 0; i < batch.rows.size(); ++i) {
            const UsageEventRow &row = batch.rows[i];
            switch (m_outcomes[i]) {
            case UsageEventStore::Outcome::Inserted:
                ++m_summary.accepted;
                ++m_backfillAccepted;
                break;
            case UsageEventStore::Outcome::Duplicate: ++m_summary.duplicates; break;
            case UsageEventStore::Outcome::Conflict: batch.rejects.append({row.line, conflictReason(row.idempotencyKey)}); break;
            }
        }
        m_summary.rejected += batch.rejects.size();
        for (const ImportReject &r : std::as_const(batch.rejects))
            if (m_db.isServer())
                m_db.execNative(QStringLiteral("INSERT INTO usage_import_rejects (import_id, line, reason) VALUES (?, ?, ?) "
                                               "ON CONFLICT (import_id, line) DO UPDATE SET reason = excluded.reason"),
                                {m_summary.importId, r.line, r.reason});
            else
                m_db.exec(QStringLiteral("INSERT OR REPLACE INTO usage_import_rejects (import_id, line, reason) VALUES (?, ?, ?)"),
                          {m_summary.importId, r.line, r.reason});
        m_sinceCommit += batch.records;
    }

    bool checkpointDue() const { return m_sinceCommit >= m_options.checkpointRows; }

    /// Commits what was written with the file position after it, the counts and the key run:
    /// one transaction, so a crash never leaves half a checkpoint. `done` marks the import so.
    void checkpoint(qint64 position, qint64 line, bool done)
    {
        m_db.exec(QStringLiteral("UPDATE usage_imports SET position = ?, line = ?, accepted = ?, duplicates = ?, rejected = ?, "
                                 "status = ?, finished_at = ? WHERE id = ?"),
                  {position, line, m_summary.accepted, m_summary.duplicates, m_summary.rejected, done ? QStringLiteral("done") : QStringLiteral("running"),
                   done ? QVariant(toIsoUtc(m_clock.now())) : QVariant(), m_summary.importId});
        if (!m_options.backfillId.isEmpty() && m_backfillAccepted > 0)
            m_db.exec(QStringLiteral("UPDATE usage_backfills SET events_ingested = events_ingested + ? WHERE id = ?"),
                      {m_backfillAccepted, m_options.backfillId});
        // The checkpoint's keys become one sorted run of the key index, in the same commit.
        m_store.flushKeys();
        m_db.commit();
        m_committed = m_summary;
        m_committed.resumeLine = line;
        m_sinceCommit = m_backfillAccepted = 0;
    }

    /// What the last checkpoint committed (what a cancelled import reports).
    ImportSummary &committed() { return m_committed; }

private:
    Database &m_db;
    Store &m_store;
    const Clock &m_clock;
    const ImportOptions &m_options;
    ImportSummary &m_summary;
    const UsageEventStatus m_status;
    const QByteArray m_backfillId;
    std::vector<UsageEventStore::Outcome> m_outcomes;
    ImportSummary m_committed;
    qint64 m_sinceCommit = 0;
    qint64 m_backfillAccepted = 0;
};

} // namespace

namespace {

/// Steps 2 and 3 of importFile() with the engine's store.
template <class Store>
ImportSummary runImport(Database &db, Store &store, const Clock &clock, const IngestRules &rules, ImportReader *reader, const ImportOptions &options,
                        ImportSummary summary)
{
    store.tuneForBulkIngest();
    ImportWriter<Store> writer(db, store, clock, options, summary);
    // What is committed: a cancelled import reports this and a re-run goes on from it.
    writer.committed() = summary;
    writer.committed().resumeLine = reader->line();

    // Parsing on a second thread while this one deduplicates and writes: both cores busy.
    BatchQueue queue;
    std::exception_ptr readerError;
    std::thread parser([&] {
        try {
            parseBatches(*reader, rules, std::max<qint64>(1, options.batchRows), queue);
        } catch (...) {
            readerError = std::current_exception();
            queue.stop();
        }
    });

    try {
        db.begin();
        store.loadKeyFilter(KeyFilterMaxRows);
        Batch batch;
        while (queue.pop(batch)) {
            if (options.cancelled && options.cancelled()) {
                writer.committed().cancelled = true;
                break;
            }
            writer.write(batch, rules.nowMs());
            queue.giveBack(std::move(batch.rows));
            batch.rows.clear();
            if (batch.last) {
                writer.checkpoint(batch.endOffset, batch.endLine, true);
                break;
            }
            if (writer.checkpointDue()) {
                writer.checkpoint(batch.endOffset, batch.endLine, false);
                db.begin();
                store.keyFilterStillValid(); // another writer in between: back to key index lookups
            }
            if (options.progress)
                options.progress(batch.endOffset, reader->size());
        }
    } catch (...) {
        queue.stop();
        parser.join();
        if (db.inTransaction())
            db.rollback();
        throw;
    }
    queue.stop(); // after a cancel the reader may still be waiting to hand over a batch
    parser.join();
    if (db.inTransaction())
        db.rollback(); // a cancel: what came after the last checkpoint
    if (writer.committed().cancelled)
        return writer.committed();
    if (readerError)
        std::rethrow_exception(readerError);
    if (options.progress)
        options.progress(reader->size(), reader->size());
    return summary;
}

} // namespace

ImportSummary EventImporter::importFile(const QString &path, const ImportOptions &options)
{
    Database &db = m_file.db();
    if (db.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was imported").arg(db.path()));
    const IngestRules rules = IngestRules::load(m_file, m_clock, options.backfillId);
    std::unique_ptr<ImportReader> reader = openReader(path, options);
    ImportSummary summary = openImport(db, m_clock, path, options, fileIdentity(path, options), *reader);
    if (db.isServer()) {
        // COPY into a staging table, deduplicated by the server's unique key index.
        ServerEventStore store(db);
        return runImport(db, store, m_clock, rules, reader.get(), options, summary);
    }
    UsageEventStore store(db);
    // No automatic WAL checkpoint at every import checkpoint: pages written by several
    // commits (the key index) are copied to the database once, at the end.
    const BulkWalGuard walGuard(db.sqliteHandle());
    return runImport(db, store, m_clock, rules, reader.get(), options, summary);
}

ImportPreview EventImporter::preview(const QString &path, const ImportOptions &options, int maxRows)
{
    const IngestRules rules = IngestRules::load(m_file, m_clock, options.backfillId);
    std::unique_ptr<ImportReader> reader = openReader(path, options);
    // Lookups only: nothing is inserted.
    std::optional<UsageEventStore> fileStore;
    std::optional<ServerEventStore> serverStore;
    if (m_file.db().isServer())
        serverStore.emplace(m_file.db());
    else
        fileStore.emplace(m_file.db());
    const auto findOriginal = [&](const UsageEventRow &row, UsageEventRow *stored) {
        return serverStore ? serverStore->findOriginal(row, stored) : fileStore->findOriginal(row, stored);
    };
    // The rows accepted so far, by key: a later row with the same key meets them as the import's
    // store would (a duplicate, or a conflict when the body differs).
    QHash<QByteArray, UsageEventRow> accepted;
    ImportPreview out;
    ImportRecord rec;
    for (;;) {
        rec.hasRow = false;
        if (!reader->next(rec)) {
            out.wholeFile = true;
            break;
        }
        if (out.rows.size() >= maxRows)
            break; // there is more than the preview shows
        ImportPreviewRow r;
        r.line = rec.line;
        if (!rec.hasRow && !rec.event) {
            r.reason = rec.error;
        } else {
            r.row = rec.hasRow ? std::move(rec.row) : UsageEventRow::fromEvent(*rec.event);
            r.row.line = rec.line;
            r.parsed = true;
            r.reason = rules.check(r.row);
            if (r.reason.isEmpty()) {
                UsageEventRow stored;
                const auto earlier = accepted.constFind(r.row.idempotencyKey);
                const bool known = earlier != accepted.constEnd() ? (stored = *earlier, true) : findOriginal(r.row, &stored);
                if (!known) {
                    r.outcome = IngestOutcome::Accepted;
                    accepted.insert(r.row.idempotencyKey, r.row);
                } else if (stored.sameBody(r.row)) {
                    r.outcome = IngestOutcome::Duplicate;
                } else {
                    r.reason = conflictReason(r.row.idempotencyKey);
                }
            }
        }
        switch (r.outcome) {
        case IngestOutcome::Accepted: ++out.accepted; break;
        case IngestOutcome::Duplicate: ++out.duplicates; break;
        case IngestOutcome::Rejected: ++out.rejected; break;
        }
        out.rows.append(std::move(r));
    }
    return out;
}

PastGraceEvents EventImporter::scanPastGrace(const QString &path, const ImportOptions &options, qint64 cutoffMs, const std::function<bool()> &cancelled)
{
    std::unique_ptr<ImportReader> reader = openReader(path, options);
    PastGraceEvents out;
    qint64 first = 0, last = 0;
    qint64 rows = 0;
    ImportRecord rec;
    for (;;) {
        rec.hasRow = false;
        if (!reader->next(rec))
            break;
        if (cancelled && (++rows % 4096) == 0 && cancelled())
            return {};
        if (!rec.hasRow && !rec.event)
            continue;
        const UsageEventRow row = rec.hasRow ? std::move(rec.row) : UsageEventRow::fromEvent(*rec.event);
        if (row.tsMs >= cutoffMs) {
            ++out.newer;
            continue;
        }
        if (out.count == 0 || row.tsMs < first)
            first = row.tsMs;
        if (out.count == 0 || row.tsMs > last)
            last = row.tsMs;
        ++out.count;
        if (!row.customerId.isEmpty())
            out.customerIds.insert(QString::fromUtf8(row.customerId));
        else if (!row.externalCustomerId.isEmpty())
            out.externalCustomerIds.insert(QString::fromUtf8(row.externalCustomerId));
    }
    if (out.count > 0) {
        out.first = QDateTime::fromMSecsSinceEpoch(first, Qt::UTC);
        out.last = QDateTime::fromMSecsSinceEpoch(last, Qt::UTC);
    }
    return out;
}

bool EventImporter::writeRejects(const QList<ImportReject> &rejects, const QString &path, QString *error)
{
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        for (const ImportReject &r : rejects)
            f.write(QJsonDocument(QJsonObject{{QStringLiteral("line"), r.line}, {QStringLiteral("reason"), r.reason}}).toJson(QJsonDocument::Compact) + '\n');
        if (f.commit())
            return true;
    }
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
    return false;
}

QList<ImportReject> EventImporter::rejects(const QString &importId) const
{
    QList<ImportReject> out;
    QSqlQuery q = m_file.db().exec(QStringLiteral("SELECT line, reason FROM usage_import_rejects WHERE import_id = ? ORDER BY line"), {importId});
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString()});
    return out;
}

QList<IngestResult> EventImporter::ingest(const QList<Event> &events, const QString &backfillId)
{
    QList<UsageEventRow> rows;
    rows.reserve(events.size());
    for (const Event &e : events)
        rows.append(UsageEventRow::fromEvent(e));
    return ingestRows(rows, backfillId);
}

namespace {

/// The customer ids the rows name (the rules load only those customers).
QSet<QByteArray> customersNamed(const QList<UsageEventRow> &rows)
{
    QSet<QByteArray> named;
    for (const UsageEventRow &row : rows)
        if (!row.customerId.isEmpty())
            named.insert(row.customerId);
    return named;
}

/// ingestRows() on a company server: the rows the rules accept go to the server store as one
/// batch (the same outcomes, in order, as one insert after another on a file).
QList<IngestResult> ingestRowsOnServer(Database &db, const IngestRules &rules, const QList<UsageEventRow> &rows, const QString &backfillId)
{
    QList<IngestResult> results(rows.size());
    std::vector<UsageEventRow> checked;
    std::vector<qsizetype> at;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        results[i].reason = rules.check(rows[i]);
        if (results[i].reason.isEmpty()) {
            checked.push_back(rows[i]);
            at.push_back(i);
        }
    }
    ServerEventStore store(db);
    std::vector<ServerEventStore::Outcome> outcomes;
    store.insertBatch(checked, backfillId.isEmpty() ? UsageEventStatus::Active : UsageEventStatus::Pending, backfillId.toUtf8(), rules.nowMs(), outcomes);
    qint64 accepted = 0;
    for (size_t k = 0; k < checked.size(); ++k) {
        IngestResult &r = results[at[k]];
        switch (outcomes[k]) {
        case ServerEventStore::Outcome::Inserted:
            r.outcome = IngestOutcome::Accepted;
            ++accepted;
            break;
        case ServerEventStore::Outcome::Duplicate: r.outcome = IngestOutcome::Duplicate; break;
        case ServerEventStore::Outcome::Conflict: r.reason = conflictReason(checked[k].idempotencyKey); break;
        }
    }
    if (!backfillId.isEmpty() && accepted > 0)
        db.exec(QStringLiteral("UPDATE usage_backfills SET events_ingested = events_ingested + ? WHERE id = ?"), {accepted, backfillId});
    store.flushKeys();
    return results;
}

} // namespace

QList<IngestResult> EventImporter::ingestRows(const QList<UsageEventRow> &rows, const QString &backfillId)
{
    Database &db = m_file.db();
    if (db.isServer()) {
        const IngestRules rules = IngestRules::load(m_file, m_clock, backfillId, customersNamed(rows));
        UnitOfWork uow(db);
        QList<IngestResult> results = ingestRowsOnServer(db, rules, rows, backfillId);
        uow.commit();
        return results;
    }
    UsageEventStore store(db);
    return ingestRows(rows, backfillId, store, 0);
}

QList<IngestResult> EventImporter::ingestRows(const QList<UsageEventRow> &rows, const QString &backfillId, UsageEventStore &store, qint64 keyFilterMaxRows)
{
    Database &db = m_file.db();
    const IngestRules rules = IngestRules::load(m_file, m_clock, backfillId, customersNamed(rows));
    UnitOfWork uow(db);
    // The file import's write path: the rows that pass the rules go through insertBatch, their
    // keys buffered and written at the end as one sorted run (a list that fills a key block)
    // and one directory row per customer, so a list of a few hundred events dirties a few
    // appended pages instead of one random page of the key index per event.
    store.bufferPostings();
    store.bufferKeys(UsageKeyIndex::BlockEntries);
    if (keyFilterMaxRows > 0 && !store.keyFilterStillValid())
        store.loadKeyFilter(keyFilterMaxRows);
    const UsageEventStatus status = backfillId.isEmpty() ? UsageEventStatus::Active : UsageEventStatus::Pending;
    QList<IngestResult> results(rows.size());
    std::vector<UsageEventRow> passed;
    std::vector<qsizetype> at; // the position in `rows` of each passed row
    passed.reserve(size_t(rows.size()));
    at.reserve(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        results[i].reason = rules.check(rows[i]);
        if (results[i].reason.isEmpty()) {
            passed.push_back(rows[i]);
            at.push_back(i);
        }
    }
    try {
        std::vector<UsageEventStore::Outcome> outcomes;
        store.insertBatch(passed, status, backfillId.toUtf8(), rules.nowMs(), outcomes);
        qint64 accepted = 0;
        for (size_t j = 0; j < passed.size(); ++j) {
            IngestResult &r = results[at[j]];
            switch (outcomes[j]) {
            case UsageEventStore::Outcome::Inserted:
                r.outcome = IngestOutcome::Accepted;
                ++accepted;
                break;
            case UsageEventStore::Outcome::Duplicate: r.outcome = IngestOutcome::Duplicate; break;
            case UsageEventStore::Outcome::Conflict: r.reason = conflictReason(passed[j].idempotencyKey); break;
            }
        }
        if (!backfillId.isEmpty() && accepted > 0)
            db.exec(QStringLiteral("UPDATE usage_backfills SET events_ingested = events_ingested + ? WHERE id = ?"), {accepted, backfillId});
        store.flushKeys();
        uow.commit();
    } catch (...) {
        store.discardPendingKeys(); // the transaction is rolled back: so are the buffered keys
        throw;
    }
    return results;
}

} // namespace orb
