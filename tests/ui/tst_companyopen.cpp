// SPDX-License-Identifier: GPL-3.0-or-later
// The window and the company file: a file changed outside Orb is offered read-only for
// inspection with its foreign objects listed, the background check on open names rows edited
// around Orb, and quitting leaves the .orb whole (no -wal; a copy of the .orb alone has
// everything).
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/Database.h"
#include "models/DemoCompany.h"
#include "models/RowSeals.h"
#include "ui/MainWindow.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace orb;
using orb::test::fileHash;
using orb::test::rawSqlChecked;

namespace {

const char kAttack[] = "CREATE TRIGGER customers_fix AFTER INSERT ON customers BEGIN "
                       "UPDATE customers SET email = 'attacker@evil.example' WHERE id = NEW.id; END";

} // namespace

class TestCompanyOpen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void quitLeavesTheFileWhole();
    void foreignFileOfferedForInspection();
    void declinedInspectionOpensNothing();
    void backgroundCheckNamesOutOfBandEdits();

private:
    QString demo(const QString &name);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
};

void TestCompanyOpen::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
}

QString TestCompanyOpen::demo(const QString &name)
{
    const QString path = m_dir.filePath(name);
    DemoCompany::create(path, m_clock);
    return path;
}

void TestCompanyOpen::quitLeavesTheFileWhole()
{
    const QString path = demo(QStringLiteral("whole.orb"));
    {
        MainWindow w(m_clock);
        w.show();
        QString error;
        QVERIFY2(w.openCompany(path, &error), qPrintable(error));
        // The screens read on worker threads (connections of their own) while the day's work
        // goes in.
        w.showScreen(QStringLiteral("Invoices"));
        Customer c;
        c.name = QStringLiteral("Late Arrival GmbH");
        c.externalCustomerId = QStringLiteral("late");
        c.currency = QStringLiteral("EUR");
        CustomerService(*w.company(), m_clock).create(c);
        QTRY_VERIFY(!w.integrityCheckRunning());
        QVERIFY(QFile::exists(path + QStringLiteral("-wal"))); // open: the WAL is in use
        w.close();
        QVERIFY(!w.company());
        QCOMPARE(Database::openConnections(path), 0);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    // The .orb alone, as a clerk would e-mail it.
    QTemporaryDir other;
    const QString copy = other.filePath(QStringLiteral("copy.orb"));
    QVERIFY(QFile::copy(path, copy));
    auto file = CompanyFile::open(copy);
    QCOMPARE(file->db().scalar(QStringLiteral("SELECT name FROM customers WHERE external_customer_id = 'late'")).toString(),
             QStringLiteral("Late Arrival GmbH"));
    QVERIFY(RowSeals::verify(file->db()).ok());
}

void TestCompanyOpen::foreignFileOfferedForInspection()
{
    const QString path = demo(QStringLiteral("foreign.orb"));
    rawSqlChecked(path, kAttack);
    const QByteArray before = fileHash(path);
    MainWindow w(m_clock);
    w.show();
    QStringList offered;
    QString message;
    w.setForeignFilePrompt([&](const QString &m, const QStringList &objects) {
        message = m;
        offered = objects;
        return true;
    });
    QString error;
    QVERIFY2(w.openCompany(path, &error), qPrintable(error));
    QCOMPARE(offered, QStringList{QStringLiteral("an unknown trigger \"customers_fix\" on customers (not created by Orb)")});
    QVERIFY(message.contains(QStringLiteral("changed outside Orb")));
    QVERIFY(w.company()->isInspection());
    QVERIFY(w.company()->isReadOnly());
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("fileStatus"))->text().contains(QStringLiteral("read-only for inspection")));
    w.close();
    QCOMPARE(fileHash(path), before);
}

void TestCompanyOpen::declinedInspectionOpensNothing()
{
    const QString path = demo(QStringLiteral("declined.orb"));
    rawSqlChecked(path, kAttack);
    const QByteArray before = fileHash(path);
    MainWindow w(m_clock);
    w.setForeignFilePrompt([](const QString &, const QStringList &) { return false; });
    QString error;
    QVERIFY(!w.openCompany(path, &error));
    QVERIFY2(error.contains(QStringLiteral("customers_fix")), qPrintable(error));
    QVERIFY(!w.company());
    QCOMPARE(fileHash(path), before);
}

void TestCompanyOpen::backgroundCheckNamesOutOfBandEdits()
{
    const QString path = demo(QStringLiteral("edited.orb"));
    {
        MainWindow w(m_clock);
        QSignalSpy checked(&w, &MainWindow::integrityChecked);
        QString error;
        QVERIFY2(w.openCompany(path, &error), qPrintable(error));
        QTRY_COMPARE(checked.count(), 1);
        QVERIFY(w.integrityProblems().isEmpty());
        QVERIFY(!w.findChild<QMessageBox *>(QStringLiteral("integrityWarning")));
    }
    rawSqlChecked(path, "UPDATE customers SET email = 'attacker@evil.example' WHERE rowid = (SELECT min(rowid) FROM customers)");
    MainWindow w(m_clock);
    w.show();
    QSignalSpy checked(&w, &MainWindow::integrityChecked);
    QString error;
    QVERIFY2(w.openCompany(path, &error), qPrintable(error));
    QTRY_COMPARE(checked.count(), 1);
    QCOMPARE(w.integrityProblems().size(), 1);
    QVERIFY2(w.integrityProblems().first().contains(QStringLiteral("was changed outside Orb (customers")), qPrintable(w.integrityProblems().first()));
    QVERIFY(w.findChild<QMessageBox *>(QStringLiteral("integrityWarning")));
}

QTEST_MAIN(TestCompanyOpen)
#include "tst_companyopen.moc"
