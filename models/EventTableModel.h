#pragma once

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
 * numbers (newest first, through the time index) and reads whole rows in blocks of 500 as the
 * view asks for them. Shows current versions: active, deprecated and pending-backfill events.
 */
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, EventName, Customer, Key, Properties, Status, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, KeyRole };

    explicit EventTableModel(const Database &db, QObject *parent = nullptr);

    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    void reload();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

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

    const Database &m_db;
    EventFilter m_filter;
    QList<qint64> m_seqs;
    mutable QCache<int, QList<Row>> m_blocks{40};
};

} // namespace orb
