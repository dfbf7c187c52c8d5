// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a company server opened as a viewer: the actions that change the company
// (Issue, New customer, Invoice run, Save settings, ...) are disabled with a tooltip saying
// why and stay disabled when a selection would enable them, while the lists still load. As
// the billing user, the billing actions are there and the admin ones are not.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "models/storage/MoveToServer.h"
#include "models/storage/UserService.h"
#include "tests/support/PgTestDatabase.h"
#include "ui/MainWindow.h"
#include "ui/RoleGate.h"

#include <QAbstractButton>
#include <QAction>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

namespace {

QString as(const QString &url, const QString &user)
{
    QString out = url;
    return out.replace(QStringLiteral("orbadmin@"), user + QLatin1Char('@'));
}

} // namespace

class TestRoleGate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void viewerSeesButCannotChange();
    void billingKeepsTheBooks();
    void gateTable_data();
    void gateTable();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC)};
    QString m_url;
    QString m_viewer;
    QString m_billing;
};

void TestRoleGate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    m_url = test::pgTestDatabase(QStringLiteral("rolegate"));
    {
        auto file = DemoCompany::create(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
        MoveToServer::run(*file, m_url);
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    m_viewer = QStringLiteral("gviewer_") + suffix;
    m_billing = QStringLiteral("gbilling_") + suffix;
    auto admin = CompanyFile::open(m_url);
    UserService users(*admin, m_clock);
    users.add(m_viewer, Role::Viewer, {});
    users.add(m_billing, Role::Billing, {});
}

void TestRoleGate::viewerSeesButCannotChange()
{
    MainWindow w(m_clock);
    QString error;
    QVERIFY2(w.openCompany(as(m_url, m_viewer), &error), qPrintable(error));
    w.show();

    for (const char *name : {"invoiceRunAction", "newSubscriptionAction", "importEventsAction"}) {
        auto *a = w.findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY2(a, name);
        QVERIFY2(!a->isEnabled(), name);
        QVERIFY2(a->toolTip().contains(QLatin1String("(viewer)")), qPrintable(a->toolTip()));
    }
    for (const char *name : {"issueButton", "newButton", "invoiceRunButton", "newPlanButton", "saveSettingsButton", "payButton"}) {
        auto *b = w.findChild<QAbstractButton *>(QString::fromLatin1(name));
        QVERIFY2(b, name);
        QVERIFY2(!b->isEnabled(), name);
        QVERIFY2(b->toolTip().contains(QLatin1String("(viewer)")), qPrintable(b->toolTip()));
    }
    // Reading goes on: the customers load, and selecting one leaves Edit and Archive disabled.
    auto *customers = w.findChild<QTableView *>(QStringLiteral("customerTable"));
    QVERIFY(customers);
    QTRY_VERIFY_WITH_TIMEOUT(customers->model()->rowCount() > 0, 20000);
    for (int row = 0; row < customers->model()->rowCount(); ++row) {
        customers->selectRow(row);
        QVERIFY(!w.findChild<QAbstractButton *>(QStringLiteral("editButton"))->isEnabled());
        QVERIFY(!w.findChild<QAbstractButton *>(QStringLiteral("archiveButton"))->isEnabled());
    }
    // A screen enabling a gated button for a selection is overruled.
    auto *issue = w.findChild<QAbstractButton *>(QStringLiteral("issueButton"));
    issue->setEnabled(true);
    QVERIFY(!issue->isEnabled());
    auto *run = w.findChild<QAction *>(QStringLiteral("invoiceRunAction"));
    run->setEnabled(true);
    QVERIFY(!run->isEnabled());
    // Export stays open to a viewer.
    auto *exportButton = w.findChild<QAbstractButton *>(QStringLiteral("exportCustomersButton"));
    QVERIFY(exportButton);
    QVERIFY(exportButton->isEnabled());
}

void TestRoleGate::billingKeepsTheBooks()
{
    MainWindow w(m_clock);
    QString error;
    QVERIFY2(w.openCompany(as(m_url, m_billing), &error), qPrintable(error));
    QVERIFY(w.findChild<QAction *>(QStringLiteral("invoiceRunAction"))->isEnabled());
    QVERIFY(w.findChild<QAbstractButton *>(QStringLiteral("newButton"))->isEnabled());
    QVERIFY(w.findChild<QAbstractButton *>(QStringLiteral("invoiceRunButton"))->isEnabled());
    QVERIFY(!w.findChild<QAbstractButton *>(QStringLiteral("newPlanButton"))->isEnabled());
    QVERIFY(!w.findChild<QAbstractButton *>(QStringLiteral("saveSettingsButton"))->isEnabled());
    QVERIFY(w.findChild<QAbstractButton *>(QStringLiteral("saveSettingsButton"))->toolTip().contains(QLatin1String("(billing)")));
    // The admin: nothing held down.
    MainWindow a(m_clock);
    QVERIFY2(a.openCompany(m_url, &error), qPrintable(error));
    QVERIFY(a.findChild<QAbstractButton *>(QStringLiteral("newPlanButton"))->isEnabled());
    QVERIFY(a.findChild<QAbstractButton *>(QStringLiteral("saveSettingsButton"))->isEnabled());
    QVERIFY(!a.findChild<QAction *>(QStringLiteral("invoiceRunAction"))->toolTip().contains(QLatin1String("role")));
}

void TestRoleGate::gateTable_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("role");
    QTest::newRow("issue") << "issueButton" << int(Role::Billing);
    QTest::newRow("run") << "invoiceRunAction" << int(Role::Billing);
    QTest::newRow("import events") << "importEventsAction" << int(Role::Ingest);
    QTest::newRow("settings") << "saveSettingsButton" << int(Role::Admin);
    QTest::newRow("plan") << "newPlanButton" << int(Role::Admin);
    QTest::newRow("export is a read") << "exportCustomersButton" << -1;
    QTest::newRow("filter is a read") << "applyFilterButton" << -1;
}

void TestRoleGate::gateTable()
{
    QFETCH(QString, name);
    QFETCH(int, role);
    const auto needed = RoleGate::needs(name);
    QCOMPARE(needed ? int(*needed) : -1, role);
}

QTEST_MAIN(TestRoleGate)
#include "pg_rolegate.moc"
