// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/SchemaCheck.h"

#include <QList>
#include <QStringList>

namespace orb {

class Database;

/**
 * The schema of a company on a PostgreSQL server: the PostgreSQL mirrors of the numbered
 * migrations (resources/migrations/postgresql/NNNN_name.sql, one per SQLite migration, same
 * number and name), the server's schema version (schema_migrations), and a normalised
 * description of either engine's schema, so a test can prove both mean the same.
 */
class ServerSchema final
{
public:
    /// Whether the company's schema holds a table of that name, on either engine.
    static bool hasTable(const Database &db, const QString &name);
    /// Every PostgreSQL migration of this build, in order.
    static QList<Migration> migrations();
    /// The schema version of the server database (0: empty, no Orb schema yet).
    static int version(const Database &db);
    /**
     * Brings the server database up to this build's schema, each migration in its own
     * transaction. Throws ServiceError when a migration has no PostgreSQL mirror in this build
     * (nothing of that migration is applied) or the database is newer than this program.
     */
    static void migrate(Database &db);
    /**
     * The schema's meaning, one sorted line per fact, the same words on both engines: tables,
     * columns (type class integer/text/blob/real, not null), primary keys, unique keys, foreign
     * keys (with their actions), and named indexes (columns, unique, partial). Defaults, CHECK
     * constraints and trigger bodies are not part of it.
     */
    static QStringList describe(const Database &db);
};

} // namespace orb
