// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using orb::test::ProcessResult;

class TestOrbctlAudit : public QObject
{
    Q_OBJECT

private slots:
    void trailOfChangesAndVerify();

private:
    ProcessResult orbctl(const QStringList &args) const
    {
        return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), m_db} + args);
    }
    QTemporaryDir m_dir;
    QString m_db;
};

void TestOrbctlAudit::trailOfChangesAndVerify()
{
    m_db = m_dir.filePath(QStringLiteral("audit.orb"));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Co")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("--now"), QStringLiteral("2026-07-01T10:00:00Z"), QStringLiteral("customers"), QStringLiteral("create"),
                     QStringLiteral("--name"), QStringLiteral("Acme"), QStringLiteral("--external-id"), QStringLiteral("acme")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("update"), QStringLiteral("acme"), QStringLiteral("--email"), QStringLiteral("a@acme.example")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("6")}).exitCode, 0);

    const ProcessResult show = orbctl({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("acme")});
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(show.out.contains("customer.create") && show.out.contains("2026-07-01T10:00:00Z"), show.out.constData());
    QVERIFY2(show.out.contains("email: null → a@acme.example"), show.out.constData());

    const ProcessResult json = orbctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("setting:grace_period_hours")});
    const QJsonArray data = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0].toObject().value(QStringLiteral("after")).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("6"));

    const ProcessResult ok = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.contains("intact: 3 entries"));

    // Someone edits the file behind Orb's back.
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "UPDATE audit_log SET os_user = 'mallory' WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const ProcessResult broken = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(broken.exitCode, 4);
    QVERIFY2(broken.err.contains("broken at entry 2"), broken.err.constData());
    QCOMPARE(orbctl({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("ghost")}).exitCode, 3);
}

QTEST_GUILESS_MAIN(TestOrbctlAudit)
#include "tst_orbctl_audit.moc"
