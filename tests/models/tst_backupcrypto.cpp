// SPDX-License-Identifier: GPL-3.0-or-later
// Encrypted backups: round trip, and every kind of tampering or a wrong passphrase refused
// with nothing changed.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/RowSeals.h"
#include "models/StorageError.h"
#include "models/backup/Backup.h"
#include "models/backup/BackupCrypto.h"
#include "models/backup/BackupScheduler.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;
using orb::test::fileHash;

namespace {

const QByteArray kPassphrase = QByteArrayLiteral("correct horse battery staple");

} // namespace

class TestBackupCrypto : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void nothingInTheClearWhereTheBackupGoes();
    void refusedBackup_data();
    void refusedBackup();
    void shortPassphraseRefused();
    void scheduledBackupsEncryptedWhenAKeyIsSet();
    void scheduledBackupWithoutItsKeyFails();

private:
    QTemporaryDir m_dir;
    QString m_company;
    QString m_backup;
    QDateTime m_now = QDateTime(QDate(2026, 3, 15), QTime(10, 0), Qt::UTC);
};

void TestBackupCrypto::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_company = m_dir.filePath(QStringLiteral("company.orb"));
    DemoCompany::create(m_company, FixedClock(m_now));
    m_backup = m_dir.filePath(QStringLiteral("out/company.orbenc"));
    const BackupInfo info = Backup::createEncrypted(m_company, m_backup, kPassphrase);
    QCOMPARE(info.path, QFileInfo(m_backup).absoluteFilePath());
    QVERIFY(BackupCrypto::isEncrypted(m_backup));
    QCOMPARE(QFile::permissions(m_backup) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    QVERIFY(!QFile::exists(m_company + QStringLiteral(".encrypting")));
}

void TestBackupCrypto::roundTrip()
{
    const QString target = m_dir.filePath(QStringLiteral("restored/company.orb"));
    const RestoreResult r = Backup::restore(m_backup, target, false, m_now, kPassphrase);
    QCOMPARE(r.restoredPath, QFileInfo(target).absoluteFilePath());
    QVERIFY(!QFile::exists(target + QStringLiteral(".decrypted")));
    auto original = CompanyFile::open(m_company);
    auto restored = CompanyFile::open(target);
    const QString q = QStringLiteral("SELECT group_concat(id || email, ',') FROM (SELECT id, coalesce(email, '') AS email FROM customers ORDER BY id)");
    QCOMPARE(restored->db().scalar(q).toString(), original->db().scalar(q).toString());
    QCOMPARE(restored->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(),
             original->db().scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt());
    QVERIFY(RowSeals::verify(restored->db()).ok());
}

void TestBackupCrypto::nothingInTheClearWhereTheBackupGoes()
{
    QFile f(m_backup);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("SQLite format 3"));
    QVERIFY(!bytes.contains("Northwind")); // the demo company's and customers' names
    QCOMPARE(QDir(QFileInfo(m_backup).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("company.orbenc")});
}

void TestBackupCrypto::refusedBackup_data()
{
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<qint64>("flipAt"); // -1: no flip; -2: cut the last byte; -3: append a byte
    QTest::addColumn<QString>("why");
    QTest::newRow("wrong passphrase") << QByteArrayLiteral("correct horse battery stapler") << qint64(-1) << QStringLiteral("passphrase is wrong");
    QTest::newRow("no passphrase") << QByteArray() << qint64(-1) << QStringLiteral("give its passphrase");
    QTest::newRow("flipped byte in the magic") << kPassphrase << qint64(2) << QStringLiteral("not an Orb company file");
    QTest::newRow("flipped byte in the salt") << kPassphrase << qint64(12) << QStringLiteral("passphrase is wrong, or the file was changed");
    QTest::newRow("flipped byte in the key cost") << kPassphrase << qint64(25) << QStringLiteral("cannot be restored");
    QTest::newRow("flipped byte in the stream header") << kPassphrase << qint64(45) << QStringLiteral("file was changed");
    QTest::newRow("flipped byte in the first part") << kPassphrase << qint64(500) << QStringLiteral("file was changed");
    QTest::newRow("flipped byte in a middle part") << kPassphrase << qint64(200000) << QStringLiteral("file was changed");
    QTest::newRow("cut short") << kPassphrase << qint64(-2) << QStringLiteral("cut short");
    QTest::newRow("bytes appended") << kPassphrase << qint64(-3) << QStringLiteral("bytes follow its end");
}

void TestBackupCrypto::refusedBackup()
{
    QFETCH(QByteArray, passphrase);
    QFETCH(qint64, flipAt);
    QFETCH(QString, why);
    QFile in(m_backup);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    if (flipAt >= 0) {
        QVERIFY(flipAt < bytes.size());
        bytes[flipAt] = char(bytes[flipAt] ^ 0x01);
    } else if (flipAt == -2) {
        bytes.chop(1);
    } else if (flipAt == -3) {
        bytes.append('x');
    }
    const QString tampered = m_dir.filePath(QStringLiteral("tampered.orbenc"));
    QFile::remove(tampered);
    QFile out(tampered);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();

    // Restored over an existing company: it must stay exactly as it was.
    const QString target = m_dir.filePath(QStringLiteral("target/company.orb"));
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile::remove(target);
    QVERIFY(QFile::copy(m_company, target));
    const QByteArray before = fileHash(target);
    const QStringList filesBefore = QDir(QFileInfo(target).absolutePath()).entryList(QDir::Files);
    try {
        Backup::restore(tampered, target, false, m_now, passphrase);
        QFAIL("a tampered backup or a wrong passphrase was accepted");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(e.message().contains(why), qPrintable(e.message()));
    }
    QCOMPARE(fileHash(target), before);
    QCOMPARE(QDir(QFileInfo(target).absolutePath()).entryList(QDir::Files), filesBefore);
}

void TestBackupCrypto::shortPassphraseRefused()
{
    const QString dest = m_dir.filePath(QStringLiteral("short.orbenc"));
    QVERIFY_THROWS_EXCEPTION(ServiceError, Backup::createEncrypted(m_company, dest, QByteArrayLiteral("short")));
    QVERIFY(!QFile::exists(dest));
}

void TestBackupCrypto::scheduledBackupsEncryptedWhenAKeyIsSet()
{
    const QString company = m_dir.filePath(QStringLiteral("scheduled.orb"));
    QVERIFY(QFile::copy(m_company, company));
    const QString folder = m_dir.filePath(QStringLiteral("scheduled-backups"));
    auto file = CompanyFile::open(company);
    file->setSetting(QStringLiteral("backup.folder"), folder);
    file->setSetting(QStringLiteral("backup.encrypt"), QStringLiteral("keychain"));
    BackupScheduler scheduler(*file);
    int asked = 0;
    scheduler.setPassphraseProvider([&asked](QString *) {
        ++asked;
        return kPassphrase;
    });
    QSignalSpy done(&scheduler, &BackupScheduler::backupFinished);
    QSignalSpy failed(&scheduler, &BackupScheduler::backupFailed);
    QVERIFY(scheduler.runNow(m_now));
    QTRY_COMPARE_WITH_TIMEOUT(done.count() + failed.count(), 1, 60000);
    QCOMPARE(failed.count(), 0);
    const QString written = done.first().first().toString();
    QVERIFY2(written.endsWith(QStringLiteral("scheduled-20260315-100000.orbenc")), qPrintable(written));
    QVERIFY(BackupCrypto::isEncrypted(written));
    QCOMPARE(asked, 1);
    QCOMPARE(Backup::backupsIn(folder, company), QStringList{written});
    const QString target = m_dir.filePath(QStringLiteral("from-scheduled/company.orb"));
    Backup::restore(written, target, false, m_now, kPassphrase);
    QVERIFY(CompanyFile::open(target)->settings().name.contains(QStringLiteral("Northwind")));
}

void TestBackupCrypto::scheduledBackupWithoutItsKeyFails()
{
    const QString company = m_dir.filePath(QStringLiteral("nokey.orb"));
    QVERIFY(QFile::copy(m_company, company));
    const QString folder = m_dir.filePath(QStringLiteral("nokey-backups"));
    auto file = CompanyFile::open(company);
    file->setSetting(QStringLiteral("backup.folder"), folder);
    file->setSetting(QStringLiteral("backup.encrypt"), QStringLiteral("keychain"));
    BackupScheduler scheduler(*file);
    scheduler.setPassphraseProvider([](QString *error) {
        *error = QStringLiteral("the keychain is locked");
        return QByteArray();
    });
    QSignalSpy failed(&scheduler, &BackupScheduler::backupFailed);
    QVERIFY(scheduler.runNow(m_now));
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("the keychain is locked")));
    QVERIFY(Backup::backupsIn(folder, company).isEmpty()); // never a plain one instead
}

QTEST_GUILESS_MAIN(TestBackupCrypto)
#include "tst_backupcrypto.moc"
