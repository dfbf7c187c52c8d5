// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeKeyStore.h"

#include "sync/CredentialStore.h"

namespace orb {

StripeKeyStore::StripeKeyStore(const QString &companyFilePath) : m_service(CredentialStore::serviceForCompanyFile(companyFilePath)) {}

std::optional<QString> StripeKeyStore::load(QString *source, QString *error) const
{
    const QString env = qEnvironmentVariable(EnvironmentVariable.toLatin1().constData()).trimmed();
    if (!env.isEmpty()) {
        if (source)
            *source = QStringLiteral("environment");
        return env;
    }
    if (source)
        *source = QStringLiteral("keychain");
    return CredentialStore(m_service).read(Account, error);
}

QString StripeKeyStore::store(const QString &key) const
{
    return CredentialStore(m_service).write(Account, key);
}

QString StripeKeyStore::remove() const
{
    return CredentialStore(m_service).remove(Account);
}

QString StripeKeyStore::checkShape(const QString &key)
{
    if (key.isEmpty())
        return QStringLiteral("no key was given");
    if (key.startsWith(QLatin1String("pk_")))
        return QStringLiteral("this is a publishable key (pk_…); Orb needs a secret key (sk_…) or a restricted key (rk_…)");
    if (stripeKeyMode(key).isEmpty())
        return QStringLiteral("this does not look like a Stripe secret key (sk_test_…, sk_live_…, rk_test_… or rk_live_…)");
    return {};
}

} // namespace orb
