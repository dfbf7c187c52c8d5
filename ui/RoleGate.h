// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/storage/Roles.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

class QAction;

#include <optional>

namespace orb {

/**
 * The window's side of roles: the buttons and actions that change the company, each with the
 * least role that may use it (one table, by object name), disabled with a tooltip saying why
 * when the company's role is below it, and kept disabled when a screen enables them again for
 * a new selection. The services refuse the same actions whatever the window shows.
 */
class RoleGate final : public QObject
{
    Q_OBJECT

public:
    RoleGate(Role role, QObject *parent);
    /// Gives the actions it gated their own tooltips back (the next company's role decides).
    ~RoleGate() override;

    /// The least role for a button or action of that object name; nullopt: anyone (reads).
    static std::optional<Role> needs(const QString &objectName);
    /// Why the control is disabled, for its tooltip.
    static QString why(Role role, Role needed);

    Role role() const { return m_role; }
    /// Gates every known button and action below `root` (a screen, the main window).
    void guard(QObject *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Role m_role;
    QList<QPair<QPointer<QAction>, QString>> m_actions; ///< gated actions and their own tooltips
};

} // namespace orb
