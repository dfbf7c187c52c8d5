// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/StorageError.h"
#include "models/billing/BillingSetupService.h"
#include "models/AuditLog.h"
#include "models/CustomerService.h"
#include "models/CustomerTableModel.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/screens/CustomersScreen.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

/// Drives the real Customers screen offscreen: the dialog, the table, search and archive.
class TestCustomersGui : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createCustomerThroughDialog();
    void invalidInputKeepsDialogOpen();
    void editAndArchive();
    void searchFiltersTable();
    void archiveCanBeUndone();
    void createWithTaxIdAndRateThenUndo();

private:
    CustomerDialog *openNewDialog();
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<CustomersScreen> m_screen;
};

void TestCustomersGui::init()
{
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    CompanySettings s;
    s.name = QStringLiteral("GUI Co");
    s.timezone = QStringLiteral("Europe/Paris");
    static int n = 0;
    m_file = test::createCompany(m_dir.filePath(QStringLiteral("gui%1.orb").arg(++n)), s, m_clock);
    m_screen = std::make_unique<CustomersScreen>(*m_file, m_clock);
    m_screen->resize(1000, 600);
    m_screen->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_screen.get()));
}

void TestCustomersGui::cleanup()
{
    m_screen.reset();
    m_file.reset();
}

CustomerDialog *TestCustomersGui::openNewDialog()
{
    auto *newButton = m_screen->findChild<QPushButton *>(QStringLiteral("newButton"));
    if (!newButton)
        return nullptr;
    QTest::mouseClick(newButton, Qt::LeftButton);
    // The screen opens its dialog window-modal with open(), so the test goes on at once.
    CustomerDialog *dlg = nullptr;
    for (int i = 0; i < 100 && !(dlg && dlg->isVisible()); ++i) {
        dlg = m_screen->findChild<CustomerDialog *>();
        if (!(dlg && dlg->isVisible()))
            QTest::qWait(20);
    }
    return dlg && dlg->isVisible() ? dlg : nullptr;
}

void TestCustomersGui::createCustomerThroughDialog()
{
    CustomerDialog *dlg = openNewDialog();
    QVERIFY(dlg);
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Contoso Pharmaceuticals"));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("externalIdEdit")), QStringLiteral("contoso"));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("emailEdit")), QStringLiteral("ap@contoso.example"));
    auto *currency = dlg->findChild<QComboBox *>(QStringLiteral("currencyCombo"));
    currency->setCurrentIndex(currency->findData(QStringLiteral("EUR")));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("billingCountryEdit")), QStringLiteral("fr"));
    QCOMPARE(dlg->findChild<QComboBox *>(QStringLiteral("timezoneCombo"))->currentText(), QStringLiteral("Europe/Paris"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(m_screen->findChild<CustomerDialog *>() == nullptr);

    auto *table = m_screen->findChild<QTableView *>(QStringLiteral("customerTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Contoso Pharmaceuticals"));
    QCOMPARE(table->model()->index(0, CustomerTableModel::Currency).data().toString(), QStringLiteral("EUR"));
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QVERIFY(m_screen->findChild<QLabel *>(QStringLiteral("detailsLabel"))->text().contains(QStringLiteral("ap@contoso.example")));
    // And it is really in the company file, with the country upper-cased.
    CustomerService svc(*m_file, m_clock);
    const Customer c = svc.get(QStringLiteral("contoso"));
    QCOMPARE(c.billingAddress.country, QStringLiteral("FR"));
    QCOMPARE(c.createdAt, m_clock.now());
}

void TestCustomersGui::invalidInputKeepsDialogOpen()
{
    CustomerDialog *dlg = openNewDialog();
    QVERIFY(dlg);
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Broken"));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("emailEdit")), QStringLiteral("no-at-sign"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QVERIFY(dlg->isVisible());
    if (qEnvironmentVariableIsSet("ORB_SCREENSHOT_DIR")) // for people to look at
        dlg->grab().save(qEnvironmentVariable("ORB_SCREENSHOT_DIR") + QStringLiteral("/customer-dialog-error.png"));
    auto *errors = dlg->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(errors->isVisible());
    QVERIFY2(errors->text().contains(QStringLiteral("is not an e-mail address")), qPrintable(errors->text()));
    QCOMPARE(dlg->findChild<QLineEdit *>(QStringLiteral("emailEdit"))->property("invalid").toBool(), true);
    QCOMPARE(m_screen->model()->rowCount(), 0);
    // Fixing the field lets it through.
    auto *email = dlg->findChild<QLineEdit *>(QStringLiteral("emailEdit"));
    email->clear();
    QTest::keyClicks(email, QStringLiteral("ok@broken.example"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_COMPARE(m_screen->model()->rowCount(), 1);
}

void TestCustomersGui::editAndArchive()
{
    CustomerService svc(*m_file, m_clock);
    Customer c;
    c.name = QStringLiteral("Original Name");
    c.currency = QStringLiteral("USD");
    svc.create(c);
    m_screen->model()->reload();
    auto *table = m_screen->findChild<QTableView *>(QStringLiteral("customerTable"));
    table->selectRow(0);
    QTest::mouseClick(m_screen->findChild<QPushButton *>(QStringLiteral("editButton")), Qt::LeftButton);
    CustomerDialog *dlg = nullptr;
    QTRY_VERIFY((dlg = m_screen->findChild<CustomerDialog *>()) != nullptr);
    QVERIFY(!dlg->findChild<QComboBox *>(QStringLiteral("timezoneCombo"))->isEnabled());
    QVERIFY(!dlg->findChild<QComboBox *>(QStringLiteral("currencyCombo"))->isEnabled());
    auto *name = dlg->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Renamed Ltd"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(m_screen->findChild<CustomerDialog *>() == nullptr);
    QCOMPARE(m_screen->model()->index(0, CustomerTableModel::Name).data().toString(), QStringLiteral("Renamed Ltd"));

    table->selectRow(0);
    QTest::mouseClick(m_screen->findChild<QPushButton *>(QStringLiteral("archiveButton")), Qt::LeftButton);
    QCOMPARE(m_screen->model()->rowCount(), 0);
    m_screen->findChild<QCheckBox *>(QStringLiteral("showArchivedCheck"))->setChecked(true);
    QCOMPARE(m_screen->model()->rowCount(), 1);
    QCOMPARE(m_screen->model()->index(0, CustomerTableModel::Status).data().toString(), QStringLiteral("Archived"));
}

void TestCustomersGui::searchFiltersTable()
{
    CustomerService svc(*m_file, m_clock);
    for (const char *n : {"Alpha Foods", "Beta Mining", "Gamma Foods"}) {
        Customer c;
        c.name = QLatin1String(n);
        svc.create(c);
    }
    m_screen->model()->reload();
    auto *search = m_screen->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QTest::keyClicks(search, QStringLiteral("foods"));
    QTRY_COMPARE(m_screen->model()->rowCount(), 2);
    search->clear();
    QTRY_COMPARE(m_screen->model()->rowCount(), 3);
}

void TestCustomersGui::archiveCanBeUndone()
{
    QUndoStack undo;
    m_screen->setUndoStack(&undo);
    Customer c;
    c.name = QStringLiteral("Undo Ltd");
    c = CustomerService(*m_file, m_clock).create(c);
    m_screen->model()->reload();
    auto *table = m_screen->findChild<QTableView *>(QStringLiteral("customerTable"));
    table->selectRow(0);
    QTest::mouseClick(m_screen->findChild<QPushButton *>(QStringLiteral("archiveButton")), Qt::LeftButton);
    QCOMPARE(m_screen->model()->rowCount(), 0);
    QCOMPARE(undo.undoText(), QStringLiteral("Archive customer Undo Ltd"));
    undo.undo();
    QVERIFY(!CustomerService(*m_file, m_clock).get(c.id).isArchived());
    QCOMPARE(m_screen->model()->rowCount(), 1);
    undo.redo();
    QVERIFY(CustomerService(*m_file, m_clock).get(c.id).isArchived());
    QCOMPARE(m_screen->model()->rowCount(), 0);
}

void TestCustomersGui::createWithTaxIdAndRateThenUndo()
{
    QUndoStack undo;
    m_screen->setUndoStack(&undo);
    const TaxRateRecord vat = BillingSetupService(*m_file, m_clock).createTaxRate(QStringLiteral("VAT 19%"), QStringLiteral("19"));
    CustomerDialog *dlg = openNewDialog();
    QVERIFY(dlg);
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Neu GmbH"));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("externalIdEdit")), QStringLiteral("neu"));
    // The tax id type is chosen by its name; the example follows the type and country.
    auto *type = dlg->findChild<QComboBox *>(QStringLiteral("taxTypeCombo"));
    QVERIFY(type->findText(QStringLiteral("eu_vat")) < 0);
    type->setCurrentIndex(type->findText(QStringLiteral("EU VAT number")));
    QCOMPARE(type->currentData().toString(), QStringLiteral("eu_vat"));
    QTest::keyClicks(dlg->findChild<QLineEdit *>(QStringLiteral("taxCountryEdit")), QStringLiteral("DE"));
    auto *value = dlg->findChild<QLineEdit *>(QStringLiteral("taxValueEdit"));
    QCOMPARE(value->placeholderText(), QStringLiteral("such as DE123456789"));
    QTest::keyClicks(value, QStringLiteral("DE12345"));
    auto *rates = dlg->findChild<QListWidget *>(QStringLiteral("customerTaxRates"));
    QCOMPARE(rates->count(), 1);
    QCOMPARE(rates->item(0)->text(), QStringLiteral("VAT 19% (19%)"));
    rates->item(0)->setCheckState(Qt::Checked);
    // A VAT number of the wrong form is refused next to the field; nothing is stored.
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QVERIFY(dlg->isVisible());
    const QString refusal = dlg->findChild<QLabel *>(QStringLiteral("errorLabel"))->text();
    QVERIFY2(refusal.contains(QStringLiteral("DE and 9 digits")), qPrintable(refusal));
    QCOMPARE(value->property("invalid").toBool(), true);
    QCOMPARE(m_screen->model()->rowCount(), 0);
    if (qEnvironmentVariableIsSet("ORB_SCREENSHOT_DIR"))
        dlg->grab().save(qEnvironmentVariable("ORB_SCREENSHOT_DIR") + QStringLiteral("/customer-dialog-taxid-refused.png"));
    value->clear();
    QTest::keyClicks(value, QStringLiteral("DE123456789"));
    QTest::mouseClick(dlg->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(m_screen->findChild<CustomerDialog *>() == nullptr);
    const Customer created = CustomerService(*m_file, m_clock).get(QStringLiteral("neu"));
    QCOMPARE(created.taxId.value, QStringLiteral("DE123456789"));
    QCOMPARE(BillingSetupService(*m_file, m_clock).taxRate(vat.id).customerIds, QStringList{created.id});
    QVERIFY(m_screen->findChild<QLabel *>(QStringLiteral("detailsLabel"))->text().contains(QStringLiteral("EU VAT number: DE123456789")));

    // Undo of the creation takes the customer and its rate away through the services; redo
    // puts both back, same id.
    QCOMPARE(undo.undoText(), QStringLiteral("Create customer Neu GmbH"));
    undo.undo();
    QVERIFY_THROWS_EXCEPTION(ServiceError, CustomerService(*m_file, m_clock).get(QStringLiteral("neu")));
    QVERIFY(BillingSetupService(*m_file, m_clock).taxRate(vat.id).customerIds.isEmpty());
    QCOMPARE(m_screen->model()->rowCount(), 0);
    undo.redo();
    QCOMPARE(CustomerService(*m_file, m_clock).get(QStringLiteral("neu")).id, created.id);
    QCOMPARE(BillingSetupService(*m_file, m_clock).taxRate(vat.id).customerIds, QStringList{created.id});
    QCOMPARE(m_screen->model()->rowCount(), 1);
    QStringList actions;
    for (const AuditEntry &e : AuditLog(m_file->db()).forObject(QStringLiteral("customer"), created.id))
        actions << e.action;
    QCOMPARE(actions, (QStringList{QStringLiteral("customer.create"), QStringLiteral("customer.delete"), QStringLiteral("customer.restore")}));
}

QTEST_MAIN(TestCustomersGui)
#include "tst_customersgui.moc"
