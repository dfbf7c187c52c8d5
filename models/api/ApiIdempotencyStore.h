// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace orb {

class CompanyFile;

/// A stored answer to a POST or PUT sent with an Idempotency-Key.
struct StoredApiAnswer {
    QByteArray requestHash; ///< SHA-256 of method, path, query and body
    int status = 0;
    QByteArray body;
};

/**
 * The answers the API gave to requests with an Idempotency-Key, per API key, kept for 48 hours
 * (as Orb keeps them): a retry of the same request gets the first answer again and changes
 * nothing; the key reused for a different request is refused by the caller.
 */
class ApiIdempotencyStore final
{
public:
    explicit ApiIdempotencyStore(CompanyFile &file) : m_file(file) {}

    std::optional<StoredApiAnswer> find(const QString &apiKeyId, const QString &idempotencyKey, const QDateTime &now) const;
    /// Keeps the answer (the first one wins) and forgets answers older than 48 hours.
    void store(const QString &apiKeyId, const QString &idempotencyKey, const StoredApiAnswer &answer, const QDateTime &now);

    static constexpr qint64 kRetentionSeconds = 48 * 60 * 60; ///< Orb keeps keys 48 hours

private:
    CompanyFile &m_file;
};

} // namespace orb
