// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceEditor.h"

#include "engine/pricing/Price.h"
#include "ui/widgets/JsonConfigEditor.h"
#include "ui/widgets/MatrixConfigEditor.h"
#include "ui/widgets/PricePreview.h"
#include "ui/widgets/StructuredConfigEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QVBoxLayout>

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
                              QStringLiteral("billing_mode"),
                              QStringLiteral("billed_in_advance"),
                              QStringLiteral("external_price_id"),
                              QStringLiteral("currency")};

/// A new model's starting config: one open tier starting at 0, a one-dimensional matrix.
QJsonObject startingConfig(const QString &type)
{
    if (type == QLatin1String("matrix") || type == QLatin1String("matrix_with_allocation"))
        return {{QStringLiteral("dimensions"), QJsonArray{QString(), QJsonValue(QJsonValue::Null)}}, {QStringLiteral("matrix_values"), QJsonArray()}};
    // A tier table starts with its first tier at 0; a table of cells or values starts empty.
    const QStringList bounds = {QStringLiteral("first_unit"), QStringLiteral("tier_lower_bound"), QStringLiteral("threshold"), QStringLiteral("maximum_units")};
    if (const auto layout = StructuredConfigEditor::layoutFor(type); layout && !layout->tableKey.isEmpty() && bounds.contains(layout->columns.at(0).key)) {
        QJsonObject first{{layout->columns.at(0).key, QStringLiteral("0")}};
        for (const ConfigColumn &c : layout->columns)
            if (c.nullWhenEmpty)
                first.insert(c.key, QJsonValue(QJsonValue::Null));
        return {{layout->tableKey, QJsonArray{first}}};
    }
    return {};
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
    m_item->addItems(items);
    m_item->setCurrentIndex(-1);
    m_item->setToolTip(tr("The item the invoice line is grouped under; one of the company file's items."));
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("priceMetricCombo"));
    m_metric->setAccessibleName(tr("Billable metric"));
    m_metric->addItem(tr("None: a fixed fee"), QString());
    for (const QString &m : metrics)
        m_metric->addItem(m, m);
    m_cadence = new QComboBox(this);
    m_cadence->setObjectName(QStringLiteral("priceCadenceCombo"));
    m_cadence->setAccessibleName(tr("Cadence"));
    const QList<std::pair<QString, QString>> cadences = {
        {QStringLiteral("monthly"), tr("Monthly")}, {QStringLiteral("quarterly"), tr("Quarterly")}, {QStringLiteral("semi_annual"), tr("Every six months")},
        {QStringLiteral("annual"), tr("Annually")}, {QStringLiteral("one_time"), tr("Once")},       {QStringLiteral("custom"), tr("Custom billing cycle")}};
    for (const auto &[value, label] : cadences)
        m_cadence->addItem(label, value);
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
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("priceModelCombo"));
    m_model->setAccessibleName(tr("Pricing model"));
    for (const QString &type : pricing::Price::modelTypes())
        m_model->addItem(QString(type).replace(QLatin1Char('_'), QLatin1Char(' ')), type);

    auto *common = new QFormLayout;
    common->addRow(tr("&Name:"), m_name);
    common->addRow(tr("&Item:"), m_item);
    common->addRow(tr("&Metric:"), m_metric);
    common->addRow(tr("&Cadence:"), m_cadence);
    common->addRow(tr("&Billed:"), m_billing);
    common->addRow(tr("E&xternal id:"), m_externalId);
    common->addRow(tr("M&odel:"), m_model);
    auto *commonBox = new QGroupBox(tr("Price"), this);
    commonBox->setLayout(common);

    auto *configBox = new QGroupBox(tr("Model settings"), this);
    configBox->setObjectName(QStringLiteral("modelSettingsBox"));
    m_configArea = new QVBoxLayout(configBox);

    auto *top = new QWidget(this);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(commonBox, 2);
    topLayout->addWidget(configBox, 3);

    m_preview = new PricePreview(this);
    m_preview->setReadOnly(true);
    auto *previewBox = new QGroupBox(tr("What this price charges (the price as it will be saved, left; type a quantity, right)"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(previewBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_name, &QLineEdit::textChanged, this, &PriceEditor::updatePreview);
    connect(m_item, &QComboBox::currentTextChanged, this, &PriceEditor::updatePreview);
    connect(m_externalId, &QLineEdit::textChanged, this, &PriceEditor::updatePreview);
    for (QComboBox *c : {m_metric, m_cadence, m_billing})
        connect(c, &QComboBox::currentIndexChanged, this, &PriceEditor::updatePreview);
    connect(m_model, &QComboBox::currentIndexChanged, this, &PriceEditor::modelChosen);
    showModel(QStringLiteral("unit"), {});
}

void PriceEditor::showModel(const QString &type, const QJsonObject &config)
{
    if (m_config) {
        QString ignored;
        m_typed.insert(m_configType, m_config->config(&ignored));
        // At once, not later: the model combo, not the editor, asked for the switch.
        delete m_config;
    }
    if (const auto layout = StructuredConfigEditor::layoutFor(type))
        m_config = new StructuredConfigEditor(*layout, this);
    else if (type == QLatin1String("matrix") || type == QLatin1String("matrix_with_allocation"))
        m_config = new MatrixConfigEditor(type == QLatin1String("matrix_with_allocation"), this);
    else
        m_config = new JsonConfigEditor(this);
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
    updatePreview();
}

void PriceEditor::modelChosen()
{
    const QString type = m_model->currentData().toString();
    if (type == m_configType)
        return;
    showModel(type, m_typed.contains(type) ? m_typed.value(type) : startingConfig(type));
}

void PriceEditor::setPrice(const QJsonObject &price)
{
    m_kept = price;
    for (const QString &key : kOwnKeys)
        m_kept.remove(key);
    const QString type = price.value(QStringLiteral("model_type")).toString();
    const QString configKey = type + QStringLiteral("_config");
    m_kept.remove(configKey);

    const QSignalBlocker b1(m_name), b2(m_item), b3(m_metric), b4(m_cadence), b5(m_billing), b6(m_externalId);
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
    QString mode = price.value(QStringLiteral("billing_mode")).toString();
    if (mode.isEmpty() && price.value(QStringLiteral("billed_in_advance")).isBool())
        mode = price.value(QStringLiteral("billed_in_advance")).toBool() ? QStringLiteral("in_advance") : QStringLiteral("in_arrear");
    m_billing->setCurrentIndex(qMax(0, m_billing->findData(mode)));
    m_externalId->setText(price.value(QStringLiteral("external_price_id")).toString());
    m_typed.clear();
    if (m_config) {
        delete m_config;
        m_config = nullptr;
    }
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
    if (const QString mode = m_billing->currentData().toString(); !mode.isEmpty())
        o.insert(QStringLiteral("billing_mode"), mode);
    if (const QString ext = m_externalId->text().trimmed(); !ext.isEmpty())
        o.insert(QStringLiteral("external_price_id"), ext);
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

QString PriceEditor::name() const
{
    return m_name->text().trimmed();
}

void PriceEditor::updatePreview()
{
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
