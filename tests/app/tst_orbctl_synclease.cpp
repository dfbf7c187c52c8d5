// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe sync runs in one place only: two `orbctl sync run` processes on one company, against
// the Stripe stand-in over loopback. While the first works, the second pushes nothing and says
// where sync runs; once the first stops (or is killed), the second takes over and finishes;
// Stripe ends with each customer exactly once.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using orb::test::ProcessResult;
using namespace orb::standin;

namespace {

const QString Key = QStringLiteral("sk_test_orbctlLeaseKey4711xyz");

} // namespace

class TestOrbctlSyncLease : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<StandinHost> m_host;

    ProcessResult orbctl(QStringList args)
    {
        args = QStringList{QStringLiteral("--db"), m_db} + args;
        return orb::test::run(QStringLiteral(ORBCTL_PATH), args, {}, {QStringLiteral("ORB_STRIPE_API_KEY=") + Key});
    }
    void startWorker(QProcess &p)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORB_STRIPE_API_KEY"), Key);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORBCTL_PATH),
                {QStringLiteral("--db"), m_db, QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--interval"), QStringLiteral("1")});
        QVERIFY(p.waitForStarted());
    }

private slots:
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("l%1.orb").arg(++n));
        m_host = std::make_unique<StandinHost>(defaultSpecPath());
        QVERIFY(m_host->start());
        m_host->standin().setApiKey(Key);
        QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Lease Co"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                         QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")})
                     .exitCode,
                 0);
        m_db = orb::test::onTestEngine(m_db);
        QVERIFY(!m_db.isEmpty());
        QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("stripe.api_base"), m_host->baseUrl()}).exitCode, 0);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Customer %1").arg(i),
                             QStringLiteral("--external-id"), QStringLiteral("c%1").arg(i)})
                         .exitCode,
                     0);
    }
    void cleanup() { m_host.reset(); }

    void secondWorkerWaitsThenTakesOver_data()
    {
        QTest::addColumn<int>("stopSignal");
        QTest::newRow("first stops (SIGTERM)") << int(SIGTERM);
        QTest::newRow("first is killed (SIGKILL)") << int(SIGKILL);
    }

    void secondWorkerWaitsThenTakesOver()
    {
        QFETCH(int, stopSignal);
        // Slow answers keep the first worker busy for a while.
        m_host->standin().addFault(Fault{Fault::Kind::Latency, 1000, QStringLiteral("/v1/customers"), QStringLiteral("POST"), 500});
        QProcess first;
        startWorker(first);
        QTRY_VERIFY_WITH_TIMEOUT(m_host->standin().count(QStringLiteral("customer")) >= 1, 30000);

        const ProcessResult second = orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")});
        QCOMPARE(second.exitCode, 4);
        // On a server the lease also names the database user the worker connected as.
        const QString who =
            orb::test::serverEngine() ? QStringLiteral("pid %1, as orbadmin").arg(first.processId()) : QStringLiteral("pid %1").arg(first.processId());
        const QString expected = QStringLiteral("Stripe sync runs on %1 (%2) since ").arg(QSysInfo::machineHostName(), who);
        QVERIFY2(second.err.contains(expected.toUtf8()), second.err.constData());
        QVERIFY2(second.out.contains("nothing pushed here"), second.out.constData());
        const ProcessResult status = orbctl({QStringLiteral("sync"), QStringLiteral("status")});
        QVERIFY2(status.out.contains(("Running:   " + expected).toUtf8()), status.out.constData());

        ::kill(pid_t(first.processId()), stopSignal);
        QVERIFY(first.waitForFinished(30000));
        const int before = m_host->standin().count(QStringLiteral("customer"));
        QVERIFY(before < 10);

        m_host->standin().clearFaults();
        const ProcessResult takeOver = orbctl({QStringLiteral("sync"), QStringLiteral("run"), QStringLiteral("--once")});
        QVERIFY2(takeOver.exitCode == 0, takeOver.err.constData());
        // Every customer exactly once, none doubled by the two workers.
        QCOMPARE(m_host->standin().count(QStringLiteral("customer")), 10);
        QSet<QString> orbIds;
        for (const QJsonObject &c : m_host->standin().objects(QStringLiteral("customer")))
            orbIds.insert(c.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString());
        QCOMPARE(orbIds.size(), 10);
        // The one-pass worker gave its lease back.
        QVERIFY(!orbctl({QStringLiteral("sync"), QStringLiteral("status")}).out.contains("Running:"));
    }
};

QTEST_GUILESS_MAIN(TestOrbctlSyncLease)
#include "tst_orbctl_synclease.moc"
