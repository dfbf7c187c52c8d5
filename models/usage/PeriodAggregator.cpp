// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/PeriodAggregator.h"

#include "engine/metrics/Aggregator.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/PropertiesJson.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

namespace orb {

PeriodAggregator::PeriodAggregator(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end)
    : m_db(db), m_metrics(std::move(metrics)), m_start(start.toUTC()), m_end(end.toUTC())
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

void PeriodAggregator::run(const std::function<void(const CustomerMetricUsage &)> &sink)
{
    sqlite3 *h = m_db.sqliteHandle();
    // Customers by external id: events sent before their customer existed count for it now.
    QHash<QByteArray, QByteArray> byExternal;
    {
        SqliteStatement s(h, "SELECT id, external_customer_id FROM customers WHERE external_customer_id IS NOT NULL", "reading customers");
        while (s.next())
            byExternal.insert(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 1))),
                              QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))));
    }
    // Event name → the metrics that count it, and an interned QString of the name.
    struct NameEntry {
        QString name;
        std::vector<int> metrics;
    };
    QHash<QByteArray, NameEntry> names;
    for (int i = 0; i < m_metrics.size(); ++i) {
        NameEntry &n = names[m_metrics[i].eventName().toUtf8()];
        n.name = m_metrics[i].eventName();
        n.metrics.push_back(i);
    }
    struct Slot {
        QString customerId;
        QString externalId;
        std::vector<std::unique_ptr<Aggregator>> aggregators;
    };
    std::vector<Slot> groups;
    QHash<QByteArray, qsizetype> slotByRef; // "c:" + id or "x:" + unresolved external id
    QHash<QByteArray, QString> propertyNames;

    // When the period covers every stored event, a plain table scan reads pages in order;
    // otherwise the time index narrows it.
    qint64 minTs = 0, maxTs = -1;
    {
        SqliteStatement s(h, "SELECT min(ts), max(ts) FROM usage_events", "reading the span of the usage events");
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
    SqliteStatement s(h, sql, "aggregating usage events");
    sqlite3_bind_int64(s, 1, startMs);
    sqlite3_bind_int64(s, 2, endMs);
    Event e;
    QByteArray ref;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ++m_rows;
        const QByteArray name = QByteArray::fromRawData(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)), sqlite3_column_bytes(s, 0));
        const auto n = names.constFind(name);
        if (n == names.constEnd())
            continue; // no metric counts it: do not even parse it
        ref.clear();
        if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
            ref.append("c:", 2).append(reinterpret_cast<const char *>(sqlite3_column_text(s, 2)), sqlite3_column_bytes(s, 2));
        } else {
            const QByteArray ext = QByteArray::fromRawData(reinterpret_cast<const char *>(sqlite3_column_text(s, 3)), sqlite3_column_bytes(s, 3));
            const auto c = byExternal.constFind(ext);
            if (c != byExternal.constEnd())
                ref.append("c:", 2).append(c.value());
            else
                ref.append("x:", 2).append(ext);
        }
        auto it = slotByRef.constFind(ref);
        if (it == slotByRef.constEnd()) {
            Slot slot;
            (ref.startsWith("c:") ? slot.customerId : slot.externalId) = QString::fromUtf8(ref.mid(2));
            slot.aggregators.resize(size_t(m_metrics.size()));
            groups.push_back(std::move(slot));
            it = slotByRef.insert(ref, qsizetype(groups.size() - 1));
        }
        Slot &slot = groups[size_t(it.value())];
        e.eventName = n->name;
        e.timestamp = QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s, 1), Qt::UTC);
        PropertiesJson::parse(QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(s, 4)), sqlite3_column_bytes(s, 4)), e.properties,
                              &propertyNames);
        for (const int m : n->metrics) {
            auto &agg = slot.aggregators[size_t(m)];
            if (!agg)
                agg = m < m_groupKeys.size() ? std::make_unique<Aggregator>(m_metrics[m], m_start, m_end, m_groupKeys[m], m_eventValues[m])
                                             : std::make_unique<Aggregator>(m_metrics[m], m_start, m_end);
            agg->add(e);
        }
    }
    sqliteCheck(h, rc, "aggregating usage");
    for (const Slot &slot : groups)
        for (int m = 0; m < m_metrics.size(); ++m)
            if (const auto &agg = slot.aggregators[size_t(m)])
                sink({slot.customerId, slot.externalId, m_metrics[m].id(), m, agg->finish()});
}

void PeriodAggregator::runForCustomer(const QString &customerId, const QString &externalId, const std::function<void(const CustomerMetricUsage &)> &sink)
{
    const QByteArray id = customerId.toUtf8();
    const QByteArray external = externalId.toUtf8();
    std::vector<CustomerEventRow> rows = CustomerPostings::events(m_db.sqliteHandle(), id, external, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch());
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
