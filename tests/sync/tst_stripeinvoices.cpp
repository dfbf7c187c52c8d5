// SPDX-License-Identifier: GPL-3.0-or-later
// Issued invoices to Stripe and payments back, against the stand-in over loopback: the invoice
// queued in the issue's transaction, pushed with Orb's amount due (taxes, balance, credits),
// paid in full or in part in Stripe and recorded once in Orb, voids both ways, and faults
// during the push leaving exactly one Stripe invoice.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/sync/Outbox.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "sync/StripeSync.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

namespace {

const QString Key = QStringLiteral("sk_test_invoicetest0001");

} // namespace

class TestStripeInvoices : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_file.reset();
        m_clock.set(QDateTime::currentDateTimeUtc());
        m_file = test::newCompanyFile(m_dir, test::settingsNamed(QStringLiteral("Invoice Co")), m_clock);
        QVERIFY(m_rig.start(Key, 4));
        m_rig.attach(*m_file, m_clock);
    }
    void cleanup() { m_rig.stop(); }

    void issueQueuesTheInvoiceInItsTransaction()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice draft = oneOff(c.id);
        QCOMPARE(Outbox(m_file->db()).list(QStringLiteral("pending")).size(), 1); // the customer
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(draft.id);
        const QList<OutboxItem> pending = Outbox(m_file->db()).list(QStringLiteral("pending"));
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending.first().objectType, QStringLiteral("invoice"));
        QCOMPARE(pending.first().objectId, inv.id);
        QCOMPARE(pending.first().action, QStringLiteral("push"));
        // A refused issue (already issued) queues nothing.
        QVERIFY_THROWS_EXCEPTION(ServiceError, InvoiceService(*m_file, m_clock).issue(inv.id));
        QCOMPARE(Outbox(m_file->db()).list(QStringLiteral("pending")).size(), 2);
    }

    void pushedWithOrbsAmountDueThenPaidOnce()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        BillingSetupService setup(*m_file, m_clock);
        setup.createTaxRate(QStringLiteral("VAT"), QStringLiteral("19"));
        setup.assignTaxRate(QStringLiteral("VAT"), c.id, {});
        LedgerService(*m_file, m_clock).adjustBalance(c.id, Decimal::parse("10.00"), QStringLiteral("goodwill"));
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QVERIFY(inv.taxTotal.isPositive());
        QCOMPARE(inv.balanceApplied, Decimal::parse("10.00"));
        QCOMPARE(inv.amountDue, inv.total - Decimal::parse("10.00"));

        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 0);
        QCOMPARE(s.pushed, 2);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(remote.value(QLatin1String("amount_due")).toInteger(), inv.amountDue.toMinorUnits(2));
        QCOMPARE(remote.value(QLatin1String("currency")).toString(), QStringLiteral("eur"));
        QCOMPARE(remote.value(QLatin1String("collection_method")).toString(), QStringLiteral("send_invoice"));
        QCOMPARE(remote.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_invoice_number")).toString(), inv.invoiceNumber);
        QCOMPARE(remote.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString(), inv.id);
        // Two lines, one tax item each, the balance: five items on that invoice.
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoiceitem")), 5);
        QStringList parts;
        qint64 sum = 0;
        for (const QJsonObject &item : m_rig.host->standin().objects(QStringLiteral("invoiceitem"))) {
            const QJsonObject meta = item.value(QLatin1String("metadata")).toObject();
            QCOMPARE(meta.value(QLatin1String("orb_invoice_id")).toString(), inv.id);
            parts << meta.value(QLatin1String("orb_part")).toString() + QLatin1Char('@') + meta.value(QLatin1String("orb_position")).toString();
            sum += item.value(QLatin1String("amount")).toInteger();
        }
        QCOMPARE(parts, (QStringList{QStringLiteral("line-0@0"), QStringLiteral("tax-0-0@0"), QStringLiteral("line-1@1"), QStringLiteral("tax-1-0@1"),
                                     QStringLiteral("balance@")}));
        QCOMPARE(sum, inv.amountDue.toMinorUnits(2));
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoiceitem")).at(2).value(QLatin1String("amount")).toInteger(), 9999);
        QVERIFY(m_rig.host->standin()
                    .objects(QStringLiteral("invoiceitem"))
                    .at(2)
                    .value(QLatin1String("description"))
                    .toString()
                    .startsWith(QStringLiteral("Seats")));
        const QString stripeId = remote.value(QLatin1String("id")).toString();
        QCOMPARE(*StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id), stripeId);

        QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoices/%1/pay").arg(stripeId), {}, QStringLiteral("pay-once")).ok());
        m_rig.sync->runOnce();
        Invoice after = InvoiceService(*m_file, m_clock).get(inv.id);
        QCOMPARE(after.status, InvoiceStatus::Paid);
        QCOMPARE(after.amountPaid, inv.amountDue);
        QList<Payment> payments = InvoiceService(*m_file, m_clock).payments(inv.id);
        QCOMPARE(payments.size(), 1);
        QCOMPARE(payments.first().method, QStringLiteral("stripe"));
        QCOMPARE(payments.first().reference, StripePaymentRecorder::referenceFor(stripeId, inv.amountDue.toMinorUnits(2)));
        // Again: a second pull, a pull that lost its cursor, the direct reconcile read.
        m_rig.sync->runOnce();
        SyncState(m_file->db()).set(SyncState::EventCursor, QString());
        m_rig.sync->runOnce();
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r));
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);
        QCOMPARE(SyncLog(m_file->db()).list(QStringLiteral("error")).size(), 0);
    }

    // Prepaid credits are drawn inside the lines before tax (docs.withorb.com/product-catalog/
    // credit-systems), so the pushed items are the lines and their taxes as Orb computed them,
    // with no separate credits item, and they add up to what Orb asks for.
    void pushedWithCreditsInsideTheLines()
    {
        const Customer c = addCustomer(QStringLiteral("credits"), {});
        BillingSetupService setup(*m_file, m_clock);
        setup.createTaxRate(QStringLiteral("VAT"), QStringLiteral("10"));
        setup.assignTaxRate(QStringLiteral("VAT"), c.id, {});
        const QDate today = m_clock.now().date();
        LedgerService(*m_file, m_clock).addCredits(c.id, Decimal::parse("50.00"), Decimal(0), today.addDays(-1), std::nullopt, QStringLiteral("prepaid"));
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(inv.creditsApplied, Decimal::parse("50.00"));
        // 199.99 − 50.00 of credits = 149.99; 10 % tax on what is left, per line.
        QCOMPARE(inv.total, Decimal::parse("164.99"));
        QCOMPARE(inv.amountDue, inv.total);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 0);
        qint64 sum = 0;
        QStringList parts;
        for (const QJsonObject &item : m_rig.host->standin().objects(QStringLiteral("invoiceitem"))) {
            parts << item.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_part")).toString();
            sum += item.value(QLatin1String("amount")).toInteger();
        }
        QCOMPARE(parts, (QStringList{QStringLiteral("line-0"), QStringLiteral("tax-0-0"), QStringLiteral("line-1"), QStringLiteral("tax-1-0")}));
        QCOMPARE(sum, inv.amountDue.toMinorUnits(2));
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoice")).first().value(QLatin1String("amount_due")).toInteger(),
                 inv.amountDue.toMinorUnits(2));
    }

    void partialPaymentThenTheRest()
    {
        // A bank transfer in parts: an invoice Stripe sends rather than charges.
        const Customer c = addCustomer(QStringLiteral("bolt"), QStringLiteral("send_invoice"));
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("collection_method")).toString(), QStringLiteral("send_invoice"));
        const QString stripeId = remote.value(QLatin1String("id")).toString();
        QCOMPARE(m_rig.host->standin().payPart(stripeId, 5000).status, 200);
        m_rig.sync->runOnce();
        Invoice after = InvoiceService(*m_file, m_clock).get(inv.id);
        QCOMPARE(after.status, InvoiceStatus::Issued);
        QCOMPARE(after.amountPaid, Decimal::parse("50.00"));
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r));
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);

        QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoices/%1/pay").arg(stripeId), {}, QStringLiteral("pay-rest")).ok());
        m_rig.sync->runOnce();
        QVERIFY(m_rig.sync->reconcile(r));
        after = InvoiceService(*m_file, m_clock).get(inv.id);
        QCOMPARE(after.status, InvoiceStatus::Paid);
        QCOMPARE(after.amountPaid, inv.amountDue);
        const QList<Payment> payments = InvoiceService(*m_file, m_clock).payments(inv.id);
        QCOMPARE(payments.size(), 2);
        QCOMPARE(payments.at(0).amount + payments.at(1).amount, inv.amountDue);
    }

    void voidInOrbVoidsInStripe()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        InvoiceService invoices(*m_file, m_clock);
        const Invoice pushed = invoices.issue(oneOff(c.id).id);
        m_rig.sync->runOnce();
        const Invoice never = invoices.issue(oneOff(c.id).id);
        invoices.voidInvoice(pushed.id, QStringLiteral("wrong price"));
        invoices.voidInvoice(never.id, QStringLiteral("duplicate"));
        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 0);
        QCOMPARE(s.pushed, 3); // the void, the never-sent invoice (skipped), its void (nothing to do)
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoice")).first().value(QLatin1String("status")).toString(), QStringLiteral("void"));
        // Stripe's void event comes back: Orb voided it first, nothing to warn about.
        QCOMPARE(SyncLog(m_file->db()).list(QStringLiteral("warning")).size(), 0);
    }

    void voidOrFailureInStripeChangesNothingInOrb()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), QStringLiteral("charge_automatically"));
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        // The card is declined when the push asks Stripe to charge it: the invoice stays open.
        m_rig.host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, QStringLiteral("/v1/invoices/"), QStringLiteral("POST"), 0});
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        m_rig.host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0});
        QCOMPARE(m_rig.client->post(QStringLiteral("/v1/invoices/%1/pay").arg(stripeId), {}, QStringLiteral("pay-x")).error.code,
                 QStringLiteral("card_declined"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoices/%1/void").arg(stripeId), {}, QStringLiteral("void-x")).ok());
        m_rig.sync->runOnce();
        QCOMPARE(InvoiceService(*m_file, m_clock).get(inv.id).status, InvoiceStatus::Issued);
        QVERIFY(InvoiceService(*m_file, m_clock).payments(inv.id).isEmpty());
        bool warned = false;
        for (const SyncLogEntry &e : SyncLog(m_file->db()).list(QStringLiteral("warning")))
            warned = warned || e.message.contains(QStringLiteral("was voided in Stripe"));
        QVERIFY(warned);
    }

    void faultDuringThePushLeavesOneInvoice_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("invoice create") << QStringLiteral("/v1/invoices");
        QTest::newRow("invoice item") << QStringLiteral("/v1/invoiceitems");
        QTest::newRow("finalize") << QStringLiteral("/v1/invoices/in_");
    }
    void faultDuringThePushLeavesOneInvoice()
    {
        QFETCH(QString, path);
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        m_rig.sync->runOnce(); // the customer only goes first if the fault is for invoices
        m_rig.host->standin().addFault(Fault{Fault::Kind::DropAfterCommit, 1, path, QStringLiteral("POST"), 0});
        const Invoice second = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 2);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoiceitem")), 4);
        for (const QJsonObject &o : m_rig.host->standin().objects(QStringLiteral("invoice"))) {
            QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("open"));
            QCOMPARE(o.value(QLatin1String("amount_due")).toInteger(), second.amountDue.toMinorUnits(2));
        }
        QVERIFY(inv.id != second.id);
    }

    void interruptedPushGoesOnFromTheDraft()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        m_rig.sync->runOnce();
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        // The first item keeps failing: the run stops offline with the draft in Stripe.
        m_rig.host->standin().addFault(Fault{Fault::Kind::Status500, 4, QStringLiteral("/v1/invoiceitems"), QStringLiteral("POST"), 0});
        SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY(s.offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoice")).first().value(QLatin1String("status")).toString(), QStringLiteral("draft"));
        QVERIFY(StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id));
        s = m_rig.sync->runOnce();
        QVERIFY(!s.offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoiceitem")), 2);
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoice")).first().value(QLatin1String("amount_due")).toInteger(),
                 inv.amountDue.toMinorUnits(2));
    }

    void badCollectionMethodStopsThatInvoiceOnly()
    {
        const Customer bad = addCustomer(QStringLiteral("odd"), QStringLiteral("by_carrier_pigeon"));
        const Customer good = addCustomer(QStringLiteral("acme"), {});
        InvoiceService(*m_file, m_clock).issue(oneOff(bad.id).id);
        InvoiceService(*m_file, m_clock).issue(oneOff(good.id).id);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 1);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        const QList<OutboxItem> failed = Outbox(m_file->db()).list(QStringLiteral("failed"));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().lastError.contains(QStringLiteral("by_carrier_pigeon")), qPrintable(failed.first().lastError));
    }

private:
    Customer addCustomer(const QString &external, const QString &collection)
    {
        Customer c;
        c.name = external.toUpper();
        c.externalCustomerId = external;
        c.currency = QStringLiteral("EUR");
        c.timezone = QStringLiteral("UTC");
        if (!collection.isEmpty())
            c.metadata.insert(QStringLiteral("stripe_collection_method"), collection);
        return CustomerService(*m_file, m_clock).create(c);
    }
    /// A draft with two lines: 1 × 100.00 and 3 × 33.33.
    Invoice oneOff(const QString &customer) { return test::twoLineDraft(*m_file, m_clock, customer); }

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<CompanyFile> m_file;
    test::StripeRig m_rig;
};

QTEST_GUILESS_MAIN(TestStripeInvoices)
#include "tst_stripeinvoices.moc"
