// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/PlanTableModel.h"

#include "models/catalog/PlanRepository.h"

namespace orb {

PlanTableModel::PlanTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_db(db)
{
    reload();
}

void PlanTableModel::reload()
{
    beginResetModel();
    PlanRepository repo(m_db);
    m_plans = repo.list();
    m_priceCounts.clear();
    for (const Plan &p : std::as_const(m_plans)) {
        const auto v = repo.version(p.id, p.currentVersion);
        m_priceCounts.append(v ? int(v->prices.size()) : 0);
    }
    endResetModel();
}

int PlanTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plans.size());
}

int PlanTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Plan *PlanTableModel::planAt(int row) const
{
    return row >= 0 && row < m_plans.size() ? &m_plans[row] : nullptr;
}

QVariant PlanTableModel::data(const QModelIndex &index, int role) const
{
    const Plan *p = planAt(index.row());
    if (!p)
        return {};
    if (role == IdRole)
        return p->id;
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    switch (index.column()) {
    case Name: return p->name;
    case ExternalId: return p->externalPlanId;
    case Currency: return p->currency;
    case Version: return role == RawValueRole ? QVariant(p->currentVersion) : QVariant(tr("v%1").arg(p->currentVersion));
    case Prices: return m_priceCounts.value(index.row());
    case Status:
        if (role == RawValueRole)
            return p->isArchived();
        return p->isArchived() ? tr("Archived") : tr("Active");
    default: return {};
    }
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Plan");
    case ExternalId: return tr("External ID");
    case Currency: return tr("Currency");
    case Version: return tr("Version");
    case Prices: return tr("Prices");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace orb
