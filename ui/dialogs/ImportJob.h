// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/BackgroundJob.h"
#include "models/usage/EventImporter.h"

#include <QObject>

namespace orb {

class Clock;

/**
 * Imports one file of usage events in the background, for the window: a BackgroundJob opens
 * its own connection to the company file and runs EventImporter::importFile, reporting
 * progress through queued signals. Cancelling stops the import at its last committed
 * checkpoint; importing the same file again resumes there.
 */
class ImportJob final : public QObject
{
    Q_OBJECT

public:
    /// What a finished import hands back.
    struct Result {
        ImportSummary summary;
        QList<ImportReject> rejects; ///< every rejected row of the import, by line
        QString error;               ///< set when the import failed; the summary is then empty
    };

    explicit ImportJob(QObject *parent = nullptr);
    ~ImportJob() override;

    /// Starts importing `path` into the company file at `companyPath`; false when an import is
    /// already running. `clock` must outlive the job. The options' callbacks are the job's own.
    bool start(const QString &companyPath, const Clock &clock, const QString &path, const ImportOptions &options);
    /// Asks the import to stop at its last checkpoint; finished() follows.
    void cancel() { m_job->cancel(); }
    bool isCancelRequested() const { return m_job->isCancelRequested(); }
    bool isRunning() const { return m_job->isRunning(); }
    /// Waits until the worker has ended (closing the window).
    void wait() { m_job->wait(); }
    /// The last import's outcome; valid once finished() was emitted.
    const Result &result() const { return m_result; }

signals:
    /// Bytes of the file read so far and its size; emitted from the worker thread.
    void progress(qint64 done, qint64 total);
    /// The worker has ended (in the job's thread, after the worker thread finished).
    void finished();

private:
    BackgroundJob *m_job;
    Result m_result;
};

} // namespace orb
