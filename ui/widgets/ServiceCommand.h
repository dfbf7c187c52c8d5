// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>

#include <functional>

namespace orb {

/**
 * An undoable step made of two service calls: `apply` does the change again, `revert` takes it
 * back. Each call is the service's own action (one transaction, its audit entry). A call the
 * service refuses (ServiceError) changes nothing; `done` hears its message, or an empty one.
 * Push it after the change was made: the first redo() is the change already done.
 */
class ServiceCommand final : public QUndoCommand
{
public:
    ServiceCommand(const QString &text, std::function<void()> apply, std::function<void()> revert, std::function<void(const QString &error)> done);

    void undo() override;
    void redo() override;

private:
    void run(const std::function<void()> &call);

    std::function<void()> m_apply;
    std::function<void()> m_revert;
    std::function<void(const QString &)> m_done;
    bool m_first = true;
};

} // namespace orb
