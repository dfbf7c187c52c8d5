// SPDX-License-Identifier: GPL-3.0-or-later
// Reports benchmark: the Reports screen's three reports (aging as of a date, revenue by month
// and by plan over twelve months) over a big company file. Prints, in one run:
//   - each report's compute time through ReportSource (and the statements it started), beside
//     the way ReportSource computed them before (every full invoice row of the period with its
//     payments and credit notes, then the reports from those records; --baseline), and whether
//     the two give the same report, byte for byte;
//   - the longest stall of the calling thread's event loop (a 1 ms timer) while the three are
//     computed on a BackgroundReader as the screen does, and, in a build with the window
//     (ORB_BUILD_GUI), while the Reports screen itself computes and shows them (offscreen).
// Prints figures; asserts nothing.
//
//   bench_reports --db FILE [--write N [--customers C]] [--as-of YYYY-MM-DD] [--currency C] [--baseline]
//   (--write: first write a company of N invoices over three years, in three currencies, with
//   payments, partly paid, void, credited and refunded invoices, subscriptions on six plans)
#include "engine/Clock.h"
#include "engine/billing/BillingSchedule.h"
#include "models/BackgroundReader.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/CustomerService.h"
#include "models/Database.h"
#include "models/SqliteStatement.h"
#include "models/Timestamps.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/reports/ReportSource.h"
#include "models/reports/RevenueReport.h"

#ifdef ORB_BENCH_REPORTS_SCREEN
#include "ui/screens/ReportsScreen.h"

#include <QApplication>
#include <QDateEdit>
#else
#include <QCoreApplication>
#endif
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <tuple>
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

QByteArray isoDay(QDate d)
{
    return d.toString(Qt::ISODate).toLatin1();
}

/// An amount of `units` minor units in a currency with `decimals` digits, as stored.
QByteArray amountText(qint64 units, int decimals)
{
    return Decimal::fromMinorUnits(units, decimals).toString().toLatin1();
}

/// A company of `invoices` invoices from 2023-03-01 to 2026-02-28 for `customers` customers.
void write(const QString &path, qint64 invoices, int customers)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc()));
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    auto file = CompanyFile::create(path, settings, clock);
    QElapsedTimer t;
    t.start();
    CustomerService service(*file, clock);
    QList<QByteArray> customerIds, currencies;
    for (int c = 0; c < customers; ++c) {
        Customer cust;
        cust.name = QStringLiteral("Customer %1").arg(c, 4, 10, QLatin1Char('0'));
        cust.externalCustomerId = QStringLiteral("cust-%1").arg(c);
        // Seven in ten bill in dollars, two in euros, one in yen (no minor digits).
        cust.currency = c % 10 < 7 ? QStringLiteral("USD") : (c % 10 < 9 ? QStringLiteral("EUR") : QStringLiteral("JPY"));
        customerIds << service.create(cust).id.toUtf8();
        currencies << cust.currency.toUtf8();
    }
    sqlite3 *h = file->db().sqliteHandle();
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    const char *planNames[] = {"Starter", "Team", "Business", "Enterprise", "Usage", "Legacy"};
    SqliteStatement plan(h,
                         "INSERT INTO plans (id, name, description, currency, metadata, current_version, created_at, updated_at) "
                         "VALUES (?, ?, '', 'USD', '{}', 1, '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z')",
                         "writing benchmark plans");
    for (int p = 0; p < 6; ++p) {
        plan.bind(1, "plan" + QByteArray::number(p)).bindText(2, planNames[p], -1);
        plan.run();
        plan.reset();
    }
    SqliteStatement sub(h,
                        "INSERT INTO subscriptions (id, customer_id, plan_id, start_date, alignment, created_at, updated_at) "
                        "VALUES (?, ?, ?, '2023-03-01', 'start_date', '2023-03-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z')",
                        "writing benchmark subscriptions");
    for (int c = 0; c < customers; ++c) {
        sub.bind(1, "sub" + QByteArray::number(c)).bind(2, customerIds[c]).bind(3, "plan" + QByteArray::number(c % 6));
        sub.run();
        sub.reset();
    }
    SqliteStatement inv(h,
                        "INSERT INTO invoices (id, customer_id, subscription_id, kind, status, invoice_number, invoice_date, due_date, "
                        "period_start, period_end, currency, net_terms, subtotal, adjustments_total, coupons_total, tax_total, total, "
                        "balance_applied, credits_applied, amount_due, amount_paid, credited, document, created_at, updated_at, voided_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 30, ?12, '0', '0', '0', ?12, '0', '0', ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
                        "writing benchmark invoices");
    SqliteStatement pay(h,
                        "INSERT INTO payments (id, invoice_id, customer_id, amount, currency, paid_on, method, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, 'manual', ?)",
                        "writing benchmark payments");
    SqliteStatement note(h,
                         "INSERT INTO credit_notes (id, credit_note_number, invoice_id, customer_id, reason, kind, currency, subtotal, tax_total, "
                         "total, created_at, paid_back) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '0', ?8, ?9, ?10)",
                         "writing benchmark credit notes");
    // A composed invoice is stored whole; about 700 bytes of it is usual for a few lines.
    QByteArray document = R"({"lines":[{"name":"Platform fee","quantity":"1","amount":"%1"},{"name":"API calls","quantity":"12840","unit_amount":)"
                          R"("0.0025","amount":"32.10","sub_lines":[{"name":"First 10,000","quantity":"10000","amount":"0.00"},)"
                          R"({"name":"Beyond","quantity":"2840","amount":"32.10"}]},{"name":"Seats","quantity":"7","amount":"140.00"}],)"
                          R"("taxes":[{"name":"Sales tax","rate":"0","amount":"0"}],"memo":"Thank you for your business.","footer":)"
                          R"("Payment within 30 days of the invoice date. Bank: Example Bank, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX."})";
    const QDate first(2023, 3, 1), asOf(2026, 3, 1);
    const qint64 days = first.daysTo(QDate(2026, 2, 28)) + 1;
    qint64 payments = 0, notes = 0;
    quint64 seed = 88172645463325252ull;
    auto random = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return seed;
    };
    for (qint64 i = 0; i < invoices; ++i) {
        const int c = int(random() % quint64(customers));
        const QByteArray &currency = currencies[c];
        const int decimals = currency == "JPY" ? 0 : 2;
        const QDate day = first.addDays(i * days / invoices);
        const qint64 total = decimals == 0 ? qint64(1000 + random() % 99000) : qint64(1000 + random() % 99000);
        const int r = int(random() % 1000);
        const qint64 age = day.daysTo(asOf);
        const bool oneOff = i % 10 == 0;
        enum { Draft, Void, Issued, PartlyPaid, Paid } state;
        if (age < 8 && r < 100)
            state = Draft;
        else if (r < 40)
            state = Void;
        else if (r < 40 + (age > 45 ? 60 : 600))
            state = r % 3 == 0 ? PartlyPaid : Issued;
        else
            state = Paid;
        // An adjustment credit note on one invoice in 97, a refund of a paid one in 211.
        const bool credit = state != Draft && state != Void && r % 97 == 0;
        const bool refund = state == Paid && i % 211 == 0;
        const qint64 credited = credit ? total / 10 : 0;
        const qint64 paid = state == Paid ? total - credited : (state == PartlyPaid ? (total - credited) / 2 : 0);
        const QByteArray id = "inv" + QByteArray::number(i);
        const QByteArray created = isoDay(day) + "T08:00:00.000Z";
        inv.bind(1, id).bind(2, customerIds[c]);
        if (oneOff)
            inv.bindNull(3).bindText(4, "one_off", -1);
        else
            inv.bind(3, "sub" + QByteArray::number(c)).bindText(4, "in_advance", -1);
        const char *status[] = {"draft", "void", "issued", "issued", "paid"};
        inv.bindText(5, status[state], -1);
        if (state == Draft) {
            inv.bindNull(6).bindNull(7).bindNull(8);
        } else {
            inv.bind(6, "INV-" + QByteArray::number(i).rightJustified(7, '0')).bind(7, isoDay(day)).bind(8, isoDay(day.addDays(30)));
        }
        if (oneOff)
            inv.bindNull(9).bindNull(10);
        else
            inv.bind(9, isoDay(QDate(day.year(), day.month(), 1))).bind(10, isoDay(QDate(day.year(), day.month(), 1).addMonths(1)));
        inv.bind(11, currency).bind(12, amountText(total, decimals)).bind(13, amountText(paid, decimals));
        inv.bind(14, amountText(credited + (refund ? total : 0), decimals));
        inv.bind(15, QByteArray(document).replace("%1", amountText(total, decimals))).bind(16, created);
        if (state == Void)
            inv.bind(17, isoDay(day.addDays(5)) + "T12:00:00.000Z");
        else
            inv.bindNull(17);
        inv.run();
        inv.reset();
        if (paid > 0) {
            const QDate paidOn = day.addDays(r % 40);
            pay.bind(1, "pay" + QByteArray::number(++payments)).bind(2, id).bind(3, customerIds[c]).bind(4, amountText(paid, decimals));
            pay.bind(5, currency).bind(6, isoDay(paidOn)).bind(7, isoDay(paidOn) + "T09:00:00.000Z");
            pay.run();
            pay.reset();
        }
        auto addNote = [&](const char *kind, qint64 amount, qint64 paidBack, int after) {
            ++notes;
            note.bind(1, "cn" + QByteArray::number(notes)).bind(2, "CN-" + QByteArray::number(notes).rightJustified(7, '0')).bind(3, id);
            note.bind(4, customerIds[c]).bindText(5, kind[0] == 'r' ? "Refund" : "Goodwill", -1).bindText(6, kind, -1).bind(7, currency);
            note.bind(8, amountText(amount, decimals)).bind(9, isoDay(day.addDays(after)) + "T10:00:00.000Z").bind(10, amountText(paidBack, decimals));
            note.run();
            note.reset();
        };
        if (credit)
            addNote("adjustment", credited, 0, 3);
        if (refund)
            addNote("refund", total - credited, total - credited, 45);
    }
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    std::printf("wrote %lld invoices, %lld payments, %lld credit notes for %d customers in %lld ms\n", invoices, payments, notes, customers, t.elapsed());
}

/// How ReportSource computed the reports before, kept here as the baseline: the full invoice
/// records of the period, their payments and credit notes in one statement per set, then the
/// reports from the records.
struct Baseline {
    const Database &db;
    QTimeZone zone;

    QDate localDate(const QDateTime &instant) const { return instant.isValid() ? billing::BillingSchedule::localDate(instant, zone) : QDate(); }

    AgingReport aging(QDate asOf) const
    {
        const QString where = QStringLiteral("status <> 'draft' AND invoice_date <= ? AND (status = 'issued' "
                                             "OR (status = 'void' AND (voided_at IS NULL OR voided_at >= ?)) "
                                             "OR (status = 'paid' AND (EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = invoices.id AND p.paid_on > ?) "
                                             "OR EXISTS (SELECT 1 FROM credit_notes c WHERE c.invoice_id = invoices.id))) "
                                             "OR status NOT IN ('issued', 'void', 'paid'))");
        const QVariantList binds{dateText(asOf), toIsoUtc(QDateTime(asOf.addDays(-1), QTime(0, 0), QTimeZone::utc())), dateText(asOf)};
        const InvoiceRepository repo(db);
        const QList<Invoice> invoices = repo.invoicesWhere(where, binds);
        const QString ofThem = QStringLiteral("invoice_id IN (SELECT id FROM invoices WHERE %1)").arg(where);
        QHash<QString, QList<Payment>> payments;
        QHash<QString, QList<QPair<QDate, Decimal>>> credits;
        for (const Payment &p : repo.paymentsWhere(ofThem, binds))
            payments[p.invoiceId].append(p);
        for (const CreditNote &n : repo.creditNoteHeadersWhere(ofThem, binds))
            credits[n.invoiceId].append({localDate(n.createdAt), n.total - n.paidBack});
        const QHash<QString, QString> names = CustomerRepository(db).namesById();
        QList<AgingItem> items;
        for (const Invoice &i : invoices) {
            const Decimal open = ReportSource::outstandingAsOf(i, payments.value(i.id), credits.value(i.id), localDate(i.voidedAt), asOf);
            if (open.isPositive())
                items.append({i.customerId, names.value(i.customerId, i.customerId), i.id, i.invoiceNumber, i.currency, i.invoiceDate, i.dueDate, open});
        }
        return AgingReport::build(items, asOf);
    }

    ChartData byMonth(QDate from, QDate to, const QString &currency) const
    {
        const QDate first(from.year(), from.month(), 1);
        const QDate end = QDate(to.year(), to.month(), 1).addMonths(1);
        const InvoiceRepository repo(db);
        return RevenueReport::byMonth(
            repo.invoicesWhere(QStringLiteral("status IN ('issued', 'paid') AND currency = ? AND invoice_date >= ? AND invoice_date < ?"),
                               {currency, dateText(first), dateText(end)}),
            repo.paymentsWhere(QStringLiteral("currency = ? AND paid_on >= ? AND paid_on < ?"), {currency, dateText(first), dateText(end)}), from, to,
            currency);
    }

    ChartData byPlan(QDate from, QDate to, const QString &currency) const
    {
        const QList<Invoice> invoices =
            InvoiceRepository(db).invoicesWhere(QStringLiteral("status IN ('issued', 'paid') AND currency = ? AND invoice_date >= ? AND invoice_date <= ?"),
                                                {currency, dateText(from), dateText(to)});
        const QHash<QString, QString> planOfSubscription = SubscriptionRepository(db).planNames();
        QHash<QString, QString> planOf;
        for (const Invoice &i : invoices)
            if (!i.subscriptionId.isEmpty())
                planOf.insert(i.id, planOfSubscription.value(i.subscriptionId));
        return RevenueReport::byPlan(invoices, planOf, from, to, currency);
    }
};

QByteArray agingText(const AgingReport &r)
{
    return QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) + r.toCsv().toUtf8() + QByteArray::number(r.openInvoices());
}

QByteArray chartText(const ChartData &c)
{
    return (c.title + c.toCsv()).toUtf8();
}

/// CPU time of the calling thread, in nanoseconds: on a machine shared with other work the
/// wall clock also counts the time the thread waited for a core.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

/// Ticks every millisecond on the calling thread and keeps the longest gap between two ticks:
/// how long the window's thread could not run its event loop (wall clock, which includes the
/// waits for a core of a busy machine), and the most CPU the thread spent between two ticks
/// (what the thread itself did meanwhile).
class StallMeter final
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_longest = std::max(m_longest, m_since.nsecsElapsed());
            m_since.restart();
            const qint64 cpu = threadCpuNs();
            m_longestCpu = std::max(m_longestCpu, cpu - m_cpu);
            m_cpu = cpu;
        });
        m_timer.start(1);
        m_since.start();
        m_cpu = threadCpuNs();
    }
    double longestMs() const { return double(std::max(m_longest, m_since.nsecsElapsed())) / 1e6; }
    double longestCpuMs() const { return double(std::max(m_longestCpu, threadCpuNs() - m_cpu)) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_longest = 0;
    qint64 m_cpu = 0;
    qint64 m_longestCpu = 0;
};

} // namespace

int main(int argc, char **argv)
{
#ifdef ORB_BENCH_REPORTS_SCREEN
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    const QStringList args = app.arguments();
    QString path, currency = QStringLiteral("USD");
    QDate asOf(2026, 3, 1);
    qint64 writeInvoices = 0;
    int customers = 2000;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size())
            path = args[++i];
        else if (args[i] == QLatin1String("--as-of") && i + 1 < args.size())
            asOf = QDate::fromString(args[++i], Qt::ISODate);
        else if (args[i] == QLatin1String("--currency") && i + 1 < args.size())
            currency = args[++i];
        else if (args[i] == QLatin1String("--write") && i + 1 < args.size())
            writeInvoices = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--customers") && i + 1 < args.size())
            customers = std::max(1, args[++i].toInt());
    }
    if (path.isEmpty() || !asOf.isValid()) {
        std::fprintf(stderr, "usage: bench_reports --db FILE [--write N [--customers C]] [--as-of YYYY-MM-DD] [--currency C] [--baseline]\n");
        return 2;
    }
    if (writeInvoices > 0)
        write(path, writeInvoices, customers);
    std::unique_ptr<CompanyFile> file = CompanyFile::open(path);
    const Database &db = file->db();
    const QDate from = QDate(asOf.year(), asOf.month(), 1).addMonths(-11);
    const qint64 invoices = db.scalar(QStringLiteral("SELECT count(*) FROM invoices")).toLongLong();
    std::printf("company: %s, %lld invoices; aging as of %s, revenue %s to %s in %s\n", qPrintable(path), invoices, qPrintable(asOf.toString(Qt::ISODate)),
                qPrintable(from.toString(Qt::ISODate)), qPrintable(asOf.toString(Qt::ISODate)), qPrintable(currency));

    StatementCounter statements(db.sqliteHandle());
    QElapsedTimer t;
    const ReportSource source(*file);
    // Warm the page cache the same way for both: one pass over the invoice table.
    db.scalar(QStringLiteral("SELECT count(*) FROM invoices WHERE length(document) > 0"));
    statements.take();
    qint64 cpu = threadCpuNs();
    auto cpuMs = [&cpu] {
        const qint64 now = threadCpuNs();
        const qint64 spent = now - cpu;
        cpu = now;
        return spent / 1000000;
    };
    t.start();
    const AgingReport aging = source.aging(asOf);
    const qint64 agingMs = t.restart(), agingCpu = cpuMs();
    const qint64 agingStatements = statements.take();
    const ChartData month = source.revenueByMonth(from, asOf, currency);
    const qint64 monthMs = t.restart(), monthCpu = cpuMs();
    const qint64 monthStatements = statements.take();
    const ChartData plan = source.revenueByPlan(from, asOf, currency);
    const qint64 planMs = t.restart(), planCpu = cpuMs();
    const qint64 planStatements = statements.take();
    const QStringList currencies = source.currencies();
    const qint64 currenciesMs = t.restart(), currenciesCpu = cpuMs();
    std::printf("aging:            %6lld ms (CPU %6lld ms), %lld statements, %lld open invoices in %lld rows\n", agingMs, agingCpu, agingStatements,
                aging.openInvoices(), qint64(aging.rows().size()));
    std::printf("revenue by month: %6lld ms (CPU %6lld ms), %lld statements (%lld months)\n", monthMs, monthCpu, monthStatements,
                qint64(month.categories.size()));
    std::printf("revenue by plan:  %6lld ms (CPU %6lld ms), %lld statements (%lld plans)\n", planMs, planCpu, planStatements, qint64(plan.categories.size()));
    std::printf("currencies:       %6lld ms (CPU %6lld ms) (%s; the screen reads them beside the reports)\n", currenciesMs, currenciesCpu,
                qPrintable(currencies.join(QLatin1Char(' '))));
    std::printf("all three reports: %lld ms (CPU %lld ms; target: 2000 ms)\n", agingMs + monthMs + planMs, agingCpu + monthCpu + planCpu);

    if (args.contains(QStringLiteral("--baseline"))) {
        const Baseline before{db, QTimeZone(file->settings().timezone.toUtf8()).isValid() ? QTimeZone(file->settings().timezone.toUtf8()) : QTimeZone::utc()};
        t.restart();
        cpuMs();
        const AgingReport agingBefore = before.aging(asOf);
        const qint64 agingBeforeMs = t.restart(), agingBeforeCpu = cpuMs();
        const ChartData monthBefore = before.byMonth(from, asOf, currency);
        const qint64 monthBeforeMs = t.restart(), monthBeforeCpu = cpuMs();
        const ChartData planBefore = before.byPlan(from, asOf, currency);
        const qint64 planBeforeMs = t.restart(), planBeforeCpu = cpuMs();
        auto same = [](bool equal) { return equal ? "the same report" : "A DIFFERENT REPORT"; };
        auto ratio = [](qint64 old, qint64 now) { return double(old) / double(std::max<qint64>(now, 1)); };
        std::printf("before: aging            %6lld ms (CPU %6lld ms, %.1fx now), %s\n", agingBeforeMs, agingBeforeCpu, ratio(agingBeforeCpu, agingCpu),
                    same(agingText(agingBefore) == agingText(aging)));
        std::printf("before: revenue by month %6lld ms (CPU %6lld ms, %.1fx now), %s\n", monthBeforeMs, monthBeforeCpu, ratio(monthBeforeCpu, monthCpu),
                    same(chartText(monthBefore) == chartText(month)));
        std::printf("before: revenue by plan  %6lld ms (CPU %6lld ms, %.1fx now), %s\n", planBeforeMs, planBeforeCpu, ratio(planBeforeCpu, planCpu),
                    same(chartText(planBefore) == chartText(plan)));
    }

    // As the screen reads them: all three on a BackgroundReader while this thread's event loop
    // ticks; the longest gap between ticks is how long the window would freeze.
    {
        const QTimeZone zone(file->settings().timezone.toUtf8());
        const QString defaultCurrency = file->settings().defaultCurrency;
        BackgroundReader reader(path, QStringLiteral("bench-reports"));
        QEventLoop loop;
        QElapsedTimer total;
        total.start();
        StallMeter stall;
        reader.read(
            [=](const Database &conn) {
                const ReportSource s(conn, zone, defaultCurrency);
                return std::make_tuple(s.aging(asOf), s.revenueByMonth(from, asOf, currency), s.revenueByPlan(from, asOf, currency));
            },
            [&](const auto &) { loop.quit(); },
            [&](const QString &error) {
                std::fprintf(stderr, "failed: %s\n", qPrintable(error));
                loop.quit();
            });
        loop.exec();
        std::printf("BackgroundReader: the three in %lld ms; longest event-loop stall %.1f ms, at most %.1f ms of the thread's CPU between two ticks "
                    "(target: 16 ms)\n",
                    total.elapsed(), stall.longestMs(), stall.longestCpuMs());
    }
#ifdef ORB_BENCH_REPORTS_SCREEN
    {
        // The Reports screen itself, shown (offscreen): it is built, reads in the background,
        // then fills its table and charts on this thread; then the aging date changes.
        FixedClock clock(QDateTime(asOf, QTime(12, 0), QTimeZone::utc()));
        QElapsedTimer total;
        total.start();
        ReportsScreen screen(*file, clock);
        std::printf("Reports screen: built in %lld ms (its customer and metric lists; the reports are read in the background)\n", total.restart());
        StallMeter stall;
        screen.resize(1280, 800);
        screen.show();
        QEventLoop loop;
        QObject::connect(&screen, &ReportsScreen::loaded, &loop, &QEventLoop::quit);
        loop.exec();
        std::printf("Reports screen: shown after %lld ms; longest UI-thread stall %.1f ms, at most %.1f ms of its CPU between two ticks (target: 16 ms)\n",
                    total.elapsed(), stall.longestMs(), stall.longestCpuMs());
        StallMeter again;
        total.restart();
        if (auto *date = screen.findChild<QDateEdit *>(QStringLiteral("agingAsOf")))
            date->setDate(asOf.addDays(-1));
        loop.exec();
        std::printf("Reports screen, another date: shown after %lld ms; longest UI-thread stall %.1f ms, at most %.1f ms of its CPU between two ticks\n",
                    total.elapsed(), again.longestMs(), again.longestCpuMs());
    }
#endif
    return 0;
}
