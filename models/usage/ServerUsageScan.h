// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/CustomerPostings.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

namespace orb {

class Database;

/// One row of a period's usage as the server streams it; the views stay valid during the call.
struct ServerUsageRow {
    QByteArrayView eventName;
    qint64 tsMs = 0;
    bool hasCustomerId = false;
    QByteArrayView customerId;
    QByteArrayView externalCustomerId;
    QByteArrayView properties;
};

/**
 * The usage reads of the invoice run on a company server (PostgreSQL), the counterparts of the
 * raw SQLite reads of PeriodAggregator and CustomerPostings:
 *
 * - scanPeriod() streams the active events of [startMs, endMs) in the order PeriodAggregator's
 *   SQLite pass meets them (by seq when the period covers every stored event, else by instant
 *   and then seq, as the time index gives them), in libpq's single-row mode: the server sends
 *   rows as the client takes them, so the client holds one row at a time, never the table.
 * - customerEvents() is CustomerPostings::events(): one customer's events of a window through
 *   the customer directory, fetched by seq.
 *
 * Both run on the connection's own PGconn (QPSQL's driver handle), inside whatever transaction
 * it has open; a failure throws ServiceError(Storage) naming the server's message.
 */
class ServerUsageScan final
{
public:
    /// `row` returns false to stop the scan early.
    static qint64 scanPeriod(Database &db, qint64 startMs, qint64 endMs, bool bySeq, const std::function<bool(const ServerUsageRow &)> &row);
    static std::vector<CustomerEventRow> customerEvents(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs,
                                                        qint64 endMs);
    /// CustomerPostings::seqs() on a server: the seqs customerEvents() reads, ascending.
    static std::vector<qint64> customerSeqs(const Database &db, const QByteArray &customerId, const QByteArray &externalId, qint64 startMs, qint64 endMs);
    /// min(ts), max(ts) of every stored event; false when there is none.
    static bool span(Database &db, qint64 *minTs, qint64 *maxTs);
};

} // namespace orb
