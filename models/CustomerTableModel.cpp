// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CustomerTableModel.h"

#include "models/billing/BillingRecords.h"

#include <QHash>
#include <QLocale>

namespace orb {

CustomerTableModel::CustomerTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_repo(db)
{
    reload();
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CustomerTableModel::Block *CustomerTableModel::block(int blockIndex) const
{
    if (Block *cached = m_blocks.object(blockIndex))
        return cached;
    const int first = blockIndex * BlockSize;
    const QStringList ids = m_ids.mid(first, BlockSize);
    const QList<Customer> loaded = m_repo.byIds(ids);
    QHash<QString, const Customer *> byId;
    for (const Customer &c : loaded)
        byId.insert(c.id, &c);
    auto *b = new Block;
    b->rows.reserve(ids.size());
    for (const QString &id : ids) {
        const Customer *c = byId.value(id);
        b->rows.append(c ? *c : Customer{}); // a row deleted meanwhile shows empty until reload()
    }
    m_blocks.insert(blockIndex, b);
    return b;
}

std::optional<Customer> CustomerTableModel::customerAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return std::nullopt;
    const Block *b = block(row / BlockSize);
    const Customer &c = b->rows.at(row % BlockSize);
    if (c.id.isEmpty())
        return std::nullopt;
    return c;
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_ids.size())
        return {};
    if (role == IdRole)
        return m_ids.at(index.row());
    if (role != Qt::DisplayRole && role != RawValueRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole)
        return {};
    const auto c = customerAt(index.row());
    if (!c)
        return {};
    if (role == Qt::ForegroundRole)
        return c->isArchived() ? QVariant::fromValue(Qt::GlobalColor::gray) : QVariant();
    switch (index.column()) {
    case Name: return c->name;
    case ExternalId: return c->externalCustomerId;
    case Email: return c->email;
    case Currency: return c->currency;
    case TimeZone: return c->timezone;
    case Created:
        if (role == RawValueRole)
            return c->createdAt;
        return displayDate(c->createdAt.toLocalTime().date());
    case Status:
        if (role == RawValueRole)
            return c->isArchived();
        return c->isArchived() ? tr("Archived") : tr("Active");
    default: return {};
    }
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case ExternalId: return tr("External ID");
    case Email: return tr("E-mail");
    case Currency: return tr("Currency");
    case TimeZone: return tr("Time zone");
    case Created: return tr("Created");
    case Status: return tr("Status");
    default: return {};
    }
}

void CustomerTableModel::sort(int column, Qt::SortOrder order)
{
    CustomerQuery::Sort sort = CustomerQuery::Sort::Name;
    switch (column) {
    case ExternalId: sort = CustomerQuery::Sort::ExternalId; break;
    case Email: sort = CustomerQuery::Sort::Email; break;
    case Currency: sort = CustomerQuery::Sort::Currency; break;
    case Created: sort = CustomerQuery::Sort::Created; break;
    default: sort = CustomerQuery::Sort::Name; break;
    }
    m_query.sort = sort;
    m_query.ascending = order == Qt::AscendingOrder;
    reload();
}

void CustomerTableModel::setSearch(const QString &text)
{
    if (m_query.search == text)
        return;
    m_query.search = text;
    reload();
}

void CustomerTableModel::setIncludeArchived(bool include)
{
    if (m_query.includeArchived == include)
        return;
    m_query.includeArchived = include;
    reload();
}

void CustomerTableModel::reload()
{
    beginResetModel();
    m_blocks.clear();
    m_ids = m_repo.ids(m_query);
    endResetModel();
}

QString CustomerTableModel::customerId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

int CustomerTableModel::rowOfId(const QString &id) const
{
    return int(m_ids.indexOf(id));
}

} // namespace orb
