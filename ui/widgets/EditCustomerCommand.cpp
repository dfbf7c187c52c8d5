// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/EditCustomerCommand.h"

#include "models/CustomerService.h"
#include "models/StorageError.h"

#include <QCoreApplication>

namespace orb {

EditCustomerCommand::EditCustomerCommand(CustomerService &service, Customer before, Customer after, std::function<void()> changed)
    : m_service(service), m_before(std::move(before)), m_after(std::move(after)), m_changed(std::move(changed))
{
    setText(QCoreApplication::translate("orb::EditCustomerCommand", "Edit customer %1").arg(m_after.name));
}

void EditCustomerCommand::write(const Customer &target, const Customer &current)
{
    CustomerPatch patch;
    patch.name = target.name;
    patch.email = target.email;
    patch.externalCustomerId = target.externalCustomerId;
    patch.timezone = target.timezone;
    patch.billingAddress = target.billingAddress;
    patch.shippingAddress = target.shippingAddress;
    patch.taxId = target.taxId;
    patch.netTerms = target.netTerms;
    patch.documentLanguage = target.documentLanguage;
    QMap<QString, QString> metadata = target.metadata;
    for (auto it = current.metadata.cbegin(); it != current.metadata.cend(); ++it)
        if (!target.metadata.contains(it.key()))
            metadata.insert(it.key(), QString()); // an empty value removes the key
    patch.metadata = metadata;
    try {
        m_service.update(target.id, patch);
        m_error.clear();
    } catch (const ServiceError &e) {
        m_error = e.details();
    }
    if (m_changed)
        m_changed();
}

void EditCustomerCommand::undo()
{
    write(m_before, m_after);
}

void EditCustomerCommand::redo()
{
    if (m_first) { // push() calls redo(); the dialog already stored the edit
        m_first = false;
        return;
    }
    write(m_after, m_before);
}

} // namespace orb
