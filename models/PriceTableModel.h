// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace orb {

/// The prices of one plan version (Orb's price objects), for a table.
class PriceTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Model, Cadence, Billing, Item, Metric, ColumnCount };
    enum Role { PriceJsonRole = Qt::UserRole + 1 };

    explicit PriceTableModel(QObject *parent = nullptr);

    void setPrices(const QList<QJsonObject> &prices, const QHash<QString, QString> &itemNames, const QHash<QString, QString> &metricNames);
    const QJsonObject *priceAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QJsonObject> m_prices;
    QHash<QString, QString> m_itemNames;
    QHash<QString, QString> m_metricNames;
};

} // namespace orb
