// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "models/CustomerRepository.h"

#include <optional>

namespace orb {

class Clock;
class CompanyFile;

/// The fields to change in an update; unset fields stay as they are.
struct CustomerPatch {
    std::optional<QString> name;
    std::optional<QString> email;
    std::optional<QString> externalCustomerId;
    std::optional<QString> currency;
    std::optional<QString> timezone;
    std::optional<Address> billingAddress;
    std::optional<Address> shippingAddress;
    std::optional<TaxId> taxId;
    std::optional<std::optional<int>> netTerms;
    std::optional<QString> documentLanguage; ///< empty: the company's
    /// Keys to set; a key with an empty value is removed (as Orb's API does with null).
    std::optional<QMap<QString, QString>> metadata;

    bool isEmpty() const;
};

/**
 * Customers' business actions, each one transaction: create, update (currency can be set once;
 * the time zone is fixed after creation), archive, unarchive and delete (refused while
 * anything refers to the customer). Throws ServiceError naming the field and the rule.
 */
class CustomerService final
{
public:
    CustomerService(CompanyFile &file, const Clock &clock);

    Customer create(Customer draft);
    Customer update(const QString &reference, const CustomerPatch &patch);
    Customer archive(const QString &reference);
    Customer unarchive(const QString &reference);
    void remove(const QString &reference);
    /// Puts a removed customer back as it was, same id (the redo of creating it), with an audit
    /// entry; Stripe hears of it again. Conflict when the id or external id is taken meanwhile.
    Customer restore(const Customer &removed);
    /// The customer with that Orb id or external_customer_id; throws NotFound.
    Customer get(const QString &reference) const;

    CustomerRepository &repository() { return m_repo; }

private:
    void requireWritable() const;
    CompanyFile &m_file;
    const Clock &m_clock;
    CustomerRepository m_repo;
};

} // namespace orb
