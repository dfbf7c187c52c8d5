// SPDX-License-Identifier: GPL-3.0-or-later
// orbctl sync as a process against the Stripe stand-in: a run killed mid-sync and started
// again leaves exactly one of everything in Stripe; the key never reaches the company file,
// the output or the command line; set-key takes the key on standard input only.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using orb::test::ProcessResult;
using namespace orb::standin;

namespace {

const QString Key = QStringLiteral("sk_test_orbctlSyncKey4711xyz");

/// Runs `sql` on the company behind Orb's back: the file with SQLite, a server company as its
/// owner with psql would. Returns the error, or an empty string.
QString rawEdit(const QString &db, const QString &sql)
{
    const bool server = orb::test::serverEngine();
    QString error;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(server ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        if (server) {
            raw.setHostName(orb::test::pgTestSocket());
            raw.setUserName(QStringLiteral("orbadmin"));
            raw.setDatabaseName(db.section(QStringLiteral("@/"), 1).section(QLatin1Char('?'), 0, 0));
        } else {
            raw.setDatabaseName(db);
        }
        if (!raw.open()) {
            error = raw.lastError().text();
        } else {
            QSqlQuery q(raw);
            if (!q.exec(sql))
                error = q.lastError().text();
            q.finish();
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return error;
}

} // namespace

class TestOrbctlSync : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("c%1.orb").arg(++n));
        m_host = std::make_unique<StandinHost>(defaultSpecPath());
        QVERIFY(m_host->start());
        m_host->standin().setApiKey(Key);
        QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Sync Co"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                         QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")})
                     .exitCode,
                 0);
        m_db = orb::test::onTestEngine(m_db);
        QVERIFY(!m_db.isEmpty());
        QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("stripe.api_base"), m_host->baseUrl()}).exitCode, 0);
    }
    void cleanup() { m_host.reset(); }

    void killedMidSyncThenRestarted()
    {
        const int customers = 12;
        for (int i = 0; i < customers; ++i)
            QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Customer %1").arg(i),
                             QStringLiteral("--external-id"), QStringLiteral("c%1").arg(i)})
                         .exitCode,
                     0);
        // Every answer is slow, so the kill lands while a request's change is made in Stripe
        // but its answer has not reached Orb: the worst moment.
        m_host->standin().addFault(Fault{Fault::Kind::Latency, 1000, QStringLiteral("/v1/customers"), QStringLiteral("POST"), 400});
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORB_STRIPE_API_KEY"), Key);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_db, QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_host->standin().count(QStringLiteral("customer")) >= 4, 30000);
        // The key is not among the process's arguments.
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(p.processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        QVERIFY(!cmdline.readAll().contains(Key.toUtf8()));
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        const int before = m_host->standin().count(QStringLiteral("customer"));
        QVERIFY(before < customers);

        m_host->standin().clearFaults();
        const ProcessResult r =
            orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), customers);
        QSet<QString> orbIds;
        for (const QJsonObject &c : m_host->standin().objects(QStringLiteral("customer")))
            orbIds.insert(c.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString());
        QCOMPARE(orbIds.size(), customers);
        const QJsonObject status = QJsonDocument::fromJson(orbctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}).out).object();
        QCOMPARE(status.value(QLatin1String("pending")).toInt(), 0);
        QCOMPARE(status.value(QLatin1String("done")).toInt(), customers);
        QCOMPARE(status.value(QLatin1String("failed")).toInt(), 0);
        // The customer whose answer was lost was found in Stripe before a create (or answered
        // from Stripe's idempotency store).
        const ProcessResult log = orbctl({QStringLiteral("sync"), QStringLiteral("log"), QStringLiteral("--limit"), QStringLiteral("200")});
        QVERIFY2(log.out.contains("found in Stripe") || log.out.contains("(replayed)"), log.out.constData());
    }

    void invoiceKilledMidPushThenPaid()
    {
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme"),
                         QStringLiteral("--external-id"), QStringLiteral("acme")})
                     .exitCode,
                 0);
        QStringList create{QStringLiteral("--json"), QStringLiteral("invoices"),    QStringLiteral("create"), QStringLiteral("--customer"),
                           QStringLiteral("acme"),   QStringLiteral("--net-terms"), QStringLiteral("30")};
        for (int i = 1; i <= 6; ++i)
            create << QStringLiteral("--line") << QStringLiteral("Part %1|%1|12.34").arg(i);
        const ProcessResult made = orbctl(create);
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QString id = QJsonDocument::fromJson(made.out).object().value(QLatin1String("id")).toString();
        const ProcessResult issued = orbctl({QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("issue"), id});
        QVERIFY2(issued.exitCode == 0, issued.err.constData());
        const QString due = QJsonDocument::fromJson(issued.out).object().value(QLatin1String("amount_due")).toString();
        QCOMPARE(due, QStringLiteral("259.14")); // 12.34 × (1 + … + 6)

        // Slow invoice items: the kill lands between the Stripe invoice and its last item.
        m_host->standin().addFault(Fault{Fault::Kind::Latency, 1000, QStringLiteral("/v1/invoiceitems"), QStringLiteral("POST"), 400});
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORB_STRIPE_API_KEY"), Key);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_db, QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_host->standin().count(QStringLiteral("invoiceitem")) >= 2, 30000);
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished());
        QVERIFY(m_host->standin().count(QStringLiteral("invoiceitem")) < 6);

        m_host->standin().clearFaults();
        const ProcessResult r =
            orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_host->standin().count(QStringLiteral("invoice")), 1);
        QCOMPARE(m_host->standin().count(QStringLiteral("invoiceitem")), 6);
        const QJsonObject remote = m_host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(remote.value(QLatin1String("amount_due")).toInteger(), 25914);

        // Paid in Stripe: the next run records it once and the invoice is paid in Orb.
        QCOMPARE(m_host->standin().payPart(remote.value(QLatin1String("id")).toString(), 25914).status, 200);
        for (int run = 0; run < 2; ++run)
            QCOMPARE(
                orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key}).exitCode,
                0);
        const QJsonObject shown =
            QJsonDocument::fromJson(orbctl({QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("show"), id}).out).object();
        QCOMPARE(shown.value(QLatin1String("status")).toString(), QStringLiteral("paid"));
        QCOMPARE(shown.value(QLatin1String("payments")).toArray().size(), 1);
    }

    void keyNeverOnDiskInOutputOrArguments()
    {
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Ada")}).exitCode, 0);
        const ProcessResult r =
            orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult s = orbctl({QStringLiteral("sync"), QStringLiteral("status")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
        QVERIFY(s.out.contains("test key in the environment"));
        for (const ProcessResult &p : {r, s})
            QVERIFY(!p.out.contains(Key.toUtf8()) && !p.err.contains(Key.toUtf8()));
        // A wrong key: refused, and not echoed.
        const ProcessResult wrong = orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {},
                                           {QStringLiteral("ORB_STRIPE_API_KEY=sk_test_wrongKeyWrongKey99")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains("did not accept the API key"));
        QVERIFY(!wrong.err.contains("wrongKeyWrongKey99"));
        // Nothing under the company file's folder holds the key (file, WAL, shared memory).
        QDirIterator it(m_dir.path(), QDir::Files);
        int scanned = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(Key.toUtf8()) && !bytes.contains("orbctlSyncKey4711"), qPrintable(f.fileName()));
            ++scanned;
        }
        // A server company has no file here: its settings are what would hold the key.
        if (orb::test::serverEngine())
            QVERIFY(!orbctl({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("list")}).out.contains("orbctlSyncKey4711"));
        else
            QVERIFY(scanned >= 1);
    }

    void setKeyReadsStandardInputOnly()
    {
        const ProcessResult onArgs = orbctl({QStringLiteral("sync"), QStringLiteral("set-key"), Key});
        QCOMPARE(onArgs.exitCode, 2);
        QVERIFY(onArgs.err.contains("standard input only"));
        QVERIFY(!onArgs.err.contains(Key.toUtf8()));
        const ProcessResult publishable = orbctl({QStringLiteral("sync"), QStringLiteral("set-key")}, "pk_test_abcdefghijkl\n");
        QCOMPARE(publishable.exitCode, 2);
        QVERIFY(publishable.err.contains("publishable key"));
        const ProcessResult refused = orbctl({QStringLiteral("sync"), QStringLiteral("set-key")}, "sk_test_notTheRightKey000\n");
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains("the key was not stored: Stripe did not accept the API key"));
        ORB_REQUIRE_KEYRING_OR_SKIP();
        // Keychain round trip: stored after Stripe accepted it, used by the next run.
        const ProcessResult stored = orbctl({QStringLiteral("sync"), QStringLiteral("set-key")}, Key.toUtf8() + "\n");
        QVERIFY2(stored.exitCode == 0, stored.err.constData());
        QVERIFY2(stored.out.contains("Stored a test-mode Stripe key in the keychain (checked against Stripe: account acct_"), stored.out.constData());
        const ProcessResult status = orbctl({QStringLiteral("sync"), QStringLiteral("status")});
        QVERIFY2(status.out.contains("test key in the keychain"), status.out.constData());
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Ada")}).exitCode, 0);
        const ProcessResult run = orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 1);
        QDirIterator it(m_dir.path(), QDir::Files);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(Key.toUtf8()), qPrintable(f.fileName()));
        }
    }

    void apiBaseOtherThanStripeOrLoopbackIsRefused()
    {
        const ProcessResult set =
            orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("stripe.api_base"), QStringLiteral("https://stripe-proxy.example.com")});
        QCOMPARE(set.exitCode, 2);
        QVERIFY2(set.err.contains("loopback"), set.err.constData());
        // A company file shared or restored from elsewhere may hold one already: the key is
        // never sent there, the run exits 2 before any request.
        QCOMPARE(rawEdit(m_db, QStringLiteral("UPDATE settings SET value = 'http://192.168.1.5:8080' WHERE key = 'stripe.api_base'")), QString());
        const int before = m_host->standin().requestCount();
        const ProcessResult run =
            orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("stripe.api_base") && run.err.contains("192.168.1.5"), run.err.constData());
        QVERIFY(!run.err.contains(Key.toUtf8()));
        const ProcessResult setKey = orbctl({QStringLiteral("sync"), QStringLiteral("set-key")}, Key.toUtf8() + "\n");
        QCOMPARE(setKey.exitCode, 2);
        QCOMPARE(m_host->standin().requestCount(), before);
    }

    void keyOfAnotherAccountStopsTheRun()
    {
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Ada")}).exitCode, 0);
        const QStringList env{QStringLiteral("ORB_STRIPE_API_KEY=") + Key};
        QCOMPARE(orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, env).exitCode, 0);
        const QString first = m_host->standin().accountId();
        m_host->standin().reset(); // the same key now reaches another account
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Bob")}).exitCode, 0);
        const ProcessResult run = orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")}, {}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(first.toUtf8()) && run.err.contains(m_host->standin().accountId().toUtf8()), run.err.constData());
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 0);
        const QJsonObject status = QJsonDocument::fromJson(orbctl({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("status")}).out).object();
        QCOMPARE(status.value(QLatin1String("account")).toString(), first);
        QVERIFY(!status.value(QLatin1String("account_mismatch")).toString().isEmpty());
    }

    void failedItemsRetryAndSkip()
    {
        QCOMPARE(orbctl({QStringLiteral("sync"), QStringLiteral("retry"), QStringLiteral("42")}).exitCode, 3);
        QCOMPARE(orbctl({QStringLiteral("sync"), QStringLiteral("skip"), QStringLiteral("nope")}).exitCode, 2);
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Ada")}).exitCode, 0);
        const ProcessResult pending = orbctl({QStringLiteral("sync"), QStringLiteral("retry"), QStringLiteral("1")});
        QCOMPARE(pending.exitCode, 4); // only failed or skipped items can be retried
        QCOMPARE(orbctl({QStringLiteral("sync"), QStringLiteral("skip"), QStringLiteral("1")}).exitCode, 0);
        QCOMPARE(orbctl({QStringLiteral("sync"), QStringLiteral("retry"), QStringLiteral("1")}).exitCode, 0);
        QVERIFY(orbctl({QStringLiteral("sync"), QStringLiteral("frobnicate")}).exitCode == 2);
    }

private:
    ProcessResult orbctl(QStringList args, const QByteArray &input = {}, const QStringList &env = {})
    {
        args.prepend(m_db);
        args.prepend(QStringLiteral("--db"));
        return orb::test::run(QStringLiteral(ORBCTL_PATH), args, input, env);
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<StandinHost> m_host;
};

QTEST_GUILESS_MAIN(TestOrbctlSync)
#include "tst_orbctl_sync.moc"
