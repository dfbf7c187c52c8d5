// SPDX-License-Identifier: GPL-3.0-or-later
// Stripe sync end to end against the stand-in: the outbox filled in the change's transaction,
// customers and usage pushed exactly once through faults, a permanent error stopping one item
// only, events pulled from a persisted cursor, a week offline, the 35-day window, the worker.
#include "StandinServer.h"
#include "tests/support/CompanyFixture.h"
#include "tests/support/StripeFixture.h"

#include "engine/Clock.h"
#include "engine/metrics/EventParser.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"
#include "models/catalog/MetricRepository.h"
#include "models/sync/Outbox.h"
#include "models/sync/PaymentSink.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"
#include "models/sync/SyncState.h"
#include "models/usage/EventImporter.h"
#include "models/usage/UsageEventService.h"
#include "sync/StripeSync.h"
#include "sync/StripeWorker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSqlQuery>
#include <QtTest>

using namespace orb;
using namespace orb::standin;

namespace {

/// Records what the pull loop hands over, as the invoicing capability will.
class RecordingSink final : public PaymentSink
{
public:
    QString record(Database &, const StripePayment &p) override
    {
        payments.append(p);
        return {};
    }
    QList<StripePayment> payments;
};

const QString Key = QStringLiteral("sk_test_synctest00001");

} // namespace

class TestStripeSync : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_file.reset();
        m_clock.set(QDateTime::currentDateTimeUtc());
        m_file = test::newCompanyFile(m_dir, test::settingsNamed(QStringLiteral("Sync Co")), m_clock);
        QVERIFY(m_rig.start(Key, 4));
    }
    void cleanup() { m_rig.stop(); }

    void pendingItemOfAnObjectIsASeek()
    {
        // The worker asks for an object's pending item (a customer before its invoice) once per
        // item: with the whole queue pending, a walk of the (state, id) index would read every
        // queued item each time.
        {
            UnitOfWork uow(m_file->db());
            for (int n = 0; n < 50; ++n)
                Outbox::enqueue(m_file->db(), QStringLiteral("customer"), QStringLiteral("c%1").arg(n), QStringLiteral("create"));
            uow.commit();
        }
        QCOMPARE(Outbox(m_file->db()).pendingFor(QStringLiteral("customer"), QStringLiteral("c7")).has_value(), true);
        QVERIFY(!Outbox(m_file->db()).pendingFor(QStringLiteral("customer"), QStringLiteral("none")));
        ORB_SQLITE_ONLY("the query plan checked is SQLite's (EXPLAIN QUERY PLAN)");
        QSqlQuery e = m_file->db().exec(QStringLiteral("EXPLAIN QUERY PLAN ") + Outbox::pendingForSql(), {QStringLiteral("customer"), QStringLiteral("c7")});
        QStringList steps;
        while (e.next())
            steps << e.value(3).toString();
        const QString plan = steps.join(QStringLiteral("; "));
        QVERIFY2(plan.contains(QLatin1String("sync_outbox_pending_by_object (object_type=? AND object_id=?)")), qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1String("sync_outbox_by_state")), qPrintable(plan));
    }

    void enqueueNeedsTheChangesTransaction()
    {
        QVERIFY_THROWS_EXCEPTION(ServiceError, Outbox::enqueue(m_file->db(), QStringLiteral("customer"), QStringLiteral("x"), QStringLiteral("create")));
        {
            UnitOfWork uow(m_file->db());
            Outbox::enqueue(m_file->db(), QStringLiteral("customer"), QStringLiteral("x"), QStringLiteral("create"));
            // rolled back: the change and its promise go together
        }
        QCOMPARE(Outbox(m_file->db()).counts().pending, 0);
        // A failed customer create queues nothing either.
        Customer bad;
        QVERIFY_THROWS_EXCEPTION(ServiceError, CustomerService(*m_file, m_clock).create(bad));
        QCOMPARE(Outbox(m_file->db()).counts().pending, 0);
    }

    void customersRoundTrip()
    {
        CustomerService customers(*m_file, m_clock);
        const Customer a = addCustomer(QStringLiteral("Ada Ltd"), QStringLiteral("ada"));
        addCustomer(QStringLiteral("Bob GmbH"), QStringLiteral("bob"));
        QCOMPARE(Outbox(m_file->db()).counts().pending, 2);
        CustomerPatch patch;
        patch.email = QStringLiteral("billing@ada.example");
        customers.update(a.id, patch);
        // Not yet sent: the update joins the queue as its own item, pushed after the create.
        QCOMPARE(Outbox(m_file->db()).counts().pending, 3);

        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        const SyncRunSummary s = sync.runOnce();
        QCOMPARE(s.pushed, 3);
        QCOMPARE(s.failed, 0);
        QVERIFY(!s.offline);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 2);
        const auto stripeId = StripeIdMap(m_file->db()).stripeId(QStringLiteral("customer"), a.id);
        QVERIFY(stripeId);
        const QJsonObject remote = findObject(QStringLiteral("customer"), *stripeId);
        QCOMPARE(remote.value(QLatin1String("email")).toString(), QStringLiteral("billing@ada.example"));
        QCOMPARE(remote.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString(), a.id);
        QCOMPARE(remote.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_external_customer_id")).toString(), QStringLiteral("ada"));
        // The pull asks only for the event types Orb acts on (types[]): customer events are not among them.
        QCOMPARE(s.eventsSeen, 0);
        // A second run has nothing to do and sees nothing new.
        const SyncRunSummary again = sync.runOnce();
        QCOMPARE(again.pushed, 0);
        QCOMPARE(again.eventsSeen, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 2);
    }

    void everyFaultStillExactlyOnce_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("500") << int(Fault::Kind::Status500);
        QTest::newRow("503") << int(Fault::Kind::Status503);
        QTest::newRow("429") << int(Fault::Kind::Status429);
        QTest::newRow("dropped after commit") << int(Fault::Kind::DropAfterCommit);
    }
    void everyFaultStillExactlyOnce()
    {
        QFETCH(int, kind);
        addCustomer(QStringLiteral("A"), QStringLiteral("a"));
        addCustomer(QStringLiteral("B"), QStringLiteral("b"));
        Fault f;
        f.kind = Fault::Kind(kind);
        f.count = 2;
        f.method = QStringLiteral("POST");
        m_rig.host->standin().addFault(f);
        const SyncRunSummary s = StripeSync(m_file->db(), *m_rig.client, m_clock).runOnce();
        QCOMPARE(s.pushed, 2);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 2);
        QVERIFY(s.requests > 2);
    }

    void permanentErrorStopsOneItemOnly()
    {
        const Customer a = addCustomer(QStringLiteral("A"), QStringLiteral("a"));
        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        sync.runOnce();
        // Stripe lost the customer (deleted in the dashboard): the update is refused for good.
        QVERIFY(m_rig.client->del(QStringLiteral("/v1/customers/") + *StripeIdMap(m_file->db()).stripeId(QStringLiteral("customer"), a.id)).ok());
        CustomerPatch patch;
        patch.name = QStringLiteral("A renamed");
        CustomerService(*m_file, m_clock).update(a.id, patch);
        addCustomer(QStringLiteral("B"), QStringLiteral("b"));
        const SyncRunSummary s = sync.runOnce();
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.pushed, 1);
        const QList<OutboxItem> failed = Outbox(m_file->db()).list(QStringLiteral("failed"));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().lastError.contains(QStringLiteral("resource_missing")), qPrintable(failed.first().lastError));
        QVERIFY(failed.first().lastError.contains(QStringLiteral("No such customer")));
        // Retry gets a new generation of keys; skip leaves it.
        Outbox outbox(m_file->db());
        outbox.retry(failed.first().id);
        QCOMPARE(outbox.find(failed.first().id)->generation, 1);
        QCOMPARE(outbox.find(failed.first().id)->state, QStringLiteral("pending"));
        outbox.skip(failed.first().id);
        QCOMPARE(outbox.counts().skipped, 1);
        QVERIFY_THROWS_EXCEPTION(ServiceError, outbox.retry(999));
    }

    void offlineForAWeekThenBack()
    {
        addCustomer(QStringLiteral("A"), QStringLiteral("a"));
        // Stripe unreachable: nothing lost, nothing marked failed.
        m_rig.host->standin().addFault(Fault{Fault::Kind::Status503, 1000, {}, {}, 0});
        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        for (int day = 0; day < 7; ++day) {
            const SyncRunSummary s = sync.runOnce();
            QVERIFY(s.offline);
            QCOMPARE(s.pending, day + 1);
            QCOMPARE(s.failed, 0);
            addCustomer(QStringLiteral("Day %1").arg(day), QStringLiteral("d%1").arg(day));
            m_clock.advanceSecs(86400);
        }
        QCOMPARE(Outbox(m_file->db()).counts().pending, 8);
        m_rig.host->standin().clearFaults();
        m_rig.host->standin().setClockOffset(7 * 86400);
        const SyncRunSummary s = sync.runOnce();
        QVERIFY2(!s.offline, qPrintable(s.describe()));
        QCOMPARE(s.pushed, 8);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 8);
        QCOMPARE(Outbox(m_file->db()).counts().failed, 0);
    }

    void usageAsMeterEvents()
    {
        const Customer a = addCustomer(QStringLiteral("Acme"), QStringLiteral("acme"));
        addMetric(R"({"name":"api_calls","event_name":"api_call","aggregation":"count"})");
        addMetric(R"({"name":"tokens","event_name":"completion","aggregation":"sum","property":"tokens"})");
        addMetric(R"({"name":"peak","event_name":"completion","aggregation":"max","property":"tokens"})");
        const QDateTime now = m_clock.now();
        ingest({event(QStringLiteral("u1"), now.addSecs(-3600), QStringLiteral("api_call"), QStringLiteral("{}")),
                event(QStringLiteral("u2"), now.addSecs(-1800), QStringLiteral("api_call"), QStringLiteral("{}")),
                event(QStringLiteral("u3"), now.addSecs(-600), QStringLiteral("completion"), QStringLiteral(R"({"tokens": 1250.5})"))});
        QCOMPARE(Outbox(m_file->db()).list(QStringLiteral("pending")).first().objectType, QStringLiteral("usage_range"));
        m_rig.host->standin().addFault(Fault{Fault::Kind::DropAfterCommit, 1, QStringLiteral("/v1/billing/meter_events"), {}, 0});
        const SyncRunSummary s = StripeSync(m_file->db(), *m_rig.client, m_clock).runOnce();
        QVERIFY2(s.failed == 0, qPrintable(s.describe()));
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter")), 2); // count and sum; max cannot be a meter
        const QList<QJsonObject> events = m_rig.host->standin().objects(QStringLiteral("billing.meter_event"));
        QCOMPARE(events.size(), 3);
        const QString stripeCustomer = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("customer"), a.id);
        QCOMPARE(events.at(0).value(QLatin1String("identifier")).toString(), QStringLiteral("u1"));
        QCOMPARE(events.at(0).value(QLatin1String("payload")).toObject().value(QLatin1String("stripe_customer_id")).toString(), stripeCustomer);
        QCOMPARE(events.at(0).value(QLatin1String("payload")).toObject().value(QLatin1String("value")).toString(), QStringLiteral("1"));
        QCOMPARE(events.at(2).value(QLatin1String("payload")).toObject().value(QLatin1String("value")).toString(), QStringLiteral("1250.5"));
        QCOMPARE(events.at(2).value(QLatin1String("timestamp")).toInteger(), now.addSecs(-600).toSecsSinceEpoch());
        bool warned = false;
        for (const SyncLogEntry &e : SyncLog(m_file->db()).list(QStringLiteral("warning")))
            warned = warned || e.message.contains(QStringLiteral("metric peak aggregates by max"));
        QVERIFY(warned);
    }

    void usageOutsideTheWindowIsReported()
    {
        addCustomer(QStringLiteral("Acme"), QStringLiteral("acme"));
        addMetric(R"({"name":"api_calls","event_name":"api_call","aggregation":"count"})");
        const QDateTime now = m_clock.now();
        ingest({event(QStringLiteral("old"), now.addSecs(-7200), QStringLiteral("api_call"), QStringLiteral("{}")),
                event(QStringLiteral("new"), now, QStringLiteral("api_call"), QStringLiteral("{}"))});
        // Offline for almost 35 days: the first event is now too old to send safely (Orb keeps
        // an hour's margin inside Stripe's window), the second goes through.
        const qint64 away = 35 * 86400 - 5400;
        m_clock.advanceSecs(away);
        m_rig.host->standin().setClockOffset(away);
        const SyncRunSummary s = StripeSync(m_file->db(), *m_rig.client, m_clock).runOnce();
        QCOMPARE(s.failed, 1);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 1);
        const QList<OutboxItem> failed = Outbox(m_file->db()).list(QStringLiteral("failed"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().lastError.contains(QStringLiteral("1 usage event(s) were not sent")));
        const QList<SyncLogEntry> errors = SyncLog(m_file->db()).list(QStringLiteral("error"));
        QCOMPARE(errors.size(), 2); // the event, then the item's summary
        QVERIFY2(errors.last().message.contains(QStringLiteral("usage event old (metric api_calls) not sent"))
                     && errors.last().message.contains(QStringLiteral("35-day window")),
                 qPrintable(errors.last().message));
    }

    void usageStoredWithoutAHookIsSweptOnce()
    {
        addCustomer(QStringLiteral("Acme"), QStringLiteral("acme"));
        addMetric(R"({"name":"api_calls","event_name":"api_call","aggregation":"count"})");
        const QDateTime now = m_clock.now();
        // Stored by a write path that queues nothing itself: the run's sweep finds them.
        for (const IngestResult &r : EventImporter(*m_file, m_clock)
                                         .ingest({event(QStringLiteral("s1"), now, QStringLiteral("api_call"), QStringLiteral("{}")),
                                                  event(QStringLiteral("s2"), now, QStringLiteral("api_call"), QStringLiteral("{}"))}))
            QCOMPARE(r.outcome, IngestOutcome::Accepted);
        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        QCOMPARE(sync.runOnce().failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 2);
        // A hook queueing the same batch later, and another sweep, queue nothing again.
        {
            UnitOfWork uow(m_file->db());
            Outbox::enqueueUsageSince(m_file->db(), 0);
            uow.commit();
        }
        ingest({event(QStringLiteral("s3"), now, QStringLiteral("api_call"), QStringLiteral("{}"))});
        sync.runOnce();
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 3);
        QCOMPARE(m_rig.host->standin().requestCount(QStringLiteral("/v1/billing/meter_events")), 3);
    }

    void amendmentAfterPushIsReported()
    {
        addCustomer(QStringLiteral("Acme"), QStringLiteral("acme"));
        addMetric(R"({"name":"tokens","event_name":"completion","aggregation":"sum","property":"tokens"})");
        const QDateTime now = m_clock.now();
        ingest({event(QStringLiteral("a1"), now, QStringLiteral("completion"), QStringLiteral(R"({"tokens": 10})")),
                event(QStringLiteral("a2"), now, QStringLiteral("completion"), QStringLiteral(R"({"tokens": 20})"))});
        // Amended before any push: only the new version goes to Stripe.
        UsageEventService(*m_file, m_clock).amend(QStringLiteral("a2"), R"({"tokens": 25})");
        m_clock.advanceSecs(60);
        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        QCOMPARE(sync.runOnce().failed, 0);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 2);
        QCOMPARE(m_rig.host->standin()
                     .objects(QStringLiteral("billing.meter_event"))
                     .last()
                     .value(QLatin1String("payload"))
                     .toObject()
                     .value(QLatin1String("value"))
                     .toString(),
                 QStringLiteral("25"));
        // Amended after its push: reported, not sent a second time.
        m_clock.advanceSecs(60);
        m_rig.host->standin().setClockOffset(120);
        UsageEventService(*m_file, m_clock).amend(QStringLiteral("a1"), R"({"tokens": 11})");
        QCOMPARE(sync.runOnce().failed, 1);
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("billing.meter_event")), 2);
        QVERIFY(
            SyncLog(m_file->db()).list(QStringLiteral("error")).last().message.contains(QStringLiteral("usage event a1 (metric tokens) not sent: it amends")));
    }

    void pullHandsPaymentsOverOnce()
    {
        const Customer a = addCustomer(QStringLiteral("Acme"), QStringLiteral("acme"));
        RecordingSink sink;
        StripeSync sync(m_file->db(), *m_rig.client, m_clock);
        sync.setPaymentSink(&sink);
        sync.runOnce();
        // An invoice paid in Stripe, another whose payment failed.
        const QString cus = *StripeIdMap(m_file->db()).stripeId(QStringLiteral("customer"), a.id);
        const QString paid = makeOpenInvoice(cus, 4200, QStringLiteral("inv_local_1"));
        const QString failing = makeOpenInvoice(cus, 1000, QStringLiteral("inv_local_2"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoices/%1/pay").arg(paid), {}, QStringLiteral("pay-1")).ok());
        m_rig.host->standin().addFault(Fault{Fault::Kind::CardDecline, 1, {}, {}, 0});
        QCOMPARE(m_rig.client->post(QStringLiteral("/v1/invoices/%1/pay").arg(failing), {}, QStringLiteral("pay-2")).error.code,
                 QStringLiteral("card_declined"));
        QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoices/%1/void").arg(failing), {}, QStringLiteral("void-2")).ok());
        sync.runOnce();
        QCOMPARE(sink.payments.size(), 3);
        QCOMPARE(sink.payments.at(0).kind, QStringLiteral("payment"));
        QCOMPARE(sink.payments.at(0).amountMinor, 4200);
        QCOMPARE(sink.payments.at(0).currency, QStringLiteral("EUR"));
        QCOMPARE(sink.payments.at(0).localInvoiceId, QStringLiteral("inv_local_1"));
        QCOMPARE(sink.payments.at(1).kind, QStringLiteral("payment_failed"));
        QCOMPARE(sink.payments.at(1).localInvoiceId, QStringLiteral("inv_local_2"));
        QCOMPARE(sink.payments.at(2).kind, QStringLiteral("invoice_voided"));
        // A run that lost its cursor (stopped before committing it) records nothing twice.
        SyncState(m_file->db()).set(SyncState::EventCursor, QString());
        sync.runOnce();
        QCOMPARE(sink.payments.size(), 3);
    }

    void workerRunsOnItsOwnThread()
    {
        addCustomer(QStringLiteral("A"), QStringLiteral("a"));
        QThread thread;
        auto *worker = new StripeWorker(*m_file, m_rig.host->baseUrl(), Key);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy finished(worker, &StripeWorker::runFinished);
        QSignalSpy states(worker, &StripeWorker::stateChanged);
        thread.start();
        QMetaObject::invokeMethod(worker, &StripeWorker::runOnce, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY2(finished.first().at(0).toString().startsWith(QStringLiteral("1 pushed")), qPrintable(finished.first().at(0).toString()));
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(states.first().at(0).value<StripeWorker::State>(), StripeWorker::State::Running);
        QCOMPARE(states.last().at(0).value<StripeWorker::State>(), StripeWorker::State::Idle);
        thread.quit();
        thread.wait();
        QCOMPARE(m_rig.host->standin().count(QStringLiteral("customer")), 1);
    }

private:
    Customer addCustomer(const QString &name, const QString &external)
    {
        Customer c;
        c.name = name;
        c.externalCustomerId = external;
        c.timezone = QStringLiteral("Europe/Berlin");
        return CustomerService(*m_file, m_clock).create(c);
    }
    void addMetric(const QByteArray &json)
    {
        FieldErrors errors;
        auto m = MetricDefinition::fromJson(json, &errors);
        QVERIFY2(m, qPrintable(joinErrors(errors)));
        m->setId(QStringLiteral("m_") + m->name());
        MetricRepository(m_file->db()).insert(*m, m_clock.now());
    }
    Event event(const QString &key, const QDateTime &ts, const QString &name, const QString &props) const { return test::usageEvent(key, ts, name, props); }
    /// Ingests, then queues the batch as the usage write path does (see docs/SYNC.md).
    void ingest(const QList<Event> &events) { test::ingestForSync(*m_file, m_clock, events); }
    QJsonObject findObject(const QString &type, const QString &id) const
    {
        for (const QJsonObject &o : m_rig.host->standin().objects(type))
            if (o.value(QLatin1String("id")).toString() == id)
                return o;
        return {};
    }
    QString makeOpenInvoice(const QString &customer, qint64 amount, const QString &localId)
    {
        FormParams item;
        item.add(QStringLiteral("customer"), customer)
            .add(QStringLiteral("amount"), QString::number(amount))
            .add(QStringLiteral("currency"), QStringLiteral("eur"));
        [&] { QVERIFY(m_rig.client->post(QStringLiteral("/v1/invoiceitems"), item, QStringLiteral("ii-") + localId).ok()); }();
        FormParams inv;
        inv.add(QStringLiteral("customer"), customer)
            .add(QStringLiteral("pending_invoice_items_behavior"), QStringLiteral("include"))
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_id"), localId);
        const QString id =
            m_rig.client->post(QStringLiteral("/v1/invoices"), inv, QStringLiteral("in-") + localId).response.json.value(QLatin1String("id")).toString();
        m_rig.client->post(QStringLiteral("/v1/invoices/%1/finalize").arg(id), {}, QStringLiteral("fin-") + localId);
        return id;
    }

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<CompanyFile> m_file;
    test::StripeRig m_rig;
};

QTEST_GUILESS_MAIN(TestStripeSync)
#include "tst_stripesync.moc"
