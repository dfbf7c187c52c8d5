// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/storage/Roles.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace orb {

class Database;

/// A person who may open a company on a server: a database login and the company role it has.
struct CompanyUser {
    QString name;
    Role role = Role::Viewer;
    bool canLogin = true;
};

/**
 * Roles of a company on a PostgreSQL server. The company's users are database roles; three
 * group roles per database, `<database>_admin`, `<database>_billing` and `<database>_viewer`,
 * carry its grants (from Roles::tableRules: viewer SELECT only; billing SELECT everywhere and
 * INSERT/UPDATE/DELETE on the tables billing and ingest write, the audit trail INSERT only;
 * admin every table privilege). A user's role is the highest group the server says the login
 * is a member of (pg_has_role), so no table a user could edit decides it. The database's owner
 * and superusers are admins.
 */
class ServerRoles final
{
public:
    /// The role of the connection's user on its company, as the server says.
    static Role connectionRole(const Database &db);
    /// The group role of `role` for this database ("books_admin").
    static QString groupName(const Database &db, Role role);
    /// Whether the company's group roles exist on the server.
    static bool isSetUp(const Database &db);
    /**
     * Inside the caller's transaction: creates the three group roles where missing, grants
     * their tables (applyGrants), and makes the connection's user an admin (able to grant the
     * groups to others). Needs a user who may create roles (CREATEROLE or superuser).
     */
    static void setUp(Database &db);
    /// Grants each group its tables, from the table rules (again after a migration).
    static void applyGrants(const Database &db);

    /// The members of the company's groups, by name, each with their highest role.
    static QList<CompanyUser> users(const Database &db);
    /// Creates the login when it does not exist yet (with a SCRAM-SHA-256 verifier of the
    /// password, never the password itself, when one is given) and grants it the role's group.
    /// Returns whether the login was created (false: it existed, its password is unchanged).
    static bool addUser(const Database &db, const QString &name, Role role, const QByteArray &password);
    static void setRole(const Database &db, const QString &name, Role role);
    /// Revokes the company's groups; the login itself stays (it may hold other companies).
    static void removeUser(const Database &db, const QString &name);

    /// PostgreSQL's stored form of a password (RFC 5802/7677 with PostgreSQL's layout).
    static QString scramVerifier(const QByteArray &password, const QByteArray &salt, int iterations = 4096);
    /// An identifier in double quotes, quotes doubled.
    static QString quoted(const QString &identifier);
};

} // namespace orb
