// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/DemoCompany.h"
#include "models/InvoiceTableModel.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "ui/dialogs/InvoiceRunDialog.h"
#include "ui/dialogs/PaymentDialog.h"
#include "ui/screens/InvoicesScreen.h"
#include "ui/widgets/InvoiceDetailView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

namespace {

/// With ORB_DIALOG_SHOTS=DIR set, saves a picture of a dialog there (to look at by hand).
void saveShot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORB_DIALOG_SHOTS");
    if (dir.isEmpty())
        return;
    w.show();
    QCoreApplication::processEvents();
    w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// Answers the next modal message box named `name` by clicking its button `buttonName` (empty:
/// Cancel) with the mouse, and keeps the text it showed.
void answerBox(const QString &name, const QString &buttonName, QString *text)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name)
            return;
        timer->stop();
        timer->deleteLater();
        *text = box->text();
        QAbstractButton *button = buttonName.isEmpty() ? box->button(QMessageBox::Cancel) : box->findChild<QPushButton *>(buttonName);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    timer->start();
}

} // namespace

/// The Invoices screen over the demo company with two subscriptions invoiced by a run:
/// filters, sorting, the detail view, issue, pay, void, credit note, delete with undo, and
/// the invoice run dialog (preview stores nothing, run stores, on a worker thread).
class TestInvoicesScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listsFiltersAndSorts();
    void issuePayCreditVoid();
    void paymentDialogRefusesBadInput();
    void deleteDraftUndoRedo();
    void invoiceRunPreviewThenRun();
    void exportWaitsForTheDocumentsCapability();
    void invoiceRunReportsWhatItCannotBill();

private:
    int count(const QString &status) const;
    int rowWithStatus(InvoicesScreen &screen, const QString &status) const;

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(20, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestInvoicesScreen::initTestCase()
{
    m_file = DemoCompany::create(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
    SubscriptionService subs(*m_file, m_clock);
    SubscriptionDraft d;
    d.customer = QStringLiteral("acme");
    d.plan = QStringLiteral("growth");
    d.startDate = QDate(2025, 12, 1);
    d.alignment = QStringLiteral("first_of_month");
    subs.create(d);
    d.customer = QStringLiteral("kestrel");
    d.plan = QStringLiteral("starter");
    subs.create(d);
    InvoiceRunOptions o;
    o.asOf = QDateTime(QDate(2026, 3, 1), QTime(19, 0), Qt::UTC);
    QVERIFY(InvoiceRunService(*m_file, m_clock).run(o).created > 4);
}

int TestInvoicesScreen::count(const QString &status) const
{
    InvoiceFilter f;
    f.status = status;
    return int(InvoiceService(*m_file, m_clock).list(f).size());
}

int TestInvoicesScreen::rowWithStatus(InvoicesScreen &screen, const QString &status) const
{
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        if (screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole).toString() == status)
            return r;
    return -1;
}

void TestInvoicesScreen::listsFiltersAndSorts()
{
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QAbstractItemModelTester tester(screen.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The list is read in the background; the count says so meanwhile.
    QVERIFY(screen.model()->isLoading());
    QCOMPARE(screen.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text(), QStringLiteral("Loading…"));
    QTRY_VERIFY(!screen.model()->isLoading());
    const int all = screen.model()->rowCount();
    QCOMPARE(all, count({}));
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text().contains(QString::number(all)));

    auto *status = screen.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(QStringLiteral("draft")));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    QCOMPARE(screen.model()->rowCount(), count(QStringLiteral("draft")));

    status->setCurrentIndex(0);
    screen.findChild<QLineEdit *>(QStringLiteral("customerFilter"))->setText(QStringLiteral("kestrel"));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    QVERIFY(screen.model()->rowCount() > 0 && screen.model()->rowCount() < all);
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        QCOMPARE(screen.model()->index(r, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Kestrel Security Inc."));

    screen.findChild<QLineEdit *>(QStringLiteral("customerFilter"))->clear();
    screen.findChild<QLineEdit *>(QStringLiteral("fromFilter"))->setText(QStringLiteral("2026-02-01"));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        QVERIFY(screen.model()->index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate() >= QDate(2026, 2, 1));
    screen.findChild<QLineEdit *>(QStringLiteral("fromFilter"))->setText(QStringLiteral("February"));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QVERIFY(!screen.model()->isLoading()); // a bad date starts no load
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text().contains(QStringLiteral("not a date")));
    screen.findChild<QLineEdit *>(QStringLiteral("fromFilter"))->clear();
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    QCOMPARE(screen.model()->rowCount(), all);

    // Sorting by a header is SQL: totals come out in numeric order, not text order.
    auto *table = screen.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    table->sortByColumn(InvoiceTableModel::Total, Qt::AscendingOrder);
    QTRY_VERIFY(!screen.model()->isLoading());
    for (int r = 1; r < screen.model()->rowCount(); ++r) {
        const Decimal a = Decimal::parse(screen.model()->index(r - 1, InvoiceTableModel::Total).data(InvoiceTableModel::RawValueRole).toString());
        const Decimal b = Decimal::parse(screen.model()->index(r, InvoiceTableModel::Total).data(InvoiceTableModel::RawValueRole).toString());
        QVERIFY2(a <= b, qPrintable(QStringLiteral("row %1: %2 > %3").arg(r).arg(a.toString(), b.toString())));
    }
    table->sortByColumn(InvoiceTableModel::InvoiceDate, Qt::DescendingOrder);
    QTRY_VERIFY(!screen.model()->isLoading());
    for (int r = 1; r < screen.model()->rowCount(); ++r)
        QVERIFY(screen.model()->index(r - 1, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate()
                >= screen.model()->index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate());

    // The detail view shows the selected invoice's lines and sub-lines.
    table->selectRow(0);
    auto *detail = screen.findChild<InvoiceDetailView *>(QStringLiteral("invoiceDetail"));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("Subtotal")));
    QVERIFY(detail->toPlainText().contains(screen.model()->index(0, InvoiceTableModel::Customer).data().toString()));
}

void TestInvoicesScreen::issuePayCreditVoid()
{
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QTRY_VERIFY(!screen.model()->isLoading());
    QSignalSpy changed(&screen, &InvoicesScreen::invoicesChanged);
    auto *table = screen.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    auto *issue = screen.findChild<QPushButton *>(QStringLiteral("issueButton"));
    auto *pay = screen.findChild<QPushButton *>(QStringLiteral("payButton"));
    auto *credit = screen.findChild<QPushButton *>(QStringLiteral("creditButton"));
    QVERIFY(!issue->isEnabled());

    // Issue the first draft with a non-zero total.
    int row = -1;
    for (int r = 0; r < screen.model()->rowCount() && row < 0; ++r)
        if (screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole) == QStringLiteral("draft")
            && screen.model()->index(r, InvoiceTableModel::Total).data(InvoiceTableModel::RawValueRole).toString() != QStringLiteral("0.00"))
            row = r;
    QVERIFY(row >= 0);
    table->selectRow(row);
    const QString id = screen.selectedId();
    QVERIFY(issue->isEnabled());
    QVERIFY(!pay->isEnabled());
    // Issuing asks first; Cancel leaves the draft a draft and takes no number.
    const QString next = InvoiceService(*m_file, m_clock).nextInvoiceNumber();
    const Invoice draft = InvoiceService(*m_file, m_clock).get(id);
    QString asked;
    answerBox(QStringLiteral("issueConfirmation"), QString(), &asked);
    QTest::mouseClick(issue, Qt::LeftButton);
    QVERIFY(!asked.isEmpty());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, QStringLiteral("draft"));
    QCOMPARE(InvoiceService(*m_file, m_clock).nextInvoiceNumber(), next);
    QCOMPARE(changed.count(), 0);
    // The question names the number the invoice will get, the customer and the amount.
    const QString customerName = screen.model()->index(table->selectionModel()->selectedRows().first().row(), InvoiceTableModel::Customer).data().toString();
    QVERIFY2(asked.contains(next), qPrintable(asked));
    QVERIFY2(asked.contains(customerName.toHtmlEscaped()), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("%1 %2").arg(moneyText(draft.total, draft.currency), draft.currency)), qPrintable(asked));
    QVERIFY(asked.contains(QStringLiteral("for good")));
    asked.clear();
    answerBox(QStringLiteral("issueConfirmation"), QStringLiteral("confirmIssueButton"), &asked);
    QTest::mouseClick(issue, Qt::LeftButton);
    QVERIFY(asked.contains(next));
    QCOMPARE(screen.selectedId(), id);
    const Invoice issued = InvoiceService(*m_file, m_clock).get(id);
    QCOMPARE(issued.status, QStringLiteral("issued"));
    QCOMPARE(issued.invoiceNumber, next);
    const int selected = table->selectionModel()->selectedRows().first().row();
    QCOMPARE(screen.model()->index(selected, InvoiceTableModel::Number).data().toString(), issued.invoiceNumber);
    QVERIFY(screen.findChild<InvoiceDetailView *>()->toPlainText().contains(issued.invoiceNumber));
    QVERIFY(pay->isEnabled() && credit->isEnabled() && !issue->isEnabled());
    QCOMPARE(changed.count(), 1);

    // Issuing twice is refused in plain words and changes nothing.
    QVERIFY(screen.issueSelected().contains(QStringLiteral("issued")));

    // A partial payment, then the rest.
    const Decimal remaining = issued.amountRemaining();
    QCOMPARE(screen.paySelected(Decimal::parse("1.00"), QDate(2026, 3, 1), QStringLiteral("manual"), QStringLiteral("bank-1"), {}), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).amountRemaining(), remaining - Decimal(1));
    QCOMPARE(screen.paySelected(remaining - Decimal(1), QDate(2026, 3, 1), QStringLiteral("manual"), QStringLiteral("bank-2"), {}), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, QStringLiteral("paid"));
    QVERIFY(screen.findChild<InvoiceDetailView *>()->toPlainText().contains(QStringLiteral("bank-2")));
    // A paid invoice cannot be voided: the message says why.
    QVERIFY(!screen.voidSelected(QStringLiteral("mistake")).isEmpty());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, QStringLiteral("paid"));

    // A credit note on the paid invoice (all that is left).
    QCOMPARE(screen.creditSelected({}, QStringLiteral("duplicate"), QStringLiteral("adjustment"), {}), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).creditNotes(id).size(), 1);
    QVERIFY(screen.findChild<InvoiceDetailView *>()->toPlainText().contains(QStringLiteral("Credit notes")));
    saveShot(screen, QStringLiteral("invoice-paid-credited"));
    QVERIFY(!screen.creditSelected({}, QString(), QStringLiteral("adjustment"), {}).isEmpty()); // no reason

    // Issue another draft and void it.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, QStringLiteral("draft")));
    const QString second = screen.selectedId();
    QCOMPARE(screen.issueSelected(), QString());
    QCOMPARE(screen.voidSelected(QStringLiteral("entered twice")), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(second).status, QStringLiteral("void"));
    QVERIFY(!screen.findChild<QPushButton *>(QStringLiteral("voidButton"))->isEnabled());

    // Overdue: issued invoices past due on the company's today.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, QStringLiteral("draft")));
    const QString third = screen.selectedId();
    QCOMPARE(screen.issueSelected(), QString());
    screen.showOverdue();
    QTRY_VERIFY(!screen.model()->isLoading());
    const QDate today = QDate(2026, 3, 1);
    for (int r = 0; r < screen.model()->rowCount(); ++r) {
        QCOMPARE(screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole).toString(), QStringLiteral("issued"));
        QVERIFY(screen.model()->index(r, InvoiceTableModel::DueDate).data(InvoiceTableModel::RawValueRole).toDate() < today);
    }
    const bool thirdOverdue = InvoiceService(*m_file, m_clock).get(third).isOverdue(today);
    QCOMPARE(screen.model()->rowOf(third) >= 0, thirdOverdue);
}

void TestInvoicesScreen::paymentDialogRefusesBadInput()
{
    PaymentDialog dialog(QStringLiteral("NW-000001"), QStringLiteral("10.00"), QStringLiteral("USD"), QDate(2026, 3, 1));
    dialog.findChild<QLineEdit *>(QStringLiteral("paymentAmount"))->setText(QStringLiteral("ten"));
    dialog.findChild<QLineEdit *>(QStringLiteral("paymentDate"))->setText(QStringLiteral("2026-02-30"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    const QString error = dialog.findChild<QLabel *>(QStringLiteral("paymentError"))->text();
    QVERIFY(error.contains(QStringLiteral("ten")));
    QVERIFY(error.contains(QStringLiteral("2026-02-30")));
    dialog.findChild<QLineEdit *>(QStringLiteral("paymentAmount"))->setText(QStringLiteral("4.50"));
    dialog.findChild<QLineEdit *>(QStringLiteral("paymentDate"))->setText(QStringLiteral("2026-02-28"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.amount(), Decimal::parse("4.50"));
    QCOMPARE(dialog.paidOn(), QDate(2026, 2, 28));
}

void TestInvoicesScreen::deleteDraftUndoRedo()
{
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QTRY_VERIFY(!screen.model()->isLoading());
    auto *table = screen.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    const int drafts = count(QStringLiteral("draft"));
    QVERIFY(drafts > 0);
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, QStringLiteral("draft")));
    const QString id = screen.selectedId();
    const Invoice before = InvoiceService(*m_file, m_clock).get(id);
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("deleteDraftButton")), Qt::LeftButton);
    QCOMPARE(count(QStringLiteral("draft")), drafts - 1);
    QTRY_COMPARE(screen.model()->rowOf(id), -1);
    QCOMPARE(undo.count(), 1);

    undo.undo();
    QCOMPARE(count(QStringLiteral("draft")), drafts);
    const Invoice back = InvoiceService(*m_file, m_clock).get(id);
    QCOMPARE(back.identity, before.identity);
    QCOMPARE(back.total, before.total);
    QTRY_VERIFY(screen.model()->rowOf(id) >= 0);

    undo.redo();
    QCOMPARE(count(QStringLiteral("draft")), drafts - 1);
    undo.undo();
    QCOMPARE(count(QStringLiteral("draft")), drafts);

    // An issued invoice is not deleted, and nothing goes on the undo stack.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, QStringLiteral("issued")));
    QVERIFY(!screen.deleteSelectedDraft().isEmpty());
    QCOMPARE(undo.count(), 1);
}

void TestInvoicesScreen::invoiceRunPreviewThenRun()
{
    InvoiceRunDialog dialog(*m_file, m_clock);
    QSignalSpy finished(&dialog, &InvoiceRunDialog::finished);
    QSignalSpy changed(&dialog, &InvoiceRunDialog::invoicesChanged);
    dialog.findChild<QDateEdit *>(QStringLiteral("runAsOf"))->setDate(QDate(2026, 5, 2));
    const int before = count({});
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runPreviewButton")), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(dialog.lastError(), QString());
    const int wouldCreate = dialog.summary().created;
    QVERIFY(wouldCreate > 0);
    QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("runInvoices"))->rowCount(), int(dialog.summary().invoices.size()));
    saveShot(dialog, QStringLiteral("invoice-run-preview"));
    QCOMPARE(count({}), before); // the preview stored nothing
    QCOMPARE(changed.count(), 0);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().first().toBool(), false);
    QCOMPARE(dialog.summary().created, wouldCreate);
    QCOMPARE(count({}), before + wouldCreate);
    QCOMPARE(changed.count(), 1);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("runStatus"))->text().contains(QString::number(wouldCreate)));

    // A second run as of the same date creates nothing twice.
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(dialog.summary().created, 0);
    QCOMPARE(count({}), before + wouldCreate);
}

void TestInvoicesScreen::exportWaitsForTheDocumentsCapability()
{
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QTRY_VERIFY(!screen.model()->isLoading());
    auto *table = screen.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    auto *exportButton = screen.findChild<QPushButton *>(QStringLiteral("exportPdfButton"));
    table->selectRow(0);
    QVERIFY(!exportButton->isEnabled()); // nobody listens yet
    QSignalSpy spy(&screen, &InvoicesScreen::exportPdfRequested);
    table->clearSelection();
    table->selectRow(0);
    QVERIFY(exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().toString(), screen.selectedId());
}

// One subscription that cannot be billed (its customer's zone damaged in the file) is listed
// under the run's summary, and every other subscription is billed.
void TestInvoicesScreen::invoiceRunReportsWhatItCannotBill()
{
    Customer broken;
    broken.name = QStringLiteral("Broken Zone Ltd");
    broken.externalCustomerId = QStringLiteral("broken-zone");
    broken.timezone = QStringLiteral("UTC");
    const QString customer = CustomerService(*m_file, m_clock).create(broken).id;
    SubscriptionDraft d;
    d.customer = customer;
    d.plan = QStringLiteral("starter");
    d.startDate = QDate(2026, 3, 1);
    const QString sub = SubscriptionService(*m_file, m_clock).create(d).id;
    m_file->db().exec(QStringLiteral("UPDATE customers SET timezone = 'Mars/Olympus_Mons' WHERE id = ?"), {customer});
    InvoiceRunDialog dialog(*m_file, m_clock);
    QSignalSpy finished(&dialog, &InvoiceRunDialog::finished);
    dialog.findChild<QDateEdit *>(QStringLiteral("runAsOf"))->setDate(QDate(2026, 6, 2));
    const int before = count({});
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(dialog.lastError(), QString());
    QVERIFY(dialog.summary().created > 0);
    QCOMPARE(count({}), before + dialog.summary().created);
    auto *failures = dialog.findChild<QLabel *>(QStringLiteral("runFailures"));
    QVERIFY(!failures->isHidden());
    QVERIFY2(failures->text().contains(sub) && failures->text().contains(QStringLiteral("Broken Zone Ltd"))
                 && failures->text().contains(QStringLiteral("Mars/Olympus_Mons")),
             qPrintable(failures->text()));
    saveShot(dialog, QStringLiteral("invoice-run-failures"));
    m_file->db().exec(QStringLiteral("UPDATE customers SET timezone = 'UTC' WHERE id = ?"), {customer});
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("runButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QVERIFY(failures->isHidden());
}

QTEST_MAIN(TestInvoicesScreen)
#include "tst_invoicesscreen.moc"
