// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RoleGate.h"

#include <QAbstractButton>
#include <QAction>
#include <QEvent>
#include <QHash>

namespace orb {

namespace {

const QHash<QString, Role> &table()
{
    // Object names of the screens' buttons and the main window's actions.
    static const QHash<QString, Role> names{
        // Usage: what sending usage events may do.
        {QStringLiteral("importEventsAction"), Role::Ingest},
        {QStringLiteral("importButton"), Role::Ingest},
        {QStringLiteral("amendButton"), Role::Ingest},
        {QStringLiteral("deprecateButton"), Role::Ingest},
        // Billing: customers, subscriptions, invoice runs, invoices, payments, credit notes.
        {QStringLiteral("invoiceRunAction"), Role::Billing},
        {QStringLiteral("newSubscriptionAction"), Role::Billing},
        {QStringLiteral("invoiceRunButton"), Role::Billing},
        {QStringLiteral("issueButton"), Role::Billing},
        {QStringLiteral("voidButton"), Role::Billing},
        {QStringLiteral("payButton"), Role::Billing},
        {QStringLiteral("creditButton"), Role::Billing},
        {QStringLiteral("deleteDraftButton"), Role::Billing},
        {QStringLiteral("emailInvoicesButton"), Role::Billing},
        {QStringLiteral("newButton"), Role::Billing},
        {QStringLiteral("editButton"), Role::Billing},
        {QStringLiteral("archiveButton"), Role::Billing},
        {QStringLiteral("importCustomersButton"), Role::Billing},
        {QStringLiteral("newSubscriptionButton"), Role::Billing},
        {QStringLiteral("changePlanButton"), Role::Billing},
        {QStringLiteral("cancelSubscriptionButton"), Role::Billing},
        // A ledger export marks its period as exported (a record of the books).
        {QStringLiteral("ledgerExportButton"), Role::Billing},
        // Admin: settings, the catalog, coupons, tax rates.
        {QStringLiteral("saveSettingsButton"), Role::Admin},
        {QStringLiteral("addTaxRateButton"), Role::Admin},
        {QStringLiteral("importCatalogButton"), Role::Admin},
        {QStringLiteral("newPlanButton"), Role::Admin},
        {QStringLiteral("editPlanButton"), Role::Admin},
        {QStringLiteral("archivePlanButton"), Role::Admin},
        {QStringLiteral("newCouponButton"), Role::Admin},
        {QStringLiteral("saveCouponButton"), Role::Admin},
        {QStringLiteral("archiveCouponButton"), Role::Admin},
        {QStringLiteral("newTaxRateButton"), Role::Admin},
        {QStringLiteral("saveTaxRateButton"), Role::Admin},
        {QStringLiteral("archiveTaxRateButton"), Role::Admin},
        {QStringLiteral("assignCustomerButton"), Role::Admin},
        {QStringLiteral("assignItemButton"), Role::Admin},
        {QStringLiteral("removeAssignmentButton"), Role::Admin},
    };
    return names;
}

QString roleText(Role role)
{
    switch (role) {
    case Role::Viewer: return RoleGate::tr("viewer");
    case Role::Ingest: return RoleGate::tr("ingest");
    case Role::Billing: return RoleGate::tr("billing");
    case Role::Admin: return RoleGate::tr("admin");
    }
    return {};
}

} // namespace

RoleGate::RoleGate(Role role, QObject *parent) : QObject(parent), m_role(role)
{
    setObjectName(QStringLiteral("roleGate"));
}

RoleGate::~RoleGate()
{
    for (const auto &[action, tip] : std::as_const(m_actions))
        if (action) {
            action->disconnect(this);
            action->setToolTip(tip);
        }
}

std::optional<Role> RoleGate::needs(const QString &objectName)
{
    const auto it = table().constFind(objectName);
    if (it == table().constEnd())
        return std::nullopt;
    return *it;
}

QString RoleGate::why(Role role, Role needed)
{
    return tr("Your role on this company (%1) may not do this; it needs the role %2. Ask an admin of the company.")
        .arg(roleText(role), roleText(needed == Role::Ingest ? Role::Billing : needed));
}

void RoleGate::guard(QObject *root)
{
    if (m_role == Role::Admin)
        return; // every control is for an admin: nothing to gate, nothing to watch
    const auto gate = [this](QObject *o) {
        const auto needed = needs(o->objectName());
        if (!needed || m_role >= *needed)
            return;
        if (auto *a = qobject_cast<QAction *>(o)) {
            m_actions.append({a, a->toolTip()});
            a->setToolTip(why(m_role, *needed));
            a->setEnabled(false);
            // A screen that enables it for a new selection is overruled at once.
            connect(a, &QAction::changed, this, [a] {
                if (a->isEnabled())
                    a->setEnabled(false);
            });
        } else if (auto *b = qobject_cast<QAbstractButton *>(o)) {
            b->setToolTip(why(m_role, *needed));
            b->setEnabled(false);
            b->installEventFilter(this);
        }
    };
    gate(root);
    for (QObject *o : root->findChildren<QObject *>())
        gate(o);
}

bool RoleGate::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::EnabledChange)
        if (auto *b = qobject_cast<QAbstractButton *>(watched); b && b->isEnabled())
            b->setEnabled(false);
    return QObject::eventFilter(watched, event);
}

} // namespace orb
