// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CompanyFile.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using orb::test::ProcessResult;

class TestOrbctlBackup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void backupAndRestore();
    void scheduledFolderAndRetention();
    void refusesBadBackupsAndFilesInUse();

private:
    ProcessResult orbctl(const QStringList &args) const
    {
        return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), m_db} + args);
    }
    QString customers() const { return QString::fromUtf8(orbctl({QStringLiteral("customers"), QStringLiteral("list")}).out); }
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestOrbctlBackup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(QStringLiteral("co.orb"));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Co")}).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
    QVERIFY(!m_db.isEmpty());
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Acme")}).exitCode, 0);
}

void TestOrbctlBackup::backupAndRestore()
{
    const QString backup = m_dir->filePath(QStringLiteral("safe/co-backup.orb"));
    const ProcessResult b = orbctl({QStringLiteral("backup"), backup});
    QVERIFY2(b.exitCode == 0, b.err.constData());
    QVERIFY2(b.out.contains("checked"), b.out.constData());
    QCOMPARE(QFile::permissions(backup), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    // Never over an existing file.
    const ProcessResult again = orbctl({QStringLiteral("backup"), backup});
    QCOMPARE(again.exitCode, 4);
    QVERIFY2(again.err.contains("already exists"), again.err.constData());

    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Later Ltd")}).exitCode, 0);
    QVERIFY(customers().contains(QStringLiteral("Later Ltd")));

    if (orb::test::serverEngine()) {
        // A server company is not replaced by a restore (its other users work in it), and its
        // location is no path to write one at: refused, the server as it was.
        const ProcessResult onServer = orbctl({QStringLiteral("restore"), backup});
        QCOMPARE(onServer.exitCode, 2);
        QVERIFY2(onServer.err.contains("move-to-server") && onServer.err.contains("nothing was restored"), onServer.err.constData());
        QVERIFY(customers().contains(QStringLiteral("Later Ltd")));
        // The backup is a company file of its own: it restores as one and opens offline.
        const QString offline = m_dir->filePath(QStringLiteral("offline/co.orb"));
        const auto atOffline = [&](const QStringList &args) {
            return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), offline} + args);
        };
        const ProcessResult r = atOffline({QStringLiteral("restore"), backup});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray list = atOffline({QStringLiteral("customers"), QStringLiteral("list")}).out;
        QVERIFY2(list.contains("Acme") && !list.contains("Later Ltd"), list.constData());
        QCOMPARE(atOffline({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
        return;
    }

    const ProcessResult r =
        orbctl({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-11-02T09:00:00Z"), QStringLiteral("restore"), backup});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("restored")).toString(), QFileInfo(m_db).absoluteFilePath());
    const QString aside = o.value(QStringLiteral("kept_aside")).toString();
    QCOMPARE(aside, QFileInfo(m_db).absoluteFilePath() + QStringLiteral(".before-restore-20261102-090000"));
    QVERIFY(customers().contains(QStringLiteral("Acme")));
    QVERIFY(!customers().contains(QStringLiteral("Later Ltd")));
    // The replaced file is whole and still has the later customer.
    const ProcessResult old = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), aside, QStringLiteral("customers"), QStringLiteral("list")});
    QVERIFY(old.out.contains("Later Ltd"));
    QCOMPARE(orbctl({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

void TestOrbctlBackup::scheduledFolderAndRetention()
{
    const ProcessResult none = orbctl({QStringLiteral("backup")});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("backup.folder"), none.err.constData());
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("backup.folder"), QStringLiteral("relative/dir")}).exitCode, 2);
    const QString folder = m_dir->filePath(QStringLiteral("backups"));
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("backup.folder"), folder}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("backup.keep"), QStringLiteral("2")}).exitCode, 0);
    for (const char *at : {"2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"}) {
        const ProcessResult b = orbctl({QStringLiteral("--now"), QString::fromLatin1(at), QStringLiteral("backup")});
        QVERIFY2(b.exitCode == 0, b.err.constData());
    }
    // Named after the company file, or a server company's database.
    const QString stem = orb::test::serverEngine() ? m_db.section(QStringLiteral("@/"), 1).section(QLatin1Char('?'), 0, 0) : QStringLiteral("co");
    QCOMPARE(QDir(folder).entryList(QDir::Files), (QStringList{stem + QStringLiteral("-20261102-000000.orb"), stem + QStringLiteral("-20261103-000000.orb")}));
}

void TestOrbctlBackup::refusesBadBackupsAndFilesInUse()
{
    ORB_SQLITE_ONLY("a restore over the company file, and the lock of a company file in use");
    QFile junk(m_dir->filePath(QStringLiteral("junk.orb")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'j'));
    junk.close();
    const ProcessResult bad = orbctl({QStringLiteral("restore"), junk.fileName()});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("cannot be restored") && bad.err.contains("not an Orb company file"), bad.err.constData());
    QCOMPARE(orbctl({QStringLiteral("restore")}).exitCode, 2);

    const QString backup = m_dir->filePath(QStringLiteral("b.orb"));
    QCOMPARE(orbctl({QStringLiteral("backup"), backup}).exitCode, 0);
    {
        // This test process plays the desktop program holding the file.
        auto held = orb::CompanyFile::openLocked(m_db);
        const ProcessResult busy = orbctl({QStringLiteral("restore"), backup});
        QCOMPARE(busy.exitCode, 4);
        QVERIFY2(busy.err.contains("is in use by") && busy.err.contains(QByteArray::number(QCoreApplication::applicationPid())), busy.err.constData());
        QVERIFY2(busy.err.contains("--force"), busy.err.constData());
        // orbctl works alongside it (WAL, busy timeout).
        QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Beside")}).exitCode, 0);
        QVERIFY(held->db().scalar(QStringLiteral("SELECT count(*) FROM customers WHERE name = 'Beside'")).toInt() == 1);
    }
    QCOMPARE(orbctl({QStringLiteral("restore"), backup}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestOrbctlBackup)
#include "tst_orbctl_backup.moc"
