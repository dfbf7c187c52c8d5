// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/DemoCompany.h"
#include "tests/ui/GuiCompany.h"
#include "ui/MainWindow.h"

#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QAction>
#include <QApplication>
#include <QImage>
#include <QTimer>
#include <QToolBar>
#include <QtTest>

using namespace orb;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void welcomeWithoutCompany();
    void opensDemoWithAllScreens();
    void refusesForeignFileAndStaysUsable();
    void readOnlyFileSaysSo();
    void recentFilesRemembered();
    void aboutStatesTheLicence();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
};

void TestMainWindow::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
}

void TestMainWindow::welcomeWithoutCompany()
{
    MainWindow w(m_clock);
    w.show();
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("welcomeScreen")));
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("fileStatus"))->text(), QStringLiteral("No company file open"));
    QVERIFY(!w.company());
}

void TestMainWindow::opensDemoWithAllScreens()
{
    MainWindow w(m_clock);
    w.show();
    const QString path = m_dir.filePath(QStringLiteral("demo.orb"));
    QString error;
    QVERIFY2(test::openDemo(w, path, m_clock, &error), qPrintable(error));
    auto *nav = w.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QStringList names;
    for (int i = 0; i < nav->count(); ++i)
        names << nav->item(i)->text();
    QCOMPARE(names, (QStringList{QStringLiteral("Dashboard"), QStringLiteral("Customers"), QStringLiteral("Plans"), QStringLiteral("Coupons"),
                                 QStringLiteral("Tax rates"), QStringLiteral("Subscriptions"), QStringLiteral("Invoices"), QStringLiteral("Usage"),
                                 QStringLiteral("Reports"), QStringLiteral("Sync"), QStringLiteral("Settings")}));
    // Ctrl+1…9 keep showing the screens they showed before Coupons and Tax rates came.
    QStringList shortcuts;
    for (QAction *a : w.findChild<QMenu *>(QStringLiteral("goMenu"))->actions())
        shortcuts << a->text() + QLatin1Char('=') + a->shortcut().toString(QKeySequence::PortableText);
    QVERIFY2(shortcuts.contains(QStringLiteral("Subscriptions=Ctrl+4")), qPrintable(shortcuts.join(QLatin1Char(' '))));
    QVERIFY2(shortcuts.contains(QStringLiteral("Settings=Ctrl+9")), qPrintable(shortcuts.join(QLatin1Char(' '))));
    QVERIFY2(shortcuts.contains(QStringLiteral("Tax rates=")), qPrintable(shortcuts.join(QLatin1Char(' '))));
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("Northwind Analytics LLC")));
    // The dashboard reads its figures on a worker thread.
    QTRY_VERIFY(w.findChild<QLabel *>(QStringLiteral("customerSummary"))->text().contains(QStringLiteral("<b>12</b> active")));
    w.showScreen(QStringLiteral("Customers"));
    auto *stack = w.findChild<QStackedWidget *>(QStringLiteral("screens"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("customersScreen"));
    QCOMPARE(w.findChild<QTableView *>(QStringLiteral("customerTable"))->model()->rowCount(), 12);
    w.showScreen(QStringLiteral("Plans"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("plansScreen"));
    QVERIFY(w.findChild<QTableView *>(QStringLiteral("planTable"))->model()->rowCount() >= 3);
    w.showScreen(QStringLiteral("Usage"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("usageScreen"));
    QVERIFY(w.showScreen(QStringLiteral("coupons")));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("couponsScreen"));
    QVERIFY(w.showScreen(QStringLiteral("tax-rates")));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("taxRatesScreen"));
    w.showScreen(QStringLiteral("Invoices"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("invoicesScreen"));
    w.showScreen(QStringLiteral("Subscriptions"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("subscriptionsScreen"));
    // Screens are found by their id, never by the label a translation changes.
    nav->item(int(MainWindow::Screen::Reports))->setText(QStringLiteral("Berichte"));
    w.showScreen(MainWindow::Screen::Reports);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("reportsScreen"));
    QVERIFY(w.showScreen(QStringLiteral("reports")));
    QCOMPARE(MainWindow::screenFromKey(QStringLiteral("SETTINGS")), std::optional<MainWindow::Screen>(MainWindow::Screen::Settings));
    QCOMPARE(MainWindow::screenKey(MainWindow::Screen::Usage), QStringLiteral("usage"));
    QVERIFY(!w.showScreen(QStringLiteral("Berichte")));
    w.showScreen(MainWindow::Screen::Subscriptions);
    // Billing actions have shortcuts and sit on the toolbar; undo and redo are in the Edit menu.
    auto *run = w.findChild<QAction *>(QStringLiteral("invoiceRunAction"));
    QVERIFY(run && run->isEnabled());
    QCOMPARE(run->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QVERIFY(w.findChild<QToolBar *>(QStringLiteral("mainToolbar"))->actions().contains(run));
    QCOMPARE(w.findChild<QAction *>(QStringLiteral("undoAction"))->shortcut(), QKeySequence(QKeySequence::Undo));
    QVERIFY(!w.findChild<QAction *>(QStringLiteral("undoAction"))->isEnabled()); // nothing to undo yet
    // Every screen renders to a PNG (orb-billing --screenshots).
    QTemporaryDir shots;
    const QStringList files = w.saveScreenshots(shots.path());
    QCOMPARE(files.size(), nav->count());
    for (const QString &f : files)
        QVERIFY2(QImage(f).width() > 600, qPrintable(f));
}

void TestMainWindow::refusesForeignFileAndStaysUsable()
{
    MainWindow w(m_clock);
    const QString path = m_dir.filePath(QStringLiteral("notes.orb"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a company");
    f.close();
    QString error;
    QVERIFY(!w.openCompany(path, &error));
    QVERIFY(error.contains(QStringLiteral("is not an Orb company file")));
    QVERIFY(!w.company());
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("welcomeScreen")));
}

void TestMainWindow::readOnlyFileSaysSo()
{
    ORB_SQLITE_ONLY("a company file's read-only permissions (a server's read-only user is pg_rolegate's)");
    const QString path = m_dir.filePath(QStringLiteral("ro.orb"));
    DemoCompany::create(path, m_clock);
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
    MainWindow w(m_clock);
    QString error;
    QVERIFY2(w.openCompany(path, &error), qPrintable(error));
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("fileStatus"))->text().contains(QStringLiteral("read-only")));
    QVERIFY(!w.findChild<QWidget *>(QStringLiteral("newButton"))->isEnabled());
}

void TestMainWindow::recentFilesRemembered()
{
    const QString path = m_dir.filePath(QStringLiteral("recent.orb"));
    {
        MainWindow w(m_clock);
        QVERIFY(test::openDemo(w, path, m_clock));
    }
    MainWindow w(m_clock);
    auto *recent = w.findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(recent->isEnabled());
    bool found = false;
    for (QAction *a : recent->actions())
        found = found || a->toolTip() == (test::serverEngine() ? test::companyLocation(path) : QFileInfo(path).absoluteFilePath());
    QVERIFY(found);
}

void TestMainWindow::aboutStatesTheLicence()
{
    MainWindow w(m_clock);
    w.show();
    QAction *about = nullptr;
    for (QAction *menu : w.menuBar()->actions())
        for (QAction *a : menu->menu() ? menu->menu()->actions() : QList<QAction *>())
            if (a->text() == QStringLiteral("&About Orb"))
                about = a;
    QVERIFY(about);
    // The box is modal: read it once it shows, then close it (whatever shows, so that a wrong
    // dialog fails the test instead of hanging it).
    QString text;
    bool isMessageBox = false;
    bool links = false;
    QTimer::singleShot(0, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            isMessageBox = true;
            text = box->text();
            const QList<QLabel *> labels = box->findChildren<QLabel *>();
            for (const QLabel *l : labels)
                links = links || (l->text() == text && l->openExternalLinks());
        }
        if (modal)
            modal->close();
    });
    about->trigger();
    QVERIFY(isMessageBox);
    QVERIFY2(text.contains(QStringLiteral("Orb " ORB_VERSION_STRING)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("GPL-3.0-or-later")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("GNU General Public License")));
    QVERIFY(text.contains(QStringLiteral("either version 3 of the License, or (at your option) any later version")));
    QVERIFY(text.contains(QStringLiteral("ABSOLUTELY NO WARRANTY")));
    QVERIFY(text.contains(QStringLiteral("<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">")));
    QVERIFY2(links, "the licence link does not open in a browser");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
