// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceEditor.h"

#include "ui/CatalogText.h"

#include "engine/pricing/Price.h"
#include "ui/widgets/JsonConfigEditor.h"
#include "ui/widgets/MatrixConfigEditor.h"
#include "ui/widgets/PricePreview.h"
#include "ui/widgets/StructuredConfigEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace orb {

namespace {

// The fields this editor has controls for (or that the company file gives); the others are kept.
const QStringList kOwnKeys = {QStringLiteral("id"),
                              QStringLiteral("name"),
                              QStringLiteral("model_type"),
                              QStringLiteral("price_type"),
                              QStringLiteral("item_id"),
                              QStringLiteral("item_name"),
                              QStringLiteral("item"),
                              QStringLiteral("billable_metric_id"),
                              QStringLiteral("billable_metric_name"),
                              QStringLiteral("billable_metric"),
                              QStringLiteral("cadence"),
                              QStringLiteral("billing_cycle_configuration"),
                              QStringLiteral("billing_mode"),
                              QStringLiteral("billed_in_advance"),
                              QStringLiteral("external_price_id"),
                              QStringLiteral("minimum_amount"),
                              QStringLiteral("minimum"),
                              QStringLiteral("maximum_amount"),
                              QStringLiteral("maximum"),
                              QStringLiteral("fixed_price_quantity"),
                              QStringLiteral("conversion_rate"),
                              QStringLiteral("invoice_grouping_key"),
                              QStringLiteral("composite_price_filters"),
                              QStringLiteral("currency")};

bool isComposite(const QString &type)
{
    return type == QLatin1String("percent") || type == QLatin1String("minimum_composite");
}

bool isMatrix(const QString &type)
{
    return type == QLatin1String("matrix") || type == QLatin1String("matrix_with_allocation");
}

/// A new model's starting config: one open tier starting at 0, a one-dimensional matrix.
QJsonObject startingConfig(const QString &type)
{
    if (isMatrix(type))
        return {{QStringLiteral("dimensions"), QJsonArray{QString(), QJsonValue(QJsonValue::Null)}}, {QStringLiteral("matrix_values"), QJsonArray()}};
    // A tier table starts with its first tier at 0; a table of cells or values starts empty.
    const QStringList bounds = {QStringLiteral("first_unit"),    QStringLiteral("tier_lower_bound"), QStringLiteral("threshold"),
                                QStringLiteral("maximum_units"), QStringLiteral("minimum_amount"),   QStringLiteral("maximum_amount")};
    if (const auto layout = StructuredConfigEditor::layoutFor(type); layout && !layout->tableKey.isEmpty() && bounds.contains(layout->columns.at(0).key)) {
        QJsonObject first{{layout->columns.at(0).key, QStringLiteral("0")}};
        for (const ConfigColumn &c : layout->columns)
            if (c.nullWhenEmpty)
                first.insert(c.key, QJsonValue(QJsonValue::Null));
        return {{layout->tableKey, QJsonArray{first}}};
    }
    return {};
}

/// A price model's name for a clerk: "grouped_tiered_package" reads "Grouped tiered package".
QString modelTitle(const QString &type)
{
    return CatalogText::modelName(type);
}

} // namespace

PriceEditor::PriceEditor(const QStringList &items, const QStringList &metrics, const QString &currency, QWidget *parent) : QWidget(parent), m_currency(currency)
{
    setObjectName(QStringLiteral("priceEditor"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("priceNameEdit"));
    m_name->setAccessibleName(tr("Price name"));
    m_item = new QComboBox(this);
    m_item->setObjectName(QStringLiteral("priceItemCombo"));
    m_item->setAccessibleName(tr("Item"));
    m_item->setEditable(true);
    m_item->setInsertPolicy(QComboBox::NoInsert);
    m_item->addItems(items);
    m_item->setCurrentIndex(-1);
    m_item->setToolTip(tr("The item the invoice line is grouped under; type a new name and press “Create item” to add one."));
    m_createItem = new QPushButton(tr("Create item"), this);
    m_createItem->setObjectName(QStringLiteral("createItemButton"));
    m_createItem->setToolTip(tr("Adds the item typed to the company's items"));
    m_createItem->setAutoDefault(false);
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("priceMetricCombo"));
    m_metric->setAccessibleName(tr("Billable metric"));
    m_metric->addItem(tr("None: a fixed fee"), QString());
    for (const QString &m : metrics)
        m_metric->addItem(m, m);
    auto *newMetric = new QPushButton(tr("New metric…"), this);
    newMetric->setObjectName(QStringLiteral("newMetricButton"));
    newMetric->setToolTip(tr("Defines a billable metric (what usage events count) and chooses it"));
    newMetric->setAutoDefault(false);
    m_cadence = new QComboBox(this);
    m_cadence->setObjectName(QStringLiteral("priceCadenceCombo"));
    m_cadence->setAccessibleName(tr("Cadence"));
    const QList<std::pair<QString, QString>> cadences = {
        {QStringLiteral("monthly"), tr("Monthly")}, {QStringLiteral("quarterly"), tr("Quarterly")}, {QStringLiteral("semi_annual"), tr("Every six months")},
        {QStringLiteral("annual"), tr("Annually")}, {QStringLiteral("one_time"), tr("Once")},       {QStringLiteral("custom"), tr("Custom billing cycle")}};
    for (const auto &[value, label] : cadences)
        m_cadence->addItem(label, value);
    m_cycleDuration = new QSpinBox(this);
    m_cycleDuration->setObjectName(QStringLiteral("cycleDurationSpin"));
    m_cycleDuration->setAccessibleName(tr("Custom cycle length"));
    m_cycleDuration->setRange(1, 3650);
    m_cycleDuration->setPrefix(tr("every "));
    m_cycleUnit = new QComboBox(this);
    m_cycleUnit->setObjectName(QStringLiteral("cycleUnitCombo"));
    m_cycleUnit->setAccessibleName(tr("Custom cycle unit"));
    m_cycleUnit->addItem(tr("months"), QStringLiteral("month"));
    m_cycleUnit->addItem(tr("days"), QStringLiteral("day"));
    m_billing = new QComboBox(this);
    m_billing->setObjectName(QStringLiteral("priceBillingCombo"));
    m_billing->setAccessibleName(tr("Billed"));
    m_billing->addItem(tr("Usual: fixed fees in advance, usage in arrears"), QString());
    m_billing->addItem(tr("In advance"), QStringLiteral("in_advance"));
    m_billing->addItem(tr("In arrears"), QStringLiteral("in_arrear"));
    m_externalId = new QLineEdit(this);
    m_externalId->setObjectName(QStringLiteral("externalPriceIdEdit"));
    m_externalId->setAccessibleName(tr("External price id"));
    m_externalId->setPlaceholderText(tr("optional; adjustments refer to it"));
    auto amountEdit = [this](const char *name, const QString &accessible, const QString &placeholder) {
        auto *e = new QLineEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setAccessibleName(accessible);
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_minimum = amountEdit("priceMinimumEdit", tr("Minimum charge"), tr("optional: the line charges at least this"));
    m_maximum = amountEdit("priceMaximumEdit", tr("Maximum charge"), tr("optional: the line charges at most this"));
    m_fixedQuantity = amountEdit("fixedQuantityEdit", tr("Quantity of a fixed fee"), tr("optional, default 1"));
    m_conversionRate = amountEdit("conversionRateEdit", tr("Conversion rate"), tr("optional: pricing units per currency unit"));
    m_groupingKey = amountEdit("invoiceGroupingKeyEdit", tr("Invoice grouping key"), tr("optional: an event property to split the line by"));
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("priceModelCombo"));
    m_model->setAccessibleName(tr("Pricing model"));
    for (const QString &type : pricing::Price::modelTypes())
        m_model->addItem(modelTitle(type), type);
    m_advanced = new QCheckBox(tr("Advanced: t&he settings as JSON"), this);
    m_advanced->setObjectName(QStringLiteral("advancedCheck"));
    m_advanced->setToolTip(tr("Shows the model's settings as JSON text instead of the form"));

    // Long choices ("Usual: fixed fees in advance, …") must not widen the form past the screen.
    for (QComboBox *c : {m_item, m_metric, m_cadence, m_billing, m_model, m_cycleUnit}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(8);
    }
    auto *common = new QFormLayout;
    addField(common, tr("Na&me:"), m_name, QStringLiteral("name"));
    auto *itemRow = new QHBoxLayout;
    itemRow->setContentsMargins(0, 0, 0, 0);
    itemRow->addWidget(m_item, 1);
    itemRow->addWidget(m_createItem);
    auto *itemBox = new QWidget(this);
    itemBox->setLayout(itemRow);
    common->addRow(tr("&Item:"), itemBox);
    static_cast<QLabel *>(common->labelForField(itemBox))->setBuddy(m_item);
    m_fieldErrors.insert(QStringLiteral("item"), PriceConfigEditor::errorLabel(QStringLiteral("priceError_item"), this));
    common->addRow(QString(), m_fieldErrors.value(QStringLiteral("item")));
    auto *metricRow = new QHBoxLayout;
    metricRow->setContentsMargins(0, 0, 0, 0);
    metricRow->addWidget(m_metric, 1);
    metricRow->addWidget(newMetric);
    auto *metricBox = new QWidget(this);
    metricBox->setLayout(metricRow);
    common->addRow(tr("Me&tric:"), metricBox);
    static_cast<QLabel *>(common->labelForField(metricBox))->setBuddy(m_metric);
    m_fieldErrors.insert(QStringLiteral("billable_metric"), PriceConfigEditor::errorLabel(QStringLiteral("priceError_billable_metric"), this));
    common->addRow(QString(), m_fieldErrors.value(QStringLiteral("billable_metric")));
    auto *cadenceRow = new QHBoxLayout;
    cadenceRow->setContentsMargins(0, 0, 0, 0);
    cadenceRow->addWidget(m_cadence, 1);
    cadenceRow->addWidget(m_cycleDuration);
    cadenceRow->addWidget(m_cycleUnit);
    auto *cadenceBox = new QWidget(this);
    cadenceBox->setLayout(cadenceRow);
    addField(common, tr("&Cadence:"), cadenceBox, QStringLiteral("cadence"));
    static_cast<QLabel *>(common->labelForField(cadenceBox))->setBuddy(m_cadence);
    addField(common, tr("&Billed:"), m_billing, QStringLiteral("billing_mode"));
    addField(common, tr("External id:"), m_externalId, QStringLiteral("external_price_id"));
    addField(common, tr("Minim&um:"), m_minimum, QStringLiteral("minimum_amount"));
    addField(common, tr("Ma&ximum:"), m_maximum, QStringLiteral("maximum_amount"));
    addField(common, tr("&Fixed quantity:"), m_fixedQuantity, QStringLiteral("fixed_price_quantity"));
    addField(common, tr("Conversion rate:"), m_conversionRate, QStringLiteral("conversion_rate"));
    addField(common, tr("Invoice &grouping:"), m_groupingKey, QStringLiteral("invoice_grouping_key"));
    addField(common, tr("Mode&l:"), m_model, QStringLiteral("model_type"));
    m_otherErrors = PriceConfigEditor::errorLabel(QStringLiteral("priceErrors"), this);
    common->addRow(m_otherErrors);
    auto *commonBox = new QGroupBox(tr("Price"), this);
    commonBox->setLayout(common);
    auto *commonScroll = new QScrollArea(this);
    commonScroll->setAccessibleName(tr("Price"));
    commonScroll->setWidget(commonBox);
    commonScroll->setWidgetResizable(true);
    commonScroll->setFrameShape(QFrame::NoFrame);
    commonScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the fields narrow instead
    // As wide as its labels and buttons need ("Artikel anlegen" is longer than "Create item"):
    // the fields narrow, the buttons beside them are not cut off.
    commonScroll->setMinimumWidth(std::max(340, commonBox->minimumSizeHint().width() + commonScroll->verticalScrollBar()->sizeHint().width()));

    auto *configBox = new QGroupBox(tr("Model settings"), this);
    configBox->setObjectName(QStringLiteral("modelSettingsBox"));
    auto *configOuter = new QVBoxLayout(configBox);
    configOuter->addWidget(m_advanced);
    m_configArea = new QVBoxLayout;
    configOuter->addLayout(m_configArea, 1);

    // A composite price is priced on other prices of the plan: which ones, by these filters.
    m_filtersBox = new QGroupBox(tr("Priced on the plan's other prices that match (none: all of them)"), this);
    m_filtersBox->setObjectName(QStringLiteral("compositeFiltersBox"));
    m_filters = new QTableWidget(0, 3, this);
    m_filters->setObjectName(QStringLiteral("compositeFilterTable"));
    m_filters->setAccessibleName(tr("Filters of the prices this price is based on"));
    m_filters->setHorizontalHeaderLabels({tr("Field"), tr("Rule"), tr("Values")});
    m_filters->horizontalHeaderItem(2)->setToolTip(tr("One or more values, separated by commas"));
    m_filters->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_filters->verticalHeader()->hide();
    m_filters->setMaximumHeight(m_filters->fontMetrics().height() * 7);
    connect(m_filters, &QTableWidget::itemChanged, this, &PriceEditor::updatePreview);
    auto *addFilter = new QPushButton(tr("Add filter"), this);
    addFilter->setObjectName(QStringLiteral("addFilterButton"));
    addFilter->setAutoDefault(false);
    auto *removeFilter = new QPushButton(tr("Remove filter"), this);
    removeFilter->setObjectName(QStringLiteral("removeFilterButton"));
    removeFilter->setAutoDefault(false);
    connect(addFilter, &QPushButton::clicked, this, [this] {
        addFilterRow(QStringLiteral("price_type"), QStringLiteral("includes"), QString());
        updatePreview();
    });
    connect(removeFilter, &QPushButton::clicked, this, [this] {
        const int row = m_filters->currentRow() >= 0 ? m_filters->currentRow() : m_filters->rowCount() - 1;
        if (row >= 0) {
            m_filters->removeRow(row);
            updatePreview();
        }
    });
    m_filtersError = PriceConfigEditor::errorLabel(QStringLiteral("priceError_composite_price_filters"), this);
    auto *filterButtons = new QHBoxLayout;
    filterButtons->addWidget(addFilter);
    filterButtons->addWidget(removeFilter);
    filterButtons->addStretch();
    auto *filtersLayout = new QVBoxLayout(m_filtersBox);
    filtersLayout->addWidget(m_filters);
    filtersLayout->addWidget(m_filtersError);
    filtersLayout->addLayout(filterButtons);
    configOuter->addWidget(m_filtersBox);

    auto *top = new QWidget(this);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(commonScroll, 4);
    // A model's tables and fields scroll inside the box: the editor stays within the dialog.
    auto *configScroll = new QScrollArea(this);
    configScroll->setObjectName(QStringLiteral("modelSettingsScroll"));
    configScroll->setAccessibleName(tr("Model settings"));
    configScroll->setWidget(configBox);
    configScroll->setWidgetResizable(true);
    configScroll->setFrameShape(QFrame::NoFrame);
    topLayout->addWidget(configScroll, 5);

    m_preview = new PricePreview(this);
    m_preview->setReadOnly(true);
    m_preview->setJsonVisible(false); // the price as JSON is part of the Advanced view
    auto *previewBox = new QGroupBox(tr("What this price charges (type a quantity)"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(previewBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({400, 260}); // the forms first; the preview below
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    for (QLineEdit *e : {m_name, m_externalId, m_minimum, m_maximum, m_fixedQuantity, m_conversionRate, m_groupingKey})
        connect(e, &QLineEdit::textChanged, this, &PriceEditor::updatePreview);
    connect(m_item, &QComboBox::currentTextChanged, this, &PriceEditor::updatePreview);
    connect(m_item, &QComboBox::currentTextChanged, this, &PriceEditor::updateItemButton);
    for (QComboBox *c : {m_metric, m_cadence, m_billing, m_cycleUnit})
        connect(c, &QComboBox::currentIndexChanged, this, &PriceEditor::updatePreview);
    connect(m_cycleDuration, &QSpinBox::valueChanged, this, &PriceEditor::updatePreview);
    connect(m_cadence, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_cadence->currentData().toString() == QLatin1String("custom");
        m_cycleDuration->setVisible(custom);
        m_cycleUnit->setVisible(custom);
    });
    m_cycleDuration->hide();
    m_cycleUnit->hide();
    connect(m_model, &QComboBox::currentIndexChanged, this, &PriceEditor::modelChosen);
    connect(m_advanced, &QCheckBox::toggled, this, &PriceEditor::advancedToggled);
    connect(m_advanced, &QCheckBox::toggled, m_preview, &PricePreview::setJsonVisible);
    connect(m_createItem, &QPushButton::clicked, this, [this] { emit createItemRequested(m_item->currentText().trimmed()); });
    connect(newMetric, &QPushButton::clicked, this, &PriceEditor::createMetricRequested);
    updateItemButton();
    showModel(QStringLiteral("unit"), {});
}

QLabel *PriceEditor::addField(QFormLayout *form, const QString &label, QWidget *field, const QString &key)
{
    form->addRow(label, field);
    QLabel *error = PriceConfigEditor::errorLabel(QStringLiteral("priceError_") + key, this);
    form->addRow(QString(), error);
    m_fieldErrors.insert(key, error);
    return error;
}

void PriceEditor::updateItemButton()
{
    const QString typed = m_item->currentText().trimmed();
    m_createItem->setEnabled(!typed.isEmpty() && m_item->findText(typed, Qt::MatchFixedString) < 0);
}

void PriceEditor::addItemName(const QString &name, bool choose)
{
    if (m_item->findText(name, Qt::MatchFixedString) < 0) {
        const QString typed = m_item->currentText();
        const QSignalBlocker block(m_item);
        m_item->addItem(name);
        m_item->setCurrentText(typed);
    }
    if (choose)
        m_item->setCurrentIndex(m_item->findText(name, Qt::MatchFixedString));
    updateItemButton();
    updatePreview();
}

void PriceEditor::addMetricName(const QString &name, bool choose)
{
    if (m_metric->findData(name) < 0) {
        const QSignalBlocker block(m_metric);
        m_metric->addItem(name, name);
    }
    if (choose)
        m_metric->setCurrentIndex(m_metric->findData(name));
}

void PriceEditor::addFilterRow(const QString &field, const QString &op, const QString &values)
{
    const int row = m_filters->rowCount();
    m_filters->insertRow(row);
    auto *fieldCombo = new QComboBox(m_filters);
    fieldCombo->setObjectName(QStringLiteral("filterFieldCombo"));
    const QList<std::pair<QString, QString>> fields = {{QStringLiteral("price_type"), tr("Price type (usage_price, fixed_price)")},
                                                       {QStringLiteral("item_id"), tr("Item id")},
                                                       {QStringLiteral("price_id"), tr("Price id")},
                                                       {QStringLiteral("currency"), tr("Currency")},
                                                       {QStringLiteral("pricing_unit_id"), tr("Pricing unit id")}};
    for (const auto &[value, label] : fields)
        fieldCombo->addItem(label, value);
    if (fieldCombo->findData(field) < 0)
        fieldCombo->addItem(field, field);
    fieldCombo->setCurrentIndex(fieldCombo->findData(field));
    auto *opCombo = new QComboBox(m_filters);
    opCombo->setObjectName(QStringLiteral("filterOperatorCombo"));
    opCombo->addItem(tr("is one of"), QStringLiteral("includes"));
    opCombo->addItem(tr("is none of"), QStringLiteral("excludes"));
    if (opCombo->findData(op) < 0)
        opCombo->addItem(op, op);
    opCombo->setCurrentIndex(opCombo->findData(op));
    m_filters->setCellWidget(row, 0, fieldCombo);
    m_filters->setCellWidget(row, 1, opCombo);
    {
        const QSignalBlocker block(m_filters);
        m_filters->setItem(row, 2, new QTableWidgetItem(values));
    }
    connect(fieldCombo, &QComboBox::currentIndexChanged, this, &PriceEditor::updatePreview);
    connect(opCombo, &QComboBox::currentIndexChanged, this, &PriceEditor::updatePreview);
}

void PriceEditor::showModel(const QString &type, const QJsonObject &config)
{
    if (m_config) {
        QString ignored;
        m_typed.insert(m_configType, m_config->config(&ignored));
        // At once, not later: the model combo, not the editor, asked for the switch.
        delete m_config;
    }
    if (m_advanced->isChecked())
        m_config = new JsonConfigEditor(this);
    else if (const auto layout = StructuredConfigEditor::layoutFor(type))
        m_config = new StructuredConfigEditor(*layout, this);
    else if (isMatrix(type))
        m_config = new MatrixConfigEditor(type == QLatin1String("matrix_with_allocation"), this);
    else
        m_config = new JsonConfigEditor(this); // a model the forms do not know yet
    m_config->setObjectName(QStringLiteral("modelConfigEditor"));
    m_configType = type;
    m_config->setConfig(config);
    m_configArea->addWidget(m_config);
    m_config->show(); // now, not when the event loop next runs: a grab or test sees it at once
    connect(m_config, &PriceConfigEditor::changed, this, &PriceEditor::updatePreview);
    {
        const QSignalBlocker block(m_model);
        m_model->setCurrentIndex(m_model->findData(type));
    }
    m_filtersBox->setVisible(isComposite(type));
    updatePreview();
}

void PriceEditor::modelChosen()
{
    const QString type = m_model->currentData().toString();
    if (type == m_configType)
        return;
    showModel(type, m_typed.contains(type) ? m_typed.value(type) : startingConfig(type));
}

void PriceEditor::advancedToggled(bool on)
{
    QString error;
    const QJsonObject config = m_config->config(&error);
    if (!on && !error.isEmpty()) {
        // The JSON typed does not parse: stay in the JSON view, which says why.
        const QSignalBlocker block(m_advanced);
        m_advanced->setChecked(true);
        return;
    }
    m_typed.remove(m_configType);
    const QString type = m_configType;
    delete m_config;
    m_config = nullptr;
    showModel(type, config);
}

void PriceEditor::setPrice(const QJsonObject &price)
{
    m_kept = price;
    for (const QString &key : kOwnKeys)
        m_kept.remove(key);
    const QString type = price.value(QStringLiteral("model_type")).toString();
    const QString configKey = type + QStringLiteral("_config");
    m_kept.remove(configKey);

    const QSignalBlocker b1(m_name), b2(m_item), b3(m_metric), b4(m_cadence), b5(m_billing), b6(m_externalId), b7(m_minimum), b8(m_maximum),
        b9(m_fixedQuantity), b10(m_conversionRate), b11(m_groupingKey), b12(m_cycleDuration), b13(m_cycleUnit), b14(m_filters);
    m_name->setText(price.value(QStringLiteral("name")).toString());
    QString item = price.value(QStringLiteral("item_name")).toString();
    if (item.isEmpty())
        item = price.value(QStringLiteral("item")).toObject().value(QStringLiteral("name")).toString();
    m_itemId = item.isEmpty() ? price.value(QStringLiteral("item_id")).toString() : QString();
    m_item->setCurrentText(item);
    QString metric = price.value(QStringLiteral("billable_metric_name")).toString();
    if (metric.isEmpty())
        metric = price.value(QStringLiteral("billable_metric")).toObject().value(QStringLiteral("name")).toString();
    if (!metric.isEmpty() && m_metric->findData(metric) < 0)
        m_metric->addItem(metric, metric); // an archived metric a stored price still uses
    m_metric->setCurrentIndex(qMax(0, m_metric->findData(metric)));
    m_cadence->setCurrentIndex(qMax(0, m_cadence->findData(price.value(QStringLiteral("cadence")).toString(QStringLiteral("monthly")))));
    const bool custom = m_cadence->currentData().toString() == QLatin1String("custom");
    m_cycleDuration->setVisible(custom);
    m_cycleUnit->setVisible(custom);
    const QJsonObject cycle = price.value(QStringLiteral("billing_cycle_configuration")).toObject();
    m_cycleDuration->setValue(qMax(1, cycle.value(QStringLiteral("duration")).toInt(1)));
    m_cycleUnit->setCurrentIndex(qMax(0, m_cycleUnit->findData(cycle.value(QStringLiteral("duration_unit")).toString())));
    QString mode = price.value(QStringLiteral("billing_mode")).toString();
    if (mode.isEmpty() && price.value(QStringLiteral("billed_in_advance")).isBool())
        mode = price.value(QStringLiteral("billed_in_advance")).toBool() ? QStringLiteral("in_advance") : QStringLiteral("in_arrear");
    m_billing->setCurrentIndex(qMax(0, m_billing->findData(mode)));
    m_externalId->setText(price.value(QStringLiteral("external_price_id")).toString());
    QJsonValue minimum = price.value(QStringLiteral("minimum_amount"));
    if (minimum.isUndefined() || minimum.isNull())
        minimum = price.value(QStringLiteral("minimum")).toObject().value(QStringLiteral("minimum_amount"));
    m_minimum->setText(PriceConfigEditor::editText(minimum));
    QJsonValue maximum = price.value(QStringLiteral("maximum_amount"));
    if (maximum.isUndefined() || maximum.isNull())
        maximum = price.value(QStringLiteral("maximum")).toObject().value(QStringLiteral("maximum_amount"));
    m_maximum->setText(PriceConfigEditor::editText(maximum));
    m_fixedQuantity->setText(PriceConfigEditor::editText(price.value(QStringLiteral("fixed_price_quantity"))));
    m_conversionRate->setText(PriceConfigEditor::editText(price.value(QStringLiteral("conversion_rate"))));
    m_groupingKey->setText(price.value(QStringLiteral("invoice_grouping_key")).toString());
    m_filters->setRowCount(0);
    for (const QJsonValue &v : price.value(QStringLiteral("composite_price_filters")).toArray()) {
        const QJsonObject f = v.toObject();
        QStringList values;
        for (const QJsonValue &x : f.value(QStringLiteral("values")).toArray())
            values << x.toString();
        addFilterRow(f.value(QStringLiteral("field")).toString(), f.value(QStringLiteral("operator")).toString(), values.join(QStringLiteral(", ")));
    }
    m_typed.clear();
    if (m_config) {
        delete m_config;
        m_config = nullptr;
    }
    updateItemButton();
    showModel(type.isEmpty() ? QStringLiteral("unit") : type, price.value(configKey).toObject());
}

QJsonObject PriceEditor::price(QString *error) const
{
    QJsonObject o = m_kept;
    o.insert(QStringLiteral("name"), m_name->text().trimmed());
    const QString item = m_item->currentText().trimmed();
    if (!item.isEmpty())
        o.insert(QStringLiteral("item_name"), item);
    else if (!m_itemId.isEmpty())
        o.insert(QStringLiteral("item_id"), m_itemId);
    if (const QString metric = m_metric->currentData().toString(); !metric.isEmpty())
        o.insert(QStringLiteral("billable_metric_name"), metric);
    o.insert(QStringLiteral("cadence"), m_cadence->currentData().toString());
    if (m_cadence->currentData().toString() == QLatin1String("custom"))
        o.insert(QStringLiteral("billing_cycle_configuration"),
                 QJsonObject{{QStringLiteral("duration"), m_cycleDuration->value()}, {QStringLiteral("duration_unit"), m_cycleUnit->currentData().toString()}});
    if (const QString mode = m_billing->currentData().toString(); !mode.isEmpty())
        o.insert(QStringLiteral("billing_mode"), mode);
    if (const QString ext = m_externalId->text().trimmed(); !ext.isEmpty())
        o.insert(QStringLiteral("external_price_id"), ext);
    // Left out when empty: each is optional.
    const QList<std::pair<QString, const QLineEdit *>> optional = {{QStringLiteral("minimum_amount"), m_minimum},
                                                                   {QStringLiteral("maximum_amount"), m_maximum},
                                                                   {QStringLiteral("fixed_price_quantity"), m_fixedQuantity},
                                                                   {QStringLiteral("conversion_rate"), m_conversionRate},
                                                                   {QStringLiteral("invoice_grouping_key"), m_groupingKey}};
    for (const auto &[key, edit] : optional)
        if (const QString text = edit == m_groupingKey ? edit->text().trimmed() : PriceConfigEditor::typedDecimal(edit->text()); !text.isEmpty())
            o.insert(key, text); // numbers typed in the locale's form, stored in the canonical one
    if (isComposite(m_configType) && m_filters->rowCount() > 0) {
        QJsonArray filters;
        for (int r = 0; r < m_filters->rowCount(); ++r) {
            QJsonArray values;
            const QTableWidgetItem *cell = m_filters->item(r, 2);
            for (const QString &v : (cell ? cell->text() : QString()).split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!v.trimmed().isEmpty())
                    values.append(v.trimmed());
            filters.append(QJsonObject{{QStringLiteral("field"), static_cast<QComboBox *>(m_filters->cellWidget(r, 0))->currentData().toString()},
                                       {QStringLiteral("operator"), static_cast<QComboBox *>(m_filters->cellWidget(r, 1))->currentData().toString()},
                                       {QStringLiteral("values"), values}});
        }
        o.insert(QStringLiteral("composite_price_filters"), filters);
    }
    o.insert(QStringLiteral("model_type"), m_configType);
    QString configError;
    const QJsonObject config = m_config->config(&configError);
    if (configError.isEmpty())
        o.insert(m_configType + QStringLiteral("_config"), config);
    else if (error)
        *error = configError;
    return o;
}

void PriceEditor::setCurrency(const QString &code)
{
    m_currency = code;
    updatePreview();
}

QString PriceEditor::itemName() const
{
    return m_item->currentText().trimmed();
}

QString PriceEditor::metricName() const
{
    return m_metric->currentData().toString();
}

QString PriceEditor::name() const
{
    return m_name->text().trimmed();
}

QString PriceEditor::externalId() const
{
    return m_externalId->text().trimmed();
}

void PriceEditor::setExternalId(const QString &id)
{
    m_externalId->setText(id);
}

void PriceEditor::showErrors(const FieldErrors &errors)
{
    static const QRegularExpression prefix(QStringLiteral("^(?:.*prices\\[\\d+\\])?\\$?\\.?"));
    m_checking = true;
    QHash<QString, QStringList> byField;
    PriceConfigEditor::ConfigErrors configErrors;
    QStringList filterLines, other;
    m_shown.clear();
    const QString configKey = m_configType + QStringLiteral("_config");
    for (const FieldError &e : errors) {
        QString path = e.path;
        path.remove(prefix);
        const QString message = PriceConfigEditor::plainMessage(e.message);
        const QString head = path.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0);
        if (head == configKey) {
            configErrors.append({path.mid(configKey.size() + 1), e.message});
            m_shown << message;
            continue;
        }
        QString field = head;
        if (field == QLatin1String("item_name") || field == QLatin1String("item_id"))
            field = QStringLiteral("item");
        else if (field.startsWith(QLatin1String("billable_metric")))
            field = QStringLiteral("billable_metric");
        else if (field == QLatin1String("minimum"))
            field = QStringLiteral("minimum_amount");
        else if (field == QLatin1String("maximum"))
            field = QStringLiteral("maximum_amount");
        else if (field == QLatin1String("billing_cycle_configuration") || field == QLatin1String("billed_in_advance"))
            field = field == QLatin1String("billed_in_advance") ? QStringLiteral("billing_mode") : QStringLiteral("cadence");
        else if (field == QLatin1String("currency"))
            field.clear(); // the plan's field, shown there
        if (field == QLatin1String("composite_price_filters")) {
            static const QRegularExpression row(QStringLiteral("^composite_price_filters\\[(\\d+)\\]"));
            const QRegularExpressionMatch m = row.match(path);
            filterLines << (m.hasMatch() ? tr("Filter %1: %2").arg(m.captured(1).toInt() + 1).arg(message) : message);
        } else if (m_fieldErrors.contains(field)) {
            // An item not in the company yet: the way to add it is beside the field.
            if (field == QLatin1String("item") && m_createItem->isEnabled())
                byField[field] << tr("%1 Press “Create item” to add it.").arg(message);
            else
                byField[field] << message;
        } else if (!field.isEmpty() || path.isEmpty()) {
            other << message;
        } else {
            continue;
        }
        m_shown << message;
    }
    for (auto it = m_fieldErrors.constBegin(); it != m_fieldErrors.constEnd(); ++it) {
        const QStringList lines = byField.value(it.key());
        it.value()->setText(lines.join(QLatin1Char('\n')));
        it.value()->setVisible(!lines.isEmpty());
    }
    m_filtersError->setText(filterLines.join(QLatin1Char('\n')));
    m_filtersError->setVisible(!filterLines.isEmpty());
    m_otherErrors->setText(other.join(QLatin1Char('\n')));
    m_otherErrors->setVisible(!other.isEmpty());
    m_config->showErrors(configErrors);
}

void PriceEditor::validate()
{
    // The engine's own check of the price as typed: the messages follow each keystroke.
    QJsonObject p = price();
    if (m_currency.size() == 3)
        p.insert(QStringLiteral("currency"), m_currency.toUpper());
    FieldErrors errors;
    pricing::Price::fromJson(p, &errors, QString());
    showErrors(errors);
}

void PriceEditor::updatePreview()
{
    if (m_checking && m_config)
        validate();
    QJsonObject p = price();
    if (p.value(QStringLiteral("name")).toString().isEmpty())
        p.remove(QStringLiteral("name")); // named when saved; the amount does not depend on it
    // The preview bills in the plan's currency; a code still being typed reads as the default.
    if (m_currency.size() == 3)
        p.insert(QStringLiteral("currency"), m_currency.toUpper());
    m_preview->setPriceJson(QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Indented)));
    emit changed();
}

} // namespace orb
