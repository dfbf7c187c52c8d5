// SPDX-License-Identifier: GPL-3.0-or-later
// Company settings: written by SettingsService as one action, read through typed accessors
// whose key, default and range come from the one settings table.
#include "tests/support/CompanyFixture.h"
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/SettingKeys.h"
#include "models/SettingsService.h"
#include "models/StorageError.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestSettingsService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void storesCompanyAndSettingsAsOneAction();
    void refusesABadValueAndWritesNothing_data();
    void refusesABadValueAndWritesNothing();
    void intSettingsComeFromTheTable_data();
    void intSettingsComeFromTheTable();
    void theTableChecksEveryWholeNumberSetting();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    int m_count = 0;
};

void TestSettingsService::init()
{
    CompanySettings s;
    s.name = QStringLiteral("Settings Co");
    s.defaultCurrency = QStringLiteral("EUR");
    s.timezone = QStringLiteral("Europe/Berlin");
    s.invoicePrefix = QStringLiteral("SC-");
    m_file.reset();
    m_file = orb::test::createCompany(m_dir.filePath(QStringLiteral("company-%1.orb").arg(++m_count)), s, m_clock); // fresh for each test
}

void TestSettingsService::storesCompanyAndSettingsAsOneAction()
{
    SettingsService service(*m_file, m_clock);
    SettingsChange change = service.current({QStringLiteral("grace_period_hours"), QStringLiteral("default_net_terms")});
    QCOMPARE(change.values.at(0).second, QStringLiteral("12")); // the table's defaults
    QCOMPARE(change.values.at(1).second, QStringLiteral("30"));
    change.company.name = QStringLiteral("Renamed Co");
    change.values = {{QStringLiteral("grace_period_hours"), QStringLiteral("48")}, {QStringLiteral("default_net_terms"), QStringLiteral("14")}};
    service.store(change);
    QCOMPARE(m_file->settings().name, QStringLiteral("Renamed Co"));
    QCOMPARE(m_file->setting(IntSetting::GracePeriodHours), 48);
    QCOMPARE(m_file->setting(IntSetting::DefaultNetTerms), 14);
    const AuditLog log(m_file->db());
    QCOMPARE(log.forObject(QStringLiteral("setting"), QStringLiteral("grace_period_hours")).size(), 1);
    QCOMPARE(log.forObject(QStringLiteral("setting"), QStringLiteral("default_net_terms")).size(), 1);
}

void TestSettingsService::refusesABadValueAndWritesNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("grace too long") << QStringLiteral("grace_period_hours") << QStringLiteral("721")
                                    << QStringLiteral("must be a whole number of hours from 0 to 720");
    QTest::newRow("negative terms") << QStringLiteral("default_net_terms") << QStringLiteral("-1")
                                    << QStringLiteral("must be a whole number of days from 0 to 365");
    QTest::newRow("not a number") << QStringLiteral("backup.keep") << QStringLiteral("many") << QStringLiteral("must be a whole number from 1 to 1000");
    QTest::newRow("unknown key") << QStringLiteral("grace_hours") << QStringLiteral("1") << QStringLiteral("is not a setting");
}

void TestSettingsService::refusesABadValueAndWritesNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    SettingsService service(*m_file, m_clock);
    SettingsChange change = service.current({});
    change.company.name = QStringLiteral("Must Not Stick");
    change.values = {{QStringLiteral("grace_period_hours"), QStringLiteral("24")}, {key, value}};
    try {
        service.store(change);
        QFAIL("stored a bad value");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(e.errors().size(), 1);
        QCOMPARE(e.errors().first().path, key);
        QCOMPARE(e.errors().first().message, message);
    }
    QCOMPARE(m_file->settings().name, QStringLiteral("Settings Co"));
    QCOMPARE(m_file->setting(IntSetting::GracePeriodHours), 12);
    QVERIFY(AuditLog(m_file->db()).forObject(QStringLiteral("setting"), QStringLiteral("grace_period_hours")).isEmpty());
}

void TestSettingsService::intSettingsComeFromTheTable_data()
{
    QTest::addColumn<int>("setting");
    QTest::addColumn<QString>("stored"); ///< empty: unset
    QTest::addColumn<int>("expected");
    QTest::newRow("grace unset") << int(IntSetting::GracePeriodHours) << QString() << 12;
    QTest::newRow("grace 0") << int(IntSetting::GracePeriodHours) << QStringLiteral("0") << 0;
    QTest::newRow("grace 720") << int(IntSetting::GracePeriodHours) << QStringLiteral("720") << 720;
    QTest::newRow("grace edited to -5") << int(IntSetting::GracePeriodHours) << QStringLiteral("-5") << 12;
    QTest::newRow("grace edited to text") << int(IntSetting::GracePeriodHours) << QStringLiteral("soon") << 12;
    QTest::newRow("terms unset") << int(IntSetting::DefaultNetTerms) << QString() << 30;
    QTest::newRow("terms 366 (stored before the rule)") << int(IntSetting::DefaultNetTerms) << QStringLiteral("366") << 366;
    QTest::newRow("backup interval unset") << int(IntSetting::BackupIntervalHours) << QString() << 24;
    QTest::newRow("backup interval 0") << int(IntSetting::BackupIntervalHours) << QStringLiteral("0") << 24;
    QTest::newRow("keep unset") << int(IntSetting::BackupKeep) << QString() << 14;
    QTest::newRow("keep 3") << int(IntSetting::BackupKeep) << QStringLiteral("3") << 3;
}

void TestSettingsService::intSettingsComeFromTheTable()
{
    QFETCH(int, setting);
    QFETCH(QString, stored);
    QFETCH(int, expected);
    const IntSetting which = IntSetting(setting);
    if (!stored.isEmpty())
        m_file->setSetting(intSettingRule(which).key, stored, m_clock); // as a hand edit would: unchecked
    QCOMPARE(m_file->setting(which), expected);
}

void TestSettingsService::theTableChecksEveryWholeNumberSetting()
{
    for (IntSetting s : {IntSetting::GracePeriodHours, IntSetting::DefaultNetTerms, IntSetting::BackupIntervalHours, IntSetting::BackupKeep}) {
        const IntSettingRule &rule = intSettingRule(s);
        const std::optional<SettingKey> key = findSettingKey(rule.key);
        QVERIFY2(key, qPrintable(rule.key));
        QCOMPARE(key->defaultValue, QString::number(rule.defaultValue));
        QVERIFY(key->validate(QString::number(rule.minimum)).isEmpty());
        QVERIFY(key->validate(QString::number(rule.maximum)).isEmpty());
        QVERIFY(!key->validate(QString::number(rule.minimum - 1)).isEmpty());
        QVERIFY(!key->validate(QString::number(rule.maximum + 1)).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSettingsService)
#include "tst_settingsservice.moc"
