// SPDX-License-Identifier: GPL-3.0-or-later
// Usage benchmark: the raw SQLite insert limit, Orb's import path, and the invoice run's
// aggregation beside one SQL GROUP BY scan, all in one run on one machine (see docs/USAGE.md).
//
//   bench_usage [--dir DIR] [--import N] [--preload N] [--events N] [--customers N] [--checkpoint ROWS] [--repeat N]
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/UnitOfWork.h"
#include "models/catalog/MetricRepository.h"
#include "models/usage/EventImporter.h"
#include "models/usage/PeriodAggregator.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"
#include "models/SqliteStatement.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QUuid>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace orb;

namespace {

const QDateTime kNow(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC);
const qint64 kMonthStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
const qint64 kMonthMs = 31LL * 86400 * 1000;

/// CPU seconds (user + system, all threads) of this process so far: beside the wall-clock
/// rates, a figure that other programs on a shared machine disturb less.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Peak resident memory since the last resetPeakRss() (VmHWM), in MB; the process's whole peak
/// (ru_maxrss) where /proc is not available.
long peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    }
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

/// Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS), so each
/// part reports its own peak rather than the fixtures' built before it.
void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

QByteArray eventLine(QRandomGenerator &rng, qint64 i, qint64 n, int customers)
{
    // Events arrive roughly in time order, as live ingestion does.
    const qint64 ts = kMonthStart + (kMonthMs - 1) * i / std::max<qint64>(1, n);
    const QByteArray when = QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    return "{\"event_name\":\"api_call\",\"timestamp\":\"" + when + "\",\"idempotency_key\":\"" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
           + "\",\"external_customer_id\":\"c" + QByteArray::number(rng.bounded(customers))
           + "\",\"properties\":{\"region\":\"eu\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + "}}\n";
}

std::unique_ptr<CompanyFile> newCompany(const QString &path, const Clock &clock)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    CompanySettings s;
    s.name = QStringLiteral("Bench");
    return CompanyFile::create(path, s, clock);
}

/// Direct inserts through the store (no parsing), to build large fixtures quickly.
void preload(CompanyFile &file, qint64 n, int customers, int eventNames)
{
    QRandomGenerator rng(7);
    UsageEventStore store(file.db());
    store.tuneForBulkIngest();
    static const char *names[] = {"api_call", "completion", "storage", "seat", "job"};
    Database &db = file.db();
    db.begin();
    store.loadKeyFilter(n + 1); // new keys skip the key index lookup, as in an import
    for (qint64 i = 0; i < n; ++i) {
        UsageEventRow r;
        r.idempotencyKey = "pre-" + QByteArray::number(i);
        r.keyHash = usageKeyHash(r.idempotencyKey);
        r.eventName = names[i % eventNames];
        r.tsMs = kMonthStart + (kMonthMs - 1) * i / n;
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    qint64 importN = 2000000, preloadN = 2000000, aggN = 10000000;
    int customers = 10000;
    // (1) and (2) are each measured this many times, alternating, and compared by their medians:
    // on a shared machine one run of either can be off by half.
    int repeat = 3;
    qint64 checkpointRows = ImportOptions().checkpointRows; // orbctl's default unless --checkpoint
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
        else if (args[i] == QLatin1String("--import"))
            importN = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--preload"))
            preloadN = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--events"))
            aggN = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--customers"))
            customers = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--checkpoint"))
            checkpointRows = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--repeat"))
            repeat = std::max(1, args[i + 1].toInt());
    }
    FixedClock clock(kNow);
    QRandomGenerator rng(42);

    // The JSONL file of (2).
    const QString jsonl = dir + QStringLiteral("/bench_import.jsonl");
    {
        QFile f(jsonl);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        for (qint64 i = 0; i < importN; ++i)
            f.write(eventLine(rng, i, importN, customers));
    }

    // (1) Raw limit: one prepared statement, one transaction, the same rows, no index.
    auto measureRaw = [&]() -> double {
        double rawRate = 0;
        const QString path = dir + QStringLiteral("/bench_raw.db");
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        sqlite3 *db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE usage_events (seq INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL, "
                     "idempotency_key TEXT NOT NULL, event_name TEXT NOT NULL, ts INTEGER NOT NULL, customer_id TEXT, external_customer_id TEXT, "
                     "properties TEXT NOT NULL, status INTEGER NOT NULL, backfill_id TEXT, ingested_at INTEGER NOT NULL)",
                     nullptr, nullptr, nullptr);
        // Rows prepared in memory first, so that only SQLite is timed.
        std::vector<UsageEventRow> rows;
        rows.reserve(size_t(importN));
        QRandomGenerator r2(42);
        for (qint64 i = 0; i < importN; ++i) {
            UsageEventRow r;
            r.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = "api_call";
            r.tsMs = kMonthStart + (kMonthMs - 1) * i / importN;
            r.externalCustomerId = 'c' + QByteArray::number(r2.bounded(customers));
            r.properties = "{\"region\":\"eu\",\"tokens\":" + QByteArray::number(r2.bounded(5000)) + '}';
            rows.push_back(std::move(r));
        }
        // The thin checked wrapper: a failed insert stops the benchmark instead of inflating the rate.
        auto s = std::make_unique<SqliteStatement>(
            db,
            "INSERT INTO usage_events (key_hash, idempotency_key, event_name, ts, customer_id, external_customer_id, properties, status, ingested_at) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?, 0, 0)",
            "the raw insert floor");
        const double cpu0 = cpuSeconds();
        QElapsedTimer t;
        t.start();
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (const UsageEventRow &r : rows) {
            s->bind(1, r.keyHash);
            s->bind(2, r.idempotencyKey, SqliteStatement::Bytes::Borrowed);
            s->bind(3, r.eventName, SqliteStatement::Bytes::Borrowed);
            s->bind(4, r.tsMs);
            s->bind(5, r.externalCustomerId, SqliteStatement::Bytes::Borrowed);
            s->bind(6, r.properties, SqliteStatement::Bytes::Borrowed);
            s->run();
            s->reset();
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        rawRate = importN / (t.nsecsElapsed() / 1e9);
        const double rawCpu = cpuSeconds() - cpu0;
        s.reset(); // finalized before the connection closes
        sqlite3_close(db);
        std::printf("(1) raw limit: sqlite3 C API, one prepared statement, one transaction, no index: %lld events in %.2f s = %.0f events/s "
                    "(CPU %.2f s)\n",
                    importN, t.nsecsElapsed() / 1e9, rawRate, rawCpu);
        std::fflush(stdout);
        return rawRate;
    };
    // (2) Orb's import path, in-process (EventImporter::importFile, the code orbctl events import runs).
    auto measureImport = [&](double rawRate) -> double {
        const QString path = dir + QStringLiteral("/bench_import.orb");
        auto file = newCompany(path, clock);
        file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("1000"));
        QElapsedTimer pre;
        pre.start();
        preload(*file, preloadN, customers, 1);
        std::printf("    (preloaded %lld events directly through the store in %.1f s)\n", preloadN, pre.nsecsElapsed() / 1e9);
        resetPeakRss();
        const long rssBefore = peakRssMb();
        const double cpu0 = cpuSeconds();
        QElapsedTimer t;
        t.start();
        EventImporter importer(*file, clock);
        ImportOptions options;
        options.checkpointRows = checkpointRows;
        const ImportSummary s = importer.importFile(jsonl, options);
        const double secs = t.nsecsElapsed() / 1e9;
        const double cpu = cpuSeconds() - cpu0;
        const double rate = importN / secs;
        std::printf("(2) Orb import: %lld JSONL events (random UUID keys) into a file holding %lld: accepted %lld, duplicates %lld, rejected %lld "
                    "in %.2f s = %.0f events/s = %.1f%% of (1) (CPU %.2f s, both threads; peak RSS %ld MB, %ld MB above the start)\n",
                    importN, preloadN, s.accepted, s.duplicates, s.rejected, secs, rate, 100.0 * rate / rawRate, cpu, peakRssMb(), peakRssMb() - rssBefore);
        std::fflush(stdout);
        return rate;
    };
    std::vector<double> raws, imports, ratios;
    for (int r = 0; r < repeat; ++r) {
        raws.push_back(measureRaw());
        imports.push_back(measureImport(raws.back()));
        ratios.push_back(imports.back() / raws.back());
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
    std::printf("(1)/(2) over %d alternating runs: median raw %.0f events/s, median import %.0f events/s = %.1f%% of raw "
                "(per-run ratios %.1f%% to %.1f%%)\n",
                repeat, median(raws), median(imports), 100.0 * median(imports) / median(raws), 100.0 * *lo, 100.0 * *hi);
    std::fflush(stdout);
    QFile::remove(jsonl);

    // (3) Aggregation: N events, C customers, 5 metrics, one month.
    {
        const QString path = dir + QStringLiteral("/bench_agg.orb");
        auto file = newCompany(path, clock);
        QElapsedTimer pre;
        pre.start();
        preload(*file, aggN, customers, 5);
        std::printf("    (built %lld events for aggregation in %.1f s)\n", aggN, pre.nsecsElapsed() / 1e9);
        MetricRepository metrics(file->db());
        const char *defs[] = {R"({"name":"calls","event_name":"api_call","aggregation":"count"})",
                              R"({"name":"tokens","event_name":"completion","aggregation":"sum","property":"tokens"})",
                              R"({"name":"peak","event_name":"storage","aggregation":"max","property":"tokens"})",
                              R"({"name":"regions","event_name":"seat","aggregation":"unique_count","property":"region"})",
                              R"({"name":"last","event_name":"job","aggregation":"latest","property":"tokens"})"};
        for (const char *d : defs) {
            FieldErrors e;
            auto m = MetricDefinition::fromJson(QByteArrayView(d), &e);
            m->setId(m->name());
            metrics.insert(*m, kNow);
        }
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(kMonthStart, Qt::UTC), end = start.addDays(31);
        resetPeakRss();
        QElapsedTimer t;
        t.start();
        qint64 groups = 0;
        PeriodAggregator agg(file->db(), metrics.list(), start, end);
        agg.run([&](const CustomerMetricUsage &) { ++groups; });
        const double orbSecs = t.nsecsElapsed() / 1e9;
        const long rss = peakRssMb();
        t.restart();
        qint64 sqlGroups = 0;
        {
            SqliteStatement s(file->db().sqliteHandle(),
                              "SELECT external_customer_id, event_name, count(*), sum(json_extract(properties, '$.tokens')), "
                              "max(json_extract(properties, '$.tokens')) FROM usage_events WHERE ts >= ? AND ts < ? AND status = 0 "
                              "GROUP BY external_customer_id, event_name",
                              "the SQL GROUP BY peer");
            s.bind(1, qint64(kMonthStart)).bind(2, qint64(kMonthStart + kMonthMs));
            while (s.next())
                ++sqlGroups;
        }
        const double sqlSecs = t.nsecsElapsed() / 1e9;
        std::printf("(3) aggregation of %lld events, %d customers, 5 metrics, one month: Orb's pass (PeriodAggregator, all 5 metrics) %.2f s "
                    "(%lld customer x metric results, peak RSS %ld MB); one SQL GROUP BY scan (count, sum, max) %.2f s (%lld groups); ratio %.2f\n",
                    aggN, customers, orbSecs, groups, rss, sqlSecs, sqlGroups, orbSecs / sqlSecs);
    }
    return 0;
}
