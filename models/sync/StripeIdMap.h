// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPair>
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
    void remove(const QString &objectType, const QString &localId);
    /// Every mapping of a type as (local id, Stripe id), by local id.
    QList<QPair<QString, QString>> all(const QString &objectType) const;
    /// Forgets every mapping (a fresh start on another Stripe account); in the caller's transaction.
    void clear();

private:
    Database &m_db;
};

} // namespace orb
