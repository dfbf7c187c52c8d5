// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CustomerRepository.h"

#include <QAbstractTableModel>
#include <QCache>

namespace orb {

/**
 * Customers for a table view, fit for 100,000 rows: it holds only the ordered list of ids and
 * loads whole rows in blocks of 200 as the view asks for them. Search and sort are done by
 * the company file (a proxy could only sort the rows already loaded), through the typed
 * setters below; sort() does the same for header clicks.
 */
class CustomerTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, ExternalId, Email, Currency, TimeZone, Created, Status, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, IdRole };

    explicit CustomerTableModel(const Database &db, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setSearch(const QString &text);
    void setIncludeArchived(bool include);
    /// Re-reads the ids (after a change to the company file).
    void reload();

    QString customerId(int row) const;
    int rowOfId(const QString &id) const;
    /// The whole customer at a row (loads its block if needed).
    std::optional<Customer> customerAt(int row) const;

private:
    static constexpr int BlockSize = 200;
    struct Block {
        QList<Customer> rows;
    };
    const Block *block(int blockIndex) const;

    CustomerRepository m_repo;
    CustomerQuery m_query;
    QStringList m_ids;
    mutable QCache<int, Block> m_blocks{64};
};

} // namespace orb
