// Crash-safety harness: runs an orbctl command, kills it with SIGKILL at random moments many
// times over, re-runs it until it finishes, and checks that the work came out exactly as an
// uninterrupted run's: nothing lost, nothing doubled, the file intact.
//
//   crash_harness --orbctl PATH [--kills N] [--seed S] [--scenario NAME] [--events N]
//
// Each scenario is one row of a table: how to prepare its input, the command to interrupt and
// the check of the result. Invoice runs and sync join the table as they land.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <cstdio>
#include <functional>
#include <random>

namespace {

struct Workspace {
    QString orbctl;
    QString dir;
    QString templateDb; ///< the prepared company file every round starts from
    QString db;         ///< the company file of the current round
    QString input;
    int events = 0;
    QByteArray expectedDigest; ///< of an uninterrupted run
};

struct Scenario {
    const char *name;
    std::function<void(Workspace &)> prepare;
    std::function<QStringList(const Workspace &)> command;
    /// The digest of what the command must leave behind (compared with an uninterrupted run's).
    std::function<QByteArray(const Workspace &, QString *problem)> digest;
};

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "crash_harness: FAILED: %s\n", qPrintable(message));
    std::exit(1);
}

QProcess::ProcessChannelMode quiet() { return QProcess::SeparateChannels; }

int runToEnd(const QString &program, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(quiet());
    p.start(program, args);
    if (!p.waitForFinished(600000))
        fail(QStringLiteral("%1 %2 did not finish").arg(program, args.join(QLatin1Char(' '))));
    if (out)
        *out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit)
        fail(QStringLiteral("%1 %2 crashed: %3").arg(program, args.join(QLatin1Char(' ')), QString::fromUtf8(err)));
    if (p.exitCode() != 0)
        std::fprintf(stderr, "%s", err.left(2000).constData());
    return p.exitCode();
}

// One query's rows, each column separated by a unit separator, hashed in order.
QByteArray queryDigest(const QString &db, const char *sql, qint64 *rows, QString *problem)
{
    sqlite3 *h = nullptr;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    *rows = 0;
    if (sqlite3_open_v2(QFile::encodeName(db).constData(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *problem = QStringLiteral("cannot open %1").arg(db);
        sqlite3_close(h);
        return {};
    }
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) != SQLITE_OK) {
        *problem = QString::fromUtf8(sqlite3_errmsg(h));
        sqlite3_close(h);
        return {};
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        ++*rows;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const auto *text = sqlite3_column_text(st, c);
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(text ? text : reinterpret_cast<const unsigned char *>("\x01NULL")),
                                        text ? sqlite3_column_bytes(st, c) : 5));
            hash.addData(QByteArrayView("\x1f", 1));
        }
        hash.addData(QByteArrayView("\x1e", 1));
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return hash.result();
}

QString integrity(const QString &db)
{
    qint64 rows = 0;
    QString problem;
    sqlite3 *h = nullptr;
    sqlite3_open_v2(QFile::encodeName(db).constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    char **table = nullptr;
    int r = 0;
    int c = 0;
    QString result;
    if (sqlite3_get_table(h, "PRAGMA integrity_check", &table, &r, &c, nullptr) == SQLITE_OK && r >= 1)
        result = QString::fromUtf8(table[1]);
    else
        result = QString::fromUtf8(sqlite3_errmsg(h));
    sqlite3_free_table(table);
    sqlite3_close(h);
    Q_UNUSED(rows)
    return result == QLatin1String("ok") ? QString() : result;
}

void initCompany(Workspace &ws)
{
    ws.templateDb = QDir(ws.dir).filePath(QStringLiteral("template.orb"));
    if (runToEnd(ws.orbctl, {QStringLiteral("--db"), ws.templateDb, QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Crash Co")}) != 0)
        fail(QStringLiteral("orbctl init failed"));
    // The events span a day before "now"; all of them are live, none needs a backfill.
    if (runToEnd(ws.orbctl, {QStringLiteral("--db"), ws.templateDb, QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"),
                             QStringLiteral("48")}) != 0)
        fail(QStringLiteral("orbctl settings set failed"));
}

// Events spread over a day, three customers, a property on each; the keys are not in file
// order, so batches sort and interleave in the key index.
void prepareEvents(Workspace &ws)
{
    initCompany(ws);
    ws.input = QDir(ws.dir).filePath(QStringLiteral("events.jsonl"));
    QFile f(ws.input);
    if (!f.open(QIODevice::WriteOnly))
        fail(QStringLiteral("cannot write %1").arg(ws.input));
    for (int i = 0; i < ws.events; ++i) {
        const int secs = (i * 7) % 86000;
        const QByteArray ts = QStringLiteral("2026-03-10T%1:%2:%3Z").arg(secs / 3600, 2, 10, QLatin1Char('0')).arg(secs / 60 % 60, 2, 10, QLatin1Char('0')).arg(secs % 60, 2, 10, QLatin1Char('0')).toUtf8();
        f.write("{\"event_name\":\"api_call\",\"timestamp\":\"" + ts + "\",\"idempotency_key\":\"k-" + QByteArray::number((i * 7919) % ws.events) + '-'
                + QByteArray::number(i) + "\",\"external_customer_id\":\"cust-" + QByteArray::number(i % 3) + "\",\"properties\":{\"bytes\":"
                + QByteArray::number(i % 997) + ",\"region\":\"" + (i % 2 ? "eu" : "us") + "\"}}\n");
    }
}

QByteArray eventsDigest(const Workspace &ws, QString *problem)
{
    qint64 rows = 0;
    const QByteArray d = queryDigest(ws.db,
                                     "SELECT idempotency_key, event_name, ts, external_customer_id, properties, status FROM usage_events "
                                     "ORDER BY idempotency_key",
                                     &rows, problem);
    if (problem->isEmpty() && rows != ws.events)
        *problem = QStringLiteral("%1 events stored, %2 expected").arg(rows).arg(ws.events);
    return d;
}

const QList<Scenario> &scenarios()
{
    static const QList<Scenario> list = {
        {"events-import", &prepareEvents,
         [](const Workspace &ws) {
             return QStringList{QStringLiteral("--db"), ws.db, QStringLiteral("--now"), QStringLiteral("2026-03-11T00:30:00Z"), QStringLiteral("events"),
                                QStringLiteral("import"), ws.input, QStringLiteral("--checkpoint"), QStringLiteral("500")};
         },
         &eventsDigest},
    };
    return list;
}

void freshRound(Workspace &ws, int round)
{
    ws.db = QDir(ws.dir).filePath(QStringLiteral("round-%1.orb").arg(round));
    if (!QFile::copy(ws.templateDb, ws.db))
        fail(QStringLiteral("cannot copy the template company file"));
}

void removeRound(const Workspace &ws)
{
    for (const char *s : {"", "-wal", "-shm", "-journal"})
        QFile::remove(ws.db + QLatin1String(s));
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
    cl.addOption({QStringLiteral("scenario"), QStringLiteral("Run only this scenario."), QStringLiteral("NAME")});
    cl.addOption({QStringLiteral("events"), QStringLiteral("Events in the import (default 20000)."), QStringLiteral("N"), QStringLiteral("20000")});
    cl.process(app);
    const QString orbctl = cl.value(QStringLiteral("orbctl"));
    if (orbctl.isEmpty() || !QFile::exists(orbctl))
        fail(QStringLiteral("--orbctl: name the orbctl program"));
    const int kills = cl.value(QStringLiteral("kills")).toInt();
    const quint64 seed = cl.isSet(QStringLiteral("seed")) ? cl.value(QStringLiteral("seed")).toULongLong()
                                                          : quint64(QDateTime::currentMSecsSinceEpoch());
    std::printf("crash_harness: seed %llu (re-run with --seed %llu)\n", static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    std::mt19937_64 rng(seed);

    int failedScenarios = 0;
    for (const Scenario &sc : scenarios()) {
        if (cl.isSet(QStringLiteral("scenario")) && cl.value(QStringLiteral("scenario")) != QLatin1String(sc.name))
            continue;
        QTemporaryDir tmp;
        Workspace ws;
        ws.orbctl = orbctl;
        ws.dir = tmp.path();
        ws.events = cl.value(QStringLiteral("events")).toInt();
        sc.prepare(ws);

        // The reference: one uninterrupted run, timed to spread the kills over its length.
        freshRound(ws, 0);
        QElapsedTimer timer;
        timer.start();
        if (runToEnd(orbctl, sc.command(ws)) != 0)
            fail(QStringLiteral("%1: the uninterrupted run failed").arg(QLatin1String(sc.name)));
        const qint64 fullMs = qMax<qint64>(timer.elapsed(), 20);
        QString problem;
        ws.expectedDigest = sc.digest(ws, &problem);
        if (!problem.isEmpty())
            fail(QStringLiteral("%1: the uninterrupted run: %2").arg(QLatin1String(sc.name), problem));
        removeRound(ws);
        std::printf("%s: an uninterrupted run takes %lld ms\n", sc.name, static_cast<long long>(fullMs));

        int killed = 0;
        int rounds = 0;
        int runs = 0;
        while (killed < kills) {
            freshRound(ws, ++rounds);
            int killsThisRound = 0;
            for (;;) {
                QProcess p;
                p.setProcessChannelMode(quiet());
                ++runs;
                p.start(orbctl, sc.command(ws));
                if (!p.waitForStarted())
                    fail(QStringLiteral("cannot start %1").arg(orbctl));
                // Kill somewhere in the run's length (start-up included), while kills remain.
                std::uniform_int_distribution<qint64> delay(0, fullMs * 11 / 10);
                const qint64 at = killed < kills ? delay(rng) : fullMs * 100;
                if (!p.waitForFinished(int(at))) {
                    p.kill(); // SIGKILL
                    p.waitForFinished(-1);
                    ++killed;
                    ++killsThisRound;
                    continue;
                }
                if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
                    fail(QStringLiteral("%1 (seed %2, round %3): the re-run failed with %4: %5")
                             .arg(QLatin1String(sc.name)).arg(seed).arg(rounds).arg(p.exitCode()).arg(QString::fromUtf8(p.readAllStandardError())));
                break;
            }
            const QString broken = integrity(ws.db);
            if (!broken.isEmpty())
                fail(QStringLiteral("%1 (seed %2, round %3): integrity_check: %4").arg(QLatin1String(sc.name)).arg(seed).arg(rounds).arg(broken));
            problem.clear();
            const QByteArray d = sc.digest(ws, &problem);
            if (!problem.isEmpty() || d != ws.expectedDigest) {
                std::fprintf(stderr, "%s (seed %llu, round %d, after %d kills): %s\n", sc.name, static_cast<unsigned long long>(seed), rounds,
                             killsThisRound, problem.isEmpty() ? "the content differs from an uninterrupted run" : qPrintable(problem));
                ++failedScenarios;
                break;
            }
            removeRound(ws);
        }
        std::printf("%s: survived %d SIGKILLs in %d rounds (%d runs); every round finished with all %d events, none doubled\n", sc.name,
                    killed, rounds, runs, ws.events);
    }
    return failedScenarios == 0 ? 0 : 1;
}
