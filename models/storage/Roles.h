// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/StorageError.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace orb {

class Database;

/**
 * What a user may do with a company. The roles are ordered: each may do everything the ones
 * before it may. Viewer reads and exports; Ingest (API keys only) also sends usage events;
 * Billing also keeps customers, subscriptions, invoice runs, invoices, payments and credit
 * notes; Admin also keeps settings, the catalog, API keys, webhook endpoints and users.
 */
enum class Role { Viewer = 0, Ingest = 1, Billing = 2, Admin = 3 };

/**
 * The one place where a role meets a write. Every statement a connection runs passes
 * Roles::check (Database::exec and the server's own statements): a statement that writes a
 * table names the table, and the table's rule names the least role that may change it. So the
 * window, `orbctl` and the API obey the same rule, whatever service they call, and a write path
 * added later is covered without being listed anywhere. The same table of rules gives the
 * PostgreSQL grants (ServerRoles), so the server enforces it too.
 */
class Roles final
{
public:
    /// "viewer", "ingest", "billing", "admin".
    static QString name(Role role);
    /// A role named by people or stored by the program; nullopt for anything else.
    static std::optional<Role> parse(const QString &name);
    /// The roles a person can have on a company: admin, billing, viewer.
    static QStringList userRoleNames();

    struct TableRule {
        QString table;
        Role writer;  ///< the least role that may change the table
        QString what; ///< what a change of it is, for people: "change invoices"
    };
    /// Every table of the company with its rule (the test checks the schema has no other).
    static const QList<TableRule> &tableRules();
    /// The rule of a table; nullopt for a table without one (only Admin may write it then).
    static std::optional<TableRule> ruleFor(const QString &table);

    /// What a statement writes: nothing (a read, transaction control, a session setting), a
    /// table, or the schema (any other statement: DDL, grants, anything not recognised).
    struct Target {
        enum class Kind { None, Table, Schema };
        Kind kind = Kind::None;
        QString table;
    };
    static Target target(const QString &sql);
    /// Throws the refusal (ServiceError::Conflict) when `role` may not run `sql`.
    static void check(Role role, const QString &sql);
    /// Throws the refusal when the connection's role is below `needed`. For entry points that
    /// do more than write tables (server logins) or should refuse before any work.
    static void require(const Database &db, Role needed, const QString &what);
    /// "your role (viewer) may not change invoices; nothing was changed".
    static ServiceError refusal(Role role, const QString &what);
    static bool isRefusal(const ServiceError &error);
};

/**
 * Narrows the role acting through a connection for a scope: an API request acts with the
 * role of its key, never more than the connection's own. The previous limit comes back when
 * the scope ends.
 */
class ActingRole final
{
public:
    ActingRole(Database &db, Role limit);
    ~ActingRole();
    ActingRole(const ActingRole &) = delete;
    ActingRole &operator=(const ActingRole &) = delete;

private:
    Database &m_db;
    Role m_previous;
};

} // namespace orb
