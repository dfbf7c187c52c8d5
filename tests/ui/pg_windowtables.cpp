// SPDX-License-Identifier: GPL-3.0-or-later
// The window's big tables on a company server: the demo company moved to the server lists the
// same invoices and usage events in the same order as its file, for every sort and filter, read
// by the window's own background connection; the window opens them on the server (offscreen
// screenshots in ORB_SCREENSHOT_DIR when set); and a server that goes away and comes back
// leaves the tables with a message and then the same rows again, read through a new connection.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/EventTableModel.h"
#include "models/InvoiceTableModel.h"
#include "models/billing/BillingRecords.h"
#include "models/storage/CompanyLocation.h"
#include "models/storage/MoveToServer.h"
#include "tests/support/PgPrivateCluster.h"
#include "tests/support/PgTestDatabase.h"
#include "ui/MainWindow.h"

#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

/// Every cell of every row as the table shows it, with the invoice or event behind it.
QStringList rowsOf(const QAbstractItemModel &model, int idRole)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells{model.index(row, 0).data(idRole).toString()};
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        out << cells.join(QLatin1Char('|'));
    }
    return out;
}

template <class Model>
bool waitLoaded(const Model &model)
{
    // isLoading() is true from the request until its result is in place.
    return QTest::qWaitFor([&] { return !model.isLoading(); }, 30000);
}

void saveShot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

} // namespace

class TestWindowTables : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void invoicesAsOnTheFile_data();
    void invoicesAsOnTheFile();
    void eventsAsOnTheFile_data();
    void eventsAsOnTheFile();
    void windowOpensTheTables();
    void serverGoesAwayAndComesBack();
    void windowReconnectsByItself();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC)};
    QString m_path;
    QString m_url;
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<CompanyFile> m_server;
    QString m_busiestCustomer;
    QString m_busiestExternal;
    QString m_eventName;
};

void TestWindowTables::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    m_path = m_dir.filePath(QStringLiteral("demo.orb"));
    m_url = test::pgTestDatabase(QStringLiteral("windowtables"));
    {
        auto file = DemoCompany::create(m_path, m_clock);
        MoveToServer::run(*file, m_url);
    }
    m_file = CompanyFile::open(m_path);
    m_server = CompanyFile::open(m_url);
    QVERIFY(m_server->db().isServer());
    const QVariantList busiest = {
        m_file->db().scalar(QStringLiteral("SELECT customer_id FROM invoices GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1"))};
    m_busiestCustomer = busiest.first().toString();
    m_busiestExternal =
        m_file->db().scalar(QStringLiteral("SELECT external_customer_id FROM usage_events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")).toString();
    m_eventName = m_file->db().scalar(QStringLiteral("SELECT event_name FROM usage_events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")).toString();
    QVERIFY(!m_busiestCustomer.isEmpty());
    QVERIFY(!m_eventName.isEmpty());
}

void TestWindowTables::invoicesAsOnTheFile_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("ascending");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("customer");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<bool>("overdue");
    // Every sort both ways (ties and drafts' empty numbers and dates included), unfiltered.
    for (int c = -1; c < InvoiceTableModel::ColumnCount; ++c)
        for (bool ascending : {false, true})
            QTest::addRow("sort %d %s", c, ascending ? "asc" : "desc") << c << ascending << QString() << false << QDate() << QDate() << false;
    QTest::newRow("issued") << -1 << false << QStringLiteral("issued") << false << QDate() << QDate() << false;
    QTest::newRow("drafts by number") << int(InvoiceTableModel::Number) << true << QStringLiteral("draft") << false << QDate() << QDate() << false;
    QTest::newRow("paid by total") << int(InvoiceTableModel::Total) << false << QStringLiteral("paid") << false << QDate() << QDate() << false;
    QTest::newRow("one customer") << -1 << false << QString() << true << QDate() << QDate() << false;
    QTest::newRow("one customer by due") << int(InvoiceTableModel::DueDate) << true << QString() << true << QDate() << QDate() << false;
    QTest::newRow("a year") << -1 << false << QString() << false << QDate(2026, 1, 1) << QDate(2027, 1, 1) << false;
    QTest::newRow("a year by customer") << int(InvoiceTableModel::Customer) << true << QString() << false << QDate(2026, 1, 1) << QDate(2027, 1, 1) << false;
    QTest::newRow("overdue") << -1 << false << QString() << false << QDate() << QDate() << true;
    QTest::newRow("overdue by remaining") << int(InvoiceTableModel::Remaining) << false << QString() << false << QDate() << QDate() << true;
}

void TestWindowTables::invoicesAsOnTheFile()
{
    QFETCH(int, column);
    QFETCH(bool, ascending);
    QFETCH(QString, status);
    QFETCH(bool, customer);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(bool, overdue);
    InvoiceTableFilter f;
    if (!status.isEmpty())
        f.status = fromText<InvoiceStatus>(status);
    if (customer)
        f.customer = m_busiestCustomer;
    f.from = from;
    f.to = to;
    f.overdue = overdue;
    f.today = m_clock.now().date();
    QStringList lists[2];
    int i = 0;
    for (CompanyFile *company : {m_file.get(), m_server.get()}) {
        InvoiceTableModel model(company->db());
        QVERIFY(waitLoaded(model));
        model.setFilter(f);
        if (column >= 0)
            model.sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
        QVERIFY(waitLoaded(model));
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        lists[i++] = rowsOf(model, InvoiceTableModel::IdRole);
    }
    if (status.isEmpty() && !customer && !from.isValid() && !overdue)
        QVERIFY(lists[0].size() > 10); // the whole demo list: a real comparison
    QVERIFY(!lists[0].isEmpty());
    QCOMPARE(lists[1], lists[0]);
}

void TestWindowTables::eventsAsOnTheFile_data()
{
    QTest::addColumn<bool>("customer");
    QTest::addColumn<bool>("eventName");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    const QDateTime start(QDate(2026, 10, 1), QTime(0, 0), Qt::UTC);
    const QDateTime end(QDate(2026, 11, 15), QTime(0, 0), Qt::UTC);
    QTest::newRow("all") << false << false << QDateTime() << QDateTime();
    QTest::newRow("one customer") << true << false << QDateTime() << QDateTime();
    QTest::newRow("one event name") << false << true << QDateTime() << QDateTime();
    QTest::newRow("a time range") << false << false << start << end;
    QTest::newRow("everything at once") << true << true << start << end;
}

void TestWindowTables::eventsAsOnTheFile()
{
    QFETCH(bool, customer);
    QFETCH(bool, eventName);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    EventFilter f;
    if (customer)
        f.customer = m_busiestExternal;
    if (eventName)
        f.eventName = m_eventName;
    f.from = from;
    f.to = to;
    QStringList lists[2];
    int i = 0;
    for (CompanyFile *company : {m_file.get(), m_server.get()}) {
        EventTableModel model(company->db());
        model.setFilter(f);
        QVERIFY(waitLoaded(model));
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        lists[i++] = rowsOf(model, EventTableModel::KeyRole);
    }
    QVERIFY(!lists[0].isEmpty());
    QCOMPARE(lists[1], lists[0]);
}

void TestWindowTables::windowOpensTheTables()
{
    MainWindow w(m_clock);
    w.resize(1280, 800);
    QString error;
    QVERIFY2(w.openCompany(m_url, &error), qPrintable(error));
    w.show();
    w.showScreen(MainWindow::Screen::Invoices);
    auto *invoices = w.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    QVERIFY(invoices);
    const int fileInvoices = m_file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt();
    QTRY_COMPARE_WITH_TIMEOUT(invoices->model()->rowCount(), fileInvoices, 30000);
    // Scrolled to the end: the last block is read from the server too.
    invoices->scrollToBottom();
    QVERIFY(!invoices->model()->index(fileInvoices - 1, InvoiceTableModel::Customer).data().toString().isEmpty());
    QTRY_VERIFY(!w.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text().contains(QStringLiteral("…")));
    saveShot(w, QStringLiteral("server-invoices"));
    w.showScreen(MainWindow::Screen::Usage);
    auto *events = w.findChild<QTableView *>(QStringLiteral("eventTable"));
    QVERIFY(events);
    const int fileEvents = m_file->db().scalar(QStringLiteral("SELECT count(*) FROM usage_events WHERE status IN (0, 2, 3)")).toInt();
    QTRY_COMPARE_WITH_TIMEOUT(events->model()->rowCount(), fileEvents, 30000);
    QTRY_VERIFY(!w.findChild<QLabel *>(QStringLiteral("eventCount"))->text().contains(QStringLiteral("…")));
    saveShot(w, QStringLiteral("server-usage"));
}

void TestWindowTables::serverGoesAwayAndComesBack()
{
    test::PgPrivateCluster cluster;
    QVERIFY(cluster.isRunning());
    const QString url = cluster.createDatabase(QStringLiteral("away"));
    // The password as the connect dialog hands it over: every connection of the process,
    // the background reader's too, takes it from there (no PGPASSWORD, no ~/.pgpass).
    Database::setServerPassword(CompanyLocation::parse(url).display(), cluster.password());
    MoveToServer::run(*m_file, url);
    auto company = CompanyFile::open(url);
    InvoiceTableModel model(company->db());
    QVERIFY(waitLoaded(model));
    const QStringList before = rowsOf(model, InvoiceTableModel::IdRole);
    QVERIFY(!before.isEmpty());

    QVERIFY(cluster.halt());
    QSignalSpy failed(&model, &InvoiceTableModel::loadFailed);
    model.sort(InvoiceTableModel::Number, Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("company server")) && message.contains(QLatin1String("lost")), qPrintable(message));

    QVERIFY(cluster.resume());
    // The reader opens a new connection by itself: the same request now lists the invoices.
    model.sort(InvoiceTableModel::InvoiceDate, Qt::DescendingOrder);
    model.sort(-1, Qt::DescendingOrder);
    QVERIFY(waitLoaded(model));
    QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
    QCOMPARE(model.rowCount(), before.size());
}

void TestWindowTables::windowReconnectsByItself()
{
    test::PgPrivateCluster cluster;
    QVERIFY(cluster.isRunning());
    const QString url = cluster.createDatabase(QStringLiteral("window"));
    Database::setServerPassword(CompanyLocation::parse(url).display(), cluster.password());
    MoveToServer::run(*m_file, url);
    MainWindow w(m_clock);
    w.resize(1280, 800);
    QString error;
    QVERIFY2(w.openCompany(url, &error), qPrintable(error));
    w.show();
    w.showScreen(MainWindow::Screen::Invoices);
    auto *invoices = w.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    const int count = m_file->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt();
    QTRY_COMPARE_WITH_TIMEOUT(invoices->model()->rowCount(), count, 30000);
    auto *state = w.findChild<QLabel *>(QStringLiteral("serverStatus"));
    QVERIFY(state);
    QVERIFY(!state->isVisible());

    // The server stops while the window sits idle: the window notices by itself (the change
    // listener's socket closes), says so, and keeps what it shows.
    QVERIFY(cluster.halt());
    QTRY_VERIFY_WITH_TIMEOUT(state->isVisible(), 20000);
    QVERIFY2(state->text().contains(QLatin1String("reconnecting")), qPrintable(state->text()));
    QVERIFY2(state->toolTip().contains(QLatin1String("was lost")), qPrintable(state->toolTip()));
    // Scrolling into rows not read yet shows empty cells, and the table says why; no crash.
    invoices->scrollToBottom();
    QCOMPARE(invoices->model()->rowCount(), count);
    QVERIFY(w.company()->connectionLost());
    saveShot(w, QStringLiteral("server-away"));

    // Back: the window reconnects without being asked and reads the open screen again.
    QVERIFY(cluster.resume());
    QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QLatin1String("Reconnected")), 30000);
    QVERIFY(!w.company()->connectionLost());
    QTRY_COMPARE_WITH_TIMEOUT(invoices->model()->rowCount(), count, 30000);
    QVERIFY(!invoices->model()->index(count - 1, InvoiceTableModel::Customer).data().toString().isEmpty());
    QCOMPARE(w.company()->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), count);
    saveShot(w, QStringLiteral("server-back"));
}

QTEST_MAIN(TestWindowTables)
#include "pg_windowtables.moc"
