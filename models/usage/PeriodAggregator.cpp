// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/PeriodAggregator.h"

#include "engine/metrics/Aggregator.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/PropertiesJson.h"
#include "models/usage/ServerUsageScan.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace orb {

namespace {

void filterProperties(const MetricFilter &f, QStringList &out)
{
    if (f.kind() == MetricFilter::Kind::Condition)
        out.append(f.property());
    for (const MetricFilter &c : f.children())
        filterProperties(c, out);
}

// One stored row, as the reading thread hands it to the aggregating one.
struct Row {
    qint64 ms;
    qsizetype propsOffset;
    int propsLength;
    int name; // index into the event names counted
    int slot; // index of the customer's (or unresolved external id's) group
};

// A run of rows and the groups they open, in the order the reader met them.
struct Chunk {
    std::vector<Row> rows;
    QByteArray text;                          // the rows' properties, back to back
    std::vector<QPair<bool, QString>> opened; // (resolved customer, id) of each new group
};

// A bounded hand-over between the reading thread and the aggregating one: the reader never
// runs more than a few chunks ahead, so memory stays flat however many rows there are.
class ChunkQueue
{
public:
    void push(Chunk &&c)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_space.wait(lock, [this] { return m_chunks.size() < kDepth || m_stopped; });
        if (m_stopped)
            return;
        m_chunks.push_back(std::move(c));
        m_ready.notify_one();
    }
    /// False once closed and drained (or stopped).
    bool pop(Chunk &out)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_chunks.empty() || m_closed || m_stopped; });
        if (m_stopped || m_chunks.empty())
            return false;
        out = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_space.notify_one();
        return true;
    }
    void close()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
    }
    /// Either side gave up: wake the other and let it return.
    void stop()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopped = true;
        m_ready.notify_all();
        m_space.notify_all();
    }
    bool stopped()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stopped;
    }

private:
    static constexpr size_t kDepth = 4;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::deque<Chunk> m_chunks;
    bool m_closed = false;
    bool m_stopped = false;
};

constexpr size_t kChunkRows = 4096;

} // namespace

PeriodAggregator::PeriodAggregator(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end)
    : PeriodAggregator(db.isServer() ? nullptr : db.sqliteHandle(), std::move(metrics), start, end)
{
    if (db.isServer())
        m_server = &db; // the same pass over the server's stream (ServerUsageScan)
}

PeriodAggregator::PeriodAggregator(sqlite3 *handle, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end)
    : m_handle(handle), m_metrics(std::move(metrics)), m_start(start.toUTC()), m_end(end.toUTC())
{
}

void PeriodAggregator::setGrouping(int index, const QStringList &groupKeys, bool wantEventValues)
{
    while (m_groupKeys.size() < m_metrics.size()) {
        m_groupKeys.append(QStringList());
        m_eventValues.append(false);
    }
    m_groupKeys[index] = groupKeys;
    m_eventValues[index] = wantEventValues;
}

void PeriodAggregator::restrictToCustomers(const QSet<QString> &customerIds)
{
    m_restricted = true;
    m_only.clear();
    for (const QString &id : customerIds)
        m_only.insert(id.toUtf8());
}

void PeriodAggregator::run(const std::function<void(const CustomerMetricUsage &)> &sink)
{
    sqlite3 *h = m_handle;
    // Customers by external id: events sent before their customer existed count for it now.
    QHash<QByteArray, QByteArray> byExternal;
    if (m_server) {
        QSqlQuery q = m_server->execNative(QStringLiteral("SELECT id, external_customer_id FROM customers WHERE external_customer_id IS NOT NULL"));
        while (q.next())
            byExternal.insert(q.value(1).toString().toUtf8(), q.value(0).toString().toUtf8());
    } else {
        SqliteStatement s(h, "SELECT id, external_customer_id FROM customers WHERE external_customer_id IS NOT NULL", "reading customers");
        while (s.next())
            byExternal.insert(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 1))),
                              QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))));
    }
    // The event names some metric counts, the metrics that count each, and the properties
    // those metrics read (aggregated, grouped by or filtered on): only these are read.
    struct NameEntry {
        QByteArray raw;
        QString name;
        std::vector<int> metrics;
        PropertiesJson::Wanted wanted;
    };
    std::vector<NameEntry> names;
    for (int i = 0; i < m_metrics.size(); ++i) {
        const MetricDefinition &m = m_metrics[i];
        const QByteArray raw = m.eventName().toUtf8();
        auto n = std::find_if(names.begin(), names.end(), [&](const NameEntry &e) { return e.raw == raw; });
        if (n == names.end()) {
            names.push_back({raw, m.eventName(), {}, {}});
            n = names.end() - 1;
        }
        n->metrics.push_back(i);
        QStringList props;
        if (MetricDefinition::needsProperty(m.aggregation()))
            props.append(m.property());
        const QStringList keys = i < m_groupKeys.size() && !m_groupKeys[i].isEmpty() ? m_groupKeys[i] : QStringList();
        if (!keys.isEmpty())
            props.append(keys);
        else if (!m.groupBy().isEmpty())
            props.append(m.groupBy());
        if (m.filter())
            filterProperties(*m.filter(), props);
        for (const QString &p : props)
            if (!p.isEmpty() && !n->wanted.names.contains(p)) {
                n->wanted.names.append(p);
                n->wanted.raw.append(p.toUtf8());
            }
    }

    // When the period covers every stored event, a plain table scan reads pages in order;
    // otherwise the time index narrows it.
    qint64 minTs = 0, maxTs = -1;
    if (m_server) {
        ServerUsageScan::span(*m_server, &minTs, &maxTs);
    } else {
        // Two subqueries: SQLite answers a lone min() or max() from the time index's ends, but
        // "SELECT min(ts), max(ts)" walks the whole index (10 M entries: seconds).
        SqliteStatement s(h, "SELECT (SELECT min(ts) FROM usage_events), (SELECT max(ts) FROM usage_events)", "reading the span of the usage events");
        if (s.next() && sqlite3_column_type(s, 0) != SQLITE_NULL) {
            minTs = sqlite3_column_int64(s, 0);
            maxTs = sqlite3_column_int64(s, 1);
        }
    }
    const qint64 startMs = m_start.toMSecsSinceEpoch(), endMs = m_end.toMSecsSinceEpoch();
    const bool fullScan = startMs <= minTs && endMs > maxTs;
    const char *sql = fullScan ? "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events NOT INDEXED "
                                 "WHERE ts >= ?1 AND ts < ?2 AND status = 0"
                               : "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events "
                                 "WHERE ts >= ?1 AND ts < ?2 AND status = 0";

    // Two threads share the pass: this one steps SQLite and resolves each row's customer, the
    // other reads the properties and aggregates. Each group is fed its events in row order,
    // so the result is the one a single thread would get.
    struct Slot {
        QString customerId;
        QString externalId;
        std::vector<std::unique_ptr<Aggregator>> aggregators;
    };
    std::vector<Slot> groups;
    ChunkQueue queue;
    std::exception_ptr aggregateError;
    std::thread aggregating([&] {
        try {
            Event e;
            QHash<QByteArray, QString> propertyNames;
            Chunk c;
            while (queue.pop(c)) {
                for (auto &opened : c.opened) {
                    Slot slot;
                    (opened.first ? slot.customerId : slot.externalId) = std::move(opened.second);
                    slot.aggregators.resize(size_t(m_metrics.size()));
                    groups.push_back(std::move(slot));
                }
                for (const Row &r : c.rows) {
                    const NameEntry &n = names[size_t(r.name)];
                    Slot &slot = groups[size_t(r.slot)];
                    e.eventName = n.name;
                    e.timestamp = QDateTime::fromMSecsSinceEpoch(r.ms, Qt::UTC);
                    const QByteArrayView props(c.text.constData() + r.propsOffset, r.propsLength);
                    if (!PropertiesJson::extract(props, n.wanted, e.properties))
                        PropertiesJson::parse(props, e.properties, &propertyNames);
                    for (const int m : n.metrics) {
                        auto &agg = slot.aggregators[size_t(m)];
                        if (!agg)
                            agg = m < m_groupKeys.size() ? std::make_unique<Aggregator>(m_metrics[m], m_start, m_end, m_groupKeys[m], m_eventValues[m])
                                                         : std::make_unique<Aggregator>(m_metrics[m], m_start, m_end);
                        agg->add(e);
                    }
                }
            }
        } catch (...) {
            aggregateError = std::current_exception();
            queue.stop();
        }
    });

    try {
        QHash<QByteArray, int> slotByCustomer; // customer id → group
        QHash<QByteArray, int> slotByExternal; // external id → group (its customer's, when known)
        int slotCount = 0;
        Chunk chunk;
        const auto send = [&] {
            queue.push(std::move(chunk));
            chunk = Chunk();
            chunk.rows.reserve(kChunkRows);
        };
        chunk.rows.reserve(kChunkRows);
        const auto customerSlot = [&](const QByteArray &id) {
            auto it = slotByCustomer.constFind(id);
            if (it == slotByCustomer.constEnd()) {
                // A customer outside the restriction gets no group: its events are skipped.
                if (m_restricted && !m_only.contains(id)) {
                    it = slotByCustomer.insert(QByteArray(id.constData(), id.size()), -1);
                } else {
                    it = slotByCustomer.insert(QByteArray(id.constData(), id.size()), slotCount++);
                    chunk.opened.push_back({true, QString::fromUtf8(id)});
                }
            }
            return it.value();
        };
        // One row of the pass, from either engine: false once the aggregating side gave up.
        const auto feed = [&](const char *nameText, int nameLength, qint64 ts, bool hasCustomer, QByteArrayView customer, QByteArrayView external,
                              const char *props, int propsLength) {
            int name = 0;
            while (name < int(names.size())
                   && !(names[size_t(name)].raw.size() == nameLength && std::memcmp(names[size_t(name)].raw.constData(), nameText, size_t(nameLength)) == 0))
                ++name;
            if (name == int(names.size()))
                return true; // no metric counts it: do not even read it
            int slot;
            if (hasCustomer) {
                slot = customerSlot(QByteArray::fromRawData(customer.data(), customer.size()));
            } else {
                const QByteArray ext = QByteArray::fromRawData(external.data(), external.size());
                auto it = slotByExternal.constFind(ext);
                if (it == slotByExternal.constEnd()) {
                    int found;
                    const auto c = byExternal.constFind(ext);
                    if (c != byExternal.constEnd()) {
                        found = customerSlot(c.value());
                    } else if (m_restricted) {
                        found = -1; // no customer yet: not one of those asked for
                    } else {
                        found = slotCount++;
                        chunk.opened.push_back({false, QString::fromUtf8(ext)});
                    }
                    it = slotByExternal.insert(QByteArray(ext.constData(), ext.size()), found);
                }
                slot = it.value();
            }
            if (slot < 0)
                return true;
            chunk.rows.push_back({ts, chunk.text.size(), propsLength, name, slot});
            chunk.text.append(props, propsLength);
            if (chunk.rows.size() >= kChunkRows) {
                send();
                if (queue.stopped())
                    return false;
            }
            return true;
        };
        if (m_server) {
            // The server streams the rows in the order the file's pass meets them.
            m_rows += ServerUsageScan::scanPeriod(*m_server, startMs, endMs, fullScan, [&](const ServerUsageRow &r) {
                return feed(r.eventName.data(), int(r.eventName.size()), r.tsMs, r.hasCustomerId, r.customerId, r.externalCustomerId, r.properties.data(),
                            int(r.properties.size()));
            });
        } else {
            SqliteStatement s(h, sql, "aggregating usage events");
            sqlite3_bind_int64(s, 1, startMs);
            sqlite3_bind_int64(s, 2, endMs);
            int rc;
            while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                ++m_rows;
                const bool hasCustomer = sqlite3_column_type(s, 2) != SQLITE_NULL;
                const int col = hasCustomer ? 2 : 3;
                const QByteArrayView id(reinterpret_cast<const char *>(sqlite3_column_text(s, col)), sqlite3_column_bytes(s, col));
                const char *props = reinterpret_cast<const char *>(sqlite3_column_blob(s, 4));
                const int propsLength = sqlite3_column_bytes(s, 4);
                if (!feed(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)), sqlite3_column_bytes(s, 0), sqlite3_column_int64(s, 1), hasCustomer,
                          hasCustomer ? id : QByteArrayView(), hasCustomer ? QByteArrayView() : id, props, propsLength))
                    break;
            }
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                sqliteCheck(h, rc, "aggregating usage");
        }
        if (!chunk.rows.empty() || !chunk.opened.empty())
            send();
        queue.close();
    } catch (...) {
        queue.stop();
        aggregating.join();
        throw;
    }
    aggregating.join();
    if (aggregateError)
        std::rethrow_exception(aggregateError);
    for (const Slot &slot : groups)
        for (int m = 0; m < m_metrics.size(); ++m)
            if (const auto &agg = slot.aggregators[size_t(m)])
                sink({slot.customerId, slot.externalId, m_metrics[m].id(), m, agg->finish()});
}

void PeriodAggregator::runForCustomer(const QString &customerId, const QString &externalId, const std::function<void(const CustomerMetricUsage &)> &sink)
{
    const QByteArray id = customerId.toUtf8();
    const QByteArray external = externalId.toUtf8();
    std::vector<CustomerEventRow> rows = m_server
                                             ? ServerUsageScan::customerEvents(*m_server, id, external, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch())
                                             : CustomerPostings::events(m_handle, id, external, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch());
    // The order of run()'s scan through the time index: by instant, then ingestion order.
    std::sort(rows.begin(), rows.end(),
              [](const CustomerEventRow &a, const CustomerEventRow &b) { return a.tsMs != b.tsMs ? a.tsMs < b.tsMs : a.seq < b.seq; });
    std::vector<std::unique_ptr<Aggregator>> aggregators(size_t(m_metrics.size()));
    QHash<QByteArray, QString> propertyNames;
    Event e;
    for (const CustomerEventRow &r : rows) {
        ++m_rows;
        // run()'s attribution: the customer id when the event has one, else the external id.
        if (r.status != int(UsageEventStatus::Active)
            || (r.customerId.isEmpty() ? (external.isEmpty() || r.externalCustomerId != external) : r.customerId != id))
            continue;
        bool parsed = false;
        for (int m = 0; m < m_metrics.size(); ++m) {
            if (m_metrics[m].eventName().toUtf8() != r.eventName)
                continue;
            if (!parsed) {
                e.eventName = m_metrics[m].eventName();
                e.timestamp = QDateTime::fromMSecsSinceEpoch(r.tsMs, Qt::UTC);
                PropertiesJson::parse(r.properties, e.properties, &propertyNames);
                parsed = true;
            }
            auto &agg = aggregators[size_t(m)];
            if (!agg)
                agg = m < m_groupKeys.size() ? std::make_unique<Aggregator>(m_metrics[m], m_start, m_end, m_groupKeys[m], m_eventValues[m])
                                             : std::make_unique<Aggregator>(m_metrics[m], m_start, m_end);
            agg->add(e);
        }
    }
    for (int m = 0; m < m_metrics.size(); ++m)
        if (const auto &agg = aggregators[size_t(m)])
            sink({customerId, QString(), m_metrics[m].id(), m, agg->finish()});
}

} // namespace orb
