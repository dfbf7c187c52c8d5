// SPDX-License-Identifier: GPL-3.0-or-later
// Crash-safety harness: runs an orbctl command, kills it with SIGKILL at random moments many
// times over, re-runs it until it finishes, and checks that the work came out exactly as an
// uninterrupted run's: nothing lost, nothing doubled, the file intact.
//
//   crash_harness --orbctl PATH [--kills N] [--seed S] [--scenario NAME] [--events N] [--scale K]
//
// Each scenario is one row of a table (CrashSupport.h): how to prepare its input, the commands
// to interrupt (one or more steps per round) and the digest of the result.

#include "CrashSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <random>

using namespace crash;

namespace {

// The table. Built in main() and gone before the application object: the sync row owns a
// stand-in server thread.
QList<Scenario> scenarios()
{
    return {eventsImportScenario(),       invoiceRunScenario(),    invoiceIssueScenario(),     syncScenario(),
            syncDayGapsScenario(),        syncMonthGapScenario(),  syncMoneyDayGapsScenario(), syncMoneyMonthGapScenario(),
            serverInvoiceIssueScenario(), serverPaymentsScenario()};
}

void freshRound(const Scenario &sc, Workspace &ws, int round)
{
    if (sc.server) {
        // A database of its own per round (and per harness process) on the test cluster.
        ws.db = serverRound(ws, QStringLiteral("crash_%1_%2").arg(QCoreApplication::applicationPid()).arg(round));
        return;
    }
    ws.db = QDir(ws.dir).filePath(QStringLiteral("round-%1.orb").arg(round));
    if (!QFile::copy(ws.templateDb, ws.db))
        fail(QStringLiteral("cannot copy the template company file"));
}

void removeRound(const Workspace &ws)
{
    if (isServer(ws.db)) {
        dropServerRound(ws.db);
        return;
    }
    for (const char *s : {"", "-wal", "-shm", "-journal"})
        QFile::remove(ws.db + QLatin1String(s));
}

/// The first line where a round's digest departs from the uninterrupted round's.
void showDifference(const QByteArray &expected, const QByteArray &actual)
{
    const QList<QByteArray> a = expected.split('\n');
    const QList<QByteArray> b = actual.split('\n');
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i)
        if (a.value(i) != b.value(i)) {
            std::fprintf(stderr, "  line %lld of the digest\n  uninterrupted: %s\n  this round:    %s\n", static_cast<long long>(i + 1),
                         a.value(i).left(400).constData(), b.value(i).left(400).constData());
            return;
        }
}

/// How long a step of the uninterrupted round took, and the outside requests it made.
struct StepLength {
    qint64 ms = 0;
    qint64 requests = 0;
};

struct Tally {
    int killed = 0;
    int rounds = 0;
    int runs = 0;
};

/// Waits until the run has made `k` more outside requests than `base` or has finished;
/// true when it is still running.
bool waitForRequest(const Scenario &sc, QProcess &p, qint64 base, qint64 k)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (sc.requests() - base >= k)
            return true;
        if (p.waitForFinished(1))
            return false;
        if (waited.elapsed() > 600000)
            fail(QStringLiteral("%1: a run neither finished nor made its requests in 10 minutes").arg(QLatin1String(sc.name)));
    }
}

/// Runs one step, killing it at random moments (while kills remain) until it finishes.
void interruptStep(const Scenario &sc, Workspace &ws, int step, const StepLength &length, int kills, std::mt19937_64 &rng, quint64 seed, Tally &t)
{
    qint64 requestsDone = 0; // by the killed runs of this step
    int killsThisStep = 0;
    for (;;) {
        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.setProcessEnvironment(ws.environment);
        ++t.runs;
        const qint64 base = sc.requests ? sc.requests() : 0;
        p.start(ws.orbctl, sc.command(ws, step));
        if (!p.waitForStarted())
            fail(QStringLiteral("cannot start %1").arg(ws.orbctl));
        // Kill somewhere in the step's length (start-up included), or as its k-th outside
        // request arrives, while kills remain.
        // The window doubles every ten kills of one step: a machine busier than during the
        // uninterrupted round makes every run longer, and a round must still come to an end.
        const qint64 fullMs = length.ms << std::min(killsThisStep / 10, 6);
        std::uniform_int_distribution<qint64> delay(0, fullMs * 11 / 10);
        const qint64 at = t.killed < kills ? delay(rng) : std::max<qint64>(fullMs * 100, 600000);
        // Requests are counted against the uninterrupted step's: once the killed runs have
        // made as many, the rest of the step is left to time kills (or to finish).
        const bool targeted = t.killed < kills && sc.requests && requestsDone < length.requests && rng() % 2 == 0;
        // k falls in what is left of the step's requests, so kills spread over all of them.
        const qint64 left = length.requests - requestsDone;
        const bool running = targeted ? waitForRequest(sc, p, base, std::uniform_int_distribution<qint64>(1, left)(rng)) : !p.waitForFinished(int(at));
        if (running) {
            p.kill(); // SIGKILL
            p.waitForFinished(-1);
            ++t.killed;
            ++killsThisStep;
            if (targeted)
                ++ws.seen[QStringLiteral("kills as an outside request arrived (its answer held back)")];
            if (sc.requests)
                requestsDone += sc.requests() - base;
            continue;
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            fail(QStringLiteral("%1 (seed %2, round %3, step %4): the re-run failed with %5: %6")
                     .arg(QLatin1String(sc.name))
                     .arg(seed)
                     .arg(t.rounds)
                     .arg(step)
                     .arg(p.exitCode())
                     .arg(QString::fromUtf8(p.readAllStandardError().left(4000))));
        return;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cl;
    cl.addHelpOption();
    cl.addOption({QStringLiteral("orbctl"), QStringLiteral("The orbctl program."), QStringLiteral("PATH")});
    cl.addOption({QStringLiteral("kills"), QStringLiteral("How many SIGKILLs per scenario (default 24)."), QStringLiteral("N"), QStringLiteral("24")});
    cl.addOption({QStringLiteral("seed"), QStringLiteral("The random seed (default: from the clock; printed)."), QStringLiteral("S")});
    cl.addOption({QStringLiteral("scenario"), QStringLiteral("Run only these scenarios (comma-separated)."), QStringLiteral("NAME")});
    cl.addOption({QStringLiteral("events"), QStringLiteral("Events in the import (default 20000)."), QStringLiteral("N"), QStringLiteral("20000")});
    cl.addOption({QStringLiteral("scale"), QStringLiteral("Multiplies the customers of the billing and sync scenarios (default 1)."), QStringLiteral("K"),
                  QStringLiteral("1")});
    cl.process(app);
    const QString orbctl = cl.value(QStringLiteral("orbctl"));
    if (orbctl.isEmpty() || !QFile::exists(orbctl))
        fail(QStringLiteral("--orbctl: name the orbctl program"));
    const int kills = cl.value(QStringLiteral("kills")).toInt();
    const int scale = std::max(1, cl.value(QStringLiteral("scale")).toInt());
    const quint64 seed = cl.isSet(QStringLiteral("seed")) ? cl.value(QStringLiteral("seed")).toULongLong() : quint64(QDateTime::currentMSecsSinceEpoch());
    std::printf("crash_harness: seed %llu (re-run with --seed %llu)\n", static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    std::fflush(stdout);
    const QList<Scenario> table = scenarios();
    const QStringList only = cl.value(QStringLiteral("scenario")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &name : only)
        if (std::none_of(table.begin(), table.end(), [&](const Scenario &s) { return name == QLatin1String(s.name); }))
            fail(QStringLiteral("--scenario: no scenario \"%1\"").arg(name));

    int failedScenarios = 0;
    for (const Scenario &sc : table) {
        if (!only.isEmpty() && !only.contains(QLatin1String(sc.name)))
            continue;
        std::mt19937_64 rng(seed);
        QElapsedTimer scenarioTimer;
        scenarioTimer.start();
        QTemporaryDir tmp;
        Workspace ws;
        ws.orbctl = orbctl;
        ws.dir = tmp.path();
        ws.events = cl.value(QStringLiteral("events")).toInt();
        ws.scale = scale;
        ws.environment = QProcessEnvironment::systemEnvironment();
        sc.prepare(ws);

        // The reference: one uninterrupted round, each step timed to spread the kills over it.
        freshRound(sc, ws, 0);
        QList<StepLength> stepLength;
        for (int step = 0; step < sc.steps; ++step) {
            if (sc.beforeStep)
                sc.beforeStep(ws, step);
            QElapsedTimer timer;
            timer.start();
            const qint64 before = sc.requests ? sc.requests() : 0;
            if (runToEnd(orbctl, sc.command(ws, step), nullptr, ws.environment) != 0)
                fail(QStringLiteral("%1: the uninterrupted run of step %2 failed").arg(QLatin1String(sc.name)).arg(step));
            stepLength.append({std::max<qint64>(timer.elapsed(), 20), sc.requests ? sc.requests() - before : 0});
        }
        QString problem;
        const QByteArray expected = sc.digest(ws, &problem);
        if (!problem.isEmpty())
            fail(QStringLiteral("%1: the uninterrupted run: %2").arg(QLatin1String(sc.name), problem));
        removeRound(ws);
        ws.seen.clear();
        QStringList lengths;
        for (const StepLength &l : stepLength)
            lengths.append(QString::number(l.ms));
        std::printf("%s: an uninterrupted round takes %s ms (%s)\n", sc.name, qPrintable(lengths.join(QStringLiteral(" + "))), qPrintable(ws.finished));
        std::fflush(stdout);

        Tally t;
        bool failed = false;
        while (t.killed < kills && !failed) {
            freshRound(sc, ws, ++t.rounds);
            const int killedBefore = t.killed;
            for (int step = 0; step < sc.steps; ++step) {
                if (sc.beforeStep)
                    sc.beforeStep(ws, step);
                interruptStep(sc, ws, step, stepLength.at(step), kills, rng, seed, t);
            }
            const QString broken = integrity(ws, ws.db);
            if (!broken.isEmpty())
                fail(QStringLiteral("%1 (seed %2, round %3): integrity_check: %4").arg(QLatin1String(sc.name)).arg(seed).arg(t.rounds).arg(broken));
            problem.clear();
            const QByteArray d = sc.digest(ws, &problem);
            if (!problem.isEmpty() || d != expected) {
                std::fprintf(stderr, "%s (seed %llu, round %d, after %d kills): %s (kept in %s)\n", sc.name, static_cast<unsigned long long>(seed), t.rounds,
                             t.killed - killedBefore, problem.isEmpty() ? "the content differs from an uninterrupted run" : qPrintable(problem),
                             qPrintable(ws.db));
                if (problem.isEmpty())
                    showDifference(expected, d);
                tmp.setAutoRemove(false);
                ++failedScenarios;
                failed = true;
                break;
            }
            removeRound(ws);
        }
        if (!failed) {
            std::printf("%s: survived %d SIGKILLs in %d rounds (%d runs, %.1f s); every round ended with %s\n", sc.name, t.killed, t.rounds, t.runs,
                        double(scenarioTimer.elapsed()) / 1000.0, qPrintable(ws.finished));
            for (auto it = ws.seen.cbegin(); it != ws.seen.cend(); ++it)
                std::printf("%s: over the interrupted rounds, %s: %lld\n", sc.name, qPrintable(it.key()), static_cast<long long>(it.value()));
        }
        std::fflush(stdout);
    }
    return failedScenarios == 0 ? 0 : 1;
}
