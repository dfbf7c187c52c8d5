// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/CredentialStore.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

/// Runs against the real Secret Service: the test command starts gnome-keyring in a private
/// D-Bus session. Without one the keyring tests are skipped, saying why.
class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void storesReadsAndDeletes();
    void companiesKeepSeparateKeys();
    void secretNeverOnDisk();
    void keyModes_data();
    void keyModes();
};

void TestCredentialStore::storesReadsAndDeletes()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    CredentialStore store(QStringLiteral("orb-billing/test-%1").arg(QCoreApplication::applicationPid()));
    QCOMPARE(store.write(QStringLiteral("stripe"), QStringLiteral("sk_test_abcdefgh12345678")), QString());
    QString error;
    QCOMPARE(store.read(QStringLiteral("stripe"), &error), std::optional<QString>(QStringLiteral("sk_test_abcdefgh12345678")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(store.write(QStringLiteral("stripe"), QStringLiteral("sk_test_replaced0000000")), QString());
    QCOMPARE(store.read(QStringLiteral("stripe")), std::optional<QString>(QStringLiteral("sk_test_replaced0000000")));
    QCOMPARE(store.remove(QStringLiteral("stripe")), QString());
    QCOMPARE(store.read(QStringLiteral("stripe"), &error), std::nullopt);
    QVERIFY(error.isEmpty());
    QCOMPARE(store.remove(QStringLiteral("stripe")), QString()); // deleting nothing is no error
}

void TestCredentialStore::companiesKeepSeparateKeys()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    const QString a = CredentialStore::serviceForCompanyFile(QStringLiteral("/srv/books/a.orb"));
    const QString b = CredentialStore::serviceForCompanyFile(QStringLiteral("/srv/books/b.orb"));
    QVERIFY(a != b);
    QCOMPARE(a, CredentialStore::serviceForCompanyFile(QStringLiteral("/srv/books/../books/a.orb")));
    QCOMPARE(CredentialStore(a).write(QStringLiteral("stripe"), QStringLiteral("sk_test_companyAAAA1111")), QString());
    QCOMPARE(CredentialStore(b).write(QStringLiteral("stripe"), QStringLiteral("sk_test_companyBBBB2222")), QString());
    QCOMPARE(CredentialStore(a).read(QStringLiteral("stripe")), std::optional<QString>(QStringLiteral("sk_test_companyAAAA1111")));
    QCOMPARE(CredentialStore(b).read(QStringLiteral("stripe")), std::optional<QString>(QStringLiteral("sk_test_companyBBBB2222")));
    CredentialStore(a).remove(QStringLiteral("stripe"));
    CredentialStore(b).remove(QStringLiteral("stripe"));
}

void TestCredentialStore::secretNeverOnDisk()
{
    ORB_REQUIRE_KEYRING_OR_SKIP();
    const QString secret = QStringLiteral("sk_test_plaintextcheck9876");
    CredentialStore store(QStringLiteral("orb-billing/disk-check"));
    QCOMPARE(store.write(QStringLiteral("stripe"), secret), QString());
    // gnome-keyring encrypts its keyrings; the secret must not appear in any file of the data
    // folder (where a plain-text fallback would have put it).
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME", QDir::homePath() + QStringLiteral("/.local/share"));
    QDirIterator it(dataHome, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.size() > 10 * 1024 * 1024 || !f.open(QIODevice::ReadOnly))
            continue;
        ++files;
        QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
    }
    qInfo("checked %d files under %s", files, qPrintable(dataHome));
    store.remove(QStringLiteral("stripe"));
}

void TestCredentialStore::keyModes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("mode");
    QTest::newRow("test secret") << "sk_test_51Habcdefgh"
                                 << "test";
    QTest::newRow("live secret") << "sk_live_51Habcdefgh"
                                 << "live";
    QTest::newRow("restricted test") << "rk_test_51Habcdefgh"
                                     << "test";
    QTest::newRow("publishable") << "pk_test_51Habcdefgh"
                                 << "";
    QTest::newRow("too short") << "sk_test_abc"
                               << "";
    QTest::newRow("garbage") << "hello"
                             << "";
    QTest::newRow("spaces") << "sk_test_51Habc defgh"
                            << "";
}

void TestCredentialStore::keyModes()
{
    QFETCH(QString, key);
    QFETCH(QString, mode);
    QCOMPARE(stripeKeyMode(key), mode);
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
