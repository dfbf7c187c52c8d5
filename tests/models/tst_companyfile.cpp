// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/StorageError.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace orb;
using orb::test::fileHash;
using orb::test::rawSqlChecked;
using orb::test::sampleSettings;

class TestCompanyFile : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void createsAndReopens();
    void migrationsFromEmptyRecordEveryStep();
    void createdOwnerOnly();
    void refusesToOverwrite();
    void refusesInvalidSettings_data();
    void refusesInvalidSettings();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void refusesNewerFile();
    void refusesCorruptFile();
    void opensReadOnlyFile();
    void missingFileIsNotFound();
    void settingsRoundTrip();
    void keyValueSettings();
    void demoCompanyHasCustomers();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
};

void TestCompanyFile::createsAndReopens()
{
    const QString p = path(QStringLiteral("a.orb"));
    {
        auto f = CompanyFile::create(p, sampleSettings(), m_clock);
        QCOMPARE(f->schemaVersion(), CompanyFile::latestSchemaVersion());
        QVERIFY(!f->isReadOnly());
        QCOMPARE(f->db().scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(f->db().scalar(QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    }
    auto f = CompanyFile::open(p);
    QCOMPARE(f->settings().name, QStringLiteral("Test Co"));
    QCOMPARE(f->settings().createdAt, m_clock.now());
    QCOMPARE(f->db().scalar(QStringLiteral("PRAGMA application_id")).toInt(), CompanyFile::ApplicationId);
    QVERIFY(f->db().scalar(QStringLiteral("PRAGMA busy_timeout")).toInt() >= 5000);
}

void TestCompanyFile::migrationsFromEmptyRecordEveryStep()
{
    auto f = CompanyFile::create(path(QStringLiteral("m.orb")), sampleSettings(), m_clock);
    QSqlQuery q = f->db().exec(QStringLiteral("SELECT version, name FROM schema_migrations ORDER BY version"));
    int previous = 0;
    int count = 0;
    while (q.next()) {
        QVERIFY(q.value(0).toInt() > previous);
        QVERIFY(!q.value(1).toString().isEmpty());
        previous = q.value(0).toInt();
        ++count;
    }
    QCOMPARE(previous, CompanyFile::latestSchemaVersion());
    QCOMPARE(f->schemaVersion(), CompanyFile::latestSchemaVersion());
    QVERIFY(count >= 1);
    QVERIFY(CompanyFile::latestSchemaVersion() >= 1);
}

void TestCompanyFile::createdOwnerOnly()
{
    const QString p = path(QStringLiteral("perm.orb"));
    CompanyFile::create(p, sampleSettings(), m_clock);
    const auto perms = QFile::permissions(p);
    QVERIFY(perms & QFileDevice::ReadOwner);
    QVERIFY(perms & QFileDevice::WriteOwner);
    QVERIFY(!(perms & QFileDevice::ReadGroup));
    QVERIFY(!(perms & QFileDevice::ReadOther));
}

void TestCompanyFile::refusesToOverwrite()
{
    const QString p = path(QStringLiteral("exists.orb"));
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("precious");
    f.close();
    try {
        CompanyFile::create(p, sampleSettings(), m_clock);
        QFAIL("created over an existing file");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::AlreadyExists);
    }
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
}

void TestCompanyFile::refusesInvalidSettings_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("currency") << "currency"
                              << "EURO"
                              << "currency: \"EURO\" is not an ISO 4217 currency code";
    QTest::newRow("timezone") << "timezone"
                              << "Mars/Olympus"
                              << "timezone: \"Mars/Olympus\" is not an IANA time zone";
    QTest::newRow("name") << "name"
                          << "  "
                          << "name: is required";
    QTest::newRow("prefix") << "prefix"
                            << "INV 2026 WITH SPACES"
                            << "invoice_prefix:";
    QTest::newRow("country") << "country"
                             << "XX"
                             << "country: \"XX\" is not an ISO 3166";
}

void TestCompanyFile::refusesInvalidSettings()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    CompanySettings s = sampleSettings();
    if (field == QLatin1String("currency"))
        s.defaultCurrency = value;
    else if (field == QLatin1String("timezone"))
        s.timezone = value;
    else if (field == QLatin1String("name"))
        s.name = value;
    else if (field == QLatin1String("prefix"))
        s.invoicePrefix = value;
    else
        s.country = value;
    const QString p = path(QStringLiteral("invalid-%1.orb").arg(field));
    try {
        CompanyFile::create(p, s, m_clock);
        QFAIL("invalid settings accepted");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::Invalid);
        QVERIFY2(e.message().contains(message), qPrintable(e.message()));
    }
    QVERIFY(!QFile::exists(p));
}

void TestCompanyFile::refusesForeignFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("text file") << "text"
                               << "is not an Orb company file (it is not an SQLite database)";
    QTest::newRow("empty file") << "empty"
                                << "is not an Orb company file";
    QTest::newRow("other sqlite database") << "sqlite"
                                           << "is an SQLite database, but not an Orb company file";
}

void TestCompanyFile::refusesForeignFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const QString p = path(QStringLiteral("foreign-%1.orb").arg(kind));
    if (kind == QLatin1String("sqlite")) {
        rawSqlChecked(p, {QStringLiteral("CREATE TABLE notes (t TEXT)"), QStringLiteral("INSERT INTO notes VALUES ('hello')")});
    } else {
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("text"))
            f.write("name,amount\nacme,12.50\n");
        f.close();
    }
    const QByteArray before = fileHash(p);
    try {
        CompanyFile::open(p);
        QFAIL("a foreign file was opened");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::NotACompanyFile);
        QVERIFY2(e.message().contains(message), qPrintable(e.message()));
        QVERIFY(e.message().contains(p));
    }
    QCOMPARE(fileHash(p), before);
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
}

void TestCompanyFile::refusesNewerFile()
{
    const QString p = path(QStringLiteral("newer.orb"));
    CompanyFile::create(p, sampleSettings(), m_clock);
    const int newer = CompanyFile::latestSchemaVersion() + 7;
    rawSqlChecked(p, {QStringLiteral("PRAGMA user_version = %1").arg(newer)});
    const QByteArray before = fileHash(p);
    try {
        CompanyFile::open(p);
        QFAIL("a newer file was opened");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::TooNew);
        QVERIFY2(e.message().contains(QStringLiteral("written by a newer Orb (schema version %1").arg(newer)), qPrintable(e.message()));
    }
    QCOMPARE(fileHash(p), before);
}

void TestCompanyFile::refusesCorruptFile()
{
    const QString p = path(QStringLiteral("corrupt.orb"));
    {
        auto f = CompanyFile::create(p, sampleSettings(), m_clock);
        // Enough rows to span several pages.
        for (int i = 0; i < 300; ++i)
            f->setSetting(QStringLiteral("k%1").arg(i), QString(200, QLatin1Char('x')));
    }
    // Scribble over the middle of the file, past the header page.
    QFile f(p);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 8 * 4096);
    f.seek(2 * 4096);
    f.write(QByteArray(4 * 4096, '\xA5'));
    f.close();
    const QByteArray before = fileHash(p);
    try {
        CompanyFile::open(p);
        QFAIL("a corrupt file was opened");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::Corrupt);
        QVERIFY2(e.message().contains(QStringLiteral("damaged")), qPrintable(e.message()));
        QVERIFY(e.message().contains(QStringLiteral("left untouched")));
    }
    QCOMPARE(fileHash(p), before);
}

void TestCompanyFile::opensReadOnlyFile()
{
    const QString p = path(QStringLiteral("ro.orb"));
    CompanyFile::create(p, sampleSettings(), m_clock);
    QVERIFY(QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
    auto f = CompanyFile::open(p);
    QVERIFY(f->isReadOnly());
    QCOMPARE(f->settings().name, QStringLiteral("Test Co"));
    try {
        f->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("3"));
        QFAIL("wrote to a read-only file");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Conflict);
    }
    QCOMPARE(f->setting(QStringLiteral("grace_period_hours"), QStringLiteral("12")), QStringLiteral("12"));
}

void TestCompanyFile::missingFileIsNotFound()
{
    try {
        CompanyFile::open(path(QStringLiteral("nope.orb")));
        QFAIL("opened a missing file");
    } catch (const CompanyFileError &e) {
        QCOMPARE(e.kind(), CompanyFileError::Kind::NotFound);
    }
    QVERIFY(!QFile::exists(path(QStringLiteral("nope.orb"))));
}

void TestCompanyFile::settingsRoundTrip()
{
    auto f = CompanyFile::create(path(QStringLiteral("s.orb")), sampleSettings(), m_clock);
    CompanySettings s = f->settings();
    s.name = QStringLiteral("Renamed GmbH");
    s.addressLine1 = QStringLiteral("Hauptstraße 1");
    s.country = QStringLiteral("DE");
    s.taxId = QStringLiteral("DE999999999");
    f->updateSettings(s, m_clock);
    const CompanySettings back = f->settings();
    QCOMPARE(back.name, s.name);
    QCOMPARE(back.addressLine1, s.addressLine1);
    QCOMPARE(back.taxId, s.taxId);
    s.defaultCurrency = QStringLiteral("XXX1");
    QVERIFY_THROWS_EXCEPTION(ServiceError, f->updateSettings(s, m_clock));
    QCOMPARE(f->settings().defaultCurrency, QStringLiteral("EUR"));
}

void TestCompanyFile::keyValueSettings()
{
    auto f = CompanyFile::create(path(QStringLiteral("kv.orb")), sampleSettings(), m_clock);
    QCOMPARE(f->setting(QStringLiteral("grace_period_hours"), QStringLiteral("12")), QStringLiteral("12"));
    f->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("48"));
    f->setSetting(QStringLiteral("grace_period_hours"), QStringLiteral("24"));
    QCOMPARE(f->setting(QStringLiteral("grace_period_hours")), QStringLiteral("24"));
}

void TestCompanyFile::demoCompanyHasCustomers()
{
    auto f = DemoCompany::create(path(QStringLiteral("demo.orb")), m_clock);
    QVERIFY(f->db().scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt() >= 10);
    QCOMPARE(f->settings().name, QStringLiteral("Northwind Analytics LLC"));
    QVERIFY_THROWS_EXCEPTION(CompanyFileError, DemoCompany::create(path(QStringLiteral("demo.orb")), m_clock));
}

QTEST_GUILESS_MAIN(TestCompanyFile)
#include "tst_companyfile.moc"
