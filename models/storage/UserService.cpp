// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/UserService.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"

#include <QJsonObject>

namespace orb {

namespace {

QJsonObject userJson(const QString &name, Role role)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("role"), Roles::name(role)}};
}

} // namespace

UserService::UserService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

QString UserService::oneLocalUserMessage()
{
    return QStringLiteral("a company file has one local user with every role; users and roles are for a company on a server "
                          "(see `orbctl company move-to-server`); nothing was changed");
}

bool UserService::hasUsers() const
{
    return m_file.isServer();
}

Role UserService::currentRole() const
{
    return m_file.db().role();
}

QList<CompanyUser> UserService::list() const
{
    if (!m_file.isServer())
        return {CompanyUser{AuditLog::currentOsUser(), Role::Admin, true}};
    return ServerRoles::users(m_file.db());
}

void UserService::requireServerAdmin(const QString &what) const
{
    if (!m_file.isServer())
        throw ServiceError::conflict(oneLocalUserMessage());
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
    Roles::require(m_file.db(), Role::Admin, what);
}

bool UserService::add(const QString &name, Role role, const QByteArray &password)
{
    requireServerAdmin(QStringLiteral("add users"));
    if (role == Role::Ingest)
        throw ServiceError::invalid(QStringLiteral("--role: a user is admin, billing or viewer (ingest is for API keys)"));
    Database &db = m_file.db();
    UnitOfWork uow(db);
    if (!ServerRoles::isSetUp(db))
        ServerRoles::setUp(db);
    const bool created = ServerRoles::addUser(db, name, role, password);
    QJsonObject after = userJson(name, role);
    after.insert(QStringLiteral("login_created"), created);
    AuditLog(db).append(m_clock.now(), QStringLiteral("user.add"), QStringLiteral("user"), name, std::nullopt, after);
    uow.commit();
    return created;
}

void UserService::setRole(const QString &name, Role role)
{
    requireServerAdmin(QStringLiteral("change users' roles"));
    if (role == Role::Ingest)
        throw ServiceError::invalid(QStringLiteral("ROLE: a user is admin, billing or viewer (ingest is for API keys)"));
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Role before = Role::Viewer;
    for (const CompanyUser &u : ServerRoles::users(db))
        if (u.name == name)
            before = u.role;
    ServerRoles::setRole(db, name, role);
    AuditLog(db).append(m_clock.now(), QStringLiteral("user.set_role"), QStringLiteral("user"), name, userJson(name, before), userJson(name, role));
    uow.commit();
    db.refreshRole();
}

void UserService::remove(const QString &name)
{
    requireServerAdmin(QStringLiteral("remove users"));
    Database &db = m_file.db();
    UnitOfWork uow(db);
    Role before = Role::Viewer;
    for (const CompanyUser &u : ServerRoles::users(db))
        if (u.name == name)
            before = u.role;
    ServerRoles::removeUser(db, name);
    AuditLog(db).append(m_clock.now(), QStringLiteral("user.remove"), QStringLiteral("user"), name, userJson(name, before), std::nullopt);
    uow.commit();
    db.refreshRole();
}

} // namespace orb
