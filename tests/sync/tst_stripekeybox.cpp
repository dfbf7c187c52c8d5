// SPDX-License-Identifier: GPL-3.0-or-later
// The Stripe key box of the Settings screen, against the stand-in and the real keyring: a
// malformed key is refused before anything leaves the machine, a key Stripe refuses is not
// saved, a good one is checked, saved in the keychain and handed on, and removal forgets it.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "sync/StripeKeyStore.h"
#include "ui/widgets/StripeKeyBox.h"
#include "tests/support/TestSupport.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

class TestStripeKeyBox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qunsetenv("ORB_STRIPE_API_KEY"); }

    void checksSavesAndRemoves()
    {
        ORB_REQUIRE_KEYRING_OR_SKIP();
        const QString key = QStringLiteral("sk_test_keyBoxTest00000001");
        test::StripeRig rig;
        QVERIFY(rig.start(key, 6));
        StandinHost &host = *rig.host;
        QTemporaryDir dir;
        SystemClock clock;
        auto file = test::newCompanyFile(dir, test::settingsNamed(QStringLiteral("Key Co")), clock);
        file->setSetting(QStringLiteral("stripe.api_base"), host.baseUrl(), clock);
        const StripeKeyStore store(file->path());

        StripeKeyBox box(*file);
        QSignalSpy keys(&box, &StripeKeyBox::keyChanged);
        auto *edit = box.findChild<QLineEdit *>(QStringLiteral("stripeKey"));
        auto *save = box.findChild<QPushButton *>(QStringLiteral("stripeKeySave"));
        auto *remove = box.findChild<QPushButton *>(QStringLiteral("stripeKeyRemove"));
        auto *status = box.findChild<QLabel *>(QStringLiteral("stripeKeyStatus"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("No key is saved")));
        QVERIFY(!remove->isEnabled());
        QCOMPARE(keys.count(), 1); // what was found at start: nothing
        QCOMPARE(keys.takeFirst().first().toString(), QString());

        // A publishable key never leaves the machine.
        QTest::keyClicks(edit, QStringLiteral("pk_test_123456789"));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(status->text().contains(QStringLiteral("publishable key")));
        QCOMPARE(host.standin().requestCount(), 0);

        // A key Stripe does not know is not saved.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("sk_test_someoneElsesKey0001"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Not saved")), 20000);
        QVERIFY(save->isEnabled());
        QCOMPARE(store.load(), std::nullopt);
        QCOMPARE(keys.count(), 0);

        // The right key is checked, saved in the keychain and handed on; the field is cleared.
        edit->clear();
        QTest::keyClicks(edit, key);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(keys.count() == 1, qPrintable(status->text()), 20000);
        QCOMPARE(keys.takeFirst().first().toString(), key);
        QVERIFY(status->text().contains(QStringLiteral("test-mode key is saved in the system keychain")));
        QVERIFY(edit->text().isEmpty());
        QCOMPARE(store.load(), std::optional<QString>(key));
        QVERIFY(remove->isEnabled());

        // A new box (the next start) finds it and hands it on.
        StripeKeyBox again(*file);
        QSignalSpy found(&again, &StripeKeyBox::keyChanged);
        QTRY_COMPARE(found.count(), 1);
        QCOMPARE(found.first().first().toString(), key);
        QVERIFY(again.findChild<QLabel *>(QStringLiteral("stripeKeyStatus"))->text().contains(QStringLiteral("saved in the system keychain")));

        // Removal asks first; declining keeps the key.
        QTimer::singleShot(0, this, [] { answer(QMessageBox::No); });
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(store.load(), std::optional<QString>(key));
        QCOMPARE(keys.count(), 0);
        QTimer::singleShot(0, this, [] { answer(QMessageBox::Yes); });
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(keys.count(), 1);
        QCOMPARE(keys.first().first().toString(), QString()); // nothing to push with any more
        QCOMPARE(store.load(), std::nullopt);
        QVERIFY(status->text().contains(QStringLiteral("No key is saved")));
    }

    void environmentKeyIsShownAsSuch()
    {
        qputenv("ORB_STRIPE_API_KEY", "sk_live_fromTheEnvironment01");
        QTemporaryDir dir;
        SystemClock clock;
        CompanySettings s;
        s.name = QStringLiteral("Env Co");
        auto file = CompanyFile::create(dir.filePath(QStringLiteral("e.orb")), s, clock);
        StripeKeyBox box(*file);
        auto *status = box.findChild<QLabel *>(QStringLiteral("stripeKeyStatus"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("live-mode key comes from the environment variable ORB_STRIPE_API_KEY")));
        // A key from the environment is not the keychain's to remove.
        QVERIFY(!box.findChild<QPushButton *>(QStringLiteral("stripeKeyRemove"))->isEnabled());
        qunsetenv("ORB_STRIPE_API_KEY");
    }

private:
    static void answer(QMessageBox::StandardButton button)
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(button)->click();
    }
};

QTEST_MAIN(TestStripeKeyBox)
#include "tst_stripekeybox.moc"
