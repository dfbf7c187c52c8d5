// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/WebhookSecretStore.h"

#include "models/CompanyFile.h"
#include "sync/CredentialStore.h"

namespace orb {

WebhookSecretStore::WebhookSecretStore(const QString &companyFilePath) : m_service(CredentialStore::serviceForCompanyFile(companyFilePath)) {}

QString WebhookSecretStore::account(const QString &endpointId)
{
    return QStringLiteral("webhook_secret/") + endpointId;
}

QString WebhookSecretStore::store(const QString &endpointId, const QString &secret) const
{
    return CredentialStore(m_service).write(account(endpointId), secret);
}

std::optional<QString> WebhookSecretStore::load(const QString &endpointId, QString *error) const
{
    return CredentialStore(m_service).read(account(endpointId), error);
}

QString WebhookSecretStore::remove(const QString &endpointId) const
{
    return CredentialStore(m_service).remove(account(endpointId));
}

WebhookService::SecretKeeper WebhookSecretStore::keeper() const
{
    return [store = *this](const QString &endpointId, const QString &secret) { return store.store(endpointId, secret); };
}

QString WebhookSecretStore::moveOutOfCompanyFile(CompanyFile &file, const Clock &clock) const
{
    if (file.isReadOnly())
        return {};
    WebhookService service(file, clock);
    const QList<QPair<QString, QString>> left = service.secretsInCompanyFile();
    QStringList stuck;
    QString why;
    for (const auto &[id, secret] : left) {
        if (const QString problem = store(id, secret); !problem.isEmpty()) {
            stuck << id;
            why = problem;
            continue;
        }
        try {
            service.secretMovedToKeychain(id);
        } catch (const std::exception &e) {
            // The keychain has it; the company file still does too and is tried again next time.
            stuck << id;
            why = QString::fromUtf8(e.what());
        }
    }
    if (stuck.isEmpty())
        return {};
    return QStringLiteral("the signing secrets of webhook endpoints %1 are still in the company file (%2); they keep working from there and move to "
                          "the keychain once it can be reached")
        .arg(stuck.join(QStringLiteral(", ")), why);
}

} // namespace orb
