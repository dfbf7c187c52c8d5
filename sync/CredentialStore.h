// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace orb {

/**
 * Secrets in the operating system's keychain (Secret Service on Linux, Keychain on macOS,
 * Credential Manager on Windows) through QtKeychain. Nothing secret is ever written to the
 * company file, settings or logs. Calls block until the keychain answers (run them off the
 * UI thread, or accept a short wait for a user's explicit action).
 */
class CredentialStore final
{
public:
    /// service: the keychain's service name (one per company file, so two companies keep two keys).
    explicit CredentialStore(QString service);

    /// Stores the secret; returns an error message, empty on success.
    QString write(const QString &account, const QString &secret) const;
    /// The stored secret, nothing when there is none; *error gets a message when the keychain failed.
    std::optional<QString> read(const QString &account, QString *error = nullptr) const;
    /// Deletes the secret (no error when there was none).
    QString remove(const QString &account) const;

    /// The keychain service name for a company file.
    static QString serviceForCompanyFile(const QString &companyFilePath);

private:
    QString m_service;
};

/// What kind of Stripe key a text is: "test", "live" or empty when it is not one.
QString stripeKeyMode(const QString &key);

} // namespace orb
