// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace orb {

/**
 * The backup passphrase of a company file, kept in the OS keychain (one entry per company
 * file) so that scheduled backups can be encrypted without asking. Never in the company file,
 * settings or a command line. The same passphrase restores the backups anywhere: the key is
 * derived from it with Argon2id and the salt in each backup.
 */
class BackupPassphraseStore final
{
public:
    static inline const QString Account = QStringLiteral("backup_passphrase");

    explicit BackupPassphraseStore(const QString &companyFilePath);

    /// The passphrase; nothing when none is set; *error says why the keychain failed.
    std::optional<QByteArray> load(QString *error = nullptr) const;
    /// Stores it; returns an error message, empty on success.
    QString store(const QByteArray &passphrase) const;
    QString remove() const;

private:
    QString m_service;
};

} // namespace orb
