// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

class Database;

/**
 * A backup of a company server (PostgreSQL) as a normal company file, the reverse of
 * MoveToServer: a new file with Orb's schema, then every row of every table read from the
 * server in one REPEATABLE READ snapshot (what the other clerks commit meanwhile is either all
 * in it or not at all), in primary-key pages of bounded size, with its ids, parents before
 * children. Then:
 *
 * - AUTOINCREMENT high-water marks continue where the server's identity counters stood, so the
 *   file never gives out an id the server already gave;
 * - SQLite's usage key index (usage_key_*, which a server does not keep: it deduplicates
 *   through its unique index) is rebuilt from the events, as migration 0006 first built it;
 * - every row is sealed as the server holds it (the file's row seals; a server keeps none);
 * - row counts are compared table by table.
 *
 * All in one transaction on the new file; on any failure the file is removed by the caller
 * (Backup::create) and the server is only read.
 */
class ServerBackup final
{
public:
    /// Writes the company of `server` into a new company file at `path` (which must not
    /// exist); returns the number of rows copied. Throws ServiceError.
    static qint64 write(const Database &server, const QString &path);
};

} // namespace orb
