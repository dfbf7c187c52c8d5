// SPDX-License-Identifier: GPL-3.0-or-later
// The Sync screen drives a real worker thread against the stand-in: sync now, the queue and
// its failures, skip, the status text.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/sync/StripeIdMap.h"
#include "sync/StripeClient.h"
#include "ui/screens/SyncScreen.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

class TestSyncScreen : public QObject
{
    Q_OBJECT

private slots:
    void syncNowShowsQueueAndFailures()
    {
        const QString key = QStringLiteral("sk_test_screenTest000001");
        qputenv("ORB_STRIPE_API_KEY", key.toUtf8());
        test::StripeRig rig;
        QVERIFY(rig.start(key, 6));
        StandinHost &host = *rig.host;
        QTemporaryDir dir;
        SystemClock clock;
        auto file = test::newCompanyFile(dir, test::settingsNamed(QStringLiteral("Screen Co")), clock);
        file->setSetting(QStringLiteral("stripe.api_base"), host.baseUrl(), clock);
        Customer c;
        c.name = QStringLiteral("Ada");
        c.timezone = QStringLiteral("Europe/Berlin");
        c = CustomerService(*file, clock).create(c);

        SyncScreen screen(*file);
        QSignalSpy status(&screen, &SyncScreen::statusChanged);
        QCOMPARE(screen.statusText(), QStringLiteral("Stripe: 1 waiting"));
        auto *syncNow = screen.findChild<QPushButton *>(QStringLiteral("syncNow"));
        auto *state = screen.findChild<QLabel *>(QStringLiteral("syncState"));
        QTest::mouseClick(syncNow, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(state->text().startsWith(QStringLiteral("1 pushed")), 20000);
        QCOMPARE(host.standin().count(QStringLiteral("customer")), 1);
        QTRY_COMPARE(screen.statusText(), QStringLiteral("Stripe: up to date"));
        QVERIFY(!status.isEmpty());

        // Stripe loses the customer; the next update fails for good and is listed.
        StripeClient client(host.baseUrl(), key);
        QVERIFY(client.del(QStringLiteral("/v1/customers/") + *StripeIdMap(file->db()).stripeId(QStringLiteral("customer"), c.id)).ok());
        CustomerPatch patch;
        patch.name = QStringLiteral("Ada Lovelace");
        CustomerService(*file, clock).update(c.id, patch);
        QTest::mouseClick(syncNow, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QStringLiteral("1 failed")), 20000);
        auto *queue = screen.findChild<QTableView *>(QStringLiteral("syncQueue"));
        QTRY_COMPARE(queue->model()->rowCount(), 1);
        QVERIFY(queue->model()->index(0, 5).data().toString().contains(QStringLiteral("No such customer")));
        QCOMPARE(screen.statusText(), QStringLiteral("Stripe: 0 waiting, 1 failed"));
        // What needs a person is listed with what to do.
        auto *attention = screen.findChild<QTableView *>(QStringLiteral("syncAttention"));
        QTRY_COMPARE(attention->model()->rowCount(), 1);
        QVERIFY(attention->model()->index(0, 2).data().toString().contains(QStringLiteral("No such customer")));
        QVERIFY(attention->model()->index(0, 3).data().toString().contains(QStringLiteral("Retry")));
        queue->selectRow(0);
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("syncSkip")), Qt::LeftButton);
        QCOMPARE(queue->model()->rowCount(), 0);
        auto *filter = screen.findChild<QComboBox *>(QStringLiteral("syncFilter"));
        filter->setCurrentIndex(filter->findData(QStringLiteral("skipped")));
        QCOMPARE(queue->model()->rowCount(), 1);

        // The key now reaches another Stripe account: nothing is sent, and the screen says so
        // and offers to start afresh with it.
        host.standin().reset();
        CustomerService(*file, clock).update(c.id, patch);
        QTest::mouseClick(syncNow, Qt::LeftButton);
        auto *fresh = screen.findChild<QPushButton *>(QStringLiteral("syncFreshAccount"));
        QTRY_VERIFY_WITH_TIMEOUT(!fresh->isHidden(), 20000);
        QVERIFY(attention->model()->index(0, 2).data().toString().contains(host.standin().accountId()));
        QCOMPARE(host.standin().count(QStringLiteral("customer")), 0);
        QMessageBox::StandardButton answer = QMessageBox::Yes;
        QTimer::singleShot(0, [&answer] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(answer)->click();
        });
        QTest::mouseClick(fresh, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(host.standin().count(QStringLiteral("customer")) == 1, 20000);
        QTRY_VERIFY(fresh->isHidden());

        // The key itself is entered in Settings: the screen's button asks the window for it.
        QSignalSpy keySettings(&screen, &SyncScreen::keySettingsRequested);
        QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("syncKeySettings")), Qt::LeftButton);
        QCOMPARE(keySettings.count(), 1);
        qunsetenv("ORB_STRIPE_API_KEY");
    }
};

QTEST_MAIN(TestSyncScreen)
#include "tst_syncscreen.moc"
