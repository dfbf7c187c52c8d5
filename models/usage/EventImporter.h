// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/Event.h"
#include "models/usage/ImportReader.h"
#include "models/usage/UsageEventRow.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace orb {

class Clock;
class CompanyFile;
class UsageEventStore;

/// How to import a file.
struct ImportOptions {
    ImportReader::Format format = ImportReader::Format::JsonLines;
    QString backfillId;                      ///< events go into this pending backfill
    QHash<QString, QString> propertyColumns; ///< CSV column → property name
    /// CSV: Orb field (event_name, timestamp, idempotency_key, customer_id,
    /// external_customer_id) → the column that holds it, for headers named otherwise.
    QHash<QString, QString> fieldColumns;
    QSet<QString> ignoredColumns; ///< CSV columns that are not imported
    /// Rows per committed checkpoint: each checkpoint's keys become one sorted run of the key
    /// index (UsageKeyIndex), so large checkpoints mean few runs to merge; small enough that a
    /// crash loses little work.
    qint64 checkpointRows = 250000;
    /// Rows read and checked per batch, the unit handed from the reader thread to the writer:
    /// progress and cancellation are looked at once a batch, and a checkpoint commits after the
    /// first batch that reaches checkpointRows.
    qint64 batchRows = 20000;
    /// Called after each batch with the bytes read so far and the file's size.
    std::function<void(qint64 done, qint64 total)> progress;
    /// Asked before each batch is written: true stops the import at the last committed
    /// checkpoint (what came after it is rolled back); importing the same file again resumes there.
    std::function<bool()> cancelled;
};

/// A rejected row: where and why.
struct ImportReject {
    qint64 line = 0;
    QString reason;
};

/// The outcome of an import (counts include the rows of an interrupted earlier run it resumed).
struct ImportSummary {
    QString importId;
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    qint64 resumedAtLine = 0; ///< 0 unless an interrupted import was resumed
    bool cancelled = false;   ///< stopped by ImportOptions::cancelled: the counts are what was committed
    qint64 resumeLine = 0;    ///< after a cancel: the line a re-run of the same file goes on from
};

/// The outcome of ingesting one event.
enum class IngestOutcome { Accepted, Duplicate, Rejected };
struct IngestResult {
    IngestOutcome outcome = IngestOutcome::Rejected;
    QString reason; ///< why it was rejected
};

/// One row of a preview: what importing it would do.
struct ImportPreviewRow {
    qint64 line = 0;
    IngestOutcome outcome = IngestOutcome::Rejected;
    QString reason;      ///< why it would be rejected
    bool parsed = false; ///< `row` holds the event (it was read, even if a rule rejects it)
    UsageEventRow row;
};

/// The first rows of a file as an import would treat them, nothing written.
struct ImportPreview {
    QList<ImportPreviewRow> rows;
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    bool wholeFile = false; ///< the rows are all the file holds
};

/// The events of a file that are older than the grace period: what a backfill must hold.
struct PastGraceEvents {
    qint64 count = 0;
    QDateTime first; ///< the oldest such event's timestamp (UTC)
    QDateTime last;  ///< the newest such event's timestamp (UTC)
    /// The customers they name: customer ids, and external ids where no id is given.
    QSet<QString> customerIds;
    QSet<QString> externalCustomerIds;
    qint64 newer = 0; ///< the file's other events (within the grace period)
};

/**
 * Ingestion of usage events: single events (one transaction for the list) and whole files.
 *
 * A file is read and parsed on a second thread while this one deduplicates and writes, so
 * that parsing and SQLite use both cores. Rows are written in checkpoints: each checkpoint
 * commits its events, its rejected rows and the file position after its last row in one
 * transaction. A re-run of the same file (same size and content fingerprint) after a crash
 * resumes after the last checkpoint, so nothing is lost and nothing is counted twice; there
 * is never half a checkpoint.
 */
class EventImporter final
{
public:
    EventImporter(CompanyFile &file, const Clock &clock);

    ImportSummary importFile(const QString &path, const ImportOptions &options);
    /**
     * Reads the first `maxRows` rows of a file with the options' format and column map and
     * checks them exactly as importFile() would (the reader's parsing, the ingestion rules,
     * the idempotency keys against the stored events and each other), writing nothing.
     * Throws ServiceError(InvalidInput) as importFile() does for an unreadable file or header.
     */
    ImportPreview preview(const QString &path, const ImportOptions &options, int maxRows);
    /**
     * Reads the whole file with the options' format and column map and gathers the events
     * timestamped before `cutoffMs` (IngestRules::graceCutoffMs()). It touches no company file,
     * so it may run on a worker thread; `cancelled` (may be empty) is asked every few thousand
     * rows. Unreadable rows are skipped (the import reports them). Throws ServiceError as
     * importFile() does for an unreadable file or header.
     */
    static PastGraceEvents scanPastGrace(const QString &path, const ImportOptions &options, qint64 cutoffMs, const std::function<bool()> &cancelled = {});
    /// The rejected rows of an import, by line.
    QList<ImportReject> rejects(const QString &importId) const;
    /// Writes rejected rows as JSON Lines, one {"line": N, "reason": "…"} a row (the format of
    /// `orbctl events import --rejects`); false with the reason when the file cannot be written.
    static bool writeRejects(const QList<ImportReject> &rejects, const QString &path, QString *error);

    /// Ingests events in one transaction; one result per event, in order.
    QList<IngestResult> ingest(const QList<Event> &events, const QString &backfillId = {});
    /// The same for events already in their stored form (the API's parser builds them).
    QList<IngestResult> ingestRows(const QList<UsageEventRow> &rows, const QString &backfillId = {});
    /**
     * The same through a store the caller keeps from one call to the next (statements prepared
     * once). With keyFilterMaxRows > 0 the store keeps the file import's in-memory key filter
     * (loaded when missing or stale, up to that many stored events): the caller must drop the
     * store when anything else may have written events on this connection since its last call
     * (the filter only notices other connections' commits).
     */
    QList<IngestResult> ingestRows(const QList<UsageEventRow> &rows, const QString &backfillId, UsageEventStore &store, qint64 keyFilterMaxRows);

private:
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
