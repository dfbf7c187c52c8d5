// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/BackupPassphraseStore.h"

#include "sync/CredentialStore.h"

namespace orb {

BackupPassphraseStore::BackupPassphraseStore(const QString &companyFilePath) : m_service(CredentialStore::serviceForCompanyFile(companyFilePath)) {}

std::optional<QByteArray> BackupPassphraseStore::load(QString *error) const
{
    const auto secret = CredentialStore(m_service).read(Account, error);
    if (!secret || secret->isEmpty())
        return std::nullopt;
    return secret->toUtf8();
}

QString BackupPassphraseStore::store(const QByteArray &passphrase) const
{
    return CredentialStore(m_service).write(Account, QString::fromUtf8(passphrase));
}

QString BackupPassphraseStore::remove() const
{
    return CredentialStore(m_service).remove(Account);
}

} // namespace orb
