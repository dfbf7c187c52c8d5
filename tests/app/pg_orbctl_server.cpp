// SPDX-License-Identifier: GPL-3.0-or-later
// `orbctl --db postgresql://...` and `orbctl company move-to-server`: the demo company moved to
// a fresh database on the throwaway cluster answers customers list, invoices list, company
// show and audit verify as the file does; a second move into the same database, a password in
// the location and a file that is not there are refused and change nothing.
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

namespace {

ProcessResult orbctl(const QString &db, const QStringList &args)
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db} + args);
}

QJsonValue json(const ProcessResult &r)
{
    const QJsonDocument d = QJsonDocument::fromJson(r.out);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

} // namespace

class TestOrbctlServer : public QObject
{
    Q_OBJECT

private slots:
    void moveDemoCompany()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("demo.orb"));
        const QString url = orb::test::pgTestDatabase(QStringLiteral("move"));
        const ProcessResult demo = orbctl(file, {QStringLiteral("demo")});
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        const QByteArray before = orb::test::fileHash(file);

        const ProcessResult move = orbctl(file, {QStringLiteral("--json"), QStringLiteral("company"), QStringLiteral("move-to-server"), url});
        QVERIFY2(move.exitCode == 0, move.err.constData());
        const QJsonObject report = json(move).toObject();
        QVERIFY(report.value(QStringLiteral("tables")).toInt() > 40);
        QVERIFY(report.value(QStringLiteral("rows")).toString().toLongLong() > 100);
        QCOMPARE(orb::test::fileHash(file), before); // the file is only read

        const QList<QStringList> commands{
            {QStringLiteral("--json"), QStringLiteral("customers"), QStringLiteral("list")},
            {QStringLiteral("--json"), QStringLiteral("invoices"), QStringLiteral("list")},
            {QStringLiteral("customers"), QStringLiteral("list")},
            {QStringLiteral("invoices"), QStringLiteral("list")},
        };
        for (const QStringList &args : commands) {
            const ProcessResult onFile = orbctl(file, args);
            const ProcessResult onServer = orbctl(url, args);
            QVERIFY2(onFile.exitCode == 0, onFile.err.constData());
            QVERIFY2(onServer.exitCode == 0, (args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(onServer.err)).toUtf8().constData());
            QVERIFY2(onFile.out.size() > 100, onFile.out.constData());
            QCOMPARE(onServer.out, onFile.out);
        }

        // The audit chain verifies on the server, to the same head.
        const QJsonObject auditFile = json(orbctl(file, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")})).toObject();
        const ProcessResult auditServerRun = orbctl(url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(auditServerRun.exitCode == 0, auditServerRun.err.constData());
        const QJsonObject auditServer = json(auditServerRun).toObject();
        QCOMPARE(auditServer.value(QStringLiteral("ok")).toBool(), true);
        QVERIFY(auditFile.value(QStringLiteral("entries")).toString().toLongLong() > 10);
        QCOMPARE(auditServer.value(QStringLiteral("entries")), auditFile.value(QStringLiteral("entries")));
        QCOMPARE(auditServer.value(QStringLiteral("head_hash")), auditFile.value(QStringLiteral("head_hash")));

        const QJsonObject showServer = json(orbctl(url, {QStringLiteral("--json"), QStringLiteral("company"), QStringLiteral("show")})).toObject();
        const QJsonObject showFile = json(orbctl(file, {QStringLiteral("--json"), QStringLiteral("company"), QStringLiteral("show")})).toObject();
        QCOMPARE(showServer.value(QStringLiteral("name")), showFile.value(QStringLiteral("name")));
        QCOMPARE(showServer.value(QStringLiteral("schema_version")), showFile.value(QStringLiteral("schema_version")));

        // A write through the services on the server: one more customer, one more audit entry,
        // and the chain still verifies.
        const ProcessResult create = orbctl(url, {QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Zeta Co"),
                                                  QStringLiteral("--external-id"), QStringLiteral("zeta"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                                                  QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")});
        QVERIFY2(create.exitCode == 0, create.err.constData());
        QVERIFY(orbctl(url, {QStringLiteral("customers"), QStringLiteral("list")}).out.contains("Zeta Co"));
        QVERIFY(!orbctl(file, {QStringLiteral("customers"), QStringLiteral("list")}).out.contains("Zeta Co"));
        const QJsonObject afterWrite = json(orbctl(url, {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")})).toObject();
        QCOMPARE(afterWrite.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(afterWrite.value(QStringLiteral("entries")).toString().toLongLong(), auditFile.value(QStringLiteral("entries")).toString().toLongLong() + 1);
        // A backup of the server is a company file (pg_backup_server checks it in full).
        const ProcessResult backup = orbctl(url, {QStringLiteral("backup"), dir.filePath(QStringLiteral("b.orb"))});
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        QVERIFY(orbctl(dir.filePath(QStringLiteral("b.orb")), {QStringLiteral("customers"), QStringLiteral("list")}).out.contains("Zeta Co"));

        // A second move finds the database in use and changes nothing there.
        const ProcessResult again = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), url});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains("is not empty"), again.err.constData());
        QVERIFY(orbctl(url, {QStringLiteral("customers"), QStringLiteral("list")}).out.contains("Zeta Co"));
    }

    void refusals()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("c.orb"));
        QCOMPARE(orbctl(file, {QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Co")}).exitCode, 0);
        const QString url = orb::test::pgTestDatabase(QStringLiteral("refuse"));
        // A password in the location would show in process lists: refused before connecting.
        const ProcessResult secret = orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"),
                                                   QString(url).replace(QStringLiteral("orbadmin@"), QStringLiteral("orbadmin:pw@"))});
        QCOMPARE(secret.exitCode, 2);
        QVERIFY2(secret.err.contains("PGPASSWORD"), secret.err.constData());
        // An empty database is no company.
        const ProcessResult empty = orbctl(url, {QStringLiteral("customers"), QStringLiteral("list")});
        QVERIFY(empty.exitCode != 0);
        QVERIFY2(empty.err.contains("holds no Orb company"), empty.err.constData());
        // A server that is not there: a clear message naming it.
        const ProcessResult away =
            orbctl(QStringLiteral("postgresql://orbadmin@/nodb?host=%1/missing").arg(dir.path()), {QStringLiteral("customers"), QStringLiteral("list")});
        QVERIFY(away.exitCode != 0);
        QVERIFY2(away.err.contains("cannot connect to the company server"), away.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestOrbctlServer)
#include "pg_orbctl_server.moc"
