// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"

#include <QUndoCommand>

#include <functional>

namespace orb {

class CustomerService;

/**
 * A customer edit as an undoable step: undo writes the fields back as they were (through
 * CustomerService, one transaction and an audit entry), redo writes the edit again. The
 * currency is left alone: once set it cannot be unset. Push it after the edit was stored.
 */
class EditCustomerCommand final : public QUndoCommand
{
public:
    EditCustomerCommand(CustomerService &service, Customer before, Customer after, std::function<void()> changed);

    void undo() override;
    void redo() override;
    QString error() const { return m_error; }

private:
    void write(const Customer &target, const Customer &current);

    CustomerService &m_service;
    Customer m_before;
    Customer m_after;
    std::function<void()> m_changed;
    bool m_first = true;
    QString m_error;
};

} // namespace orb
