// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/PriceTableModel.h"

#include <QJsonDocument>

namespace orb {

PriceTableModel::PriceTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PriceTableModel::setPrices(const QList<QJsonObject> &prices, const QHash<QString, QString> &itemNames, const QHash<QString, QString> &metricNames)
{
    beginResetModel();
    m_prices = prices;
    m_itemNames = itemNames;
    m_metricNames = metricNames;
    endResetModel();
}

const QJsonObject *PriceTableModel::priceAt(int row) const
{
    return row >= 0 && row < m_prices.size() ? &m_prices[row] : nullptr;
}

int PriceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_prices.size());
}

int PriceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PriceTableModel::data(const QModelIndex &index, int role) const
{
    const QJsonObject *p = priceAt(index.row());
    if (!p)
        return {};
    if (role == PriceJsonRole)
        return QString::fromUtf8(QJsonDocument(*p).toJson(QJsonDocument::Indented));
    if (role != Qt::DisplayRole)
        return {};
    const auto str = [p](const char *key) { return p->value(QLatin1String(key)).toString(); };
    switch (index.column()) {
    case Name: return str("name");
    case Model: return str("model_type");
    case Cadence: return str("cadence");
    case Billing: {
        const QString mode = str("billing_mode");
        return mode == QLatin1String("in_advance") ? tr("in advance") : mode == QLatin1String("in_arrear") ? tr("in arrears") : mode;
    }
    case Item: {
        const QString id = str("item_id");
        return m_itemNames.value(id, id);
    }
    case Metric: {
        const QString id = str("billable_metric_id");
        return id.isEmpty() ? tr("(fixed fee)") : m_metricNames.value(id, id);
    }
    default: return {};
    }
}

QVariant PriceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Price");
    case Model: return tr("Model");
    case Cadence: return tr("Cadence");
    case Billing: return tr("Billed");
    case Item: return tr("Item");
    case Metric: return tr("Metric");
    default: return {};
    }
}

} // namespace orb
