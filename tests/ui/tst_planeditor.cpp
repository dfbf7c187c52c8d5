// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "models/Company.h"
#include "models/CompanyFile.h"
#include "tests/ui/GuiCompany.h"
#include "models/CustomerService.h"
#include "models/billing/SubscriptionService.h"
#include "models/catalog/CatalogService.h"
#include "ui/dialogs/PlanEditorDialog.h"
#include "ui/screens/PlansScreen.h"
#include "ui/widgets/PriceEditor.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QTimer>
#include <QApplication>
#include <QtTest>

using namespace orb;

/// The plan and price editor, driven through its widgets over a fresh company file.
class TestPlanEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createsPlanWithUnitAndTieredPrices();
    void editingATierCreatesVersion2();
    void unchangedEditCreatesNoVersion();
    void invalidTierTableSavesNothing_data();
    void invalidTierTableSavesNothing();
    void previewShowsAmountForQuantity();
    void matrixEditorSavesCells();
    void grabsEveryModelEditor();
    void plansScreenButtonsFollowFileAndPlan();
    void planEditCanBeUndone();

private:
    /// Creates "Scale" through the dialog: a unit platform fee and tiered API calls.
    QString createScalePlan();
    static PriceEditor *currentEditor(PlanEditorDialog &dialog);
    static void setCell(QWidget *editor, int row, int column, const QString &text);
    static void choose(QComboBox *combo, const QString &data);
    /// Clicks a cell of a table, types the text into its editor and presses Enter.
    static void typeCell(QTableWidget *table, int row, int column, const QString &text);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    int m_n = 0;
};

void TestPlanEditor::init()
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    CompanySettings settings;
    settings.name = QStringLiteral("Editor Test Ltd");
    m_file = test::createCompany(m_dir.filePath(QStringLiteral("c%1.orb").arg(++m_n)), settings, m_clock);
    CatalogService(*m_file, m_clock).importCatalog(R"({
        "items": [{"name": "Platform Fee"}, {"name": "API Calls"}],
        "billable_metrics": [
          {"name": "api_calls", "event_name": "api_request", "aggregation": "count"},
          {"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens"}]})");
}

void TestPlanEditor::cleanup()
{
    m_file.reset();
}

PriceEditor *TestPlanEditor::currentEditor(PlanEditorDialog &dialog)
{
    auto *stack = dialog.findChild<QStackedWidget *>(QStringLiteral("priceStack"));
    return qobject_cast<PriceEditor *>(stack->currentWidget());
}

void TestPlanEditor::setCell(QWidget *editor, int row, int column, const QString &text)
{
    auto *table = editor->findChild<QTableWidget *>(QStringLiteral("tierTable"));
    QVERIFY(table);
    QVERIFY(row < table->rowCount());
    table->item(row, column)->setText(text);
}

void TestPlanEditor::choose(QComboBox *combo, const QString &data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

void TestPlanEditor::typeCell(QTableWidget *table, int row, int column, const QString &text)
{
    QVERIFY(row < table->rowCount() && column < table->columnCount());
    table->scrollTo(table->model()->index(row, column));
    const QRect rect = table->visualRect(table->model()->index(row, column));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(table->currentRow(), row);
    QCOMPARE(table->currentColumn(), column);
    QTest::keyClick(table, Qt::Key_F2); // the edit key opens the cell's editor
    QLineEdit *editor = nullptr;
    for (QLineEdit *e : table->viewport()->findChildren<QLineEdit *>())
        if (e->isVisible())
            editor = e;
    QVERIFY2(editor, "no cell editor opened");
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(table->item(row, column)->text(), text); // the delegate commits on a queued call
}

QString TestPlanEditor::createScalePlan()
{
    PlanEditorDialog dialog(*m_file, m_clock);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("planNameEdit")), QStringLiteral("Scale"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("externalPlanIdEdit")), QStringLiteral("scale"));
    // The first price: the monthly platform fee, a unit price.
    PriceEditor *fee = currentEditor(dialog);
    QTest::keyClicks(fee->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    QTest::keyClicks(fee->findChild<QLineEdit *>(QStringLiteral("configField_unit_amount")), QStringLiteral("49.00"));
    // The second: API calls, tiered: the first 1000 free, then 0.002 each.
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addPriceButton")), Qt::LeftButton);
    PriceEditor *calls = currentEditor(dialog);
    if (calls == fee)
        return {};
    auto *name = calls->findChild<QLineEdit *>(QStringLiteral("priceNameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("API calls"));
    QTest::keyClicks(calls->findChild<QLineEdit *>(QStringLiteral("externalPriceIdEdit")), QStringLiteral("scale-calls"));
    QTest::keyClicks(calls->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(calls->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("api_calls"));
    choose(calls->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("tiered"));
    setCell(calls, 0, 1, QStringLiteral("1000"));
    setCell(calls, 0, 2, QStringLiteral("0"));
    QTest::mouseClick(calls->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
    setCell(calls, 1, 2, QStringLiteral("0.002"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    if (dialog.result() != QDialog::Accepted) {
        qWarning("%s", qPrintable(dialog.errorText()));
        return {};
    }
    return dialog.savedVersion()->planId;
}

void TestPlanEditor::createsPlanWithUnitAndTieredPrices()
{
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    CatalogService catalog(*m_file, m_clock);
    const Plan plan = catalog.plan(QStringLiteral("scale"));
    QCOMPARE(plan.id, id);
    QCOMPARE(plan.name, QStringLiteral("Scale"));
    QCOMPARE(plan.currency, QStringLiteral("USD"));
    QCOMPARE(plan.currentVersion, 1);
    const QJsonObject o = catalog.describe(plan, catalog.planVersion(plan));
    const QJsonArray prices = o.value(QStringLiteral("prices")).toArray();
    QCOMPARE(prices.size(), 2);
    const QJsonObject fee = prices.at(0).toObject();
    QCOMPARE(fee.value(QStringLiteral("model_type")).toString(), QStringLiteral("unit"));
    QCOMPARE(fee.value(QStringLiteral("unit_config")).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("49.00"));
    QCOMPARE(fee.value(QStringLiteral("item_name")).toString(), QStringLiteral("Platform Fee"));
    QCOMPARE(fee.value(QStringLiteral("price_type")).toString(), QStringLiteral("fixed_price"));
    QCOMPARE(fee.value(QStringLiteral("billing_mode")).toString(), QStringLiteral("in_advance"));
    const QJsonObject calls = prices.at(1).toObject();
    QCOMPARE(calls.value(QStringLiteral("name")).toString(), QStringLiteral("API calls"));
    QCOMPARE(calls.value(QStringLiteral("billable_metric_name")).toString(), QStringLiteral("api_calls"));
    QCOMPARE(calls.value(QStringLiteral("billing_mode")).toString(), QStringLiteral("in_arrear"));
    QCOMPARE(calls.value(QStringLiteral("external_price_id")).toString(), QStringLiteral("scale-calls"));
    const QJsonArray tiers = calls.value(QStringLiteral("tiered_config")).toObject().value(QStringLiteral("tiers")).toArray();
    QCOMPARE(tiers.size(), 2);
    QCOMPARE(tiers.at(0).toObject().value(QStringLiteral("last_unit")).toDouble(), 1000.0);
    QCOMPARE(tiers.at(1).toObject().value(QStringLiteral("first_unit")).toDouble(), 1000.0);
    QVERIFY(tiers.at(1).toObject().value(QStringLiteral("last_unit")).isNull());
    QCOMPARE(tiers.at(1).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("0.002"));
}

void TestPlanEditor::editingATierCreatesVersion2()
{
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    // A customer subscribed to version 1 before the edit.
    Customer customer;
    customer.name = QStringLiteral("Acme");
    customer.externalCustomerId = QStringLiteral("acme");
    CustomerService(*m_file, m_clock).create(customer);
    SubscriptionDraft draft;
    draft.customer = QStringLiteral("acme");
    draft.plan = QStringLiteral("scale");
    draft.startDate = QDate(2026, 5, 1);
    const QString subscription = SubscriptionService(*m_file, m_clock).create(draft).id;
    const QString version1 = CatalogService(*m_file, m_clock).planVersion(CatalogService(*m_file, m_clock).plan(id)).id;
    {
        PlanEditorDialog dialog(*m_file, m_clock, id);
        dialog.show();
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("versionNote"))->text().contains(QStringLiteral("creates version 2")));
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("planCurrencyCombo"))->isEnabled());
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("priceList"));
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(1)->text(), QStringLiteral("API calls"));
        list->setCurrentRow(1);
        setCell(currentEditor(dialog), 1, 2, QStringLiteral("0.0015"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
        QVERIFY2(dialog.result() == QDialog::Accepted, qPrintable(dialog.errorText()));
        QCOMPARE(dialog.savedVersion()->version, 2);
    }
    CatalogService catalog(*m_file, m_clock);
    const Plan plan = catalog.plan(id);
    QCOMPARE(plan.currentVersion, 2);
    auto secondTier = [&](int number) {
        const PlanVersion v = catalog.planVersion(plan, number);
        return v.prices.at(1)
            .value(QStringLiteral("tiered_config"))
            .toObject()
            .value(QStringLiteral("tiers"))
            .toArray()
            .at(1)
            .toObject()
            .value(QStringLiteral("unit_amount"))
            .toString();
    };
    QCOMPARE(secondTier(1), QStringLiteral("0.002")); // version 1 stays as it was, for its subscriptions
    QCOMPARE(secondTier(2), QStringLiteral("0.0015"));
    // The subscription stays on version 1; new ones get version 2.
    QCOMPARE(SubscriptionService(*m_file, m_clock).get(subscription).phases.at(0).planVersionId, version1);
    QVERIFY(catalog.planVersion(plan).id != version1);
    QCOMPARE(catalog.planVersion(plan, 1).prices.at(0), [&] {
        QJsonObject p = catalog.planVersion(plan, 2).prices.at(0);
        p.insert(QStringLiteral("id"), catalog.planVersion(plan, 1).prices.at(0).value(QStringLiteral("id")));
        return p;
    }());
}

void TestPlanEditor::unchangedEditCreatesNoVersion()
{
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    PlanEditorDialog dialog(*m_file, m_clock, id);
    dialog.show();
    // Only a descriptive field: the plan changes in place.
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("planNameEdit")), QStringLiteral(" Pro"));
    QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
    CatalogService catalog(*m_file, m_clock);
    const Plan plan = catalog.plan(id);
    QCOMPARE(plan.name, QStringLiteral("Scale Pro"));
    QCOMPARE(plan.currentVersion, 1);
    QCOMPARE(catalog.plans().versionNumbers(id).size(), 1);
}

void TestPlanEditor::invalidTierTableSavesNothing_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("overlap") << 1 << 0 << QStringLiteral("900")
                             << QStringLiteral("Price 2 “API calls”, tier 2, first unit: overlaps the previous tier, which ends at 1000");
    QTest::newRow("gap") << 1 << 0 << QStringLiteral("1200") << QStringLiteral("tier 2, first unit: leaves a gap after the previous tier, which ends at 1000");
    QTest::newRow("bad amount") << 1 << 2 << QStringLiteral("0,002") << QStringLiteral("tier 2, unit amount: '0,002' is not a decimal number");
    QTest::newRow("negative amount") << 0 << 2 << QStringLiteral("-1") << QStringLiteral("tier 1, unit amount: must not be negative");
}

void TestPlanEditor::invalidTierTableSavesNothing()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    CatalogService catalog(*m_file, m_clock);
    const QJsonObject before = catalog.describe(catalog.plan(id), catalog.planVersion(catalog.plan(id)));
    PlanEditorDialog dialog(*m_file, m_clock, id);
    dialog.show();
    dialog.findChild<QListWidget *>(QStringLiteral("priceList"))->setCurrentRow(1);
    setCell(currentEditor(dialog), row, column, text);
    // The preview says why already, before saving.
    const QString previewError = currentEditor(dialog)->findChild<QLabel *>(QStringLiteral("previewErrors"))->text();
    QVERIFY2(!previewError.isEmpty(), "the preview shows no error");
    dialog.findChild<QListWidget *>(QStringLiteral("priceList"))->setCurrentRow(0);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // stays open for the correction
    QVERIFY(!dialog.savedVersion());
    const QString errors = dialog.errorText();
    QVERIFY2(errors.contains(QStringLiteral("Nothing was saved")), qPrintable(errors));
    QVERIFY2(errors.contains(expected), qPrintable(errors));
    // The price in question is shown again.
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("priceList"))->currentRow(), 1);
    if (const QString dir = qEnvironmentVariable("ORB_GRAB_DIR"); !dir.isEmpty() && QByteArray(QTest::currentDataTag()) == "overlap") {
        QCoreApplication::processEvents();
        QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("planeditor-refused.png"))));
    }
    const Plan plan = catalog.plan(id);
    QCOMPARE(plan.currentVersion, 1);
    QCOMPARE(catalog.plans().versionNumbers(id).size(), 1);
    QCOMPARE(catalog.describe(plan, catalog.planVersion(plan)), before);
}

void TestPlanEditor::previewShowsAmountForQuantity()
{
    PlanEditorDialog dialog(*m_file, m_clock);
    dialog.show();
    PriceEditor *editor = currentEditor(dialog);
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("tiered"));
    setCell(editor, 0, 1, QStringLiteral("1000"));
    setCell(editor, 0, 2, QStringLiteral("0"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
    setCell(editor, 1, 2, QStringLiteral("0.002"));
    auto *quantity = editor->findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
    quantity->clear();
    QTest::keyClicks(quantity, QStringLiteral("1500"));
    auto *summary = editor->findChild<QLabel *>(QStringLiteral("previewSummary"));
    // 1000 free, then 500 × 0.002 = 1.00
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("amount <b>$1.00</b>")), qPrintable(summary->text()));
    QCOMPARE(editor->findChild<QTableWidget *>(QStringLiteral("subLineTable"))->rowCount(), 2);
    // The unit price follows the amount typed, in the plan's currency.
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("unit"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("configField_unit_amount")), QStringLiteral("0.25"));
    choose(dialog.findChild<QComboBox *>(QStringLiteral("planCurrencyCombo")), QStringLiteral("EUR"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("€375.00")), qPrintable(summary->text()));
    // Switching back keeps the tiers typed.
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("tiered"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("1.00")), qPrintable(summary->text()));
    setCell(editor, 1, 2, QStringLiteral("abc"));
    QVERIFY(summary->text().isEmpty());
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("previewErrors"))->text().contains(QStringLiteral("'abc' is not a decimal number")));
}

void TestPlanEditor::matrixEditorSavesCells()
{
    PlanEditorDialog dialog(*m_file, m_clock);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("planNameEdit")), QStringLiteral("Tokens"));
    PriceEditor *editor = currentEditor(dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("tokens"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("matrix"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("matrixDimension1Edit")), QStringLiteral("model"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("configField_default_unit_amount")), QStringLiteral("0.00003"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addMatrixRowButton")), Qt::LeftButton);
    auto *grid = editor->findChild<QTableWidget *>(QStringLiteral("matrixGrid"));
    QVERIFY(grid);
    typeCell(grid, 1, 0, QStringLiteral("small"));
    typeCell(grid, 1, 1, QStringLiteral("0.00001"));
    QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
    const PlanVersion v = *dialog.savedVersion();
    const QJsonObject config = v.prices.at(0).value(QStringLiteral("matrix_config")).toObject();
    QCOMPARE(config.value(QStringLiteral("dimensions")).toArray(), (QJsonArray{QStringLiteral("model"), QJsonValue(QJsonValue::Null)}));
    QCOMPARE(config.value(QStringLiteral("default_unit_amount")).toString(), QStringLiteral("0.00003"));
    const QJsonObject cell = config.value(QStringLiteral("matrix_values")).toArray().at(0).toObject();
    QCOMPARE(cell.value(QStringLiteral("unit_amount")).toString(), QStringLiteral("0.00001"));
    QCOMPARE(cell.value(QStringLiteral("dimension_values")).toArray().at(0).toString(), QStringLiteral("small"));
}

void TestPlanEditor::grabsEveryModelEditor()
{
    // Pictures to look at (ORB_GRAB_DIR); every editor must at least build its form and preview.
    const QString dir = qEnvironmentVariable("ORB_GRAB_DIR");
    PlanEditorDialog dialog(*m_file, m_clock);
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("planNameEdit")), QStringLiteral("Growth"));
    PriceEditor *editor = currentEditor(dialog);
    auto *model = editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo"));
    for (const char *type : {"unit", "package", "tiered", "bulk", "matrix", "tiered_package", "grouped_allocation", "bps"}) {
        choose(model, QLatin1String(type));
        QVERIFY(editor->findChild<QWidget *>(QStringLiteral("modelConfigEditor")));
        if (QLatin1String(type) == QLatin1String("tiered")) {
            setCell(editor, 0, 1, QStringLiteral("1000"));
            setCell(editor, 0, 2, QStringLiteral("0"));
            QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
            setCell(editor, 1, 2, QStringLiteral("0.002"));
        }
        QCoreApplication::processEvents(); // the layouts settle as they would on screen
        const QPixmap picture = dialog.grab();
        QVERIFY(!picture.isNull());
        if (!dir.isEmpty())
            QVERIFY(picture.save(QDir(dir).filePath(QStringLiteral("planeditor-%1.png").arg(QLatin1String(type)))));
    }
}

void TestPlanEditor::plansScreenButtonsFollowFileAndPlan()
{
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    {
        PlansScreen screen(*m_file, m_clock);
        QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("newPlanButton"))->isEnabled());
        QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("editPlanButton"))->isEnabled());
        QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("archivePlanButton"))->isEnabled());
        CatalogService(*m_file, m_clock).archivePlan(id);
        screen.reload();
        // An archived plan can still be edited (its next version), not archived again.
        QVERIFY(screen.findChild<QPushButton *>(QStringLiteral("editPlanButton"))->isEnabled());
        QVERIFY(!screen.findChild<QPushButton *>(QStringLiteral("archivePlanButton"))->isEnabled());
    }
    const QString path = m_file->path();
    m_file.reset();
    const auto readOnly = CompanyFile::openReadOnly(path);
    PlansScreen screen(*readOnly, m_clock);
    for (const char *name : {"newPlanButton", "editPlanButton", "archivePlanButton"})
        QVERIFY2(!screen.findChild<QPushButton *>(QLatin1String(name))->isEnabled(), name);
}

void TestPlanEditor::planEditCanBeUndone()
{
    const QString id = createScalePlan();
    QVERIFY(!id.isEmpty());
    CatalogService catalog(*m_file, m_clock);
    const QString name = catalog.plan(id).name;
    const int versions = catalog.planVersion(catalog.plan(id)).version;
    QUndoStack undo;
    PlansScreen screen(*m_file, m_clock);
    screen.setUndoStack(&undo);
    // The editor opens modally: rename the plan in it and save.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<PlanEditorDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("planNameEdit"));
        edit->setText(QStringLiteral("Renamed plan"));
        dialog->accept();
    });
    QTest::mouseClick(screen.findChild<QPushButton *>(QStringLiteral("editPlanButton")), Qt::LeftButton);
    QCOMPARE(CatalogService(*m_file, m_clock).plan(id).name, QStringLiteral("Renamed plan"));
    QCOMPARE(undo.count(), 1);
    QCOMPARE(undo.undoText(), QStringLiteral("Edit plan Renamed plan"));
    undo.undo();
    QCOMPARE(CatalogService(*m_file, m_clock).plan(id).name, name);
    undo.redo();
    QCOMPARE(CatalogService(*m_file, m_clock).plan(id).name, QStringLiteral("Renamed plan"));
    // A rename changes no price: no new version along the way.
    QCOMPARE(CatalogService(*m_file, m_clock).planVersion(CatalogService(*m_file, m_clock).plan(id)).version, versions);
}

QTEST_MAIN(TestPlanEditor)
#include "tst_planeditor.moc"
