// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "tests/ui/GuiCompany.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/SubscriptionService.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/screens/CustomersScreen.h"
#include "ui/screens/DashboardScreen.h"
#include "ui/widgets/CustomerBillingView.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

/// The dashboard's figures against the invoices they summarise, and the customer screen's
/// billing pane and undoable edits.
class TestDashboardScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void figuresMatchTheInvoices();
    void failedSyncsHook();
    void customerBillingAndUndo();
    void lastRunFailuresListed();

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 20), QTime(18, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
};

void TestDashboardScreen::initTestCase()
{
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, false);
    SubscriptionDraft d;
    d.customer = QStringLiteral("acme");
    d.plan = QStringLiteral("growth");
    d.startDate = QDate(2025, 12, 1);
    d.alignment = QStringLiteral("first_of_month");
    SubscriptionService(*m_file, m_clock).create(d);
    InvoiceRunOptions o;
    o.asOf = m_clock.now();
    InvoiceRunService(*m_file, m_clock).run(o);
    InvoiceService invoices(*m_file, m_clock);
    // Issue everything dated up to February (overdue by now), and pay one March invoice.
    invoices.issueAll(QDate(2026, 2, 1));
    InvoiceFilter f;
    f.status = InvoiceStatus::Draft;
    for (const Invoice &inv : invoices.list(f))
        if (inv.invoiceDate.month() == 3) {
            invoices.issue(inv.id);
            invoices.markPaid(inv.id, QDate(2026, 3, 20));
            break;
        }
}

void TestDashboardScreen::figuresMatchTheInvoices()
{
    DashboardScreen screen(*m_file, m_clock);
    QSignalSpy refreshed(&screen, &DashboardScreen::refreshed);
    QVERIFY(refreshed.wait(20000));
    const DashboardFigures &f = screen.figures();
    InvoiceService invoices(*m_file, m_clock);
    const QDate today(2026, 3, 20);
    int drafts = 0;
    int overdue = 0;
    Decimal outstanding(0);
    Decimal invoiced(0);
    for (const Invoice &inv : invoices.list({})) {
        if (inv.status == InvoiceStatus::Draft && inv.invoiceDate <= today)
            ++drafts;
        if (inv.isOverdue(today))
            ++overdue;
        if (inv.status == InvoiceStatus::Issued)
            outstanding += inv.amountRemaining();
        if ((inv.status == InvoiceStatus::Issued || inv.status == InvoiceStatus::Paid) && inv.invoiceDate >= QDate(2026, 3, 1))
            invoiced += inv.total;
    }
    QVERIFY(overdue > 0);
    QCOMPARE(f.draftsToIssue, drafts);
    QCOMPARE(f.overdueInvoices, overdue);
    QCOMPARE(f.outstanding.value(QStringLiteral("USD")), outstanding);
    QCOMPARE(f.invoiced.value(QStringLiteral("USD")), invoiced);
    QVERIFY(f.paid.value(QStringLiteral("USD")).isPositive());
    QVERIFY(!f.topCustomers.isEmpty());
    for (int i = 1; i < f.topCustomers.size(); ++i)
        QVERIFY(f.topCustomers[i - 1].events >= f.topCustomers[i].events);
    const QString attention = screen.findChild<QLabel *>(QStringLiteral("attentionCard"))->text();
    QVERIFY2(attention.contains(QStringLiteral("%1 overdue").arg(overdue)), qPrintable(attention));
    QVERIFY(screen.findChild<QLabel *>(QStringLiteral("topCustomersCard"))->text().contains(f.topCustomers.first().name.toHtmlEscaped()));

    // The overdue link asks for the overdue invoices.
    QSignalSpy requested(&screen, &DashboardScreen::invoicesRequested);
    emit screen.findChild<QLabel *>(QStringLiteral("attentionCard"))->linkActivated(QStringLiteral("overdue"));
    QCOMPARE(requested.count(), 1);
}

void TestDashboardScreen::failedSyncsHook()
{
    DashboardScreen screen(*m_file, m_clock);
    QSignalSpy refreshed(&screen, &DashboardScreen::refreshed);
    QVERIFY(refreshed.wait(20000));
    auto *attention = screen.findChild<QLabel *>(QStringLiteral("attentionCard"));
    QVERIFY(attention->text().contains(QStringLiteral("not set up")));
    // The dashboard repeats the status bar's words, never a count of its own.
    screen.setSyncStatus(QStringLiteral("Stripe: 53 waiting"));
    QVERIFY(attention->text().contains(QStringLiteral("Stripe: 53 waiting")));
    QVERIFY(!attention->text().contains(QStringLiteral("up to date")));
}

void TestDashboardScreen::customerBillingAndUndo()
{
    QUndoStack undo;
    CustomersScreen screen(*m_file, m_clock);
    screen.setUndoStack(&undo);
    const QString acme = CustomerService(*m_file, m_clock).get(QStringLiteral("acme")).id;
    screen.selectCustomer(acme);
    CustomerBillingView *billing = screen.billingView();
    QSignalSpy usage(billing, &CustomerBillingView::usageLoaded);
    QVERIFY(usage.wait(20000));
    const QString text = billing->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Growth")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Invoices (")));
    QVERIFY(text.contains(QStringLiteral("Balance")));
    QVERIFY(text.contains(QStringLiteral("events")));

    // Edit the name through the dialog, then undo and redo it.
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("editButton")), Qt::LeftButton);
    CustomerDialog *dlg = nullptr;
    QTRY_VERIFY((dlg = screen.findChild<CustomerDialog *>()) != nullptr);
    auto *name = dlg->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Acme Renamed"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(screen.findChild<CustomerDialog *>() == nullptr);
    QCOMPARE(CustomerService(*m_file, m_clock).get(acme).name, QStringLiteral("Acme Renamed"));
    QCOMPARE(undo.count(), 1);
    undo.undo();
    QCOMPARE(CustomerService(*m_file, m_clock).get(acme).name, QStringLiteral("Acme Robotics Inc."));
    undo.redo();
    QCOMPARE(CustomerService(*m_file, m_clock).get(acme).name, QStringLiteral("Acme Renamed"));
    undo.undo();
    QCOMPARE(CustomerService(*m_file, m_clock).get(acme).name, QStringLiteral("Acme Robotics Inc."));
}

// The dashboard lists the subscriptions the last stored invoice run could not bill.
void TestDashboardScreen::lastRunFailuresListed()
{
    Customer c;
    c.name = QStringLiteral("Zone Damage Co");
    c.externalCustomerId = QStringLiteral("zone-damage");
    c.timezone = QStringLiteral("UTC");
    const QString customer = CustomerService(*m_file, m_clock).create(c).id;
    SubscriptionDraft d;
    d.customer = customer;
    d.plan = QStringLiteral("starter");
    d.startDate = QDate(2026, 3, 1);
    SubscriptionService(*m_file, m_clock).create(d);
    m_file->db().exec(QStringLiteral("UPDATE customers SET timezone = 'Nowhere/Atlantis' WHERE id = ?"), {customer});
    InvoiceRunOptions o;
    o.asOf = m_clock.now();
    QCOMPARE(InvoiceRunService(*m_file, m_clock).run(o).failed.size(), 1);
    DashboardScreen screen(*m_file, m_clock);
    QSignalSpy refreshed(&screen, &DashboardScreen::refreshed);
    QVERIFY(refreshed.wait(20000));
    const QString attention = screen.findChild<QLabel *>(QStringLiteral("attentionCard"))->text();
    QVERIFY2(attention.contains(QStringLiteral("could not be billed")) && attention.contains(QStringLiteral("Zone Damage Co"))
                 && attention.contains(QStringLiteral("Nowhere/Atlantis")),
             qPrintable(attention));
    // Repaired, the next run bills it and the dashboard no longer lists it.
    m_file->db().exec(QStringLiteral("UPDATE customers SET timezone = 'UTC' WHERE id = ?"), {customer});
    QCOMPARE(InvoiceRunService(*m_file, m_clock).run(o).failed.size(), 0);
    screen.refresh();
    QVERIFY(refreshed.wait(20000));
    QVERIFY(!screen.findChild<QLabel *>(QStringLiteral("attentionCard"))->text().contains(QStringLiteral("could not be billed")));
}

QTEST_MAIN(TestDashboardScreen)
#include "tst_dashboardscreen.moc"
