// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SqliteStatement.h"
#include "models/usage/UsageEventRow.h"
#include "models/usage/UsageMonthCounts.h"

#include <QByteArray>
#include <QHash>

#include <vector>

struct sqlite3;

namespace orb {

class Database;

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
 *
 * The same buffer counts the active events per customer reference and month of the company's
 * zone (UsageMonthCounts, migration 0031) and adds them in write(): the dashboard's month
 * figures follow every insert without a second lookup per event.
 */
class CustomerPostings final
{
public:
    static QByteArray customerRef(const QByteArray &customerId) { return 'c' + customerId; }
    static QByteArray externalRef(const QByteArray &externalId) { return 'x' + externalId; }

    /// Buffers the posting of one inserted event (under its customer id and its external id),
    /// and its month count when it is inserted active (`db` finds its month).
    void add(sqlite3 *db, const UsageEventRow &row, qint64 seq, bool active);
    /// Writes the buffered postings, one row per ref, in the caller's transaction.
    void write(sqlite3 *db);
    void discard();
    bool isEmpty() const { return m_pending.empty() && m_uncounted.empty(); }

    /**
     * Every stored event sent with the customer id `customerId` or the external id `externalId`
     * (either may be empty) whose timestamp lies in [startMs, endMs), of any status, in seq order
     * (ingestion order). Two index seeks and one lookup by seq per event.
     */
    static std::vector<CustomerEventRow> events(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);
    /// The seqs events() would read, ascending: a superset (some may lie outside the window).
    static std::vector<qint64> seqs(sqlite3 *db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);
    /// events() and seqs() on either engine: a company server answers through ServerUsageScan,
    /// with the same rows in the same order.
    static std::vector<CustomerEventRow> eventsIn(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);
    static std::vector<qint64> seqsIn(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);

private:
    struct Pending {
        QByteArray ref;
        qint64 tsMin = 0;
        qint64 tsMax = 0;
        std::vector<qint64> seqs;
        /// (month start, active events) of the events counted under this ref; few months a buffer.
        std::vector<std::pair<qint64, qint64>> months;
    };
    /// `month` is the month to count the event in, or 0 when it is not counted under this ref.
    void addRef(char prefix, const QByteArray &id, qint64 tsMs, qint64 seq, qint64 month);
    void growIndex();

    // The refs of this buffer by (prefix, id): an open-addressing table of 64-bit hashes (linear
    // probing, at most half full), the full ref compared on a hash match. add() runs for every
    // imported event, over tens of thousands of customers a checkpoint: a flat table of
    // 16-byte slots costs about one cache miss a lookup, where a node-based map cost several.
    struct Slot {
        quint64 hash = 0;
        quint32 index = 0; ///< into m_pending, plus 1; 0 marks an empty slot
    };
    std::vector<Pending> m_pending;
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    UsageMonthCounts m_months;
    std::vector<std::pair<qint64, qint64>> m_uncounted; ///< events with neither id (not listed, still counted)
};

} // namespace orb
