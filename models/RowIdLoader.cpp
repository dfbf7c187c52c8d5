// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/RowIdLoader.h"

#include "models/Database.h"
#include "models/StorageError.h"

#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace orb {

/// What the loader and its thread share: the one waiting request and the latest generation.
struct RowIdLoader::Shared {
    QString path;
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;       // guarded by mutex
    bool hasRequest = false; // guarded by mutex
    Query request;           // guarded by mutex
    quint64 requestGeneration = 0;
    std::atomic<quint64> latest{0};
    std::atomic<bool> stopping{false};
};

namespace {

struct Progress {
    const std::atomic<quint64> *latest;
    const std::atomic<bool> *stopping;
    quint64 generation;
};

// SQLite calls this every few thousand steps of a running statement: a superseded request stops
// there instead of finishing a sort nobody will see.
int superseded(void *context)
{
    const auto *p = static_cast<const Progress *>(context);
    return p->stopping->load() || p->latest->load() != p->generation ? 1 : 0;
}

void putHighestFirst(QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    // Rowids are dense, so a presence map orders a million of them in one pass (a comparison
    // sort costs several times that); sparse ids fall back to a sort.
    const qint64 top = *std::max_element(ids.cbegin(), ids.cend());
    const qint64 bottom = *std::min_element(ids.cbegin(), ids.cend());
    if (bottom >= 0 && top < 8 * qint64(ids.size()) + 1024) {
        std::vector<bool> present(size_t(top) + 1, false);
        for (qint64 id : std::as_const(ids))
            present[size_t(id)] = true;
        qsizetype out = 0;
        for (qint64 id = top; id >= 0; --id)
            if (present[size_t(id)])
                ids[out++] = id;
        ids.resize(out); // duplicates collapse: an id is one row
    } else {
        std::sort(ids.begin(), ids.end(), std::greater<qint64>());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
}

/// Runs one request; returns false when it was superseded while running.
bool readIds(sqlite3 *h, const RowIdLoader::Query &query, const Progress &progress, QList<qint64> &ids, QString &error)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = query.sql.toUtf8();
    if (sqlite3_prepare_v2(h, utf8.constData(), int(utf8.size()), &stmt, nullptr) != SQLITE_OK) {
        error = QString::fromUtf8(sqlite3_errmsg(h));
        sqlite3_finalize(stmt);
        return true;
    }
    for (int i = 0; i < query.binds.size(); ++i) {
        const QVariant &b = query.binds[i];
        const int type = b.typeId();
        if (type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::ULongLong || type == QMetaType::UInt)
            sqlite3_bind_int64(stmt, i + 1, b.toLongLong());
        else {
            const QByteArray text = b.toString().toUtf8();
            sqlite3_bind_text(stmt, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        }
    }
    sqlite3_progress_handler(h, 4000, superseded, const_cast<Progress *>(&progress));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ids.append(sqlite3_column_int64(stmt, 0));
    sqlite3_progress_handler(h, 0, nullptr, nullptr);
    if (rc == SQLITE_INTERRUPT) {
        sqlite3_finalize(stmt);
        return false;
    }
    if (rc != SQLITE_DONE)
        error = QString::fromUtf8(sqlite3_errmsg(h));
    sqlite3_finalize(stmt);
    if (error.isEmpty() && query.highestFirst)
        putHighestFirst(ids);
    return true;
}

} // namespace

RowIdLoader::RowIdLoader(const QString &path, QObject *parent) : QObject(parent), m_shared(std::make_shared<Shared>())
{
    m_shared->path = path;
}

RowIdLoader::~RowIdLoader()
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

void RowIdLoader::load(const Query &query)
{
    const quint64 latest = ++m_generation;
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->request = query;
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
                Query request;
                quint64 generation = 0;
                {
                    std::unique_lock<std::mutex> lock(shared->mutex);
                    shared->wake.wait(lock, [&] { return shared->stop || shared->hasRequest; });
                    if (shared->stop)
                        break;
                    request = std::move(shared->request);
                    generation = shared->requestGeneration;
                    shared->hasRequest = false;
                }
                QList<qint64> ids;
                QString error;
                try {
                    if (!db) {
                        db = std::make_unique<Database>();
                        db->open(shared->path, Database::Mode::ReadOnly);
                    }
                    const Progress progress{&shared->latest, &shared->stopping, generation};
                    if (!readIds(db->sqliteHandle(), request, progress, ids, error))
                        continue; // superseded: the newer request is already waiting
                } catch (const ServiceError &e) {
                    error = e.message();
                    db.reset(); // try a fresh connection next time
                }
                if (!error.isEmpty()) {
                    ids.clear();
                    error = tr("Could not list %1: %2").arg(request.what, error);
                }
                // Queued to the loader's thread; if the loader is gone by then, so is the event.
                QMetaObject::invokeMethod(
                    self, [self, generation, ids = std::move(ids), error] { self->deliver(generation, ids, error); }, Qt::QueuedConnection);
            }
        });
        m_thread->setObjectName(QStringLiteral("orb-row-ids"));
        m_thread->start();
    }
    setLoading(true);
}

void RowIdLoader::deliver(quint64 generation, const QList<qint64> &ids, const QString &error)
{
    if (generation != m_generation)
        return; // a newer request is on its way
    // Not loading any more while the result is handed over, and said so once it is in place,
    // so whoever waits for loadingChanged(false) finds the new rows.
    m_loading = false;
    if (error.isEmpty())
        emit loaded(ids);
    else
        emit failed(error);
    emit loadingChanged(false);
}

void RowIdLoader::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace orb
