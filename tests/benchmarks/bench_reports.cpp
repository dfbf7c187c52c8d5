// SPDX-License-Identifier: GPL-3.0-or-later
// Reports benchmark: the Reports screen's three reports (aging as of a date, revenue by month
// and by plan over twelve months) over a big company file, such as the one bench_invoicetable
// writes (a million invoices). Prints, for each report, the time and the statements of the
// way the screen read them before (every invoice, then a query per invoice with payments or
// credit notes, on the window's thread) and of ReportSource now (the report's period, one
// statement per set); and, with the reports read by a BackgroundReader as the screen does, the
// longest stall of the calling thread's event loop. Prints figures; asserts nothing.
//
//   bench_reports --db FILE [--as-of YYYY-MM-DD] [--currency C]
#include "engine/Clock.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/Database.h"
#include "models/billing/InvoiceRepository.h"
#include "models/reports/ReportSource.h"
#include "models/reports/RevenueReport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <sqlite3.h>

#include <cstdio>
#include <utility>

using namespace orb;

namespace {

/// Counts the statements SQLite starts on one connection (Qt SQL's and raw ones alike), so the
/// figures printed are measured, not assumed. Trigger programs are not statements of their own.
class StatementCounter final
{
public:
    explicit StatementCounter(sqlite3 *h) : m_h(h) { sqlite3_trace_v2(m_h, SQLITE_TRACE_STMT, &StatementCounter::onStatement, this); }
    ~StatementCounter() { sqlite3_trace_v2(m_h, 0, nullptr, nullptr); }
    StatementCounter(const StatementCounter &) = delete;
    StatementCounter &operator=(const StatementCounter &) = delete;
    /// The statements started since the last call.
    qint64 take() { return std::exchange(m_count, 0); }

private:
    static int onStatement(unsigned, void *context, void *, void *text)
    {
        if (qstrncmp(static_cast<const char *>(text), "--", 2) != 0)
            ++static_cast<StatementCounter *>(context)->m_count;
        return 0;
    }
    sqlite3 *m_h;
    qint64 m_count = 0;
};

/// The former way, kept here as the baseline: every invoice, then payments and credit notes
/// of each invoice that has any, one statement each.
struct Former {
    qint64 openInvoices = 0;
};

Former formerAging(const Database &db, QDate asOf)
{
    Former f;
    const InvoiceRepository repo(db);
    const QList<Invoice> invoices = repo.list(InvoiceFilter{});
    for (const Invoice &i : invoices) {
        if (i.status == InvoiceStatus::Draft)
            continue;
        QList<Payment> payments;
        if (!i.amountPaid.isZero()) {
            payments = repo.payments(i.id);
        }
        QList<QPair<QDate, Decimal>> credits;
        if (!i.credited.isZero()) {
            for (const CreditNote &n : repo.creditNotes(i.id))
                credits.append({n.createdAt.date(), n.total});
        }
        if (ReportSource::outstandingAsOf(i, payments, credits, i.voidedAt.isValid() ? i.voidedAt.date() : QDate(), asOf).isPositive())
            ++f.openInvoices;
    }
    return f;
}

void formerRevenue(const Database &db, QDate from, QDate to, const QString &currency)
{
    const InvoiceRepository repo(db);
    const QList<Invoice> invoices = repo.list(InvoiceFilter{});
    QList<Payment> payments;
    for (const Invoice &i : invoices)
        if (!i.amountPaid.isZero()) {
            payments += repo.payments(i.id);
        }
    RevenueReport::byMonth(invoices, payments, from, to, currency);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString path, currency = QStringLiteral("USD");
    QDate asOf(2026, 3, 1);
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size())
            path = args[++i];
        else if (args[i] == QLatin1String("--as-of") && i + 1 < args.size())
            asOf = QDate::fromString(args[++i], Qt::ISODate);
        else if (args[i] == QLatin1String("--currency") && i + 1 < args.size())
            currency = args[++i];
    }
    if (path.isEmpty() || !asOf.isValid()) {
        std::fprintf(stderr, "usage: bench_reports --db FILE [--as-of YYYY-MM-DD] [--currency C]\n");
        return 2;
    }
    std::unique_ptr<CompanyFile> file = CompanyFile::open(path);
    const Database &db = file->db();
    const QDate from = QDate(asOf.year(), asOf.month(), 1).addMonths(-11);
    const qint64 invoices = db.scalar(QStringLiteral("SELECT count(*) FROM invoices")).toLongLong();
    std::printf("company: %s, %lld invoices; as of %s, revenue %s to %s in %s\n", qPrintable(path), invoices, qPrintable(asOf.toString(Qt::ISODate)),
                qPrintable(from.toString(Qt::ISODate)), qPrintable(asOf.toString(Qt::ISODate)), qPrintable(currency));

    StatementCounter statements(db.sqliteHandle());
    QElapsedTimer t;
    t.start();
    const Former agingBefore = formerAging(db, asOf);
    const qint64 agingBeforeMs = t.restart();
    const qint64 agingBeforeStatements = statements.take();
    formerRevenue(db, from, asOf, currency);
    const qint64 revenueBeforeMs = t.restart();
    const qint64 revenueBeforeStatements = statements.take();

    const ReportSource source(*file);
    statements.take();
    t.restart();
    const AgingReport aging = source.aging(asOf);
    const qint64 agingMs = t.restart();
    const qint64 agingStatements = statements.take();
    const ChartData month = source.revenueByMonth(from, asOf, currency);
    const qint64 monthMs = t.restart();
    const qint64 monthStatements = statements.take();
    const ChartData plan = source.revenueByPlan(from, asOf, currency);
    const qint64 planMs = t.restart();
    const qint64 planStatements = statements.take();
    std::printf("aging, former way:        %7lld ms, %lld statements, %lld open invoices (on the window's thread)\n", agingBeforeMs, agingBeforeStatements,
                agingBefore.openInvoices);
    std::printf("aging, ReportSource:      %7lld ms, %lld statements, %lld open invoices\n", agingMs, agingStatements, qint64(aging.items().size()));
    std::printf("revenue by month, former: %7lld ms, %lld statements\n", revenueBeforeMs, revenueBeforeStatements);
    std::printf("revenue by month, now:    %7lld ms, %lld statements (%lld months)\n", monthMs, monthStatements, qint64(month.categories.size()));
    std::printf("revenue by plan, now:     %7lld ms, %lld statements (%lld plans)\n", planMs, planStatements, qint64(plan.categories.size()));

    // As the screen reads them: all three on a BackgroundReader, while this thread's event loop
    // ticks every 5 ms; the longest gap between ticks is how long the window would freeze.
    const QTimeZone zone(file->settings().timezone.toUtf8());
    const QString defaultCurrency = file->settings().defaultCurrency;
    BackgroundReader reader(path, QStringLiteral("bench-reports"));
    QEventLoop loop;
    QElapsedTimer sinceTick, total;
    qint64 longestStall = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] { longestStall = std::max(longestStall, sinceTick.restart()); });
    tick.start(5);
    sinceTick.start();
    total.start();
    QElapsedTimer blocked;
    blocked.start();
    reader.read(
        [=](const Database &conn) {
            const ReportSource s(conn, zone, defaultCurrency);
            s.aging(asOf);
            s.revenueByMonth(from, asOf, currency);
            s.revenueByPlan(from, asOf, currency);
            return true;
        },
        [&](bool) { loop.quit(); },
        [&](const QString &error) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(error));
            loop.quit();
        });
    const qint64 callBlockedMs = blocked.elapsed();
    loop.exec();
    std::printf("screen refresh in the background: %lld ms until shown; the call blocked %lld ms; longest event-loop stall %lld ms\n", total.elapsed(),
                callBlockedMs, longestStall);
    return 0;
}
