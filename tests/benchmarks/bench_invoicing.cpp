// SPDX-License-Identifier: GPL-3.0-or-later
// Invoice run benchmark: 10,000 customers on a plan with five usage prices and a fee in
// advance, 10,000,000 events in the month; the run beside the aggregation scan alone.
//
//   bench_invoicing [--dir DIR] [--events N] [--customers N] [--reuse] [--only-run]
//
// --reuse keeps a copy of the built company beside it (bench_invoicing.orb.built) and starts
// from that copy when it is there for the same sizes, so a profile sees the run, not the build;
// --only-run stops after the full run and one re-run with nothing changed; --rerun-existing
// runs only that re-run on the company a previous run left in DIR (for a profile of it).
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/CatalogService.h"
#include "models/catalog/MetricRepository.h"
#include "models/usage/PeriodAggregator.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

void benchReruns(CompanyFile &file, const Clock &clock, const InvoiceRunOptions &o, double fullRun, int customers, qint64 events, bool onlyNothing);
double cpuSeconds();

long peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// The peak resident size since resetPeakRss() (VmHWM), so that building the company file
// does not count against the run.
long runPeakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    return -1;
}

void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

// The floor: one raw single-threaded pass over the same rows with the raw JSON properties,
// all five aggregations into hash maps (no Orb code on the path).
struct FloorGroup {
    long long count[5] = {};
    long long sum = 0;
    long long max = 0;
    long long latest = 0;
    long long latestTs = -1;
    std::unordered_set<std::string> regions;
};

long long rawNumber(std::string_view json, std::string_view key)
{
    const size_t at = json.find(key);
    return at == std::string_view::npos ? -1 : std::strtoll(json.data() + at + key.size(), nullptr, 10);
}

double floorPass(const QString &path, long long startMs, long long endMs, long long *rows, size_t *groupsOut)
{
    QElapsedTimer t;
    t.start();
    sqlite3 *h = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(h,
                       "SELECT event_name, ts, customer_id, external_customer_id, properties FROM usage_events NOT INDEXED "
                       "WHERE ts >= ?1 AND ts < ?2 AND status = 0",
                       -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, startMs);
    sqlite3_bind_int64(s, 2, endMs);
    std::unordered_map<std::string, FloorGroup> groups;
    static const std::string_view names[] = {"api_call", "completion", "storage", "seat", "job"};
    std::string key;
    while (sqlite3_step(s) == SQLITE_ROW) {
        ++*rows;
        const std::string_view name(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)), size_t(sqlite3_column_bytes(s, 0)));
        int m = 0;
        while (m < 5 && names[m] != name)
            ++m;
        if (m == 5)
            continue;
        const int customerCol = sqlite3_column_type(s, 2) != SQLITE_NULL ? 2 : 3;
        key.assign(reinterpret_cast<const char *>(sqlite3_column_text(s, customerCol)), size_t(sqlite3_column_bytes(s, customerCol)));
        FloorGroup &g = groups[key];
        const std::string_view props(reinterpret_cast<const char *>(sqlite3_column_text(s, 4)), size_t(sqlite3_column_bytes(s, 4)));
        ++g.count[m];
        if (m == 1) {
            g.sum += rawNumber(props, "\"tokens\":");
        } else if (m == 2) {
            g.max = std::max(g.max, rawNumber(props, "\"tokens\":"));
        } else if (m == 3) {
            const std::string_view k = "\"region\":\"";
            const size_t at = props.find(k);
            if (at != std::string_view::npos) {
                const size_t from = at + k.size();
                g.regions.emplace(props.substr(from, props.find('"', from) - from));
            }
        } else if (m == 4) {
            const long long ts = sqlite3_column_int64(s, 1);
            if (ts >= g.latestTs) {
                g.latestTs = ts;
                g.latest = rawNumber(props, "\"tokens\":");
            }
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    *groupsOut = groups.size();
    return t.nsecsElapsed() / 1e9;
}

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

// The company: customers on the bench plan and the month's events; closed when done.
void buildCompany(const QString &path, qint64 events, int customers, const Clock &clock)
{
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    auto file = CompanyFile::create(path, settings, clock);
    CatalogService(*file, clock).importCatalog(QByteArray(kCatalog));
    const PlanVersion version = CatalogService(*file, clock).planVersion(CatalogService(*file, clock).plan(QStringLiteral("bench")));

    QElapsedTimer build;
    build.start();
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
        }
        uow.commit();
    }
    {
        QRandomGenerator rng(7);
        UsageEventStore store(file->db());
        store.tuneForBulkIngest();
        static const char *names[] = {"api_call", "completion", "storage", "seat", "job"};
        const qint64 monthMs = 31LL * 86400 * 1000;
        Database &db = file->db();
        db.begin();
        for (qint64 i = 0; i < events; ++i) {
            UsageEventRow r;
            r.idempotencyKey = "e-" + QByteArray::number(i);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = names[i % 5];
            r.tsMs = kStart.toMSecsSinceEpoch() + (monthMs - 1) * i / events;
            r.externalCustomerId = 'c' + QByteArray::number(rng.bounded(customers));
            r.properties = "{\"region\":\"r" + QByteArray::number(rng.bounded(4)) + "\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + '}';
            store.insert(r, UsageEventStatus::Active, {}, 0);
            if (i % 500000 == 499999) {
                store.flushKeys();
                db.commit();
                db.begin();
            }
        }
        store.flushKeys();
        db.commit();
    }
    std::fprintf(stderr, "built %d customers, %d subscriptions and %lld events in %.1f s\n", customers, customers, events, build.nsecsElapsed() / 1e9);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    qint64 events = 10000000;
    int customers = 10000;
    bool reuse = false;
    bool onlyRun = false;
    bool rerunExisting = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--reuse"))
            reuse = true;
        else if (args[i] == QLatin1String("--only-run"))
            onlyRun = true;
        else if (args[i] == QLatin1String("--rerun-existing"))
            rerunExisting = true;
        else if (i + 1 == args.size())
            break;
        else if (args[i] == QLatin1String("--dir"))
            dir = args[++i];
        else if (args[i] == QLatin1String("--events"))
            events = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--customers"))
            customers = args[++i].toInt();
    }
    FixedClock clock(kStart);
    const QString path = dir + QStringLiteral("/bench_invoicing.orb");
    if (rerunExisting) {
        auto existing = CompanyFile::open(path);
        InvoiceRunOptions o;
        o.asOf = kStart.addMonths(1).addDays(1);
        benchReruns(*existing, clock, o, 1, customers, events, true);
        return 0;
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    const QString built = path + QStringLiteral(".built-%1-%2").arg(events).arg(customers);
    if (reuse && QFile::exists(built)) {
        QFile::copy(built, path);
        std::fprintf(stderr, "starting from %s\n", qPrintable(built));
    } else {
        buildCompany(path, events, customers, clock);
        if (reuse) {
            QFile::remove(built);
            QFile::copy(path, built);
        }
    }
    auto file = CompanyFile::open(path);
    // The ingest tuning above gave this connection a 256 MB page cache; a run in its own
    // process (orbctl, the window) has SQLite's default, so measure the run with that.
    sqlite3_exec(file->db().sqliteHandle(), "PRAGMA cache_size = -2000", nullptr, nullptr, nullptr);
    malloc_trim(0);
    resetPeakRss();

    // The floor first: a raw single-threaded pass, measured in the same run.
    const QDateTime end = kStart.addMonths(1);
    long long floorRows = 0;
    size_t floorGroups = 0;
    const double floor = floorPass(path, kStart.toMSecsSinceEpoch(), end.toMSecsSinceEpoch(), &floorRows, &floorGroups);
    std::printf("floor: raw single-thread C++ pass, raw JSON properties, five aggregations into hash maps: %.2f s for %lld rows, %zu customers\n", floor,
                floorRows, floorGroups);

    // (a) The aggregation scan alone: the month, every customer, the five metrics.
    QElapsedTimer t;
    t.start();
    qint64 groups = 0;
    PeriodAggregator agg(file->db(), MetricRepository(file->db()).list(), kStart, end);
    agg.run([&](const CustomerMetricUsage &) { ++groups; });
    const double scan = t.nsecsElapsed() / 1e9;
    std::printf("(a) aggregation scan alone: %.2f s for %lld rows, %lld customer x metric groups (%.2f x the floor)\n", scan, agg.rowsScanned(), groups,
                scan / floor);

    // (b) The invoice run as of February 2nd: January's usage in arrears, January's and
    // February's fees in advance.
    t.restart();
    double cpu = cpuSeconds();
    InvoiceRunOptions o;
    o.asOf = end.addDays(1);
    const InvoiceRunSummary s = InvoiceRunService(*file, clock).run(o);
    const double run = t.nsecsElapsed() / 1e9;
    std::printf("(b) invoice run: %.2f s, %.2f s CPU (both threads), %d invoices created (%d customers), %lld events scanned in %d pass(es)\n", run,
                cpuSeconds() - cpu, s.created, customers, s.eventsScanned, s.aggregationPasses);
    std::printf("    run / floor = %.2f (target: run <= 11.5 s, at or below the floor); peak RSS since the build %ld MB (target <= 500), of the whole "
                "process %ld MB\n",
                run / floor, runPeakRssMb(), peakRssMb());
    if (!onlyRun) {
        // (c) Again: everything exists, drafts recomposed and found unchanged.
        t.restart();
        cpu = cpuSeconds();
        const InvoiceRunSummary again = InvoiceRunService(*file, clock).run(o);
        std::printf("(c) second run: %.2f s, %.2f s CPU, %d created, %d unchanged\n", t.nsecsElapsed() / 1e9, cpuSeconds() - cpu, again.created,
                    again.unchanged);
    }
    benchReruns(*file, clock, o, run, customers, events, onlyRun);
    return 0;
}

namespace {

// CPU seconds of the process (user and system): on a shared machine, wall time also counts
// the others' work.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Re-runs beside the full run (b): with nothing changed, and after a day of new usage for 1 %
// of the customers, dated on the month's last day (late usage, inside the grace period), so
// exactly their usage drafts are composed again.
void benchReruns(CompanyFile &file, const Clock &clock, const InvoiceRunOptions &o, double fullRun, int customers, qint64 events, bool onlyNothing)
{
    double cpu = cpuSeconds();
    QElapsedTimer t;
    t.start();
    const InvoiceRunSummary same = InvoiceRunService(file, clock).run(o);
    const double nothing = t.nsecsElapsed() / 1e9;
    std::printf("(d) re-run, nothing changed: %.3f s, %.3f s CPU (target <= 1 s; %.1f %% of the full run), %d drafts recomposed, %d up to date, "
                "%lld events read\n",
                nothing, cpuSeconds() - cpu, 100 * nothing / fullRun, same.recomposed, same.upToDate, same.eventsScanned);
    if (onlyNothing)
        return;

    const int changed = std::max(1, customers / 100);
    const qint64 perCustomer = std::max<qint64>(1, events / customers / 31);
    {
        QRandomGenerator rng(11);
        UsageEventStore store(file.db());
        static const char *names[] = {"api_call", "completion", "storage", "seat", "job"};
        const qint64 lastDay = kStart.addDays(30).toMSecsSinceEpoch();
        UnitOfWork uow(file.db());
        qint64 n = 0;
        for (int c = 0; c < changed; ++c)
            for (qint64 i = 0; i < perCustomer; ++i, ++n) {
                UsageEventRow r;
                r.idempotencyKey = "late-" + QByteArray::number(n);
                r.keyHash = usageKeyHash(r.idempotencyKey);
                r.eventName = names[n % 5];
                r.tsMs = lastDay + rng.bounded(86400 * 1000);
                r.externalCustomerId = 'c' + QByteArray::number(qint64(c) * customers / changed);
                r.properties = "{\"region\":\"r" + QByteArray::number(rng.bounded(4)) + "\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + '}';
                store.insert(r, UsageEventStatus::Active, {}, 0);
            }
        store.flushKeys();
        uow.commit();
    }
    cpu = cpuSeconds();
    t.restart();
    const InvoiceRunSummary day = InvoiceRunService(file, clock).run(o);
    const double after = t.nsecsElapsed() / 1e9;
    std::printf("(e) re-run after a day of new usage (%lld events for %d customers): %.3f s, %.3f s CPU (%.1f %% of the full run), %d drafts "
                "recomposed (%d refreshed), %d up to date, %lld events read in %d pass(es)\n",
                qint64(changed) * perCustomer, changed, after, cpuSeconds() - cpu, 100 * after / fullRun, day.recomposed, day.refreshed, day.upToDate,
                day.eventsScanned, day.aggregationPasses);
}

} // namespace
