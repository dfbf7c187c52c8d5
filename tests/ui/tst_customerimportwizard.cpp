// SPDX-License-Identifier: GPL-3.0-or-later
// The customer import wizard: a file whose columns are named otherwise, mapped, previewed (new,
// duplicate, refused), imported once; the duplicates and refused rows listed.
#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/CustomerService.h"
#include "tests/ui/GuiCompany.h"
#include "ui/dialogs/CustomerDialog.h"
#include "ui/dialogs/CustomerImportWizard.h"
#include "ui/screens/CustomersScreen.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace orb;

class TestCustomerImportWizard : public QObject
{
    Q_OBJECT

private slots:
    void mapsPreviewsAndImports();
    void customerDialogSetsTheDocumentLanguage();

private:
    void shot(QWidget *w, const QString &name);
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc())};
};

void TestCustomerImportWizard::shot(QWidget *w, const QString &name)
{
    if (qEnvironmentVariableIsSet("ORB_SCREENSHOT_DIR")) // for people to look at
        w->grab().save(qEnvironmentVariable("ORB_SCREENSHOT_DIR") + QLatin1Char('/') + name);
}

void TestCustomerImportWizard::mapsPreviewsAndImports()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("demo.orb")), m_clock, false);
    const QString csv = m_dir.filePath(QStringLiteral("crm.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("Firma,Kontakt,Kundennummer,Currency,VAT\n"
            "\"Neu, GmbH\",neu@example.com,neu-1,EUR,eu_vat:DE:DE999999999\n"
            "Acme again,x@acme.example,acme,USD,\n"
            "Broken,not-an-email,broken-1,XXX,\n");
    f.close();
    const int before = int(CustomerRepository(file->db()).list({}).size());

    CustomerImportWizard wizard(*file, m_clock);
    wizard.setFile(csv);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(CustomerImportWizard::MappingPage));
    // "Currency" is recognised; the rest is mapped by hand.
    QCOMPARE(wizard.findChild<QComboBox *>(QStringLiteral("column_currency"))->currentText(), QStringLiteral("Currency"));
    wizard.findChild<QComboBox *>(QStringLiteral("column_name"))->setCurrentText(QStringLiteral("Firma"));
    wizard.findChild<QComboBox *>(QStringLiteral("column_email"))->setCurrentText(QStringLiteral("Kontakt"));
    wizard.findChild<QComboBox *>(QStringLiteral("column_external_customer_id"))->setCurrentText(QStringLiteral("Kundennummer"));
    wizard.findChild<QComboBox *>(QStringLiteral("column_tax_id"))->setCurrentText(QStringLiteral("VAT"));
    shot(&wizard, QStringLiteral("customer-import-mapping.png"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(CustomerImportWizard::PreviewPage));
    auto *preview = wizard.findChild<QTableWidget *>(QStringLiteral("customerImportPreview"));
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("New"));
    QCOMPARE(preview->item(1, 1)->text(), QStringLiteral("Duplicate"));
    QCOMPARE(preview->item(2, 1)->text(), QStringLiteral("Refused"));
    QVERIFY(preview->item(2, 4)->text().contains(QLatin1String("email")));
    QCOMPARE(wizard.findChild<QLabel *>(QStringLiteral("customerImportPreviewSummary"))->text(), QStringLiteral("1 new, 1 duplicates, 1 refused"));
    QCOMPARE(int(CustomerRepository(file->db()).list({}).size()), before); // a preview writes nothing
    shot(&wizard, QStringLiteral("customer-import-preview.png"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(CustomerImportWizard::ResultPage));
    QCOMPARE(wizard.result().created, 1);
    QCOMPARE(int(CustomerRepository(file->db()).list({}).size()), before + 1);
    const auto created = CustomerRepository(file->db()).findByExternalId(QStringLiteral("neu-1"));
    QVERIFY(created);
    QCOMPARE(created->name, QStringLiteral("Neu, GmbH"));
    QCOMPARE(created->taxId.value, QStringLiteral("DE999999999"));
    QCOMPARE(wizard.findChild<QTableWidget *>(QStringLiteral("customerImportProblems"))->rowCount(), 2);
    shot(&wizard, QStringLiteral("customer-import-result.png"));

    // The Customers screen offers it.
    CustomersScreen screen(*file, m_clock);
    QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("importCustomersButton")));
    QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("exportCustomersButton")));
}

void TestCustomerImportWizard::customerDialogSetsTheDocumentLanguage()
{
    auto file = test::demoCompany(m_dir.filePath(QStringLiteral("language.orb")), m_clock, false);
    CustomerService service(*file, m_clock);
    const Customer acme = service.get(QStringLiteral("acme"));
    CustomerDialog dialog(service, QStringLiteral("UTC"), acme);
    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("documentLanguageCombo"));
    QVERIFY(language);
    QCOMPARE(language->currentData().toString(), QString()); // the company's
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    dialog.accept();
    QCOMPARE(service.get(QStringLiteral("acme")).documentLanguage, QStringLiteral("de"));
}

QTEST_MAIN(TestCustomerImportWizard)
#include "tst_customerimportwizard.moc"
