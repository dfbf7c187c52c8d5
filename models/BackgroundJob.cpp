// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/BackgroundJob.h"

#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"

#include <QPointer>

namespace orb {

BackgroundJob::Context::Context(BackgroundJob *job, QString companyPath, std::shared_ptr<std::atomic<bool>> cancel)
    : m_job(job), m_companyPath(std::move(companyPath)), m_cancel(std::move(cancel))
{
}

void BackgroundJob::Context::progress(qint64 done, qint64 total, const QString &text) const
{
    emit m_job->progress(done, total, text);
}

CompanyFile &BackgroundJob::Context::company()
{
    if (!m_company)
        m_company = CompanyFile::open(m_companyPath);
    return *m_company;
}

const Database &BackgroundJob::Context::readOnlyDatabase()
{
    if (!m_readOnly) {
        auto db = std::make_shared<Database>();
        // A company server's location is no file name: opened as one it would name a new,
        // empty SQLite file in the working folder.
        if (CompanyLocation::looksLikeServer(m_companyPath))
            db->openServer(CompanyLocation::parse(m_companyPath), Database::Mode::ReadOnly);
        else
            db->open(m_companyPath, Database::Mode::ReadOnly);
        m_readOnly = std::move(db);
    }
    return *m_readOnly;
}

void BackgroundJob::Context::close()
{
    m_readOnly.reset();
    m_company.reset();
}

BackgroundJob::BackgroundJob(const QString &threadName, QObject *parent)
    : QObject(parent), m_threadName(threadName), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
}

BackgroundJob::~BackgroundJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundJob::wait()
{
    if (m_thread)
        m_thread->wait();
}

bool BackgroundJob::post(const QString &companyPath, Work work, Failed failed)
{
    if (m_thread)
        return false;
    // A fresh flag per job: a late cancel() of the previous job must not stop this one.
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_thread = QThread::create([self = this, companyPath, cancel = m_cancel, work = std::move(work), failed = std::move(failed)] {
        Context context(self, companyPath, cancel);
        std::function<void()> done;
        QString error;
        try {
            done = work(context);
        } catch (const ServiceError &e) {
            error = e.details();
        } catch (const CompanyFileError &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        // Closed here: connections belong to this thread, and a finished job holds none.
        try {
            context.close();
        } catch (const std::exception &e) {
            if (error.isEmpty())
                error = QString::fromUtf8(e.what());
        }
        // Queued to the job's own thread; the destructor joins first, so `self` is alive here,
        // and a result still queued when the job object goes is dropped with it.
        QMetaObject::invokeMethod(
            self, [self, done = std::move(done), error, failed] { self->deliver(done, error, failed); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(m_threadName);
    m_thread->start(m_priority);
    emit runningChanged(true);
    return true;
}

void BackgroundJob::deliver(const std::function<void()> &done, const QString &error, const Failed &failed)
{
    if (m_thread) {
        m_thread->wait(); // it has posted its last words; this returns at once
        delete m_thread;
        m_thread = nullptr;
    }
    // The owner may delete this job from inside the hand-over (closing the file it checked).
    const QPointer<BackgroundJob> alive(this);
    if (error.isEmpty()) {
        if (done)
            done();
    } else if (failed) {
        failed(error);
    }
    if (alive && !m_thread) // done() may have started the next job
        emit runningChanged(false);
}

} // namespace orb
