// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace orb {

class Database;

/**
 * Runs reads of the company on a named thread of its own, through its own read-only
 * connection, so the window never waits on SQL that can take long (Qt SQL connections belong to
 * the thread that opened them; the company file is WAL, so a reader never waits for a writer;
 * a company server's read-only session reads a snapshot and never waits either). A server
 * connection that was lost is opened again by the next request.
 *
 * Only the latest request matters: read() supersedes every earlier one. A request still waiting
 * is never run, a running one is interrupted at its next SQLite progress step, and a result that
 * arrives anyway is dropped. Results are handed over on the reader's own thread (normally the
 * window's). The destructor stops the thread and joins it.
 */
class BackgroundReader final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)

public:
    /// Runs on the reader's thread; returns what to do with the result on the owner's thread.
    using Job = std::function<std::function<void()>(const Database &db)>;
    using Failed = std::function<void(const QString &message)>;

    /// A reader of the company file at `path`; `threadName` names its thread (seen in a debugger
    /// and in `top -H`). The thread starts with the first request.
    BackgroundReader(const QString &path, const QString &threadName, QObject *parent = nullptr);
    ~BackgroundReader() override;

    /**
     * Reads `read(db)` in the background and calls `done(result)` on this object's thread;
     * a ServiceError thrown by `read` goes to `failed` (if given) with its message.
     * `read` must capture values only: it runs on another thread.
     */
    template <class Read, class Done>
    void read(Read read, Done done, Failed failed = {})
    {
        post(
            [read = std::move(read), done = std::move(done)](const Database &db) -> std::function<void()> {
                auto result = std::make_shared<decltype(read(db))>(read(db));
                return [done, result] { done(*result); };
            },
            std::move(failed));
    }

    /// The priority of the thread when it starts (low by default: the window comes first).
    void setPriority(QThread::Priority priority) { m_priority = priority; }

    /**
     * For a job on a reader's thread: true once a newer request (or the reader's end) made the
     * running one pointless. SQLite statements are interrupted by themselves; a job reading a
     * server in steps asks this between them and stops. False outside a job.
     */
    static bool superseded();

    /// The type-erased form of read().
    void post(Job job, Failed failed);
    /// True from a request until its result (or failure) has been handed over.
    bool isBusy() const { return m_busy; }

signals:
    void busyChanged(bool busy);

private:
    struct Shared;
    void deliver(quint64 generation, const std::function<void()> &done, const QString &error, const Failed &failed);
    void setBusy(bool busy);

    std::shared_ptr<Shared> m_shared;
    QThread *m_thread = nullptr;
    QString m_threadName;
    QThread::Priority m_priority = QThread::LowPriority;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace orb
