// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiIngestWriter.h"

#include "models/CompanyFile.h"
#include "models/usage/UsageEventStore.h"

#include <sqlite3.h>

namespace orb {

ApiIngestWriter::ApiIngestWriter(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

ApiIngestWriter::~ApiIngestWriter() = default;

QList<IngestResult> ApiIngestWriter::ingest(const QList<UsageEventRow> &rows, const QString &backfillId)
{
    Database &db = m_file.db();
    if (db.isServer()) // no kept SQLite statements on a server company: the plain path
        return EventImporter(m_file, m_clock).ingestRows(rows, backfillId);
    sqlite3 *handle = db.sqliteHandle();
    // Anything written on this connection since the last call may be events the filter does
    // not hold: start again from a fresh store (its filter is loaded from the key index).
    if (m_store && sqlite3_total_changes64(handle) != m_changesAfterLast)
        m_store.reset();
    if (!m_store)
        m_store = std::make_unique<UsageEventStore>(db);
    try {
        QList<IngestResult> results = EventImporter(m_file, m_clock).ingestRows(rows, backfillId, *m_store, kKeyFilterMaxRows);
        m_changesAfterLast = sqlite3_total_changes64(handle);
        return results;
    } catch (...) {
        m_store.reset(); // rolled back: keep nothing that saw the transaction
        throw;
    }
}

void ApiIngestWriter::writeUnrelated(const std::function<void()> &write)
{
    Database &db = m_file.db();
    if (db.isServer() || !m_store) {
        write();
        return;
    }
    sqlite3 *handle = db.sqliteHandle();
    const bool unchanged = sqlite3_total_changes64(handle) == m_changesAfterLast;
    write();
    if (unchanged)
        m_changesAfterLast = sqlite3_total_changes64(handle);
}

} // namespace orb
