// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "models/Database.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace orb {

/// What to list: a search over name, external id and e-mail, archived or not, in an order.
struct CustomerQuery {
    enum class Sort { Name, ExternalId, Email, Currency, Created };
    QString search;
    bool includeArchived = false;
    Sort sort = Sort::Name;
    bool ascending = true;
    int limit = -1;
    int offset = 0;
};

/// How many customers are active and how many archived.
struct CustomerCounts {
    int active = 0;
    int archived = 0;
};

/// Customers in the company file. No business rules here: the service checks them.
class CustomerRepository final
{
public:
    explicit CustomerRepository(const Database &db) : m_db(db) {}

    void insert(const Customer &customer);
    void update(const Customer &customer);
    /// Deletes the row; the company file's foreign keys refuse it when anything refers to it.
    void remove(const QString &id);

    std::optional<Customer> findById(const QString &id) const;
    std::optional<Customer> findByExternalId(const QString &externalId) const;
    /// An Orb id or an external_customer_id.
    std::optional<Customer> resolve(const QString &reference) const;

    QList<Customer> list(const CustomerQuery &query) const;
    int count(const CustomerQuery &query) const;
    /// Only the ids, in the query's order: cheap enough for 100,000 rows.
    QStringList ids(const CustomerQuery &query) const;
    /// The customers with these ids, in any order.
    QList<Customer> byIds(const QStringList &ids) const;
    /// Active and archived customers, counted in one statement.
    CustomerCounts counts() const;
    /// Every customer's name by id (archived ones included), for labelling rows in bulk.
    QHash<QString, QString> namesById() const;
    /// One customer's name, empty when there is no such customer.
    QString name(const QString &id) const;

private:
    QString whereClause(const CustomerQuery &query, QVariantList &binds) const;
    const Database &m_db;
};

} // namespace orb
