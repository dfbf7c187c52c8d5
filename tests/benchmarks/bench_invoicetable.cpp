// SPDX-License-Identifier: GPL-3.0-or-later
// Big table benchmark: the Invoices and Usage screens' models over a company file with many
// invoices and usage events. For opening, sorting and filtering it prints how long the calling
// (UI) thread was blocked, the longest stall of its event loop while the list was read in the
// background, the time until the rows appeared, the same id-list statement run directly on the
// calling thread (what the models did before they read in the background), and the statement's
// query plan; and how long reading one block of rows takes. Prints figures; asserts nothing.
//
//   bench_invoicetable [--dir DIR] [--invoices N] [--events N] [--reuse | --write-only]
//   (--reuse: measure the file of a former run; --write-only: write the file for another
//   benchmark, such as bench_reports, and measure nothing)
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/EventTableModel.h"
#include "models/InvoiceTableModel.h"
#include "models/SqliteStatement.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSqlQuery>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

using namespace orb;

namespace {

void write(const QString &path, qint64 invoices, qint64 events, const Clock &clock)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    auto file = CompanyFile::create(path, settings, clock);
    QStringList customers;
    CustomerService service(*file, clock);
    for (int c = 0; c < 200; ++c) {
        Customer cust;
        cust.name = QStringLiteral("Customer %1").arg(c, 3, 10, QLatin1Char('0'));
        cust.externalCustomerId = QStringLiteral("cust-%1").arg(c);
        cust.currency = QStringLiteral("USD");
        customers << service.create(cust).id;
    }
    QElapsedTimer t;
    t.start();
    sqlite3 *h = file->db().sqliteHandle();
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    SqliteStatement ins(h,
                        "INSERT INTO invoices (id, customer_id, kind, status, invoice_number, invoice_date, due_date, period_start, period_end, "
                        "currency, net_terms, subtotal, adjustments_total, coupons_total, tax_total, total, balance_applied, credits_applied, "
                        "amount_due, amount_paid, credited, document, created_at, updated_at) VALUES (?, ?, 'one_off', ?, ?, ?, ?, ?, ?, 'USD', 30, "
                        "?, '0.00', '0.00', '0.00', ?, '0.00', '0.00', ?, ?, '0.00', '{}', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
                        "writing benchmark invoices");
    const char *statuses[] = {"issued", "paid", "paid", "draft", "void"};
    for (qint64 i = 0; i < invoices; ++i) {
        const QByteArray id = "inv" + QByteArray::number(i);
        const QByteArray customer = customers[int(i % customers.size())].toLatin1();
        const QByteArray number = "INV-" + QByteArray::number(i).rightJustified(7, '0');
        const QDate day = QDate(2020, 1, 1).addDays(i / 500);
        const QByteArray date = day.toString(Qt::ISODate).toLatin1();
        const QByteArray due = day.addDays(30).toString(Qt::ISODate).toLatin1();
        const QByteArray periodStart = QDate(day.year(), day.month(), 1).toString(Qt::ISODate).toLatin1();
        const QByteArray periodEnd = QDate(day.year(), day.month(), 1).addMonths(1).toString(Qt::ISODate).toLatin1();
        // Totals from 10.00 to 999.99 in a scattered order, so an amount sort has real work.
        const QByteArray total = QByteArray::number(10 + (i * 7919) % 990) + '.' + QByteArray::number(i % 100).rightJustified(2, '0');
        const char *status = statuses[i % 5];
        ins.bind(1, id);
        ins.bind(2, customer);
        ins.bindText(3, status, -1, SqliteStatement::Bytes::Borrowed);
        ins.bind(4, number);
        ins.bind(5, date);
        ins.bind(6, due);
        ins.bind(7, periodStart);
        ins.bind(8, periodEnd);
        for (int b : {9, 10, 11})
            ins.bind(b, total);
        ins.bind(12, qstrcmp(status, "paid") == 0 ? total : QByteArray("0.00"));
        ins.run();
        ins.reset();
    }
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    std::printf("wrote %lld invoices in %lld ms\n", invoices, t.elapsed());
    t.restart();
    // Through the event store, as every write path, so the customer directory lists them.
    {
        UsageEventStore store(file->db());
        store.tuneForBulkIngest();
        file->db().begin();
        store.loadKeyFilter(events + 1);
        const char *names[] = {"api_request", "storage_snapshot", "active_user"};
        const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        for (qint64 i = 0; i < events; ++i) {
            UsageEventRow r;
            r.idempotencyKey = "evt-" + QByteArray::number(i);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = names[i % 3];
            r.tsMs = start + i * 5000; // one every 5 s: about 58 days
            r.externalCustomerId = "cust-" + QByteArray::number(i % 200);
            r.properties = "{\"region\":\"eu-west\",\"bytes\":1024}";
            store.insert(r, UsageEventStatus::Active, {}, 0);
        }
        store.flushKeys();
        file->db().commit();
    }
    std::printf("wrote %lld events in %lld ms\n", events, t.elapsed());
}

/// The statement of a request, run directly on this thread as the models did before.
qint64 directMs(const Database &db, const RowIdLoader::Query &q, int *rows)
{
    QElapsedTimer t;
    t.start();
    const QByteArray sql = q.sql.toUtf8();
    SqliteStatement stmt(db.sqliteHandle(), sql.constData(), int(sql.size()), "listing invoice ids");
    for (int i = 0; i < q.binds.size(); ++i)
        stmt.bind(i + 1, q.binds[i]);
    QList<qint64> ids;
    while (stmt.next())
        ids.append(sqlite3_column_int64(stmt, 0));
    if (q.highestFirst)
        std::sort(ids.begin(), ids.end(), std::greater<qint64>());
    *rows = int(ids.size());
    return t.elapsed();
}

QString plan(const Database &db, const RowIdLoader::Query &q)
{
    QSqlQuery e = db.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + q.sql, q.binds);
    QStringList steps;
    while (e.next())
        steps << e.value(3).toString();
    return steps.join(QStringLiteral("; "));
}

/**
 * Runs `change` (which starts a background load and returns the model) and measures: how long
 * the call blocked this thread, the longest gap between ticks of a 2 ms timer on this thread
 * until the rows arrived, and the time until they arrived and the first 40 rows were read.
 * Results are delivered queued, so connecting after the call misses nothing.
 */
template <typename Model, typename Change>
void measure(const char *what, const Database &db, Change change)
{
    QElapsedTimer t;
    t.start();
    Model &model = change();
    const qint64 blockedUs = t.nsecsElapsed() / 1000;
    QEventLoop loop;
    QElapsedTimer tick;
    qint64 longestGap = 0;
    QTimer timer;
    timer.setInterval(2);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] { longestGap = std::max(longestGap, tick.restart()); });
    const auto done = QObject::connect(&model, &Model::loadingChanged, &loop, [&](bool loading) {
        if (!loading)
            loop.quit();
    });
    tick.start();
    timer.start();
    if (model.isLoading())
        loop.exec();
    timer.stop();
    longestGap = std::max(longestGap, tick.elapsed());
    for (int r = 0; r < std::min(40, model.rowCount()); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            model.index(r, c).data();
    const qint64 rowsMs = t.elapsed();
    QObject::disconnect(done);
    int rows = 0;
    const qint64 direct = directMs(db, model.idQuery(), &rows);
    std::printf("%-36s %8d rows | UI blocked %5.2f ms, longest UI stall %3lld ms | rows shown after %5lld ms | same statement on the UI "
                "thread %5lld ms\n    plan: %s\n",
                what, model.rowCount(), double(blockedUs) / 1000.0, longestGap, rowsMs, direct, qPrintable(plan(db, model.idQuery())));
    std::fflush(stdout);
}

template <typename Model>
void blockReads(const char *what, Model &model, int blockSize)
{
    // Blocks far apart, each read afresh: the time the UI thread spends when a view scrolls
    // into a block not read yet.
    const int blocks = std::max(1, model.rowCount() / blockSize);
    const int samples = 20;
    qint64 worstUs = 0, totalUs = 0;
    for (int s = 0; s < samples; ++s) {
        const int row = int((qint64(s) * 7919 % blocks) * blockSize);
        QElapsedTimer t;
        t.start();
        for (int c = 0; c < model.columnCount(); ++c)
            model.index(row, c).data();
        const qint64 us = t.nsecsElapsed() / 1000;
        worstUs = std::max(worstUs, us);
        totalUs += us;
    }
    std::printf("%s: one block of %d rows read by rowid on the UI thread: mean %.2f ms, worst %.2f ms (%d blocks)\n", what, blockSize,
                double(totalUs) / samples / 1000.0, double(worstUs) / 1000.0, samples);
}

void run(const QString &path)
{
    // Opened afresh, as the program does, so nothing is warm but the OS cache.
    auto file = CompanyFile::open(path);
    const Database &db = file->db();
    const QString customer = db.scalar(QStringLiteral("SELECT id FROM customers ORDER BY name_key LIMIT 1")).toString();

    std::printf("-- invoices\n");
    std::unique_ptr<InvoiceTableModel> inv;
    measure<InvoiceTableModel>("open (newest first)", db, [&]() -> InvoiceTableModel & {
        inv = std::make_unique<InvoiceTableModel>(db);
        return *inv;
    });
    blockReads("invoices", *inv, 200);
    auto sorted = [&](const char *what, int column, Qt::SortOrder order) {
        measure<InvoiceTableModel>(what, db, [&]() -> InvoiceTableModel & {
            inv->sort(column, order);
            return *inv;
        });
    };
    sorted("sort by invoice date", InvoiceTableModel::InvoiceDate, Qt::AscendingOrder);
    sorted("sort by due date, descending", InvoiceTableModel::DueDate, Qt::DescendingOrder);
    sorted("sort by customer", InvoiceTableModel::Customer, Qt::AscendingOrder);
    sorted("sort by number", InvoiceTableModel::Number, Qt::AscendingOrder);
    sorted("sort by status", InvoiceTableModel::Status, Qt::AscendingOrder);
    sorted("sort by total", InvoiceTableModel::Total, Qt::AscendingOrder);
    sorted("sort by to pay, descending", InvoiceTableModel::Remaining, Qt::DescendingOrder);
    sorted("sort by period", InvoiceTableModel::Period, Qt::AscendingOrder);
    auto filtered = [&](const char *what, const InvoiceTableFilter &f) {
        measure<InvoiceTableModel>(what, db, [&]() -> InvoiceTableModel & {
            inv->setFilter(f);
            return *inv;
        });
    };
    InvoiceTableFilter f;
    f.status = InvoiceStatus::Issued;
    measure<InvoiceTableModel>("filter status = issued, by date", db, [&]() -> InvoiceTableModel & {
        inv->sort(InvoiceTableModel::InvoiceDate, Qt::AscendingOrder); // superseded at once by the filter
        inv->setFilter(f);
        return *inv;
    });
    measure<InvoiceTableModel>("filter status = issued, newest first", db, [&]() -> InvoiceTableModel & {
        inv->sort(-1, Qt::DescendingOrder);
        return *inv;
    });
    f = {};
    f.customer = customer;
    filtered("filter one customer", f);
    f = {};
    f.overdue = true;
    f.today = QDate(2024, 1, 1);
    filtered("filter overdue", f);
    f = {};
    f.from = QDate(2022, 1, 1);
    f.to = QDate(2022, 2, 1);
    filtered("filter one month", f);
    // Two filters in quick succession, as a user typing: only the second list is shown.
    measure<InvoiceTableModel>("filter draft then void at once", db, [&]() -> InvoiceTableModel & {
        InvoiceTableFilter g;
        g.status = InvoiceStatus::Draft;
        inv->setFilter(g);
        g.status = InvoiceStatus::Void;
        inv->setFilter(g);
        return *inv;
    });
    inv.reset();

    std::printf("-- usage events\n");
    std::unique_ptr<EventTableModel> ev;
    measure<EventTableModel>("open (newest first)", db, [&]() -> EventTableModel & {
        ev = std::make_unique<EventTableModel>(db);
        return *ev;
    });
    blockReads("events", *ev, 500);
    auto events = [&](const char *what, const EventFilter &e) {
        measure<EventTableModel>(what, db, [&]() -> EventTableModel & {
            ev->setFilter(e);
            return *ev;
        });
    };
    EventFilter e;
    e.customer = QStringLiteral("cust-7");
    events("filter one customer", e);
    e = {};
    e.eventName = QStringLiteral("api_request");
    events("filter event name", e);
    e = {};
    e.from = QDateTime(QDate(2026, 1, 20), QTime(0, 0), Qt::UTC);
    e.to = QDateTime(QDate(2026, 1, 21), QTime(0, 0), Qt::UTC);
    events("filter one day", e);
    events("no filter again", EventFilter{});
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    qint64 invoices = 1000000;
    qint64 events = 1000000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[++i];
        else if (args[i] == QLatin1String("--invoices"))
            invoices = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--events"))
            events = args[++i].toLongLong();
    }
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC));
    const QString path = QDir(dir).filePath(QStringLiteral("bench-invoices.orb"));
    if (!args.contains(QStringLiteral("--reuse")) || !QFile::exists(path))
        write(path, invoices, events, clock);
    if (args.contains(QStringLiteral("--write-only"))) {
        std::printf("%s\n", qPrintable(path));
        return 0;
    }
    run(path);
    return 0;
}
