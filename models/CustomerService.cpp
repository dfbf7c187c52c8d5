// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CustomerService.h"

#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/sync/Outbox.h"

namespace orb {

bool CustomerPatch::isEmpty() const
{
    return !name && !email && !externalCustomerId && !currency && !timezone && !billingAddress && !shippingAddress && !taxId && !netTerms && !metadata
           && !documentLanguage;
}

CustomerService::CustomerService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock), m_repo(file.db()) {}

void CustomerService::requireWritable() const
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
}

Customer CustomerService::get(const QString &reference) const
{
    auto c = m_repo.resolve(reference);
    if (!c)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(reference));
    return *c;
}

Customer CustomerService::create(Customer draft)
{
    requireWritable();
    draft.name = draft.name.trimmed();
    draft.email = draft.email.trimmed();
    if (draft.timezone.isEmpty())
        draft.timezone = m_file.settings().timezone;
    const FieldErrors errors = validateCustomer(draft);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the customer was not created"), errors);
    UnitOfWork uow(m_file.db());
    if (!draft.externalCustomerId.isEmpty() && m_repo.findByExternalId(draft.externalCustomerId))
        throw ServiceError::conflict(QStringLiteral("external_customer_id \"%1\" already belongs to another customer").arg(draft.externalCustomerId));
    draft.id = newId();
    draft.createdAt = m_clock.now();
    draft.updatedAt = draft.createdAt;
    draft.archivedAt = QDateTime();
    draft.balance = QStringLiteral("0");
    m_repo.insert(draft);
    AuditLog(m_file.db()).append(draft.createdAt, QStringLiteral("customer.create"), QStringLiteral("customer"), draft.id, std::nullopt, draft.toJson());
    Outbox::enqueue(m_file.db(), QStringLiteral("customer"), draft.id, QStringLiteral("create")); // Stripe learns of it in this transaction
    uow.commit();
    return draft;
}

Customer CustomerService::update(const QString &reference, const CustomerPatch &patch)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Customer before = get(reference);
    Customer c = before;
    if (patch.name)
        c.name = patch.name->trimmed();
    if (patch.email)
        c.email = patch.email->trimmed();
    if (patch.externalCustomerId)
        c.externalCustomerId = *patch.externalCustomerId;
    if (patch.currency && *patch.currency != c.currency) {
        if (!c.currency.isEmpty())
            throw ServiceError::conflict(
                QStringLiteral("customer \"%1\" already bills in %2; a customer's currency can be set only once").arg(c.name, c.currency));
        c.currency = *patch.currency;
    }
    if (patch.timezone && *patch.timezone != c.timezone)
        throw ServiceError::conflict(QStringLiteral("customer \"%1\" has the time zone %2, fixed when the customer was created; "
                                                    "billing periods depend on it")
                                         .arg(c.name, c.timezone));
    if (patch.billingAddress)
        c.billingAddress = *patch.billingAddress;
    if (patch.shippingAddress)
        c.shippingAddress = *patch.shippingAddress;
    if (patch.taxId)
        c.taxId = *patch.taxId;
    if (patch.netTerms)
        c.netTerms = *patch.netTerms;
    if (patch.documentLanguage)
        c.documentLanguage = patch.documentLanguage->trimmed();
    if (patch.metadata) {
        for (auto it = patch.metadata->constBegin(); it != patch.metadata->constEnd(); ++it) {
            if (it.value().isEmpty())
                c.metadata.remove(it.key());
            else
                c.metadata.insert(it.key(), it.value());
        }
    }
    const FieldErrors errors = validateCustomer(c);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("customer \"%1\" was not changed").arg(before.name), errors);
    if (!c.externalCustomerId.isEmpty() && c.externalCustomerId != before.externalCustomerId) {
        if (m_repo.findByExternalId(c.externalCustomerId))
            throw ServiceError::conflict(QStringLiteral("external_customer_id \"%1\" already belongs to another customer").arg(c.externalCustomerId));
    }
    c.updatedAt = m_clock.now();
    m_repo.update(c);
    AuditLog(m_file.db()).append(c.updatedAt, QStringLiteral("customer.update"), QStringLiteral("customer"), c.id, before.toJson(), c.toJson());
    Outbox::enqueue(m_file.db(), QStringLiteral("customer"), c.id, QStringLiteral("update"));
    uow.commit();
    return c;
}

Customer CustomerService::archive(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Customer c = get(reference);
    if (c.isArchived())
        throw ServiceError::conflict(QStringLiteral("customer \"%1\" is already archived").arg(c.name));
    const QJsonObject before = c.toJson();
    c.archivedAt = m_clock.now();
    c.updatedAt = c.archivedAt;
    m_repo.update(c);
    AuditLog(m_file.db()).append(c.updatedAt, QStringLiteral("customer.archive"), QStringLiteral("customer"), c.id, before, c.toJson());
    uow.commit();
    return c;
}

Customer CustomerService::unarchive(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Customer c = get(reference);
    if (!c.isArchived())
        throw ServiceError::conflict(QStringLiteral("customer \"%1\" is not archived").arg(c.name));
    const QJsonObject before = c.toJson();
    c.archivedAt = QDateTime();
    c.updatedAt = m_clock.now();
    m_repo.update(c);
    AuditLog(m_file.db()).append(c.updatedAt, QStringLiteral("customer.unarchive"), QStringLiteral("customer"), c.id, before, c.toJson());
    uow.commit();
    return c;
}

void CustomerService::remove(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Customer c = get(reference);
    try {
        m_repo.remove(c.id);
    } catch (const ServiceError &e) {
        if (e.kind() == ServiceError::Kind::Conflict)
            throw ServiceError::conflict(QStringLiteral("customer \"%1\" has invoices or other records and cannot be deleted; archive it instead").arg(c.name));
        throw;
    }
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("customer.delete"), QStringLiteral("customer"), c.id, c.toJson(), std::nullopt);
    uow.commit();
}

Customer CustomerService::restore(const Customer &removed)
{
    requireWritable();
    const FieldErrors errors = validateCustomer(removed);
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the customer was not restored"), errors);
    UnitOfWork uow(m_file.db());
    if (m_repo.findById(removed.id))
        throw ServiceError::conflict(QStringLiteral("customer \"%1\" exists already").arg(removed.name));
    if (!removed.externalCustomerId.isEmpty() && m_repo.findByExternalId(removed.externalCustomerId))
        throw ServiceError::conflict(QStringLiteral("external_customer_id \"%1\" already belongs to another customer").arg(removed.externalCustomerId));
    Customer c = removed;
    c.updatedAt = m_clock.now();
    c.balance = QStringLiteral("0"); // a removed customer had no records, so no balance either
    m_repo.insert(c);
    AuditLog(m_file.db()).append(c.updatedAt, QStringLiteral("customer.restore"), QStringLiteral("customer"), c.id, std::nullopt, c.toJson());
    Outbox::enqueue(m_file.db(), QStringLiteral("customer"), c.id, QStringLiteral("create"));
    uow.commit();
    return c;
}

} // namespace orb
