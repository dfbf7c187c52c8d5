// SPDX-License-Identifier: GPL-3.0-or-later
// The company file and the company server side by side in one run (docs/TEAM.md, issue item
// "speed on the server"): the same work on both engines, the server's figure as a ratio of the
// file's.
//
//   bench_server --pg-socket DIR [--dir DIR] [--import-events N] [--run-events N] [--customers N]
//
// DIR is the socket folder of a throwaway cluster (scripts/pg-test-cluster.sh start DIR; user
// orbadmin). Measured:
//  (1) bulk import of N events from one JSON Lines file (EventImporter::importFile: parsing,
//      the ingestion rules, deduplication, the customer directory; COPY on the server);
//  (2) the invoice run at C customers on a plan with five usage prices over M events (the same
//      rows written into both engines first), wall and CPU seconds of this process.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Database.h"
#include "models/Ids.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/CatalogService.h"
#include "models/storage/MoveToServer.h"
#include "models/usage/EventImporter.h"
#include "models/usage/ServerEventImport.h"
#include "models/usage/UsageEventStore.h"
#include "models/usage/UsageKeyHash.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <vector>

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// The CPU seconds the server process behind a connection has used so far (its backend runs on
/// this machine: the throwaway cluster), or -1 when /proc does not tell.
double backendCpuSeconds(CompanyFile &server)
{
    const qint64 pid = server.db().scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    // The fields after the command name's closing parenthesis: utime and stime are the 12th
    // and 13th of them.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> f = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return -1;
    return double(f.at(11).toLongLong() + f.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

/// A fresh database on the cluster; its location.
QString freshDatabase(const QString &socket, const QString &name)
{
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-admin"));
        admin.setHostName(socket);
        admin.setUserName(QStringLiteral("orbadmin"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open())
            qFatal("cannot reach the cluster in %s: %s", qPrintable(socket), qPrintable(admin.lastError().text()));
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name)) || !q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
            qFatal("cannot create %s: %s", qPrintable(name), qPrintable(q.lastError().text()));
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    return QStringLiteral("postgresql://orbadmin@/%1?host=%2").arg(name, socket);
}

std::unique_ptr<CompanyFile> newFile(const QString &path, const Clock &clock)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    return CompanyFile::create(path, settings, clock);
}

/// The file moved to a fresh database, opened there.
std::unique_ptr<CompanyFile> onServer(CompanyFile &file, const QString &socket, const QString &name)
{
    const QString url = freshDatabase(socket, name);
    MoveToServer::run(file, url);
    return CompanyFile::open(url);
}

void benchImport(const QString &dir, const QString &socket, qint64 events)
{
    // Live events of the last 12 hours (the grace period), 1,000 customers by external id.
    const QDateTime now(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
    FixedClock clock(now);
    const QString input = dir + QStringLiteral("/bench_server_events.jsonl");
    {
        QFile f(input);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(input));
        QRandomGenerator rng(11);
        const qint64 spanMs = 11LL * 3600 * 1000;
        QByteArray chunk;
        for (qint64 i = 0; i < events; ++i) {
            const QDateTime ts = QDateTime::fromMSecsSinceEpoch(now.toMSecsSinceEpoch() - spanMs + spanMs * i / events, Qt::UTC);
            chunk += R"({"event_name":"api_call","timestamp":")" + ts.toString(Qt::ISODateWithMs).toUtf8() + R"(","idempotency_key":"ev-)"
                     + QByteArray::number(i) + R"(","external_customer_id":"c)" + QByteArray::number(rng.bounded(1000)) + R"(","properties":{"region":"r)"
                     + QByteArray::number(rng.bounded(4)) + R"(","tokens":)" + QByteArray::number(rng.bounded(5000)) + "}}\n";
            if (chunk.size() > (1 << 22)) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
    }
    const double mb = double(QFile(input).size()) / 1e6;

    auto file = newFile(dir + QStringLiteral("/bench_server_import.orb"), clock);
    auto server = onServer(*file, socket, QStringLiteral("bench_server_import"));

    QElapsedTimer t;
    t.start();
    double cpu = cpuSeconds();
    const ImportSummary onFile = EventImporter(*file, clock).importFile(input, {});
    const double fileSecs = t.nsecsElapsed() / 1e9, fileCpu = cpuSeconds() - cpu;
    const double backendBefore = backendCpuSeconds(*server);
    t.restart();
    cpu = cpuSeconds();
    const ImportSummary onSrv = EventImporter(*server, clock).importFile(input, {});
    const double serverSecs = t.nsecsElapsed() / 1e9, serverCpu = cpuSeconds() - cpu;
    const double backendCpu = backendCpuSeconds(*server) - backendBefore;
    std::printf("(1) bulk import of %lld events (%.0f MB of JSON Lines), accepted file %lld / server %lld\n", events, mb, onFile.accepted, onSrv.accepted);
    std::printf("    company file:   %.2f s, %.0f k events/s (CPU of this process %.2f s)\n", fileSecs, events / fileSecs / 1e3, fileCpu);
    std::printf("    company server: %.2f s, %.0f k events/s (CPU of this process %.2f s; the server's own work is not in it)\n", serverSecs,
                events / serverSecs / 1e3, serverCpu);
    if (backendBefore >= 0)
        std::printf("    company server's own process (its backend): %.2f s CPU; both processes together %.2f s CPU against the file's %.2f s\n", backendCpu,
                    backendCpu + serverCpu, fileCpu);
    std::printf("    server rate / file rate = %.2f (target >= 0.50)\n", fileSecs / serverSecs);
    QFile::remove(input);
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

void benchRun(const QString &dir, const QString &socket, qint64 events, int customers)
{
    FixedClock clock(kStart);
    auto file = newFile(dir + QStringLiteral("/bench_server_run.orb"), clock);
    CatalogService(*file, clock).importCatalog(QByteArray(kCatalog));
    const PlanVersion version = CatalogService(*file, clock).planVersion(CatalogService(*file, clock).plan(QStringLiteral("bench")));
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
    auto server = onServer(*file, socket, QStringLiteral("bench_server_run"));
    // The same events into both, through each engine's store.
    {
        QRandomGenerator rng(7);
        static const char *names[] = {"api_call", "completion", "storage", "seat", "job"};
        const qint64 monthMs = 31LL * 86400 * 1000;
        UsageEventStore fileStore(file->db());
        fileStore.tuneForBulkIngest();
        ServerEventStore serverStore(server->db());
        std::vector<UsageEventRow> batch;
        std::vector<ServerEventStore::Outcome> outcomes;
        file->db().begin();
        server->db().begin();
        for (qint64 i = 0; i < events; ++i) {
            UsageEventRow r;
            r.idempotencyKey = "e-" + QByteArray::number(i);
            r.keyHash = usageKeyHash(r.idempotencyKey);
            r.eventName = names[i % 5];
            r.tsMs = kStart.toMSecsSinceEpoch() + (monthMs - 1) * i / events;
            r.externalCustomerId = 'c' + QByteArray::number(rng.bounded(customers));
            r.properties = "{\"region\":\"r" + QByteArray::number(rng.bounded(4)) + "\",\"tokens\":" + QByteArray::number(rng.bounded(5000)) + '}';
            fileStore.insert(r, UsageEventStatus::Active, {}, 0);
            batch.push_back(std::move(r));
            if (batch.size() == 20000 || i + 1 == events) {
                serverStore.insertBatch(batch, UsageEventStatus::Active, {}, 0, outcomes);
                batch.clear();
            }
            if (i % 500000 == 499999 || i + 1 == events) {
                fileStore.flushKeys();
                file->db().commit();
                file->db().begin();
                serverStore.flushKeys();
                server->db().commit();
                server->db().begin();
            }
        }
        file->db().commit();
        server->db().commit();
        server->db().execNative(QStringLiteral("VACUUM ANALYZE usage_events"));
    }
    InvoiceRunOptions o;
    o.asOf = kStart.addMonths(1).addDays(1);
    QElapsedTimer t;
    t.start();
    double cpu = cpuSeconds();
    const InvoiceRunSummary onFile = InvoiceRunService(*file, clock).run(o);
    const double fileSecs = t.nsecsElapsed() / 1e9, fileCpu = cpuSeconds() - cpu;
    t.restart();
    cpu = cpuSeconds();
    const InvoiceRunSummary onSrv = InvoiceRunService(*server, clock).run(o);
    const double serverSecs = t.nsecsElapsed() / 1e9, serverCpu = cpuSeconds() - cpu;
    std::printf("(2) invoice run, %d customers, %lld events in the month\n", customers, events);
    std::printf("    company file:   %.2f s (CPU %.2f s), %d invoices, %lld events scanned\n", fileSecs, fileCpu, onFile.created, onFile.eventsScanned);
    std::printf("    company server: %.2f s (CPU of this process %.2f s), %d invoices, %lld events scanned\n", serverSecs, serverCpu, onSrv.created,
                onSrv.eventsScanned);
    std::printf("    server / file = %.2f (target <= 2.0)\n", serverSecs / fileSecs);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    QString socket;
    qint64 importEvents = 2000000;
    qint64 runEvents = 1000000;
    int customers = 10000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
        else if (args[i] == QLatin1String("--pg-socket"))
            socket = args[i + 1];
        else if (args[i] == QLatin1String("--import-events"))
            importEvents = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--run-events"))
            runEvents = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--customers"))
            customers = args[i + 1].toInt();
    }
    if (socket.isEmpty()) {
        std::fprintf(stderr, "usage: bench_server --pg-socket DIR [--dir DIR] [--import-events N] [--run-events N] [--customers N]\n");
        return 2;
    }
    if (importEvents > 0)
        benchImport(dir, socket, importEvents);
    if (runEvents > 0)
        benchRun(dir, socket, runEvents, customers);
    return 0;
}
