// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "tests/ui/GuiCompany.h"
#include "models/InvoiceTableModel.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "ui/dialogs/InvoiceRunDialog.h"
#include "ui/dialogs/PaymentDialog.h"
#include "ui/screens/InvoicesScreen.h"
#include "ui/widgets/InvoiceDetailView.h"
#include "ui/widgets/OptionalDateEdit.h"
#include "ui/LocaleFormat.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QScopeGuard>
#include <QTimer>
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
    void germanPaymentIsStoredExactly();
    void deleteDraftUndoRedo();
    void invoiceRunPreviewThenRun();
    void exportWaitsForTheDocumentsCapability();
    void invoiceRunReportsWhatItCannotBill();

private:
    int count(std::optional<InvoiceStatus> status) const;
    int rowWithStatus(InvoicesScreen &screen, InvoiceStatus status) const;

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(20, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestInvoicesScreen::initTestCase()
{
    // The window's numbers and dates follow its language; these tests read them in US English.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock);
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

int TestInvoicesScreen::count(std::optional<InvoiceStatus> status) const
{
    InvoiceFilter f;
    f.status = status;
    return int(InvoiceService(*m_file, m_clock).list(f).size());
}

int TestInvoicesScreen::rowWithStatus(InvoicesScreen &screen, InvoiceStatus status) const
{
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        if (screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>() == status)
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
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text().contains(QLocale().toString(all)));

    auto *status = screen.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(int(InvoiceStatus::Draft)));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    QCOMPARE(screen.model()->rowCount(), count(InvoiceStatus::Draft));

    status->setCurrentIndex(0);
    screen.findChild<QLineEdit *>(QStringLiteral("customerFilter"))->setText(QStringLiteral("kestrel"));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    QVERIFY(screen.model()->rowCount() > 0 && screen.model()->rowCount() < all);
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        QCOMPARE(screen.model()->index(r, InvoiceTableModel::Customer).data().toString(), QStringLiteral("Kestrel Security Inc."));

    screen.findChild<QLineEdit *>(QStringLiteral("customerFilter"))->clear();
    // The date filters are date fields, empty ("any") at first; a date typed in the locale's
    // format (here M/d/yyyy) filters when the field is left with Enter.
    auto *from = screen.findChild<OptionalDateEdit *>(QStringLiteral("fromFilter"));
    auto *to = screen.findChild<OptionalDateEdit *>(QStringLiteral("toFilter"));
    QVERIFY(from && to && from->isEmpty() && to->isEmpty() && from->calendarPopup());
    QCOMPARE(from->text(), QStringLiteral("Dated from: any"));
    screen.show();
    QApplication::setActiveWindow(&screen);
    QVERIFY(QTest::qWaitForWindowActive(&screen));
    from->setFocus();
    QTest::keyClicks(from, QStringLiteral("2/1/2026"));
    QTest::keyClick(from, Qt::Key_Enter);
    QCOMPARE(from->value(), std::optional<QDate>(QDate(2026, 2, 1)));
    QTRY_VERIFY(!screen.model()->isLoading());
    QVERIFY(screen.model()->rowCount() > 0 && screen.model()->rowCount() < all);
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        QVERIFY(screen.model()->index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate() >= QDate(2026, 2, 1));
    // "To" is the last day shown: an invoice dated that day is listed.
    to->setValue(QDate(2026, 2, 28));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QTRY_VERIFY(!screen.model()->isLoading());
    for (int r = 0; r < screen.model()->rowCount(); ++r)
        QVERIFY(screen.model()->index(r, InvoiceTableModel::InvoiceDate).data(InvoiceTableModel::RawValueRole).toDate() <= QDate(2026, 2, 28));
    // Dates the wrong way round are said, and start no load.
    to->setValue(QDate(2026, 1, 1));
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("applyFilterButton")), Qt::LeftButton);
    QVERIFY(!screen.model()->isLoading());
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("invoiceCount"))->text().contains(QStringLiteral("wrong way round")));
    // Delete empties a field again: any date.
    for (OptionalDateEdit *e : {from, to}) {
        e->setFocus();
        e->selectAll();
        QTest::keyClick(e, Qt::Key_Delete);
        QVERIFY(e->isEmpty());
    }
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
        if (screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>() == InvoiceStatus::Draft
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
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, InvoiceStatus::Draft);
    QCOMPARE(InvoiceService(*m_file, m_clock).nextInvoiceNumber(), next);
    QCOMPARE(changed.count(), 0);
    // The question names the number the invoice will get, the customer and the amount.
    const QString customerName = screen.model()->index(table->selectionModel()->selectedRows().first().row(), InvoiceTableModel::Customer).data().toString();
    QVERIFY2(asked.contains(next), qPrintable(asked));
    QVERIFY2(asked.contains(customerName.toHtmlEscaped()), qPrintable(asked));
    QVERIFY2(asked.contains(LocaleFormat::money(draft.total, draft.currency)), qPrintable(asked)); // as the window writes amounts
    QVERIFY(asked.contains(QStringLiteral("for good")));
    asked.clear();
    answerBox(QStringLiteral("issueConfirmation"), QStringLiteral("confirmIssueButton"), &asked);
    QTest::mouseClick(issue, Qt::LeftButton);
    QVERIFY(asked.contains(next));
    QCOMPARE(screen.selectedId(), id);
    const Invoice issued = InvoiceService(*m_file, m_clock).get(id);
    QCOMPARE(issued.status, InvoiceStatus::Issued);
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
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, InvoiceStatus::Paid);
    QVERIFY(screen.findChild<InvoiceDetailView *>()->toPlainText().contains(QStringLiteral("bank-2")));
    // A paid invoice cannot be voided: the message says why.
    QVERIFY(!screen.voidSelected(QStringLiteral("mistake")).isEmpty());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(id).status, InvoiceStatus::Paid);

    // A credit note on the paid invoice (all that is left).
    QCOMPARE(screen.creditSelected({}, QStringLiteral("duplicate"), QStringLiteral("adjustment"), {}), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).creditNotes(id).size(), 1);
    QVERIFY(screen.findChild<InvoiceDetailView *>()->toPlainText().contains(QStringLiteral("Credit notes")));
    saveShot(screen, QStringLiteral("invoice-paid-credited"));
    QVERIFY(!screen.creditSelected({}, QString(), QStringLiteral("adjustment"), {}).isEmpty()); // no reason

    // Issue another draft and void it.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, InvoiceStatus::Draft));
    const QString second = screen.selectedId();
    QCOMPARE(screen.issueSelected(), QString());
    QCOMPARE(screen.voidSelected(QStringLiteral("entered twice")), QString());
    QCOMPARE(InvoiceService(*m_file, m_clock).get(second).status, InvoiceStatus::Void);
    QVERIFY(!screen.findChild<QPushButton *>(QStringLiteral("voidButton"))->isEnabled());

    // Overdue: issued invoices past due on the company's today.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, InvoiceStatus::Draft));
    const QString third = screen.selectedId();
    QCOMPARE(screen.issueSelected(), QString());
    screen.showOverdue();
    QTRY_VERIFY(!screen.model()->isLoading());
    const QDate today = QDate(2026, 3, 1);
    for (int r = 0; r < screen.model()->rowCount(); ++r) {
        QCOMPARE(screen.model()->index(r, 0).data(InvoiceTableModel::StatusRole).value<InvoiceStatus>(), InvoiceStatus::Issued);
        QVERIFY(screen.model()->index(r, InvoiceTableModel::DueDate).data(InvoiceTableModel::RawValueRole).toDate() < today);
    }
    const bool thirdOverdue = InvoiceService(*m_file, m_clock).get(third).isOverdue(today);
    QCOMPARE(screen.model()->rowOf(third) >= 0, thirdOverdue);
}

void TestInvoicesScreen::paymentDialogRefusesBadInput()
{
    PaymentDialog dialog(QStringLiteral("NW-000001"), Decimal::parse("1234.5"), QStringLiteral("USD"), QDate(2026, 3, 1));
    auto *amount = dialog.findChild<QLineEdit *>(QStringLiteral("paymentAmount"));
    // What remains is offered as the locale writes it, grouped, at the currency's minor digits.
    QCOMPARE(amount->text(), QStringLiteral("1,234.50"));
    QCOMPARE(dialog.findChild<QDateEdit *>(QStringLiteral("paymentDate"))->date(), QDate(2026, 3, 1));
    amount->selectAll();
    QTest::keyClicks(amount, QStringLiteral("ten"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("paymentError"))->text().contains(QStringLiteral("ten")));
    amount->selectAll();
    QTest::keyClicks(amount, QStringLiteral("4.505")); // more places than USD has
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("paymentError"))->text().contains(QStringLiteral("at most 2 decimal places")));
    amount->selectAll();
    QTest::keyClicks(amount, QStringLiteral("$1,004.50"));
    auto *date = dialog.findChild<QDateEdit *>(QStringLiteral("paymentDate"));
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    // Tab from the amount to the date, as a clerk does, and type the day.
    amount->setFocus();
    QTest::keyClick(amount, Qt::Key_Tab);
    QVERIFY(date->hasFocus());
    QTest::keyClicks(date, QStringLiteral("2/28/2026"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.amount(), Decimal::parse("1004.50"));
    QCOMPARE(dialog.paidOn(), QDate(2026, 2, 28));
}

void TestInvoicesScreen::germanPaymentIsStoredExactly()
{
    // A German clerk types "5,00": accepted, and stored as exactly 5.00 (the old dialog read
    // only "5.00" and refused it).
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const auto restore = qScopeGuard([] { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); });
    InvoiceService service(*m_file, m_clock);
    const Invoice inv = service.issue(
        service.createOneOff(QStringLiteral("acme"), {{QStringLiteral("Setup"), Decimal(1), Decimal::parse("1234.50"), {}}}, QDate(2026, 3, 1), {}, 10).id);
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QTRY_VERIFY(!screen.model()->isLoading());
    QVERIFY(screen.selectInvoice(inv.id));
    // The list shows the German amount with the currency's symbol (the one-off's 1.234,50 plus
    // Acme's tax).
    const int row = screen.model()->rowOf(inv.id);
    QCOMPARE(inv.total.toString(), QStringLiteral("1324.00"));
    QCOMPARE(screen.model()->index(row, InvoiceTableModel::Total).data().toString(), QStringLiteral("1.324,00\u00a0$"));
    QCOMPARE(screen.model()->index(row, InvoiceTableModel::InvoiceDate).data().toString(), QStringLiteral("01.03.2026"));
    QString offered;
    QString refusal;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<PaymentDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *amount = dialog->findChild<QLineEdit *>(QStringLiteral("paymentAmount"));
        offered = amount->text();
        // "5.00" is not a German amount: refused, naming the decimal mark.
        amount->selectAll();
        QTest::keyClicks(amount, QStringLiteral("5.00"));
        dialog->accept();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("paymentError"))->text();
        amount->selectAll();
        QTest::keyClicks(amount, QStringLiteral("5,00"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("payButton")), Qt::LeftButton);
    QCOMPARE(offered, LocaleFormat::amount(inv.amountRemaining(), QStringLiteral("USD"), QLocale(QLocale::German)));
    QVERIFY2(offered.contains(QLatin1Char(',')) && offered.contains(QLatin1Char('.')), qPrintable(offered)); // 1.274,88
    QVERIFY2(refusal.contains(QStringLiteral("\",\"")), qPrintable(refusal));
    const QList<Payment> payments = service.payments(inv.id);
    QCOMPARE(payments.size(), 1);
    QCOMPARE(payments.first().amount, Decimal::parse("5.00"));
    QCOMPARE(payments.first().amount.toString(), QStringLiteral("5.00"));
    QCOMPARE(service.get(inv.id).amountRemaining(), inv.amountRemaining() - Decimal::parse("5.00"));
}

void TestInvoicesScreen::deleteDraftUndoRedo()
{
    QUndoStack undo;
    InvoicesScreen screen(*m_file, m_clock, &undo);
    QTRY_VERIFY(!screen.model()->isLoading());
    auto *table = screen.findChild<QTableView *>(QStringLiteral("invoiceTable"));
    const int drafts = count(InvoiceStatus::Draft);
    QVERIFY(drafts > 0);
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, InvoiceStatus::Draft));
    const QString id = screen.selectedId();
    const Invoice before = InvoiceService(*m_file, m_clock).get(id);
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("deleteDraftButton")), Qt::LeftButton);
    QCOMPARE(count(InvoiceStatus::Draft), drafts - 1);
    QTRY_COMPARE(screen.model()->rowOf(id), -1);
    QCOMPARE(undo.count(), 1);

    undo.undo();
    QCOMPARE(count(InvoiceStatus::Draft), drafts);
    const Invoice back = InvoiceService(*m_file, m_clock).get(id);
    QCOMPARE(back.identity, before.identity);
    QCOMPARE(back.total, before.total);
    QTRY_VERIFY(screen.model()->rowOf(id) >= 0);

    undo.redo();
    QCOMPARE(count(InvoiceStatus::Draft), drafts - 1);
    undo.undo();
    QCOMPARE(count(InvoiceStatus::Draft), drafts);

    // An issued invoice is not deleted, and nothing goes on the undo stack.
    QTRY_VERIFY(!screen.model()->isLoading());
    table->selectRow(rowWithStatus(screen, InvoiceStatus::Issued));
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
