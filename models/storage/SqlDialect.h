// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/**
 * The SQL that differs between the engines. Repositories and services write SQLite's dialect
 * (the company file's, and the embedded default); Database hands every statement meant for a
 * PostgreSQL server through forPostgres() once (the result is cached per statement text).
 *
 * What it rewrites: INSERT OR IGNORE (ON CONFLICT DO NOTHING), LIKE (ILIKE: SQLite's LIKE
 * ignores case), last_insert_rowid() (lastval()), instr() (strpos()), CAST(... AS INTEGER)
 * (BIGINT: SQLite's integers are 64 bits), transaction and savepoint statements. What it
 * cannot give the same meaning (rowid, PRAGMA, INSERT OR REPLACE, SQLite's date functions,
 * GLOB) is refused with ServiceError "not yet available on a company server", never run with
 * another meaning.
 */
class SqlDialect final
{
public:
    /// The statement for PostgreSQL; throws ServiceError(Conflict) naming what is unavailable.
    static QString forPostgres(const QString &sqliteSql);
    /// The refusal for a capability that needs the company file ("bulk usage import").
    static QString notOnServer(const QString &what);
};

} // namespace orb
