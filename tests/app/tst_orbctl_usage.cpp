// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SqliteStatement.h"
#include "models/StorageError.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <csignal>

using orb::test::ProcessResult;

/// The usage nouns of orbctl (events, backfills, usage) run as a process.

namespace {

/// Runs one SQL statement on the company file with SQLite's C API (as an outside reader would)
/// and returns its rows as "a|b" lines, like the sqlite3 shell.
ProcessResult sqlite(const QString &db, const QString &sql)
{
    ProcessResult r;
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        r.exitCode = 1;
        return r;
    }
    sqlite3_busy_timeout(h, 5000);
    try {
        const QByteArray text = sql.toUtf8();
        orb::SqliteStatement st(h, text.constData(), int(text.size()), "running a test statement");
        while (st.next()) {
            QByteArrayList cells;
            for (int i = 0; i < sqlite3_column_count(st); ++i)
                cells << QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, i)));
            r.out += cells.join('|') + '\n';
        }
        r.exitCode = 0;
    } catch (const orb::ServiceError &e) {
        r.exitCode = 1;
        r.err = e.message().toUtf8();
    }
    sqlite3_close(h);
    return r;
}

} // namespace

class TestOrbctlUsage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void importSearchAmendUsage();
    void importKilledHalfwayResumes();

private:
    ProcessResult orbctl(const QStringList &args) const;
    QJsonObject json(const QStringList &args, int expectedExit = 0) const;
    QString writeEvents(const QString &name, int count, int firstKey = 0) const;
    QString m_db;
    QTemporaryDir m_dir;
};

ProcessResult TestOrbctlUsage::orbctl(const QStringList &args) const
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH),
                          QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--now"), QStringLiteral("2026-03-10T12:00:00Z")} + args);
}

QJsonObject TestOrbctlUsage::json(const QStringList &args, int expectedExit) const
{
    const ProcessResult r = orbctl(QStringList{QStringLiteral("--json")} + args);
    if (r.exitCode != expectedExit)
        qWarning("orbctl %s → %d\n%s", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    [&] { QCOMPARE(r.exitCode, expectedExit); }();
    return QJsonDocument::fromJson(r.out).object();
}

QString TestOrbctlUsage::writeEvents(const QString &name, int count, int firstKey) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    QByteArray chunk;
    for (int i = 0; i < count; ++i) {
        const int k = firstKey + i;
        chunk += "{\"event_name\":\"api_call\",\"timestamp\":\"2026-03-10T0" + QByteArray::number(1 + k % 9) + ":00:00Z\",\"idempotency_key\":\"key-"
                 + QByteArray::number(k) + "\",\"external_customer_id\":\"acme\",\"properties\":{\"region\":\"" + (k % 3 ? "eu" : "us") + "\"}}\n";
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
    return path;
}

void TestOrbctlUsage::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("usage%1.orb").arg(++n));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Usage Co"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                     QStringLiteral("--timezone"), QStringLiteral("Europe/Amsterdam")})
                 .exitCode,
             0);
    m_db = orb::test::onTestEngine(m_db);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme"), QStringLiteral("--external-id"),
                     QStringLiteral("acme")})
                 .exitCode,
             0);
}

void TestOrbctlUsage::importSearchAmendUsage()
{
    QByteArray content = writeEvents(QStringLiteral("a.jsonl"), 0).toUtf8(); // just the path
    QFile f(QString::fromUtf8(content));
    f.open(QIODevice::WriteOnly);
    f.write(R"({"event_name":"api_call","timestamp":"2026-03-10T09:00:00Z","idempotency_key":"a1","external_customer_id":"acme","properties":{"region":"eu"}})"
            "\n"
            R"({"event_name":"api_call","timestamp":"2026-03-10T09:30:00Z","idempotency_key":"a2","external_customer_id":"acme","properties":{"region":"us"}})"
            "\n"
            R"({"event_name":"api_call","timestamp":"2026-03-10T09:30:00Z","idempotency_key":"a2","external_customer_id":"acme","properties":{"region":"us"}})"
            "\n"
            R"({"event_name":"api_call","timestamp":"2027-01-01T00:00:00Z","idempotency_key":"a3","external_customer_id":"acme"})"
            "\n");
    f.close();
    const QString rejects = m_dir.filePath(QStringLiteral("rejects.jsonl"));
    const QJsonObject s = json({QStringLiteral("events"), QStringLiteral("import"), f.fileName(), QStringLiteral("--rejects"), rejects}, 2);
    QCOMPARE(s.value(QStringLiteral("accepted")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("duplicates")).toInt(), 1);
    QCOMPARE(s.value(QStringLiteral("rejected")).toInt(), 1);
    QFile rf(rejects);
    QVERIFY(rf.open(QIODevice::ReadOnly));
    const QJsonObject reject = QJsonDocument::fromJson(rf.readLine()).object();
    QCOMPARE(reject.value(QStringLiteral("line")).toInt(), 4);
    QCOMPARE(reject.value(QStringLiteral("reason")).toString(), QStringLiteral("timestamp: 2027-01-01T00:00:00Z is more than 5 minutes in the future"));

    // Re-importing the same file: all duplicates, human output.
    const ProcessResult again = orbctl({QStringLiteral("events"), QStringLiteral("import"), f.fileName()});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.out.contains("accepted 0, duplicates 3, rejected 1"), again.out.constData());

    const QJsonObject found = json({QStringLiteral("events"), QStringLiteral("search"), QStringLiteral("--customer"), QStringLiteral("acme")});
    QCOMPARE(found.value(QStringLiteral("data")).toArray().size(), 2);
    const QJsonObject amended =
        json({QStringLiteral("events"), QStringLiteral("amend"), QStringLiteral("a1"), QStringLiteral("--properties"), QStringLiteral(R"({"region":"us"})")});
    QCOMPARE(amended.value(QStringLiteral("properties_json")).toString(), QStringLiteral(R"({"region":"us"})"));
    QCOMPARE(json({QStringLiteral("events"), QStringLiteral("deprecate"), QStringLiteral("a2")}).value(QStringLiteral("status")).toString(),
             QStringLiteral("deprecated"));
    QCOMPARE(orbctl({QStringLiteral("events"), QStringLiteral("deprecate"), QStringLiteral("nope")}).exitCode, 3);

    // Usage needs a metric; this test is about usage, so the metric goes in directly.
    ORB_SQLITE_ONLY("the rest writes its metric with the sqlite3 shell (the server's usage reads are compared with the file's by pg_serverreads)");
    {
        const ProcessResult r = sqlite(
            m_db,
            QStringLiteral(
                "INSERT INTO billable_metrics (id, name, event_name, aggregation, definition, created_at, updated_at) VALUES "
                "('bm_calls', 'calls', 'api_call', 'count', '{\"aggregation\":\"count\",\"event_name\":\"api_call\",\"id\":\"bm_calls\",\"name\":\"calls\"}', "
                "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
        if (r.exitCode != 0)
            QFAIL(r.err.constData());
    }
    const QJsonObject usage =
        json({QStringLiteral("usage"), QStringLiteral("--customer"), QStringLiteral("acme"), QStringLiteral("--metric"), QStringLiteral("calls"),
              QStringLiteral("--from"), QStringLiteral("2026-03-10"), QStringLiteral("--to"), QStringLiteral("2026-03-11"), QStringLiteral("--granularity"),
              QStringLiteral("day"), QStringLiteral("--group-by"), QStringLiteral("region")});
    const QJsonArray data = usage.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0].toObject().value(QStringLiteral("timeframe_start")).toString(), QStringLiteral("2026-03-09T23:00:00Z"));
    QCOMPARE(data[0].toObject().value(QStringLiteral("quantity")).toString(), QStringLiteral("1")); // a2 deprecated, a1 amended
    const QJsonArray groups = data[0].toObject().value(QStringLiteral("groups")).toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0].toObject().value(QStringLiteral("group")).toObject().value(QStringLiteral("region")).toString(), QStringLiteral("us"));
}

void TestOrbctlUsage::importKilledHalfwayResumes()
{
    ORB_SQLITE_ONLY("the sqlite3 shell counts the committed rows in the file while orbctl imports");
    const int total = 300000;
    const QString path = writeEvents(QStringLiteral("big.jsonl"), total);
    QProcess p;
    p.start(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_db, QStringLiteral("--now"), QStringLiteral("2026-03-10T12:00:00Z"),
                                          QStringLiteral("events"), QStringLiteral("import"), path, QStringLiteral("--checkpoint"), QStringLiteral("20000")});
    QVERIFY(p.waitForStarted());
    // Kill it once some checkpoints are committed but before the end.
    int committed = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 60000 && p.state() == QProcess::Running) {
        const ProcessResult r = sqlite(m_db, QStringLiteral("SELECT count(*) FROM usage_events"));
        committed = r.out.trimmed().toInt();
        if (r.exitCode != 0)
            QFAIL(r.err.constData());
        if (committed >= 40000)
            break;
        QTest::qWait(20);
    }
    QVERIFY2(p.state() == QProcess::Running, "the import finished before it could be killed; raise the size");
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    const int before = sqlite(m_db, QStringLiteral("SELECT count(*) FROM usage_events")).out.trimmed().toInt();
    QVERIFY2(before > 0 && before < total, QByteArray::number(before).constData());
    QCOMPARE(before % 20000, 0); // whole checkpoints only

    const QJsonObject s = json({QStringLiteral("events"), QStringLiteral("import"), path});
    QCOMPARE(qint64(s.value(QStringLiteral("resumed_at_line")).toDouble()), qint64(before) + 1);
    QCOMPARE(s.value(QStringLiteral("accepted")).toInt(), total);
    QCOMPARE(s.value(QStringLiteral("duplicates")).toInt(), 0);
    QCOMPARE(s.value(QStringLiteral("rejected")).toInt(), 0);
    const ProcessResult count = sqlite(m_db, QStringLiteral("SELECT count(*), count(DISTINCT idempotency_key) FROM usage_events"));
    QCOMPARE(count.out.trimmed(), QByteArray("300000|300000"));
}

QTEST_GUILESS_MAIN(TestOrbctlUsage)
#include "tst_orbctl_usage.moc"
