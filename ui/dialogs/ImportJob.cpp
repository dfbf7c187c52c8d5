// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/ImportJob.h"

#include "models/CompanyFile.h"

namespace orb {

ImportJob::ImportJob(QObject *parent) : QObject(parent), m_job(new BackgroundJob(QStringLiteral("orb-import"), this))
{
    // Direct: progress() keeps coming from the worker thread, as its receivers expect.
    connect(
        m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) { emit progress(done, total); }, Qt::DirectConnection);
}

ImportJob::~ImportJob()
{
    cancel();
    wait();
}

bool ImportJob::start(const QString &companyPath, const Clock &clock, const QString &path, const ImportOptions &options)
{
    if (m_job->isRunning())
        return false;
    m_result = Result();
    const Clock *clockPtr = &clock;
    return m_job->start(
        companyPath,
        [clockPtr, path, options](BackgroundJob::Context &context) {
            ImportOptions jobOptions = options;
            jobOptions.progress = [&context](qint64 done, qint64 total) { context.progress(done, total); };
            jobOptions.cancelled = [&context] { return context.isCancelled(); };
            EventImporter importer(context.company(), *clockPtr);
            Result result;
            result.summary = importer.importFile(path, jobOptions);
            if (result.summary.rejected > 0)
                result.rejects = importer.rejects(result.summary.importId);
            return result;
        },
        [this](const Result &result) {
            m_result = result;
            emit finished();
        },
        [this](const QString &error) {
            m_result.error = error;
            emit finished();
        });
}

} // namespace orb
