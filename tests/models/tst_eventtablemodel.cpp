// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/EventTableModel.h"
#include "models/UnitOfWork.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QRandomGenerator>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// The usage event table model over events written through the event store (so the customer
/// directory lists them, as every write path does): its list is read in the background, newest
/// first, filtered, and only the latest request's list is shown.
class TestEventTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsNewestFirstInTheBackground();
    void filters();
    void staleResultsAreDropped();
    void listComesFromTheTimeIndex();
    void customerFilterReadsTheDirectory_data();
    void customerFilterReadsTheDirectory();

private:
    bool settle(EventTableModel &model);
    int expectedCount(const std::function<bool(int)> &keep) const;

    static constexpr int EventCount = 1700;
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QDateTime m_start{QDate(2026, 2, 1), QTime(0, 0), Qt::UTC};
};

namespace {

int statusOf(int i)
{
    // Superseded (1) and discarded (4) versions are hidden; deprecated (2) ones are shown.
    return i % 10 == 3 ? 1 : i % 10 == 7 ? 2 : i % 50 == 11 ? 4 : 0;
}

bool shown(int i)
{
    const int s = statusOf(i);
    return s == 0 || s == 2 || s == 3;
}

} // namespace

void TestEventTableModel::initTestCase()
{
    ORB_SQLITE_ONLY("its events are written through the file's raw event store (the event table on a server is compared with the file's by pg_windowtables)");
    CompanySettings s;
    s.name = QStringLiteral("Event Table Test");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("e.orb")), s, m_clock);
    UnitOfWork uow(m_file->db());
    UsageEventStore store(m_file->db());
    for (int i = 0; i < EventCount; ++i) {
        // Inserted out of time order, so that seq order is not time order.
        UsageEventRow r;
        r.idempotencyKey = QByteArray("k") + QByteArray::number(i);
        r.keyHash = usageKeyHash(r.idempotencyKey);
        r.eventName = i % 2 ? "storage" : "api_request";
        r.tsMs = m_start.toMSecsSinceEpoch() + qint64((i * 7919) % EventCount) * 60000;
        r.externalCustomerId = i % 3 ? "acme" : "globex";
        r.properties = "{}";
        QCOMPARE(store.insert(r, UsageEventStatus(statusOf(i)), {}, 0), UsageEventStore::Outcome::Inserted);
    }
    store.flushKeys();
    uow.commit();
}

bool TestEventTableModel::settle(EventTableModel &model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 20000);
}

int TestEventTableModel::expectedCount(const std::function<bool(int)> &keep) const
{
    int n = 0;
    for (int i = 0; i < EventCount; ++i)
        n += shown(i) && keep(i) ? 1 : 0;
    return n;
}

void TestEventTableModel::listsNewestFirstInTheBackground()
{
    EventTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loading(&model, &EventTableModel::loadingChanged);
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(settle(model));
    QCOMPARE(loading.size(), 1);
    QVERIFY(model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), expectedCount([](int) { return true; }));
    for (int r = 1; r < model.rowCount(); ++r) // across blocks of 500
        QVERIFY(model.index(r - 1, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime()
                >= model.index(r, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime());
    for (int r = 0; r < model.rowCount(); ++r) {
        const int status = model.index(r, EventTableModel::Status).data(EventTableModel::RawValueRole).toInt();
        QVERIFY(status == 0 || status == 2);
    }
    // A deprecation on the program's connection shows at once on reload, before the list comes.
    const QString key = model.index(0, 0).data(EventTableModel::KeyRole).toString();
    m_file->db().exec(QStringLiteral("UPDATE usage_events SET status = 2 WHERE idempotency_key = ?"), {key});
    model.reload();
    QVERIFY(model.isLoading());
    QCOMPARE(model.index(0, EventTableModel::Status).data().toString(), QStringLiteral("deprecated"));
    QVERIFY(settle(model));
    QCOMPARE(model.index(0, 0).data(EventTableModel::KeyRole).toString(), key);
    m_file->db().exec(QStringLiteral("UPDATE usage_events SET status = ? WHERE idempotency_key = ?"), {statusOf(key.mid(1).toInt()), key});
}

void TestEventTableModel::filters()
{
    EventTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    EventFilter f;
    f.customer = QStringLiteral("globex");
    f.eventName = QStringLiteral("storage");
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), expectedCount([](int i) { return i % 3 == 0 && i % 2 == 1; }));
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r, EventTableModel::Customer).data().toString(), QStringLiteral("globex"));
        QCOMPARE(model.index(r, EventTableModel::EventName).data().toString(), QStringLiteral("storage"));
    }
    f = {};
    f.from = m_start.addSecs(100 * 60);
    f.to = m_start.addSecs(200 * 60);
    model.setFilter(f);
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), expectedCount([](int i) {
                 const int minute = (i * 7919) % EventCount;
                 return minute >= 100 && minute < 200;
             }));
    int top = -1;
    for (int i = 0; i < EventCount; ++i)
        if (shown(i) && (i * 7919) % EventCount < 200)
            top = std::max(top, (i * 7919) % EventCount);
    QCOMPARE(model.index(0, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime().toUTC(), m_start.addSecs(top * 60));

    // The time reads as the interface language writes dates, not as ISO text.
    const QDateTime at = model.index(0, EventTableModel::Time).data(EventTableModel::RawValueRole).toDateTime().toLocalTime();
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString german = model.index(0, EventTableModel::Time).data().toString();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString english = model.index(0, EventTableModel::Time).data().toString();
    QLocale::setDefault(before);
    QCOMPARE(german, at.toString(QStringLiteral("dd.MM.yyyy HH:mm:ss")));
    QCOMPARE(english, at.toString(QStringLiteral("M/d/yyyy HH:mm:ss")));
}

void TestEventTableModel::staleResultsAreDropped()
{
    EventTableModel model(m_file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(settle(model));
    const int all = model.rowCount();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    EventFilter f;
    f.customer = QStringLiteral("acme");
    model.setFilter(f);
    f.customer = QStringLiteral("globex");
    model.setFilter(f);
    QCOMPARE(model.rowCount(), all); // the old rows stay while loading
    QVERIFY(settle(model));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), expectedCount([](int i) { return i % 3 == 0; }));
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, EventTableModel::Customer).data().toString(), QStringLiteral("globex"));
    QTest::qWait(100);
    QCOMPARE(resets.size(), 1);
}

void TestEventTableModel::listComesFromTheTimeIndex()
{
    EventTableModel model(m_file->db());
    QVERIFY(settle(model));
    const RowIdLoader::Query q = model.idQuery();
    QSqlQuery e = m_file->db().exec(QStringLiteral("EXPLAIN QUERY PLAN ") + q.sql, q.binds);
    QStringList steps;
    while (e.next())
        steps << e.value(3).toString();
    const QString plan = steps.join(QStringLiteral("; "));
    QVERIFY2(plan.contains(QLatin1String("usage_events_by_ts")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
}

void TestEventTableModel::customerFilterReadsTheDirectory_data()
{
    QTest::addColumn<QString>("customer"); // "id" for Globex's id
    QTest::addColumn<bool>("window");
    QTest::addColumn<QString>("eventName");
    QTest::newRow("external id") << QStringLiteral("globex") << false << QString();
    QTest::newRow("customer id") << QStringLiteral("id") << false << QString();
    QTest::newRow("external id, a window") << QStringLiteral("globex") << true << QString();
    QTest::newRow("customer id, a window, one name") << QStringLiteral("id") << true << QStringLiteral("storage");
    QTest::newRow("unknown customer") << QStringLiteral("nobody") << false << QString();
    QTest::newRow("an external id no customer holds") << QStringLiteral("stray") << false << QString();
}

void TestEventTableModel::customerFilterReadsTheDirectory()
{
    QFETCH(QString, customer);
    QFETCH(bool, window);
    QFETCH(QString, eventName);
    // A file of its own: Globex sends by id and by external id, and events of other customers,
    // of every status, in several transactions of the store, some amended by hand.
    QTemporaryDir dir;
    CompanySettings s;
    s.name = QStringLiteral("Directory Test");
    auto file = orb::test::createCompany(dir.filePath(QStringLiteral("d.orb")), s, m_clock);
    Customer globex;
    globex.name = QStringLiteral("Globex");
    globex.externalCustomerId = QStringLiteral("globex");
    const QString globexId = CustomerService(*file, m_clock).create(globex).id;
    QRandomGenerator rng(5);
    for (int tx = 0, k = 0; tx < 4; ++tx) {
        UnitOfWork uow(file->db());
        UsageEventStore store(file->db());
        if (tx % 2)
            store.bufferPostings();
        for (int i = 0; i < 150; ++i, ++k) {
            UsageEventRow r;
            r.idempotencyKey = QByteArray("d") + QByteArray::number(k);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = rng.bounded(2) ? "storage" : "api_request";
            r.tsMs = m_start.toMSecsSinceEpoch() + qint64(rng.bounded(3000)) * 60000;
            switch (rng.bounded(4)) {
            case 0: r.customerId = globexId.toUtf8(); break;
            case 1: r.externalCustomerId = "globex"; break;
            case 2: r.externalCustomerId = "stray"; break;
            default: r.externalCustomerId = "acme"; break;
            }
            r.properties = "{}";
            QCOMPARE(store.insert(r, UsageEventStatus(rng.bounded(6)), {}, 0), UsageEventStore::Outcome::Inserted);
        }
        store.flushKeys();
        uow.commit();
    }
    EventFilter f;
    f.customer = customer == QLatin1String("id") ? globexId : customer;
    f.eventName = eventName;
    if (window) {
        f.from = m_start.addSecs(700 * 60);
        f.to = m_start.addSecs(1900 * 60);
    }
    // What the scan of every event lists for the same filter, in the same order.
    QStringList where = {
        QStringLiteral("status IN (0, 2, 3)"),
        QStringLiteral("(customer_id = ? OR external_customer_id = ? OR customer_id IN (SELECT id FROM customers WHERE external_customer_id = ?) "
                       "OR external_customer_id IN (SELECT external_customer_id FROM customers WHERE id = ?))")};
    QVariantList binds = {f.customer, f.customer, f.customer, f.customer};
    if (!eventName.isEmpty()) {
        where << QStringLiteral("event_name = ?");
        binds << eventName;
    }
    if (window) {
        where << QStringLiteral("ts >= ? AND ts < ?");
        binds << f.from.toMSecsSinceEpoch() << f.to.toMSecsSinceEpoch();
    }
    QList<qint64> expected;
    QSqlQuery scan = file->db().exec(
        QStringLiteral("SELECT seq FROM usage_events WHERE ") + where.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY ts DESC, seq DESC"), binds);
    while (scan.next())
        expected << scan.value(0).toLongLong();
    if (customer == QLatin1String("globex") || customer == QLatin1String("id") || customer == QLatin1String("stray"))
        QVERIFY(expected.size() > 10);

    EventTableModel model(file->db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(f);
    QVERIFY(settle(model));
    QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
    QCOMPARE(model.rowCount(), int(expected.size()));
    const RowIdLoader::Query q = model.idQuery();
    QList<qint64> listed;
    QSqlQuery ids = file->db().exec(q.sql, q.binds);
    while (ids.next())
        listed << ids.value(0).toLongLong();
    QCOMPARE(listed, expected);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, EventTableModel::Key).data().toString(),
                 file->db().scalar(QStringLiteral("SELECT idempotency_key FROM usage_events WHERE seq = ?"), {expected[r]}).toString());

    // Through the directory and the events by seq: no pass over the time index or the table.
    QSqlQuery e = file->db().exec(QStringLiteral("EXPLAIN QUERY PLAN ") + q.sql, q.binds);
    QStringList steps;
    while (e.next())
        steps << e.value(3).toString();
    const QString plan = steps.join(QStringLiteral("; "));
    QVERIFY2(plan.contains(QLatin1String("usage_customer_postings_by_ref")), qPrintable(plan));
    QVERIFY2(plan.contains(QLatin1String("SEARCH e USING INTEGER PRIMARY KEY")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("usage_events_by_ts")) && !plan.contains(QLatin1String("SCAN e")), qPrintable(plan));
}

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
