// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "tests/support/PgTestDatabase.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

using orb::test::fileHash;
using orb::test::rawSqlChecked;

using orb::test::ProcessResult;

namespace {

/// Runs `sql` on the server company at `url` as its owner would with psql: behind Orb's back.
/// Returns the server's error, or an empty string.
QString serverSql(const QString &url, const QString &sql)
{
    const QString database = url.section(QStringLiteral("@/"), 1).section(QLatin1Char('?'), 0, 0);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("behind-orbs-back"));
        db.setHostName(orb::test::pgTestSocket());
        db.setUserName(QStringLiteral("orbadmin"));
        db.setDatabaseName(database);
        if (!db.open()) {
            error = QStringLiteral("cannot connect to %1: %2").arg(database, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
            else if (q.numRowsAffected() != 1)
                error = QStringLiteral("%1 rows changed").arg(q.numRowsAffected());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("behind-orbs-back"));
    return error;
}

} // namespace

class TestOrbctlAudit : public QObject
{
    Q_OBJECT

private slots:
    void trailOfChangesAndVerify();
    void outOfBandEditsNamed();
    void triggerAttackRefusedOnOpen();
    void fileWholeAfterEachCommand();
    void encryptedBackupRoundTrip();

private:
    ProcessResult orbctl(const QStringList &args, const QByteArray &input = {}) const
    {
        return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), m_db} + args, input);
    }
    QTemporaryDir m_dir;
    QString m_db;
};

void TestOrbctlAudit::trailOfChangesAndVerify()
{
    m_db = m_dir.filePath(QStringLiteral("audit.orb"));
    QCOMPARE(orbctl({QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Co")}).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
    QVERIFY(!m_db.isEmpty());
    QCOMPARE(orbctl({QStringLiteral("--now"), QStringLiteral("2026-07-01T10:00:00Z"), QStringLiteral("customers"), QStringLiteral("create"),
                     QStringLiteral("--name"), QStringLiteral("Acme"), QStringLiteral("--external-id"), QStringLiteral("acme")})
                 .exitCode,
             0);
    QCOMPARE(
        orbctl({QStringLiteral("customers"), QStringLiteral("update"), QStringLiteral("acme"), QStringLiteral("--email"), QStringLiteral("a@acme.example")})
            .exitCode,
        0);
    QCOMPARE(orbctl({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("grace_period_hours"), QStringLiteral("6")}).exitCode, 0);

    const ProcessResult show = orbctl({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("acme")});
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(show.out.contains("customer.create") && show.out.contains("2026-07-01T10:00:00Z"), show.out.constData());
    QVERIFY2(show.out.contains("email: null → a@acme.example"), show.out.constData());

    const ProcessResult json =
        orbctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("setting:grace_period_hours")});
    const QJsonArray data = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0].toObject().value(QStringLiteral("after")).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("6"));

    const ProcessResult ok = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.contains("intact: 3 entries"));

    // Someone edits the company behind Orb's back: the file with the sqlite3 shell, the server
    // with psql as the database's owner.
    if (orb::test::serverEngine()) {
        QCOMPARE(serverSql(m_db, QStringLiteral("UPDATE audit_log SET os_user = 'mallory' WHERE seq = 2")), QString());
    } else {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "UPDATE audit_log SET os_user = 'mallory' WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    const ProcessResult broken = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(broken.exitCode, 4);
    QVERIFY2(broken.err.contains("broken at entry 2"), broken.err.constData());
    QCOMPARE(orbctl({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("ghost")}).exitCode, 3);
}

void TestOrbctlAudit::outOfBandEditsNamed()
{
    // A server keeps no row seals: its grants keep writes to Orb's roles (pg_roles).
    ORB_SQLITE_ONLY("row seals against raw edits of the file");
    m_db = m_dir.filePath(QStringLiteral("edited.orb"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    const ProcessResult clean = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY2(clean.out.contains("Every row matches what Orb wrote"), clean.out.constData());

    rawSqlChecked(m_db, "UPDATE customers SET email = 'attacker@evil.example' WHERE rowid = (SELECT min(rowid) FROM customers)");
    rawSqlChecked(m_db, "UPDATE invoices SET total = '0.00' WHERE rowid = (SELECT min(rowid) FROM invoices WHERE status = 'paid')");
    rawSqlChecked(m_db, "DELETE FROM payments WHERE rowid = (SELECT max(rowid) FROM payments)");
    const ProcessResult found = orbctl({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(found.exitCode, 4);
    QVERIFY2(found.err.contains("3 rows were changed, added or deleted outside Orb"), found.err.constData());
    QVERIFY2(found.err.contains("customer ") && found.err.contains("was changed outside Orb (customers"), found.err.constData());
    QVERIFY2(found.err.contains("was changed outside Orb (invoices"), found.err.constData());
    QVERIFY2(found.err.contains("was deleted outside Orb (payments"), found.err.constData());

    const ProcessResult json = orbctl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(json.exitCode, 4);
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(o.value(QStringLiteral("changed_outside_orb")).toString(), QStringLiteral("3"));
    QCOMPARE(o.value(QStringLiteral("outside_changes")).toArray().size(), 3);
}

void TestOrbctlAudit::triggerAttackRefusedOnOpen()
{
    ORB_SQLITE_ONLY("a trigger added to the file with the sqlite3 shell, the file's bytes, a restore of it");
    // The attack: a trigger added with the sqlite3 shell rewrites every new customer's e-mail.
    m_db = m_dir.filePath(QStringLiteral("attacked.orb"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    rawSqlChecked(m_db, "CREATE TRIGGER customers_fix AFTER INSERT ON customers BEGIN "
                        "UPDATE customers SET email = 'attacker@evil.example' WHERE id = NEW.id; END");
    const QByteArray before = fileHash(m_db);
    const QStringList files = QDir(m_dir.path()).entryList(QDir::Files);
    const ProcessResult create = orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("New Co"),
                                         QStringLiteral("--email"), QStringLiteral("ap@newco.example")});
    QCOMPARE(create.exitCode, 2);
    QVERIFY2(create.err.contains("was changed outside Orb"), create.err.constData());
    QVERIFY2(create.err.contains("an unknown trigger \"customers_fix\" on customers"), create.err.constData());
    QVERIFY(!create.out.contains("ap@newco.example"));
    QCOMPARE(orbctl({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 2);
    QCOMPARE(fileHash(m_db), before);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), files);
    // A backup of it is refused on restore as well.
    const QString target = m_dir.filePath(QStringLiteral("restored.orb"));
    const ProcessResult restore = orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), target, QStringLiteral("restore"), m_db});
    QCOMPARE(restore.exitCode, 2);
    QVERIFY2(restore.err.contains("customers_fix"), restore.err.constData());
    QVERIFY(!QFile::exists(target));
}

void TestOrbctlAudit::fileWholeAfterEachCommand()
{
    ORB_SQLITE_ONLY("the file's write-ahead log, and a copy of the file");
    m_db = m_dir.filePath(QStringLiteral("whole.orb"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    QCOMPARE(orbctl({QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Late Co"),
                     QStringLiteral("--external-id"), QStringLiteral("late")})
                 .exitCode,
             0);
    QVERIFY(!QFile::exists(m_db + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(m_db + QStringLiteral("-shm")));
    // The .orb alone, copied elsewhere, holds the day's work.
    QTemporaryDir other;
    const QString copy = other.filePath(QStringLiteral("copy.orb"));
    QVERIFY(QFile::copy(m_db, copy));
    const ProcessResult show = orb::test::run(QStringLiteral(ORBCTL_PATH),
                                              {QStringLiteral("--db"), copy, QStringLiteral("customers"), QStringLiteral("show"), QStringLiteral("late")});
    QCOMPARE(show.exitCode, 0);
    QVERIFY(show.out.contains("Late Co"));
    QCOMPARE(orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), copy, QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

void TestOrbctlAudit::encryptedBackupRoundTrip()
{
    m_db = m_dir.filePath(QStringLiteral("enc.orb"));
    QCOMPARE(orbctl({QStringLiteral("demo")}).exitCode, 0);
    m_db = orb::test::onTestEngine(m_db);
    QVERIFY(!m_db.isEmpty());
    const QString backup = m_dir.filePath(QStringLiteral("stick/enc.orbenc"));
    const ProcessResult made = orbctl({QStringLiteral("backup"), backup, QStringLiteral("--encrypt")}, "correct horse battery\n");
    QCOMPARE(made.exitCode, 0);
    QVERIFY2(made.out.contains("encrypted"), made.out.constData());
    QCOMPARE(orbctl({QStringLiteral("backup"), m_dir.filePath(QStringLiteral("nopass.orbenc")), QStringLiteral("--encrypt")}).exitCode, 2);
    // The flag may come before the file, as with every other verb.
    const ProcessResult flagFirst =
        orbctl({QStringLiteral("backup"), QStringLiteral("--encrypt"), m_dir.filePath(QStringLiteral("flagfirst.orbenc"))}, "correct horse battery\n");
    QVERIFY2(flagFirst.exitCode == 0, flagFirst.err.constData());
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("flagfirst.orbenc"))));
    const ProcessResult twoFiles = orbctl({QStringLiteral("backup"), m_dir.filePath(QStringLiteral("a.orb")), m_dir.filePath(QStringLiteral("b.orb"))});
    QCOMPARE(twoFiles.exitCode, 2);
    QVERIFY2(twoFiles.err.contains("unexpected argument"), twoFiles.err.constData());

    if (orb::test::serverEngine()) {
        // A backup of a server company is a company file: it restores as one and opens offline.
        // The server itself is not replaced by a restore (restoreOntoServerRefused).
        const QString restored = m_dir.filePath(QStringLiteral("offline.orb"));
        const auto restoreTo = [&](const QString &file, const QByteArray &input) {
            return orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), restored, QStringLiteral("restore"), file}, input);
        };
        const ProcessResult wrong = restoreTo(backup, "wrong passphrase here\n");
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains("passphrase is wrong"), wrong.err.constData());
        QVERIFY(!QFileInfo::exists(restored));
        const ProcessResult good = restoreTo(backup, "correct horse battery\n");
        QVERIFY2(good.exitCode == 0, good.err.constData());
        const ProcessResult offline =
            orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), restored, QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(offline.exitCode == 0, offline.err.constData());
        const ProcessResult company =
            orb::test::run(QStringLiteral(ORBCTL_PATH), {QStringLiteral("--db"), restored, QStringLiteral("company"), QStringLiteral("show")});
        QVERIFY2(company.out.contains("Northwind Analytics LLC"), company.out.constData());
        return;
    }
    rawSqlChecked(m_db, "UPDATE company SET name = 'Changed since the backup'");
    const QByteArray before = fileHash(m_db);
    const ProcessResult wrong = orbctl({QStringLiteral("restore"), backup}, "wrong passphrase here\n");
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("passphrase is wrong"), wrong.err.constData());
    QCOMPARE(fileHash(m_db), before);

    QFile f(backup);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x40);
    const QString flipped = m_dir.filePath(QStringLiteral("flipped.orbenc"));
    QFile out(flipped);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    const ProcessResult bad = orbctl({QStringLiteral("restore"), flipped}, "correct horse battery\n");
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("was changed"), bad.err.constData());
    QCOMPARE(fileHash(m_db), before);

    const ProcessResult good = orbctl({QStringLiteral("restore"), backup}, "correct horse battery\n");
    QCOMPARE(good.exitCode, 0);
    const ProcessResult company = orbctl({QStringLiteral("company"), QStringLiteral("show")});
    QVERIFY2(company.out.contains("Northwind Analytics LLC"), company.out.constData());
}

QTEST_GUILESS_MAIN(TestOrbctlAudit)
#include "tst_orbctl_audit.moc"
