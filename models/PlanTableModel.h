// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/catalog/Plan.h"

#include <QAbstractTableModel>

namespace orb {

class Database;

/// The company's plans, for a table: name, external id, currency, current version, prices.
/// Catalogs hold tens of plans, so the model reads them all at once.
class PlanTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, ExternalId, Currency, Version, Prices, Status, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, IdRole };

    explicit PlanTableModel(const Database &db, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void reload();
    const Plan *planAt(int row) const;

private:
    const Database &m_db;
    QList<Plan> m_plans;
    QList<int> m_priceCounts;
};

} // namespace orb
