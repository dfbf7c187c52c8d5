// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/pricing/Price.h"
#include "models/Company.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/catalog/CatalogService.h"
#include "ui/dialogs/NewMetricDialog.h"
#include "ui/dialogs/PlanEditorDialog.h"
#include "ui/screens/PlansScreen.h"
#include "ui/widgets/PriceConfigEditor.h"
#include "ui/widgets/PriceEditor.h"
#include "ui/widgets/PriceSummary.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace orb;
using namespace Qt::StringLiterals;

/// The plan editor's forms for every price model, its adjustments, its refusals next to the
/// fields and its inline items and metrics, driven through real widgets over a fresh company file.
class TestPlanEditorForms : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyModelHasAForm_data();
    void everyModelHasAForm();
    void bpsAndPercentageTypedAndStored();
    void tieredBpsTableTypedAndStored();
    void matrixGridTwoDimensions();
    void gridModelsTypedAndStored_data();
    void gridModelsTypedAndStored();
    void compositePercentWithFilter();
    void adjustmentsWithTheirPrices();
    void refusalNextToFieldGoesWhenFixed();
    void planMetadataEdited();
    void enterDoesNotSave();
    void currencyIsAnIsoCode();
    void itemAndMetricCreatedInline();
    void itemCreatedInlineGoesWithTheCancelledPlan();
    void metricDefinedInlineGoesWithTheCancelledPlan();
    void plansScreenSummary();
    void advancedJsonRoundTrip();
    void screenshots();

private:
    PlanEditorDialog *newDialog(const QString &name);
    static PriceEditor *current(PlanEditorDialog &dialog);
    static void choose(QComboBox *combo, const QString &data);
    static void typeCell(QTableWidget *table, int row, int column, const QString &text);
    static void typeField(QWidget *editor, const QString &name, const QString &text);
    QJsonObject storedPrice(const PlanEditorDialog &dialog, int index);
    void grab(QWidget *w, const QString &name);

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC)};
    std::unique_ptr<CompanyFile> m_file;
    std::unique_ptr<PlanEditorDialog> m_dialog;
    int m_n = 0;
};

void TestPlanEditorForms::init()
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    CompanySettings settings;
    settings.name = QStringLiteral("Forms Test Ltd");
    m_file = CompanyFile::create(m_dir.filePath(QStringLiteral("f%1.orb").arg(++m_n)), settings, m_clock);
    CatalogService(*m_file, m_clock).importCatalog(R"({
        "items": [{"name": "Platform Fee"}, {"name": "API Calls"}, {"name": "Payments"}],
        "billable_metrics": [
          {"name": "api_calls", "event_name": "api_request", "aggregation": "count"},
          {"name": "payment_volume", "event_name": "payment", "aggregation": "sum", "property": "amount"},
          {"name": "tokens", "event_name": "completion", "aggregation": "sum", "property": "tokens"}]})");
}

void TestPlanEditorForms::cleanup()
{
    m_dialog.reset();
    m_file.reset();
}

PlanEditorDialog *TestPlanEditorForms::newDialog(const QString &name)
{
    m_dialog = std::make_unique<PlanEditorDialog>(*m_file, m_clock);
    m_dialog->show();
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("planNameEdit")), name);
    return m_dialog.get();
}

PriceEditor *TestPlanEditorForms::current(PlanEditorDialog &dialog)
{
    return qobject_cast<PriceEditor *>(dialog.findChild<QStackedWidget *>(QStringLiteral("priceStack"))->currentWidget());
}

void TestPlanEditorForms::choose(QComboBox *combo, const QString &data)
{
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

void TestPlanEditorForms::typeCell(QTableWidget *table, int row, int column, const QString &text)
{
    QVERIFY(table);
    QVERIFY2(row < table->rowCount() && column < table->columnCount(), qPrintable(QStringLiteral("%1,%2").arg(row).arg(column)));
    table->scrollTo(table->model()->index(row, column));
    const QRect rect = table->visualRect(table->model()->index(row, column));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(table->currentRow(), row);
    QCOMPARE(table->currentColumn(), column);
    QTest::keyClick(table, Qt::Key_F2);
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

void TestPlanEditorForms::typeField(QWidget *editor, const QString &name, const QString &text)
{
    auto *edit = editor->findChild<QLineEdit *>(name);
    QVERIFY2(edit, qPrintable(name));
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

QJsonObject TestPlanEditorForms::storedPrice(const PlanEditorDialog &dialog, int index)
{
    CatalogService catalog(*m_file, m_clock);
    const Plan plan = catalog.plan(dialog.savedVersion()->planId);
    return catalog.describe(plan, catalog.planVersion(plan)).value(QStringLiteral("prices")).toArray().at(index).toObject();
}

void TestPlanEditorForms::grab(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORB_GRAB_DIR");
    QCoreApplication::processEvents();
    const QPixmap picture = w->grab();
    QVERIFY(!picture.isNull());
    if (!dir.isEmpty())
        QVERIFY(picture.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

void TestPlanEditorForms::everyModelHasAForm_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : pricing::Price::modelTypes())
        QTest::newRow(qPrintable(type)) << type;
}

void TestPlanEditorForms::everyModelHasAForm()
{
    QFETCH(QString, type);
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Forms"));
    PriceEditor *editor = current(*dialog);
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), type);
    // A form, not JSON text: the JSON is only behind Advanced.
    QVERIFY(editor->findChild<QWidget *>(QStringLiteral("modelConfigEditor")));
    QVERIFY2(!editor->findChild<QWidget *>(QStringLiteral("configJsonEdit")), qPrintable(type));
    QVERIFY(!editor->findChild<QWidget *>(QStringLiteral("priceJsonEdit"))->isVisible());
    // Advanced shows the same settings as JSON, and back.
    const QJsonObject before = editor->price();
    editor->findChild<QCheckBox *>(QStringLiteral("advancedCheck"))->setChecked(true);
    QVERIFY(editor->findChild<QWidget *>(QStringLiteral("configJsonEdit")));
    editor->findChild<QCheckBox *>(QStringLiteral("advancedCheck"))->setChecked(false);
    QVERIFY(!editor->findChild<QWidget *>(QStringLiteral("configJsonEdit")));
    QCOMPARE(editor->price(), before);
}

void TestPlanEditorForms::bpsAndPercentageTypedAndStored()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Payments"));
    PriceEditor *bps = current(*dialog);
    QTest::keyClicks(bps->findChild<QLineEdit *>(QStringLiteral("priceNameEdit")), QStringLiteral(" card"));
    QTest::keyClicks(bps->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Payments"));
    choose(bps->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("payment_volume"));
    choose(bps->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("bps"));
    typeField(bps, QStringLiteral("configField_bps"), QStringLiteral("125"));
    typeField(bps, QStringLiteral("configField_per_unit_maximum"), QStringLiteral("11.00"));
    // The preview charges per event: 100 → 1.25, 1000 → min(12.50, 11) = 12.25.
    auto *quantity = bps->findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
    Q_UNUSED(quantity);

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addPriceButton")), Qt::LeftButton);
    PriceEditor *pct = current(*dialog);
    QVERIFY(pct != bps);
    QTest::keyClicks(pct->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Payments"));
    choose(pct->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("payment_volume"));
    choose(pct->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("percentage"));
    typeField(pct, QStringLiteral("configField_rate"), QStringLiteral("1.2"));
    typeField(pct, QStringLiteral("configField_fixed_amount"), QStringLiteral("0.10"));
    typeField(pct, QStringLiteral("configField_free_units_per_events"), QStringLiteral("3"));
    typeField(pct, QStringLiteral("configField_free_units_per_total_aggregation"), QStringLiteral("500"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));

    const QJsonObject storedBps = storedPrice(*dialog, 0);
    QCOMPARE(storedBps.value(QStringLiteral("model_type")).toString(), QStringLiteral("bps"));
    const QJsonObject bpsConfig = storedBps.value(QStringLiteral("bps_config")).toObject();
    QCOMPARE(PriceConfigEditor::decimalText(bpsConfig.value(QStringLiteral("bps"))), QStringLiteral("125"));
    QCOMPARE(bpsConfig.value(QStringLiteral("per_unit_maximum")).toString(), QStringLiteral("11.00"));
    const QJsonObject storedPct = storedPrice(*dialog, 1);
    const QJsonObject pctConfig = storedPct.value(QStringLiteral("percentage_config")).toObject();
    QCOMPARE(PriceConfigEditor::decimalText(pctConfig.value(QStringLiteral("rate"))), QStringLiteral("1.2"));
    QCOMPARE(PriceConfigEditor::decimalText(pctConfig.value(QStringLiteral("fixed_amount"))), QStringLiteral("0.10"));
    QCOMPARE(PriceConfigEditor::decimalText(pctConfig.value(QStringLiteral("free_units_per_events"))), QStringLiteral("3"));
    QCOMPARE(PriceConfigEditor::decimalText(pctConfig.value(QStringLiteral("free_units_per_total_aggregation"))), QStringLiteral("500"));
    QVERIFY(!pctConfig.contains(QStringLiteral("per_transaction_min_amount"))); // left empty: not given
}

void TestPlanEditorForms::tieredBpsTableTypedAndStored()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Volume"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Payments"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("payment_volume"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("tiered_bps"));
    auto *tiers = editor->findChild<QTableWidget *>(QStringLiteral("tierTable"));
    QCOMPARE(tiers->rowCount(), 1);
    QCOMPARE(tiers->item(0, 0)->text(), QStringLiteral("0"));
    typeCell(tiers, 0, 1, QStringLiteral("1000000.00"));
    typeCell(tiers, 0, 2, QStringLiteral("125"));
    typeCell(tiers, 0, 3, QStringLiteral("19.00"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
    QCOMPARE(tiers->item(1, 0)->text(), QStringLiteral("1000000.00")); // starts where the tier above ends
    typeCell(tiers, 1, 2, QStringLiteral("100"));
    typeCell(tiers, 1, 3, QStringLiteral("4.00"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const QJsonArray stored = storedPrice(*dialog, 0).value(QStringLiteral("tiered_bps_config")).toObject().value(QStringLiteral("tiers")).toArray();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(PriceConfigEditor::decimalText(stored.at(0).toObject().value(QStringLiteral("maximum_amount"))), QStringLiteral("1000000.00"));
    QCOMPARE(PriceConfigEditor::decimalText(stored.at(0).toObject().value(QStringLiteral("per_unit_maximum"))), QStringLiteral("19.00"));
    QCOMPARE(PriceConfigEditor::decimalText(stored.at(1).toObject().value(QStringLiteral("minimum_amount"))), QStringLiteral("1000000.00"));
    QCOMPARE(PriceConfigEditor::decimalText(stored.at(1).toObject().value(QStringLiteral("bps"))), QStringLiteral("100"));
    QVERIFY(stored.at(1).toObject().value(QStringLiteral("maximum_amount")).isNull());
}

void TestPlanEditorForms::matrixGridTwoDimensions()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Compute"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("tokens"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("matrix"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("matrixDimension1Edit")), QStringLiteral("cluster"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("matrixDimension2Edit")), QStringLiteral("region"));
    typeField(editor, QStringLiteral("configField_default_unit_amount"), QStringLiteral("3.00"));
    auto *grid = editor->findChild<QTableWidget *>(QStringLiteral("matrixGrid"));
    // Two values down (alpha, beta), two across (west, east): a 3 × 3 grid with the corner.
    for (int i = 0; i < 2; ++i)
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addMatrixRowButton")), Qt::LeftButton);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addMatrixColumnButton")), Qt::LeftButton);
    QCOMPARE(grid->rowCount(), 3);
    QCOMPARE(grid->columnCount(), 3);
    typeCell(grid, 0, 1, QStringLiteral("west"));
    typeCell(grid, 0, 2, QStringLiteral("east"));
    typeCell(grid, 1, 0, QStringLiteral("alpha"));
    typeCell(grid, 2, 0, QStringLiteral("beta"));
    typeCell(grid, 1, 1, QStringLiteral("2.00"));
    typeCell(grid, 2, 2, QStringLiteral("1.50")); // alpha/east and beta/west stay empty: the default
    grab(dialog, QStringLiteral("planeditor-matrix-grid"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const QJsonObject config = storedPrice(*dialog, 0).value(QStringLiteral("matrix_config")).toObject();
    QCOMPARE(config.value(QStringLiteral("dimensions")).toArray(), (QJsonArray{QStringLiteral("cluster"), QStringLiteral("region")}));
    QCOMPARE(config.value(QStringLiteral("default_unit_amount")).toString(), QStringLiteral("3.00"));
    const QJsonArray cells = config.value(QStringLiteral("matrix_values")).toArray();
    QCOMPARE(cells.size(), 2);
    QCOMPARE(cells.at(0).toObject().value(QStringLiteral("dimension_values")).toArray(), (QJsonArray{QStringLiteral("alpha"), QStringLiteral("west")}));
    QCOMPARE(cells.at(0).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("2.00"));
    QCOMPARE(cells.at(1).toObject().value(QStringLiteral("dimension_values")).toArray(), (QJsonArray{QStringLiteral("beta"), QStringLiteral("east")}));
    QCOMPARE(cells.at(1).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("1.50"));
    // Opened again, the grid shows the same values in the same places.
    PlanEditorDialog again(*m_file, m_clock, dialog->savedVersion()->planId);
    auto *grid2 = again.findChild<QTableWidget *>(QStringLiteral("matrixGrid"));
    QCOMPARE(grid2->item(0, 1)->text(), QStringLiteral("west"));
    QCOMPARE(grid2->item(2, 0)->text(), QStringLiteral("beta"));
    QCOMPARE(grid2->item(2, 2)->text(), QStringLiteral("1.50"));
    QCOMPARE(grid2->item(1, 2)->text(), QString());
}

void TestPlanEditorForms::gridModelsTypedAndStored_data()
{
    // Each model's cells typed into its 2-D grid (values down the left, across the top), with
    // the form's other fields; the array the service stores is compared as a whole.
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("steps"); // "field NAME=TEXT", "click NAME", "cell TABLE R,C=TEXT"
    QTest::addColumn<QString>("key");       // the config's array the grid writes
    QTest::addColumn<QString>("stored");    // that array as stored (JSON)
    QTest::newRow("matrix_with_threshold_discounts") << u"matrix_with_threshold_discounts"_s
                                                     << QStringList{u"field configField_first_dimension=model"_s,
                                                                    u"field configField_second_dimension=region"_s,
                                                                    u"field configField_default_unit_amount=1.00"_s,
                                                                    u"click addGridRowButton"_s,
                                                                    u"click addGridRowButton"_s,
                                                                    u"click addGridColumnButton"_s,
                                                                    u"cell configGrid 0,1=us"_s,
                                                                    u"cell configGrid 0,2=eu"_s,
                                                                    u"cell configGrid 1,0=gpt"_s,
                                                                    u"cell configGrid 2,0=claude"_s,
                                                                    u"cell configGrid 1,1=0.50"_s,
                                                                    u"cell configGrid 1,2=0.60"_s,
                                                                    u"cell configGrid 2,1=0.40"_s}
                                                     << u"matrix_values"_s
                                                     << uR"([{"first_dimension_value":"gpt","second_dimension_value":"us","unit_amount":"0.50"},
                {"first_dimension_value":"gpt","second_dimension_value":"eu","unit_amount":"0.60"},
                {"first_dimension_value":"claude","second_dimension_value":"us","unit_amount":"0.40"}])"_s;
    QTest::newRow("scalable_matrix_with_unit_pricing, one dimension")
        << u"scalable_matrix_with_unit_pricing"_s
        << QStringList{u"field configField_first_dimension=model"_s,
                       u"field configField_unit_price=0.10"_s,
                       u"click addGridRowButton"_s,
                       u"click addGridRowButton"_s,
                       u"cell configGrid 1,0=gpt"_s,
                       u"cell configGrid 1,1=1.5"_s,
                       u"cell configGrid 2,0=claude"_s,
                       u"cell configGrid 2,1=2"_s}
        << u"matrix_scaling_factors"_s
        << uR"([{"first_dimension_value":"gpt","scaling_factor":"1.5"},{"first_dimension_value":"claude","scaling_factor":"2"}])"_s;
    QTest::newRow("scalable_matrix_with_tiered_pricing, an any column")
        << u"scalable_matrix_with_tiered_pricing"_s
        << QStringList{u"field configField_first_dimension=model"_s,
                       u"field configField_second_dimension=region"_s,
                       u"click addGridRowButton"_s,
                       u"click addGridColumnButton"_s,
                       u"cell configGrid 0,1=us"_s,
                       u"cell configGrid 1,0=gpt"_s,
                       u"cell configGrid 1,1=2"_s,
                       u"cell configGrid 1,2=1.5"_s,
                       u"click addRowButton_tiers"_s,
                       u"cell configTable_tiers 0,0=0"_s,
                       u"cell configTable_tiers 0,1=0.01"_s}
        << u"matrix_scaling_factors"_s << uR"([{"first_dimension_value":"gpt","second_dimension_value":"us","scaling_factor":"2"},
                {"first_dimension_value":"gpt","scaling_factor":"1.5"}])"_s;
    QTest::newRow("daily_credit_allowance")
        << u"daily_credit_allowance"_s
        << QStringList{u"field configField_daily_allowance=100"_s,
                       u"field configField_default_unit_amount=1"_s,
                       u"field configField_event_day_property=day"_s,
                       u"field configField_dimensions0=model"_s,
                       u"click addGridRowButton"_s,
                       u"click addGridRowButton"_s,
                       u"cell configGrid 1,0=gpt"_s,
                       u"cell configGrid 1,1=2"_s,
                       u"cell configGrid 2,0=claude"_s,
                       u"cell configGrid 2,1=3"_s}
        << u"matrix_values"_s << uR"([{"dimension_values":["gpt",null],"unit_amount":"2"},{"dimension_values":["claude",null],"unit_amount":"3"}])"_s;
    // Bounds typed out of order across the top are stored rising, as tiers must be.
    QTest::newRow("grouped_tiered_matrix") << u"grouped_tiered_matrix"_s
                                           << QStringList{u"field configField_dimension=model"_s,
                                                          u"field configField_default_unit_amount=0.05"_s,
                                                          u"click addGridRowButton"_s,
                                                          u"click addGridRowButton"_s,
                                                          u"click addGridColumnButton"_s,
                                                          u"cell configGrid 0,1=1000"_s,
                                                          u"cell configGrid 0,2=0"_s,
                                                          u"cell configGrid 1,0=gpt"_s,
                                                          u"cell configGrid 1,1=0.08"_s,
                                                          u"cell configGrid 1,2=0.10"_s,
                                                          u"cell configGrid 2,0=claude"_s,
                                                          u"cell configGrid 2,2=0.20"_s}
                                           << u"tiers"_s << uR"([{"dimension_value":"gpt","tier_lower_bound":"0","unit_amount":"0.10"},
                {"dimension_value":"gpt","tier_lower_bound":"1000","unit_amount":"0.08"},
                {"dimension_value":"claude","tier_lower_bound":"0","unit_amount":"0.20"}])"_s;
}

void TestPlanEditorForms::gridModelsTypedAndStored()
{
    QFETCH(QString, model);
    QFETCH(QStringList, steps);
    QFETCH(QString, key);
    QFETCH(QString, stored);
    PlanEditorDialog *dialog = newDialog(u"Grid "_s + model);
    QApplication::setActiveWindow(dialog);
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("tokens"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), model);
    QVERIFY2(editor->findChild<QTableWidget *>(u"configGrid"_s), "the cells as a grid");
    for (const QString &step : std::as_const(steps)) {
        const qsizetype space = step.indexOf(QLatin1Char(' '));
        const QString verb = step.left(space);
        const QString rest = step.mid(space + 1);
        if (verb == QLatin1String("field")) {
            const qsizetype eq = rest.indexOf(QLatin1Char('='));
            auto *edit = editor->findChild<QLineEdit *>(rest.left(eq));
            QVERIFY2(edit, qPrintable(rest));
            QTest::keyClicks(edit, rest.mid(eq + 1));
        } else if (verb == QLatin1String("click")) {
            auto *button = editor->findChild<QPushButton *>(rest);
            QVERIFY2(button && button->isEnabled(), qPrintable(rest));
            QTest::mouseClick(button, Qt::LeftButton);
        } else {
            const QStringList parts = rest.split(QLatin1Char(' '));
            const qsizetype eq = parts.at(1).indexOf(QLatin1Char('='));
            const QStringList rc = parts.at(1).left(eq).split(QLatin1Char(','));
            typeCell(editor->findChild<QTableWidget *>(parts.at(0)), rc.at(0).toInt(), rc.at(1).toInt(), parts.at(1).mid(eq + 1));
        }
        if (QTest::currentTestFailed())
            return;
    }
    // The live preview reads the same config: no refusal while the grid is complete.
    QVERIFY2(editor->findChild<QLabel *>(QStringLiteral("gridErrors"))->isHidden(),
             qPrintable(editor->findChild<QLabel *>(QStringLiteral("gridErrors"))->text()));
    grab(dialog, u"planeditor-grid-"_s + model);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const QJsonObject price = storedPrice(*dialog, 0);
    const QJsonObject config = price.value(model + u"_config"_s).toObject();
    QCOMPARE(config.value(key).toArray(), QJsonDocument::fromJson(stored.toUtf8()).array());
    // Opened again, the grid shows the same cells; the Plans screen's summary shows a table of them.
    PlanEditorDialog again(*m_file, m_clock, dialog->savedVersion()->planId);
    auto *grid = again.findChild<QTableWidget *>(u"configGrid"_s);
    QVERIFY(grid);
    const QJsonArray cells = config.value(key).toArray();
    PriceSummary summary;
    summary.setPrice(price, u"API Calls"_s, u"tokens"_s, u"USD"_s);
    auto *table = summary.findChild<QTableWidget *>(u"priceSummaryTable"_s);
    QVERIFY(table->rowCount() >= grid->rowCount() - 1);
    for (int r = 1; r < grid->rowCount(); ++r)
        QCOMPARE(table->item(r - 1, 0)->text(), grid->item(r, 0)->text());
    QVERIFY(table->columnCount() >= grid->columnCount());
    if (grid->columnCount() > 2 && !grid->item(0, 1)->text().isEmpty())
        QVERIFY2(table->horizontalHeaderItem(1)->text().contains(grid->item(0, 1)->text()), qPrintable(table->horizontalHeaderItem(1)->text()));
}

void TestPlanEditorForms::compositePercentWithFilter()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Managed"));
    PriceEditor *fee = current(*dialog);
    QTest::keyClicks(fee->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    typeField(fee, QStringLiteral("configField_unit_amount"), QStringLiteral("100.00"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addPriceButton")), Qt::LeftButton);
    PriceEditor *support = current(*dialog);
    QTest::keyClicks(support->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    choose(support->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("percent"));
    QVERIFY(support->findChild<QWidget *>(QStringLiteral("compositeFiltersBox"))->isVisible());
    typeField(support, QStringLiteral("configField_percent"), QStringLiteral("0.1"));
    typeField(support, QStringLiteral("configField_minimum_amount"), QStringLiteral("5.00"));
    QTest::mouseClick(support->findChild<QPushButton *>(QStringLiteral("addFilterButton")), Qt::LeftButton);
    auto *filters = support->findChild<QTableWidget *>(QStringLiteral("compositeFilterTable"));
    typeCell(filters, 0, 2, QStringLiteral("fixed_price"));
    // The preview prices it on the other prices' subtotal typed as the quantity: 10 % of 200.
    auto *quantity = support->findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
    quantity->clear();
    QTest::keyClicks(quantity, QStringLiteral("200"));
    auto *summary = support->findChild<QLabel *>(QStringLiteral("previewSummary"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("amount <b>$20.00</b>")), qPrintable(summary->text()));
    // Below the minimum of 5.00: the minimum.
    quantity->clear();
    QTest::keyClicks(quantity, QStringLiteral("30"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("amount <b>$5.00</b>")), qPrintable(summary->text()));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const QJsonObject stored = storedPrice(*dialog, 1);
    QCOMPARE(stored.value(QStringLiteral("model_type")).toString(), QStringLiteral("percent"));
    QCOMPARE(PriceConfigEditor::decimalText(stored.value(QStringLiteral("percent_config")).toObject().value(QStringLiteral("percent"))), QStringLiteral("0.1"));
    QCOMPARE(stored.value(QStringLiteral("percent_config")).toObject().value(QStringLiteral("minimum_amount")).toString(), QStringLiteral("5.00"));
    const QJsonObject filter = stored.value(QStringLiteral("composite_price_filters")).toArray().at(0).toObject();
    QCOMPARE(filter.value(QStringLiteral("field")).toString(), QStringLiteral("price_type"));
    QCOMPARE(filter.value(QStringLiteral("operator")).toString(), QStringLiteral("includes"));
    QCOMPARE(filter.value(QStringLiteral("values")).toArray(), QJsonArray{QStringLiteral("fixed_price")});
}

void TestPlanEditorForms::adjustmentsWithTheirPrices()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Discounted"));
    PriceEditor *fee = current(*dialog);
    QTest::keyClicks(fee->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    typeField(fee, QStringLiteral("configField_unit_amount"), QStringLiteral("49.00"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addPriceButton")), Qt::LeftButton);
    PriceEditor *calls = current(*dialog);
    auto *name = calls->findChild<QLineEdit *>(QStringLiteral("priceNameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("API calls"));
    QTest::keyClicks(calls->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(calls->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("api_calls"));
    typeField(calls, QStringLiteral("configField_unit_amount"), QStringLiteral("0.002"));

    dialog->findChild<QTabWidget *>(QStringLiteral("planListsTabs"))->setCurrentIndex(1);
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("adjustmentTable"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addAdjustmentButton")), Qt::LeftButton);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addAdjustmentButton")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 2);
    // 10 % off the API calls only, chosen from the plan's prices by name.
    typeCell(table, 0, 1, QStringLiteral("0.1"));
    typeCell(table, 0, 3, QStringLiteral("Launch offer"));
    auto *applies = qobject_cast<QToolButton *>(table->cellWidget(0, 2));
    QCOMPARE(applies->text(), QStringLiteral("All prices"));
    emit applies->menu()->aboutToShow();
    const QList<QAction *> actions = applies->menu()->actions();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(1)->text(), QStringLiteral("API calls"));
    actions.at(1)->trigger();
    QCOMPARE(applies->text(), QStringLiteral("API calls"));
    // A maximum of 500 on the whole plan.
    choose(qobject_cast<QComboBox *>(table->cellWidget(1, 0)), QStringLiteral("maximum"));
    typeCell(table, 1, 1, QStringLiteral("500.00"));
    grab(dialog, QStringLiteral("planeditor-adjustments"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));

    CatalogService catalog(*m_file, m_clock);
    const Plan plan = catalog.plan(dialog->savedVersion()->planId);
    const PlanVersion version = catalog.planVersion(plan);
    QCOMPARE(version.adjustments.size(), 2);
    const QJsonObject discount = version.adjustments.at(0).toObject();
    QCOMPARE(discount.value(QStringLiteral("adjustment_type")).toString(), QStringLiteral("percentage_discount"));
    QCOMPARE(PriceConfigEditor::decimalText(discount.value(QStringLiteral("percentage_discount"))), QStringLiteral("0.1"));
    QCOMPARE(discount.value(QStringLiteral("reason")).toString(), QStringLiteral("Launch offer"));
    // It names the API calls price of this version (which was given an external id from its name).
    QCOMPARE(discount.value(QStringLiteral("applies_to_price_ids")).toArray(), QJsonArray{version.prices.at(1).value(QStringLiteral("id"))});
    QCOMPARE(version.prices.at(1).value(QStringLiteral("external_price_id")).toString(), QStringLiteral("api-calls"));
    const QJsonObject maximum = version.adjustments.at(1).toObject();
    QCOMPARE(maximum.value(QStringLiteral("adjustment_type")).toString(), QStringLiteral("maximum"));
    QCOMPARE(maximum.value(QStringLiteral("maximum_amount")).toString(), QStringLiteral("500")); // the catalog stores amounts canonical
    QVERIFY(!maximum.contains(QStringLiteral("applies_to_price_ids")));
    // Opened again, the adjustments are in their table with their prices.
    PlanEditorDialog again(*m_file, m_clock, plan.id);
    auto *table2 = again.findChild<QTableWidget *>(QStringLiteral("adjustmentTable"));
    QCOMPARE(table2->rowCount(), 2);
    QCOMPARE(qobject_cast<QToolButton *>(table2->cellWidget(0, 2))->text(), QStringLiteral("API calls"));
    QCOMPARE(table2->item(1, 1)->text(), QStringLiteral("500"));
}

void TestPlanEditorForms::refusalNextToFieldGoesWhenFixed()
{
    PlanEditorDialog *dialog = newDialog(QString());
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("api_calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("tiered"));
    auto *tiers = editor->findChild<QTableWidget *>(QStringLiteral("tierTable"));
    typeCell(tiers, 0, 1, QStringLiteral("1000"));
    typeCell(tiers, 0, 2, QStringLiteral("0"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
    typeCell(tiers, 1, 0, QStringLiteral("900")); // overlaps the first tier
    typeCell(tiers, 1, 2, QStringLiteral("0.002"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(!dialog->savedVersion());
    QVERIFY(CatalogService(*m_file, m_clock).plans().list().isEmpty());
    // The plan's name: required, said under the name field.
    auto *nameError = dialog->findChild<QLabel *>(QStringLiteral("planError_name"));
    QVERIFY(nameError->isVisible());
    QVERIFY2(nameError->text().contains(QStringLiteral("required")), qPrintable(nameError->text()));
    // The tier: said under the tier table, in words (no JSON path), and the cell is marked.
    auto *tierErrors = editor->findChild<QLabel *>(QStringLiteral("tierErrors"));
    QVERIFY(tierErrors->isVisible());
    QVERIFY2(tierErrors->text().startsWith(QStringLiteral("Tier 2, First unit: overlaps the previous tier")), qPrintable(tierErrors->text()));
    QVERIFY(!tierErrors->text().contains(QLatin1Char('$')) && !tierErrors->text().contains(QStringLiteral("first_unit")));
    QVERIFY(!tiers->item(1, 0)->toolTip().isEmpty());
    grab(dialog, QStringLiteral("planeditor-refusal-next-to-field"));
    // Fixed, each message goes at once.
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("planNameEdit")), QStringLiteral("Fixed"));
    QVERIFY(!nameError->isVisible());
    typeCell(tiers, 1, 0, QStringLiteral("1000"));
    QVERIFY(!tierErrors->isVisible());
    QVERIFY(tiers->item(1, 0)->toolTip().isEmpty());
    // A bad amount in a field of the form: under that field, gone when corrected.
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo")), QStringLiteral("unit"));
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("0,50"));
    auto *unitError = editor->findChild<QLabel *>(QStringLiteral("configError_unit_amount"));
    QVERIFY(unitError->isVisible());
    QVERIFY2(unitError->text().contains(QStringLiteral("'0,50' is not a decimal number")), qPrintable(unitError->text()));
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("0.50"));
    QVERIFY(!unitError->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    QCOMPARE(storedPrice(*dialog, 0).value(QStringLiteral("unit_config")).toObject().value(QStringLiteral("unit_amount")).toString(), QStringLiteral("0.50"));
}

void TestPlanEditorForms::planMetadataEdited()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Tagged"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("10.00"));
    auto *metadata = dialog->findChild<QPlainTextEdit *>(QStringLiteral("planMetadataEdit"));
    QTest::keyClicks(metadata, QStringLiteral("segment=smb"));
    metadata->appendPlainText(QStringLiteral("broken line"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(!dialog->savedVersion());
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("planError_metadata"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("line 2: write key=value")), qPrintable(error->text()));
    metadata->setPlainText(QStringLiteral("segment=smb\nowner = finance"));
    QVERIFY(!error->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const Plan plan = CatalogService(*m_file, m_clock).plan(dialog->savedVersion()->planId);
    QCOMPARE(plan.metadata, (QJsonObject{{QStringLiteral("segment"), QStringLiteral("smb")}, {QStringLiteral("owner"), QStringLiteral("finance")}}));
    // Opened again, the metadata is shown as typed.
    PlanEditorDialog again(*m_file, m_clock, plan.id);
    QCOMPARE(again.findChild<QPlainTextEdit *>(QStringLiteral("planMetadataEdit"))->toPlainText(), QStringLiteral("owner=finance\nsegment=smb"));
}

void TestPlanEditorForms::enterDoesNotSave()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Enter"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    auto *amount = editor->findChild<QLineEdit *>(QStringLiteral("configField_unit_amount"));
    QTest::keyClicks(amount, QStringLiteral("10.00"));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("planNameEdit"));
    name->setFocus();
    for (QWidget *w : {static_cast<QWidget *>(name), static_cast<QWidget *>(amount)}) {
        QTest::keyClick(w, Qt::Key_Return);
        QTest::keyClick(w, Qt::Key_Enter);
    }
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->savedVersion());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QVERIFY(CatalogService(*m_file, m_clock).plans().list().isEmpty());
    // The Save button saves.
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
}

void TestPlanEditorForms::currencyIsAnIsoCode()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Euro"));
    auto *currency = dialog->findChild<QComboBox *>(QStringLiteral("planCurrencyCombo"));
    QVERIFY(!currency->isEditable());
    QCOMPARE(currency->count(), int(Currency::codes().size()));
    QCOMPARE(currency->currentData().toString(), QStringLiteral("USD")); // the company's default
    // Typing jumps to a code; "USDEUR" cannot become a currency.
    QTest::keyClicks(currency, QStringLiteral("USDEUR"));
    QVERIFY(Currency::fromCode(currency->currentData().toString()));
    choose(currency, QStringLiteral("EUR"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("configField_unit_amount")), QStringLiteral("29.00"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    QCOMPARE(CatalogService(*m_file, m_clock).plan(dialog->savedVersion()->planId).currency, QStringLiteral("EUR"));
}

void TestPlanEditorForms::itemAndMetricCreatedInline()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Support"));
    PriceEditor *editor = current(*dialog);
    auto *item = editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"));
    auto *create = editor->findChild<QPushButton *>(QStringLiteral("createItemButton"));
    QTest::keyClicks(item->lineEdit(), QStringLiteral("Platform Fee"));
    QVERIFY(!create->isEnabled()); // it exists
    item->lineEdit()->clear();
    QTest::keyClicks(item->lineEdit(), QStringLiteral("Support Hours"));
    QVERIFY(create->isEnabled());
    // Saved before the item exists: refused, and the item field says how to add it.
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("95.00"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(!dialog->savedVersion());
    auto *itemError = editor->findChild<QLabel *>(QStringLiteral("priceError_item"));
    QVERIFY(itemError->isVisible());
    QVERIFY2(itemError->text().contains(QStringLiteral("Support Hours")) && itemError->text().contains(QStringLiteral("Create item")),
             qPrintable(itemError->text()));
    QTest::mouseClick(create, Qt::LeftButton);
    // Offered at once, stored only with the plan (see itemCreatedInlineGoesWithTheCancelledPlan).
    QVERIFY(!CatalogService(*m_file, m_clock).items().findByName(QStringLiteral("Support Hours")));
    QVERIFY(!create->isEnabled());
    QVERIFY(!itemError->isVisible()); // the price is checked again as it changes
    // A new metric, defined in its dialog, is chosen for the price.
    QTimer::singleShot(0, this, [] {
        auto *metric = qobject_cast<NewMetricDialog *>(QApplication::activeModalWidget());
        QVERIFY(metric);
        QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricNameEdit")), QStringLiteral("support_hours"));
        // Refused first: no event name, said next to the field.
        QTest::mouseClick(metric->findChild<QPushButton *>(QStringLiteral("createMetricButton")), Qt::LeftButton);
        QVERIFY(metric->isVisible());
        QVERIFY(metric->findChild<QLabel *>(QStringLiteral("metricError_event_name"))->isVisible());
        QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricEventEdit")), QStringLiteral("support_session"));
        QVERIFY(!metric->findChild<QLabel *>(QStringLiteral("metricError_event_name"))->isVisible());
        choose(metric->findChild<QComboBox *>(QStringLiteral("metricAggregationCombo")), QStringLiteral("sum"));
        QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricPropertyEdit")), QStringLiteral("hours"));
        QTest::mouseClick(metric->findChild<QPushButton *>(QStringLiteral("createMetricButton")), Qt::LeftButton);
    });
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("newMetricButton")), Qt::LeftButton);
    // Offered at once, stored only with the plan (see metricDefinedInlineGoesWithTheCancelledPlan).
    QVERIFY(!CatalogService(*m_file, m_clock).metrics().findByName(QStringLiteral("support_hours")));
    QCOMPARE(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo"))->currentData().toString(), QStringLiteral("support_hours"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(dialog->savedVersion(), qPrintable(dialog->errorText()));
    const MetricDefinition metric = CatalogService(*m_file, m_clock).metric(QStringLiteral("support_hours"));
    QCOMPARE(metric.eventName(), QStringLiteral("support_session"));
    QCOMPARE(metric.property(), QStringLiteral("hours"));
    const QJsonObject stored = storedPrice(*dialog, 0);
    QCOMPARE(stored.value(QStringLiteral("item_name")).toString(), QStringLiteral("Support Hours"));
    QCOMPARE(stored.value(QStringLiteral("billable_metric_name")).toString(), QStringLiteral("support_hours"));
}

void TestPlanEditorForms::itemCreatedInlineGoesWithTheCancelledPlan()
{
    // An item created in the editor of a plan that is then refused or cancelled is not kept:
    // it was stored at once and stayed as an orphan.
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Orphan check"));
    PriceEditor *editor = current(*dialog);
    auto *item = editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"));
    QTest::keyClicks(item->lineEdit(), QStringLiteral("Consulting Days"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("createItemButton")), Qt::LeftButton);
    // Refused (no unit amount): neither the plan nor the item is stored.
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(!dialog->savedVersion());
    QVERIFY(!CatalogService(*m_file, m_clock).items().findByName(QStringLiteral("Consulting Days")));
    dialog->reject();
    QVERIFY(!CatalogService(*m_file, m_clock).items().findByName(QStringLiteral("Consulting Days")));
    // Saved: the item comes with the plan.
    PlanEditorDialog *again = newDialog(QStringLiteral("Consulting"));
    editor = current(*again);
    item = editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"));
    QTest::keyClicks(item->lineEdit(), QStringLiteral("Consulting Days"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("createItemButton")), Qt::LeftButton);
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("800.00"));
    QTest::mouseClick(again->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(again->savedVersion(), qPrintable(again->errorText()));
    QCOMPARE(storedPrice(*again, 0).value(QStringLiteral("item_name")).toString(), QStringLiteral("Consulting Days"));
}

void TestPlanEditorForms::metricDefinedInlineGoesWithTheCancelledPlan()
{
    // A metric defined in the editor of a plan that is then refused or cancelled is not kept:
    // it was stored at once and stayed as an orphan.
    auto defineMetric = [this](PriceEditor *editor, const QString &name) {
        QTimer::singleShot(0, this, [name] {
            auto *metric = qobject_cast<NewMetricDialog *>(QApplication::activeModalWidget());
            QVERIFY(metric);
            QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricNameEdit")), name);
            QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricEventEdit")), QStringLiteral("gpu_minute"));
            QTest::mouseClick(metric->findChild<QPushButton *>(QStringLiteral("createMetricButton")), Qt::LeftButton);
        });
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("newMetricButton")), Qt::LeftButton);
    };
    auto metricAudits = [this] {
        int n = 0;
        for (const AuditEntry &e : AuditLog(m_file->db()).recent(1000))
            n += e.action == QLatin1String("billable_metric.create") ? 1 : 0;
        return n;
    };
    const int auditsBefore = metricAudits();
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Orphan metric"));
    PriceEditor *editor = current(*dialog);
    defineMetric(editor, QStringLiteral("gpu_minutes"));
    QCOMPARE(editor->metricName(), QStringLiteral("gpu_minutes"));
    // The same name again in this editor is refused next to the name, before anything is stored.
    QTimer::singleShot(0, this, [] {
        auto *metric = qobject_cast<NewMetricDialog *>(QApplication::activeModalWidget());
        QVERIFY(metric);
        QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricNameEdit")), QStringLiteral("gpu_minutes"));
        QTest::keyClicks(metric->findChild<QLineEdit *>(QStringLiteral("metricEventEdit")), QStringLiteral("gpu_minute"));
        QTest::mouseClick(metric->findChild<QPushButton *>(QStringLiteral("createMetricButton")), Qt::LeftButton);
        QVERIFY(metric->isVisible());
        QVERIFY(metric->findChild<QLabel *>(QStringLiteral("metricError_name"))->isVisible());
        metric->reject();
    });
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("newMetricButton")), Qt::LeftButton);
    // Refused (no item, no unit amount): neither the plan nor the metric is stored.
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY(!dialog->savedVersion());
    QVERIFY(!CatalogService(*m_file, m_clock).metrics().findByName(QStringLiteral("gpu_minutes")));
    dialog->reject();
    QVERIFY(!CatalogService(*m_file, m_clock).metrics().findByName(QStringLiteral("gpu_minutes")));
    QCOMPARE(metricAudits(), auditsBefore);
    // Saved: the metric comes with the plan, audited once, and the price counts by it.
    PlanEditorDialog *again = newDialog(QStringLiteral("GPU"));
    editor = current(*again);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    defineMetric(editor, QStringLiteral("gpu_minutes"));
    typeField(editor, QStringLiteral("configField_unit_amount"), QStringLiteral("0.02"));
    QTest::mouseClick(again->findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
    QVERIFY2(again->savedVersion(), qPrintable(again->errorText()));
    QCOMPARE(CatalogService(*m_file, m_clock).metric(QStringLiteral("gpu_minutes")).eventName(), QStringLiteral("gpu_minute"));
    QCOMPARE(storedPrice(*again, 0).value(QStringLiteral("billable_metric_name")).toString(), QStringLiteral("gpu_minutes"));
    QCOMPARE(metricAudits(), auditsBefore + 1);
    QVERIFY(AuditLog(m_file->db()).verify().ok);
}

void TestPlanEditorForms::plansScreenSummary()
{
    CatalogService(*m_file, m_clock)
        .createPlan(QJsonDocument::fromJson(R"({
        "name": "Scale", "currency": "USD", "prices": [
          {"name": "API calls", "item_name": "API Calls", "billable_metric_name": "api_calls", "cadence": "monthly",
           "model_type": "tiered", "tiered_config": {"tiers": [
             {"first_unit": 0, "last_unit": 1000, "unit_amount": "0.00"},
             {"first_unit": 1000, "last_unit": null, "unit_amount": "0.002"}]}},
          {"name": "Compute", "item_name": "API Calls", "billable_metric_name": "tokens", "cadence": "monthly",
           "model_type": "matrix", "matrix_config": {"dimensions": ["cluster", "region"], "default_unit_amount": "3.00",
             "matrix_values": [{"dimension_values": ["alpha", "west"], "unit_amount": "2.00"},
                               {"dimension_values": ["beta", "east"], "unit_amount": "1.50"}]}}]})")
                        .object());
    PlansScreen screen(*m_file, m_clock);
    screen.resize(1280, 720);
    screen.show();
    auto *summary = screen.findChild<PriceSummary *>(QStringLiteral("priceSummary"));
    QTRY_VERIFY(!summary->text().isEmpty());
    const QString text = summary->text();
    QVERIFY2(text.contains(QStringLiteral("Item: API Calls")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Metric: api_calls")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Monthly, billed in arrears · USD · Tiered model")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("item_id")) && !text.contains(QLatin1Char('{')), qPrintable(text));
    auto *table = screen.findChild<QTableWidget *>(QStringLiteral("priceSummaryTable"));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("First unit"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Tier 1"));
    // Quantities in the locale's form, amounts with the currency (every digit of a unit price).
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("1,000"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("no limit"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("$0.002"));
    // The JSON only behind Advanced.
    auto *json = screen.findChild<QWidget *>(QStringLiteral("priceJsonEdit"));
    QVERIFY(!json->isVisible());
    screen.findChild<QCheckBox *>(QStringLiteral("priceJsonCheck"))->setChecked(true);
    QVERIFY(json->isVisible());
    screen.findChild<QCheckBox *>(QStringLiteral("priceJsonCheck"))->setChecked(false);
    grab(&screen, QStringLiteral("plansscreen-summary"));
    // A matrix: a grid of its dimension values, the cells not priced of their own at the default.
    screen.findChild<QTableView *>(QStringLiteral("priceTable"))->selectRow(1);
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("Default unit amount: $3.00")), qPrintable(summary->text()));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->columnCount(), 3);
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("region = west"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("alpha"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("$2.00"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("default"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("$1.50"));
    grab(&screen, QStringLiteral("plansscreen-summary-matrix"));
}

void TestPlanEditorForms::advancedJsonRoundTrip()
{
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Advanced"));
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("Platform Fee"));
    auto *advanced = editor->findChild<QCheckBox *>(QStringLiteral("advancedCheck"));
    advanced->setChecked(true);
    auto *json = editor->findChild<QPlainTextEdit *>(QStringLiteral("configJsonEdit"));
    QVERIFY(json);
    json->setPlainText(QStringLiteral("{\"unit_amount\": \"12.34\", \"prorated\": true"));
    // Broken JSON: the form cannot be shown; the JSON view stays and says why.
    advanced->setChecked(false);
    QVERIFY(advanced->isChecked());
    json->setPlainText(QStringLiteral("{\"unit_amount\": \"12.34\", \"prorated\": true}"));
    advanced->setChecked(false);
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("configField_unit_amount"))->text(), QStringLiteral("12.34"));
    QVERIFY(editor->findChild<QCheckBox *>(QStringLiteral("configFlag_prorated"))->isChecked());
}

void TestPlanEditorForms::screenshots()
{
    // Pictures to look at (ORB_GRAB_DIR): the dialog over several models, each with its preview.
    PlanEditorDialog *dialog = newDialog(QStringLiteral("Growth"));
    dialog->resize(1280, 720);
    PriceEditor *editor = current(*dialog);
    QTest::keyClicks(editor->findChild<QComboBox *>(QStringLiteral("priceItemCombo"))->lineEdit(), QStringLiteral("API Calls"));
    choose(editor->findChild<QComboBox *>(QStringLiteral("priceMetricCombo")), QStringLiteral("api_calls"));
    auto *model = editor->findChild<QComboBox *>(QStringLiteral("priceModelCombo"));
    for (const char *type : {"tiered", "bulk_bps", "percentage", "grouped_with_metered_minimum", "matrix_with_display_name", "minimum_composite"}) {
        choose(model, QLatin1String(type));
        if (QLatin1String(type) == QLatin1String("tiered")) {
            auto *tiers = editor->findChild<QTableWidget *>(QStringLiteral("tierTable"));
            typeCell(tiers, 0, 1, QStringLiteral("1000"));
            typeCell(tiers, 0, 2, QStringLiteral("0"));
            QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("addTierButton")), Qt::LeftButton);
            typeCell(tiers, 1, 2, QStringLiteral("0.002"));
            auto *quantity = editor->findChild<QLineEdit *>(QStringLiteral("quantityEdit"));
            quantity->clear();
            QTest::keyClicks(quantity, QStringLiteral("1500"));
            QTRY_VERIFY(editor->findChild<QLabel *>(QStringLiteral("previewSummary"))->text().contains(QStringLiteral("$1.00")));
        }
        grab(dialog, QStringLiteral("planeditor-form-%1").arg(QLatin1String(type)));
        // Usable on a 1280 × 720 screen whatever the model.
        QVERIFY2(dialog->minimumSizeHint().width() <= 1280 && dialog->minimumSizeHint().height() <= 720, type);
    }
}

QTEST_MAIN(TestPlanEditorForms)
#include "tst_planeditor_forms.moc"
