// SPDX-License-Identifier: GPL-3.0-or-later
// A company server that goes away: stopped before work (a clear refusal naming it, nothing
// changed) and stopped in the middle of issuing 200-odd invoices in one transaction
// (pg_ctl stop -m fast on a cluster of the test's own while the writer holds its lock). The
// client says the connection to that server was lost and nothing was saved; after the server
// is back, the same command issues every invoice exactly once, numbered without a gap, and the
// audit trail verifies. `orbctl serve` on that server answers 503 while it is away and answers
// again when it is back, in the same process.
#include "tests/support/PgPrivateCluster.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

class TestServerAway : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<orb::test::PgPrivateCluster> m_cluster;
    QString m_url;

    QStringList env() const { return {QStringLiteral("PGPASSWORD=") + m_cluster->password()}; }
    ProcessResult orbctl(const QString &db, const QStringList &args) const
    {
        return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db} + args, {}, env());
    }
    QList<QJsonObject> invoices() const
    {
        QList<QJsonObject> out;
        const ProcessResult r =
            orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("10000")});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toArray())
            out << v.toObject();
        return out;
    }
    int countStatus(const QString &status) const
    {
        int n = 0;
        for (const QJsonObject &i : invoices())
            n += i.value(QStringLiteral("status")).toString() == status ? 1 : 0;
        return n;
    }
    /// Whether a writer holds Orb's writer lock on the server now (its transaction is open).
    bool writerInTransaction() const
    {
        bool held = false;
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("away-admin"));
            admin.setHostName(m_cluster->socket());
            admin.setUserName(QStringLiteral("orbadmin"));
            admin.setPassword(m_cluster->password());
            admin.setDatabaseName(QStringLiteral("postgres"));
            if (admin.open()) {
                QSqlQuery q(admin);
                held = q.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")) && q.next() && q.value(0).toInt() > 0;
            }
            admin.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("away-admin"));
        return held;
    }

    /// GET `path` of `orbctl serve` at `base` with the API key; the HTTP status (0: no answer).
    static int get(const QString &base, const QString &key, const QString &path)
    {
        QNetworkAccessManager net;
        QNetworkRequest request(QUrl(base + path));
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
        request.setTransferTimeout(20000);
        QNetworkReply *reply = net.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cluster = std::make_unique<orb::test::PgPrivateCluster>();
        QVERIFY2(m_cluster->isRunning(), "the private PostgreSQL cluster did not start");
        m_url = m_cluster->createDatabase(QStringLiteral("books"));
        QVERIFY(!m_url.isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("demo.orb"));
        QCOMPARE(orbctl(file, {QStringLiteral("demo")}).exitCode, 0);
        const ProcessResult run = orbctl(file, {QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2028-06-01")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const ProcessResult move = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url});
        QVERIFY2(move.exitCode == 0, move.err.constData());
    }

    void cleanupTestCase() { m_cluster.reset(); }

    void serverDownBeforeWork()
    {
        QVERIFY(m_cluster->halt());
        const ProcessResult r = orbctl(m_url, {QStringLiteral("customers"), QStringLiteral("list")});
        QVERIFY(m_cluster->resume());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot connect to the company server %1").arg(m_url).toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("no server answers at the socket in %1").arg(m_cluster->socket()).toUtf8()), r.err.constData());
        QCOMPARE(orbctl(m_url, {QStringLiteral("customers"), QStringLiteral("list")}).exitCode, 0);
    }

    void serverStopsMidWork()
    {
        const int drafts = countStatus(QStringLiteral("draft"));
        const int issuedBefore = countStatus(QStringLiteral("issued"));
        QVERIFY(drafts > 100);
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("PGPASSWORD"), m_cluster->password());
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), m_url, QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"),
                                              QStringLiteral("2028-06-01")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(writerInTransaction() || p.state() == QProcess::NotRunning, 30000);
        QVERIFY2(p.state() == QProcess::Running, "the issuing finished before the server could be stopped under it");
        QVERIFY(m_cluster->halt());
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY(m_cluster->resume());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("the connection to the company server %1 was lost").arg(m_url).toUtf8()), err.constData());
        QVERIFY2(err.contains("nothing of this action was saved"), err.constData());
        // Nothing half-done: no invoice of the interrupted action was issued.
        QCOMPARE(countStatus(QStringLiteral("issued")), issuedBefore);
        QCOMPARE(countStatus(QStringLiteral("draft")), drafts);

        // The server is back: the same command does it all, once.
        const ProcessResult again =
            orbctl(m_url, {QStringLiteral("invoices"), QStringLiteral("issue"), QStringLiteral("--all-due"), QStringLiteral("2028-06-01")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(countStatus(QStringLiteral("draft")), 0);
        QCOMPARE(countStatus(QStringLiteral("issued")) + countStatus(QStringLiteral("paid")) >= issuedBefore + drafts, true);
        QList<int> numbers;
        static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
        for (const QJsonObject &i : invoices())
            if (!i.value(QStringLiteral("invoice_number")).toString().isEmpty())
                numbers << digits.match(i.value(QStringLiteral("invoice_number")).toString()).captured(1).toInt();
        std::sort(numbers.begin(), numbers.end());
        QCOMPARE(numbers.size(), int(invoices().size()));
        for (int k = 0; k < numbers.size(); ++k)
            QCOMPARE(numbers[k], numbers.first() + k); // unique and without a gap
        const ProcessResult verify = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, verify.out.constData());
        QCOMPARE(QJsonDocument::fromJson(verify.out).object().value(QStringLiteral("ok")).toBool(), true);
    }

    // `orbctl serve` on a server company: while the server is away every request is answered
    // 503 and the outage is said once on stderr; when it is back the same process answers
    // again, without a restart.
    void serveFollowsTheServer()
    {
        const ProcessResult created = orbctl(m_url, {QStringLiteral("--json"), QStringLiteral("api-keys"), QStringLiteral("create"), QStringLiteral("--name"),
                                                     QStringLiteral("serve-away"), QStringLiteral("--role"), QStringLiteral("billing")});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString key = QJsonDocument::fromJson(created.out).object().value(QStringLiteral("key")).toString();
        QVERIFY(!key.isEmpty());

        QProcess serve;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("PGPASSWORD"), m_cluster->password());
        serve.setProcessEnvironment(e);
        serve.start(QStringLiteral(ORBCTL_PATH),
                    {QStringLiteral("--db"), m_url, QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(serve.waitForStarted());
        QByteArray out;
        static const QRegularExpression listening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
        QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput(), listening.match(QString::fromUtf8(out)).hasMatch()), 30000);
        const QString base = listening.match(QString::fromUtf8(out)).captured(1);
        QCOMPARE(get(base, key, QStringLiteral("/v1/customers")), 200);

        QVERIFY(m_cluster->halt());
        QTRY_COMPARE_WITH_TIMEOUT(get(base, key, QStringLiteral("/v1/customers")), 503, 20000);
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += serve.readAllStandardError(), err.contains("not reachable")), 20000);
        QVERIFY(m_cluster->resume());
        QTRY_COMPARE_WITH_TIMEOUT(get(base, key, QStringLiteral("/v1/customers")), 200, 30000);
        QVERIFY(serve.state() == QProcess::Running);

        serve.terminate();
        QVERIFY(serve.waitForFinished(30000));
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerAway)
#include "pg_server_away.moc"
