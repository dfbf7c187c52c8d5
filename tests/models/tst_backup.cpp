// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"
#include "models/backup/BackupScheduler.h"
#include "models/backup/CompanyLock.h"
#include "tests/support/CompanyFixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

const QDateTime T0(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Rows of the settings table named "probe.N": a cheap, countable mark of what a file holds.
void addProbes(Database &db, int from, int to)
{
    db.begin();
    for (int i = from; i < to; ++i)
        db.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), {QStringLiteral("probe.%1").arg(i), QString::number(i)});
    db.commit();
}

int probes(const QString &path)
{
    const auto file = CompanyFile::openReadOnly(path);
    return file->db().scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'probe.%'")).toInt();
}

bool ownerOnly(const QString &path)
{
    return QFile::permissions(path) == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
}

ServiceError::Kind restoreError(const QString &backup, const QString &target, bool force = false)
{
    try {
        Backup::restore(backup, target, force, T0);
    } catch (const ServiceError &e) {
        return e.kind();
    }
    return ServiceError::Kind(-1);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void backupWhileAnotherConnectionWrites();
    void backupNeverOverwrites();
    void restoreReplacesAndKeepsOldAside();
    void restoreRefusesDamagedOrForeignBackup();
    void restoreRefusesFileInUseUnlessForced();
    void secondOpenerLearnsWhoHasTheFile();
    void staleLockOfDeadProcessIsTakenOver();
    void schedulerBacksUpWhenDueAndKeepsN();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CompanyFile> m_file;
    FixedClock m_clock{T0};
};

void TestBackup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = CompanyFile::create(path(QStringLiteral("company.orb")), test::sampleSettings(QStringLiteral("Backup Co"), QStringLiteral("BC-")), m_clock);
    addProbes(m_file->db(), 0, 100);
}

void TestBackup::cleanup()
{
    m_file.reset();
    m_dir.reset();
}

void TestBackup::backupWhileAnotherConnectionWrites()
{
    // A second connection is in the middle of a transaction when the backup runs: the backup
    // holds the committed state and does not wait for the writer (WAL).
    std::unique_ptr<Database> writer = m_file->openConnection();
    writer->begin();
    writer->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('probe.uncommitted', 'x')"));
    const BackupInfo info = Backup::create(m_file->path(), path(QStringLiteral("b/one.orb")));
    writer->commit();
    QCOMPARE(info.path, QFileInfo(path(QStringLiteral("b/one.orb"))).absoluteFilePath());
    QVERIFY(info.pages > 0);
    QCOMPARE(info.bytes, QFileInfo(info.path).size());
    QVERIFY2(ownerOnly(info.path), qPrintable(QString::number(QFile::permissions(info.path), 16)));
    QVERIFY(!QFile::exists(info.path + QStringLiteral(".partial")));
    QVERIFY(!QFile::exists(info.path + QStringLiteral("-wal")));
    QCOMPARE(CompanyFile::verify(info.path), CompanyFile::latestSchemaVersion());
    QCOMPARE(probes(info.path), 100);
    QCOMPARE(probes(m_file->path()), 101);

    // The same through the open connection itself (orbctl backup).
    const BackupInfo two = Backup::create(m_file->db(), path(QStringLiteral("two.orb")));
    QCOMPARE(probes(two.path), 101);
    QVERIFY(ownerOnly(two.path));
}

void TestBackup::backupNeverOverwrites()
{
    QFile existing(path(QStringLiteral("taken.orb")));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("precious");
    existing.close();
    try {
        Backup::create(m_file->db(), existing.fileName());
        QFAIL("a backup overwrote a file");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QVERIFY2(e.message().contains(QStringLiteral("already exists")), qPrintable(e.message()));
    }
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("precious"));
}

void TestBackup::restoreReplacesAndKeepsOldAside()
{
    const QString backup = Backup::create(m_file->db(), path(QStringLiteral("at100.orb"))).path;
    addProbes(m_file->db(), 100, 150);
    const QString company = m_file->path();
    m_file.reset();

    const RestoreResult r = Backup::restore(backup, company, false, T0);
    QCOMPARE(r.restoredPath, company);
    QCOMPARE(r.keptAsidePath, company + QStringLiteral(".before-restore-20261102-090000"));
    QCOMPARE(r.schemaVersion, CompanyFile::latestSchemaVersion());
    QCOMPARE(probes(company), 100);
    QCOMPARE(probes(r.keptAsidePath), 150);
    QVERIFY(ownerOnly(company));
    QVERIFY(!QFile::exists(company + QStringLiteral(".restoring")));
    // The backup itself is left as it was, and a second restore keeps a second old file.
    QCOMPARE(CompanyFile::verify(backup), CompanyFile::latestSchemaVersion());
    const RestoreResult again = Backup::restore(backup, company, false, T0);
    QCOMPARE(again.keptAsidePath, company + QStringLiteral(".before-restore-20261102-090000-2"));

    // Restoring where there is no file yet creates it.
    const RestoreResult fresh = Backup::restore(backup, path(QStringLiteral("new/place.orb")), false, T0);
    QVERIFY(fresh.keptAsidePath.isEmpty());
    QCOMPARE(probes(fresh.restoredPath), 100);
}

void TestBackup::restoreRefusesDamagedOrForeignBackup()
{
    const QString backup = Backup::create(m_file->db(), path(QStringLiteral("good.orb"))).path;
    const QString company = m_file->path();
    m_file.reset();
    const QByteArray before = fileHash(company);

    // A page in the middle of the backup overwritten with garbage.
    QFile f(backup);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 8 * 4096);
    f.seek(size / 2 - (size / 2) % 4096);
    f.write(QByteArray(4096, '\x5a'));
    f.close();
    QCOMPARE(restoreError(backup, company), ServiceError::Kind::InvalidInput);

    QFile text(path(QStringLiteral("notes.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write(QByteArray(200, 'n'));
    text.close();
    QCOMPARE(restoreError(text.fileName(), company), ServiceError::Kind::InvalidInput);
    QCOMPARE(restoreError(path(QStringLiteral("missing.orb")), company), ServiceError::Kind::InvalidInput);

    // Nothing was touched: same bytes, no copy or old file left behind.
    QCOMPARE(fileHash(company), before);
    const QStringList left = QDir(m_dir->path()).entryList({QStringLiteral("company.orb.*")}, QDir::Files);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

void TestBackup::restoreRefusesFileInUseUnlessForced()
{
    const QString backup = Backup::create(m_file->db(), path(QStringLiteral("b.orb"))).path;
    const QString company = m_file->path();
    m_file.reset();
    auto open = CompanyFile::openLocked(company);
    addProbes(open->db(), 100, 110);
    const QByteArray before = fileHash(company);
    try {
        Backup::restore(backup, company, false, T0);
        QFAIL("a file in use was replaced");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
        QVERIFY2(e.message().contains(QStringLiteral("is in use by")) && e.message().contains(QSysInfo::machineHostName()), qPrintable(e.message()));
    }
    QCOMPARE(fileHash(company), before);
    open.reset();
    // Once it is closed, the restore goes ahead; and --force goes ahead while it is open.
    QCOMPARE(Backup::restore(backup, company, false, T0).restoredPath, company);
    auto again = CompanyFile::openLocked(company);
    const RestoreResult forced = Backup::restore(backup, company, true, T0.addSecs(1));
    QVERIFY(!forced.keptAsidePath.isEmpty());
}

void TestBackup::secondOpenerLearnsWhoHasTheFile()
{
    const QString company = m_file->path();
    m_file.reset();
    auto first = CompanyFile::openLocked(company);
    QVERIFY(QFile::exists(CompanyLock::lockPath(company)));
    try {
        CompanyFile::openLocked(company);
        QFAIL("a second program opened a file in use");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::InUse);
        QVERIFY2(e.message().contains(QSysInfo::machineHostName()), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QString::number(QCoreApplication::applicationPid())), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("Open it read-only")), qPrintable(e.message()));
    }
    const auto owner = CompanyLock::owner(company);
    QVERIFY(owner.has_value());
    QCOMPARE(owner->pid, QCoreApplication::applicationPid());
    QVERIFY(!owner->user.isEmpty());
    QVERIFY(qAbs(owner->since.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
    // The answer to "open read-only?": reads work, writes are refused.
    auto reader = CompanyFile::openReadOnly(company);
    QVERIFY(reader->isReadOnly());
    QCOMPARE(reader->settings().name, QStringLiteral("Backup Co"));
    QVERIFY_THROWS_EXCEPTION(ServiceError, reader->setSetting(QStringLiteral("rounding"), QStringLiteral("half_even")));
    first.reset();
    QVERIFY(!QFile::exists(CompanyLock::lockPath(company)));
    QVERIFY(!CompanyLock::owner(company).has_value());
    QVERIFY(CompanyFile::openLocked(company));
}

void TestBackup::staleLockOfDeadProcessIsTakenOver()
{
    const QString company = m_file->path();
    m_file.reset();
    // The lock a crashed program left: its process is gone.
    QProcess gone;
    gone.start(QStringLiteral("true"), QStringList());
    QVERIFY(gone.waitForFinished());
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    QFile lock(CompanyLock::lockPath(company));
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write(QByteArray::number(deadPid) + "\norb-billing\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    lock.close();
    QVERIFY(!CompanyLock::owner(company).has_value());
    auto file = CompanyFile::openLocked(company);
    QVERIFY(file);
    QCOMPARE(CompanyLock::owner(company)->pid, QCoreApplication::applicationPid());
}

void TestBackup::schedulerBacksUpWhenDueAndKeepsN()
{
    const QString folder = path(QStringLiteral("scheduled"));
    BackupScheduler scheduler(*m_file);
    QSignalSpy done(&scheduler, &BackupScheduler::backupFinished);
    QSignalSpy failed(&scheduler, &BackupScheduler::backupFailed);
    QVERIFY(!scheduler.backupIfDue(T0)); // no folder set: off
    m_file->setSetting(QStringLiteral("backup.folder"), folder, m_clock);
    m_file->setSetting(QStringLiteral("backup.interval_hours"), QStringLiteral("24"), m_clock);
    m_file->setSetting(QStringLiteral("backup.keep"), QStringLiteral("2"), m_clock);

    const auto runAt = [&](const QDateTime &at) {
        const int before = done.count();
        QVERIFY(scheduler.backupIfDue(at));
        QVERIFY(scheduler.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), before + 1, 60000);
        QVERIFY(!scheduler.isRunning());
    };
    runAt(T0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(done.last().at(0).toString(), QDir(folder).absoluteFilePath(QStringLiteral("company-20261102-090000.orb")));
    QVERIFY(ownerOnly(done.last().at(0).toString()));
    QVERIFY(!scheduler.backupIfDue(T0.addSecs(23 * 3600))); // not yet due
    runAt(T0.addSecs(24 * 3600));
    addProbes(m_file->db(), 100, 105);
    runAt(T0.addSecs(48 * 3600));
    // Three taken, two kept: the oldest went.
    QCOMPARE(done.last().at(1).toStringList(), QStringList{QDir(folder).absoluteFilePath(QStringLiteral("company-20261102-090000.orb"))});
    const QStringList kept = Backup::backupsIn(folder, m_file->path());
    QCOMPARE(kept.size(), 2);
    QVERIFY(kept.first().endsWith(QStringLiteral("company-20261104-090000.orb")));
    QCOMPARE(probes(kept.first()), 105);
    QCOMPARE(Backup::newestBackupTime(folder, m_file->path()), T0.addSecs(48 * 3600));

    // A folder that cannot be created is reported, not thrown into the event loop.
    QFile blocker(path(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_file->setSetting(QStringLiteral("backup.folder"), path(QStringLiteral("blocker/sub")), m_clock);
    QVERIFY(scheduler.runNow(T0));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("cannot create the folder")), qPrintable(failed.last().at(0).toString()));
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
