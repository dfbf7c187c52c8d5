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
//
// The peer comparison (docs/PERFORMANCE-FIGURES.md):
//
//   bench_issuing --peer gnucash [--peer-up-to 10000] [--python python3] [--peer-script PATH] --sizes 1000,10000,100000
//
// builds N customers on a plan of three fixed fees with a 19 % tax rate on their items, times
// the invoice run and issueAll (what `orbctl invoices run` + `orbctl invoices issue --all-due`
// do) and, in the same run, tests/benchmarks/peers/gnucash_invoices.py creating and posting the
// same N invoices of three taxed lines in a GnuCash SQLite book; it prints both and the ratio.
// Sizes above --peer-up-to are measured for Orb alone.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/Ledgers.h"
#include "models/billing/SubscriptionRepository.h"
#include "models/catalog/CatalogService.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>

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
#include <optional>
#include <memory>

// Set by CMake to the source tree's tests/benchmarks/peers.
#ifndef ORB_PEER_SCRIPT_DIR
#define ORB_PEER_SCRIPT_DIR "tests/benchmarks/peers"
#endif

using namespace orb;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

const char *kCatalog = R"({"items": [{"name": "Platform"}, {"name": "Calls"}],
  "billable_metrics": [{"name": "calls", "event_name": "api_call", "aggregation": "count"}],
  "plans": [{"external_plan_id": "bench", "name": "Bench", "currency": "USD", "prices": [
    {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_arrear", "model_type": "unit", "unit_config": {"unit_amount": "99.00"}},
    {"name": "Calls", "item_name": "Calls", "billable_metric_name": "calls", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "0.002"}}]}]})";

// The peer's invoice: three fixed fees, each taxed at 19 % (gnucash_invoices.py has the same
// three lines: 99.00, 25.00 and 5 × 12.00).
const char *kPeerCatalog = R"({"items": [{"name": "Platform"}, {"name": "Support"}, {"name": "Seats"}],
  "plans": [{"external_plan_id": "bench", "name": "Bench", "currency": "USD", "prices": [
    {"name": "Platform", "item_name": "Platform", "cadence": "monthly", "billing_mode": "in_arrear", "model_type": "unit", "unit_config": {"unit_amount": "99.00"}},
    {"name": "Support", "item_name": "Support", "cadence": "monthly", "billing_mode": "in_arrear", "model_type": "unit", "unit_config": {"unit_amount": "25.00"}},
    {"name": "Seats", "item_name": "Seats", "cadence": "monthly", "billing_mode": "in_arrear", "model_type": "unit", "fixed_price_quantity": 5, "unit_config": {"unit_amount": "12.00"}}]}]})";

enum class Shape {
    Mixed, ///< a fee and usage, credits and balances: issuing draws and settles
    Peer,  ///< three taxed fixed fees, as the GnuCash peer writes them
};

struct Result {
    int issued = 0;
    int lines = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    double runSeconds = 0; ///< the invoice run before (timed in the peer comparison)
    double runCpuSeconds = 0;
    qint64 vmSteps = 0;
    QString lastTotal;
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

void removeFile(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

/// A fresh company of `customers` customers, each with a subscription from January 1st.
std::unique_ptr<CompanyFile> buildCompany(const QString &path, const Clock &clock, int customers, Shape shape)
{
    removeFile(path);
    CompanySettings settings;
    settings.name = QStringLiteral("Bench");
    auto file = CompanyFile::create(path, settings, clock);
    try {
        CatalogService(*file, clock).importCatalog(QByteArray(shape == Shape::Peer ? kPeerCatalog : kCatalog));
    } catch (const ServiceError &e) {
        for (const FieldError &fe : e.errors())
            std::fprintf(stderr, "%s\n", qPrintable(fe.toString()));
        throw;
    }
    if (shape == Shape::Peer) {
        BillingSetupService setup(*file, clock);
        const TaxRateRecord vat = setup.createTaxRate(QStringLiteral("VAT 19"), QStringLiteral("19"));
        for (const QString &item : {QStringLiteral("Platform"), QStringLiteral("Support"), QStringLiteral("Seats")})
            setup.assignTaxRate(vat.id, QString(), item);
    }
    const PlanVersion version = CatalogService(*file, clock).planVersion(CatalogService(*file, clock).plan(QStringLiteral("bench")));
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
        if (shape != Shape::Mixed)
            continue;
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
            ledgers.appendBalance(cu.id, Decimal::parse(QStringLiteral("15.00")), QStringLiteral("USD"), QStringLiteral("manual"), QStringLiteral("goodwill"),
                                  kStart);
    }
    uow.commit();
    return file;
}

Result issueAt(const QString &dir, int customers, Shape shape)
{
    FixedClock clock(kStart.addMonths(1).addDays(1));
    const QString path = dir + QStringLiteral("/bench_issuing.orb");
    Result result;
    {
        auto file = buildCompany(path, clock, customers, shape);
        InvoiceRunOptions o;
        o.asOf = kStart.addMonths(1).addDays(1);
        const double runCpu = cpuSeconds();
        QElapsedTimer run;
        run.start();
        InvoiceRunService(*file, clock).run(o);
        result.runSeconds = run.nsecsElapsed() / 1e9;
        result.runCpuSeconds = cpuSeconds() - runCpu;

        InvoiceService service(*file, clock);
        // SQLite's virtual-machine instructions: the rows read and written, exactly.
        sqlite3 *h = file->db().sqliteHandle();
        sqlite3_progress_handler(h, 1, countStep, &result.vmSteps);
        const double cpu = cpuSeconds();
        QElapsedTimer t;
        t.start();
        CALLGRIND_START_INSTRUMENTATION;
        // What `orbctl invoices issue --all-due` does, streamed: the last invoice is kept as a
        // check of the work, not all of them.
        std::optional<Invoice> last;
        const qint64 issuedCount = service.issueAll(o.asOf.date(), [&last](const Invoice &inv) { last = inv; });
        CALLGRIND_STOP_INSTRUMENTATION;
        result.seconds = t.nsecsElapsed() / 1e9;
        result.cpuSeconds = cpuSeconds() - cpu;
        sqlite3_progress_handler(h, 0, nullptr, nullptr);
        CALLGRIND_DUMP_STATS_AT(QByteArray("issue " + QByteArray::number(customers)).constData());
        result.issued = int(issuedCount);
        if (last) {
            result.lines = int(last->document.value(QStringLiteral("line_items")).toArray().size());
            result.lastTotal = moneyText(last->total, last->currency);
        }
    }
    removeFile(path);
    return result;
}

struct PeerResult {
    bool ok = false;
    double seconds = 0;
    double cpuSeconds = 0;
};

/// Runs the peer script for n invoices and reads the times it prints.
PeerResult runPeer(const QString &python, const QString &script, const QString &dir, int n)
{
    PeerResult r;
    QProcess p;
    p.start(python, {script, QStringLiteral("--invoices"), QString::number(n), QStringLiteral("--dir"), dir});
    const bool finished = p.waitForStarted(-1) && p.waitForFinished(-1);
    // GnuCash logs to stderr as it goes (4.13 also reports a failed commit of the book record
    // when a session opened on an SQLite book ends, harmlessly): shown only when the run failed.
    const QByteArray errors = p.readAllStandardError();
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "the peer (%s %s) failed: %s\n%s\n", qPrintable(python), qPrintable(script), qPrintable(p.errorString()), errors.constData());
        return r;
    }
    // Its last line: "gnucash: N invoices in S s wall, C s CPU".
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    for (const QByteArray &line : lines)
        std::printf("    %s\n", line.constData());
    const QList<QByteArray> words = lines.last().split(' ');
    bool wallOk = false;
    bool cpuOk = false;
    if (words.size() >= 9) {
        r.seconds = words.at(words.size() - 6).toDouble(&wallOk);
        r.cpuSeconds = words.at(words.size() - 3).toDouble(&cpuOk);
    }
    r.ok = wallOk && cpuOk;
    if (!r.ok)
        std::fprintf(stderr, "the peer's last line was not understood: %s\n", lines.last().constData());
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::tempPath();
    QList<int> sizes = {1000, 10000, 100000};
    QString peer;
    int peerUpTo = 10000;
    QString python = QStringLiteral("/usr/bin/python3");
    QString script = QStringLiteral(ORB_PEER_SCRIPT_DIR "/gnucash_invoices.py");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
        else if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(',')))
                if (s.toInt() > 0)
                    sizes.append(s.toInt());
        } else if (args[i] == QLatin1String("--peer"))
            peer = args[i + 1];
        else if (args[i] == QLatin1String("--peer-up-to"))
            peerUpTo = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--python"))
            python = args[i + 1];
        else if (args[i] == QLatin1String("--peer-script"))
            script = args[i + 1];
        else {
            std::fprintf(stderr, "bench_issuing: unknown option %s\n", qPrintable(args[i]));
            return 2;
        }
    }
    if (!peer.isEmpty() && peer != QLatin1String("gnucash")) {
        std::fprintf(stderr, "bench_issuing: the only peer is gnucash, not %s\n", qPrintable(peer));
        return 2;
    }
    if (peer.isEmpty()) {
        std::printf("issuing (InvoiceService::issueAll, one transaction), per invoice:\n");
        for (const int n : sizes) {
            const Result r = issueAt(dir, n, Shape::Mixed);
            const double per = r.issued ? 1.0 / r.issued : 0.0;
            std::printf("  %7d invoices: %.2f s wall, %.2f s CPU; an invoice: %.3f ms CPU, %.3f ms wall, %lld SQLite VM steps\n", r.issued, r.seconds,
                        r.cpuSeconds, r.cpuSeconds * 1000 * per, r.seconds * 1000 * per, qint64(double(r.vmSteps) * per));
            std::fflush(stdout);
        }
        return 0;
    }
    std::printf("create and post N invoices of 3 lines taxed at 19 %%: Orb (invoice run + issueAll) beside GnuCash (%s) in %s\n", qPrintable(script),
                qPrintable(dir));
    for (const int n : sizes) {
        const Result r = issueAt(dir, n, Shape::Peer);
        const double orb = r.runSeconds + r.seconds;
        const double orbCpu = r.runCpuSeconds + r.cpuSeconds;
        std::printf(
            "  %7d invoices, Orb: %.2f s wall, %.2f s CPU (run %.2f s, issue %.2f s wall / %.2f s CPU = %.3f ms CPU an invoice); %d lines, last total %s\n",
            r.issued, orb, orbCpu, r.runSeconds, r.seconds, r.cpuSeconds, r.issued ? r.cpuSeconds * 1000 / r.issued : 0.0, r.lines, qPrintable(r.lastTotal));
        std::fflush(stdout);
        if (n > peerUpTo)
            continue;
        const PeerResult g = runPeer(python, script, dir, n);
        if (!g.ok)
            return 1;
        std::printf("  %7d invoices, GnuCash: %.2f s wall, %.2f s CPU; Orb is %.1fx faster by CPU time (%.1fx by the wall clock)\n", n, g.seconds, g.cpuSeconds,
                    g.cpuSeconds / orbCpu, g.seconds / orb);
        std::fflush(stdout);
    }
    return 0;
}
