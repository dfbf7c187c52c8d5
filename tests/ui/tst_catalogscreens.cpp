// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/billing/BillingSetupService.h"
#include "models/catalog/CatalogService.h"
#include "ui/screens/CouponsScreen.h"
#include "ui/screens/TaxRatesScreen.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace orb;

/// The Coupons and Tax rates screens driven through their widgets: what each action stores,
/// that undo and redo restore it through the service's own audited actions, and refusals.
class TestCatalogScreens : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void couponsCreateEditArchiveUndo();
    void couponRefusalsChangeNothing();
    void taxRateRefusalsNextToTheirFields();
    void taxRatesCreateAssignArchiveUndo();

private:
    QStringList auditActions(const QString &type, const QString &id) const;
    std::optional<CouponRecord> coupon(const QString &code) const;
    std::optional<TaxRateRecord> rate(const QString &name) const;
    void snap(QWidget &w, const QString &name);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    QString m_customerId;
    QString m_itemId;
};

void TestCatalogScreens::init()
{
    static int n = 0;
    m_file.reset();
    CompanySettings s;
    s.name = QStringLiteral("Catalog Co");
    m_file = test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++n)), s, m_clock);
    Customer c;
    c.name = QStringLiteral("Acme GmbH");
    c.externalCustomerId = QStringLiteral("acme");
    c.timezone = QStringLiteral("UTC");
    m_customerId = CustomerService(*m_file, m_clock).create(c).id;
    m_itemId = CatalogService(*m_file, m_clock).createItem(QStringLiteral("API calls")).id;
}

QStringList TestCatalogScreens::auditActions(const QString &type, const QString &id) const
{
    QStringList out;
    for (const AuditEntry &e : AuditLog(m_file->db()).forObject(type, id))
        out << e.action;
    return out;
}

std::optional<CouponRecord> TestCatalogScreens::coupon(const QString &code) const
{
    for (const CouponRecord &c : BillingSetupService::loadCoupons(m_file->db()))
        if (c.code == code)
            return c;
    return std::nullopt;
}

std::optional<TaxRateRecord> TestCatalogScreens::rate(const QString &name) const
{
    for (const TaxRateRecord &r : BillingSetupService::loadTaxRates(m_file->db()))
        if (r.name == name)
            return r;
    return std::nullopt;
}

/// Saves a picture of the screen to look at when ORB_SCREENSHOT_DIR is set.
void TestCatalogScreens::snap(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    QVERIFY(w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

void TestCatalogScreens::couponsCreateEditArchiveUndo()
{
    QUndoStack undo;
    CouponsScreen screen(*m_file, m_clock, &undo);
    screen.resize(1100, 560);
    screen.show();
    QVERIFY(QTest::qWaitForWindowExposed(&screen));
    auto *code = screen.findChild<QLineEdit *>(QStringLiteral("couponCode"));
    auto *type = screen.findChild<QComboBox *>(QStringLiteral("couponType"));
    auto *value = screen.findChild<QLineEdit *>(QStringLiteral("couponValue"));
    auto *duration = screen.findChild<QSpinBox *>(QStringLiteral("couponDuration"));
    auto *limit = screen.findChild<QSpinBox *>(QStringLiteral("couponMaxRedemptions"));
    auto *save = screen.findChild<QPushButton *>(QStringLiteral("saveCouponButton"));
    auto *archive = screen.findChild<QPushButton *>(QStringLiteral("archiveCouponButton"));
    auto *table = screen.findChild<QTableView *>(QStringLiteral("couponsTable"));

    // Create: 15% off for 3 months, typed as a clerk types it.
    QTest::keyClicks(code, QStringLiteral("SPRING"));
    QCOMPARE(type->currentData().toString(), QStringLiteral("percentage"));
    QTest::keyClicks(value, QStringLiteral("15"));
    duration->selectAll();
    QTest::keyClicks(duration, QStringLiteral("3"));
    QVERIFY(!archive->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    auto stored = coupon(QStringLiteral("SPRING"));
    QVERIFY(stored);
    QCOMPARE(stored->discountType, QStringLiteral("percentage"));
    QCOMPARE(stored->value, Decimal::parse("0.15"));
    QCOMPARE(stored->durationMonths, std::optional<int>(3));
    QCOMPARE(stored->maxRedemptions, std::nullopt);
    QCOMPARE(screen.selectedId(), stored->id);
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("15% off"));
    QCOMPARE(undo.count(), 1);
    QCOMPARE(undo.undoText(), QStringLiteral("Create coupon SPRING"));
    const QString id = stored->id;
    snap(screen, QStringLiteral("coupons-created"));

    // Undo takes it away through the service (audited delete); redo puts it back, same id.
    undo.undo();
    QVERIFY(!coupon(QStringLiteral("SPRING")));
    QCOMPARE(table->model()->rowCount(), 0);
    undo.redo();
    QCOMPARE(coupon(QStringLiteral("SPRING"))->id, id);
    QCOMPARE(coupon(QStringLiteral("SPRING"))->value, Decimal::parse("0.15"));
    QCOMPARE(auditActions(QStringLiteral("coupon"), id),
             (QStringList{QStringLiteral("coupon.create"), QStringLiteral("coupon.delete"), QStringLiteral("coupon.restore")}));
    QCOMPARE(screen.selectedId(), id);

    // Edit: at most 5 redemptions, 20% off.
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("20%"));
    limit->selectAll();
    QTest::keyClicks(limit, QStringLiteral("5"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(coupon(QStringLiteral("SPRING"))->maxRedemptions, std::optional<int>(5));
    QCOMPARE(coupon(QStringLiteral("SPRING"))->value, Decimal::parse("0.2"));
    undo.undo();
    QCOMPARE(coupon(QStringLiteral("SPRING"))->maxRedemptions, std::nullopt);
    QCOMPARE(coupon(QStringLiteral("SPRING"))->value, Decimal::parse("0.15"));
    QCOMPARE(value->text(), QStringLiteral("15%")); // the form shows what is stored again
    undo.redo();
    QCOMPARE(coupon(QStringLiteral("SPRING"))->maxRedemptions, std::optional<int>(5));

    // Archive, and undo it: unarchived through the service.
    QVERIFY(archive->isEnabled());
    QTest::mouseClick(archive, Qt::LeftButton);
    QVERIFY(coupon(QStringLiteral("SPRING"))->archivedAt.isValid());
    QCOMPARE(table->model()->index(0, 5).data().toString(), QStringLiteral("Archived"));
    QCOMPARE(archive->text(), QStringLiteral("Un&archive"));
    snap(screen, QStringLiteral("coupons-archived"));
    undo.undo();
    QVERIFY(!coupon(QStringLiteral("SPRING"))->archivedAt.isValid());
    undo.redo();
    QVERIFY(coupon(QStringLiteral("SPRING"))->archivedAt.isValid());
    undo.undo();
    QCOMPARE(auditActions(QStringLiteral("coupon"), id).mid(3),
             (QStringList{QStringLiteral("coupon.update"), QStringLiteral("coupon.update"), QStringLiteral("coupon.update"), QStringLiteral("coupon.archive"),
                          QStringLiteral("coupon.unarchive"), QStringLiteral("coupon.archive"), QStringLiteral("coupon.unarchive")}));
    QVERIFY(AuditLog(m_file->db()).verify().ok);
}

void TestCatalogScreens::couponRefusalsChangeNothing()
{
    QUndoStack undo;
    CouponsScreen screen(*m_file, m_clock, &undo);
    screen.show();
    auto *code = screen.findChild<QLineEdit *>(QStringLiteral("couponCode"));
    auto *value = screen.findChild<QLineEdit *>(QStringLiteral("couponValue"));
    auto *error = screen.findChild<QLabel *>(QStringLiteral("couponError"));
    auto *save = screen.findChild<QPushButton *>(QStringLiteral("saveCouponButton"));
    // 150% off and no code: both named, nothing stored, nothing to undo.
    auto *codeError = screen.findChild<QLabel *>(QStringLiteral("couponError_code"));
    auto *valueError = screen.findChild<QLabel *>(QStringLiteral("couponError_value"));
    QVERIFY(codeError && valueError);
    QTest::keyClicks(value, QStringLiteral("150"));
    QTest::mouseClick(save, Qt::LeftButton);
    // Each refusal under its own field, in words, none left over below the form.
    QVERIFY(codeError->isVisible());
    QCOMPARE(codeError->text(), QStringLiteral("is required"));
    QVERIFY(valueError->isVisible());
    QVERIFY2(valueError->text().startsWith(QStringLiteral("a percentage is a fraction")), qPrintable(valueError->text()));
    QVERIFY(error->isHidden());
    QCOMPARE(BillingSetupService::loadCoupons(m_file->db()).size(), 0);
    QCOMPARE(undo.count(), 0);
    // Fixing a field takes its message away at once; the other stays until it is fixed too.
    QTest::keyClicks(code, QStringLiteral("WELCOME"));
    QVERIFY(codeError->isHidden());
    QVERIFY(valueError->isVisible());
    value->clear();
    QTest::keyClicks(value, QStringLiteral("10"));
    QVERIFY(valueError->isHidden());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(error->text(), QString());
    QCOMPARE(BillingSetupService::loadCoupons(m_file->db()).size(), 1);
    // The same code again: the conflict is said next to the code.
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("newCouponButton")), Qt::LeftButton);
    QTest::keyClicks(code, QStringLiteral("WELCOME"));
    QTest::keyClicks(value, QStringLiteral("5"));
    QTest::keyClick(value, Qt::Key_Return);
    QVERIFY2(codeError->text().contains(QStringLiteral("already exists")), qPrintable(codeError->text()));
    QVERIFY(codeError->isVisible());
    QCOMPARE(BillingSetupService::loadCoupons(m_file->db()).size(), 1);
    QCOMPARE(undo.count(), 1);
    QTest::keyClicks(code, QStringLiteral("2"));
    QVERIFY(codeError->isHidden());
    QTest::keyClick(value, Qt::Key_Return);
    QCOMPARE(BillingSetupService::loadCoupons(m_file->db()).size(), 2);
    QVERIFY(codeError->isHidden());
}

void TestCatalogScreens::taxRateRefusalsNextToTheirFields()
{
    QUndoStack undo;
    TaxRatesScreen screen(*m_file, m_clock, &undo);
    screen.show();
    auto *name = screen.findChild<QLineEdit *>(QStringLiteral("taxRateName"));
    auto *pct = screen.findChild<QLineEdit *>(QStringLiteral("taxRatePercentage"));
    auto *save = screen.findChild<QPushButton *>(QStringLiteral("saveTaxRateButton"));
    auto *nameError = screen.findChild<QLabel *>(QStringLiteral("taxRateError_name"));
    auto *pctError = screen.findChild<QLabel *>(QStringLiteral("taxRateError_percentage"));
    auto *error = screen.findChild<QLabel *>(QStringLiteral("taxRateError"));
    QVERIFY(nameError && pctError && error);
    QTest::keyClicks(pct, QStringLiteral("150"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(nameError->isVisible());
    QCOMPARE(nameError->text(), QStringLiteral("is required"));
    QVERIFY(pctError->isVisible());
    QVERIFY2(pctError->text().contains(QStringLiteral("from 0 to 100")), qPrintable(pctError->text()));
    QVERIFY(error->isHidden());
    QVERIFY(BillingSetupService::loadTaxRates(m_file->db()).isEmpty());
    QTest::keyClicks(name, QStringLiteral("VAT 19%"));
    QVERIFY(nameError->isHidden());
    QVERIFY(pctError->isVisible());
    pct->clear();
    QTest::keyClicks(pct, QStringLiteral("19"));
    QVERIFY(pctError->isHidden());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(BillingSetupService::loadTaxRates(m_file->db()).size(), 1);
    // The same name again: said next to the name, gone when it is changed.
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("newTaxRateButton")), Qt::LeftButton);
    QTest::keyClicks(name, QStringLiteral("VAT 19%"));
    QTest::keyClicks(pct, QStringLiteral("7"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(nameError->text().contains(QStringLiteral("already exists")), qPrintable(nameError->text()));
    QVERIFY(nameError->isVisible());
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY(nameError->isHidden());
}

void TestCatalogScreens::taxRatesCreateAssignArchiveUndo()
{
    QUndoStack undo;
    TaxRatesScreen screen(*m_file, m_clock, &undo);
    screen.resize(1100, 600);
    screen.show();
    QVERIFY(QTest::qWaitForWindowExposed(&screen));
    auto *name = screen.findChild<QLineEdit *>(QStringLiteral("taxRateName"));
    auto *pct = screen.findChild<QLineEdit *>(QStringLiteral("taxRatePercentage"));
    auto *save = screen.findChild<QPushButton *>(QStringLiteral("saveTaxRateButton"));
    auto *archive = screen.findChild<QPushButton *>(QStringLiteral("archiveTaxRateButton"));
    auto *customer = screen.findChild<QLineEdit *>(QStringLiteral("taxRateCustomer"));
    auto *assignCustomer = screen.findChild<QPushButton *>(QStringLiteral("assignCustomerButton"));
    auto *item = screen.findChild<QComboBox *>(QStringLiteral("taxRateItem"));
    auto *assignItem = screen.findChild<QPushButton *>(QStringLiteral("assignItemButton"));
    auto *assignments = screen.findChild<QListWidget *>(QStringLiteral("taxRateAssignments"));
    auto *remove = screen.findChild<QPushButton *>(QStringLiteral("removeAssignmentButton"));
    auto *error = screen.findChild<QLabel *>(QStringLiteral("taxRateError"));

    QVERIFY(!assignCustomer->isEnabled()); // nothing selected yet
    QTest::keyClicks(name, QStringLiteral("VAT 19%"));
    QTest::keyClicks(pct, QStringLiteral("19"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(error->text(), QString());
    const auto created = rate(QStringLiteral("VAT 19%"));
    QVERIFY(created);
    QCOMPARE(created->percentage, Decimal(19));
    QCOMPARE(screen.selectedId(), created->id);
    // Undo of the creation deletes it through the service; redo restores it (same id).
    undo.undo();
    QVERIFY(!rate(QStringLiteral("VAT 19%")));
    undo.redo();
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->id, created->id);
    QCOMPARE(screen.selectedId(), created->id);

    // Assign to the customer (typed by external id) and to the item.
    QVERIFY(assignCustomer->isEnabled());
    QTest::keyClicks(customer, QStringLiteral("acme"));
    QTest::mouseClick(assignCustomer, Qt::LeftButton);
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->customerIds, QStringList{m_customerId});
    item->setCurrentIndex(item->findData(m_itemId));
    QTest::mouseClick(assignItem, Qt::LeftButton);
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->itemIds, QStringList{m_itemId});
    QCOMPARE(assignments->count(), 2);
    QCOMPARE(assignments->item(0)->text(), QStringLiteral("Customer: Acme GmbH"));
    snap(screen, QStringLiteral("taxrates-assigned"));
    // An unknown customer is refused in plain words.
    auto *customerError = screen.findChild<QLabel *>(QStringLiteral("taxRateError_customer"));
    QTest::keyClicks(customer, QStringLiteral("nobody"));
    QTest::keyClick(customer, Qt::Key_Return);
    QVERIFY2(customerError->text().contains(QStringLiteral("no customer")), qPrintable(customerError->text()));
    QVERIFY(customerError->isVisible());
    QVERIFY(error->isHidden());
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->customerIds.size(), 1);
    // Typing in the field again is fixing it: the message goes.
    QTest::keyClick(customer, Qt::Key_Backspace);
    QVERIFY(customerError->isHidden());
    customer->clear();

    // Remove the customer's assignment, undo it (assigned again), redo.
    assignments->setCurrentRow(0);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(rate(QStringLiteral("VAT 19%"))->customerIds.isEmpty());
    undo.undo();
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->customerIds, QStringList{m_customerId});
    undo.redo();
    QVERIFY(rate(QStringLiteral("VAT 19%"))->customerIds.isEmpty());
    undo.undo();

    // Once assigned, the rate can no longer be taken back by undoing its creation: it may be on invoices.
    QVERIFY_THROWS_EXCEPTION(ServiceError, BillingSetupService(*m_file, m_clock).deleteTaxRate(created->id));

    // Edit the percentage; undo restores it.
    pct->selectAll();
    QTest::keyClicks(pct, QStringLiteral("7"));
    QTest::keyClick(pct, Qt::Key_Return);
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->percentage, Decimal(7));
    undo.undo();
    QCOMPARE(rate(QStringLiteral("VAT 19%"))->percentage, Decimal(19));

    // Archive: invoices no longer apply it, it cannot be assigned; undo unarchives it.
    QTest::mouseClick(archive, Qt::LeftButton);
    QVERIFY(rate(QStringLiteral("VAT 19%"))->archivedAt.isValid());
    QVERIFY(BillingSetupService::applicableTaxRates(m_file->db()).isEmpty());
    QVERIFY(!assignCustomer->isEnabled());
    snap(screen, QStringLiteral("taxrates-archived"));
    undo.undo();
    QVERIFY(!rate(QStringLiteral("VAT 19%"))->archivedAt.isValid());
    QCOMPARE(BillingSetupService::applicableTaxRates(m_file->db()).size(), 1);

    QCOMPARE(auditActions(QStringLiteral("tax_rate"), created->id),
             (QStringList{QStringLiteral("tax_rate.create"), QStringLiteral("tax_rate.delete"), QStringLiteral("tax_rate.restore"),
                          QStringLiteral("tax_rate.assign"), QStringLiteral("tax_rate.assign"), QStringLiteral("tax_rate.unassign"),
                          QStringLiteral("tax_rate.assign"), QStringLiteral("tax_rate.unassign"), QStringLiteral("tax_rate.assign"),
                          QStringLiteral("tax_rate.update"), QStringLiteral("tax_rate.update"), QStringLiteral("tax_rate.archive"),
                          QStringLiteral("tax_rate.unarchive")}));
    QVERIFY(AuditLog(m_file->db()).verify().ok);
}

QTEST_MAIN(TestCatalogScreens)
#include "tst_catalogscreens.moc"
