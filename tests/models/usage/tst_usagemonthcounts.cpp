// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"
#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/DashboardQuery.h"
#include "models/StorageError.h"
#include "models/usage/BackfillService.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageMonthCounts.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace orb;

/**
 * The month counts behind the dashboard (migration 0031) against a full count of the events:
 * after random imports, API ingests, amendments, deprecations, backfills closed and reverted,
 * a change of the company's zone and an upgrade, every month's counts and the dashboard's top
 * customers are exactly what counting the events gives.
 */
class TestUsageMonthCounts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void randomHistoryMatchesFullCount_data();
    void randomHistoryMatchesFullCount();
    void zoneChangeRecounts();
    void upgradeCountsStoredEvents();
    void otherWindowsCountTheEvents();
    void topCustomersAmongMany();

private:
    Event event(const QString &key, qint64 tsMs, const QString &customer, bool byId, int n) const;
    /// Every month of 2026 in `zone`: [start, end).
    QList<QPair<qint64, qint64>> months(const QString &zone) const;
    /// The active events of [start, end) per UsageMonthCounts::countRef, counted from the events.
    QHash<QByteArray, qint64> scan(qint64 start, qint64 end) const;
    /// The dashboard's top customers as the scan of the events gives them.
    QList<DashboardFigures::TopCustomer> scanTop(qint64 start, qint64 end, int top) const;
    void checkAllMonths(const QString &zone, const char *step);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_path;
    QStringList m_customerIds;
    const QStringList m_externals{QStringLiteral("acme"), QStringLiteral("blue"), QStringLiteral("cyan"), QStringLiteral("nobody")};
};

Event TestUsageMonthCounts::event(const QString &key, qint64 tsMs, const QString &customer, bool byId, int n) const
{
    const QString when = QDateTime::fromMSecsSinceEpoch(tsMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const QString who = byId ? QStringLiteral(R"("customer_id":"%1")").arg(m_customerIds.value(m_externals.indexOf(customer), QStringLiteral("x")))
                             : QStringLiteral(R"("external_customer_id":"%1")").arg(customer);
    const QString json =
        QStringLiteral(R"({"event_name":"api_call","timestamp":"%1","idempotency_key":"%2",%3,"properties":{"n":%4}})").arg(when, key, who).arg(n);
    JsonParseError error;
    const auto e = EventParser::parse(json.toUtf8(), &error);
    if (!e)
        qFatal("bad test event: %s", qPrintable(error.toString()));
    return *e;
}

QList<QPair<qint64, qint64>> TestUsageMonthCounts::months(const QString &zone) const
{
    const QTimeZone tz(zone.toUtf8());
    QList<QPair<qint64, qint64>> out;
    for (int m = 1; m <= 12; ++m) {
        const QDate first(2026, m, 1);
        out.append({first.startOfDay(tz).toMSecsSinceEpoch(), first.addMonths(1).startOfDay(tz).toMSecsSinceEpoch()});
    }
    return out;
}

QHash<QByteArray, qint64> TestUsageMonthCounts::scan(qint64 start, qint64 end) const
{
    QHash<QByteArray, qint64> counts;
    QSqlQuery q =
        m_file->db().exec(QStringLiteral("SELECT customer_id, external_customer_id FROM usage_events WHERE status = 0 AND ts >= ? AND ts < ?"), {start, end});
    while (q.next())
        ++counts[UsageMonthCounts::countRef(q.value(0).toByteArray(), q.value(1).toByteArray())];
    return counts;
}

QList<DashboardFigures::TopCustomer> TestUsageMonthCounts::scanTop(qint64 start, qint64 end, int top) const
{
    QList<DashboardFigures::TopCustomer> out;
    QSqlQuery q = m_file->db().exec(QStringLiteral("SELECT c.id, c.name, COUNT(*) AS n FROM usage_events e JOIN customers c "
                                                   "ON c.id = e.customer_id OR (e.customer_id IS NULL AND c.external_customer_id = e.external_customer_id) "
                                                   "WHERE e.ts >= ? AND e.ts < ? AND e.status = 0 GROUP BY c.id ORDER BY n DESC, c.name, c.id LIMIT ?"),
                                    {start, end, top});
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    return out;
}

void TestUsageMonthCounts::checkAllMonths(const QString &zone, const char *step)
{
    for (const auto &[start, end] : months(zone)) {
        const auto kept = UsageMonthCounts::month(m_file->db(), start, end);
        QVERIFY2(kept.has_value(), step);
        const QHash<QByteArray, qint64> expected = scan(start, end);
        if (*kept != expected) {
            qWarning() << step << QDateTime::fromMSecsSinceEpoch(start, Qt::UTC) << "kept" << *kept << "counted" << expected;
            QFAIL(step);
        }
        const QList<DashboardFigures::TopCustomer> top = DashboardQuery(m_file->db()).topCustomers(start, end, 3);
        const QList<DashboardFigures::TopCustomer> want = scanTop(start, end, 3);
        QCOMPARE(top.size(), want.size());
        for (int i = 0; i < top.size(); ++i) {
            QCOMPARE(top[i].id, want[i].id);
            QCOMPARE(top[i].events, want[i].events);
        }
    }
}

void TestUsageMonthCounts::init()
{
    static int n = 0;
    m_file.reset();
    m_customerIds.clear();
    CompanySettings s;
    s.name = QStringLiteral("Months Co");
    s.timezone = QStringLiteral("Europe/Berlin");
    m_path = m_dir.filePath(QStringLiteral("m%1.orb").arg(++n));
    m_file = orb::test::createCompany(m_path, s, m_clock);
    // A year of history may be ingested live: the grace period covers it.
    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("100000"));
    CustomerService customers(*m_file, m_clock);
    for (int i = 0; i < 3; ++i) {
        Customer c;
        c.name = QStringLiteral("Customer %1").arg(m_externals[i]);
        c.externalCustomerId = m_externals[i];
        m_customerIds << customers.create(c).id;
    }
}

void TestUsageMonthCounts::randomHistoryMatchesFullCount_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u, 5u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestUsageMonthCounts::randomHistoryMatchesFullCount()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    const QList<QPair<qint64, qint64>> berlin = months(QStringLiteral("Europe/Berlin"));
    // Instants on and next to the month bounds of the zone, and anywhere in the year.
    const auto randomTs = [&]() -> qint64 {
        const auto &[start, end] = berlin[int(rng.bounded(11))];
        switch (rng.bounded(4)) {
        case 0: return start;
        case 1: return start - 1;
        case 2: return end - 1;
        default: return start + qint64(rng.bounded(quint32((end - start) / 1000))) * 1000;
        }
    };
    QStringList keys;
    int next = 0;
    const auto newEvents = [&](int count, QList<Event> *out) {
        for (int i = 0; i < count; ++i) {
            const QString key = QStringLiteral("k%1").arg(next++);
            out->append(event(key, randomTs(), m_externals[int(rng.bounded(4))], rng.bounded(3) == 0, int(rng.bounded(100))));
            keys << key;
        }
    };
    const auto asJsonl = [](const QList<Event> &events) {
        QByteArray out;
        for (const Event &e : events) {
            QJsonObject o{{QStringLiteral("event_name"), e.eventName},
                          {QStringLiteral("timestamp"), e.timestamp.toUTC().toString(Qt::ISODateWithMs)},
                          {QStringLiteral("idempotency_key"), e.idempotencyKey},
                          {QStringLiteral("properties"), QJsonObject{{QStringLiteral("n"), 1}}}};
            if (!e.customerId.isEmpty())
                o.insert(QStringLiteral("customer_id"), e.customerId);
            else
                o.insert(QStringLiteral("external_customer_id"), e.externalCustomerId);
            out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        }
        return out;
    };
    EventImporter importer(*m_file, m_clock);
    UsageEventService service(*m_file, m_clock);
    BackfillService backfills(*m_file, m_clock);
    int file = 0;
    for (int round = 0; round < 12; ++round) {
        switch (rng.bounded(6)) {
        case 0: { // the API's path
            QList<Event> events;
            newEvents(int(rng.bounded(1, 20)), &events);
            importer.ingest(events);
            break;
        }
        case 1: { // a file, in small checkpoints
            QList<Event> events;
            newEvents(int(rng.bounded(1, 60)), &events);
            const QString path = orb::test::writeFile(m_dir.filePath(QStringLiteral("i%1-%2.jsonl").arg(seed).arg(++file)), asJsonl(events));
            ImportOptions o;
            o.checkpointRows = 7;
            importer.importFile(path, o);
            break;
        }
        case 2: // amendments
            for (int i = 0; i < 5 && !keys.isEmpty(); ++i) {
                try {
                    service.amend(keys[int(rng.bounded(keys.size()))], QByteArray(R"({"n":)") + QByteArray::number(rng.bounded(1000)) + '}');
                } catch (const ServiceError &) {
                    // deprecated or replaced events cannot be amended: nothing changed
                }
            }
            break;
        case 3: // deprecations
            for (int i = 0; i < 3 && !keys.isEmpty(); ++i) {
                try {
                    service.deprecate(keys[int(rng.bounded(keys.size()))]);
                } catch (const ServiceError &) {
                }
            }
            break;
        default: { // a backfill of one month, for one customer or all, closed or reverted
            const auto &[start, end] = berlin[int(rng.bounded(11))];
            const bool one = rng.bounded(2) == 0;
            const QString customer = m_externals[int(rng.bounded(3))];
            const Backfill b = backfills.create(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), QDateTime::fromMSecsSinceEpoch(end, Qt::UTC),
                                                one ? customer : QString(), rng.bounded(2) == 0);
            QList<Event> events;
            for (int i = 0; i < int(rng.bounded(1, 15)); ++i) {
                const QString key = QStringLiteral("k%1").arg(next++);
                const qint64 ts = rng.bounded(2) ? start : start + qint64(rng.bounded(quint32((end - start) / 1000))) * 1000;
                events.append(event(key, ts, one ? customer : m_externals[int(rng.bounded(3))], rng.bounded(3) == 0, 1));
                keys << key;
            }
            importer.ingest(events, b.id);
            checkAllMonths(QStringLiteral("Europe/Berlin"), "after a backfill's events");
            backfills.close(b.id);
            checkAllMonths(QStringLiteral("Europe/Berlin"), "after a backfill closed");
            if (rng.bounded(2) == 0) {
                backfills.revert(b.id);
                checkAllMonths(QStringLiteral("Europe/Berlin"), "after a backfill reverted");
            }
            break;
        }
        }
        checkAllMonths(QStringLiteral("Europe/Berlin"), "after a round");
    }
    QVERIFY(m_file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM usage_events WHERE status = 0")).toInt() > 20);
    // Events were counted at all: the months were not trivially empty.
    QVERIFY(m_file->db().scalar(QStringLiteral("SELECT SUM(events) FROM usage_month_counts")).toLongLong() > 20);
}

void TestUsageMonthCounts::zoneChangeRecounts()
{
    EventImporter importer(*m_file, m_clock);
    const QList<QPair<qint64, qint64>> berlin = months(QStringLiteral("Europe/Berlin"));
    const QList<QPair<qint64, qint64>> newYork = months(QStringLiteral("America/New_York"));
    // On Berlin's and New York's month bounds: each zone puts these in other months.
    QList<Event> events;
    int k = 0;
    for (int m = 0; m < 11; ++m)
        for (const qint64 ts : {berlin[m].first, berlin[m].first - 1, newYork[m].first, newYork[m].first - 1})
            events.append(event(QStringLiteral("z%1").arg(k++), ts, m_externals[m % 3], m % 2 == 0, 1));
    importer.ingest(events);
    checkAllMonths(QStringLiteral("Europe/Berlin"), "in Berlin");

    CompanySettings s = m_file->settings();
    s.timezone = QStringLiteral("America/New_York");
    m_file->updateSettings(s, m_clock);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT timezone FROM usage_months_zone")).toString(), QStringLiteral("America/New_York"));
    checkAllMonths(QStringLiteral("America/New_York"), "in New York");
    // Berlin's months are no longer listed: the dashboard counts the events for them.
    QVERIFY(!UsageMonthCounts::month(m_file->db(), berlin[2].first, berlin[2].second).has_value());
    const QList<DashboardFigures::TopCustomer> top = DashboardQuery(m_file->db()).topCustomers(berlin[2].first, berlin[2].second, 3);
    QCOMPARE(top.size(), scanTop(berlin[2].first, berlin[2].second, 3).size());
    // New events after the change count in New York's months.
    importer.ingest({event(QStringLiteral("after"), newYork[5].first, QStringLiteral("acme"), false, 1)});
    checkAllMonths(QStringLiteral("America/New_York"), "after the change");
}

void TestUsageMonthCounts::upgradeCountsStoredEvents()
{
    EventImporter importer(*m_file, m_clock);
    QList<Event> events;
    const QList<QPair<qint64, qint64>> berlin = months(QStringLiteral("Europe/Berlin"));
    for (int i = 0; i < 30; ++i)
        events.append(event(QStringLiteral("u%1").arg(i), berlin[i % 12].first + i, m_externals[i % 4], i % 5 == 0, 1));
    importer.ingest(events);
    UsageEventService(*m_file, m_clock).deprecate(QStringLiteral("u3"));
    // A file as the upgrade to 0031 finds it: months not listed, nothing counted.
    m_file->db().exec(QStringLiteral("DELETE FROM usage_month_counts"));
    m_file->db().exec(QStringLiteral("DELETE FROM usage_months"));
    m_file->db().exec(QStringLiteral("DELETE FROM usage_months_zone"));
    m_file.reset();
    m_file = orb::test::openCompany(m_path);
    checkAllMonths(QStringLiteral("Europe/Berlin"), "after the upgrade");
    // 30 sent, one with an unknown customer id refused, one deprecated.
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM usage_events WHERE status = 0")).toInt(), 28);
    QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT SUM(events) FROM usage_month_counts")).toInt(), 28);
}

void TestUsageMonthCounts::otherWindowsCountTheEvents()
{
    const QList<QPair<qint64, qint64>> berlin = months(QStringLiteral("Europe/Berlin"));
    EventImporter importer(*m_file, m_clock);
    importer.ingest({event(QStringLiteral("w1"), berlin[3].first + 1000, QStringLiteral("acme"), false, 1),
                     event(QStringLiteral("w2"), berlin[3].first + 2000, QStringLiteral("blue"), true, 1),
                     event(QStringLiteral("w3"), berlin[3].first + 3000, QStringLiteral("blue"), false, 1)});
    // A window that is no listed month (a UTC month here) is counted from the events.
    const qint64 utcStart = QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QVERIFY(!UsageMonthCounts::month(m_file->db(), utcStart, QDateTime(QDate(2026, 5, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()).has_value());
    const QList<DashboardFigures::TopCustomer> top = DashboardQuery(m_file->db()).topCustomers(berlin[3].first, berlin[3].first + 2500, 5);
    QCOMPARE(top.size(), 2);
    QCOMPARE(top[0].events, 1);
    const QList<DashboardFigures::TopCustomer> month = DashboardQuery(m_file->db()).topCustomers(berlin[3].first, berlin[3].second, 5);
    QCOMPARE(month.size(), 2);
    QCOMPARE(month[0].id, m_customerIds[1]); // blue: by id and by external id
    QCOMPARE(month[0].events, 2);
    QCOMPARE(month[1].events, 1);
}

void TestUsageMonthCounts::topCustomersAmongMany()
{
    // Forty customers with events by id and by external id in uneven numbers (with ties), and
    // a busy external id no customer holds: the top customers read from the counts, which stop
    // early, are the scan's for every length of the list.
    const QList<QPair<qint64, qint64>> berlin = months(QStringLiteral("Europe/Berlin"));
    CustomerService customers(*m_file, m_clock);
    QList<Event> events;
    int k = 0;
    const auto next = [&](const QString &external) {
        const int n = k++;
        return event(QStringLiteral("m%1").arg(n), berlin[4].first + 1000 * n, external, false, 1);
    };
    for (int i = 0; i < 40; ++i) {
        Customer c;
        c.name = QStringLiteral("Many %1").arg(i % 7); // equal names too: then by id
        c.externalCustomerId = QStringLiteral("many-%1").arg(i);
        const QString id = customers.create(c).id;
        for (int e = 0; e < (i * 7) % 13; ++e)
            events.append(next(c.externalCustomerId));
        for (int e = 0; e < i % 4; ++e) {
            Event byId = next(c.externalCustomerId);
            byId.externalCustomerId.clear();
            byId.customerId = id;
            events.append(byId);
        }
    }
    for (int e = 0; e < 30; ++e)
        events.append(next(QStringLiteral("stray")));
    EventImporter(*m_file, m_clock).ingest(events);
    for (const int n : {1, 2, 5, 12, 40, 50}) {
        const QList<DashboardFigures::TopCustomer> top = DashboardQuery(m_file->db()).topCustomers(berlin[4].first, berlin[4].second, n);
        QList<DashboardFigures::TopCustomer> want = scanTop(berlin[4].first, berlin[4].second, 100);
        // The scan orders equal totals by name only: order those by id as well, then cut.
        std::stable_sort(want.begin(), want.end(), [](const auto &a, const auto &b) {
            return a.events != b.events ? a.events > b.events : a.name != b.name ? a.name < b.name : a.id < b.id;
        });
        want = want.mid(0, n);
        QCOMPARE(top.size(), want.size());
        for (int i = 0; i < top.size(); ++i) {
            QCOMPARE(top[i].id, want[i].id);
            QCOMPARE(top[i].events, want[i].events);
        }
    }
}

QTEST_GUILESS_MAIN(TestUsageMonthCounts)
#include "tst_usagemonthcounts.moc"
