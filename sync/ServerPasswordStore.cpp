// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/ServerPasswordStore.h"

#include "models/Database.h"
#include "models/storage/CompanyLocation.h"
#include "sync/CredentialStore.h"

#include <pwd.h>
#include <unistd.h>

namespace orb {

namespace {

const QString kService = QStringLiteral("orb-billing/company-server");

QString loginName()
{
    if (const QString env = qEnvironmentVariable("PGUSER"); !env.isEmpty())
        return env;
    if (const passwd *pw = getpwuid(getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}

} // namespace

ServerPasswordStore::ServerPasswordStore(const QString &location)
{
    const CompanyLocation loc = CompanyLocation::parse(location);
    m_location = loc.display();
    m_account = QStringLiteral("%1@%2:%3/%4")
                    .arg(loc.user.isEmpty() ? loginName() : loc.user, loc.host.isEmpty() ? QStringLiteral("localhost") : loc.host)
                    .arg(loc.port)
                    .arg(loc.database);
}

std::optional<QString> ServerPasswordStore::load(QString *error) const
{
    return CredentialStore(kService).read(m_account, error);
}

QString ServerPasswordStore::save(const QString &password) const
{
    const QString problem = CredentialStore(kService).write(m_account, password);
    if (problem.isEmpty())
        Database::setServerPassword(m_location, password);
    return problem;
}

QString ServerPasswordStore::remove() const
{
    return CredentialStore(kService).remove(m_account);
}

QString ServerPasswordStore::provide(const QString &location)
{
    if (qEnvironmentVariableIsSet("PGPASSWORD"))
        return QStringLiteral("PGPASSWORD");
    const ServerPasswordStore store(location);
    if (Database::hasServerPassword(store.m_location))
        return QStringLiteral("keychain");
    if (const auto password = store.load()) {
        Database::setServerPassword(store.m_location, *password);
        return QStringLiteral("keychain");
    }
    return {};
}

} // namespace orb
