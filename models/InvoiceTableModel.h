#pragma once

#include <QAbstractTableModel>
#include <QCache>
#include <QDate>

namespace orb {

class Database;

/// Which invoices the invoice table shows; empty fields do not filter.
struct InvoiceTableFilter {
    QString status;     ///< draft, issued, paid, void; empty for all
    QString customer;   ///< customer id or external id
    QDate from;         ///< invoice date on or after
    QDate to;           ///< invoice date before
    bool overdue = false; ///< issued and past due on `today`
    QDate today;
};

/**
 * Invoices for a table, fit for millions of rows: it keeps only the ordered list of row ids,
 * filtered and sorted by SQL, and reads whole rows in blocks of 200 as the view asks for them.
 * Sorting by a column re-queries the id list (sort() is SQL, not a proxy).
 */
class InvoiceTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Number, Customer, Status, InvoiceDate, DueDate, Period, Total, Remaining, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, RawValueRole };

    explicit InvoiceTableModel(const Database &db, QObject *parent = nullptr);

    void setFilter(const InvoiceTableFilter &filter);
    const InvoiceTableFilter &filter() const { return m_filter; }
    /// Reads the id list again (after an action changed invoices); keeps the sort.
    void reload();
    /// The row of an invoice id, or -1.
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Row {
        QString id;
        QString number;
        QString customer;
        QString status;
        QDate invoiceDate;
        QDate dueDate;
        QDate periodStart;
        QDate periodEnd;
        QString currency;
        QString total;
        QString remaining;
    };
    static constexpr int BlockSize = 200;
    const QList<Row> *block(int blockIndex) const;

    const Database &m_db;
    InvoiceTableFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QList<qint64> m_rowids;
    mutable QCache<int, QList<Row>> m_blocks{50};
};

} // namespace orb
