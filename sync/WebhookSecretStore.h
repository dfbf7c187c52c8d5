// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/api/WebhookService.h"

#include <QString>

#include <optional>

namespace orb {

class Clock;
class CompanyFile;

/**
 * Where webhook signing secrets live: the system keychain, one entry per endpoint under the
 * company file's keychain service (as the Stripe key). Never the company file, settings or logs.
 */
class WebhookSecretStore final
{
public:
    explicit WebhookSecretStore(const QString &companyFilePath);

    /// The keychain account of an endpoint's secret.
    static QString account(const QString &endpointId);

    /// Stores the secret; returns an error message, empty on success.
    QString store(const QString &endpointId, const QString &secret) const;
    /// The secret, nothing when there is none; *error says why the keychain could not be read.
    std::optional<QString> load(const QString &endpointId, QString *error = nullptr) const;
    QString remove(const QString &endpointId) const;
    /// For WebhookService::create.
    WebhookService::SecretKeeper keeper() const;

    /// Moves the secrets an older version left in the company file into the keychain and blanks
    /// them there, one endpoint at a time (each blanked only once its secret is stored).
    /// Returns an error message naming what stayed behind, empty when nothing is left; the
    /// secrets that could not move keep working from the company file.
    QString moveOutOfCompanyFile(CompanyFile &file, const Clock &clock) const;

private:
    QString m_service;
};

} // namespace orb
