// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/EventImporter.h"

#include <functional>
#include <memory>

namespace orb {

class UsageEventStore;

/**
 * The REST API's ingestion: EventImporter::ingestRows (the rules, deduplication and conflict
 * handling of every other path, through the file import's batch insert) over one
 * UsageEventStore kept for the life of the server, so its statements are prepared once and the
 * in-memory filter of stored key hashes spares each new event its key index lookup.
 *
 * The filter must hold every stored key hash. Commits of other connections are noticed by the
 * store (SQLite's data_version); any write of this connection between two calls (the window or
 * another route sharing the company file: an import, a backfill, anything) is noticed here by
 * the connection's change counter, and the filter is then loaded again before the next call.
 */
class ApiIngestWriter final
{
public:
    /// Above this many stored events no filter is kept (its memory and its load time): every
    /// key is looked up in the key index, as before.
    static constexpr qint64 kKeyFilterMaxRows = 5'000'000;

    ApiIngestWriter(CompanyFile &file, const Clock &clock);
    ~ApiIngestWriter();
    ApiIngestWriter(const ApiIngestWriter &) = delete;
    ApiIngestWriter &operator=(const ApiIngestWriter &) = delete;

    /// One transaction; one result per row, in order (as EventImporter::ingestRows).
    QList<IngestResult> ingest(const QList<UsageEventRow> &rows, const QString &backfillId);

    /**
     * Runs a write known to store no usage event (the record of an API key's use) so that the
     * next call keeps its filter: when nothing else was written on the connection since the
     * last call, the count after this write becomes the new baseline. Otherwise as before.
     */
    void writeUnrelated(const std::function<void()> &write);

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    std::unique_ptr<UsageEventStore> m_store;
    qint64 m_changesAfterLast = -1; ///< the connection's change count after the last call
};

} // namespace orb
