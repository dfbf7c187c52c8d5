// SPDX-License-Identifier: GPL-3.0-or-later
// Date edges and change sequences of subscriptions, each row a script of actions run against a
// fresh company file, then the invoices, the balance and a ledger check:
//  - a subscription ending on its start date is valid and empty, and never breaks a run
//    (docs.withorb.com/api-reference/subscription/cancel-subscription: "Upcoming subscriptions
//    are only eligible for immediate cancellation, which will set the end_date equal to the
//    start_date");
//  - backdated cancellations: "Orb allows you to cancel a subscription in the past as long as
//    there are no paid invoices between the requested_date and the current time. If the
//    cancellation is after the latest issued invoice, Orb will generate a balance refund for the
//    current period. If the cancellation is before the most recently issued invoice, Orb will
//    void the intervening invoice and generate a new one" (same page, "Backdated cancellations");
//  - plan changes credit "the portion of the time period that was left unused using day-based
//    proration" (docs.withorb.com/product-catalog/modifying-subscriptions, "Proration"), so
//    every unused day of a fee paid in advance is credited at most once, whatever sequence of
//    changes, seat changes, cancellations and unschedules touches the period.
#include "BillingFixture.h"

#include "models/billing/InvoiceRepository.h"
#include "models/billing/LedgerService.h"
#include "models/billing/Ledgers.h"

using namespace orb;
using namespace orb::test;

namespace {
const char *const CancelPage = "docs.withorb.com/api-reference/subscription/cancel-subscription";
const char *const ChangePage = "docs.withorb.com/product-catalog/modifying-subscriptions";
} // namespace

class TestSubscriptionEdges : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void sequences_data();
    void sequences();

private:
    QDate date(const QString &text) { return QDate::fromString(text, Qt::ISODate); }
    void step(const QString &sub, const QString &customer, const QString &line);
    void ledgerCheck(const QString &customer, const QString &sub);
    BillingFixture f;
};

void TestSubscriptionEdges::sequences_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("alignment");
    QTest::addColumn<QDate>("start");
    QTest::addColumn<int>("trialDays");
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QStringList>("invoices");
    QTest::addColumn<QString>("balance");

    // Flat: 310.00 a month in advance (10.00 a day in a 31-day month); Double: 620.00.
    // Script lines: "today D", "run D", "issue D", "pay" (every issued invoice), "change PLAN [D]",
    // "seats N", "cancel [D|eot]", "unschedule"; a leading "!" expects the action refused.

    // 1. Date edges: none of these may break a run.
    QTest::newRow("immediate cancellation on the start day")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 0 << QStringList{"run 2026-01-01", "cancel", "run 2026-03-01"} << QStringList{} << "0.00";
    QTest::newRow("immediate cancellation of an upcoming subscription")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 2, 1) << 0 << QStringList{"cancel", "run 2026-03-01"} << QStringList{} << "0.00";
    QTest::newRow("backdated cancellation to the start date, unpaid")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "today 2026-01-10", "cancel 2026-01-01", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 void"} << "0.00";
    QTest::newRow("backdated cancellation to the start date, paid")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay", "today 2026-01-10", "cancel 2026-01-01", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid"} << "310.00";
    QTest::newRow("ends before the first period: trial longer than the subscription")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 30 << QStringList{"cancel 2026-01-20", "run 2026-03-01"} << QStringList{} << "0.00";
    QTest::newRow("cancelled on the last day of the trial")
        << CancelPage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 10 << QStringList{"today 2026-01-05", "cancel 2026-01-11", "run 2026-03-01"} << QStringList{} << "0.00";
    QTest::newRow("change on the start day, then cancel the same day")
        << ChangePage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 0 << QStringList{"change double", "cancel", "run 2026-03-01"} << QStringList{} << "0.00";
    QTest::newRow("immediate cancellation after a change on the start day, a month later")
        << ChangePage << "flat"
        << "start_date" << QDate(2026, 1, 1) << 0 << QStringList{"change double", "run 2026-01-01", "today 2026-01-11", "cancel", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-01-11 200.00 draft"} << "0.00";

    // 8. Every unused day of a fee paid in advance is credited at most once.
    QTest::newRow("change and cancellation the same day credit the unused days once")
        << ChangePage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "today 2026-01-11", "change double", "cancel", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 issued"} << "210.00";
    QTest::newRow("change, its invoice issued, then cancellation the same day")
        << ChangePage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0 << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay",    "today 2026-01-11", "change double",
                                                                     "run 2026-01-11", "issue 2026-01-11", "cancel", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid", "in_advance 2026-01-11 2026-02-01 420.00 void"} << "210.00";
    QTest::newRow("two changes in one period credit each day once")
        << ChangePage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay", "today 2026-01-11", "change double", "today 2026-01-21", "change flat", "run 2026-01-21"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid", "in_advance 2026-01-11 2026-01-21 200.00 draft",
                       "in_advance 2026-01-21 2026-02-01 110.00 draft"}
        << "210.00";
    QTest::newRow("scheduled cancellation unscheduled, then an immediate one")
        << ChangePage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay", "today 2026-01-11", "cancel 2026-01-21", "unschedule", "cancel", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid"} << "210.00";
    QTest::newRow("seat change then cancellation the same day")
        << ChangePage << "metered"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay", "today 2026-01-11", "seats 8", "cancel", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 50.00 paid", "in_arrears 2026-01-01 2026-01-11 0.00 draft"} << "33.87";
    QTest::newRow("change, then a backdated cancellation before it")
        << CancelPage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "today 2026-01-11", "change double", "today 2026-01-15", "cancel 2026-01-06", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 void", "in_advance 2026-01-01 2026-01-06 50.00 draft"} << "0.00";

    // 7. Backdated cancellations.
    QTest::newRow("backdated past a paid invoice dated before it: balance refund")
        << CancelPage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01", "issue 2026-01-01", "pay", "today 2026-01-25", "cancel 2026-01-21", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid"} << "110.00";
    QTest::newRow("backdated before an unpaid later invoice: voided, the paid one refunded")
        << CancelPage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-01-01",   "issue 2026-01-01",  "pay",           "run 2026-02-01", "issue 2026-02-01",
                       "today 2026-02-05", "cancel 2026-01-21", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid", "in_advance 2026-02-01 2026-03-01 310.00 void"} << "110.00";
    QTest::newRow("backdated before a paid invoice dated after it: refused")
        << CancelPage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-02-01", "issue 2026-02-01", "pay", "today 2026-02-05", "!cancel 2026-01-21", "run 2026-02-05"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 paid", "in_advance 2026-02-01 2026-03-01 310.00 paid"} << "0.00";
    QTest::newRow("backdated before unpaid invoices: voided and reissued")
        << CancelPage << "flat"
        << "first_of_month" << QDate(2026, 1, 1) << 0
        << QStringList{"run 2026-02-01", "issue 2026-02-01", "today 2026-02-05", "cancel 2026-01-21", "run 2026-03-01"}
        << QStringList{"in_advance 2026-01-01 2026-02-01 310.00 void", "in_advance 2026-01-01 2026-01-21 200.00 draft",
                       "in_advance 2026-02-01 2026-03-01 310.00 void"}
        << "0.00";
}

void TestSubscriptionEdges::step(const QString &sub, const QString &customer, const QString &line)
{
    const bool refused = line.startsWith(QLatin1Char('!'));
    const QStringList w = (refused ? line.mid(1) : line).split(QLatin1Char(' '));
    const QString verb = w.value(0);
    const QString arg = w.value(1);
    SubscriptionService subs(*f.file, f.clock);
    InvoiceService invoices(*f.file, f.clock);
    try {
        if (verb == QLatin1String("today")) {
            f.clock.set(QDateTime(date(arg), QTime(9, 0), Qt::UTC));
        } else if (verb == QLatin1String("run")) {
            const InvoiceRunSummary s = f.run(QDateTime(date(arg), QTime(0, 0), Qt::UTC));
            QVERIFY2(s.failed.isEmpty(), qPrintable(s.failed.isEmpty() ? QString() : s.failed.first().reasons.join(QLatin1Char(';'))));
        } else if (verb == QLatin1String("issue")) {
            invoices.issueAll(date(arg));
        } else if (verb == QLatin1String("pay")) {
            InvoiceFilter filter;
            filter.customerId = customer;
            filter.status = InvoiceStatus::Issued;
            for (const Invoice &i : invoices.list(filter))
                if (i.amountRemaining().isPositive())
                    invoices.markPaid(i.id, f.clock.now().date());
        } else if (verb == QLatin1String("change")) {
            if (arg.isEmpty())
                return;
            subs.changePlan(sub, arg, std::nullopt, w.size() > 2 ? ChangeTiming::OnDate : ChangeTiming::Immediate,
                            w.size() > 2 ? std::optional<QDate>(date(w.value(2))) : std::nullopt);
        } else if (verb == QLatin1String("seats")) {
            QString seats;
            CatalogService catalog(*f.file, f.clock);
            for (const QJsonObject &p : catalog.planVersion(catalog.plan(QStringLiteral("metered"))).prices)
                if (p.value(QStringLiteral("name")).toString() == QLatin1String("Seats"))
                    seats = p.value(QStringLiteral("id")).toString();
            subs.setQuantity(sub, seats, Decimal::parse(arg), ChangeTiming::Immediate);
        } else if (verb == QLatin1String("cancel")) {
            if (arg.isEmpty())
                subs.cancel(sub, ChangeTiming::Immediate);
            else if (arg == QLatin1String("eot"))
                subs.cancel(sub, ChangeTiming::EndOfTerm);
            else
                subs.cancel(sub, ChangeTiming::OnDate, date(arg));
        } else if (verb == QLatin1String("unschedule")) {
            subs.unschedule(sub);
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown script line \"%1\"").arg(line)));
        }
    } catch (const ServiceError &e) {
        QVERIFY2(refused, qPrintable(QStringLiteral("\"%1\" was refused: %2").arg(line, e.details())));
        return;
    }
    QVERIFY2(!refused, qPrintable(QStringLiteral("\"%1\" went through; it should be refused").arg(line)));
}

// The ledger check: for every in-advance invoice, the proration credits it gave (net of
// reversals) are none when it is void, and otherwise at most its charge for the days from the
// earliest change inside its period, and never more than its total less its credit notes. The
// balance ledger adds up.
void TestSubscriptionEdges::ledgerCheck(const QString &customer, const QString &sub)
{
    Ledgers ledgers(f.file->db());
    QCOMPARE(ledgers.recomputedBalance(customer), ledgers.balance(customer));
    QList<QDate> changes;
    for (const SubscriptionChange &c : SubscriptionService(*f.file, f.clock).changes(sub))
        if (c.status == SubscriptionChangeStatus::Applied || c.status == SubscriptionChangeStatus::Scheduled)
            changes << c.effectiveDate;
    InvoiceFilter filter;
    filter.customerId = customer;
    for (const Invoice &inv : InvoiceService(*f.file, f.clock).list(filter)) {
        Decimal credited;
        for (const BalanceEntryRecord &e : ledgers.balanceEntriesForInvoice(inv.id))
            if (e.cause == QLatin1String("proration_credit") || e.cause == QLatin1String("proration_reversal"))
                credited += e.amount;
        if (qEnvironmentVariableIsSet("ORB_DEBUG_LEDGER"))
            for (const BalanceEntryRecord &e : ledgers.balanceEntries(customer))
                qDebug() << e.cause << e.amount.toString() << e.invoiceId << inv.id << e.description;
        QVERIFY2(!credited.isNegative(), qPrintable(inv.id));
        if (inv.status == InvoiceStatus::Void || inv.kind != InvoiceKind::InAdvance) {
            QVERIFY2(
                credited.isZero(),
                qPrintable(QStringLiteral("invoice %1 (%2) keeps a proration credit of %3").arg(inv.invoiceNumber, toText(inv.status), credited.toString())));
            continue;
        }
        QDate first = inv.periodEnd;
        for (const QDate &d : changes)
            first = std::min(first, std::max(d, inv.periodStart));
        const qint64 days = inv.periodStart.daysTo(inv.periodEnd);
        const Decimal most = (inv.total * Decimal(first.daysTo(inv.periodEnd))).divide(Decimal(days), 2);
        QVERIFY2(
            credited <= most,
            qPrintable(QStringLiteral("invoice %1 credited %2 for unused days worth at most %3").arg(inv.invoiceNumber, credited.toString(), most.toString())));
        QVERIFY(credited <= inv.total - inv.credited);
    }
}

void TestSubscriptionEdges::sequences()
{
    QFETCH(QString, source);
    QFETCH(QString, plan);
    QFETCH(QString, alignment);
    QFETCH(QDate, start);
    QFETCH(int, trialDays);
    QFETCH(QStringList, script);
    QFETCH(QStringList, invoices);
    QFETCH(QString, balance);
    QVERIFY(source.startsWith(QLatin1String("docs.withorb.com/")));
    const QString c = f.customer(QStringLiteral("edge"));
    f.clock.set(QDateTime(std::min(start, QDate(2026, 1, 1)), QTime(9, 0), Qt::UTC));
    SubscriptionDraft d;
    d.customer = c;
    d.plan = plan;
    d.startDate = start;
    d.alignment = alignment;
    d.trialDays = trialDays;
    const QString sub = SubscriptionService(*f.file, f.clock).create(d).id;
    for (const QString &line : script) {
        step(sub, c, line);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("at \"%1\"").arg(line)));
        ledgerCheck(c, sub);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("ledger check after \"%1\"").arg(line)));
    }
    QCOMPARE(f.summary(c), invoices);
    QCOMPARE(moneyText(LedgerService(*f.file, f.clock).balance(c).balance, QStringLiteral("USD")), balance);
}

QTEST_GUILESS_MAIN(TestSubscriptionEdges)
#include "tst_subscriptionedges.moc"
