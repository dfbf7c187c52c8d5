// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace orb {

class Clock;
class CompanyFile;

/// A key of Orb's REST API as stored: never its secret, only the secret's hash and prefix.
struct ApiKey {
    QString id;
    QString name;
    QString role; ///< admin, billing or ingest
    QString prefix;
    QDateTime createdAt;
    QDateTime revokedAt;
    QDateTime lastUsedAt; ///< to the minute (see ApiKeyService::recordUse); invalid: never

    bool isRevoked() const { return revokedAt.isValid(); }
    /// {id, name, role, prefix, created_at, revoked_at, last_used_at}: never the secret.
    QJsonObject toJson() const;
};

/// A new key and its secret, which exists only in this value (it is shown once).
struct NewApiKey {
    ApiKey key;
    QString secret;
};

/**
 * API keys: create (a random 32-byte secret, stored as its SHA-256), list, revoke, and the
 * look-up of a presented secret. Create and revoke are one transaction each with an audit
 * entry. Authentication reads the company file every time, so a key revoked by another
 * process (orbctl, the window) stops working at its next request.
 */
class ApiKeyService final
{
public:
    ApiKeyService(CompanyFile &file, const Clock &clock);

    static QStringList roles();

    NewApiKey create(const QString &name, const QString &role);
    QList<ApiKey> list() const;
    /// Throws NotFound for an unknown id, Conflict for a key already revoked.
    ApiKey revoke(const QString &id);
    /// The active key whose secret this is, or nothing (unknown or revoked).
    std::optional<ApiKey> authenticate(const QString &secret) const;

    /**
     * Records when keys were used (key id → instant), one transaction for all, keeping the
     * later instant of what is stored and what is given. No audit entry: it is bookkeeping of
     * the API server, not a change of the company, and a server records it at most once a
     * minute per key, apart from any request's own transaction (ApiHandler). Nothing is
     * written on a company open read-only.
     */
    void recordUse(const QHash<QString, QDateTime> &uses);

    /// The stored form of a secret.
    static QByteArray hashSecret(const QString &secret);

private:
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
