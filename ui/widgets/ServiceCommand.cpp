// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ServiceCommand.h"

#include "models/StorageError.h"

namespace orb {

ServiceCommand::ServiceCommand(const QString &text, std::function<void()> apply, std::function<void()> revert, std::function<void(const QString &)> done)
    : m_apply(std::move(apply)), m_revert(std::move(revert)), m_done(std::move(done))
{
    setText(text);
}

void ServiceCommand::run(const std::function<void()> &call)
{
    QString error;
    try {
        call();
    } catch (const ServiceError &e) {
        error = e.details();
    }
    if (m_done)
        m_done(error);
}

void ServiceCommand::undo()
{
    run(m_revert);
}

void ServiceCommand::redo()
{
    if (m_first) { // push() calls redo(); the change is already made
        m_first = false;
        return;
    }
    run(m_apply);
}

} // namespace orb
