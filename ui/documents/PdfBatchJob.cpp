// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/documents/PdfBatchJob.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "ui/documents/DocumentExporter.h"

namespace orb {

PdfBatchJob::PdfBatchJob(QObject *parent) : QObject(parent) {}

PdfBatchJob::~PdfBatchJob()
{
    cancel();
    wait();
}

void PdfBatchJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

bool PdfBatchJob::start(const QString &companyPath, const InvoiceFilter &filter, const QString &dir)
{
    if (isRunning())
        return false;
    m_cancel.store(false);
    m_thread = QThread::create([this, companyPath, filter, dir]() {
        int written = 0;
        QString error;
        bool cancelled = false;
        try {
            // Qt SQL connections belong to the thread that opens them: this one has its own.
            auto file = CompanyFile::open(companyPath);
            DocumentExporter exporter(*file);
            const QList<NamedDocument> docs = exporter.invoices(filter);
            const BatchResult result = DocumentExporter::writeBatch(docs, dir, [this](int done, int total) {
                emit progress(done, total);
                return !m_cancel.load();
            });
            written = int(result.files.size());
            cancelled = result.cancelled;
        } catch (const ServiceError &e) {
            error = e.message();
        } catch (const CompanyFileError &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        emit finished(written, error, cancelled);
    });
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
    return true;
}

} // namespace orb
