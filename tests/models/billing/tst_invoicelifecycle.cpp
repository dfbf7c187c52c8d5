// SPDX-License-Identifier: GPL-3.0-or-later
// The invoice lifecycle: issue, pay, void, credit notes, the balance and credit ledgers, taxes,
// coupons, one-off invoices, and every refused transition.
#include "BillingFixture.h"

#include "models/AuditLog.h"
#include "models/RowSeals.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/Ledgers.h"
#include "models/usage/UsageEventService.h"

#include <sqlite3.h>

#include <QJsonArray>
#include <QSqlQuery>

#include <functional>

using namespace orb;
using namespace orb::test;

class TestInvoiceLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void issueNumbersWithoutGaps();
    void refusedTransitions();
    void issuedUsageIsLocked();
    void balanceAndCreditsAppliedAtIssue();
    void voidGivesBackBalanceAndCredits();
    void paymentsPartialAndOver();
    void creditNotes();
    void taxesPerRate();
    void couponDurationAndRedemptions();
    void oneOffInvoice();
    void restoreDraftPutsTheSameDraftBack();
    void auditTrailCoversEveryChange();
    void issuingCostDoesNotGrowWithTheCompany();
    void batchIssueKeepsNumbersChainOutboxAndSeals();

private:
    Invoice issuedFlat(const QString &customerExternalId);
    BillingFixture f;
};

void TestInvoiceLifecycle::init()
{
    f.reset();
}

Invoice TestInvoiceLifecycle::issuedFlat(const QString &externalId)
{
    const QString c = f.customer(externalId);
    f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    return InvoiceService(*f.file, f.clock).issue(f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1)).id);
}

void TestInvoiceLifecycle::issueNumbersWithoutGaps()
{
    InvoiceService service(*f.file, f.clock);
    const Invoice a = issuedFlat(QStringLiteral("a"));
    QCOMPARE(a.invoiceNumber, QStringLiteral("NW-000001"));
    QCOMPARE(a.status, InvoiceStatus::Issued);
    QCOMPARE(a.invoiceDate, QDate(2026, 1, 1));
    QCOMPARE(a.dueDate, QDate(2026, 1, 16)); // the plan's net 15
    // A failed issue (refused) takes no number.
    QVERIFY_SERVICE_ERROR(service.issue(a.id), ServiceError::Kind::Conflict);
    const Invoice b = issuedFlat(QStringLiteral("b"));
    QCOMPARE(b.invoiceNumber, QStringLiteral("NW-000002"));
    QCOMPARE(service.get(QStringLiteral("NW-000002")).id, b.id);
    // Issued invoices are immutable: a later run does not touch them.
    f.run(at(2026, 1, 1));
    QCOMPARE(service.get(a.id).toJson(), a.toJson());
}

void TestInvoiceLifecycle::refusedTransitions()
{
    InvoiceService service(*f.file, f.clock);
    const QString c = f.customer(QStringLiteral("r"));
    f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    const Invoice draft = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1));
    QVERIFY_SERVICE_ERROR(service.pay(draft.id, Decimal(10), QDate(2026, 1, 2)), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.voidInvoice(draft.id, {}), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.createCreditNote(draft.id, {}, QStringLiteral("x"), QStringLiteral("refund")), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.markPaid(draft.id, QDate(2026, 1, 2)), ServiceError::Kind::Conflict);
    const Invoice issued = service.issue(draft.id);
    QVERIFY_SERVICE_ERROR(service.deleteDraft(issued.id), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.pay(issued.id, Decimal::parse("0.001"), QDate(2026, 1, 2)), ServiceError::Kind::InvalidInput);
    QVERIFY_SERVICE_ERROR(service.pay(issued.id, Decimal(-5), QDate(2026, 1, 2)), ServiceError::Kind::InvalidInput);
    service.markPaid(issued.id, QDate(2026, 1, 3));
    QCOMPARE(service.get(issued.id).status, InvoiceStatus::Paid);
    QVERIFY_SERVICE_ERROR(service.voidInvoice(issued.id, {}), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.pay(issued.id, Decimal(1), QDate(2026, 1, 3)), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.get(QStringLiteral("NW-999999")), ServiceError::Kind::NotFound);
    // Voided invoices stay void.
    const Invoice other = issuedFlat(QStringLiteral("v"));
    service.voidInvoice(other.id, QStringLiteral("sent twice"));
    QVERIFY_SERVICE_ERROR(service.voidInvoice(other.id, {}), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(service.issue(other.id), ServiceError::Kind::Conflict);
}

void TestInvoiceLifecycle::issuedUsageIsLocked()
{
    const QString c = f.customer(QStringLiteral("m"));
    f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    f.call(QStringLiteral("m"), at(2026, 1, 5), QStringLiteral("e1"));
    f.run(at(2026, 2, 2));
    const Invoice jan = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    UsageEventService events(*f.file, f.clock);
    events.deprecate(QStringLiteral("e1")); // still a draft: corrections are allowed
    f.run(at(2026, 2, 2));
    QCOMPARE(moneyText(f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1)).total, QStringLiteral("USD")), QStringLiteral("0.00"));
    f.call(QStringLiteral("m"), at(2026, 1, 6), QStringLiteral("e2"));
    f.run(at(2026, 2, 2));
    InvoiceService(*f.file, f.clock).issue(jan.id);
    QVERIFY_SERVICE_ERROR(events.deprecate(QStringLiteral("e2")), ServiceError::Kind::Conflict);
    QVERIFY_SERVICE_ERROR(events.amend(QStringLiteral("e2"), R"({"x": 1})"), ServiceError::Kind::Conflict);
    // Voiding the invoice releases the period.
    InvoiceService(*f.file, f.clock).voidInvoice(jan.id, QStringLiteral("wrong usage"));
    events.deprecate(QStringLiteral("e2"));
}

void TestInvoiceLifecycle::balanceAndCreditsAppliedAtIssue()
{
    const QString c = f.customer(QStringLiteral("bc"));
    LedgerService ledger(*f.file, f.clock);
    ledger.adjustBalance(c, Decimal(50), QStringLiteral("goodwill"));
    // Soonest expiry first, then the lowest cost basis; a block not yet effective waits.
    const auto a = ledger.addCredits(c, Decimal(30), Decimal(1), QDate(2025, 12, 1), QDate(2026, 6, 1), QStringLiteral("A"));
    const auto b = ledger.addCredits(c, Decimal(400), Decimal::parse("0.5"), QDate(2025, 12, 1), std::nullopt, QStringLiteral("B"));
    const auto cc = ledger.addCredits(c, Decimal(20), Decimal::parse("0.5"), QDate(2025, 12, 1), QDate(2026, 6, 1), QStringLiteral("C"));
    ledger.addCredits(c, Decimal(1000), Decimal(0), QDate(2026, 2, 1), std::nullopt, QStringLiteral("later"));
    f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    const Invoice draft = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1));
    QCOMPARE(moneyText(draft.amountDue, QStringLiteral("USD")), QStringLiteral("310.00")); // drafts hold nothing back
    const Invoice issued = InvoiceService(*f.file, f.clock).issue(draft.id);
    // Prepaid credits come before tax and the balance after it
    // (docs.withorb.com/invoicing/invoice-calculation-examples): the blocks pay all 310.00 and
    // the balance keeps its 50.00.
    QCOMPARE(moneyText(issued.balanceApplied, QStringLiteral("USD")), QStringLiteral("0.00"));
    QCOMPARE(moneyText(issued.creditsApplied, QStringLiteral("USD")), QStringLiteral("310.00"));
    QCOMPARE(moneyText(LedgerService(*f.file, f.clock).balance(c).balance, QStringLiteral("USD")), QStringLiteral("50.00"));
    QCOMPARE(moneyText(issued.amountDue, QStringLiteral("USD")), QStringLiteral("0.00"));
    QCOMPARE(issued.status, InvoiceStatus::Paid); // nothing left to pay
    QHash<QString, QString> left;
    for (const CreditBlockRecord &r : ledger.credits(c))
        left.insert(r.description, moneyText(r.remaining, r.currency));
    QCOMPARE(left.value(QStringLiteral("C")), QStringLiteral("0.00"));
    QCOMPARE(left.value(QStringLiteral("A")), QStringLiteral("0.00"));
    QCOMPARE(left.value(QStringLiteral("B")), QStringLiteral("140.00"));
    QCOMPARE(left.value(QStringLiteral("later")), QStringLiteral("1000.00"));
    QCOMPARE(moneyText(ledger.balance(c).balance, QStringLiteral("USD")), QStringLiteral("50.00"));
    Q_UNUSED(a);
    Q_UNUSED(b);
    Q_UNUSED(cc);
}

void TestInvoiceLifecycle::voidGivesBackBalanceAndCredits()
{
    const QString c = f.customer(QStringLiteral("vb"));
    LedgerService ledger(*f.file, f.clock);
    ledger.adjustBalance(c, Decimal(-25), QStringLiteral("owed from the old system"));
    ledger.addCredits(c, Decimal(100), Decimal(1), QDate(2025, 1, 1), std::nullopt, QStringLiteral("prepaid"));
    f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    InvoiceService service(*f.file, f.clock);
    const Invoice issued = service.issue(f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1)).id);
    // The 25.00 owed is added to the invoice; credits pay 100 of the 335.00.
    QCOMPARE(moneyText(issued.amountDue, QStringLiteral("USD")), QStringLiteral("235.00"));
    QCOMPARE(moneyText(ledger.balance(c).balance, QStringLiteral("USD")), QStringLiteral("0.00"));
    service.voidInvoice(issued.id, QStringLiteral("customer left before the start"));
    QCOMPARE(moneyText(ledger.balance(c).balance, QStringLiteral("USD")), QStringLiteral("-25.00"));
    QCOMPARE(moneyText(ledger.credits(c).first().remaining, QStringLiteral("USD")), QStringLiteral("100.00"));
    // The ledger keeps every step: adjustment, added to invoice, reversal.
    QStringList causes;
    for (const BalanceEntryRecord &e : ledger.balance(c).entries)
        causes << e.cause;
    QCOMPARE(causes, (QStringList{"manual_adjustment", "added_to_invoice", "void_reversal"}));
}

void TestInvoiceLifecycle::paymentsPartialAndOver()
{
    InvoiceService service(*f.file, f.clock);
    const Invoice inv = issuedFlat(QStringLiteral("p"));
    const Payment first = service.pay(inv.id, Decimal(100), QDate(2026, 1, 5), QStringLiteral("bank"), QStringLiteral("TX-1"));
    QCOMPARE(service.get(inv.id).status, InvoiceStatus::Issued);
    QCOMPARE(moneyText(service.get(inv.id).amountRemaining(), QStringLiteral("USD")), QStringLiteral("210.00"));
    // The same payment reported twice is recorded once.
    QCOMPARE(service.pay(inv.id, Decimal(100), QDate(2026, 1, 5), QStringLiteral("bank"), QStringLiteral("TX-1")).id, first.id);
    QVERIFY_SERVICE_ERROR(service.pay(inv.id, Decimal(99), QDate(2026, 1, 5), QStringLiteral("bank"), QStringLiteral("TX-1")), ServiceError::Kind::Conflict);
    QCOMPARE(service.payments(inv.id).size(), 1);
    service.pay(inv.id, Decimal(300), QDate(2026, 1, 6));
    const Invoice paid = service.get(inv.id);
    QCOMPARE(paid.status, InvoiceStatus::Paid);
    QCOMPARE(moneyText(paid.amountPaid, QStringLiteral("USD")), QStringLiteral("310.00"));
    QCOMPARE(moneyText(LedgerService(*f.file, f.clock).balance(inv.customerId).balance, QStringLiteral("USD")), QStringLiteral("90.00"));
}

void TestInvoiceLifecycle::creditNotes()
{
    InvoiceService service(*f.file, f.clock);
    const Invoice inv = issuedFlat(QStringLiteral("cn"));
    // Over the line's total: refused, nothing stored.
    QVERIFY_SERVICE_ERROR(service.createCreditNote(inv.id, {{0, Decimal(311)}}, QStringLiteral("too much"), QStringLiteral("adjustment")),
                          ServiceError::Kind::InvalidInput);
    QVERIFY_SERVICE_ERROR(service.createCreditNote(inv.id, {{3, Decimal(1)}}, QStringLiteral("no such line"), QStringLiteral("adjustment")),
                          ServiceError::Kind::InvalidInput);
    QVERIFY_SERVICE_ERROR(service.createCreditNote(inv.id, {{0, Decimal(1)}}, QString(), QStringLiteral("adjustment")), ServiceError::Kind::InvalidInput);
    QCOMPARE(service.creditNotes().size(), 0);
    // On an unpaid invoice the credit reduces what is owed.
    const CreditNote first = service.createCreditNote(inv.id, {{0, Decimal(10)}}, QStringLiteral("outage"), QStringLiteral("adjustment"));
    QCOMPARE(first.number, QStringLiteral("NW-CN-000001"));
    QCOMPARE(moneyText(service.get(inv.id).amountRemaining(), QStringLiteral("USD")), QStringLiteral("300.00"));
    service.markPaid(inv.id, QDate(2026, 1, 10));
    // On a paid invoice an adjustment goes to the balance; a refund is paid back outside.
    service.createCreditNote(inv.id, {{0, Decimal(50)}}, QStringLiteral("discount agreed"), QStringLiteral("adjustment"));
    QCOMPARE(moneyText(LedgerService(*f.file, f.clock).balance(inv.customerId).balance, QStringLiteral("USD")), QStringLiteral("50.00"));
    const CreditNote refund = service.createCreditNote(inv.id, {}, QStringLiteral("cancelled"), QStringLiteral("refund"));
    QCOMPARE(moneyText(refund.total, QStringLiteral("USD")), QStringLiteral("250.00")); // what was left on the line
    QCOMPARE(refund.number, QStringLiteral("NW-CN-000003"));
    QCOMPARE(moneyText(LedgerService(*f.file, f.clock).balance(inv.customerId).balance, QStringLiteral("USD")), QStringLiteral("50.00"));
    QVERIFY_SERVICE_ERROR(service.createCreditNote(inv.id, {}, QStringLiteral("again"), QStringLiteral("refund")), ServiceError::Kind::Conflict);
}

void TestInvoiceLifecycle::taxesPerRate()
{
    BillingSetupService setup(*f.file, f.clock);
    const QString c = f.customer(QStringLiteral("t"));
    setup.createTaxRate(QStringLiteral("State"), QStringLiteral("6.25"));
    setup.createTaxRate(QStringLiteral("City"), QStringLiteral("2%"));
    setup.assignTaxRate(QStringLiteral("State"), c, {});
    setup.assignTaxRate(QStringLiteral("City"), {}, QStringLiteral("Seats"));
    QVERIFY_SERVICE_ERROR(setup.createTaxRate(QStringLiteral("Bad"), QStringLiteral("101")), ServiceError::Kind::InvalidInput);
    QVERIFY_SERVICE_ERROR(setup.assignTaxRate(QStringLiteral("State"), c, {}), ServiceError::Kind::Conflict);
    f.subscribe(c, QStringLiteral("metered"), QDate(2026, 1, 1));
    for (int i = 0; i < 3; ++i)
        f.call(QStringLiteral("t"), at(2026, 1, 3, i), QStringLiteral("t%1").arg(i));
    f.run(at(2026, 2, 2));
    // Seats 50.00: State 3.125 → 3.13, City 1.00. Calls 1.50: State 0.09375 → 0.09.
    const Invoice seats = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1));
    QCOMPARE(moneyText(seats.taxTotal, seats.currency), QStringLiteral("4.13"));
    QCOMPARE(moneyText(seats.total, seats.currency), QStringLiteral("54.13"));
    const QJsonArray taxes = seats.document.value(QStringLiteral("tax_amounts")).toArray();
    QCOMPARE(taxes.size(), 2);
    const Invoice calls = f.only(c, QStringLiteral("in_arrears"), QDate(2026, 1, 1));
    QCOMPARE(moneyText(calls.taxTotal, calls.currency), QStringLiteral("0.09"));
}

void TestInvoiceLifecycle::couponDurationAndRedemptions()
{
    BillingSetupService setup(*f.file, f.clock);
    setup.createCoupon(QStringLiteral("LAUNCH20"), QStringLiteral("percentage"), QStringLiteral("20%"), 2, 1);
    const QString c = f.customer(QStringLiteral("k"));
    SubscriptionDraft d;
    d.customer = c;
    d.plan = QStringLiteral("flat");
    d.startDate = QDate(2026, 1, 1);
    d.coupon = QStringLiteral("LAUNCH20");
    SubscriptionService(*f.file, f.clock).create(d);
    d.customer = f.customer(QStringLiteral("k2"));
    QVERIFY_SERVICE_ERROR(SubscriptionService(*f.file, f.clock).create(d), ServiceError::Kind::InvalidInput);
    f.run(at(2026, 3, 1));
    QCOMPARE(f.summary(c), (QStringList{"in_advance 2026-01-01 2026-02-01 248.00 draft", "in_advance 2026-02-01 2026-03-01 248.00 draft",
                                        "in_advance 2026-03-01 2026-04-01 310.00 draft"}));
    QCOMPARE(setup.coupon(QStringLiteral("LAUNCH20")).redemptions, 1);

    // An amount off is taken once a period: from the seats billed in advance, not again from
    // the calls billed in arrears.
    setup.createCoupon(QStringLiteral("TEN"), QStringLiteral("amount"), QStringLiteral("10.00"), std::nullopt, std::nullopt);
    const QString m = f.customer(QStringLiteral("am"));
    d.customer = m;
    d.plan = QStringLiteral("metered");
    d.coupon = QStringLiteral("TEN");
    SubscriptionService(*f.file, f.clock).create(d);
    for (int i = 0; i < 4; ++i)
        f.call(QStringLiteral("am"), at(2026, 1, 2, i), QStringLiteral("am%1").arg(i));
    f.run(at(2026, 2, 2));
    QCOMPARE(moneyText(f.only(m, QStringLiteral("in_advance"), QDate(2026, 1, 1)).total, QStringLiteral("USD")), QStringLiteral("40.00"));
    QCOMPARE(moneyText(f.only(m, QStringLiteral("in_arrears"), QDate(2026, 1, 1)).total, QStringLiteral("USD")), QStringLiteral("2.00"));
}

void TestInvoiceLifecycle::oneOffInvoice()
{
    InvoiceService service(*f.file, f.clock);
    const QString c = f.customer(QStringLiteral("o"));
    QVERIFY_SERVICE_ERROR(service.createOneOff(c, {}, std::nullopt, {}, std::nullopt), ServiceError::Kind::InvalidInput);
    QVERIFY_SERVICE_ERROR(service.createOneOff(QStringLiteral("nobody"), {{QStringLiteral("x"), Decimal(1), Decimal(1), {}}}, std::nullopt, {}, std::nullopt),
                          ServiceError::Kind::NotFound);
    const Invoice inv = service.createOneOff(
        c,
        {{QStringLiteral("Onboarding"), Decimal(3), Decimal::parse("150.00"), {}}, {QStringLiteral("Training day"), Decimal(1), Decimal::parse("899.99"), {}}},
        QDate(2026, 1, 20), QStringLiteral("Thank you"), 7);
    QCOMPARE(inv.kind, InvoiceKind::OneOff);
    QCOMPARE(moneyText(inv.total, inv.currency), QStringLiteral("1349.99"));
    const Invoice issued = service.issue(inv.id);
    QCOMPARE(issued.dueDate, QDate(2026, 1, 27));
    QCOMPARE(issued.toJson().value(QStringLiteral("line_items")).toArray().size(), 2);
}

void TestInvoiceLifecycle::restoreDraftPutsTheSameDraftBack()
{
    InvoiceService service(*f.file, f.clock);
    const QString c = f.customer(QStringLiteral("u"));
    f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    f.run(at(2026, 1, 1));
    const Invoice draft = f.only(c, QStringLiteral("in_advance"), QDate(2026, 1, 1));
    service.deleteDraft(draft.id);
    QVERIFY_SERVICE_ERROR(service.get(draft.id), ServiceError::Kind::NotFound);

    // The undo of a delete: the very same draft, and an audit entry saying so.
    service.restoreDraft(draft);
    QCOMPARE(service.get(draft.id).toJson(), draft.toJson());
    const QList<AuditEntry> trail = AuditLog(f.file->db()).forObject(QStringLiteral("invoice"), draft.id);
    QVERIFY(!trail.isEmpty());
    QCOMPARE(trail.last().action, QStringLiteral("invoice.restore_draft"));
    QCOMPARE(trail.last().after, std::optional<QJsonObject>(draft.toJson()));

    // Already back (or composed again by a run): refused, nothing written twice.
    QVERIFY_SERVICE_ERROR(service.restoreDraft(draft), ServiceError::Kind::Conflict);
    service.deleteDraft(draft.id);
    f.run(at(2026, 1, 1));
    QVERIFY_SERVICE_ERROR(service.restoreDraft(draft), ServiceError::Kind::Conflict);
    // Only drafts come back.
    Invoice issued = draft;
    issued.status = InvoiceStatus::Issued;
    QVERIFY_SERVICE_ERROR(service.restoreDraft(issued), ServiceError::Kind::InvalidInput);
}

void TestInvoiceLifecycle::auditTrailCoversEveryChange()
{
    InvoiceService service(*f.file, f.clock);
    const Invoice inv = issuedFlat(QStringLiteral("au"));
    service.pay(inv.id, Decimal(10), QDate(2026, 1, 2));
    service.createCreditNote(inv.id, {{0, Decimal(5)}}, QStringLiteral("sorry"), QStringLiteral("adjustment"));
    QStringList actions;
    for (const AuditEntry &e : AuditLog(f.file->db()).forObject(QStringLiteral("invoice"), inv.id))
        actions << e.action;
    QCOMPARE(actions, (QStringList{"invoice.issue", "invoice.payment", "invoice.credit"}));
    QVERIFY(AuditLog(f.file->db()).verify().ok);
}

namespace {

int countStep(void *steps)
{
    ++*static_cast<qint64 *>(steps);
    return 0;
}

/// The virtual-machine instructions SQLite runs for `work`: the rows it reads and writes,
/// counted exactly and free of the machine's speed.
qint64 sqliteSteps(const Database &db, const std::function<void()> &work)
{
    qint64 steps = 0;
    struct Counting {
        sqlite3 *h;
        Counting(sqlite3 *handle, qint64 *steps) : h(handle) { sqlite3_progress_handler(h, 1, countStep, steps); }
        ~Counting() { sqlite3_progress_handler(h, 0, nullptr, nullptr); } // also when `work` throws
    } counting(db.sqliteHandle(), &steps);
    work();
    return steps;
}

} // namespace

void TestInvoiceLifecycle::issuingCostDoesNotGrowWithTheCompany()
{
    ORB_SQLITE_ONLY("the cost is counted in SQLite's virtual machine steps");
    // Issuing one invoice must read the same rows whether 10 or 120 were issued before it
    // (and sit in the Stripe outbox, waiting for a sync): a look-up that reads every earlier
    // invoice, entry or queued item makes `issue --all-due` quadratic.
    InvoiceService service(*f.file, f.clock);
    QStringList customers;
    for (int n = 0; n < 130; ++n) {
        customers << f.customer(QStringLiteral("g%1").arg(n, 3, 10, QLatin1Char('0')));
        f.subscribe(customers.last(), QStringLiteral("flat"), QDate(2026, 1, 1));
    }
    f.run(at(2026, 1, 1));
    const auto draftOf = [&](int n) { return f.only(customers[n], QStringLiteral("in_advance"), QDate(2026, 1, 1)).id; };
    for (int n = 0; n < 10; ++n)
        service.issue(draftOf(n));
    const QString early = draftOf(10);
    const qint64 atTen = sqliteSteps(f.file->db(), [&] { service.issue(early); });
    for (int n = 11; n < 129; ++n)
        service.issue(draftOf(n));
    const QString late = draftOf(129);
    const qint64 atHundredTwenty = sqliteSteps(f.file->db(), [&] { service.issue(late); });
    QVERIFY(atTen > 0);
    QCOMPARE(atHundredTwenty, atTen);
    QCOMPARE(service.get(late).invoiceNumber, QStringLiteral("NW-000130"));
}

void TestInvoiceLifecycle::batchIssueKeepsNumbersChainOutboxAndSeals()
{
    // issueAll writes each invoice as its change from the draft (only the columns that issuing
    // changes, the lines in their rows): the stored invoice and lines must still be exactly the
    // issued ones, numbered without gaps after those issued before, each audited and queued for
    // Stripe once, with the audit chain and the row seals intact.
    InvoiceService service(*f.file, f.clock);
    LedgerService ledger(*f.file, f.clock);
    QStringList customers;
    for (int n = 0; n < 24; ++n) {
        customers << f.customer(QStringLiteral("batch%1").arg(n, 2, 10, QLatin1Char('0')));
        f.subscribe(customers.last(), QStringLiteral("flat"), QDate(2026, 1, 1));
        if (n % 3 == 1) // prepaid credits change the lines' amounts at issue
            ledger.addCredits(customers.last(), Decimal(40), Decimal(1), QDate(2025, 12, 1), std::nullopt, QStringLiteral("prepaid"));
        if (n % 4 == 2) // a balance changes what is due
            ledger.adjustBalance(customers.last(), Decimal(25), QStringLiteral("goodwill"));
    }
    f.run(at(2026, 1, 1));
    const Invoice first = service.issue(f.only(customers[0], QStringLiteral("in_advance"), QDate(2026, 1, 1)).id);
    QCOMPARE(first.invoiceNumber, QStringLiteral("NW-000001"));
    Database &db = f.file->db();
    const auto lineRows = [&] {
        QHash<QString, qint64> rows;
        if (db.isServer())
            return rows; // a server's rows have no stable physical id: an UPDATE writes a new row version
        QSqlQuery q = db.exec(QStringLiteral("SELECT invoice_id, position, rowid FROM invoice_lines"));
        while (q.next())
            rows.insert(q.value(0).toString() + QLatin1Char('/') + q.value(1).toString(), q.value(2).toLongLong());
        return rows;
    };
    const QHash<QString, qint64> rowsBefore = lineRows();

    const QList<Invoice> issued = service.issueAll(QDate(2026, 1, 1));
    QCOMPARE(issued.size(), 23);
    bool someLinesChanged = false;
    for (int n = 0; n < issued.size(); ++n) {
        const Invoice &inv = issued[n];
        QCOMPARE(inv.invoiceNumber, QStringLiteral("NW-%1").arg(n + 2, 6, 10, QLatin1Char('0')));
        QVERIFY(inv.status == InvoiceStatus::Issued || inv.status == InvoiceStatus::Paid);
        QCOMPARE(service.get(inv.id).toJson(), inv.toJson());
        // The lines table says what the document says.
        const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
        QSqlQuery q = db.exec(QStringLiteral("SELECT position, amount, tax_total, total FROM invoice_lines WHERE invoice_id = ? ORDER BY position"), {inv.id});
        int count = 0;
        while (q.next()) {
            const QJsonObject l = lines.at(count).toObject();
            QCOMPARE(q.value(0).toInt(), count);
            QCOMPARE(q.value(1).toString(), l.value(QStringLiteral("amount")).toString());
            QCOMPARE(q.value(2).toString(), l.value(QStringLiteral("tax_total")).toString());
            QCOMPARE(q.value(3).toString(), l.value(QStringLiteral("total")).toString());
            someLinesChanged = someLinesChanged || l.value(QStringLiteral("credits_applied")).toString() != QLatin1String("0.00");
            ++count;
        }
        QCOMPARE(count, int(lines.size()));
        QVERIFY(count > 0);
        QCOMPARE(AuditLog(db).forObject(QStringLiteral("invoice"), inv.id).size(), 1);
    }
    QVERIFY(someLinesChanged);
    // Every line kept its row: issuing rewrote them in place.
    QCOMPARE(lineRows(), rowsBefore);
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(DISTINCT invoice_number) FROM invoices WHERE invoice_number IS NOT NULL")).toInt(), 24);
    QCOMPARE(db.scalar(QStringLiteral("SELECT MAX(invoice_number) FROM invoices")).toString(), QStringLiteral("NW-000024"));
    QCOMPARE(service.nextInvoiceNumber(), QStringLiteral("NW-000025"));
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM sync_outbox WHERE object_type = 'invoice' AND action = 'push' AND state = 'pending'")).toInt(), 24);
    // The amounts kept by the invoice table (its sort columns) follow the issued amounts.
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE status = 'paid' AND remaining_minor <> 0")).toInt(), 0);
    const AuditVerification chain = AuditLog(db).verify();
    QVERIFY2(chain.ok, qPrintable(chain.problem));
    if (!db.isServer()) { // row seals are the company file's (a server keeps rows by its grants)
        const SealReport seals = RowSeals::verify(db);
        QCOMPARE(seals.problems, qint64(0));
    }
}

QTEST_GUILESS_MAIN(TestInvoiceLifecycle)
#include "tst_invoicelifecycle.moc"
