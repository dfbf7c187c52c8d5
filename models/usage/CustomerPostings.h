// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SqliteStatement.h"
#include "models/usage/UsageEventRow.h"

#include <QByteArray>
#include <QHash>

#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace orb {

/// One stored event as a customer's reads see it (any status: the reader decides).
struct CustomerEventRow {
    qint64 seq = 0;
    qint64 tsMs = 0;
    int status = 0;
    QByteArray eventName;
    QByteArray customerId;         ///< empty when sent with an external id only
    QByteArray externalCustomerId; ///< empty when sent with a customer id only
    QByteArray properties;
};

/**
 * The customer-major directory of usage events (migration 0022): for every customer id and
 * every external customer id, rows listing the seqs of the events sent with it. Written in the
 * transaction that writes the events (UsageEventStore), one row per customer and transaction,
 * so ingest pays a few index entries per checkpoint instead of one per event; read by the
 * per-customer reads (upcoming invoice, usage, event search, daily quantities), which then
 * fetch just those events by seq.
 */
class CustomerPostings final
{
public:
    static QByteArray customerRef(const QByteArray &customerId) { return 'c' + customerId; }
    static QByteArray externalRef(const QByteArray &externalId) { return 'x' + externalId; }

    /// Buffers the posting of one inserted event (under its customer id and its external id).
    void add(const UsageEventRow &row, qint64 seq);
    /// Writes the buffered postings, one row per ref, in the caller's transaction.
    void write(sqlite3 *db);
    void discard();
    bool isEmpty() const { return m_pending.empty(); }

    /**
     * Every stored event sent with the customer id `customerId` or the external id `externalId`
     * (either may be empty) whose timestamp lies in [startMs, endMs), of any status, in seq order
     * (ingestion order). Two index seeks and one lookup by seq per event.
     */
    static std::vector<CustomerEventRow> events(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);
    /// The seqs events() would read, ascending: a superset (some may lie outside the window).
    static std::vector<qint64> seqs(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);

private:
    struct Pending {
        QByteArray ref;
        qint64 tsMin = 0;
        qint64 tsMax = 0;
        std::vector<qint64> seqs;
    };
    void addRef(std::unordered_map<std::string_view, size_t> &index, char prefix, const QByteArray &id, qint64 tsMs, qint64 seq);

    // Looked up by the id's bytes, without building the ref: add() runs for every imported event.
    // The views point into the refs' heap buffers, which stay put when the vector grows.
    std::vector<Pending> m_pending;
    std::unordered_map<std::string_view, size_t> m_byCustomer;
    std::unordered_map<std::string_view, size_t> m_byExternal;
};

} // namespace orb
