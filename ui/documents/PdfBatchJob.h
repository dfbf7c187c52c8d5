// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/BackgroundJob.h"
#include "models/billing/InvoiceRepository.h"

#include <QObject>

namespace orb {

/**
 * Writes the PDFs of many invoices into a folder in the background, for the window: a
 * BackgroundJob opens its own connection to the company file, builds the documents and writes them
 * (DocumentExporter::writeBatch), reporting progress through queued signals. The window never
 * waits on it.
 */
class PdfBatchJob final : public QObject
{
    Q_OBJECT
public:
    explicit PdfBatchJob(QObject *parent = nullptr);
    ~PdfBatchJob() override;

    /// Starts the batch; false when one is already running.
    bool start(const QString &companyPath, const InvoiceFilter &filter, const QString &dir);
    /// Asks the batch to stop after the documents being written.
    void cancel() { m_job->cancel(); }
    bool isRunning() const { return m_job->isRunning(); }
    /// Waits until the batch has ended (tests, closing the window).
    void wait() { m_job->wait(); }

signals:
    void progress(int done, int total);
    /// `error` empty on success; `written` counts the files written.
    void finished(int written, const QString &error, bool cancelled);

private:
    BackgroundJob *m_job;
};

} // namespace orb
