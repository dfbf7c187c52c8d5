// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/MetricDefinition.h"

#include <QAbstractTableModel>

namespace orb {

class Database;

/// The company's billable metrics, for a table.
class MetricTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, EventName, Aggregation, Property, GroupBy, Filters, ColumnCount };

    explicit MetricTableModel(const Database &db, QObject *parent = nullptr);

    void reload();
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Database &m_db;
    QList<MetricDefinition> m_metrics;
};

} // namespace orb
