// SPDX-License-Identifier: GPL-3.0-or-later
// Money paid back to the customer (a refund in Stripe, a lost dispute, a refund credit note by
// hand on money already paid) on the customer's statement, in aging, on the invoice and in the
// ledger journal: each must say what the customer really still owes.
#include "BillingFixture.h"

#include "models/UnitOfWork.h"
#include "models/exports/LedgerJournal.h"
#include "models/reports/ReportSource.h"
#include "tests/support/CompanyFixture.h"

#include <QtTest>

using namespace orb;

class TestRefundBooks : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void booksMatch_data();
    void booksMatch();
    void upgradeReadsEarlierRefunds();

private:
    test::BillingFixture f;
};

void TestRefundBooks::booksMatch_data()
{
    // An invoice of 100.00 dated 2026-01-10, due 2026-02-09; the statement runs 2026-01-01 to
    // 2026-03-15 (34 days past due). Steps: "pay AMOUNT DAY", "stripe AMOUNT DAY" (a refund or lost
    // dispute recorded from Stripe), "refund AMOUNT DAY" (a refund credit note by hand), all in
    // January 2026. Lines: "kind date debit credit balance".
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("closing");
    QTest::addColumn<QString>("days31To60");

    const QString inv = QStringLiteral("Invoice 2026-01-10 100.00 0.00 100.00");
    QTest::newRow("full refund of a paid invoice") << "pay 100.00 15; stripe 100.00 20"
                                                   << QStringList{inv, "Payment 2026-01-15 0.00 100.00 0.00", "Credit note 2026-01-20 0.00 100.00 -100.00",
                                                                  "Refund paid 2026-01-20 100.00 0.00 0.00"}
                                                   << "0.00"
                                                   << "0.00";
    QTest::newRow("partial refund of a paid invoice") << "pay 100.00 15; stripe 30.00 20"
                                                      << QStringList{inv, "Payment 2026-01-15 0.00 100.00 0.00", "Credit note 2026-01-20 0.00 30.00 -30.00",
                                                                     "Refund paid 2026-01-20 30.00 0.00 0.00"}
                                                      << "0.00"
                                                      << "0.00";
    QTest::newRow("refund on a partly paid invoice") << "pay 40.00 15; stripe 40.00 20"
                                                     << QStringList{inv, "Payment 2026-01-15 0.00 40.00 60.00", "Credit note 2026-01-20 0.00 40.00 20.00",
                                                                    "Refund paid 2026-01-20 40.00 0.00 60.00"}
                                                     << "60.00"
                                                     << "60.00";
    QTest::newRow("two partial refunds on a partly paid invoice") << "pay 70.00 15; stripe 20.00 20; stripe 25.00 25"
                                                                  << QStringList{inv,
                                                                                 "Payment 2026-01-15 0.00 70.00 30.00",
                                                                                 "Credit note 2026-01-20 0.00 20.00 10.00",
                                                                                 "Refund paid 2026-01-20 20.00 0.00 30.00",
                                                                                 "Credit note 2026-01-25 0.00 25.00 5.00",
                                                                                 "Refund paid 2026-01-25 25.00 0.00 30.00"}
                                                                  << "30.00"
                                                                  << "30.00";
    QTest::newRow("lost dispute written off") << "pay 100.00 15; dispute 100.00 28"
                                              << QStringList{inv, "Payment 2026-01-15 0.00 100.00 0.00", "Credit note 2026-01-28 0.00 100.00 -100.00",
                                                             "Refund paid 2026-01-28 100.00 0.00 0.00"}
                                              << "0.00"
                                              << "0.00";
    QTest::newRow("lost dispute on a partly paid invoice")
        << "pay 60.00 15; dispute 60.00 28"
        << QStringList{inv, "Payment 2026-01-15 0.00 60.00 40.00", "Credit note 2026-01-28 0.00 60.00 -20.00", "Refund paid 2026-01-28 60.00 0.00 40.00"}
        << "40.00"
        << "40.00";
    QTest::newRow("refund by hand on a paid invoice") << "pay 100.00 15; refund 25.00 20"
                                                      << QStringList{inv, "Payment 2026-01-15 0.00 100.00 0.00", "Credit note 2026-01-20 0.00 25.00 -25.00",
                                                                     "Refund paid 2026-01-20 25.00 0.00 0.00"}
                                                      << "0.00"
                                                      << "0.00";
    QTest::newRow("refund by hand beyond what is owed")
        << "pay 40.00 15; refund 80.00 20"
        << QStringList{inv, "Payment 2026-01-15 0.00 40.00 60.00", "Credit note 2026-01-20 0.00 80.00 -20.00", "Refund paid 2026-01-20 20.00 0.00 0.00"}
        << "0.00"
        << "0.00";
    QTest::newRow("refund by hand on an unpaid invoice pays nothing back")
        << "refund 30.00 20" << QStringList{inv, "Credit note 2026-01-20 0.00 30.00 70.00"} << "70.00"
        << "70.00";
}

void TestRefundBooks::booksMatch()
{
    QFETCH(QString, steps);
    QFETCH(QStringList, lines);
    QFETCH(QString, closing);
    QFETCH(QString, days31To60);

    InvoiceService service(*f.file, f.clock);
    const QString customer = f.customer(QStringLiteral("refunded"));
    const Invoice draft =
        service.createOneOff(customer, {{QStringLiteral("Consulting"), Decimal(1), Decimal::parse("100.00"), {}}}, QDate(2026, 1, 10), QString(), 30);
    const Invoice issued = service.issue(draft.id);
    QCOMPARE(issued.dueDate, QDate(2026, 2, 9));
    for (const QString &step : steps.split(QLatin1Char(';'))) {
        const QStringList p = step.trimmed().split(QLatin1Char(' '));
        QCOMPARE(p.size(), 3);
        const Decimal amount = Decimal::parse(p.at(1));
        const QDate day(2026, 1, p.at(2).toInt());
        f.clock.set(QDateTime(day, QTime(12, 0), QTimeZone::utc()));
        if (p.at(0) == QLatin1String("pay")) {
            service.pay(issued.id, amount, day, QStringLiteral("card"));
        } else if (p.at(0) == QLatin1String("refund")) {
            service.createCreditNote(issued.id, {{0, amount}}, QStringLiteral("Goodwill"), QStringLiteral("refund"));
        } else {
            const QString reason = p.at(0) == QLatin1String("dispute") ? QStringLiteral("Dispute lost in Stripe") : QStringLiteral("Refunded in Stripe");
            UnitOfWork uow(f.file->db());
            InvoiceService::refundWithin(f.file->db(), f.clock.now(), issued.id, amount, reason, QStringLiteral("ch_1"));
            uow.commit();
        }
    }

    const QDate from(2026, 1, 1), to(2026, 3, 15);
    const ReportSource source(*f.file);
    const Statement s = source.statement(customer, from, to);
    QStringList got;
    for (const StatementLine &l : s.lines)
        got << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(Statement::kindName(l.kind), dateText(l.date), moneyText(l.debit, s.currency), moneyText(l.credit, s.currency),
                        moneyText(l.balance, s.currency));
    QCOMPARE(got, lines);
    QCOMPARE(moneyText(s.closing, s.currency), closing);

    // Aging: the statement's own and the report's, all of it in 31-60 days.
    QCOMPARE(moneyText(s.aging.total, s.currency), days31To60);
    QCOMPARE(moneyText(s.aging.buckets[AgingReport::Days31To60], s.currency), days31To60);
    Decimal reported(0);
    const auto report = source.aging(to); // kept: rows() refers into it
    for (const AgingRow &r : report.rows())
        if (r.customerId == customer) {
            QCOMPARE(moneyText(r.buckets[AgingReport::Days31To60], r.currency), days31To60);
            reported += r.total;
        }
    QCOMPARE(moneyText(reported, s.currency), days31To60);

    // The invoice (invoices show) owes the same.
    QCOMPARE(moneyText(service.get(issued.id).amountRemaining(), s.currency), closing);

    // The ledger: every entry balances, and the receivable moves by what the customer owes.
    const LedgerAccounts accounts = LedgerAccounts::fromCompany(*f.file);
    Decimal receivable(0);
    for (const JournalEntry &e : LedgerJournal::build(*f.file, from, to, accounts)) {
        Decimal sum(0);
        for (const JournalSplit &sp : e.splits) {
            sum += sp.amount;
            if (sp.account == accounts.receivable)
                receivable += sp.amount;
        }
        QVERIFY2(sum.isZero(), qPrintable(e.id));
    }
    QCOMPARE(moneyText(receivable, s.currency), closing);
}

void TestRefundBooks::upgradeReadsEarlierRefunds()
{
    ORB_SQLITE_ONLY("the file's schema is rolled back to version 19 by raw edits");
    // Refund notes recorded before the paid-back amount was kept: a refund from Stripe and one
    // by hand on paid invoices gave back their whole amount; one by hand on an unpaid invoice
    // reduced what was owed and paid nothing back.
    InvoiceService service(*f.file, f.clock);
    const QString customer = f.customer(QStringLiteral("earlier"));
    auto invoice = [&] {
        const Invoice d =
            service.createOneOff(customer, {{QStringLiteral("Consulting"), Decimal(1), Decimal::parse("100.00"), {}}}, QDate(2026, 1, 10), QString(), 30);
        return service.issue(d.id).id;
    };
    const QString fromStripe = invoice(), byHandPaid = invoice(), byHandOpen = invoice();
    f.clock.set(QDateTime(QDate(2026, 1, 20), QTime(12, 0), QTimeZone::utc()));
    service.pay(fromStripe, Decimal::parse("100.00"), QDate(2026, 1, 15), QStringLiteral("card"));
    service.pay(byHandPaid, Decimal::parse("100.00"), QDate(2026, 1, 15), QStringLiteral("card"));
    {
        UnitOfWork uow(f.file->db());
        InvoiceService::refundWithin(f.file->db(), f.clock.now(), fromStripe, Decimal::parse("100.00"), QStringLiteral("Refunded in Stripe"), QString());
        uow.commit();
    }
    service.createCreditNote(byHandPaid, {{0, Decimal::parse("25.00")}}, QStringLiteral("Goodwill"), QStringLiteral("refund"));
    service.createCreditNote(byHandOpen, {{0, Decimal::parse("30.00")}}, QStringLiteral("Goodwill"), QStringLiteral("refund"));
    const QString path = f.file->path();
    f.file.reset();
    QCOMPARE(test::rollBackSchema(path, 19), QString());
    f.file = CompanyFile::open(path);
    QCOMPARE(f.file->schemaVersion(), CompanyFile::latestSchemaVersion());
    const Statement s = ReportSource(*f.file).statement(customer, QDate(2026, 1, 1), QDate(2026, 3, 15));
    QStringList paidBack;
    for (const StatementLine &l : s.lines)
        if (Statement::kindName(l.kind) == QLatin1String("Refund paid"))
            paidBack << moneyText(l.debit, s.currency);
    paidBack.sort(); // same-day lines of different invoices come in no set order
    QCOMPARE(paidBack, (QStringList{QStringLiteral("100.00"), QStringLiteral("25.00")}));
    QCOMPARE(moneyText(s.closing, s.currency), QStringLiteral("70.00"));
    QCOMPARE(moneyText(s.aging.total, s.currency), QStringLiteral("70.00"));
}

QTEST_GUILESS_MAIN(TestRefundBooks)
#include "tst_refundbooks.moc"
