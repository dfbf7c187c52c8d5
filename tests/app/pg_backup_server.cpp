// SPDX-License-Identifier: GPL-3.0-or-later
// `orbctl backup` of a company server: the demo company moved to a fresh database on the
// throwaway cluster gets usage and an invoice run written by the server paths, and its backup
// is a normal company file that opens offline: the audit chain verifies to the server's head,
// every row carries its seal, every list answers byte for byte as the server does, the usage key
// index is whole again (a re-import finds every key), and an encrypted backup restores.
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"
#include "models/CompanyFile.h"
#include "models/Database.h"

#include <QSqlQuery>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

namespace {

const QString Now = QStringLiteral("2026-12-07T16:00:00Z");

ProcessResult orbctl(const QString &db, const QStringList &args, const QByteArray &input = {})
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db, QStringLiteral("--now"), Now} + args, input);
}

QJsonObject object(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestBackupServer : public QObject
{
    Q_OBJECT

private slots:
    void backupOpensOffline()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("demo.orb"));
        const QString url = orb::test::pgTestDatabase(QStringLiteral("backup"));
        QCOMPARE(orbctl(file, {QStringLiteral("demo")}).exitCode, 0);
        const ProcessResult move = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), url});
        QVERIFY2(move.exitCode == 0, move.err.constData());

        // Written on the server: usage through COPY, drafts through the server's run.
        QByteArray usage;
        for (int i = 0; i < 200; ++i)
            usage +=
                QStringLiteral(
                    R"({"event_name":"api_request","timestamp":"2026-12-07T1%1:%2:00Z","idempotency_key":"bk-%3","external_customer_id":"acme","properties":{"endpoint":"/v1/b","region":"eu-central"}})")
                    .arg(i / 60)
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i)
                    .toUtf8()
                + '\n';
        const QString events = orb::test::writeFile(dir.filePath(QStringLiteral("usage.jsonl")), usage);
        const ProcessResult imported = orbctl(url, {QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), events});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(object(imported).value(QStringLiteral("accepted")).toInteger(), 200);
        QCOMPARE(orbctl(url, {QStringLiteral("invoices"), QStringLiteral("run"), QStringLiteral("--as-of"), QStringLiteral("2027-01-15")}).exitCode, 0);

        const QString backup = dir.filePath(QStringLiteral("books.orb"));
        const ProcessResult made = orbctl(url, {QStringLiteral("--json"), QStringLiteral("backup"), backup});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QVERIFY(QFile::exists(backup));
        QVERIFY(!QFile::exists(backup + QStringLiteral(".partial")));
        QCOMPARE(QFile::permissions(backup) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        // A backup never overwrites a file.
        QVERIFY(orbctl(url, {QStringLiteral("backup"), backup}).exitCode != 0);

        // Offline: the same audit chain, every row sealed and matching.
        const QJsonObject auditServer = object(orbctl(url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")}));
        const ProcessResult auditFileRun = orbctl(backup, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(auditFileRun.exitCode == 0, auditFileRun.err.constData());
        const QJsonObject auditFile = object(auditFileRun);
        QCOMPARE(auditFile.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(auditFile.value(QStringLiteral("head_hash")), auditServer.value(QStringLiteral("head_hash")));
        QCOMPARE(auditFile.value(QStringLiteral("entries")), auditServer.value(QStringLiteral("entries")));
        QVERIFY(auditFile.value(QStringLiteral("sealed_rows")).toString().toLongLong() > 100);
        QCOMPARE(auditFile.value(QStringLiteral("changed_outside_orb")).toString(), QStringLiteral("0"));

        const QList<QStringList> commands{
            {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1000")},
            {QStringLiteral("invoices"), QStringLiteral("list")},
            {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")},
            {QStringLiteral("--json"), QStringLiteral("subscriptions"), QStringLiteral("list")},
            {QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("search"), QStringLiteral("--limit"), QStringLiteral("500")},
        };
        for (const QStringList &args : commands) {
            const ProcessResult onServer = orbctl(url, args);
            const ProcessResult offline = orbctl(backup, args);
            QVERIFY2(offline.exitCode == 0, offline.err.constData());
            QVERIFY(offline.out.size() > 100);
            QCOMPARE(offline.out, onServer.out);
        }

        // The invoices in the server's order: a file lists them by rowid (the window's default
        // order, newest first), a server by rowid_server; the backup numbers each invoice as
        // the server does, so both list them alike (by primary key they would not be).
        {
            const auto inOrder = [](const orb::Database &db, const QString &rowid) {
                QStringList out;
                QSqlQuery q = db.exec(QStringLiteral("SELECT %1, id FROM invoices ORDER BY %1").arg(rowid));
                while (q.next())
                    out << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
                return out;
            };
            const auto onServer = orb::CompanyFile::open(url);
            const auto offline = orb::CompanyFile::open(backup);
            const QStringList serverOrder = inOrder(onServer->db(), QStringLiteral("rowid_server"));
            QVERIFY(serverOrder.size() > 20);
            QCOMPARE(inOrder(offline->db(), QStringLiteral("rowid")), serverOrder);
        }

        // The file's own key index was rebuilt: the same usage again is all duplicates.
        const ProcessResult again = orbctl(backup, {QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("import"), events});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(object(again).value(QStringLiteral("accepted")).toInteger(), 0);
        QCOMPARE(object(again).value(QStringLiteral("duplicates")).toInteger(), 200);

        // Encrypted: nothing in the clear beside the backup, and it restores with its passphrase.
        const QString sealed = dir.filePath(QStringLiteral("books.orbenc"));
        const ProcessResult enc = orbctl(url, {QStringLiteral("backup"), sealed, QStringLiteral("--encrypt")}, "correct horse battery\n");
        QVERIFY2(enc.exitCode == 0, enc.err.constData());
        const QString restored = dir.filePath(QStringLiteral("restored.orb"));
        const ProcessResult back = orbctl(restored, {QStringLiteral("restore"), sealed}, "correct horse battery\n");
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(orbctl(restored, {QStringLiteral("invoices"), QStringLiteral("list")}).out,
                 orbctl(url, {QStringLiteral("invoices"), QStringLiteral("list")}).out);
    }
};

QTEST_GUILESS_MAIN(TestBackupServer)
#include "pg_backup_server.moc"
