// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace orb {

class CompanyFile;
class Database;

/**
 * Runs one long job (an import, an invoice run, a PDF batch, a backup, a check, a network call)
 * on a named thread of its own, so the window never waits on it. It is the writing sibling of
 * BackgroundReader, which serves reads where only the latest request matters; a job is never
 * superseded, it runs to its end or until it is cancelled.
 *
 * - The job gets its own connection to the company file (Qt SQL connections belong to the thread
 *   that opened them), opened on first use on the job's thread and closed there before the
 *   result is handed over, so a finished job holds no connection.
 * - Progress is a signal emitted from the job's thread (queued to receivers on other threads);
 *   cancel() raises a flag the job polls.
 * - An exception thrown by the job (ServiceError, CompanyFileError or any std::exception) becomes
 *   an error message handed to `failed` instead of ending the program.
 * - The result is handed over on the job object's own thread once the thread has ended, so
 *   isRunning() is false by then. The destructor cancels and joins; a result not yet handed
 *   over is dropped with the object.
 */
class BackgroundJob final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)

public:
    /// What a job may use on its thread.
    class Context
    {
    public:
        /// True once cancel() was called: stop at the next safe point.
        bool isCancelled() const { return m_cancel->load(); }
        /// The flag itself, for services that poll one.
        const std::atomic<bool> *cancelFlag() const { return m_cancel.get(); }
        /// Emits BackgroundJob::progress from the job's thread.
        void progress(qint64 done, qint64 total, const QString &text = QString()) const;
        /// The company file the job was started for, opened read-write on first use.
        CompanyFile &company();
        /// A plain read-only connection to the same file, opened on first use.
        const Database &readOnlyDatabase();
        const QString &companyPath() const { return m_companyPath; }

    private:
        friend class BackgroundJob;
        Context(BackgroundJob *job, QString companyPath, std::shared_ptr<std::atomic<bool>> cancel);
        void close();

        BackgroundJob *m_job;
        QString m_companyPath;
        std::shared_ptr<std::atomic<bool>> m_cancel;
        std::shared_ptr<CompanyFile> m_company;
        std::shared_ptr<Database> m_readOnly;
    };

    /// Runs on the job's thread; returns what to do with the result on the owner's thread.
    using Work = std::function<std::function<void()>(Context &context)>;
    using Failed = std::function<void(const QString &message)>;

    /// `threadName` names the job's thread (seen in a debugger and in `top -H`).
    explicit BackgroundJob(const QString &threadName, QObject *parent = nullptr);
    ~BackgroundJob() override;

    /**
     * Starts `run(context)` on the job's thread for the company file at `companyPath` (empty for
     * a job that touches no file) and hands its result to `done(result)` on this object's thread
     * (`done()` when run returns nothing); an exception goes to `failed` with its message.
     * Returns false, starting nothing, while a job is running. `run` must capture values only.
     */
    template <class Run, class Done>
    bool start(const QString &companyPath, Run run, Done done, Failed failed = {})
    {
        return post(
            companyPath,
            [run = std::move(run), done = std::move(done)](Context &context) -> std::function<void()> {
                if constexpr (std::is_void_v<decltype(run(context))>) {
                    run(context);
                    return [done] { done(); };
                } else {
                    auto result = std::make_shared<decltype(run(context))>(run(context));
                    return [done, result] { done(*result); };
                }
            },
            std::move(failed));
    }

    /// The type-erased form of start().
    bool post(const QString &companyPath, Work work, Failed failed);

    /// The priority of the threads started from now on (low by default: the window comes first).
    void setPriority(QThread::Priority priority) { m_priority = priority; }
    /// Asks the running job to stop at its next safe point.
    void cancel() { m_cancel->store(true); }
    bool isCancelRequested() const { return m_cancel->load(); }
    /// True from start() until the result (or failure) has been handed over.
    bool isRunning() const { return m_thread != nullptr; }
    /// Blocks until the job's thread has ended (closing a window); the result follows as usual.
    void wait();

signals:
    /// Emitted from the job's thread by Context::progress().
    void progress(qint64 done, qint64 total, const QString &text);
    void runningChanged(bool running);

private:
    void deliver(const std::function<void()> &done, const QString &error, const Failed &failed);

    QString m_threadName;
    QThread *m_thread = nullptr;
    QThread::Priority m_priority = QThread::LowPriority;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace orb
