// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/EventTableModel.h"

#include "models/Database.h"
#include "models/StorageError.h"
#include "models/billing/BillingRecords.h"

#include <QHash>
#include <QLocale>
#include <QSqlQuery>

#include <type_traits>

namespace orb {

EventTableModel::EventTableModel(const Database &db, QObject *parent) : QAbstractTableModel(parent), m_db(db), m_loader(new RowIdLoader(db.path(), this))
{
    connect(m_loader, &RowIdLoader::loaded, this, &EventTableModel::takeSeqs);
    connect(m_loader, &RowIdLoader::failed, this, [this](const QString &message) {
        m_error = message;
        emit loadFailed(message);
    });
    connect(m_loader, &RowIdLoader::loadingChanged, this, &EventTableModel::loadingChanged);
    startLoad();
}

bool EventTableModel::isLoading() const
{
    return m_loader->isLoading();
}

void EventTableModel::setFilter(const EventFilter &filter)
{
    m_filter = filter;
    startLoad();
}

void EventTableModel::reload()
{
    // An amended or deprecated event keeps its row until the new list arrives: show it as it is.
    m_blocks.clear();
    if (!m_seqs.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    startLoad();
}

void EventTableModel::takeSeqs(const QList<qint64> &seqs)
{
    beginResetModel();
    m_blocks.clear();
    m_seqs = seqs;
    m_error.clear();
    endResetModel();
}

RowIdLoader::Query EventTableModel::idQuery() const
{
    QStringList where = {QStringLiteral("status IN (0, 2, 3)")};
    QVariantList binds;
    if (!m_filter.customer.isEmpty()) {
        // A customer's events may name it by id or by external id.
        where << QStringLiteral("(customer_id = ? OR external_customer_id = ? OR customer_id IN (SELECT id FROM customers WHERE external_customer_id = ?) "
                                "OR external_customer_id IN (SELECT external_customer_id FROM customers WHERE id = ?))");
        binds << m_filter.customer << m_filter.customer << m_filter.customer << m_filter.customer;
    }
    if (!m_filter.eventName.isEmpty()) {
        where << QStringLiteral("event_name = ?");
        binds << m_filter.eventName;
    }
    if (m_filter.from.isValid()) {
        where << QStringLiteral("ts >= ?");
        binds << m_filter.from.toMSecsSinceEpoch();
    }
    if (m_filter.to.isValid()) {
        where << QStringLiteral("ts < ?");
        binds << m_filter.to.toMSecsSinceEpoch();
    }
    RowIdLoader::Query q;
    q.what = tr("the usage events");
    if (!m_filter.customer.isEmpty()) {
        // One customer's events through the customer directory of usage events (migration
        // 0022): only the seqs listed under the refs the filter can match ('c' for a customer
        // id, 'x' for an external id), so the list costs that customer's events, not a scan of
        // every event. The listed events are then checked by the same conditions as below and
        // sorted. CROSS JOIN keeps that order of work: the directory first, each event by seq.
        // (A file splits the directory's seq lists with json_each, a server with
        // string_to_array; each event is then found by its primary key, the planner's own
        // choice there, where a CROSS JOIN takes no ON.)
        QStringList listed = {QStringLiteral("p.ref IN (?, ?, (SELECT 'c' || id FROM customers WHERE external_customer_id = ?), "
                                             "(SELECT 'x' || external_customer_id FROM customers WHERE id = ?))")};
        QVariantList listBinds = {QString(QLatin1Char('c') + m_filter.customer), QString(QLatin1Char('x') + m_filter.customer), m_filter.customer,
                                  m_filter.customer};
        if (m_filter.from.isValid()) {
            listed << QStringLiteral("p.ts_max >= ?");
            listBinds << m_filter.from.toMSecsSinceEpoch();
        }
        if (m_filter.to.isValid()) {
            listed << QStringLiteral("p.ts_min < ?");
            listBinds << m_filter.to.toMSecsSinceEpoch();
        }
        q.binds = listBinds + binds;
        const QString split = m_db.isServer() ? QStringLiteral("SELECT DISTINCT CAST(j.listed AS BIGINT) AS listed_seq FROM usage_customer_postings p "
                                                               "CROSS JOIN LATERAL unnest(string_to_array(p.seqs, ',')) AS j(listed) WHERE ")
                                              : QStringLiteral("SELECT DISTINCT j.value AS listed_seq FROM usage_customer_postings p, "
                                                               "json_each('[' || p.seqs || ']') j WHERE ");
        q.sql = QStringLiteral("SELECT e.seq FROM (") + split + listed.join(QStringLiteral(" AND "))
                + (m_db.isServer() ? QStringLiteral(") AS listed JOIN") : QStringLiteral(") AS listed CROSS JOIN"))
                + QStringLiteral(" usage_events e ON e.seq = listed.listed_seq WHERE ") + where.join(QStringLiteral(" AND "))
                + QStringLiteral(" ORDER BY e.ts DESC, e.seq DESC");
        return q;
    }
    // Newest first through the time index (its entries are (ts, seq), so both terms come in
    // index order and SQLite needs no sort; a server reads the listed events' index of
    // migration 0041, (ts, seq) of the events with these statuses, the same way).
    q.binds = binds;
    q.sql = QStringLiteral("SELECT seq FROM usage_events WHERE ") + where.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY ts DESC, seq DESC");
    return q;
}

const QList<EventTableModel::Row> *EventTableModel::block(int blockIndex) const
{
    if (const QList<Row> *cached = m_blocks.object(blockIndex))
        return cached;
    const QList<qint64> seqs = m_seqs.mid(qsizetype(blockIndex) * BlockSize, BlockSize);
    QStringList marks;
    QVariantList binds;
    for (qint64 s : seqs) {
        marks << QStringLiteral("?");
        binds << s;
    }
    QHash<qint64, Row> bySeq;
    try {
        if (!seqs.isEmpty()) {
            QSqlQuery q = m_db.exec(QStringLiteral("SELECT seq, ts, event_name, COALESCE(external_customer_id, customer_id), idempotency_key, "
                                                   "properties, status FROM usage_events WHERE seq IN (")
                                        + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                                    binds);
            while (q.next()) {
                Row r;
                r.time = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
                r.eventName = q.value(2).toString();
                r.customer = q.value(3).toString();
                r.key = q.value(4).toString();
                r.properties = q.value(5).toString();
                r.status = q.value(6).toInt();
                bySeq.insert(q.value(0).toLongLong(), r);
            }
        }
    } catch (const ServiceError &e) {
        // The window's connection could not read (the server went away): empty cells for now,
        // not kept, so the rows are read again once the connection is back; said once, after
        // this paint (a signal from inside data() could reenter the view).
        m_unread = QList<Row>(seqs.size());
        if (m_readError != e.message()) {
            m_readError = e.message();
            auto *self = const_cast<std::remove_const_t<std::remove_pointer_t<decltype(this)>> *>(this);
            QMetaObject::invokeMethod(
                self, [self, message = e.message()] { emit self->loadFailed(message); }, Qt::QueuedConnection);
        }
        return &m_unread;
    }
    m_readError.clear();
    auto *rows = new QList<Row>;
    rows->reserve(seqs.size());
    for (qint64 s : seqs)
        rows->append(bySeq.value(s));
    m_blocks.insert(blockIndex, rows);
    return rows;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_seqs.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_seqs.size())
        return {};
    if (role != Qt::DisplayRole && role != RawValueRole && role != KeyRole && role != Qt::ToolTipRole)
        return {};
    const Row &r = block(index.row() / BlockSize)->at(index.row() % BlockSize);
    if (role == KeyRole)
        return r.key;
    switch (index.column()) {
    case Time:
        if (role == RawValueRole)
            return r.time;
        // The date as the interface language writes it (07.12.2026, 12/7/2026), as every other
        // date of the window; the time with seconds, for events seconds apart.
        return QLocale().toString(r.time.toLocalTime(), displayDateFormat() + QStringLiteral(" HH:mm:ss"));
    case EventName: return r.eventName;
    case Customer: return r.customer;
    case Key: return r.key;
    case Properties: return r.properties;
    case Status:
        if (role == RawValueRole)
            return r.status;
        return r.status == 0 ? tr("active") : r.status == 2 ? tr("deprecated") : tr("pending backfill");
    default: return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case EventName: return tr("Event");
    case Customer: return tr("Customer");
    case Key: return tr("Idempotency key");
    case Properties: return tr("Properties");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace orb
