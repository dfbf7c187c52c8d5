#pragma once

#include "engine/metrics/Event.h"
#include "models/usage/ImportReader.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace orb {

class Clock;
class CompanyFile;

/// How to import a file.
struct ImportOptions {
    ImportReader::Format format = ImportReader::Format::JsonLines;
    QString backfillId;                      ///< events go into this pending backfill
    QHash<QString, QString> propertyColumns; ///< CSV column → property name
    /// Rows per committed checkpoint: each checkpoint's keys become one sorted run of the key
    /// index (UsageKeyIndex), so large checkpoints mean few runs to merge; small enough that a
    /// crash loses little work.
    qint64 checkpointRows = 250000;
    /// Called after each batch with the bytes read so far and the file's size.
    std::function<void(qint64 done, qint64 total)> progress;
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
};

/// The outcome of ingesting one event.
enum class IngestOutcome { Accepted, Duplicate, Rejected };
struct IngestResult {
    IngestOutcome outcome = IngestOutcome::Rejected;
    QString reason; ///< why it was rejected
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
    /// The rejected rows of an import, by line.
    QList<ImportReject> rejects(const QString &importId) const;

    /// Ingests events in one transaction; one result per event, in order.
    QList<IngestResult> ingest(const QList<Event> &events, const QString &backfillId = {});

private:
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
