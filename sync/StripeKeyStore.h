// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace orb {

/**
 * Where the Stripe secret key of a company file lives: the OS keychain (one entry per
 * company file), or, for automation, the environment variable ORB_STRIPE_API_KEY. Never the
 * company file, settings, logs or a command line.
 */
class StripeKeyStore final
{
public:
    static inline const QString Account = QStringLiteral("stripe_secret_key");
    static inline const QString EnvironmentVariable = QStringLiteral("ORB_STRIPE_API_KEY");

    explicit StripeKeyStore(const QString &companyFilePath);

    /// The key to use, and in *source where it came from ("environment" or "keychain").
    /// Nothing when there is none; *error says why the keychain could not be read.
    std::optional<QString> load(QString *source = nullptr, QString *error = nullptr) const;
    /// Stores the key in the keychain; returns an error message, empty on success.
    QString store(const QString &key) const;
    QString remove() const;

    /// Trims a key read from a terminal or pipe, and says what is wrong with it (empty if
    /// nothing): a publishable key, a malformed one.
    static QString checkShape(const QString &key);

private:
    QString m_service;
};

} // namespace orb
