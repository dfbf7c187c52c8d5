// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reports/AgingReport.h"

#include <QAbstractTableModel>

namespace orb {

/// The aging report as a table: one row per customer and currency, then one total row per
/// currency. Display text is the amount at the currency's minor unit; RawValueRole gives the
/// amount in minor units (for sorting) or the customer's name.
class AgingTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Customer, Currency, Current, Days1To30, Days31To60, Days61To90, Over90, Total, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, IsTotalRole };

    explicit AgingTableModel(QObject *parent = nullptr);

    void setReport(const AgingReport &report);
    const AgingReport &report() const { return m_report; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const AgingRow &rowAt(int row) const;

    AgingReport m_report;
};

} // namespace orb
