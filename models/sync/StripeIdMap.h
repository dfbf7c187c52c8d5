// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace orb {

class Database;

/// Which Stripe object stands for which local one (customers, invoices, meters per metric).
class StripeIdMap final
{
public:
    explicit StripeIdMap(Database &db) : m_db(db) {}

    std::optional<QString> stripeId(const QString &objectType, const QString &localId) const;
    std::optional<QString> localId(const QString &objectType, const QString &stripeId) const;
    void set(const QString &objectType, const QString &localId, const QString &stripeId);

private:
    Database &m_db;
};

} // namespace orb
