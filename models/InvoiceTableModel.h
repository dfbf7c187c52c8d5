// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/RowIdLoader.h"
#include "models/billing/InvoiceStatus.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QDate>

#include <optional>

namespace orb {

class Database;

/// Which invoices the invoice table shows; empty fields do not filter.
struct InvoiceTableFilter {
    std::optional<InvoiceStatus> status; ///< none for all
    QString customer;                    ///< customer id or external id
    QDate from;                          ///< invoice date on or after
    QDate to;                            ///< invoice date before
    bool overdue = false;                ///< issued and past due on `today`
    QDate today;
};

/**
 * Invoices for a table, fit for millions of rows: it keeps only the ordered list of row ids,
 * filtered and sorted by SQL, and reads whole rows in blocks of 200 as the view asks for them.
 * Sorting by a column re-queries the id list (sort() is SQL, not a proxy).
 *
 * The id list is read on a worker thread (RowIdLoader): setFilter(), sort() and reload() return
 * at once, the model keeps showing the rows it has (none at first) and isLoading() is true, and
 * the new list replaces them with a model reset when it arrives. Only the latest request's
 * list is ever shown. Rows themselves are read on the calling thread, by rowid.
 */
class InvoiceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    enum Column { Number, Customer, Status, InvoiceDate, DueDate, Period, Total, Remaining, ColumnCount };
    /// StatusRole holds an InvoiceStatus (nothing for a row whose stored status is unknown).
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, RawValueRole };

    explicit InvoiceTableModel(const Database &db, QObject *parent = nullptr);

    void setFilter(const InvoiceTableFilter &filter);
    const InvoiceTableFilter &filter() const { return m_filter; }
    /// Reads the id list again (after an action changed invoices); keeps the sort. Rows
    /// already shown are read again at once, since their invoices may have changed.
    void reload();
    /// The row of an invoice id in the list shown now, or -1.
    int rowOf(const QString &id) const;
    /// True while an id list is being read in the background.
    bool isLoading() const;
    /// Why the latest id list could not be read; empty when it could.
    const QString &lastError() const { return m_error; }
    /// The statement that lists the ids for the current filter and sort (for EXPLAIN in tests
    /// and benchmarks).
    RowIdLoader::Query idQuery() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    /// Loading started (true) or the latest list is in place or failed (false).
    void loadingChanged(bool loading);
    /// The latest id list could not be read; the rows shown stay as they were.
    void loadFailed(const QString &message);

private:
    struct Row {
        QString id;
        QString number;
        QString customer;
        std::optional<InvoiceStatus> status; ///< none when the stored text is unknown
        QString statusText;                  ///< as stored
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
    void startLoad() { m_loader->load(idQuery()); }
    void takeRowids(const QList<qint64> &rowids);

    const Database &m_db;
    InvoiceTableFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QList<qint64> m_rowids;
    RowIdLoader *m_loader;
    QString m_error;
    mutable QList<Row> m_unread; ///< the empty rows of a block that could not be read
    mutable QString m_readError; ///< the last block read failure, said once
    mutable QCache<int, QList<Row>> m_blocks{50};
};

} // namespace orb
