// SPDX-License-Identifier: GPL-3.0-or-later
// The plan editor's structured forms for the models that complete Orb's list: every price of
// the every-model catalog loads into a form (not the JSON fallback), writes back the same
// config, and previews live; typing into a form changes the preview.
#include "engine/pricing/Price.h"
#include "tests/support/TestSupport.h"
#include "ui/widgets/PriceEditor.h"
#include "ui/widgets/PricePreview.h"
#include "ui/widgets/StructuredConfigEditor.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

using namespace orb;
using namespace Qt::StringLiterals;

namespace {

QJsonObject catalogPrice(const QString &model)
{
    QFile f(test::dataDir() + u"/catalog/every_model_catalog.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read the every-model catalog");
    const QJsonObject catalog = QJsonDocument::fromJson(f.readAll()).object();
    for (const QJsonValue &p : catalog.value(u"plans"_s).toArray().first().toObject().value(u"prices"_s).toArray())
        if (p.toObject().value(u"model_type"_s).toString() == model)
            return p.toObject();
    return {};
}

QString summary(const PriceEditor &e)
{
    return e.preview()->findChild<QLabel *>(u"previewSummary"_s)->text();
}

QString errors(const PriceEditor &e)
{
    return e.preview()->findChild<QLabel *>(u"previewErrors"_s)->text();
}

} // namespace

class TestPriceEditorOrbModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(u"en_US"_s)); }
    void formRoundTrip_data();
    void formRoundTrip();
    void typingCumulativeAllocation();
    void dailyCreditDimensionsAsArrays();
    void secondTableForScalingFactors();
    void previewQuantitiesInForce();
    void prorateFlag();
};

void TestPriceEditorOrbModels::formRoundTrip_data()
{
    QTest::addColumn<QString>("model");
    for (const char *m :
         {"unit_with_proration", "tiered_with_proration", "bulk_with_proration", "grouped_tiered_matrix", "grouped_with_metered_minimum",
          "cumulative_grouped_bulk", "cumulative_grouped_allocation", "scalable_matrix_with_unit_pricing", "scalable_matrix_with_tiered_pricing",
          "matrix_with_threshold_discounts", "event_output", "metered_allowance", "daily_credit_allowance"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TestPriceEditorOrbModels::formRoundTrip()
{
    QFETCH(QString, model);
    const QJsonObject price = catalogPrice(model);
    QVERIFY(!price.isEmpty());
    PriceEditor editor({u"Usage"_s, u"Seats"_s}, {u"units"_s, u"seats"_s}, u"USD"_s);
    editor.setPrice(price);
    QVERIFY2(editor.findChild<StructuredConfigEditor *>(u"modelConfigEditor"_s), "a structured form, not the JSON editor");
    QString error;
    const QJsonObject back = editor.price(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The config the form writes is the same price to the engine as the one loaded.
    FieldErrors parseErrors;
    const auto loaded = pricing::Price::fromJsonForEvaluation(price, &parseErrors);
    const auto written = pricing::Price::fromJsonForEvaluation(back, &parseErrors);
    QVERIFY2(loaded && written, qPrintable(joinErrors(parseErrors)));
    QCOMPARE(written->config(), loaded->config());
    // And the preview evaluates it.
    QVERIFY2(errors(editor).isEmpty(), qPrintable(errors(editor)));
    QVERIFY2(summary(editor).contains(u"$"_s), qPrintable(summary(editor)));
}

void TestPriceEditorOrbModels::typingCumulativeAllocation()
{
    PriceEditor editor({u"Usage"_s}, {u"units"_s}, u"USD"_s);
    editor.setPrice(QJsonObject{
        {u"name"_s, u"Shared"_s}, {u"model_type"_s, u"cumulative_grouped_allocation"_s}, {u"cumulative_grouped_allocation_config"_s, QJsonObject()}});
    // Required fields left empty: the preview names them.
    QTRY_VERIFY2(errors(editor).contains(u"Group by property: is required"_s), qPrintable(errors(editor)));
    QTest::keyClicks(editor.findChild<QLineEdit *>(u"configField_grouping_key"_s), u"user"_s);
    QTest::keyClicks(editor.findChild<QLineEdit *>(u"configField_group_allocation"_s), u"50"_s);
    QTest::keyClicks(editor.findChild<QLineEdit *>(u"configField_cumulative_allocation"_s), u"100"_s);
    QTest::keyClicks(editor.findChild<QLineEdit *>(u"configField_unit_amount"_s), u"0.10"_s);
    auto *groups = editor.preview()->findChild<QPlainTextEdit *>(u"groupsEdit"_s);
    QVERIFY(groups->isVisibleTo(editor.preview()));
    groups->setPlainText(u"u1 = 80\nu2 = 30\nu3 = 60"_s);
    editor.preview()->evaluate();
    // u1: 50 free, u2: 30 free, u3: the 20 left → (30 + 0 + 40) × 0.10
    QTRY_VERIFY2(summary(editor).contains(u"$7.00"_s), qPrintable(summary(editor) + errors(editor)));
}

void TestPriceEditorOrbModels::dailyCreditDimensionsAsArrays()
{
    PriceEditor editor({u"Usage"_s}, {u"units"_s}, u"USD"_s);
    editor.setPrice(catalogPrice(u"daily_credit_allowance"_s));
    QCOMPARE(editor.findChild<QLineEdit *>(u"configField_dimensions0"_s)->text(), u"model"_s);
    QCOMPARE(editor.findChild<QLineEdit *>(u"configField_dimensions1"_s)->text(), QString());
    auto *cells = editor.findChild<QTableWidget *>(u"configGrid"_s);
    QCOMPARE(cells->item(1, 0)->text(), u"gpt"_s);
    // A second dimension typed: the arrays grow a second entry, the cell's stays null.
    QTest::keyClicks(editor.findChild<QLineEdit *>(u"configField_dimensions1"_s), u"region"_s);
    const QJsonObject config = editor.price().value(u"daily_credit_allowance_config"_s).toObject();
    QCOMPARE(config.value(u"dimensions"_s).toArray(), (QJsonArray{u"model"_s, u"region"_s}));
    QCOMPARE(config.value(u"matrix_values"_s).toArray().first().toObject().value(u"dimension_values"_s).toArray(),
             (QJsonArray{u"gpt"_s, QJsonValue(QJsonValue::Null)}));
}

void TestPriceEditorOrbModels::secondTableForScalingFactors()
{
    PriceEditor editor({u"Usage"_s}, {u"units"_s}, u"USD"_s);
    editor.setPrice(catalogPrice(u"grouped_with_metered_minimum"_s));
    auto *factors = editor.findChild<QTableWidget *>(u"configTable_scaling_factors"_s);
    QVERIFY(factors);
    QCOMPARE(factors->rowCount(), 1);
    editor.findChild<QPushButton *>(u"addRowButton_scaling_factors"_s)->click();
    factors->item(1, 0)->setText(u"basic"_s);
    factors->item(1, 1)->setText(u"0.5"_s);
    const QJsonArray written = editor.price().value(u"grouped_with_metered_minimum_config"_s).toObject().value(u"scaling_factors"_s).toArray();
    QCOMPARE(written.size(), 2);
    QCOMPARE(written.at(1).toObject().value(u"scaling_value"_s).toString(), u"basic"_s);
    QCOMPARE(written.at(1).toObject().value(u"scaling_factor"_s).toString(), u"0.5"_s);
}

void TestPriceEditorOrbModels::previewQuantitiesInForce()
{
    PricePreview p;
    p.setPriceJson(uR"({"model_type": "unit_with_proration", "currency": "USD", "unit_with_proration_config": {"unit_amount": "3.10"}})"_s);
    auto *inForce = p.findChild<QPlainTextEdit *>(u"inForceEdit"_s);
    QVERIFY(inForce->isVisibleTo(&p));
    // Empty: the quantity for the whole period.
    p.findChild<QLineEdit *>(u"quantityEdit"_s)->setText(u"15"_s);
    p.evaluate();
    QVERIFY2(p.findChild<QLabel *>(u"previewSummary"_s)->text().contains(u"$46.50"_s), qPrintable(p.findChild<QLabel *>(u"previewSummary"_s)->text()));
    inForce->setPlainText(u"10 x 10\n15 × 21"_s);
    p.findChild<QLineEdit *>(u"periodDaysEdit"_s)->setText(u"31"_s);
    p.evaluate();
    QVERIFY2(p.findChild<QLabel *>(u"previewSummary"_s)->text().contains(u"$41.50"_s),
             qPrintable(p.findChild<QLabel *>(u"previewSummary"_s)->text() + p.findChild<QLabel *>(u"previewErrors"_s)->text()));
    p.findChild<QLineEdit *>(u"periodDaysEdit"_s)->setText(u"20"_s);
    p.evaluate();
    QVERIFY(p.findChild<QLabel *>(u"previewErrors"_s)->text().contains(u"at least 31"_s));
    inForce->setPlainText(u"ten for a week"_s);
    p.evaluate();
    QVERIFY(p.findChild<QLabel *>(u"previewErrors"_s)->text().contains(u"Quantity in force, line 1"_s));
    // Other models have no such input.
    p.setPriceJson(uR"({"model_type": "unit", "unit_config": {"unit_amount": "1"}})"_s);
    QVERIFY(!inForce->isVisibleTo(&p));
}

void TestPriceEditorOrbModels::prorateFlag()
{
    PriceEditor editor({u"Usage"_s}, {u"units"_s}, u"USD"_s);
    editor.setPrice(catalogPrice(u"scalable_matrix_with_unit_pricing"_s));
    auto *prorate = editor.findChild<QCheckBox *>(u"configFlag_prorate"_s);
    QVERIFY(prorate);
    QVERIFY(!prorate->isChecked());
    const QString key = u"scalable_matrix_with_unit_pricing_config"_s;
    QVERIFY(!editor.price().value(key).toObject().contains(u"prorate"_s));
    prorate->click();
    QCOMPARE(editor.price().value(key).toObject().value(u"prorate"_s), QJsonValue(true));
    // A false that was given stays given.
    QJsonObject price = catalogPrice(u"scalable_matrix_with_unit_pricing"_s);
    QJsonObject config = price.value(key).toObject();
    config.insert(u"prorate"_s, false);
    price.insert(key, config);
    editor.setPrice(price);
    QCOMPARE(editor.price().value(key).toObject().value(u"prorate"_s), QJsonValue(false));
}

QTEST_MAIN(TestPriceEditorOrbModels)
#include "tst_priceeditor_orbmodels.moc"
