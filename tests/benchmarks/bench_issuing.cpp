// SPDX-License-Identifier: GPL-3.0-or-later
// Issuing benchmark: what `orbctl invoices issue --all-due` costs an invoice as the company
// grows. For each size N it builds a fresh company with N customers on a plan with a fee in
// arrears and a usage price (every fifth customer holds a prepaid credit block, every seventh a
// balance), runs the invoice run (N drafts), and times InvoiceService::issueAll over them.
// Issuing is linear when the per-invoice figure stays the same at every size.
//
//   bench_issuing [--dir DIR] [--sizes 1000,10000,100000]
//
// Beside the CPU and wall time it prints SQLite's virtual-machine steps an invoice, which count
// the rows visited exactly, whatever else the machine is doing.
// Under `valgrind --tool=callgrind --instr-atstart=no` only the issuing is instrumented, so
// the instruction count of each size (printed by callgrind_annotate, or the "totals" of its
// own dump, one per size) divided by N is the per-invoice cost without the machine's noise.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/Ledgers.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/CatalogService.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_DUMP_STATS_AT(name) (void)(name)
#endif

#include <sqlite3.h>
#include <sys/resource.h>

#include <cstdio>

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

const char *kCatalog = R"({"items": [{"name": "Platform"}, {"name": "Calls"}],
  "billable_metrics": [{"name": "calls", "event_name": "api_call", "aggregation": "count"}],
  "plans": [{"external_plan_id": "bench", "name": "Bench", "currency": "USD", "prices": [
    {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_arrear", "model_type": "unit", "unit_config": {"unit_amount": "99.00"}},
    {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "0.002"}}]}]})";

struct Result {
    int issued = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    qint64 vmSteps = 0;
};

// CPU time of the process: on a shared machine the wall clock also counts the time spent
// waiting for a core.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int countStep(void *steps)
{
    ++*static_cast<qint64 *>(steps);
    return 0;
}

Result issueAt(const QString &dir, int customers)
{
    FixedClock clock(kStart.addMonths(1).addDays(1));
    const QString path = dir + QStringLiteral("/bench_issuing.orb");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    Result result;
    {
        CompanySettings settings;
        settings.name = QStringLiteral("Bench");
        auto file = CompanyFile::create(path, settings, clock);
        try {
            CatalogService(*file, clock).importCatalog(QByteArray(kCatalog));
        } catch (const ServiceError &e) {
            for (const FieldError &fe : e.errors())
                std::fprintf(stderr, "%s\n", qPrintable(fe.toString()));
            throw;
        }
        const PlanVersion version = CatalogService(*file, clock).planVersion(CatalogService(*file, clock).plan(QStringLiteral("bench")));
        {
            UnitOfWork uow(file->db());
            CustomerRepository repo(file->db());
            SubscriptionRepository subs(file->db());
            Ledgers ledgers(file->db());
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
                // Credits and balances, so issuing draws and settles as it does for real.
                if (c % 5 == 0) {
                    CreditBlockRecord b;
                    b.customerId = cu.id;
                    b.currency = QStringLiteral("USD");
                    b.amount = Decimal::parse(QStringLiteral("40.00"));
                    b.costBasis = Decimal(0);
                    b.effectiveDate = kStart.date();
                    b.description = QStringLiteral("prepaid");
                    ledgers.addBlock(b, kStart);
                }
                if (c % 7 == 0)
                    ledgers.appendBalance(cu.id, Decimal::parse(QStringLiteral("15.00")), QStringLiteral("USD"), QStringLiteral("manual"),
                                          QStringLiteral("goodwill"), kStart);
            }
            uow.commit();
        }
        InvoiceRunOptions o;
        o.asOf = kStart.addMonths(1).addDays(1);
        InvoiceRunService(*file, clock).run(o);

        InvoiceService service(*file, clock);
        // SQLite's virtual-machine instructions: the rows read and written, exactly.
        sqlite3 *h = file->db().sqliteHandle();
        sqlite3_progress_handler(h, 1, countStep, &result.vmSteps);
        const double cpu = cpuSeconds();
        QElapsedTimer t;
        t.start();
        CALLGRIND_START_INSTRUMENTATION;
        const QList<Invoice> issued = service.issueAll(o.asOf.date());
        CALLGRIND_STOP_INSTRUMENTATION;
        result.seconds = t.nsecsElapsed() / 1e9;
        result.cpuSeconds = cpuSeconds() - cpu;

        sqlite3_progress_handler(h, 0, nullptr, nullptr);
        CALLGRIND_DUMP_STATS_AT(QByteArray("issue " + QByteArray::number(customers)).constData());
        result.issued = int(issued.size());
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    QList<int> sizes = {1000, 10000, 100000};
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
        else if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(',')))
                if (s.toInt() > 0)
                    sizes.append(s.toInt());
        }
    }
    std::printf("issuing (InvoiceService::issueAll, one transaction), per invoice:\n");
    for (const int n : sizes) {
        const Result r = issueAt(dir, n);
        const double per = r.issued ? 1.0 / r.issued : 0.0;
        std::printf("  %7d invoices: %.2f s wall, %.2f s CPU; an invoice: %.3f ms CPU, %.3f ms wall, %lld SQLite VM steps\n", r.issued, r.seconds, r.cpuSeconds,
                    r.cpuSeconds * 1000 * per, r.seconds * 1000 * per, qint64(double(r.vmSteps) * per));
        std::fflush(stdout);
    }
    return 0;
}
