// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/UnitOfWork.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_file.reset(); }
    void changesAppendChainedEntries();
    void unchangedSettingWritesNothing();
    void verifyFindsTampering_data();
    void verifyFindsTampering();
    void appendNeedsTransaction();
    void hashCoversDatabaseUserOnlyWhenSet();

private:
    void makeHistory();
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestAuditLog::init()
{
    static int n = 0;
    CompanySettings s;
    s.name = QStringLiteral("Audit Co");
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("a%1.orb").arg(++n)), s, m_clock);
}

void TestAuditLog::makeHistory()
{
    CustomerService svc(*m_file, m_clock);
    Customer c;
    c.name = QStringLiteral("Audited Inc");
    c.externalCustomerId = QStringLiteral("aud");
    svc.create(c);
    m_clock.advanceSecs(60);
    CustomerPatch p;
    p.email = QStringLiteral("ap@audited.example");
    svc.update(QStringLiteral("aud"), p);
    m_clock.advanceSecs(60);
    m_file->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("24"), m_clock);
    CompanySettings s = m_file->settings();
    s.invoicePrefix = QStringLiteral("AUD-");
    m_file->updateSettings(s, m_clock);
    svc.archive(QStringLiteral("aud"));
}

void TestAuditLog::changesAppendChainedEntries()
{
    makeHistory();
    AuditLog log(m_file->db());
    const QList<AuditEntry> recent = log.recent(10);
    QCOMPARE(recent.size(), 5);
    QStringList actions;
    for (auto it = recent.crbegin(); it != recent.crend(); ++it)
        actions << it->action;
    QCOMPARE(actions, (QStringList{QStringLiteral("customer.create"), QStringLiteral("customer.update"), QStringLiteral("settings.set"),
                                   QStringLiteral("company.update"), QStringLiteral("customer.archive")}));
    const QString id = CustomerService(*m_file, m_clock).get(QStringLiteral("aud")).id;
    const QList<AuditEntry> trail = log.forObject(QStringLiteral("customer"), id);
    QCOMPARE(trail.size(), 3);
    QVERIFY(!trail[0].before);
    QVERIFY(trail[1].before->value(QStringLiteral("email")).isNull());
    QCOMPARE(trail[1].after->value(QStringLiteral("email")).toString(), QStringLiteral("ap@audited.example"));
    QCOMPARE(trail[1].at, QDateTime(QDate(2026, 6, 1), QTime(8, 1), Qt::UTC));
    QCOMPARE(trail[1].prevHash, trail[0].hash);
    QCOMPARE(trail[0].osUser, AuditLog::currentOsUser());
    const AuditVerification v = log.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entries, 5);
    QCOMPARE(v.headHash, recent.first().hash);
}

void TestAuditLog::unchangedSettingWritesNothing()
{
    m_file->setSetting(QStringLiteral("rounding"), QStringLiteral("half_even"), m_clock);
    m_file->setSetting(QStringLiteral("rounding"), QStringLiteral("half_even"), m_clock);
    QCOMPARE(AuditLog(m_file->db()).recent(10).size(), 1);
}

void TestAuditLog::verifyFindsTampering_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<qint64>("brokenAt");
    QTest::addColumn<QString>("problem");
    QTest::newRow("edited value") << "UPDATE audit_log SET after_json = replace(after_json, 'ap@audited', 'xx@audited') WHERE seq = 2" << qint64(2)
                                  << "entry 2 was edited";
    QTest::newRow("edited user") << "UPDATE audit_log SET os_user = 'mallory' WHERE seq = 3" << qint64(3) << "entry 3 was edited";
    // A database user put on an entry that had none (or changed) breaks its hash as well.
    QTest::newRow("database user added") << "UPDATE audit_log SET db_user = 'mallory' WHERE seq = 3" << qint64(3) << "entry 3 was edited";
    QTest::newRow("deleted middle") << "DELETE FROM audit_log WHERE seq = 2" << qint64(2) << "entries 2 to 2 are missing";
    QTest::newRow("deleted tail") << "DELETE FROM audit_log WHERE seq >= 4" << qint64(4) << "the last 2 entries were removed";
    QTest::newRow("inserted") << "INSERT INTO audit_log (seq, at, os_user, action, object_type, object_id, before_json, after_json, prev_hash, hash) "
                                 "SELECT 6, at, os_user, 'customer.delete', object_type, object_id, after_json, NULL, hash, hash FROM audit_log WHERE seq = 5"
                              << qint64(6) << "was edited after it was written";
    QTest::newRow("replaced and renumbered") << "UPDATE audit_log SET seq = seq + 10 WHERE seq = 5" << qint64(5) << "missing";
}

void TestAuditLog::verifyFindsTampering()
{
    QFETCH(QString, sql);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, problem);
    makeHistory();
    m_file->db().exec(sql);
    const AuditVerification v = AuditLog(m_file->db()).verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.brokenAt, brokenAt);
    QVERIFY2(v.problem.contains(problem), qPrintable(v.problem));
}

void TestAuditLog::appendNeedsTransaction()
{
    AuditLog log(m_file->db());
    QVERIFY_THROWS_EXCEPTION(std::exception,
                             log.append(m_clock.now(), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z"), std::nullopt, std::nullopt));
    UnitOfWork uow(m_file->db());
    log.append(m_clock.now(), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z"), std::nullopt, std::nullopt);
    // Rolled back with its unit of work: no entry without its change.
}

// Entries written before the database user was recorded (and every entry of a company file)
// hash exactly as they always did; an entry with a database user covers it too.
void TestAuditLog::hashCoversDatabaseUserOnlyWhenSet()
{
    AuditEntry e;
    e.seq = 7;
    e.at = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    e.osUser = QStringLiteral("anna");
    e.action = QStringLiteral("customer.update");
    e.objectType = QStringLiteral("customer");
    e.objectId = QStringLiteral("c1");
    e.after = QJsonObject{{QStringLiteral("name"), QStringLiteral("B")}};
    e.prevHash = QString(64, QLatin1Char('0'));
    // The rule as it was first written: length-prefixed fields, no database user.
    QCryptographicHash legacy(QCryptographicHash::Sha256);
    for (const QString &f : {e.prevHash, QStringLiteral("7"), QStringLiteral("2025-01-02T03:04:05.000Z"), e.osUser, e.action, e.objectType, e.objectId,
                             QString(), QStringLiteral("{\"name\":\"B\"}")}) {
        legacy.addData(QByteArray(QByteArray::number(f.toUtf8().size()) + ':'));
        legacy.addData(f.toUtf8());
    }
    QCOMPARE(AuditLog::computeHash(e), QString::fromLatin1(legacy.result().toHex()));
    AuditEntry withUser = e;
    withUser.dbUser = QStringLiteral("anna_db");
    QVERIFY(AuditLog::computeHash(withUser) != AuditLog::computeHash(e));
    AuditEntry otherUser = e;
    otherUser.dbUser = QStringLiteral("mallory");
    QVERIFY(AuditLog::computeHash(withUser) != AuditLog::computeHash(otherUser));
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
