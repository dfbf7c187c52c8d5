// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/RowIdLoader.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QDateTime>

namespace orb {

class Database;

/// Which events the browser shows.
struct EventFilter {
    QString customer;  ///< customer id or external id; empty for all
    QString eventName; ///< exact event name; empty for all
    QDateTime from;    ///< inclusive; invalid for no bound
    QDateTime to;      ///< exclusive; invalid for no bound
};

/**
 * Usage events for a table, fit for millions of rows: it keeps only the ordered list of row
 * numbers (newest first, through the time index; filtered by customer, through the customer
 * directory of usage events, so the list costs that customer's events) and reads whole rows in
 * blocks of 500 as the view asks for them. Shows current versions: active, deprecated and
 * pending-backfill events.
 *
 * The list is read on a worker thread (RowIdLoader): setFilter() and reload() return at once,
 * the rows shown stay (none at first) while isLoading() is true, and the new list replaces
 * them with a model reset; only the latest request's list is shown. Rows are read by seq on
 * the calling thread.
 */
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    enum Column { Time, EventName, Customer, Key, Properties, Status, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, KeyRole };

    explicit EventTableModel(const Database &db, QObject *parent = nullptr);

    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    /// Reads the list again (after an action changed events); rows shown are read again now.
    void reload();
    /// True while a list is being read in the background.
    bool isLoading() const;
    /// Why the latest list could not be read; empty when it could.
    const QString &lastError() const { return m_error; }
    /// The statement that lists the events for the current filter (for EXPLAIN in tests and
    /// benchmarks).
    RowIdLoader::Query idQuery() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// Loading started (true) or the latest list is in place or failed (false).
    void loadingChanged(bool loading);
    /// The latest list could not be read; the rows shown stay as they were.
    void loadFailed(const QString &message);

private:
    struct Row {
        QDateTime time;
        QString eventName;
        QString customer;
        QString key;
        QString properties;
        int status = 0;
    };
    static constexpr int BlockSize = 500;
    const QList<Row> *block(int blockIndex) const;
    void startLoad() { m_loader->load(idQuery()); }
    void takeSeqs(const QList<qint64> &seqs);

    const Database &m_db;
    EventFilter m_filter;
    QList<qint64> m_seqs;
    RowIdLoader *m_loader;
    QString m_error;
    mutable QList<Row> m_unread; ///< the empty rows of a block that could not be read
    mutable QString m_readError; ///< the last block read failure, said once
    mutable QCache<int, QList<Row>> m_blocks{40};
};

} // namespace orb
