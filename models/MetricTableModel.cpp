// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/MetricTableModel.h"

#include "models/catalog/MetricRepository.h"

namespace orb {

MetricTableModel::MetricTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_db(db)
{
    reload();
}

void MetricTableModel::reload()
{
    beginResetModel();
    m_metrics = MetricRepository(m_db).list();
    endResetModel();
}

int MetricTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_metrics.size());
}

int MetricTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricTableModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_metrics.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const MetricDefinition &m = m_metrics[index.row()];
    switch (index.column()) {
    case Name: return role == Qt::ToolTipRole ? m.description() : m.name();
    case EventName: return m.eventName();
    case Aggregation: return MetricDefinition::aggregationName(m.aggregation());
    case Property: return m.property();
    case GroupBy: return m.groupBy();
    case Filters: {
        if (!m.filter())
            return QString();
        return QString::fromUtf8(m.filter()->toJson());
    }
    default: return {};
    }
}

QVariant MetricTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Metric");
    case EventName: return tr("Event");
    case Aggregation: return tr("Aggregation");
    case Property: return tr("Property");
    case GroupBy: return tr("Grouped by");
    case Filters: return tr("Filters");
    default: return {};
    }
}

} // namespace orb
