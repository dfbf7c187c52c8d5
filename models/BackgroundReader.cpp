// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/BackgroundReader.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/ServerCursor.h"

#include <QThread>

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace orb {

/// What the reader and its thread share: the one waiting request and the latest generation.
struct BackgroundReader::Shared {
    QString path;
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;             // guarded by mutex
    bool hasRequest = false;       // guarded by mutex
    Job job;                       // guarded by mutex
    Failed failed;                 // guarded by mutex
    quint64 requestGeneration = 0; // guarded by mutex
    std::atomic<quint64> latest{0};
    std::atomic<bool> stopping{false};
};

namespace {

struct Progress {
    const std::atomic<quint64> *latest;
    const std::atomic<bool> *stopping;
    quint64 generation;
};

// The job running on this thread, for jobs that stop on their own between steps (a server
// read between batches, where SQLite's progress handler has no counterpart).
thread_local const Progress *running = nullptr;

// SQLite calls this every few thousand steps of a running statement: a superseded read stops
// there instead of finishing a scan nobody will see.
int isSuperseded(void *context)
{
    const auto *p = static_cast<const Progress *>(context);
    return p->stopping->load() || p->latest->load() != p->generation ? 1 : 0;
}

/// Sets the progress handler for one job and always takes it off again.
class ProgressGuard final
{
public:
    ProgressGuard(sqlite3 *h, Progress *progress) : m_h(h)
    {
        running = progress;
        if (m_h)
            sqlite3_progress_handler(m_h, 4000, isSuperseded, progress);
    }
    ~ProgressGuard()
    {
        running = nullptr;
        if (m_h)
            sqlite3_progress_handler(m_h, 0, nullptr, nullptr);
    }
    ProgressGuard(const ProgressGuard &) = delete;
    ProgressGuard &operator=(const ProgressGuard &) = delete;

private:
    sqlite3 *m_h;
};

} // namespace

BackgroundReader::BackgroundReader(const QString &path, const QString &threadName, QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()), m_threadName(threadName)
{
    m_shared->path = path;
}

BackgroundReader::~BackgroundReader()
{
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->stopping = true; // interrupts a running statement
    m_shared->wake.notify_all();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundReader::post(Job job, Failed failed)
{
    const quint64 latest = ++m_generation;
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->job = std::move(job); // a request still waiting is dropped here, never run
        m_shared->failed = std::move(failed);
        m_shared->requestGeneration = latest;
        m_shared->hasRequest = true;
    }
    m_shared->latest = latest;
    m_shared->wake.notify_all();
    if (!m_thread) {
        // The thread owns its connection from open to close: Qt SQL connections are per thread.
        m_thread = QThread::create([shared = m_shared, self = this] {
            std::unique_ptr<Database> db;
            for (;;) {
                Job next;
                Failed onFailure;
                quint64 generation = 0;
                {
                    std::unique_lock<std::mutex> lock(shared->mutex);
                    shared->wake.wait(lock, [&] { return shared->stop || shared->hasRequest; });
                    if (shared->stop)
                        break;
                    next = std::move(shared->job);
                    onFailure = std::move(shared->failed);
                    generation = shared->requestGeneration;
                    shared->hasRequest = false;
                    shared->job = nullptr;
                    shared->failed = nullptr;
                }
                std::function<void()> done;
                QString error;
                try {
                    if (!db) {
                        db = std::make_unique<Database>();
                        // A company server is read through a read-only session of its own,
                        // with the password the window was given for it (Database's registry).
                        if (CompanyLocation::looksLikeServer(shared->path))
                            db->openServer(CompanyLocation::parse(shared->path), Database::Mode::ReadOnly);
                        else
                            db->open(shared->path, Database::Mode::ReadOnly);
                    }
                    Progress progress{&shared->latest, &shared->stopping, generation};
                    const ProgressGuard guard(db->isServer() ? nullptr : db->sqliteHandle(), &progress);
                    done = next(*db);
                } catch (const ServiceError &e) {
                    error = e.message();
                    // A connection the server dropped (stopped, restarted) is opened afresh by
                    // the next request, so the reader comes back by itself with the server.
                    if (!db || !db->isOpen() || ServerCursor::lost(*db))
                        db.reset();
                }
                if (shared->stopping || shared->latest != generation)
                    continue; // superseded (perhaps interrupted): the newer request is waiting
                // Queued to the reader's thread; if the reader is gone by then, so is the event.
                QMetaObject::invokeMethod(
                    self,
                    [self, generation, done = std::move(done), error, onFailure = std::move(onFailure)] { self->deliver(generation, done, error, onFailure); },
                    Qt::QueuedConnection);
            }
        });
        m_thread->setObjectName(m_threadName);
        m_thread->start(m_priority);
    }
    setBusy(true);
}

bool BackgroundReader::superseded()
{
    return running && isSuperseded(const_cast<Progress *>(running)) != 0;
}

void BackgroundReader::deliver(quint64 generation, const std::function<void()> &done, const QString &error, const Failed &failed)
{
    if (generation != m_generation)
        return; // a newer request is on its way
    // Not busy any more while the result is handed over, so whoever the result wakes finds the
    // reader idle; said so once the result is in place.
    m_busy = false;
    if (error.isEmpty()) {
        if (done)
            done();
    } else if (failed) {
        failed(error);
    }
    if (!m_busy) // done() may have asked for another read
        emit busyChanged(false);
}

void BackgroundReader::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace orb
