// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/DailyQuantities.h"

#include "engine/metrics/Aggregator.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/usage/CustomerPostings.h"
#include "models/usage/ServerUsageScan.h"
#include "models/usage/PropertiesJson.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <QSet>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace orb {

DailyQuantities::DailyQuantities(Database &db, QList<MetricDefinition> metrics, const QDateTime &start, const QDateTime &end)
    : m_db(db), m_metrics(std::move(metrics)), m_start(start.toUTC()), m_end(end.toUTC())
{
}

void DailyQuantities::request(const QString &customerId, int index, const QList<QDateTime> &dayEnds)
{
    m_requests.append(Request{customerId, index, dayEnds});
}

namespace {

// Per customer: its requests, each with one aggregator per day end.
struct Slot {
    int index = 0;
    QString key;
    std::vector<std::unique_ptr<Aggregator>> days;
};

// Up to this many customers are read through the customer directory rather than by a scan
// of the period (a scan costs as much as about a thousand customers' lookups by seq).
constexpr size_t FewCustomers = 16;

QHash<QString, QList<Decimal>> collect(const std::map<QByteArray, std::vector<Slot>> &byCustomer)
{
    QHash<QString, QList<Decimal>> out;
    for (const auto &entry : byCustomer) {
        for (const Slot &slot : entry.second) {
            QList<Decimal> totals;
            for (const auto &day : slot.days)
                totals.append(day->finish().total);
            out.insert(slot.key, totals);
        }
    }
    return out;
}

} // namespace

QHash<QString, QList<Decimal>> DailyQuantities::run()
{
    if (m_requests.isEmpty())
        return {};
    std::map<QByteArray, std::vector<Slot>> byCustomer; // move-only values: not a QHash
    QSet<QByteArray> eventNames;
    for (const Request &r : m_requests) {
        Slot slot;
        slot.index = r.index;
        slot.key = key(r.customerId, r.index);
        for (const QDateTime &end : r.dayEnds)
            slot.days.push_back(std::make_unique<Aggregator>(m_metrics.at(r.index), m_start, end.toUTC()));
        byCustomer[r.customerId.toUtf8()].push_back(std::move(slot));
        eventNames.insert(m_metrics.at(r.index).eventName().toUtf8());
    }
    // On a company server the same reads go through ServerUsageScan.
    const bool server = m_db.isServer();
    sqlite3 *h = server ? nullptr : m_db.sqliteHandle();
    QHash<QByteArray, QString> propertyNames;
    Event e;
    const auto add = [&](std::vector<Slot> &targets, const QByteArray &name, qint64 tsMs, QByteArrayView properties) {
        e.eventName = QString::fromUtf8(name);
        e.timestamp = QDateTime::fromMSecsSinceEpoch(tsMs, Qt::UTC);
        PropertiesJson::parse(properties, e.properties, &propertyNames);
        for (Slot &slot : targets)
            for (auto &day : slot.days)
                day->add(e); // an aggregator ignores events of other names or after its day end
    };
    if (byCustomer.size() <= FewCustomers) {
        // A few customers (an upcoming invoice, a preview): their own events, not the period's,
        // in the scan's order (by instant, then ingestion order) and with its attribution.
        for (auto &entry : byCustomer) {
            // Events sent with an external id count for the customer that has it now.
            QByteArray external;
            if (server) {
                QSqlQuery c = m_db.execNative(QStringLiteral("SELECT external_customer_id FROM customers WHERE id = ?"), {QString::fromUtf8(entry.first)});
                if (c.next() && !c.value(0).isNull())
                    external = c.value(0).toString().toUtf8();
            } else {
                SqliteStatement c(h, "SELECT external_customer_id FROM customers WHERE id = ?1", "reading a customer");
                c.bind(1, entry.first);
                if (c.next() && sqlite3_column_type(c, 0) != SQLITE_NULL)
                    external = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(c, 0)), sqlite3_column_bytes(c, 0));
            }
            std::vector<CustomerEventRow> rows =
                server ? ServerUsageScan::customerEvents(m_db, entry.first, external, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch())
                       : CustomerPostings::events(h, entry.first, external, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch());
            std::sort(rows.begin(), rows.end(),
                      [](const CustomerEventRow &a, const CustomerEventRow &b) { return a.tsMs != b.tsMs ? a.tsMs < b.tsMs : a.seq < b.seq; });
            for (const CustomerEventRow &r : rows) {
                if (r.status != 0 || !eventNames.contains(r.eventName))
                    continue;
                if (r.customerId.isEmpty() ? (external.isEmpty() || r.externalCustomerId != external) : r.customerId != entry.first)
                    continue;
                add(entry.second, r.eventName, r.tsMs, r.properties);
            }
        }
        return collect(byCustomer);
    }
    // Events sent with an external id count for the customer that has it now.
    QHash<QByteArray, QByteArray> byExternal;
    if (server) {
        QSqlQuery q = m_db.execNative(QStringLiteral("SELECT id, external_customer_id FROM customers WHERE external_customer_id IS NOT NULL"));
        while (q.next())
            byExternal.insert(q.value(1).toString().toUtf8(), q.value(0).toString().toUtf8());
        // The period's rows streamed in the order of the file's time index (instant, then seq).
        ServerUsageScan::scanPeriod(m_db, m_start.toMSecsSinceEpoch(), m_end.toMSecsSinceEpoch(), false, [&](const ServerUsageRow &r) {
            const QByteArray name = r.eventName.toByteArray();
            if (!eventNames.contains(name))
                return true;
            const QByteArray customer = r.hasCustomerId ? r.customerId.toByteArray() : byExternal.value(r.externalCustomerId.toByteArray());
            const auto wanted = byCustomer.find(customer);
            if (wanted != byCustomer.end())
                add(wanted->second, name, r.tsMs, r.properties);
            return true;
        });
        return collect(byCustomer);
    } else {
        SqliteStatement s(h, "SELECT id, external_customer_id FROM customers WHERE external_customer_id IS NOT NULL", "reading customers");
        while (s.next())
            byExternal.insert(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 1))),
                              QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))));
    }
    SqliteStatement s(h,
                      "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events "
                      "WHERE ts >= ?1 AND ts < ?2 AND status = 0",
                      "reading daily quantities");
    s.bind(1, m_start.toMSecsSinceEpoch()).bind(2, m_end.toMSecsSinceEpoch());
    while (s.next()) {
        const QByteArray name(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)), sqlite3_column_bytes(s, 0));
        if (!eventNames.contains(name))
            continue;
        QByteArray customer;
        if (sqlite3_column_type(s, 2) != SQLITE_NULL)
            customer = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 2)), sqlite3_column_bytes(s, 2));
        else
            customer = byExternal.value(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 3)), sqlite3_column_bytes(s, 3)));
        const auto wanted = byCustomer.find(customer);
        if (wanted == byCustomer.end())
            continue;
        add(wanted->second, name, sqlite3_column_int64(s, 1),
            QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(s, 4)), sqlite3_column_bytes(s, 4)));
    }
    return collect(byCustomer);
}

} // namespace orb
