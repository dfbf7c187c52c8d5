// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace orb {

/**
 * The password of a login on a company server, in the OS keychain (CredentialStore): one entry
 * per user, server, port and database, whatever the TLS options. Never in settings, the
 * company, a location or a command line. remember() also hands it to this process's later
 * connections (Database::setServerPassword).
 */
class ServerPasswordStore final
{
public:
    /// location: a postgresql:// location (CompanyLocation); throws ServiceError when invalid.
    explicit ServerPasswordStore(const QString &location);

    /// The keychain's account name: "user@host:port/database" (user: libpq's default when empty).
    const QString &account() const { return m_account; }

    /// The stored password; nothing when none is stored, *error set when the keychain failed.
    std::optional<QString> load(QString *error = nullptr) const;
    /// Stores it; returns an error message, empty on success.
    QString save(const QString &password) const;
    /// Forgets it (no error when there was none).
    QString remove() const;

    /**
     * Gives this process's connections to `location` the password to use, in this order:
     * PGPASSWORD when set (automation says so for this one run; libpq reads it), else the
     * keychain entry, else nothing (libpq then reads ~/.pgpass). Returns where it came from
     * ("PGPASSWORD", "keychain" or empty). A keychain that cannot be reached counts as none.
     */
    static QString provide(const QString &location);

private:
    QString m_location;
    QString m_account;
};

} // namespace orb
