// SPDX-License-Identifier: GPL-3.0-or-later
// The invoice run's aggregation pass against its reference: the specialised property reader
// against the full stored-JSON parser, and the two-thread pass against a plain single-thread
// pass (full parse, rows in order, one Aggregator per customer and metric) over the same rows.
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "engine/metrics/Aggregator.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/SqliteStatement.h"
#include "models/UnitOfWork.h"
#include "models/usage/PeriodAggregator.h"
#include "models/usage/PropertiesJson.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <map>
#include <memory>

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

QString describe(const PropertyValue *v)
{
    if (!v)
        return QStringLiteral("<absent>");
    return QStringLiteral("%1 \"%2\" %3")
        .arg(PropertyValue::typeName(v->type()), v->text(), v->asDecimal() ? v->asDecimal()->toString() : QStringLiteral("<no number>"));
}

QString describe(const UsageQuantities &u)
{
    QStringList parts{u.total.toString(), u.groupKeys.join(QLatin1Char(','))};
    for (const UsageGroup &g : u.groups)
        parts << g.values.join(QLatin1Char('/')) + QLatin1Char('=') + g.quantity.toString();
    if (u.hasEventValues) {
        QStringList values;
        for (const Decimal &d : u.eventValues)
            values << d.toString();
        parts << QStringLiteral("events:") + values.join(QLatin1Char(','));
    }
    return parts.join(QLatin1Char(' '));
}

MetricDefinition metric(const QString &id, const QString &eventName, Aggregation a, const QString &property, const QString &groupBy = {})
{
    MetricDefinition m;
    m.setId(id);
    m.setName(id);
    m.setEventName(eventName);
    m.setAggregation(a);
    m.setProperty(property);
    m.setGroupBy(groupBy);
    return m;
}

} // namespace

class TestPeriodAggregator : public QObject
{
    Q_OBJECT

private slots:
    void extractMatchesParse_data();
    void extractMatchesParse();
    void passMatchesSingleThread_data();
    void passMatchesSingleThread();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{kStart};
};

void TestPeriodAggregator::extractMatchesParse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("wanted");
    QTest::addColumn<bool>("fast"); // read without parse()

    const QStringList tr{QStringLiteral("tokens"), QStringLiteral("region")};
    QTest::newRow("plain") << QByteArray(R"({"region":"eu","tokens":12})") << tr << true;
    QTest::newRow("others skipped") << QByteArray(R"({"a":"x","b":true,"c":null,"region":"eu","t":1,"tokens":-3.50,"z":false})") << tr << true;
    QTest::newRow("exponent") << QByteArray(R"({"tokens":1.5E2})") << tr << true;
    QTest::newRow("small exponent") << QByteArray(R"({"tokens":-2.5e-3})") << tr << true;
    QTest::newRow("too many digits") << QByteArray(R"({"tokens":123456789012345678901234567890123456789})") << tr << true;
    QTest::newRow("huge exponent") << QByteArray(R"({"tokens":1e999999999})") << tr << true;
    QTest::newRow("numeric string") << QByteArray(R"({"tokens":"12.5"})") << tr << true;
    QTest::newRow("bool and null") << QByteArray(R"({"region":null,"tokens":true})") << tr << true;
    QTest::newRow("empty") << QByteArray("{}") << tr << true;
    QTest::newRow("utf-8 value") << QByteArray("{\"region\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}") << tr << true;
    QTest::newRow("escaped value") << QByteArray(R"({"region":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00","tokens":1})") << tr << false;
    QTest::newRow("escape elsewhere") << QByteArray(R"({"note":"x\"y","tokens":7})") << tr << false;
    QTest::newRow("escaped name") << QByteArray(R"({"tok\u0065ns":7})") << tr << false;
    QTest::newRow("utf-8 name") << QByteArray("{\"r\xC3\xA9gion\":\"x\",\"tokens\":2}") << QStringList{QStringLiteral("r\u00e9gion")} << false;
    QTest::newRow("nested object") << QByteArray(R"({"a":{"tokens":1},"tokens":2})") << tr << false;
    QTest::newRow("nested wanted") << QByteArray(R"({"region":{"x":1},"tokens":2})") << tr << false;
    QTest::newRow("array") << QByteArray(R"({"region":["a"],"tokens":2})") << tr << false;
    QTest::newRow("unsorted") << QByteArray(R"({"tokens":1,"region":"eu"})") << tr << false;
    QTest::newRow("duplicate") << QByteArray(R"({"tokens":1,"tokens":2})") << tr << false;
    QTest::newRow("prefix names") << QByteArray(R"({"token":1,"tokens":2,"tokensx":3})") << tr << true;
    QTest::newRow("trailing comma") << QByteArray(R"({"tokens":1,})") << tr << false;
    QTest::newRow("cut off") << QByteArray(R"({"region":"eu","tokens":1)") << tr << false;
    QTest::newRow("cut in string") << QByteArray(R"({"region":"eu)") << tr << false;
    QTest::newRow("not an object") << QByteArray("12") << tr << false;
    QTest::newRow("bad literal") << QByteArray(R"({"tokens":nope})") << tr << false;
    QTest::newRow("nothing wanted") << QByteArray(R"({"region":"eu","tokens":12})") << QStringList() << true;
}

void TestPeriodAggregator::extractMatchesParse()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, wanted);
    QFETCH(bool, fast);
    PropertiesJson::Wanted w;
    for (const QString &n : wanted) {
        w.names.append(n);
        w.raw.append(n.toUtf8());
    }
    Event read;
    const bool took = PropertiesJson::extract(json, w, read.properties);
    QCOMPARE(took, fast);
    if (!took)
        PropertiesJson::parse(json, read.properties); // what the pass does then
    Event reference;
    PropertiesJson::parse(json, reference.properties);
    for (const QString &n : wanted)
        QCOMPARE(describe(read.property(n)), describe(reference.property(n)));
    if (took) // nothing but what was asked for
        for (const EventProperty &p : read.properties)
            QVERIFY2(wanted.contains(p.name), qPrintable(p.name));
}

void TestPeriodAggregator::passMatchesSingleThread_data()
{
    QTest::addColumn<bool>("wholeTable"); // the period covers every event: a plain table scan
    QTest::newRow("table scan") << true;
    QTest::newRow("time index") << false;
}

void TestPeriodAggregator::passMatchesSingleThread()
{
    ORB_SQLITE_ONLY("the two-thread pass steps SQLite's C API, and so does the reference it is checked against");
    QFETCH(bool, wholeTable);
    static int fileNo = 0;
    CompanySettings settings;
    settings.name = QStringLiteral("Pass Co");
    auto file = orb::test::createCompany(m_dir.filePath(QStringLiteral("p%1.orb").arg(++fileNo)), settings, m_clock);
    Database &db = file->db();

    // Customers c0..c39 exist; events also name c40..c44 (not yet customers) and some
    // carry the Orb id of their customer instead of the external id.
    QList<QByteArray> ids;
    {
        UnitOfWork uow(db);
        CustomerRepository repo(db);
        for (int c = 0; c < 40; ++c) {
            Customer cu;
            cu.id = newId();
            cu.name = QStringLiteral("Customer %1").arg(c);
            cu.externalCustomerId = QStringLiteral("c%1").arg(c);
            cu.currency = QStringLiteral("USD");
            cu.timezone = QStringLiteral("UTC");
            cu.createdAt = cu.updatedAt = kStart;
            repo.insert(cu);
            ids.append(cu.id.toUtf8());
        }
        uow.commit();
    }
    static const QByteArray kProps[] = {
        R"({"region":"eu","tokens":12})",
        R"({"region":"us","tokens":1.5E2})",
        R"({"region":"eu","tokens":"7.25"})",
        R"({"region":null,"tokens":3})",
        R"({"tokens":-2})",
        R"({"region":"caf\u00e9","tokens":5})",
        "{\"region\":\"caf\xC3\xA9\",\"tokens\":5}",
        R"({"note":"a\"b","region":"ap","tokens":9})",
        R"({"tokens":4,"region":"eu"})",
        R"({"region":"eu","tokens":true})",
        R"({"region":{"x":1},"tokens":6})",
        R"({"region":"eu","tokens":1e999999999})",
        R"({"region":"us","tier":"gold","tokens":11})",
        R"({"region":"us","tier":"silver","tokens":0.001})",
        R"({})",
        R"({"region":"eu","tokens":2)",
    };
    static const char *kNames[] = {"api_call", "completion", "storage", "seat", "job", "ignored"};
    const qint64 dayMs = 86400LL * 1000;
    const int events = 20000; // several of the pass's hand-over chunks
    {
        QRandomGenerator rng(11);
        UsageEventStore store(db);
        db.begin();
        for (int i = 0; i < events; ++i) {
            UsageEventRow r;
            r.idempotencyKey = "e-" + QByteArray::number(i);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = kNames[rng.bounded(6)];
            // Coarse timestamps: many ties, which `latest` breaks by row order.
            r.tsMs = kStart.toMSecsSinceEpoch() - dayMs + qint64(rng.bounded(33)) * dayMs;
            const int c = int(rng.bounded(45));
            if (c < 40 && rng.bounded(3) == 0)
                r.customerId = ids[c];
            else
                r.externalCustomerId = 'c' + QByteArray::number(c);
            r.properties = kProps[rng.bounded(int(std::size(kProps)))];
            const auto status = rng.bounded(10) == 0 ? UsageEventStatus::Deprecated : UsageEventStatus::Active;
            store.insert(r, status, {}, 0);
        }
        store.flushKeys();
        db.commit();
    }

    MetricDefinition filtered = metric(QStringLiteral("m-eu"), QStringLiteral("completion"), Aggregation::Sum, QStringLiteral("tokens"));
    filtered.setFilter(MetricFilter::condition(QStringLiteral("region"), MetricFilter::Operator::Equals, {PropertyValue::fromString(QStringLiteral("eu"))}));
    const QList<MetricDefinition> metrics{
        metric(QStringLiteral("m-calls"), QStringLiteral("api_call"), Aggregation::Count, {}),
        metric(QStringLiteral("m-tokens"), QStringLiteral("completion"), Aggregation::Sum, QStringLiteral("tokens")),
        metric(QStringLiteral("m-peak"), QStringLiteral("storage"), Aggregation::Max, QStringLiteral("tokens")),
        metric(QStringLiteral("m-regions"), QStringLiteral("seat"), Aggregation::UniqueCount, QStringLiteral("region")),
        metric(QStringLiteral("m-last"), QStringLiteral("job"), Aggregation::Latest, QStringLiteral("tokens")),
        metric(QStringLiteral("m-by-region"), QStringLiteral("completion"), Aggregation::Sum, QStringLiteral("tokens"), QStringLiteral("region")),
        filtered,
        metric(QStringLiteral("m-tiers"), QStringLiteral("storage"), Aggregation::Sum, QStringLiteral("tokens")),
        metric(QStringLiteral("m-seat-values"), QStringLiteral("seat"), Aggregation::UniqueCount, QStringLiteral("region")),
    };
    const QDateTime start = wholeTable ? kStart.addDays(-2) : kStart;
    const QDateTime end = wholeTable ? kStart.addDays(40) : kStart.addDays(20);
    const auto configure = [&](auto &setGrouping) {
        setGrouping(7, QStringList{QStringLiteral("tier"), QStringLiteral("region")}, true);
        setGrouping(8, QStringList(), true);
    };

    // The pass under test.
    std::map<QString, QString> got;
    PeriodAggregator pass(db, metrics, start, end);
    auto passGrouping = [&](int i, const QStringList &k, bool v) { pass.setGrouping(i, k, v); };
    configure(passGrouping);
    pass.run([&](const CustomerMetricUsage &u) {
        const QString key =
            (u.customerId.isEmpty() ? QStringLiteral("x:") + u.externalCustomerId : QStringLiteral("c:") + u.customerId) + QLatin1Char('|') + u.metricId;
        QVERIFY2(got.emplace(key, describe(u.usage)).second, qPrintable(key));
    });

    // The reference: one thread, the whole properties parsed, rows in the order of the scan.
    QHash<QByteArray, QByteArray> byExternal;
    for (int c = 0; c < 40; ++c)
        byExternal.insert("c" + QByteArray::number(c), ids[c]);
    QList<QStringList> keys(metrics.size());
    QList<bool> values(metrics.size(), false);
    auto refGrouping = [&](int i, const QStringList &k, bool v) {
        keys[i] = k;
        values[i] = v;
    };
    configure(refGrouping);
    std::map<QString, std::unique_ptr<Aggregator>> reference;
    qint64 rows = 0;
    SqliteStatement s(db.sqliteHandle(),
                      wholeTable ? "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events NOT INDEXED "
                                   "WHERE ts >= ?1 AND ts < ?2 AND status = 0 ORDER BY rowid"
                                 : "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events "
                                   "WHERE ts >= ?1 AND ts < ?2 AND status = 0 ORDER BY ts, rowid",
                      "reference");
    sqlite3_bind_int64(s, 1, start.toMSecsSinceEpoch());
    sqlite3_bind_int64(s, 2, end.toMSecsSinceEpoch());
    while (s.next()) {
        ++rows;
        Event e;
        e.eventName = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
        e.timestamp = QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(s, 1), Qt::UTC);
        PropertiesJson::parse(QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(s, 4)), sqlite3_column_bytes(s, 4)), e.properties);
        QString ref;
        if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
            ref = QStringLiteral("c:") + QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 2)));
        } else {
            const QByteArray ext(reinterpret_cast<const char *>(sqlite3_column_text(s, 3)));
            ref = byExternal.contains(ext) ? QStringLiteral("c:") + QString::fromUtf8(byExternal.value(ext)) : QStringLiteral("x:") + QString::fromUtf8(ext);
        }
        for (int m = 0; m < metrics.size(); ++m) {
            if (metrics[m].eventName() != e.eventName)
                continue;
            auto &agg = reference[ref + QLatin1Char('|') + metrics[m].id()];
            if (!agg)
                agg = std::make_unique<Aggregator>(metrics[m], start, end, keys[m], values[m]);
            agg->add(e);
        }
    }
    QCOMPARE(pass.rowsScanned(), rows);
    QVERIFY(rows > events / 3);
    std::map<QString, QString> expected;
    for (const auto &entry : reference)
        expected.emplace(entry.first, describe(entry.second->finish()));
    QCOMPARE(got.size(), expected.size());
    for (const auto &entry : expected) {
        const auto it = got.find(entry.first);
        QVERIFY2(it != got.end(), qPrintable(entry.first));
        QCOMPARE(it->second, entry.second);
    }
}

QTEST_GUILESS_MAIN(TestPeriodAggregator)
#include "tst_periodaggregator.moc"
