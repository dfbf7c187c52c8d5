// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/PdfBatchJob.h"

#include "models/CompanyFile.h"
#include "ui/documents/DocumentExporter.h"

namespace orb {

PdfBatchJob::PdfBatchJob(QObject *parent) : QObject(parent), m_job(new BackgroundJob(QStringLiteral("orb-pdf-batch"), this))
{
    connect(
        m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) { emit progress(int(done), int(total)); }, Qt::DirectConnection);
}

PdfBatchJob::~PdfBatchJob()
{
    cancel();
    wait();
}

bool PdfBatchJob::start(const QString &companyPath, const InvoiceFilter &filter, const QString &dir)
{
    return m_job->start(
        companyPath,
        [filter, dir](BackgroundJob::Context &context) {
            DocumentExporter exporter(context.company());
            const QList<NamedDocument> docs = exporter.invoices(filter);
            return DocumentExporter::writeBatch(docs, dir, [&context](int done, int total) {
                context.progress(done, total);
                return !context.isCancelled();
            });
        },
        [this](const BatchResult &result) { emit finished(int(result.files.size()), QString(), result.cancelled); },
        [this](const QString &error) { emit finished(0, error, false); });
}

} // namespace orb
