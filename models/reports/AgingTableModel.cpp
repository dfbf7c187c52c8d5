// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/reports/AgingTableModel.h"

#include "engine/Currency.h"
#include "models/billing/BillingRecords.h"

namespace orb {

AgingTableModel::AgingTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void AgingTableModel::setReport(const AgingReport &report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
}

int AgingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.rows().size() + m_report.totals().size());
}

int AgingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AgingRow &AgingTableModel::rowAt(int row) const
{
    const int customers = int(m_report.rows().size());
    return row < customers ? m_report.rows().at(row) : m_report.totals().at(row - customers);
}

QVariant AgingTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const AgingRow &r = rowAt(index.row());
    const bool total = index.row() >= m_report.rows().size();
    const int col = index.column();
    if (role == IsTotalRole)
        return total;
    if (role == Qt::TextAlignmentRole)
        return col >= Current ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    const Decimal *amount = nullptr;
    if (col >= Current && col <= Over90)
        amount = &r.buckets[size_t(col - Current)];
    else if (col == Total)
        amount = &r.total;
    if (role == Qt::DisplayRole) {
        if (col == Customer)
            return total ? tr("Total %1").arg(r.currency) : r.customerName;
        if (col == Currency)
            return r.currency;
        return amount ? displayMoney(*amount, r.currency) : QVariant();
    }
    if (role == RawValueRole) {
        if (col == Customer)
            return total ? QString() : r.customerName;
        if (col == Currency)
            return r.currency;
        const auto c = orb::Currency::fromCode(r.currency);
        return amount ? QVariant(amount->toMinorUnits(c ? c->minorUnits() : 2)) : QVariant();
    }
    return {};
}

QVariant AgingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    // Translated here: the report's own titles (AgingReport::bucketTitle) head its CSV export,
    // which stays the same in every language.
    case Customer: return tr("Customer");
    case Currency: return tr("Currency");
    case Total: return tr("Total");
    case Current: return tr("Current");
    case Days1To30: return tr("1–30 days");
    case Days31To60: return tr("31–60 days");
    case Days61To90: return tr("61–90 days");
    case Over90: return tr("Over 90 days");
    default: return {};
    }
}

} // namespace orb
