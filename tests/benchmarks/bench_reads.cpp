// SPDX-License-Identifier: GPL-3.0-or-later
// One customer's reads on a large company: the company of bench_invoicing (customers on a plan
// with five usage prices and a fee in advance, events in one month sent with external ids), and
// for random customers the upcoming invoice of their subscription, their usage of a month by day,
// their event list of one day, the customer billing pane's reads; the dashboard's figures; each
// as p50/p99. Beside them, in the same run, the import rate beside the raw insert floor (the
// customer directory the reads use is written by the import).
//
//   bench_reads [--dir DIR] [--events N] [--customers N] [--samples N] [--import N] [--preload N] [--repeat N] [--keep]
//   (--keep: leave the company file, DIR/bench_reads.orb, for --dashboard-of)
//   bench_reads --dashboard-of FILE [--as-of YYYY-MM-DD] [--samples N]
//   (--dashboard-of: only the dashboard's figures, on an existing company file such as the one
//   bench_reports --write leaves, of its month as of the date given, each figure's own time as
//   well: which of them grows with the invoices or the events)
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/DashboardQuery.h"
#include "models/Ids.h"
#include "models/SqliteStatement.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"
#include "models/sync/StripeInvoiceState.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"
#include "models/usage/UsageQueryService.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlQuery>
#include <QTimeZone>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QUuid>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
const qint64 kMonthMs = 31LL * 86400 * 1000;

const char *kCatalog = R"({"items": [{"name": "Platform"}, {"name": "Calls"}, {"name": "Tokens"}, {"name": "Storage"}, {"name": "Regions"}, {"name": "Jobs"}],
  "billable_metrics": [
    {"name": "calls", "event_name": "api_call", "aggregation": "count"},
    {"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens"},
    {"name": "peak", "event_name": "storage", "aggregation": "max", "property": "tokens"},
    {"name": "regions", "event_name": "seat", "aggregation": "unique_count", "property": "region"},
    {"name": "last", "event_name": "job", "aggregation": "latest", "property": "tokens"}],
  "plans": [{"external_plan_id": "bench", "name": "Bench", "currency": "USD", "prices": [
    {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_advance", "model_type": "unit", "unit_config": {"unit_amount": "99.00"}},
    {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly", "model_type": "tiered",
     "tiered_config": {"tiers": [{"first_unit": 0, "last_unit": 500, "unit_amount": "0.00"}, {"first_unit": 500, "unit_amount": "0.002"}]}},
    {"name": "Tokens", "item_name": "Tokens", "billable_metric_name": "tokens", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "0.00001"}},
    {"name": "Storage", "item_name": "Storage", "billable_metric_name": "peak", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "0.0001"}},
    {"name": "Regions", "item_name": "Regions", "billable_metric_name": "regions", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "5.00"}},
    {"name": "Jobs", "item_name": "Jobs", "billable_metric_name": "last", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "0.001"}}]}]})";

void removeFile(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

std::unique_ptr<CompanyFile> newCompany(const QString &path, const Clock &clock)
{
    removeFile(path);
    CompanySettings s;
    s.name = QStringLiteral("Bench");
    return CompanyFile::create(path, s, clock);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

/// p50 and p99 of durations in ms, and the largest.
struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(std::ceil(q * double(v.size()))) - 1)]; };
    return {at(0.50), at(0.99), v.back()};
}

QByteArray eventLine(QRandomGenerator &rng, qint64 i, qint64 n, int customers)
{
    const qint64 ts = kStart.toMSecsSinceEpoch() + (kMonthMs - 1) * i / std::max<qint64>(1, n);
    const QByteArray when = QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    return "{\"event_name\":\"api_call\",\"timestamp\":\"" + when + "\",\"idempotency_key\":\"" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
           + "\",\"external_customer_id\":\"c" + QByteArray::number(rng.bounded(customers))
           + "\",\"properties\":{\"region\":\"eu\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + "}}\n";
}

/// Events straight through the store (bench_invoicing's generator): random customers by
/// external id, five event names, time-ordered over the month, 500,000 a transaction.
void generateEvents(CompanyFile &file, qint64 events, int customers, const char *keyPrefix)
{
    QRandomGenerator rng(7);
    UsageEventStore store(file.db());
    store.tuneForBulkIngest();
    static const char *names[] = {"api_call", "completion", "storage", "seat", "job"};
    Database &db = file.db();
    db.begin();
    store.loadKeyFilter(events + 1);
    for (qint64 i = 0; i < events; ++i) {
        UsageEventRow r;
        r.idempotencyKey = keyPrefix + QByteArray::number(i);
        r.keyHash = usageKeyHash(r.idempotencyKey);
        r.eventName = names[i % 5];
        r.tsMs = kStart.toMSecsSinceEpoch() + (kMonthMs - 1) * i / events;
        r.externalCustomerId = 'c' + QByteArray::number(rng.bounded(customers));
        r.properties = "{\"region\":\"r" + QByteArray::number(rng.bounded(4)) + "\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + '}';
        store.insert(r, UsageEventStatus::Active, {}, 0);
        if (i % 500000 == 499999) {
            store.flushKeys();
            db.commit();
            db.begin();
            store.keyFilterStillValid();
        }
    }
    store.flushKeys();
    db.commit();
}

/// The dashboard's figures on an existing company: the whole of DashboardQuery::compute, and
/// beside it each of its statements alone (the same SQL), as p50/p99 over `samples` runs.
int dashboardOf(const QString &path, QDate asOf, int samples)
{
    std::unique_ptr<CompanyFile> file;
    try {
        file = CompanyFile::open(path);
    } catch (const std::exception &) {
        std::fprintf(stderr, "bench_reads: cannot open %s as a company file\n", qPrintable(path));
        return 1;
    }
    const Database &db = file->db();
    const QTimeZone zone(file->settings().timezone.toUtf8());
    const QDate first(asOf.year(), asOf.month(), 1);
    const qint64 startMs = first.startOfDay(zone).toMSecsSinceEpoch();
    const qint64 endMs = first.addMonths(1).startOfDay(zone).toMSecsSinceEpoch();
    const QString today = asOf.toString(Qt::ISODate), monthStart = first.toString(Qt::ISODate), monthEnd = first.addMonths(1).toString(Qt::ISODate);
    std::printf("dashboard of %s as of %s: %lld invoices (%lld issued), %lld payments, %lld events, %lld customers\n", qPrintable(path), qPrintable(today),
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices")).toLongLong(),
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE status = 'issued'")).toLongLong(),
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM payments")).toLongLong(),
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM usage_events")).toLongLong(),
                db.scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toLongLong());
    // Beside the wall-clock times, the thread's CPU time: on a shared machine other programs
    // stretch the first and hardly the second.
    const auto threadCpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    const auto measure = [&](const char *what, const std::function<qint64()> &read) {
        std::vector<double> ms, cpu;
        qint64 rows = 0;
        for (int i = 0; i < samples; ++i) {
            QElapsedTimer t;
            const double cpu0 = threadCpuMs();
            t.start();
            rows = read();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            cpu.push_back(threadCpuMs() - cpu0);
        }
        const Percentiles p = percentiles(ms);
        const Percentiles c = percentiles(cpu);
        std::printf("    %-58s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%s; %lld rows; CPU p50 %.2f ms, p99 %.2f ms)\n", what, p.p50, p.p99, p.max,
                    p.p99 <= 50.0 ? "<= 50 ms" : "OVER 50 ms", rows, c.p50, c.p99);
        std::fflush(stdout);
    };
    const auto rowsOf = [&](const QString &sql, const QVariantList &binds) {
        QSqlQuery q = db.exec(sql, binds);
        qint64 n = 0;
        while (q.next())
            ++n;
        return n;
    };
    measure("dashboard figures (DashboardQuery::compute)", [&] { return qint64(DashboardQuery(db).compute(asOf, startMs, endMs).topCustomers.size()); });
    measure("  customers active and archived", [&] { return qint64(CustomerRepository(db).counts().active); });
    measure("  the last invoice run's failures", [&] { return qint64(InvoiceRunSummary::lastRunFailures(db).size()); });
    measure("  open disputes", [&] { return qint64(StripeInvoiceState::openDisputes(db).size()); });
    measure("  drafts to issue", [&] { return rowsOf(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE status = 'draft' AND invoice_date <= ?"), {today}); });
    measure("  overdue and outstanding (the issued invoices)", [&] {
        return rowsOf(QStringLiteral("SELECT currency, SUM(remaining_minor), SUM(CASE WHEN due_date < ? THEN remaining_minor ELSE 0 END), "
                                     "SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END) FROM invoices WHERE status = 'issued' GROUP BY currency"),
                      {today, today});
    });
    measure("  invoiced this month", [&] {
        return rowsOf(QStringLiteral("SELECT currency, SUM(total_minor) FROM invoices WHERE status IN ('issued', 'paid') AND invoice_date >= ? "
                                     "AND invoice_date < ? GROUP BY currency"),
                      {monthStart, monthEnd});
    });
    measure("  paid this month", [&] {
        return rowsOf(QStringLiteral("SELECT currency, amount FROM payments WHERE paid_on >= ? AND paid_on < ?"), {monthStart, monthEnd});
    });
    measure("  top customers by this month's events", [&] { return qint64(DashboardQuery(db).topCustomers(startMs, endMs, 5).size()); });
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    qint64 events = 1000000, importN = 1000000, preloadN = 1000000;
    int customers = 10000, samples = 1000, repeat = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
        else if (args[i] == QLatin1String("--events"))
            events = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--customers"))
            customers = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--samples"))
            samples = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--import"))
            importN = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--preload"))
            preloadN = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--repeat"))
            repeat = std::max(1, args[i + 1].toInt());
    }
    if (const int at = int(args.indexOf(QStringLiteral("--dashboard-of"))); at > 0 && at + 1 < args.size()) {
        const int asOfAt = int(args.indexOf(QStringLiteral("--as-of")));
        const QDate asOf = asOfAt > 0 && asOfAt + 1 < args.size() ? QDate::fromString(args[asOfAt + 1], Qt::ISODate) : QDate::currentDate();
        if (!asOf.isValid()) {
            std::fprintf(stderr, "bench_reads: --as-of needs a date as YYYY-MM-DD\n");
            return 2;
        }
        return dashboardOf(args[at + 1], asOf, std::max(5, samples / 10));
    }

    // (1) Import beside the raw insert floor, alternating (bench_usage's measurement, smaller).
    if (importN > 0) {
        FixedClock clock(kStart.addMonths(1));
        const QString jsonl = dir + QStringLiteral("/bench_reads_import.jsonl");
        {
            QRandomGenerator rng(42);
            QFile f(jsonl);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(jsonl));
                return 1;
            }
            for (qint64 i = 0; i < importN; ++i)
                f.write(eventLine(rng, i, importN, customers));
        }
        std::vector<double> raws, imports;
        for (int r = 0; r < repeat; ++r) {
            // Raw: one prepared statement, one transaction, typed columns, no index.
            const QString rawPath = dir + QStringLiteral("/bench_reads_raw.db");
            removeFile(rawPath);
            sqlite3 *db = nullptr;
            sqlite3_open(rawPath.toUtf8().constData(), &db);
            sqlite3_exec(db,
                         "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE usage_events (seq INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL, "
                         "idempotency_key TEXT NOT NULL, event_name TEXT NOT NULL, ts INTEGER NOT NULL, customer_id TEXT, external_customer_id TEXT, "
                         "properties TEXT NOT NULL, status INTEGER NOT NULL, backfill_id TEXT, ingested_at INTEGER NOT NULL)",
                         nullptr, nullptr, nullptr);
            std::vector<UsageEventRow> rows;
            rows.reserve(size_t(importN));
            QRandomGenerator r2(42);
            for (qint64 i = 0; i < importN; ++i) {
                UsageEventRow row;
                row.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
                row.keyHash = usageKeyHash(row.idempotencyKey);
                row.eventName = "api_call";
                row.tsMs = kStart.toMSecsSinceEpoch() + (kMonthMs - 1) * i / importN;
                row.externalCustomerId = 'c' + QByteArray::number(r2.bounded(customers));
                row.properties = "{\"region\":\"eu\",\"tokens\":" + QByteArray::number(r2.bounded(5000)) + '}';
                rows.push_back(std::move(row));
            }
            {
                SqliteStatement s(db,
                                  "INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, "
                                  "ingested_at) VALUES (?, ?, ?, ?, NULL, ?, ?, 0, 0)",
                                  "the raw insert floor");
                QElapsedTimer t;
                t.start();
                sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
                for (const UsageEventRow &row : rows) {
                    s.bind(1, row.keyHash);
                    s.bind(2, row.idempotencyKey, SqliteStatement::Bytes::Borrowed);
                    s.bind(3, row.eventName, SqliteStatement::Bytes::Borrowed);
                    s.bind(4, row.tsMs);
                    s.bind(5, row.externalCustomerId, SqliteStatement::Bytes::Borrowed);
                    s.bind(6, row.properties, SqliteStatement::Bytes::Borrowed);
                    s.run();
                    s.reset();
                }
                sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
                raws.push_back(double(importN) / (double(t.nsecsElapsed()) / 1e9));
            }
            sqlite3_close(db);
            removeFile(rawPath);
            // Orb: EventImporter::importFile (orbctl events import) into a file holding preloadN.
            const QString path = dir + QStringLiteral("/bench_reads_import.orb");
            {
                auto file = newCompany(path, clock);
                file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("1000"));
                generateEvents(*file, preloadN, customers, "pre-");
                QElapsedTimer t;
                t.start();
                const ImportSummary s = EventImporter(*file, clock).importFile(jsonl, ImportOptions());
                imports.push_back(double(importN) / (double(t.nsecsElapsed()) / 1e9));
                std::printf("(1) run %d: raw insert %.0f events/s; Orb import of %lld events (accepted %lld) into %lld: %.0f events/s = %.1f%% of raw\n", r + 1,
                            raws.back(), importN, s.accepted, preloadN, imports.back(), 100.0 * imports.back() / raws.back());
                std::fflush(stdout);
            }
            removeFile(path);
        }
        QFile::remove(jsonl);
        std::printf(
            "(1) import beside the raw insert floor, medians of %d alternating runs: raw %.0f events/s, import %.0f events/s = %.1f%% (target >= 35%%)\n",
            repeat, median(raws), median(imports), 100.0 * median(imports) / median(raws));
        std::fflush(stdout);
    }

    // (2) The company of bench_invoicing.
    FixedClock clock(QDateTime(QDate(2026, 1, 31), QTime(12, 0), Qt::UTC));
    const QString path = dir + QStringLiteral("/bench_reads.orb");
    auto file = newCompany(path, clock);
    CatalogService(*file, clock).importCatalog(QByteArray(kCatalog));
    const PlanVersion version = CatalogService(*file, clock).planVersion(CatalogService(*file, clock).plan(QStringLiteral("bench")));
    QElapsedTimer build;
    build.start();
    QStringList customerIds, subscriptionIds;
    {
        UnitOfWork uow(file->db());
        CustomerRepository repo(file->db());
        SubscriptionRepository subs(file->db());
        for (int c = 0; c < customers; ++c) {
            Customer cu;
            cu.id = newId();
            cu.name = QStringLiteral("Customer %1").arg(c);
            cu.externalCustomerId = QStringLiteral("c%1").arg(c);
            cu.currency = QStringLiteral("USD");
            cu.timezone = QStringLiteral("UTC");
            cu.createdAt = cu.updatedAt = kStart;
            repo.insert(cu);
            Subscription s;
            s.id = newId();
            s.customerId = cu.id;
            s.planId = version.planId;
            s.startDate = kStart.date();
            s.alignment = QStringLiteral("first_of_month");
            s.createdAt = s.updatedAt = kStart;
            SubscriptionPhase p;
            p.id = newId();
            p.seq = 1;
            p.planVersionId = version.id;
            p.startDate = s.startDate;
            p.cause = PhaseCause::Create;
            p.createdAt = kStart;
            s.phases.append(p);
            subs.insert(s);
            customerIds << cu.id;
            subscriptionIds << s.id;
        }
        uow.commit();
    }
    generateEvents(*file, events, customers, "e-");
    std::printf("(2) built %d customers, %d subscriptions and %lld events in %.1f s\n", customers, customers, events, build.nsecsElapsed() / 1e9);
    std::fflush(stdout);

    QRandomGenerator pick(11);
    std::vector<int> chosen;
    for (int i = 0; i < samples; ++i)
        chosen.push_back(int(pick.bounded(customers)));
    const QDateTime monthEnd = kStart.addMonths(1);
    const auto measure = [&](const char *what, const std::function<qint64(int)> &read) {
        std::vector<double> ms;
        ms.reserve(chosen.size());
        qint64 sink = 0;
        for (const int c : chosen) {
            QElapsedTimer t;
            t.start();
            sink += read(c);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        const Percentiles p = percentiles(ms);
        std::printf("    %-58s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%s; %lld rows)\n", what, p.p50, p.p99, p.max,
                    p.p99 <= 50.0 ? "<= 50 ms" : "OVER 50 ms", sink);
        std::fflush(stdout);
    };
    std::printf("(3) one customer's reads, %d random customers of %d, %lld events:\n", samples, customers, events);
    measure("invoices upcoming SUB (InvoiceRunService::upcoming)", [&](int c) {
        qint64 lines = 0;
        for (const Invoice &inv : InvoiceRunService(*file, clock).upcoming(subscriptionIds[c]))
            lines += inv.total.isZero() ? 0 : 1;
        return lines;
    });
    measure("usage --customer C --metric calls --granularity day", [&](int c) {
        UsageRequest r;
        r.customer = customerIds[c];
        r.metric = QStringLiteral("calls");
        r.start = kStart;
        r.end = monthEnd;
        r.granularity = BucketSize::Day;
        return UsageQueryService(*file).usage(r).matchedEvents;
    });
    measure("events search --customer C (one day, first page of 100)", [&](int c) {
        EventSearch s;
        s.customer = customerIds[c];
        s.from = QDateTime(QDate(2026, 1, 15), QTime(0, 0), Qt::UTC);
        s.to = s.from.addDays(1);
        return qint64(UsageEventService(*file, clock).search(s).size());
    });
    measure("customer billing pane (subscriptions, invoices, balance, credits, usage)", [&](int c) {
        const QString id = customerIds[c];
        qint64 n = SubscriptionService(*file, clock).list(id).size();
        InvoiceFilter f;
        f.customerId = id;
        n += InvoiceService(*file, clock).list(f).size();
        LedgerService ledger(*file, clock);
        n += ledger.balance(id).entries.size();
        n += ledger.credits(id).size();
        for (const auto &u : DashboardQuery(file->db()).customerUsage(id, kStart.toMSecsSinceEpoch(), monthEnd.toMSecsSinceEpoch()))
            n += u.second;
        return n;
    });
    {
        std::vector<double> ms;
        for (int i = 0; i < std::max(5, samples / 50); ++i) {
            QElapsedTimer t;
            t.start();
            const DashboardFigures f = DashboardQuery(file->db()).compute(QDate(2026, 1, 31), kStart.toMSecsSinceEpoch(), monthEnd.toMSecsSinceEpoch());
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            if (i == 0)
                std::printf("    (dashboard: top customer %s with %lld events)\n", qPrintable(f.topCustomers.value(0).name), f.topCustomers.value(0).events);
        }
        const Percentiles p = percentiles(ms);
        std::printf("    %-58s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%s; %zu runs)\n", "dashboard figures (DashboardQuery::compute)", p.p50, p.p99, p.max,
                    p.p99 <= 50.0 ? "<= 50 ms" : "OVER 50 ms", ms.size());
    }
    file.reset();
    if (!app.arguments().contains(QStringLiteral("--keep")))
        removeFile(path);
    return 0;
}
