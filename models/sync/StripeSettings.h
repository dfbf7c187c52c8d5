// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

class Database;

/// The company-file settings the Stripe sync reads, on the worker's own connection.
class StripeSettings final
{
public:
    static inline const QString ApiBaseKey = QStringLiteral("stripe.api_base");
    static inline const QString CollectionMethodKey = QStringLiteral("stripe.collection_method");
    static inline const QString DefaultApiBase = QStringLiteral("https://api.stripe.com");

    explicit StripeSettings(Database &db) : m_db(db) {}

    /// The API base as stored (not yet checked: see checkApiBase).
    QString apiBase() const;
    /// The company's default collection method, empty when unset.
    QString collectionMethod() const;

    /**
     * Empty when `base` may receive the secret key, else the rule it breaks. Only Stripe's own
     * `https://api.stripe.com` and loopback addresses (127.0.0.0/8, ::1, localhost: the
     * stand-in and local proxies in tests) qualify, so a company file shared or restored from
     * elsewhere cannot send the key to a host of its choosing.
     */
    static QString checkApiBase(const QString &base);

private:
    Database &m_db;
};

} // namespace orb
