// SPDX-License-Identifier: GPL-3.0-or-later
// Incremental invoice runs: after a run, each thing a draft depends on is changed in turn, and
// the next run must compose again exactly the drafts that depend on it, and leave every draft
// as a run that composes all of them from scratch would.
#include "BillingFixture.h"

#include "models/CustomerService.h"
#include "models/SettingsService.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/LedgerService.h"
#include "models/usage/BackfillService.h"
#include "models/usage/UsageEventService.h"

#include <functional>

using namespace orb;
using namespace orb::test;

class TestInvoiceRunIncremental : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void recomposesExactlyTheAffected_data();
    void recomposesExactlyTheAffected();
    void nothingChangedReadsNoEvents();
    void previewListsTheStoredDrafts();
    void recomposeAllComposesEveryDraft();
    void stampOfAnEarlierFormatReadsAsStale();

private:
    BillingFixture f;
    QHash<QString, QString> m_customers; // label → id
    QHash<QString, QString> m_subscriptions;
    const QDateTime m_asOf = at(2026, 2, 2);

    // "B in_arrears 2026-01-01" for an invoice id.
    QString label(const QString &invoiceId)
    {
        const Invoice inv = InvoiceService(*f.file, f.clock).get(invoiceId);
        return QStringLiteral("%1 %2 %3").arg(m_customers.key(inv.customerId), toText(inv.kind), dateText(inv.periodStart));
    }

    InvoiceRunSummary run(bool dryRun = false, bool all = false)
    {
        InvoiceRunOptions o;
        o.asOf = m_asOf;
        o.dryRun = dryRun;
        o.recomposeAll = all;
        return InvoiceRunService(*f.file, f.clock).run(o);
    }

    // Every stored draft is what composing everything from scratch gives now.
    void verifyDraftsAreCurrent()
    {
        const InvoiceRunSummary scratch = run(true, true);
        QCOMPARE(scratch.created, 0);
        QCOMPARE(scratch.upToDate, 0);
        InvoiceFilter drafts;
        drafts.status = InvoiceStatus::Draft;
        const QList<Invoice> stored = InvoiceService(*f.file, f.clock).list(drafts);
        QCOMPARE(scratch.invoices.size(), stored.size());
        QHash<QString, Invoice> byIdentity;
        for (const Invoice &i : stored)
            byIdentity.insert(i.identity, i);
        for (const Invoice &fresh : scratch.invoices) {
            QVERIFY2(byIdentity.contains(fresh.identity), qPrintable(fresh.identity));
            const Invoice &draft = byIdentity[fresh.identity];
            QCOMPARE(draft.document, fresh.document);
            QCOMPARE(draft.total, fresh.total);
            QCOMPARE(draft.netTerms, fresh.netTerms);
            QCOMPARE(draft.memo, fresh.memo);
            QCOMPARE(draft.invoiceDate, fresh.invoiceDate);
        }
    }

    void ingest(const QString &externalId, const QDateTime &when, const QString &key, const QString &backfill = {})
    {
        Event e;
        e.eventName = QStringLiteral("api_call");
        e.timestamp = when;
        e.idempotencyKey = key;
        e.externalCustomerId = externalId;
        EventImporter(*f.file, f.clock).ingest({e}, backfill);
    }
};

void TestInvoiceRunIncremental::init()
{
    f.reset();
    m_customers.clear();
    m_subscriptions.clear();
    BillingSetupService(*f.file, f.clock)
        .createCoupon(QStringLiteral("TENOFF"), QStringLiteral("percentage"), QStringLiteral("10%"), std::nullopt, std::nullopt);
    // A: a fee in advance; B, C, D: seats in advance and calls in arrears; C with a coupon.
    for (const QString &c : {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("D")}) {
        m_customers.insert(c, f.customer(c));
        SubscriptionDraft d;
        d.customer = m_customers[c];
        d.plan = c == QLatin1String("A") ? QStringLiteral("flat") : QStringLiteral("metered");
        d.startDate = QDate(2026, 1, 1);
        d.alignment = QStringLiteral("first_of_month");
        if (c == QLatin1String("C"))
            d.coupon = QStringLiteral("TENOFF");
        m_subscriptions.insert(c, SubscriptionService(*f.file, f.clock).create(d).id);
    }
    int n = 0;
    for (const QString &c : {QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("D")})
        for (int day : {5, 12, 19})
            f.call(c, at(2026, 1, day, 10), QStringLiteral("%1%2").arg(c.toLower()).arg(++n));
    f.clock.set(m_asOf);
    const InvoiceRunSummary first = run();
    QCOMPARE(first.created, 11); // A: January and February in advance; B, C, D: those and January's calls
    QCOMPARE(first.recomposed, 0);
    QVERIFY(first.failed.isEmpty());
}

void TestInvoiceRunIncremental::recomposesExactlyTheAffected_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QStringList>("expected");
    const QString advJan = QStringLiteral(" in_advance 2026-01-01"), advFeb = QStringLiteral(" in_advance 2026-02-01"),
                  arrJan = QStringLiteral(" in_arrears 2026-01-01");
    const auto all = [&](const QString &c) { return QStringList{c + advJan, c + advFeb, c + arrJan}; };
    QTest::newRow("nothing") << "nothing" << QStringList();
    QTest::newRow("clock a day on") << "clock" << QStringList();
    QTest::newRow("new event in the period") << "event in period" << QStringList{QStringLiteral("B") + arrJan};
    QTest::newRow("new event after the period") << "event after period" << QStringList();
    QTest::newRow("event of an unknown customer") << "event unknown" << QStringList();
    QTest::newRow("amended event") << "amend" << QStringList{QStringLiteral("B") + arrJan};
    QTest::newRow("deprecated event") << "deprecate" << QStringList{QStringLiteral("C") + arrJan};
    QTest::newRow("backfill open") << "backfill open" << QStringList();
    QTest::newRow("backfill closed") << "backfill closed" << QStringList{QStringLiteral("D") + arrJan};
    QTest::newRow("backfill reverted") << "backfill reverted" << QStringList();
    QTest::newRow("subscription cancelled") << "cancel" << all(QStringLiteral("B"));
    QTest::newRow("coupon terms") << "coupon" << QStringList();
    QTest::newRow("credits") << "credits" << QStringList();
    QTest::newRow("balance") << "balance" << QStringList();
    QTest::newRow("tax rate created") << "tax created" << QStringList();
    QTest::newRow("tax rate for a customer") << "tax customer" << QStringList{QStringLiteral("A") + advJan, QStringLiteral("A") + advFeb};
    QTest::newRow("tax rate for an item") << "tax item"
                                          << QStringList{QStringLiteral("B") + arrJan, QStringLiteral("C") + arrJan, QStringLiteral("D") + arrJan};
    QTest::newRow("customer e-mail") << "customer email" << QStringList();
    QTest::newRow("customer net terms") << "customer terms" << QStringList{QStringLiteral("A") + advJan, QStringLiteral("A") + advFeb};
    QTest::newRow("default net terms") << "default terms" << all(QStringLiteral("B")) + all(QStringLiteral("C")) + all(QStringLiteral("D"));
    QTest::newRow("rounding") << "rounding"
                              << all(QStringLiteral("B")) + all(QStringLiteral("C")) + all(QStringLiteral("D"))
                                     + QStringList{QStringLiteral("A") + advJan, QStringLiteral("A") + advFeb};
    QTest::newRow("item renamed") << "item" << QStringList();
    QTest::newRow("metric changed") << "metric" << QStringList{QStringLiteral("B") + arrJan, QStringLiteral("C") + arrJan, QStringLiteral("D") + arrJan};
}

void TestInvoiceRunIncremental::recomposesExactlyTheAffected()
{
    QFETCH(QString, change);
    QFETCH(QStringList, expected);
    CompanyFile &file = *f.file;
    const Clock &clock = f.clock;
    const auto backfill = [&]() {
        const Backfill b = BackfillService(file, clock).create(at(2026, 1, 1), at(2026, 2, 1), m_customers[QStringLiteral("D")], false);
        ingest(QStringLiteral("D"), at(2026, 1, 25, 9), QStringLiteral("d-late"), b.id);
        return b;
    };
    const auto setting = [&](const QString &key, const QString &value) {
        SettingsChange s = SettingsService(file, clock).current({key});
        s.values = {{key, value}};
        SettingsService(file, clock).store(s);
    };
    if (change == QLatin1String("clock")) {
        f.clock.set(m_asOf.addDays(1));
    } else if (change == QLatin1String("event in period")) {
        f.call(QStringLiteral("B"), at(2026, 1, 31, 20), QStringLiteral("b-late"));
    } else if (change == QLatin1String("event after period")) {
        f.call(QStringLiteral("B"), at(2026, 2, 1, 8), QStringLiteral("b-feb"));
    } else if (change == QLatin1String("event unknown")) {
        f.call(QStringLiteral("nobody"), at(2026, 1, 20, 8), QStringLiteral("x1"));
    } else if (change == QLatin1String("amend")) {
        UsageEventService(file, clock).amend(QStringLiteral("b1"), R"({"region": "eu"})");
    } else if (change == QLatin1String("deprecate")) {
        UsageEventService(file, clock).deprecate(QStringLiteral("c4"));
    } else if (change == QLatin1String("backfill open")) {
        backfill();
    } else if (change == QLatin1String("backfill closed")) {
        BackfillService(file, clock).close(backfill().id);
    } else if (change == QLatin1String("backfill reverted")) {
        BackfillService(file, clock).revert(backfill().id);
    } else if (change == QLatin1String("cancel")) {
        SubscriptionService(file, clock).cancel(m_subscriptions[QStringLiteral("B")], ChangeTiming::OnDate, QDate(2026, 6, 1));
    } else if (change == QLatin1String("coupon")) {
        const CouponRecord c = BillingSetupService(file, clock).coupon(QStringLiteral("TENOFF"));
        BillingSetupService(file, clock).editCoupon(c.id, c.code, c.discountType, QStringLiteral("10%"), c.durationMonths, 40);
    } else if (change == QLatin1String("credits")) {
        LedgerService(file, clock)
            .addCredits(m_customers[QStringLiteral("B")], Decimal(50), Decimal(1), QDate(2026, 1, 1), std::nullopt, QStringLiteral("promo"));
    } else if (change == QLatin1String("balance")) {
        LedgerService(file, clock).adjustBalance(m_customers[QStringLiteral("C")], Decimal(25), QStringLiteral("goodwill"));
    } else if (change == QLatin1String("tax created")) {
        BillingSetupService(file, clock).createTaxRate(QStringLiteral("VAT"), QStringLiteral("19"));
    } else if (change == QLatin1String("tax customer")) {
        BillingSetupService(file, clock).createTaxRate(QStringLiteral("VAT"), QStringLiteral("19"));
        BillingSetupService(file, clock).assignTaxRate(QStringLiteral("VAT"), m_customers[QStringLiteral("A")], {});
    } else if (change == QLatin1String("tax item")) {
        BillingSetupService(file, clock).createTaxRate(QStringLiteral("VAT"), QStringLiteral("19"));
        BillingSetupService(file, clock).assignTaxRate(QStringLiteral("VAT"), {}, QStringLiteral("Calls"));
    } else if (change == QLatin1String("customer email")) {
        CustomerPatch p;
        p.email = QStringLiteral("billing@b.example");
        CustomerService(file, clock).update(m_customers[QStringLiteral("B")], p);
    } else if (change == QLatin1String("customer terms")) {
        CustomerPatch p;
        p.netTerms = std::optional<int>(45);
        CustomerService(file, clock).update(m_customers[QStringLiteral("A")], p);
    } else if (change == QLatin1String("default terms")) {
        setting(QStringLiteral("default_net_terms"), QStringLiteral("45"));
    } else if (change == QLatin1String("rounding")) {
        setting(QStringLiteral("rounding"), QStringLiteral("half_even"));
    } else if (change == QLatin1String("item")) {
        CatalogService(file, clock).renameItem(QStringLiteral("Calls"), QStringLiteral("API calls"));
    } else if (change == QLatin1String("metric")) {
        CatalogService catalog(file, clock);
        MetricDefinition m = catalog.metric(QStringLiteral("calls"));
        m.setEventName(QStringLiteral("api_request"));
        catalog.updateMetric(QStringLiteral("calls"), m);
    } else {
        QCOMPARE(change, QStringLiteral("nothing"));
    }

    const InvoiceRunSummary again = run();
    QVERIFY(again.failed.isEmpty());
    QCOMPARE(again.created, 0);
    QStringList recomposed;
    for (const QString &id : again.recomposedIds)
        recomposed << label(id);
    recomposed.sort();
    expected.sort();
    QCOMPARE(recomposed, expected);
    QCOMPARE(again.recomposed, int(expected.size()));
    QCOMPARE(again.upToDate, 11 - int(expected.size()));
    QCOMPARE(again.unchanged + again.refreshed, 11);
    verifyDraftsAreCurrent();

    // And the run after that has nothing left to compose.
    const InvoiceRunSummary third = run();
    QCOMPARE(third.recomposed, 0);
    QCOMPARE(third.upToDate, 11);
    QCOMPARE(third.eventsScanned, 0);
}

void TestInvoiceRunIncremental::nothingChangedReadsNoEvents()
{
    const InvoiceRunSummary again = run();
    QCOMPARE(again.recomposed, 0);
    QCOMPARE(again.upToDate, 11);
    QCOMPARE(again.unchanged, 11);
    QCOMPARE(again.aggregationPasses, 0);
    QCOMPARE(again.eventsScanned, 0);
    const QJsonObject json = again.toJson();
    QCOMPARE(json.value(QStringLiteral("recomposed")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("up_to_date")).toInt(), 11);
}

void TestInvoiceRunIncremental::previewListsTheStoredDrafts()
{
    // A dry run lists every invoice the run would leave, composed or not.
    f.call(QStringLiteral("B"), at(2026, 1, 30, 20), QStringLiteral("b-late"));
    const InvoiceRunSummary preview = run(true);
    QCOMPARE(preview.recomposed, 1);
    QCOMPARE(preview.upToDate, 10);
    QCOMPARE(preview.invoices.size(), 11);
    // It stores nothing, stamps included: the real run still composes B's calls again.
    const InvoiceRunSummary real = run();
    QCOMPARE(real.recomposed, 1);
    QCOMPARE(real.refreshed, 1);
    QCOMPARE(label(real.recomposedIds.value(0)), QStringLiteral("B in_arrears 2026-01-01"));
}

void TestInvoiceRunIncremental::recomposeAllComposesEveryDraft()
{
    const InvoiceRunSummary all = run(false, true);
    QCOMPARE(all.recomposed, 11);
    QCOMPARE(all.upToDate, 0);
    QCOMPARE(all.unchanged, 11);
    QCOMPARE(all.aggregationPasses, 1);
}

void TestInvoiceRunIncremental::stampOfAnEarlierFormatReadsAsStale()
{
    // Stamps written before the digest's format changed (a 20-byte SHA-1, or any digest the
    // run no longer computes) never match: those drafts are composed once more, stamped anew,
    // and the next run finds them up to date.
    InvoiceFilter drafts;
    drafts.status = InvoiceStatus::Draft;
    const QList<Invoice> stored = InvoiceService(*f.file, f.clock).list(drafts);
    QCOMPARE(stored.size(), 11);
    QStringList old;
    for (const Invoice &i : stored)
        if (m_customers.key(i.customerId) == QLatin1String("B")) {
            f.file->db().exec(QStringLiteral("UPDATE invoice_draft_stamps SET fingerprint = ? WHERE invoice_id = ?"), {QByteArray(20, '\x5a'), i.id});
            old << label(i.id);
        }
    QCOMPARE(old.size(), 3);
    const InvoiceRunSummary again = run();
    QStringList recomposed;
    for (const QString &id : again.recomposedIds)
        recomposed << label(id);
    recomposed.sort();
    old.sort();
    QCOMPARE(recomposed, old);
    QCOMPARE(again.refreshed, 0); // the same inputs compose the same drafts
    QCOMPARE(again.upToDate, 8);
    const InvoiceRunSummary third = run();
    QCOMPARE(third.recomposed, 0);
    QCOMPARE(third.upToDate, 11);
}

QTEST_GUILESS_MAIN(TestInvoiceRunIncremental)
#include "tst_invoicerun_incremental.moc"
