// SPDX-License-Identifier: GPL-3.0-or-later
// The Sync screen drives a real worker thread against the stand-in: sync now, the queue and
// its failures, skip, the status text.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/reports/ReportSource.h"
#include "models/sync/StripeIdMap.h"
#include "sync/StripeClient.h"
#include "sync/StripeSync.h"
#include "ui/LocaleFormat.h"
#include "ui/dialogs/PaymentDialog.h"
#include "ui/documents/StatementDocument.h"
#include "ui/screens/DashboardScreen.h"
#include "ui/screens/InvoicesScreen.h"
#include "ui/screens/SyncScreen.h"
#include "models/InvoiceTableModel.h"
#include "ui/widgets/InvoiceDetailView.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonObject>
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

    void disputesAndAutomaticChargesAreShownInTheWindow()
    {
        const QString key = QStringLiteral("sk_test_screenTest000002");
        StandinHost host(defaultSpecPath());
        QVERIFY(host.start());
        host.standin().setApiKey(key);
        QTemporaryDir dir;
        SystemClock clock;
        CompanySettings s;
        s.name = QStringLiteral("Screen Co");
        auto file = CompanyFile::create(dir.filePath(QStringLiteral("d.orb")), s, clock);
        auto customer = [&](const QString &name, const QString &collection) {
            Customer c;
            c.name = name;
            c.externalCustomerId = name.toLower();
            c.currency = QStringLiteral("EUR");
            c.timezone = QStringLiteral("UTC");
            c.metadata.insert(QStringLiteral("stripe_collection_method"), collection);
            return CustomerService(*file, clock).create(c);
        };
        auto issue = [&](const Customer &c) {
            InvoiceService invoices(*file, clock);
            return invoices.issue(
                invoices.createOneOff(c.id, {OneOffLine{QStringLiteral("Setup"), Decimal(1), Decimal::parse("80.00"), {}}}, std::nullopt, {}, 14).id);
        };
        const Invoice card = issue(customer(QStringLiteral("Card"), QStringLiteral("charge_automatically")));
        const Invoice sent = issue(customer(QStringLiteral("Bank"), QStringLiteral("send_invoice")));
        StripeClient client(host.baseUrl(), key);
        StripePaymentRecorder recorder(clock);
        StripeSync sync(file->db(), client, clock);
        sync.setPaymentSink(&recorder);
        host.standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0}); // the card invoice stays open in Stripe
        QCOMPARE(sync.runOnce().failed, 0);

        // Recording a payment by hand on the card invoice warns; on the other it does not.
        InvoicesScreen screen(*file, clock, nullptr);
        QTRY_VERIFY(!screen.model()->isLoading());
        auto warningOnPay = [&](const QString &id) {
            [&] { QVERIFY(screen.selectInvoice(id)); }();
            QString seen = QStringLiteral("(no dialog)");
            QTimer::singleShot(0, &screen, [&] {
                for (QWidget *w : QApplication::topLevelWidgets())
                    if (auto *d = qobject_cast<PaymentDialog *>(w)) {
                        seen = d->warningText();
                        d->reject();
                    }
            });
            QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("payButton")), Qt::LeftButton);
            return seen;
        };
        const QString warning = warningOnPay(card.id);
        const QString stripeCard = *StripeIdMap(file->db()).stripeId(QStringLiteral("invoice"), card.id);
        QVERIFY2(warning.contains(QStringLiteral("charged to the customer's card automatically")) && warning.contains(stripeCard)
                     && warning.contains(QStringLiteral("next sync")),
                 qPrintable(warning));
        QCOMPARE(warningOnPay(sent.id), QString());

        // The bank-transfer customer pays in Stripe, then disputes the payment.
        const QString stripeSent = *StripeIdMap(file->db()).stripeId(QStringLiteral("invoice"), sent.id);
        QCOMPARE(host.standin().payPart(stripeSent, 8000).status, 200);
        QString charge;
        for (const QJsonObject &c : host.standin().objects(QStringLiteral("charge")))
            if (c.value(QLatin1String("invoice")).toString() == stripeSent)
                charge = c.value(QLatin1String("id")).toString();
        QVERIFY(!charge.isEmpty());
        QCOMPARE(host.standin().openDispute(charge, 0).status, 200);
        sync.runOnce();

        DashboardScreen dashboard(*file, clock);
        QSignalSpy refreshed(&dashboard, &DashboardScreen::refreshed);
        QVERIFY(refreshed.wait(20000));
        const QString attention = dashboard.findChild<QLabel *>(QStringLiteral("attentionCard"))->text();
        QVERIFY2(attention.contains(QStringLiteral("1 disputed payment")) && attention.contains(sent.invoiceNumber)
                     && attention.contains(QStringLiteral("80.00 EUR withdrawn")),
                 qPrintable(attention));

        screen.reload();
        QTRY_VERIFY(!screen.model()->isLoading());
        QVERIFY(screen.selectInvoice(sent.id));
        auto *detail = screen.findChild<InvoiceDetailView *>();
        QVERIFY(detail);
        // The amount as the window shows money in its locale.
        const QString withdrawn = QStringLiteral("Disputed: %1 withdrawn").arg(LocaleFormat::money(Decimal::parse("80.00"), QStringLiteral("EUR")));
        QTRY_VERIFY2(detail->toPlainText().contains(withdrawn), qPrintable(detail->toPlainText()));
        QVERIFY(detail->toHtml().contains(QStringLiteral("https://dashboard.stripe.com/test/invoices/") + stripeSent));

        const Statement statement = ReportSource(*file).statement(sent.customerId, QDate(2000, 1, 1), QDate::currentDate().addDays(1));
        QCOMPARE(statement.disputes.size(), 1);
        const PrintedDocument doc = StatementDocument::build(statement, DocumentIdentity{s.name, {}, {}, {}, {}, {}, {}, QLocale(QLocale::English)});
        bool noted = false;
        for (const DocumentNote &n : doc.notes)
            noted = noted || (n.heading == QStringLiteral("Disputed payments") && n.text.contains(sent.invoiceNumber));
        QVERIFY(noted);
    }
};

QTEST_MAIN(TestSyncScreen)
#include "tst_syncscreen.moc"
