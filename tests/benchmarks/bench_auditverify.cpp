// SPDX-License-Identifier: GPL-3.0-or-later
// The company-file check on a big company: `orbctl audit verify` (the audit chain and every
// row against its seal) and what sealing costs at commit. Builds a company of N customers and
// M issued invoices with three lines each, a payment for every other invoice and an audit entry
// per invoice, written through Orb's connection in transactions of 10,000 invoices (so the
// pre-update hook and the seals at commit run as for any write), then measures, in the same
// run: the chain check, the seal check, and the floor both stand on: reading every sealed row
// with sqlite3_step and its column values, no hashing. Prints figures; asserts nothing.
//
//   bench_auditverify [--dir DIR] [--customers N] [--invoices N] [--runs N]
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/RowSeals.h"
#include "models/UnitOfWork.h"
#include "models/SqliteStatement.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

using namespace orb;

namespace {

qint64 argValue(const QStringList &args, const QString &name, qint64 fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toLongLong() : fallback;
}

/// A statement whose text is composed at run time.
SqliteStatement statement(sqlite3 *h, const QString &sql, const char *what)
{
    const QByteArray text = sql.toUtf8();
    return SqliteStatement(h, text.constData(), int(text.size()), what);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

// Every sealed row read, each column value fetched: what any check of every row costs.
qint64 scanFloor(const Database &db)
{
    sqlite3 *h = db.sqliteHandle();
    qint64 rows = 0;
    qint64 bytes = 0;
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    for (const QString &t : RowSeals::sealedTables(h)) {
        SqliteStatement st = statement(h, QStringLiteral("SELECT rowid, * FROM \"%1\" ORDER BY rowid").arg(t), "reading sealed rows");
        while (st.next()) {
            ++rows;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                if (sqlite3_column_type(st, c) == SQLITE_TEXT)
                    bytes += sqlite3_column_bytes(st, c);
            }
        }
    }
    {
        SqliteStatement st(h, "SELECT row, digest FROM row_seals ORDER BY tbl, row", "reading row seals");
        while (st.next())
            bytes += sqlite3_column_bytes(st, 1);
    }
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    return rows + (bytes & 0); // bytes read only so the reads are not optimised away
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 customers = argValue(args, QStringLiteral("--customers"), 10000);
    const qint64 invoices = argValue(args, QStringLiteral("--invoices"), 100000);
    const int runs = int(argValue(args, QStringLiteral("--runs"), 3));
    const qsizetype dirIndex = args.indexOf(QStringLiteral("--dir"));
    const QString dir = dirIndex >= 0 && dirIndex + 1 < args.size() ? args[dirIndex + 1] : QDir::tempPath();
    const QString path = QDir(dir).filePath(QStringLiteral("bench-auditverify.orb"));
    for (const char *s : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(s));

    const FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC));
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    settings.defaultCurrency = QStringLiteral("USD");
    settings.timezone = QStringLiteral("UTC");
    settings.invoicePrefix = QStringLiteral("B");
    settings.documentLocale = QStringLiteral("en_US");
    QElapsedTimer build;
    build.start();
    {
        auto file = CompanyFile::create(path, settings, clock);
        Database &db = file->db();
        sqlite3 *h = db.sqliteHandle();
        SqliteStatement cust(h,
                             "INSERT INTO customers (id, external_customer_id, name, name_key, email, currency, timezone, net_terms, balance, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'USD', 'UTC', 30, '0.00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                             "writing benchmark customers");
        {
            UnitOfWork uow(db);
            for (qint64 c = 0; c < customers; ++c) {
                const QByteArray n = QByteArray::number(c);
                cust.bind(1, QByteArray("cus" + n));
                cust.bind(2, QByteArray("ext-" + n));
                cust.bind(3, QByteArray("Customer " + n));
                cust.bind(4, QByteArray("customer " + n));
                cust.bind(5, QByteArray("ap" + n + "@example.com"));
                cust.run();
                cust.reset();
            }
            uow.commit();
        }
        SqliteStatement inv(h,
                            "INSERT INTO invoices (id, customer_id, kind, status, invoice_number, invoice_date, due_date, period_start, period_end, "
                            "currency, net_terms, subtotal, adjustments_total, coupons_total, tax_total, total, balance_applied, credits_applied, "
                            "amount_due, amount_paid, credited, document, created_at, updated_at, issued_at) VALUES (?, ?, 'one_off', 'issued', ?, "
                            "'2026-02-01', '2026-03-03', '2026-01-01', '2026-02-01', 'USD', 30, ?, '0.00', '0.00', '0.00', ?, '0.00', '0.00', ?, "
                            "'0.00', '0.00', '{}', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z')",
                            "writing benchmark invoices");
        SqliteStatement line(h,
                             "INSERT INTO invoice_lines (invoice_id, position, name, quantity, subtotal, adjusted_subtotal, amount, tax_total, total, "
                             "start_date, end_date) VALUES (?, ?, ?, '10', '33.30', '33.30', '33.30', '0.00', '33.30', '2026-01-01', '2026-02-01')",
                             "writing benchmark invoice lines");
        SqliteStatement pay(h,
                            "INSERT INTO payments (id, invoice_id, customer_id, amount, currency, paid_on, method, created_at) "
                            "VALUES (?, ?, ?, '99.90', 'USD', '2026-02-10', 'manual', '2026-02-10T00:00:00Z')",
                            "writing benchmark payments");
        AuditLog audit(db);
        const qint64 batch = 10000;
        for (qint64 start = 0; start < invoices; start += batch) {
            UnitOfWork uow(db);
            for (qint64 i = start; i < std::min(invoices, start + batch); ++i) {
                const QByteArray id = "inv" + QByteArray::number(i);
                const QByteArray customer = "cus" + QByteArray::number(i % customers);
                inv.bind(1, id);
                inv.bind(2, customer);
                inv.bind(3, QByteArray("B-" + QByteArray::number(i).rightJustified(8, '0')));
                inv.bind(4, QByteArray("99.90"));
                inv.bind(5, QByteArray("99.90"));
                inv.bind(6, QByteArray("99.90"));
                inv.run();
                inv.reset();
                for (int p = 1; p <= 3; ++p) {
                    line.bind(1, id);
                    line.bind(2, qint64(p));
                    line.bind(3, QByteArray("Usage " + QByteArray::number(p)));
                    line.run();
                    line.reset();
                }
                if (i % 2 == 0) {
                    pay.bind(1, QByteArray("pay" + QByteArray::number(i)));
                    pay.bind(2, id);
                    pay.bind(3, customer);
                    pay.run();
                    pay.reset();
                }
                audit.append(clock.now(), QStringLiteral("invoice.issue"), QStringLiteral("invoice"), QString::fromLatin1(id), std::nullopt,
                             QJsonObject{{QStringLiteral("total"), QStringLiteral("99.90")}, {QStringLiteral("status"), QStringLiteral("issued")}});
            }
            uow.commit();
        }
    }
    const double buildSeconds = build.elapsed() / 1000.0;

    auto file = CompanyFile::open(path);
    const Database &db = file->db();
    QList<double> chain, seals, floor;
    qint64 entries = 0;
    SealReport report;
    qint64 floorRows = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        floorRows = scanFloor(db);
        floor << t.nsecsElapsed() / 1e9;
        t.restart();
        const AuditVerification v = AuditLog(db).verify();
        chain << t.nsecsElapsed() / 1e9;
        entries = v.entries;
        t.restart();
        report = RowSeals::verify(db);
        seals << t.nsecsElapsed() / 1e9;
    }
    std::printf("company: %lld customers, %lld issued invoices, %lld lines, %lld payments; %.1f MB; built in %.1f s (sealed at each commit)\n", customers,
                invoices, invoices * 3, (invoices + 1) / 2, QFileInfo(path).size() / 1e6, buildSeconds);
    std::printf("audit chain: %lld entries in %.2f s (median of %d)\n", entries, median(chain), runs);
    std::printf("row seals:   %lld rows in %lld tables in %.2f s, %lld problems (median of %d)\n", report.rows, report.tables, median(seals), report.problems,
                runs);
    std::printf("floor:       reading those %lld rows and their seals, no hashing: %.2f s; seal check / floor = %.2f\n", floorRows, median(floor),
                median(floor) > 0 ? median(seals) / median(floor) : 0.0);
    std::printf("audit verify in all: %.2f s\n", median(chain) + median(seals));
    // What sealing costs a write: every row sealed again in one transaction (rolled back).
    {
        QElapsedTimer t;
        t.start();
        UnitOfWork uow(file->db());
        const qint64 sealed = RowSeals::sealAll(file->db());
        const double s = t.nsecsElapsed() / 1e9;
        std::printf("sealing:     %lld rows sealed in %.2f s, %.2f us a row (the cost a write pays at commit, per row it touched)\n", sealed, s,
                    sealed ? s * 1e6 / double(sealed) : 0.0);
    }
    file.reset();
    for (const char *s : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(s));
    return report.ok() ? 0 : 1;
}
