// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/storage/ServerRoles.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace orb {

class Clock;
class CompanyFile;

/**
 * The users of a company and their roles: admins only, each change one transaction with an
 * audit entry (user.add, user.set_role, user.remove). On a server the users are database
 * logins in the company's group roles (ServerRoles); a company file has one local user with
 * every role, so it lists that user and refuses every change with a message that says so.
 */
class UserService final
{
public:
    UserService(CompanyFile &file, const Clock &clock);

    /// Whether the company can have more than one user (it lives on a server).
    bool hasUsers() const;
    /// The users; on a company file its one local user (the login running Orb), an admin.
    QList<CompanyUser> list() const;
    /// The role of whoever acts through this connection.
    Role currentRole() const;
    /// Sets the company's group roles up first when it has none yet (its owner, once).
    /// Returns whether a login was created.
    bool add(const QString &name, Role role, const QByteArray &password);
    void setRole(const QString &name, Role role);
    void remove(const QString &name);

    /// What a company file answers to a change of users.
    static QString oneLocalUserMessage();

private:
    void requireServerAdmin(const QString &what) const;

    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
