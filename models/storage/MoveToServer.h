// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace orb {

class CompanyFile;

/// What a move copied.
struct MoveReport {
    QString location; ///< where the company now lives (no password)
    int tables = 0;
    qint64 rows = 0;
    int schemaVersion = 0;
};

/**
 * Copies a company file to a fresh database on a PostgreSQL server, exactly: the server's
 * schema from the PostgreSQL migrations, then every table's every row with its ids, and the
 * identity counters where the file's stood (AUTOINCREMENT's high-water marks included), so the
 * audit chain and every reference read the same. All in one server transaction, checked row
 * count by row count before it commits: a move that fails leaves the database as empty as it
 * was, and the file is only read.
 */
class MoveToServer final
{
public:
    /// Throws ServiceError (InvalidInput for a bad location or a database that is not empty;
    /// Storage when the server fails) and changes nothing then.
    static MoveReport run(CompanyFile &source, const QString &location, const std::function<void(const QString &table, qint64 rows)> &progress = {});
};

} // namespace orb
