// Invoice table benchmark: how long the Invoices screen's model takes to open over a company
// file with many invoices, to show its first rows, to jump to the last ones, to sort by a
// column and to filter. Prints figures; asserts nothing.
//
//   bench_invoicetable [--dir DIR] [--invoices N] [--reuse]   (--reuse: measure the file of a former run)
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/InvoiceTableModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>

#include <sqlite3.h>

#include <cstdio>

using namespace orb;

namespace {

void write(const QString &path, qint64 n, const Clock &clock)
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
        cust.currency = QStringLiteral("USD");
        customers << service.create(cust).id;
    }
    QElapsedTimer t;
    t.start();
    sqlite3 *h = file->db().sqliteHandle();
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *ins = nullptr;
    sqlite3_prepare_v2(h,
                       "INSERT INTO invoices (id, customer_id, kind, status, invoice_number, invoice_date, due_date, currency, net_terms, subtotal, "
                       "adjustments_total, coupons_total, tax_total, total, balance_applied, credits_applied, amount_due, amount_paid, credited, "
                       "document, created_at, updated_at) VALUES (?, ?, 'one_off', ?, ?, ?, ?, 'USD', 30, ?, '0.00', '0.00', '0.00', ?, '0.00', "
                       "'0.00', ?, '0.00', '0.00', '{}', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
                       -1, &ins, nullptr);
    const char *statuses[] = {"issued", "paid", "paid", "draft", "void"};
    for (qint64 i = 0; i < n; ++i) {
        const QByteArray id = "inv" + QByteArray::number(i);
        const QByteArray customer = customers[int(i % customers.size())].toLatin1();
        const QByteArray number = "INV-" + QByteArray::number(i).rightJustified(7, '0');
        const QByteArray date = QDate(2020, 1, 1).addDays(i / 500).toString(Qt::ISODate).toLatin1();
        const QByteArray due = QDate(2020, 1, 31).addDays(i / 500).toString(Qt::ISODate).toLatin1();
        const QByteArray total = QByteArray::number(10 + i % 990) + ".00";
        sqlite3_bind_text(ins, 1, id.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, customer.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, statuses[i % 5], -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, number.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, date.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 6, due.constData(), -1, SQLITE_TRANSIENT);
        for (int b : {7, 8, 9})
            sqlite3_bind_text(ins, b, total.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    std::printf("wrote %lld invoices in %lld ms\n", n, t.elapsed());
}

void measure(const QString &path)
{
    // Opened afresh, as the program does, so nothing is warm but the OS cache.
    auto file = CompanyFile::open(path);
    QStringList customers;
    QSqlQuery q = file->db().exec(QStringLiteral("SELECT id FROM customers ORDER BY name"));
    while (q.next())
        customers << q.value(0).toString();
    QElapsedTimer t;
    t.start();
    InvoiceTableModel model(file->db());
    const qint64 openMs = t.elapsed();
    t.restart();
    for (int r = 0; r < 40; ++r)
        for (int c = 0; c < InvoiceTableModel::ColumnCount; ++c)
            model.index(r, c).data();
    const qint64 firstRowsMs = t.elapsed();
    t.restart();
    for (int r = model.rowCount() - 40; r < model.rowCount(); ++r)
        model.index(r, InvoiceTableModel::Total).data();
    const qint64 lastRowsMs = t.elapsed();
    std::printf("open (id list of %d rows, newest first): %lld ms; first 40 rows shown: %lld ms; last 40 rows: %lld ms\n", model.rowCount(), openMs,
                firstRowsMs, lastRowsMs);
    for (int column : {int(InvoiceTableModel::InvoiceDate), int(InvoiceTableModel::Customer), int(InvoiceTableModel::Total)}) {
        t.restart();
        model.sort(column, Qt::AscendingOrder);
        model.index(0, 0).data();
        std::printf("sort by %s: %lld ms\n", qPrintable(model.headerData(column, Qt::Horizontal).toString()), t.elapsed());
    }
    model.sort(-1, Qt::DescendingOrder);
    InvoiceTableFilter f;
    f.status = QStringLiteral("issued");
    t.restart();
    model.setFilter(f);
    model.index(0, 0).data();
    std::printf("filter status = issued (%d rows): %lld ms\n", model.rowCount(), t.elapsed());
    f = {};
    f.customer = customers.first();
    t.restart();
    model.setFilter(f);
    model.index(0, 0).data();
    std::printf("filter one customer (%d rows): %lld ms\n", model.rowCount(), t.elapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    qint64 n = 1000000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[++i];
        else if (args[i] == QLatin1String("--invoices"))
            n = args[++i].toLongLong();
    }
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC));
    const QString path = QDir(dir).filePath(QStringLiteral("bench-invoices.orb"));
    if (!args.contains(QStringLiteral("--reuse")) || !QFile::exists(path))
        write(path, n, clock);
    measure(path);
    return 0;
}
