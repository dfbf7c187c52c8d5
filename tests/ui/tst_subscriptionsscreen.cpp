// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/SubscriptionPreview.h"
#include "models/SubscriptionTableModel.h"
#include "models/billing/InvoiceRunService.h"
#include "models/billing/InvoiceService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/SubscriptionService.h"
#include "ui/dialogs/SubscriptionDialogs.h"
#include "ui/LocaleFormat.h"
#include "ui/screens/SubscriptionsScreen.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
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

} // namespace

/// The Subscriptions screen and its dialogs: the new-subscription preview composes the first
/// invoice and stores nothing; change plan and cancel show the proration before confirming.
class TestSubscriptionsScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void newSubscriptionPreviewsThenCreates();
    void newSubscriptionRefusesBadInput();
    void changePlanShowsProrationBeforeConfirming();
    void cancelShowsWhatItDoes();
    void listSortsAndSearches();

private:
    qint64 fileState() const;

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 16), QTime(18, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_acmeSub;
};

void TestSubscriptionsScreen::initTestCase()
{
    // Dates and amounts in the window follow its locale; these tests read US English.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, false);
    SubscriptionDraft d;
    d.customer = QStringLiteral("acme");
    d.plan = QStringLiteral("growth");
    d.startDate = QDate(2026, 1, 1);
    d.alignment = QStringLiteral("first_of_month");
    m_acmeSub = SubscriptionService(*m_file, m_clock).create(d).id;
    // Invoice and issue March's fee in advance, so a change in March has something to prorate.
    InvoiceService invoices(*m_file, m_clock);
    InvoiceRunOptions o;
    o.asOf = m_clock.now();
    InvoiceRunService(*m_file, m_clock).run(o);
    invoices.issueAll(QDate(2026, 3, 16));
}

/// Rows of the tables a preview could touch, and the audit trail's length.
qint64 TestSubscriptionsScreen::fileState() const
{
    Database &db = m_file->db();
    qint64 n = 0;
    for (const char *table : {"subscriptions", "subscription_phases", "subscription_changes", "invoices", "balance_entries", "audit_log"})
        n = n * 1000 + db.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toLongLong();
    return n;
}

void TestSubscriptionsScreen::newSubscriptionPreviewsThenCreates()
{
    SubscriptionsScreen screen(*m_file, m_clock);
    const int before = screen.model()->rowCount();
    const qint64 state = fileState();
    NewSubscriptionDialog dialog(*m_file, m_clock, &screen);
    auto *customer = dialog.findChild<QComboBox *>(QStringLiteral("subCustomer"));
    customer->setCurrentIndex(customer->findText(QStringLiteral("Ember & Oak Coffee Co.")));
    auto *plan = dialog.findChild<QComboBox *>(QStringLiteral("subPlan"));
    plan->setCurrentIndex(plan->findText(QStringLiteral("Starter")));
    dialog.findChild<QDateEdit *>(QStringLiteral("subStart"))->setDate(QDate(2026, 3, 16));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("subPreviewButton")), Qt::LeftButton);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("subError"))->text(), QString());
    const QString preview = dialog.findChild<QTextBrowser *>(QStringLiteral("subscriptionPreview"))->toPlainText();
    QVERIFY2(preview.contains(QStringLiteral("Ember & Oak")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("Total")), qPrintable(preview));
    QCOMPARE(fileState(), state); // the preview stored nothing, not even an audit entry
    saveShot(dialog, QStringLiteral("new-subscription"));

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("subCreateButton")), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.createdId().isEmpty());
    QCOMPARE(SubscriptionService(*m_file, m_clock).get(dialog.createdId()).startDate, QDate(2026, 3, 16));
    screen.reload();
    QCOMPARE(screen.model()->rowCount(), before + 1);
    QVERIFY(screen.selectSubscription(dialog.createdId()));
    QVERIFY(screen.findChild<QTextBrowser *>(QStringLiteral("subscriptionDetail"))->toPlainText().contains(QStringLiteral("Next invoices")));
}

void TestSubscriptionsScreen::newSubscriptionRefusesBadInput()
{
    const qint64 state = fileState();
    NewSubscriptionDialog dialog(*m_file, m_clock);
    auto *customer = dialog.findChild<QComboBox *>(QStringLiteral("subCustomer"));
    // A EUR customer on a USD plan is refused, in the preview and on Create.
    customer->setCurrentIndex(customer->findText(QStringLiteral("Iris Payments BV")));
    auto *plan = dialog.findChild<QComboBox *>(QStringLiteral("subPlan"));
    plan->setCurrentIndex(plan->findText(QStringLiteral("Growth")));
    QVERIFY(dialog.preview().contains(QStringLiteral("EUR")));
    QVERIFY(dialog.findChild<QTextBrowser *>(QStringLiteral("subscriptionPreview"))->toPlainText().contains(QStringLiteral("refused")));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("subCreateButton")), Qt::LeftButton);
    QVERIFY(dialog.result() != int(QDialog::Accepted));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("subError"))->text().contains(QStringLiteral("EUR")));
    // Malformed overrides name the field.
    customer->setCurrentIndex(customer->findText(QStringLiteral("Daybreak Health")));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("subOverrides"))->setPlainText(QStringLiteral("{\"add\": ["));
    QVERIFY(dialog.preview().startsWith(QStringLiteral("Overrides")));
    QCOMPARE(fileState(), state);
}

void TestSubscriptionsScreen::changePlanShowsProrationBeforeConfirming()
{
    const qint64 state = fileState();
    const Decimal balanceBefore = LedgerService(*m_file, m_clock).balance(QStringLiteral("acme")).balance;
    SubscriptionChangeDialog dialog(*m_file, m_clock, m_acmeSub, SubscriptionChangeDialog::Kind::ChangePlan);
    auto *plan = dialog.findChild<QComboBox *>(QStringLiteral("changePlan"));
    plan->setCurrentIndex(plan->findText(QStringLiteral("Starter")));
    const QString preview = dialog.findChild<QTextBrowser *>(QStringLiteral("subscriptionPreview"))->toPlainText();
    QVERIFY2(preview.contains(QStringLiteral("3/16/2026")), qPrintable(preview));
    // March's Growth fee was issued in advance: the days from the 16th are credited back.
    QVERIFY2(preview.contains(QStringLiteral("Proration credited")), qPrintable(preview));
    saveShot(dialog, QStringLiteral("change-plan"));
    QCOMPARE(fileState(), state);
    QCOMPARE(LedgerService(*m_file, m_clock).balance(QStringLiteral("acme")).balance, balanceBefore);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("changeConfirmButton")), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Decimal balanceAfter = LedgerService(*m_file, m_clock).balance(QStringLiteral("acme")).balance;
    QVERIFY(balanceAfter != balanceBefore);
    // The preview said what the change then did.
    const QString credited = LocaleFormat::money(balanceAfter - balanceBefore, QStringLiteral("USD"));
    QVERIFY2(preview.contains(credited), qPrintable(credited + QStringLiteral(" not in ") + preview));
    QCOMPARE(SubscriptionService(*m_file, m_clock).changes(m_acmeSub).size(), 1);
}

void TestSubscriptionsScreen::cancelShowsWhatItDoes()
{
    const qint64 state = fileState();
    SubscriptionChangeDialog dialog(*m_file, m_clock, m_acmeSub, SubscriptionChangeDialog::Kind::Cancel);
    auto *timing = dialog.findChild<QComboBox *>(QStringLiteral("changeTiming"));
    timing->setCurrentIndex(timing->findData(int(ChangeTiming::EndOfTerm)));
    QVERIFY(dialog.findChild<QTextBrowser *>(QStringLiteral("subscriptionPreview"))->toPlainText().contains(QStringLiteral("4/1/2026")));
    QCOMPARE(fileState(), state);
    QCOMPARE(dialog.apply(), QString());
    QCOMPARE(*SubscriptionService(*m_file, m_clock).get(m_acmeSub).endDate, QDate(2026, 4, 1));
}

void TestSubscriptionsScreen::listSortsAndSearches()
{
    SubscriptionsScreen screen(*m_file, m_clock);
    QAbstractItemModelTester tester(screen.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(screen.model()->rowCount(), int(SubscriptionService(*m_file, m_clock).list().size()));
    auto *search = screen.findChild<QLineEdit *>(QStringLiteral("subscriptionSearch"));
    QTest::keyClicks(search, QStringLiteral("ember"));
    QCOMPARE(screen.proxy()->rowCount(), 1);
    search->clear();
    screen.findChild<QTableView *>(QStringLiteral("subscriptionTable"))->sortByColumn(SubscriptionTableModel::Start, Qt::AscendingOrder);
    for (int r = 1; r < screen.proxy()->rowCount(); ++r)
        QVERIFY(screen.proxy()->index(r - 1, SubscriptionTableModel::Start).data(SubscriptionTableModel::RawValueRole).toDate()
                <= screen.proxy()->index(r, SubscriptionTableModel::Start).data(SubscriptionTableModel::RawValueRole).toDate());
    QVERIFY(screen.selectSubscription(m_acmeSub));
    QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("cancelSubscriptionButton"))->isEnabled());
}

QTEST_MAIN(TestSubscriptionsScreen)
#include "tst_subscriptionsscreen.moc"
