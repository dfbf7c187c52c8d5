// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/DailyQuantities.h"

#include "engine/metrics/Aggregator.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "models/usage/PropertiesJson.h"

#include <sqlite3.h>

#include <QSet>

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

QHash<QString, QList<Decimal>> DailyQuantities::run()
{
    QHash<QString, QList<Decimal>> out;
    if (m_requests.isEmpty())
        return out;
    // Per customer: its requests, each with one aggregator per day end.
    struct Slot {
        int index = 0;
        QString key;
        std::vector<std::unique_ptr<Aggregator>> days;
    };
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
    sqlite3 *h = m_db.sqliteHandle();
    // Events sent with an external id count for the customer that has it now.
    QHash<QByteArray, QByteArray> byExternal;
    {
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
    QHash<QByteArray, QString> propertyNames;
    Event e;
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
        e.eventName = QString::fromUtf8(name);
        e.timestamp = QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s, 1), Qt::UTC);
        PropertiesJson::parse(QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(s, 4)), sqlite3_column_bytes(s, 4)), e.properties,
                              &propertyNames);
        for (Slot &slot : wanted->second)
            for (auto &day : slot.days)
                day->add(e); // an aggregator ignores events of other names or after its day end
    }
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

} // namespace orb
