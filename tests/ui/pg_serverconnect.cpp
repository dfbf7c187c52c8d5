// SPDX-License-Identifier: GPL-3.0-or-later
// The welcome screen's "Connect to a company server": typed into the real dialog against a
// PostgreSQL cluster of the test's own that asks for passwords. A wrong password stays in the
// dialog with a message naming the server; the right one opens the company and, remembered,
// goes to the keychain (never to the settings), where the window's next connection and
// `orbctl --db postgresql://…` find it. With the company open, a customer another program
// creates appears in the Customers screen by itself (LISTEN/NOTIFY). Runs in a keyring session
// (label keyring) like the other keychain tests.
#include "models/CompanyFile.h"
#include "models/CustomerTableModel.h"
#include "models/Database.h"
#include "models/storage/CompanyLocation.h"
#include "sync/ServerPasswordStore.h"
#include "tests/support/PgPrivateCluster.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/ServerConnectDialog.h"
#include "ui/screens/CustomersScreen.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <engine/Clock.h>

using namespace orb;
using orb::test::ProcessResult;

namespace {

ProcessResult orbctl(const QString &db, const QStringList &args, const QStringList &env = {})
{
    return orb::test::run(QStringLiteral(ORBCTL_PATH), QStringList{QStringLiteral("--db"), db} + args, {}, env);
}

struct DialogRun {
    QString firstError; ///< the message after the wrong password
    bool stillOpen = false;
};

} // namespace

class TestServerConnect : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<orb::test::PgPrivateCluster> m_cluster;
    QString m_url;

    /// Fills the dialog (waits for it to be shown modally), tries `wrong` first, then `right`.
    void driveDialog(DialogRun *run, const QString &wrong, const QString &right)
    {
        QTimer::singleShot(0, this, [this, run, wrong, right] {
            auto *dialog = qobject_cast<ServerConnectDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                run->stillOpen = true;
                return;
            }
            auto *host = dialog->findChild<QLineEdit *>(QStringLiteral("serverHost"));
            auto *database = dialog->findChild<QLineEdit *>(QStringLiteral("serverDatabase"));
            auto *user = dialog->findChild<QLineEdit *>(QStringLiteral("serverUser"));
            auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("serverPassword"));
            auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
            auto *connectButton = dialog->findChild<QPushButton *>(QStringLiteral("connectButton"));
            QTest::keyClicks(host, m_cluster->socket());
            QTest::keyClicks(database, QStringLiteral("books"));
            QTest::keyClicks(user, QStringLiteral("orbadmin"));
            QTest::keyClicks(password, wrong);
            QTest::mouseClick(connectButton, Qt::LeftButton);
            run->firstError = dialog->errorText();
            password->clear();
            QTest::keyClicks(password, right);
            remember->setChecked(true);
            QTest::mouseClick(connectButton, Qt::LeftButton);
            run->stillOpen = dialog->isVisible();
            if (dialog->isVisible())
                dialog->reject(); // never leave the test waiting on a modal dialog
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qunsetenv("PGPASSWORD");
        m_cluster = std::make_unique<orb::test::PgPrivateCluster>();
        QVERIFY2(m_cluster->isRunning(), "the private PostgreSQL cluster did not start");
        m_url = m_cluster->createDatabase(QStringLiteral("books"));
        QVERIFY(!m_url.isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("books.orb"));
        const ProcessResult init = orbctl(file, {QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("Server Books"), QStringLiteral("--currency"),
                                                 QStringLiteral("EUR"), QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")});
        QVERIFY2(init.exitCode == 0, init.err.constData());
        const ProcessResult move =
            orbctl(file, {QStringLiteral("company"), QStringLiteral("move-to-server"), m_url}, {QStringLiteral("PGPASSWORD=") + m_cluster->password()});
        QVERIFY2(move.exitCode == 0, move.err.constData());
        // Nothing remembered from an earlier run.
        ServerPasswordStore(m_url).remove();
    }

    void cleanupTestCase() { m_cluster.reset(); }

    // orbctl without any password: a clear refusal naming the server, not a hang.
    void orbctlWithoutPasswordIsRefused()
    {
        const ProcessResult r = orbctl(m_url, {QStringLiteral("customers"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("asks for the password of user orbadmin"), r.err.constData());
        QVERIFY2(r.err.contains(m_cluster->socket().toUtf8()), r.err.constData());
    }

    void wrongThenRightPassword()
    {
        SystemClock clock;
        MainWindow w(clock);
        w.show();
        auto *button = w.findChild<QPushButton *>(QStringLiteral("connectServerButton"));
        QVERIFY(button);
        DialogRun run;
        driveDialog(&run, QStringLiteral("not-the-password"), m_cluster->password());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY2(run.firstError.contains(QStringLiteral("refused the password of user orbadmin")), qPrintable(run.firstError));
        QVERIFY2(run.firstError.contains(m_cluster->socket()), qPrintable(run.firstError));
        QVERIFY(!run.stillOpen);
        QVERIFY(w.company());
        QVERIFY(w.company()->isServer());
        QCOMPARE(w.company()->settings().name, QStringLiteral("Server Books"));
        // Remembered in the keychain, and nowhere in the settings.
        ORB_REQUIRE_KEYRING_OR_SKIP();
        QCOMPARE(ServerPasswordStore(m_url).load().value_or(QString()), m_cluster->password());
        QDirIterator it(m_dir.filePath(QStringLiteral("config")), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(m_cluster->password().toUtf8()), qPrintable(f.fileName()));
        }
    }

    // orbctl reads the password the window remembered.
    void orbctlUsesTheKeychain()
    {
        ORB_REQUIRE_KEYRING_OR_SKIP();
        const ProcessResult r = orbctl(m_url, {QStringLiteral("company"), QStringLiteral("show")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Server Books"));
    }

    // A recent server opens with the remembered password, without the dialog.
    void recentServerOpensWithTheKeychain()
    {
        ORB_REQUIRE_KEYRING_OR_SKIP();
        SystemClock clock;
        MainWindow w(clock);
        w.show();
        w.connectToServer(m_url); // a dialog here would wait forever: the test would time out
        QVERIFY(w.company());
        QVERIFY(w.company()->isServer());
    }

    // Others' changes show up in the open window by themselves.
    void othersChangesAppear()
    {
        SystemClock clock;
        MainWindow w(clock);
        w.show();
        Database::setServerPassword(CompanyLocation::parse(m_url).display(), m_cluster->password());
        QString error;
        QVERIFY2(w.openCompany(m_url, &error), qPrintable(error));
        QVERIFY(w.showScreen(QStringLiteral("customers")));
        auto *screen = w.findChild<CustomersScreen *>();
        QVERIFY(screen);
        const int before = screen->model()->rowCount();
        const ProcessResult create = orbctl(m_url,
                                            {QStringLiteral("customers"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Zeta Remote AG"),
                                             QStringLiteral("--external-id"), QStringLiteral("zeta"), QStringLiteral("--currency"), QStringLiteral("EUR"),
                                             QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")},
                                            {QStringLiteral("PGPASSWORD=") + m_cluster->password()});
        QVERIFY2(create.exitCode == 0, create.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(screen->model()->rowCount(), before + 1, 10000);
        bool found = false;
        for (int r = 0; r < screen->model()->rowCount(); ++r)
            found = found || screen->model()->index(r, 0).data().toString().contains(QStringLiteral("Zeta Remote AG"))
                    || screen->model()->data(screen->model()->index(r, 1)).toString().contains(QStringLiteral("Zeta Remote AG"));
        QVERIFY(found);
    }
};

QTEST_MAIN(TestServerConnect)
#include "pg_serverconnect.moc"
