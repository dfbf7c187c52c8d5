// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/RowIdLoader.h"

#include "models/BackgroundReader.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/storage/ServerCursor.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace orb {

namespace {

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

/// Runs one request on the reader's connection. A superseded request is interrupted by the
/// reader (its statement fails and the reader drops the outcome).
QList<qint64> readIds(const Database &db, const RowIdLoader::Query &query)
{
    if (db.isServer()) {
        // On a server the ids stream through a cursor in binary batches on the reader's own
        // connection; a superseded request stops between two batches.
        QList<qint64> ids = ServerCursor::readIds(db, query.sql, query.binds, query.what, [] { return BackgroundReader::superseded(); });
        if (query.highestFirst)
            putHighestFirst(ids);
        return ids;
    }
    const QByteArray utf8 = query.sql.toUtf8();
    SqliteStatement stmt(db.sqliteHandle(), utf8.constData(), int(utf8.size()), "listing row ids");
    for (int i = 0; i < query.binds.size(); ++i)
        stmt.bind(i + 1, query.binds[i]);
    QList<qint64> ids;
    while (stmt.next())
        ids.append(sqlite3_column_int64(stmt, 0));
    if (query.highestFirst)
        putHighestFirst(ids);
    return ids;
}

} // namespace

RowIdLoader::RowIdLoader(const QString &path, QObject *parent) : QObject(parent), m_reader(new BackgroundReader(path, QStringLiteral("orb-row-ids"), this))
{
    m_reader->setPriority(QThread::InheritPriority);
    connect(m_reader, &BackgroundReader::busyChanged, this, &RowIdLoader::loadingChanged);
}

RowIdLoader::~RowIdLoader() = default;

void RowIdLoader::load(const Query &query)
{
    ++m_generation;
    m_reader->read([query](const Database &db) { return readIds(db, query); }, [this](const QList<qint64> &ids) { emit loaded(ids); },
                   [this, what = query.what](const QString &message) { emit failed(tr("Could not list %1: %2").arg(what, message)); });
}

bool RowIdLoader::isLoading() const
{
    return m_reader->isBusy();
}

} // namespace orb
