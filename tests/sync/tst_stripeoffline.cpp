// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe sync through long offline gaps and money that moves after the push, against the
// stand-in (which forgets idempotency keys and meter identifiers after 24 hours and events after
// 30 days, as Stripe does): every create found before it is repeated, the amount checked before
// anything is collected, payments and credit notes recorded in Orb told to Stripe, an aged
// cursor noticed, a deleted draft skipped, disputes and refunds reported once, one account.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/StripePaymentRecorder.h"
#include "models/catalog/MetricRepository.h"
#include "models/sync/Outbox.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/StripeInvoiceState.h"
#include "models/sync/StripeSettings.h"
#include "models/sync/SyncAttention.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "models/usage/EventImporter.h"
#include "sync/StripeInvoicePush.h"
#include "sync/StripeSync.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

namespace {

const QString Key = QStringLiteral("sk_test_offlinetest001");
constexpr qint64 Day = 86400;

} // namespace

class TestStripeOffline : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_file.reset();
        m_offset = 0;
        m_clock.set(QDateTime::currentDateTimeUtc());
        // The API base's rule table reads no company: its rows make none (on the server
        // engine each company is a database moved to the cluster).
        if (QLatin1String(QTest::currentTestFunction()) == QLatin1String("apiBaseIsStripeOrLoopback"))
            return;
        m_file = test::newCompanyFile(m_dir, test::settingsNamed(QStringLiteral("Offline Co")), m_clock);
        QVERIFY(m_rig.start(Key, 3));
        m_rig.attach(*m_file, m_clock);
    }
    void cleanup() { m_rig.stop(); }

    // 1. Exactly once without time limits.

    void customerCreateLostThenRetriedAfterADay()
    {
        addCustomer(QStringLiteral("acme"), {});
        const SyncRunSummary lost = runLosingTheAnswer(QStringLiteral("/v1/customers"));
        QVERIFY2(lost.offline, qPrintable(lost.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 1); // made, but Orb never heard
        away(Day + 3600);                                                     // Stripe has forgotten the Idempotency-Key
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(!s.offline && s.failed == 0, qPrintable(s.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 1);
        QCOMPARE(Outbox(m_file->db()).counts().pending, 0);
    }

    void invoiceCreateLostThenRetriedAfterADay()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QVERIFY(runLosingTheAnswer(QStringLiteral("/v1/invoices")).offline);
        QVERIFY(!StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id)); // Orb never heard of the draft
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1);
        away(Day + 3600);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0, qPrintable(s.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("invoice")), 1); // no orphan draft
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(remote.value(QLatin1String("amount_due")).toInteger(), inv.amountDue.toMinorUnits(2));
    }

    void meterEventsAreNotSentBlindlyAfterADay()
    {
        addCustomer(QStringLiteral("acme"), {});
        addMetric(R"({"name":"api_calls","event_name":"api_call","aggregation":"count"})");
        const QDateTime now = m_clock.now();
        ingest(
            {event(QStringLiteral("u1"), now.addSecs(-600)), event(QStringLiteral("u2"), now.addSecs(-300)), event(QStringLiteral("u3"), now.addSecs(-120))});
        // The first meter event reaches Stripe but its answer is lost with the program.
        QVERIFY(runLosingTheAnswer(QStringLiteral("/v1/billing/meter_events")).offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 1);
        away(Day + 3600); // the identifier u1 is forgotten by Stripe
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0 && !s.offline, qPrintable(s.describe()));
        // Each usage event counted once: the summaries showed u1 in Stripe, u2 and u3 missing.
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 3);
        QStringList identifiers;
        for (const QJsonObject &e : m_rig.host->standin().objects(QStringLiteral("billing.meter_event")))
            identifiers << e.value(QLatin1String("identifier")).toString();
        QCOMPARE(identifiers, (QStringList{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")}));
    }

    void lastMeterIsReconciledAfterADay()
    {
        // A "last" meter: Stripe's summary shows the latest value in each minute, which tells
        // an event already there from one missing, so only a real difference needs a person.
        addCustomer(QStringLiteral("acme"), {});
        addMetric(R"({"name":"seats","event_name":"seats","aggregation":"latest","property":"n"})");
        const QDateTime now = m_clock.now();
        auto seats = [&](const QString &key, const QDateTime &ts, int n) {
            const QString json =
                QStringLiteral(R"({"event_name":"seats","timestamp":"%1","idempotency_key":"%2","external_customer_id":"acme","properties":{"n":%3}})")
                    .arg(ts.toUTC().toString(Qt::ISODateWithMs), key)
                    .arg(n);
            JsonParseError error;
            return *EventParser::parse(json.toUtf8(), &error);
        };
        ingest({seats(QStringLiteral("s1"), now.addSecs(-600), 4), seats(QStringLiteral("s2"), now.addSecs(-300), 7),
                seats(QStringLiteral("s3"), now.addSecs(-120), 9)});
        QVERIFY(runLosingTheAnswer(QStringLiteral("/v1/billing/meter_events")).offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 1);
        away(Day + 3600);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0 && !s.offline, qPrintable(s.describe()));
        QStringList identifiers;
        for (const QJsonObject &e : m_rig.host->standin().objects(QStringLiteral("billing.meter_event")))
            identifiers << e.value(QLatin1String("identifier")).toString();
        QCOMPARE(identifiers, (QStringList{QStringLiteral("s1"), QStringLiteral("s2"), QStringLiteral("s3")}));
        QCOMPARE(SyncLog(m_file->db()).list(QStringLiteral("error")).size(), 0);
    }

    void lastMeterDifferenceIsReportedForAPerson()
    {
        addCustomer(QStringLiteral("acme"), {});
        addMetric(R"({"name":"seats","event_name":"seats","aggregation":"latest","property":"n"})");
        const QDateTime now = m_clock.now();
        const QString json =
            QStringLiteral(R"({"event_name":"seats","timestamp":"%1","idempotency_key":"s1","external_customer_id":"acme","properties":{"n":4}})")
                .arg(now.addSecs(-600).toUTC().toString(Qt::ISODateWithMs));
        JsonParseError error;
        ingest({*EventParser::parse(json.toUtf8(), &error)});
        QVERIFY(runLosingTheAnswer(QStringLiteral("/v1/billing/meter_events")).offline);
        // Someone else writes another value into the same minute meanwhile.
        const QString customer = m_rig.host->standin().objects(QStringLiteral("customer")).first().value(QLatin1String("id")).toString();
        FormParams f;
        f.add(QStringLiteral("event_name"), QStringLiteral("seats"))
            .add(QStringLiteral("identifier"), QStringLiteral("other"))
            .add(QStringLiteral("timestamp"), QString::number(now.addSecs(-600).toSecsSinceEpoch() / 60 * 60 + 59)) // same minute, later
            .addNested(QStringLiteral("payload"), QStringLiteral("stripe_customer_id"), customer)
            .addNested(QStringLiteral("payload"), QStringLiteral("value"), QStringLiteral("11"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/billing/meter_events"), f, QStringLiteral("test-other")).ok());
        away(Day + 3600);
        m_rig.sync->runOnce();
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 2); // nothing sent again
        QString reported;
        for (const SyncLogEntry &e : SyncLog(m_file->db()).list(QStringLiteral("error")))
            if (e.message.contains(QStringLiteral("Stripe shows 11")))
                reported = e.message;
        QVERIFY2(reported.contains(QStringLiteral("without an answer is 4")) && reported.contains(QStringLiteral("by hand")), qPrintable(reported));
    }

    // 5. The amount is checked before anything is collected.

    void stripeBalanceAtFinalizeStopsBeforeCollecting()
    {
        const Customer c = addCustomer(QStringLiteral("bolt"), QStringLiteral("charge_automatically"));
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString cus = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("customer"), c.id);
        FormParams credit;
        credit.add(QStringLiteral("balance"), QStringLiteral("-500")); // a credit Stripe holds for the customer
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/customers/") + cus, credit, QStringLiteral("test-balance")).ok());
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QCOMPARE(s.failed, 1);
        const OutboxItem failed = Outbox(m_file->db()).list(QStringLiteral("failed")).first();
        const qint64 due = inv.amountDue.toMinorUnits(2);
        QVERIFY2(failed.lastError.contains(QString::number(due - 500)) && failed.lastError.contains(QString::number(due))
                     && failed.lastError.contains(QStringLiteral("balance")),
                 qPrintable(failed.lastError));
        // Nothing collected: no charge, the invoice open and not advancing by itself.
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("charge")), 0);
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(remote.value(QLatin1String("auto_advance")).toBool(), false);
        // The Sync screen lists it as a mismatch with what to do.
        const QList<AttentionItem> items = SyncAttention(m_file->db()).list();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().kind, QStringLiteral("mismatch"));
        QVERIFY2(items.first().action.contains(QStringLiteral("customer balance")), qPrintable(items.first().action));
    }

    void chargeAutomaticallyIsChargedAfterTheCheck()
    {
        const Customer c = addCustomer(QStringLiteral("bolt"), QStringLiteral("charge_automatically"));
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("charge")), 1);
        m_rig.sync->runOnce(); // the payment comes back once
        QCOMPARE(InvoiceService(*m_file, m_clock).get(inv.id).status, InvoiceStatus::Paid);
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);
    }

    void moreThan250PartsAreFolded()
    {
        const Customer c = addCustomer(QStringLiteral("wide"), {});
        BillingSetupService setup(*m_file, m_clock);
        setup.createTaxRate(QStringLiteral("VAT"), QStringLiteral("19"));
        setup.assignTaxRate(QStringLiteral("VAT"), c.id, {});
        QList<OneOffLine> lines;
        for (int i = 0; i < 130; ++i)
            lines.append(OneOffLine{QStringLiteral("Line %1").arg(i), Decimal(1), Decimal::parse("1.37"), {}});
        const Invoice draft = InvoiceService(*m_file, m_clock).createOneOff(c.id, lines, std::nullopt, {}, 14);
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(draft.id);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0, qPrintable(s.describe()));
        QVERIFY(m_rig.host->standin().count(QStringLiteral("invoiceitem")) <= 250);
        QCOMPARE(m_rig.host->standin().objects(QStringLiteral("invoice")).first().value(QLatin1String("amount_due")).toInteger(),
                 inv.amountDue.toMinorUnits(2));
    }

    void foldingKeepsEveryAmount_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("maxParts");
        QTest::newRow("fits") << 10 << 250;
        QTest::newRow("taxes per rate") << 130 << 250;
        QTest::newRow("runs of lines") << 600 << 250;
        QTest::newRow("tight") << 40 << 5;
    }
    void foldingKeepsEveryAmount()
    {
        QFETCH(int, lines);
        QFETCH(int, maxParts);
        const Customer c = addCustomer(QStringLiteral("fold"), {});
        BillingSetupService setup(*m_file, m_clock);
        setup.createTaxRate(QStringLiteral("VAT"), QStringLiteral("7"));
        setup.assignTaxRate(QStringLiteral("VAT"), c.id, {});
        QList<OneOffLine> l;
        for (int i = 0; i < lines; ++i)
            l.append(OneOffLine{QStringLiteral("L%1").arg(i), Decimal(1 + i % 3), Decimal::parse("0.99"), {}});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(InvoiceService(*m_file, m_clock).createOneOff(c.id, l, std::nullopt, {}, 14).id);
        QString error;
        const QList<StripeInvoicePart> parts = StripeInvoicePush::partsOf(inv, &error, maxParts);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(parts.size() <= maxParts);
        qint64 sum = 0;
        QSet<QString> keys;
        for (const StripeInvoicePart &p : parts) {
            sum += p.amount;
            keys.insert(p.key);
        }
        QCOMPARE(sum, inv.amountRemaining().toMinorUnits(2));
        QCOMPARE(keys.size(), parts.size()); // every part has its own key (resume by metadata[orb_part])
    }

    // 2. Orb to Stripe after the push.

    void paymentInOrbAfterThePushPaysOutOfBand()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        InvoiceService(*m_file, m_clock).markPaid(inv.id, m_clock.now().date(), QStringLiteral("bank transfer"));
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0, qPrintable(s.describe()));
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("paid"));
        QCOMPARE(remote.value(QLatin1String("paid_out_of_band")).toBool(), true);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("charge")), 0);
        m_rig.sync->runOnce(); // Stripe's invoice.paid comes back: nothing recorded twice
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);
        QCOMPARE(SyncLog(m_file->db()).list(QStringLiteral("error")).size(), 0);
        QCOMPARE(m_rig.sync->runOnce().pushed, 0); // and nothing sent again
    }

    void partialPaymentInOrbLowersWhatStripeAsks()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        InvoiceService(*m_file, m_clock).pay(inv.id, Decimal::parse("50.00"), m_clock.now().date(), QStringLiteral("bank"), QStringLiteral("wire-1"));
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 1);
        const QJsonObject note = m_rig.host->standin().objects(QStringLiteral("credit_note")).first();
        QCOMPARE(note.value(QLatin1String("amount")).toInteger(), 5000);
        QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QCOMPARE(remote.value(QLatin1String("amount_remaining")).toInteger(), inv.amountDue.toMinorUnits(2) - 5000);
        // The customer pays the rest by card in Stripe: Orb books exactly that.
        QCOMPARE(
            m_rig.host->standin().payPart(remote.value(QLatin1String("id")).toString(), remote.value(QLatin1String("amount_remaining")).toInteger()).status,
            200);
        m_rig.sync->runOnce();
        const Invoice after = InvoiceService(*m_file, m_clock).get(inv.id);
        QCOMPARE(after.status, InvoiceStatus::Paid);
        QCOMPARE(after.amountPaid, inv.amountDue);
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 2);
    }

    void partialPaymentToldOnceWhenItsAnswerWasLost()
    {
        // A partial payment is told as a credit note whose answer is lost; the note lowered
        // what Stripe asks for, so a day later the same payment seems to settle the rest.
        // It must be found, not also paid out of band.
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const qint64 due = inv.amountDue.toMinorUnits(2);
        const Decimal part = Decimal::fromMinorUnits(due * 3 / 5, 2); // more than what is left after it
        InvoiceService(*m_file, m_clock).pay(inv.id, part, m_clock.now().date(), QStringLiteral("bank"), QStringLiteral("wire-1"));
        QVERIFY(runLosingTheAnswer(QStringLiteral("/v1/credit_notes")).offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 1); // made, but Orb never heard
        away(Day + 3600);
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(s.failed == 0, qPrintable(s.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 1);
        const QJsonObject remote = m_rig.host->standin().objects(QStringLiteral("invoice")).first();
        QVERIFY(!remote.value(QLatin1String("paid_out_of_band")).toBool());
        QCOMPARE(remote.value(QLatin1String("status")).toString(), QStringLiteral("open"));
        QCOMPARE(remote.value(QLatin1String("amount_remaining")).toInteger(), due - part.toMinorUnits(2));
        QCOMPARE(Outbox(m_file->db()).counts().pending, 0);
    }

    void creditNoteInOrbBecomesAStripeCreditNote()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const CreditNote cn = InvoiceService(*m_file, m_clock)
                                  .createCreditNote(inv.id, {{0, Decimal::parse("40.00")}}, QStringLiteral("discount agreed"), QStringLiteral("adjustment"));
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 1);
        const QJsonObject note = m_rig.host->standin().objects(QStringLiteral("credit_note")).first();
        QCOMPARE(note.value(QLatin1String("amount")).toInteger(), cn.total.toMinorUnits(2));
        QCOMPARE(note.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_credit_note_id")).toString(), cn.id);
        m_rig.sync->runOnce();
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 1);
        QCOMPARE(SyncLog(m_file->db()).list(QStringLiteral("warning")).size(), 0); // its event is Orb's own
    }

    // 4. Any length offline.

    void twoMonthsOfflineThenBack()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        QVERIFY(!SyncState(m_file->db()).get(SyncState::EventCursor).isEmpty());
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        QCOMPARE(m_rig.host->standin().payPart(stripeId, inv.amountDue.toMinorUnits(2)).status, 200);
        away(61 * Day); // every event about that payment is gone from Stripe
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY2(!s.offline && s.stopReason.isEmpty(), qPrintable(s.describe()));
        QCOMPARE(InvoiceService(*m_file, m_clock).get(inv.id).status, InvoiceStatus::Paid);
        const SyncRunSummary again = m_rig.sync->runOnce();
        QVERIFY2(!again.offline && again.stopReason.isEmpty(), qPrintable(again.describe()));
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);
    }

    void deletedDraftIsSkippedByTheReconcile()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        m_rig.host->standin().addFault(Fault{Fault::Kind::Status500, 100, QStringLiteral("/v1/invoiceitems"), {}, 0});
        QVERIFY(m_rig.sync->runOnce().offline);
        m_rig.host->standin().clearFaults();
        const QString draft = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        QVERIFY(m_rig.client->del(QStringLiteral("/v1/invoices/") + draft, QStringLiteral("test-delete")).ok());
        SyncRunSummary r;
        QVERIFY2(m_rig.sync->reconcile(r), qPrintable(r.describe()));
        QVERIFY(!StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id));
    }

    // 3. Stripe to Orb: disputes and refunds reported once.

    void disputeAndRefundAreReportedOnce()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        QCOMPARE(m_rig.host->standin().payPart(stripeId, inv.amountDue.toMinorUnits(2)).status, 200);
        const QString charge = m_rig.host->standin().objects(QStringLiteral("charge")).first().value(QLatin1String("id")).toString();
        FormParams refund;
        refund.add(QStringLiteral("charge"), charge).add(QStringLiteral("amount"), QStringLiteral("1000"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/refunds"), refund, QStringLiteral("test-refund")).ok());
        QCOMPARE(m_rig.host->standin().openDispute(charge, 0).status, 200);
        m_rig.sync->runOnce();
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r));
        m_rig.sync->runOnce();
        int disputes = 0, refunds = 0;
        for (const SyncLogEntry &e : SyncLog(m_file->db()).list(QStringLiteral("warning"))) {
            disputes += e.kind != QLatin1String("event") || e.stripeEventId.isEmpty() ? e.message.contains(QStringLiteral("disputed")) : 0;
            refunds += e.kind != QLatin1String("event") || e.stripeEventId.isEmpty() ? e.message.contains(QStringLiteral("refunded")) : 0;
        }
        QCOMPARE(disputes, 1);
        QCOMPARE(refunds, 1);
        QCOMPARE(InvoiceService(*m_file, m_clock).payments(inv.id).size(), 1);
    }

    void refundsAreRecordedOnceAsCreditNotes()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        const qint64 due = inv.amountDue.toMinorUnits(2);
        QCOMPARE(m_rig.host->standin().payPart(stripeId, due).status, 200);
        m_rig.sync->runOnce();
        QCOMPARE(InvoiceService(*m_file, m_clock).get(inv.id).status, InvoiceStatus::Paid);
        const QString charge = m_rig.host->standin().objects(QStringLiteral("charge")).first().value(QLatin1String("id")).toString();
        auto refund = [&](qint64 minor, const QString &key) {
            FormParams f;
            f.add(QStringLiteral("charge"), charge).add(QStringLiteral("amount"), QString::number(minor));
            QVERIFY(m_rig.client->post(QStringLiteral("/v1/refunds"), f, key).ok());
        };
        refund(1000, QStringLiteral("test-refund-1"));
        m_rig.sync->runOnce();
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r)); // the direct read sees the same refund: nothing more
        m_rig.sync->runOnce();
        QList<CreditNote> notes = InvoiceService(*m_file, m_clock).creditNotes(inv.id);
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.first().kind, QStringLiteral("refund"));
        QCOMPARE(notes.first().total, Decimal::parse("10.00"));
        const Payment paid = InvoiceService(*m_file, m_clock).payments(inv.id).first();
        QVERIFY2(notes.first().memo.contains(paid.id), qPrintable(notes.first().memo));
        QCOMPARE(StripeIdMap(m_file->db()).stripeId(QStringLiteral("refund_of"), notes.first().id).value_or(QString()), paid.id);
        // Given back, not credited against what is owed: the invoice stays paid in full.
        Invoice now = InvoiceService(*m_file, m_clock).get(inv.id);
        QCOMPARE(now.status, InvoiceStatus::Paid);
        QCOMPARE(now.amountPaid, inv.amountDue);
        // The rest later, then once more through a long absence: one more note for the rest.
        refund(due - 1000, QStringLiteral("test-refund-2"));
        away(40 * Day);
        const SyncRunSummary back = m_rig.sync->runOnce();
        QVERIFY2(back.stopReason.isEmpty(), qPrintable(back.describe()));
        m_rig.sync->runOnce();
        notes = InvoiceService(*m_file, m_clock).creditNotes(inv.id);
        QCOMPARE(notes.size(), 2);
        Decimal refunded;
        for (const CreditNote &n : notes)
            refunded += n.total;
        QCOMPARE(refunded, inv.amountDue); // Orb's books give back what Stripe gave back
        // Stripe moved that money itself: Orb never tells it a credit note of its own.
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 0);
        QCOMPARE(Outbox(m_file->db()).counts().pending, 0);
        QCOMPARE(m_file->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'credit_note.create'")).toInt(), 2);
        bool listed = false;
        for (const AttentionItem &a : SyncAttention(m_file->db()).list())
            listed = listed || (a.kind == QLatin1String("refund") && a.what.contains(notes.first().number) && a.action.contains(QStringLiteral("Check")));
        QVERIFY(listed);
    }

    void stripeCreditNoteWithARefundIsRecordedOnce()
    {
        // A credit note made in Stripe's Dashboard that refunds the card: its money comes back
        // as charge.refunded and is recorded from there, once; the credit note itself does not
        // ask a person to record it again.
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        QCOMPARE(m_rig.host->standin().payPart(stripeId, inv.amountDue.toMinorUnits(2)).status, 200);
        m_rig.sync->runOnce();
        FormParams f;
        f.add(QStringLiteral("invoice"), stripeId)
            .add(QStringLiteral("amount"), QStringLiteral("2500"))
            .add(QStringLiteral("refund_amount"), QStringLiteral("2500"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/credit_notes"), f, QStringLiteral("test-cn-refund")).ok());
        m_rig.sync->runOnce();
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r));
        const QList<CreditNote> notes = InvoiceService(*m_file, m_clock).creditNotes(inv.id);
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.first().total, Decimal::parse("25.00"));
        bool told = false;
        for (const AttentionItem &a : SyncAttention(m_file->db()).list())
            if (a.kind == QLatin1String("credit_note")) {
                QVERIFY2(a.action.startsWith(QStringLiteral("Nothing more")), qPrintable(a.action));
                told = true;
            }
        QVERIFY(told);
    }

    void lostDisputeIsWrittenOffWonDisputeIsNot_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<int>("notes");
        QTest::newRow("lost") << QStringLiteral("lost") << 1;
        QTest::newRow("won") << QStringLiteral("won") << 0;
    }
    void lostDisputeIsWrittenOffWonDisputeIsNot()
    {
        QFETCH(QString, outcome);
        QFETCH(int, notes);
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString stripeId = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("invoice"), inv.id);
        QCOMPARE(m_rig.host->standin().payPart(stripeId, inv.amountDue.toMinorUnits(2)).status, 200);
        const QString charge = m_rig.host->standin().objects(QStringLiteral("charge")).first().value(QLatin1String("id")).toString();
        const QString dispute = QJsonDocument::fromJson(m_rig.host->standin().openDispute(charge, 5000).body).object().value(QLatin1String("id")).toString();
        m_rig.sync->runOnce();
        QCOMPARE(InvoiceService(*m_file, m_clock).creditNotes(inv.id).size(), 0); // open: withdrawn, not lost yet
        QCOMPARE(m_rig.host->standin().decideDispute(dispute, outcome).status, 200);
        m_rig.sync->runOnce();
        SyncRunSummary r;
        QVERIFY(m_rig.sync->reconcile(r));
        m_rig.sync->runOnce();
        const QList<CreditNote> written = InvoiceService(*m_file, m_clock).creditNotes(inv.id);
        QCOMPARE(written.size(), notes);
        if (notes) {
            QCOMPARE(written.first().kind, QStringLiteral("refund"));
            QCOMPARE(written.first().total, Decimal::parse("50.00"));
            QVERIFY2(written.first().reason.contains(dispute), qPrintable(written.first().reason));
        }
        QCOMPARE(InvoiceService(*m_file, m_clock).get(inv.id).status, InvoiceStatus::Paid);
        QCOMPARE(StripeInvoiceState::of(m_file->db(), inv.id)->disputeStatus, outcome);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("credit_note")), 0);
    }

    // 8. People see it.

    void disputeIsListedWithWhatToDo()
    {
        const Customer c = addCustomer(QStringLiteral("acme"), {});
        const Invoice inv = InvoiceService(*m_file, m_clock).issue(oneOff(c.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const auto state = StripeInvoiceState::of(m_file->db(), inv.id);
        QVERIFY(state);
        QCOMPARE(state->state, QStringLiteral("told"));
        QCOMPARE(state->dashboardUrl, QStringLiteral("https://dashboard.stripe.com/test/invoices/") + state->stripeId);
        QCOMPARE(m_rig.host->standin().payPart(state->stripeId, inv.amountDue.toMinorUnits(2)).status, 200);
        const QString charge = m_rig.host->standin().objects(QStringLiteral("charge")).first().value(QLatin1String("id")).toString();
        const QString dispute = QJsonDocument::fromJson(m_rig.host->standin().openDispute(charge, 0).body).object().value(QLatin1String("id")).toString();
        m_rig.sync->runOnce();
        QCOMPARE(StripeInvoiceState::of(m_file->db(), inv.id)->disputeStatus, QStringLiteral("needs_response"));
        QCOMPARE(
            StripeInvoiceState::of(m_file->db(), inv.id)->toJson().value(QLatin1String("dispute")).toObject().value(QLatin1String("funds_withdrawn")).toBool(),
            true);
        const QJsonObject json = StripeInvoiceState::of(m_file->db(), inv.id)->toJson();
        QCOMPARE(json.value(QLatin1String("disputed")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("dispute")).toObject().value(QLatin1String("withdrawn")).toString(), inv.amountDue.toString());
        QCOMPARE(StripeInvoiceState::openDisputes(m_file->db()).size(), 1);
        QList<AttentionItem> items = SyncAttention(m_file->db()).list();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().kind, QStringLiteral("dispute"));
        QVERIFY2(items.first().action.contains(QStringLiteral("Answer the dispute in Stripe")), qPrintable(items.first().action));
        QCOMPARE(m_rig.host->standin().decideDispute(dispute, QStringLiteral("lost")).status, 200);
        m_rig.sync->runOnce();
        items = SyncAttention(m_file->db()).list();
        QCOMPARE(items.size(), 2);
        QCOMPARE(StripeInvoiceState::of(m_file->db(), inv.id)->disputeStatus, QStringLiteral("lost"));
        QCOMPARE(StripeInvoiceState::of(m_file->db(), inv.id)->toJson().value(QLatin1String("disputed")).toBool(), false); // decided
        QVERIFY(StripeInvoiceState::openDisputes(m_file->db()).isEmpty());
        QVERIFY2(items.first().what.contains(QStringLiteral("lost")) && items.first().action.contains(QStringLiteral("credit note")),
                 qPrintable(items.first().what + QLatin1Char('/') + items.first().action));
    }

    void handPaymentOnAnAutomaticallyChargedInvoiceWarns()
    {
        const Customer send = addCustomer(QStringLiteral("acme"), {});
        const Customer charge = addCustomer(QStringLiteral("bolt"), QStringLiteral("charge_automatically"));
        const Invoice a = InvoiceService(*m_file, m_clock).issue(oneOff(send.id).id);
        m_rig.host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0});
        const Invoice b = InvoiceService(*m_file, m_clock).issue(oneOff(charge.id).id);
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        QVERIFY(StripeInvoiceState::manualPaymentWarning(m_file->db(), a.id).isEmpty());
        const QString warning = StripeInvoiceState::manualPaymentWarning(m_file->db(), b.id);
        QVERIFY2(warning.contains(QStringLiteral("charged automatically")) && warning.contains(QStringLiteral("next sync")), qPrintable(warning));
    }

    // 6. Bound to one account.

    void anotherAccountStopsTheSync()
    {
        addCustomer(QStringLiteral("acme"), {});
        QCOMPARE(m_rig.sync->runOnce().failed, 0);
        const QString first = m_rig.host->standin().accountId();
        QCOMPARE(StripeSync::boundAccount(m_file->db())->id, first);
        m_rig.host->standin().reset(); // the key now reaches another account
        addCustomer(QStringLiteral("bolt"), {});
        const SyncRunSummary s = m_rig.sync->runOnce();
        QVERIFY(s.accountMismatch);
        QVERIFY2(s.stopReason.contains(first) && s.stopReason.contains(m_rig.host->standin().accountId()), qPrintable(s.stopReason));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 0); // nothing pushed before a person chooses
        QVERIFY_THROWS_EXCEPTION(ServiceError, StripeSync::bindAccount(m_file->db(), m_clock, {m_rig.host->standin().accountId(), false}, false));
        StripeSync::bindAccount(m_file->db(), m_clock, {m_rig.host->standin().accountId(), false}, true);
        const SyncRunSummary after = m_rig.sync->runOnce();
        QVERIFY2(!after.accountMismatch && after.failed == 0, qPrintable(after.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 1);
    }

    void apiBaseIsStripeOrLoopback_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("stripe") << QStringLiteral("https://api.stripe.com") << true;
        QTest::newRow("stripe slash") << QStringLiteral("https://api.stripe.com/") << true;
        QTest::newRow("loopback v4") << QStringLiteral("http://127.0.0.1:12111") << true;
        QTest::newRow("loopback v4 other") << QStringLiteral("http://127.8.9.10:80") << true;
        QTest::newRow("loopback v6") << QStringLiteral("http://[::1]:12111") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost:12111") << true;
        QTest::newRow("stripe over http") << QStringLiteral("http://api.stripe.com") << false;
        QTest::newRow("other host") << QStringLiteral("https://stripe-proxy.example.com") << false;
        QTest::newRow("look-alike") << QStringLiteral("https://api.stripe.com.evil.example") << false;
        QTest::newRow("loopback look-alike") << QStringLiteral("http://127.0.0.1.evil.example") << false;
        QTest::newRow("user info") << QStringLiteral("https://evil@api.stripe.com") << false;
        QTest::newRow("lan") << QStringLiteral("http://192.168.1.5:8080") << false;
        QTest::newRow("path") << QStringLiteral("http://127.0.0.1:80/x") << false;
        QTest::newRow("not a url") << QStringLiteral("api.stripe.com") << false;
    }
    void apiBaseIsStripeOrLoopback()
    {
        QFETCH(QString, base);
        QFETCH(bool, allowed);
        QCOMPARE(StripeSettings::checkApiBase(base).isEmpty(), allowed);
    }

    void keyIsNeverSentToAnotherHost()
    {
        // A listener on a non-loopback name would be needed to see the key arrive; instead the
        // client must refuse before any connection, whatever the base says.
        StripeClient client(QStringLiteral("https://stripe-proxy.example.com"), Key, &m_rig.sleeper);
        const StripeResult r = client.get(QStringLiteral("/v1/account"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.attempts, 0);
        QVERIFY(!r.error.retryable);
    }

private:
    /// A run whose first POST to `path` reaches Stripe but whose answer is lost with the
    /// program (no retry: it was killed), as a run of `orbctl sync` killed mid-request.
    SyncRunSummary runLosingTheAnswer(const QString &path)
    {
        m_rig.host->standin().addFault(Fault{Fault::Kind::DropAfterCommit, 1, path, QStringLiteral("POST"), 0});
        StripeClient once(m_rig.host->baseUrl(), Key, &m_rig.sleeper, RetryPolicy{1, 500, 8000});
        StripeSync sync(m_file->db(), once, m_clock);
        sync.setPaymentSink(m_rig.recorder.get());
        return sync.runOnce();
    }
    /// Both clocks move on; Stripe is back.
    void away(qint64 seconds)
    {
        m_rig.host->standin().clearFaults();
        m_clock.advanceSecs(seconds);
        m_offset += seconds;
        m_rig.host->standin().setClockOffset(m_offset);
    }
    Customer addCustomer(const QString &external, const QString &collection)
    {
        Customer c;
        c.name = external.toUpper();
        c.externalCustomerId = external;
        c.email = external + QStringLiteral("@example.com");
        c.currency = QStringLiteral("EUR");
        c.timezone = QStringLiteral("UTC");
        if (!collection.isEmpty())
            c.metadata.insert(QStringLiteral("stripe_collection_method"), collection);
        return CustomerService(*m_file, m_clock).create(c);
    }
    /// A draft with two lines: 1 × 100.00 and 3 × 33.33.
    Invoice oneOff(const QString &customer) { return test::twoLineDraft(*m_file, m_clock, customer); }
    void addMetric(const QByteArray &json)
    {
        FieldErrors errors;
        auto m = MetricDefinition::fromJson(json, &errors);
        QVERIFY2(m, qPrintable(joinErrors(errors)));
        m->setId(QStringLiteral("m_") + m->name());
        MetricRepository(m_file->db()).insert(*m, m_clock.now());
    }
    Event event(const QString &key, const QDateTime &ts) const { return test::usageEvent(key, ts); }
    void ingest(const QList<Event> &events) { test::ingestForSync(*m_file, m_clock, events); }

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    qint64 m_offset = 0;
    std::unique_ptr<CompanyFile> m_file;
    test::StripeRig m_rig;
};

QTEST_GUILESS_MAIN(TestStripeOffline)
#include "tst_stripeoffline.moc"
