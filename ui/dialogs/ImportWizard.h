// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/EventImporter.h"

#include <QWizard>

namespace orb {

class Clock;
class CompanyFile;
class ImportJob;
class ImportWizardFilePage;
class ImportWizardMappingPage;
class ImportWizardPreviewPage;
class ImportWizardRunPage;

/**
 * Imports a file of usage events from the window: choose the file (and a pending backfill),
 * map a CSV file's columns to Orb's fields and properties, preview the first rows as the
 * import will treat them, then import in the background with progress and a Stop button, and
 * read (and save) the rejected rows. The same EventImporter as `orbctl events import` does
 * the work, so both accept, reject and resume alike.
 */
class ImportWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilePage, MappingPage, PreviewPage, RunPage };

    ImportWizard(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);
    ~ImportWizard() override;

    /// Preselects the file to import (a dropped file); the format follows from it.
    void setFilePath(const QString &path);
    QString filePath() const;
    ImportReader::Format format() const;
    /// The pending backfill chosen, or empty for live events.
    QString backfillId() const;
    /// Chooses a pending backfill (one just created from the preview) on the file page.
    void useBackfill(const QString &id);
    /// The options the preview and the import run with (no callbacks).
    ImportOptions importOptions() const;
    /**
     * Rows per committed checkpoint and per batch (ImportOptions' defaults unless set):
     * smaller values make progress and Stop finer-grained, at some cost in speed.
     */
    void setBatchSizes(qint64 checkpointRows, qint64 batchRows);

    CompanyFile &company() const { return m_file; }
    const Clock &clock() const { return m_clock; }
    ImportJob *job() const { return m_job; }
    /// Writes the rejected rows of the finished import as JSON Lines (the format of
    /// `orbctl events import --rejects`); returns the error, empty on success.
    QString saveRejects(const QString &path);

    /// The format of a file: from its extension (.csv; .jsonl, .ndjson, .json), else from
    /// its first character ('{' is JSON Lines, anything else CSV).
    static ImportReader::Format detectFormat(const QString &path);

public slots:
    /// Cancel or close: a running import is stopped first (at its last checkpoint).
    void reject() override;

signals:
    /// An import ended (finished, stopped or failed after some checkpoints): lists of events reload.
    void eventsImported();

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    ImportJob *m_job;
    ImportWizardFilePage *m_filePage;
    ImportWizardMappingPage *m_mappingPage;
    ImportWizardPreviewPage *m_previewPage;
    ImportWizardRunPage *m_runPage;
    qint64 m_checkpointRows;
    qint64 m_batchRows;
    bool m_closeWhenDone = false;
};

} // namespace orb
