// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportJob.h"

#include "models/CompanyFile.h"
#include "models/StorageError.h"

#include <memory>

namespace orb {

ImportJob::ImportJob(QObject *parent) : QObject(parent) {}

ImportJob::~ImportJob()
{
    cancel();
    wait();
}

void ImportJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

bool ImportJob::start(const QString &companyPath, const Clock &clock, const QString &path, const ImportOptions &options)
{
    if (m_thread)
        return false;
    m_cancel.store(false);
    m_result = Result();
    auto result = std::make_shared<Result>();
    const Clock *clockPtr = &clock;
    ImportOptions jobOptions = options;
    jobOptions.progress = [this](qint64 done, qint64 total) { emit progress(done, total); };
    jobOptions.cancelled = [this] { return m_cancel.load(); };
    m_thread = QThread::create([result, companyPath, clockPtr, path, jobOptions] {
        try {
            // Qt SQL connections belong to the thread that opens them: this one has its own.
            std::unique_ptr<CompanyFile> file = CompanyFile::open(companyPath);
            EventImporter importer(*file, *clockPtr);
            result->summary = importer.importFile(path, jobOptions);
            if (result->summary.rejected > 0)
                result->rejects = importer.rejects(result->summary.importId);
        } catch (const ServiceError &e) {
            result->error = e.details();
        } catch (const CompanyFileError &e) {
            result->error = e.message();
        } catch (const std::exception &e) {
            result->error = QString::fromUtf8(e.what());
        }
    });
    // Handed over once the thread has ended, so that isRunning() is false when finished() comes.
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_result = *result;
        m_thread->deleteLater();
        m_thread = nullptr;
        emit finished();
    });
    m_thread->start(QThread::LowPriority);
    return true;
}

} // namespace orb
