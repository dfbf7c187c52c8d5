// SPDX-License-Identifier: GPL-3.0-or-later
// The typed states of invoices and subscription changes: each enum's stored word in both
// directions from one table, and a company file holding a word Orb does not know.
#include "BillingFixture.h"

#include "models/Database.h"
#include "models/InvoiceTableModel.h"
#include "models/billing/InvoiceRepository.h"
#include "models/billing/SubscriptionRepository.h"

#include <QSignalSpy>

using namespace orb;
using namespace orb::test;

class TestStoredEnums : public QObject
{
    Q_OBJECT

private slots:
    void init() { f.reset(); }
    void invoiceStatus_data();
    void invoiceStatus();
    void invoiceKind_data();
    void invoiceKind();
    void changeKindAndStatus_data();
    void changeKindAndStatus();
    void phaseCause_data();
    void phaseCause();
    void unknownWords();
    void unknownInvoiceStatusInFile();
    void unknownInvoiceKindInFile();
    void unknownChangeKindInFile();
    void unknownStatusInInvoiceTable();

private:
    /// Writes a word the schema's CHECK refuses, as a hand edit of the file would.
    void forceColumn(const QString &table, const QString &column, const QString &value, const QString &id);
    QString draftInvoice();

    BillingFixture f;
};

namespace {

template <typename E>
void checkRoundTrip(E value, const QString &word)
{
    QCOMPARE(toText(value), word);
    QCOMPARE(fromText<E>(word), std::optional<E>(value));
}

} // namespace

void TestStoredEnums::invoiceStatus_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("word");
    QTest::newRow("draft") << int(InvoiceStatus::Draft) << QStringLiteral("draft");
    QTest::newRow("issued") << int(InvoiceStatus::Issued) << QStringLiteral("issued");
    QTest::newRow("paid") << int(InvoiceStatus::Paid) << QStringLiteral("paid");
    QTest::newRow("void") << int(InvoiceStatus::Void) << QStringLiteral("void");
}

void TestStoredEnums::invoiceStatus()
{
    QFETCH(int, value);
    QFETCH(QString, word);
    checkRoundTrip(InvoiceStatus(value), word);
}

void TestStoredEnums::invoiceKind_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("word");
    QTest::newRow("in_advance") << int(InvoiceKind::InAdvance) << QStringLiteral("in_advance");
    QTest::newRow("in_arrears") << int(InvoiceKind::InArrears) << QStringLiteral("in_arrears");
    QTest::newRow("one_time") << int(InvoiceKind::OneTime) << QStringLiteral("one_time");
    QTest::newRow("one_off") << int(InvoiceKind::OneOff) << QStringLiteral("one_off");
}

void TestStoredEnums::invoiceKind()
{
    QFETCH(int, value);
    QFETCH(QString, word);
    checkRoundTrip(InvoiceKind(value), word);
}

void TestStoredEnums::changeKindAndStatus_data()
{
    QTest::addColumn<bool>("isKind");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("word");
    QTest::newRow("plan_change") << true << int(SubscriptionChangeKind::PlanChange) << QStringLiteral("plan_change");
    QTest::newRow("quantity_change") << true << int(SubscriptionChangeKind::QuantityChange) << QStringLiteral("quantity_change");
    QTest::newRow("cancellation") << true << int(SubscriptionChangeKind::Cancellation) << QStringLiteral("cancellation");
    QTest::newRow("scheduled") << false << int(SubscriptionChangeStatus::Scheduled) << QStringLiteral("scheduled");
    QTest::newRow("applied") << false << int(SubscriptionChangeStatus::Applied) << QStringLiteral("applied");
    QTest::newRow("unscheduled") << false << int(SubscriptionChangeStatus::Unscheduled) << QStringLiteral("unscheduled");
}

void TestStoredEnums::changeKindAndStatus()
{
    QFETCH(bool, isKind);
    QFETCH(int, value);
    QFETCH(QString, word);
    if (isKind)
        checkRoundTrip(SubscriptionChangeKind(value), word);
    else
        checkRoundTrip(SubscriptionChangeStatus(value), word);
}

void TestStoredEnums::phaseCause_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("word");
    QTest::newRow("create") << int(PhaseCause::Create) << QStringLiteral("create");
    QTest::newRow("plan_change") << int(PhaseCause::PlanChange) << QStringLiteral("plan_change");
    QTest::newRow("quantity_change") << int(PhaseCause::QuantityChange) << QStringLiteral("quantity_change");
}

void TestStoredEnums::phaseCause()
{
    QFETCH(int, value);
    QFETCH(QString, word);
    checkRoundTrip(PhaseCause(value), word);
}

void TestStoredEnums::unknownWords()
{
    // Case, spacing and the words of other enums are not guessed at.
    for (const char *word : {"", "Draft", "draft ", "overdue", "in_arrear", "cancelled", "open"})
        QVERIFY2(!fromText<InvoiceStatus>(QString::fromLatin1(word)) && !fromText<InvoiceKind>(QString::fromLatin1(word)), word);
    QVERIFY(!fromText<SubscriptionChangeKind>(QStringLiteral("create")));
    QVERIFY(!fromText<SubscriptionChangeStatus>(QStringLiteral("draft")));
    QCOMPARE(allTexts<InvoiceStatus>(), (QStringList{"draft", "issued", "paid", "void"}));
}

void TestStoredEnums::forceColumn(const QString &table, const QString &column, const QString &value, const QString &id)
{
    Database &db = f.file->db();
    db.exec(QStringLiteral("PRAGMA ignore_check_constraints = ON"));
    db.exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(table, column), {value, id});
    db.exec(QStringLiteral("PRAGMA ignore_check_constraints = OFF"));
}

QString TestStoredEnums::draftInvoice()
{
    const QString c = f.customer(QStringLiteral("acme"));
    return InvoiceService(*f.file, f.clock).createOneOff(c, {{QStringLiteral("Work"), Decimal(1), Decimal(100), {}}}, QDate(2026, 1, 1), {}, 30).id;
}

void TestStoredEnums::unknownInvoiceStatusInFile()
{
    ORB_SQLITE_ONLY("the unknown value is written past the file's CHECK constraints (PRAGMA ignore_check_constraints); a server's cannot be set aside");
    const QString id = draftInvoice();
    forceColumn(QStringLiteral("invoices"), QStringLiteral("status"), QStringLiteral("cancelled"), id);
    InvoiceRepository repo(f.file->db());
    try {
        repo.find(id);
        QFAIL("an unknown status was read as a state");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Storage);
        QVERIFY2(e.message().contains(QStringLiteral("invoices row %1").arg(id)), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("status \"cancelled\"")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("draft, issued, paid, void")), qPrintable(e.message()));
    }
    // Lifecycle actions refuse the row the same way instead of acting on a guess.
    QVERIFY_SERVICE_ERROR(InvoiceService(*f.file, f.clock).issue(id), ServiceError::Kind::Storage);
}

void TestStoredEnums::unknownInvoiceKindInFile()
{
    ORB_SQLITE_ONLY("the unknown value is written past the file's CHECK constraints (PRAGMA ignore_check_constraints); a server's cannot be set aside");
    const QString id = draftInvoice();
    forceColumn(QStringLiteral("invoices"), QStringLiteral("kind"), QStringLiteral("credit_note"), id);
    try {
        InvoiceRepository(f.file->db()).find(id);
        QFAIL("an unknown kind was read as a kind");
    } catch (const ServiceError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("invoices row %1 has the kind \"credit_note\"").arg(id)), qPrintable(e.message()));
    }
}

void TestStoredEnums::unknownChangeKindInFile()
{
    ORB_SQLITE_ONLY("the unknown value is written past the file's CHECK constraints (PRAGMA ignore_check_constraints); a server's cannot be set aside");
    const QString c = f.customer(QStringLiteral("acme"));
    const Subscription sub = f.subscribe(c, QStringLiteral("flat"), QDate(2026, 1, 1));
    const SubscriptionChange change = SubscriptionService(*f.file, f.clock).cancel(sub.id, ChangeTiming::OnDate, QDate(2026, 3, 1));
    QCOMPARE(change.kind, SubscriptionChangeKind::Cancellation);
    QCOMPARE(change.status, SubscriptionChangeStatus::Scheduled);
    forceColumn(QStringLiteral("subscription_changes"), QStringLiteral("kind"), QStringLiteral("pause"), change.id);
    try {
        SubscriptionRepository(f.file->db()).changes(sub.id);
        QFAIL("an unknown change kind was read as a kind");
    } catch (const ServiceError &e) {
        QCOMPARE(e.kind(), ServiceError::Kind::Storage);
        QVERIFY2(e.message().contains(QStringLiteral("subscription_changes row %1 has the kind \"pause\"").arg(change.id)), qPrintable(e.message()));
    }
}

void TestStoredEnums::unknownStatusInInvoiceTable()
{
    ORB_SQLITE_ONLY("the unknown value is written past the file's CHECK constraints (PRAGMA ignore_check_constraints); a server's cannot be set aside");
    const QString id = draftInvoice();
    forceColumn(QStringLiteral("invoices"), QStringLiteral("status"), QStringLiteral("cancelled"), id);
    // The table is read in the view's paint calls, where nothing may throw: the row shows the
    // stored word and has no status, so no action is offered on it.
    InvoiceTableModel model(f.file->db());
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, InvoiceTableModel::Status).data().toString(), QStringLiteral("cancelled"));
    QVERIFY(!model.index(0, 0).data(InvoiceTableModel::StatusRole).isValid());
}

QTEST_GUILESS_MAIN(TestStoredEnums)
#include "tst_storedenums.moc"
