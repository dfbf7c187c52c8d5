// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>

namespace orb {

class Database;

/**
 * Streaming reads on a company server's own libpq connection, for the lists a worker thread
 * reads whole (the window's row-id tables). A statement runs as a server-side cursor in a
 * read-only transaction and comes over in batches in binary form, so neither the server nor
 * the client builds one result of a million rows, and a superseded read stops between two
 * batches (its transaction rolled back) instead of finishing.
 */
namespace ServerCursor {

/**
 * The first column of every row of `sql` (written with `?` marks, SQLite's style, in the
 * common SQL both engines understand; the binds are text or integers) as 64-bit integers, in
 * the statement's order. `stop` is asked between batches; when it answers true the read ends
 * and returns what it has (the caller drops it). Throws ServiceError naming `what` on failure;
 * a lost connection says so (see lost()).
 */
QList<qint64> readIds(const Database &db, const QString &sql, const QVariantList &binds, const QString &what, const std::function<bool()> &stop);

/// `sql` with each `?` outside string literals numbered as PostgreSQL's `$1`, `$2`, ...
QString numberedMarks(const QString &sql);

/// True when `db` is a server connection that libpq knows to be broken (the server went away):
/// the connection must be opened again before it can serve anything.
bool lost(const Database &db);

} // namespace ServerCursor

} // namespace orb
