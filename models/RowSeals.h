// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

struct sqlite3;

namespace orb {

class Database;

/// A row whose stored state is not the state Orb last wrote.
struct SealFinding {
    enum class Change { Changed, Added, Deleted };
    QString table;
    qint64 row = 0;
    QString key; ///< the row's id (or primary key) as people know it
    Change change = Change::Changed;

    /// "customer cus_123 was changed outside Orb".
    QString describe() const;
    QString changeName() const; ///< changed, added, deleted
};

/// What RowSeals::verify() found.
struct SealReport {
    qint64 tables = 0;
    qint64 rows = 0;
    qint64 problems = 0;         ///< all of them, even past the findings listed
    QList<SealFinding> findings; ///< the first MaxFindings of them
    bool sealed = true;          ///< false: the file predates row seals (nothing to compare)
    bool ok() const { return problems == 0; }
};

/// Rows changed by one connection since its last seal: table name → rowids.
using PendingRows = std::unordered_map<std::string, std::unordered_set<std::int64_t>>;

/**
 * What RowSeals::seal() needs of one connection, kept between its commits: which tables are
 * sealed, how their rows are named, and the statements that read rows and write seals,
 * prepared once. All of it is read again when the schema changes (PRAGMA schema_version), so
 * a seal never follows a stale table list or key. Belongs to one connection (one sqlite3
 * handle); clear() finalizes its statements and must run before that connection closes.
 */
class SealStatements final
{
public:
    SealStatements();
    ~SealStatements();
    SealStatements(const SealStatements &) = delete;
    SealStatements &operator=(const SealStatements &) = delete;
    void clear();

private:
    friend class RowSeals;
    struct State;
    std::unique_ptr<State> m_state;
};

/**
 * Per-row seals: a keyed-by-nothing digest (BLAKE2b, 128 bits) of every row of the company's
 * own tables, written by Orb in the transaction that changes the row. Every connection Orb
 * opens for writing records the rows its statements touch (SQLite's pre-update hook, which
 * also sees REPLACE deletions and never takes the truncate shortcut), and Database::commit()
 * seals them just before COMMIT, so whatever path writes through Orb, the seals follow. A
 * change made around Orb (the sqlite3 shell, a trigger it added, another program) leaves the
 * seal stale, and verify() names the row.
 *
 * Usage events and their key index are not sealed (their volume: import batches carry their
 * own counts), nor is the audit trail (its own hash chain) or the sync log (a diagnostic log).
 * A person who knows this format can recompute a seal; see docs/SECURITY.md for what that
 * means and why the audit head hash is worth writing down elsewhere.
 */
class RowSeals final
{
public:
    /// The migration that creates row_seals; a file below it has no seals.
    static constexpr int SchemaVersion = 12;
    static constexpr int MaxFindings = 200;

    /// Whether the pre-update hook should record a change to this table (cheap, no SQL).
    static bool tracks(const char *table);
    /// Seals (or unseals, for rows gone) the pending rows, inside the caller's transaction;
    /// with `kept`, through the connection's kept statements (none: prepared for this once).
    static void seal(sqlite3 *db, const PendingRows &pending, SealStatements *kept = nullptr);
    /// Seals every row of every sealed table (the migration that introduces seals, and tables
    /// a migration rebuilt). Returns the number of rows sealed.
    static qint64 sealAll(const Database &db, const QStringList &onlyTables = {});
    /// Compares every sealed row with its seal, in one read transaction.
    static SealReport verify(const Database &db);
    /// The tables sealed in this file (rowid tables, minus the exclusions above).
    static QStringList sealedTables(sqlite3 *db);
    /// Whether the file has the row_seals table.
    static bool present(sqlite3 *db);
};

} // namespace orb
