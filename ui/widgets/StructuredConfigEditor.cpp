// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StructuredConfigEditor.h"

#include "ui/LocaleFormat.h"
#include "ui/widgets/ConfigEditorGrid.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace orb {

namespace {

ConfigField amountField(const char *key, const QString &label)
{
    ConfigField f;
    f.key = QLatin1String(key);
    f.label = label;
    return f;
}

ConfigField propertyField(const char *key, const QString &label)
{
    ConfigField f = amountField(key, label);
    f.text = true;
    return f;
}

ConfigField flagField(const char *key, const QString &label)
{
    ConfigField f = amountField(key, label);
    f.flag = true;
    return f;
}

/// Entry `index` of the array `key` (["model", null]): "" is written as null.
ConfigField arrayField(const char *key, int index, const QString &label)
{
    ConfigField f = propertyField(key, label);
    f.arrayKey = f.key;
    f.arrayIndex = index;
    return f;
}

ConfigColumn tierColumn(const char *key, const QString &label, bool nullWhenEmpty = false, const QString &hint = QString())
{
    ConfigColumn c;
    c.key = QLatin1String(key);
    c.label = label;
    c.nullWhenEmpty = nullWhenEmpty;
    c.hint = hint;
    return c;
}

ConfigColumn textColumn(const char *key, const QString &label, const QString &hint = QString())
{
    ConfigColumn c = tierColumn(key, label, false, hint);
    c.text = true;
    return c;
}

ConfigColumn arrayColumn(const char *key, int index, const QString &label, const QString &hint = QString())
{
    ConfigColumn c = textColumn(key, label, hint);
    c.arrayKey = c.key;
    c.arrayIndex = index;
    return c;
}

ConfigLayout makeLayout(QList<ConfigField> fields, const QString &tableKey = QString(), const QString &rowName = QString(), QList<ConfigColumn> columns = {},
                        QList<ConfigTable> more = {})
{
    ConfigLayout l;
    l.fields = std::move(fields);
    l.tableKey = tableKey;
    l.rowName = rowName;
    l.columns = std::move(columns);
    l.moreTables = std::move(more);
    return l;
}

/// The JSON array `key` of `o` padded to `size` entries (null).
QJsonArray paddedArray(const QJsonObject &o, const QString &key, int size)
{
    QJsonArray a = o.value(key).toArray();
    while (a.size() < size)
        a.append(QJsonValue(QJsonValue::Null));
    return a;
}

/// Writes `text` (or null when empty) as entry `index` of the array `key` of `o`.
void setArrayEntry(QJsonObject &o, const QString &key, int index, const QString &text, int size)
{
    QJsonArray a = paddedArray(o, key, size);
    a.replace(index, text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text));
    o.insert(key, a);
}

/// The size of the arrays the fields or columns write: one more than their largest index.
template <typename T>
int arraySize(const QList<T> &list, const QString &key)
{
    int size = 0;
    for (const T &x : list)
        if (x.arrayKey == key)
            size = std::max(size, x.arrayIndex + 1);
    return size;
}

QString cellText(const QJsonObject &o, const QString &key, const QString &arrayKey, int arrayIndex, bool text)
{
    if (arrayKey.isEmpty())
        return text ? PriceConfigEditor::decimalText(o.value(key)) : PriceConfigEditor::editText(o.value(key));
    return o.value(arrayKey).toArray().at(arrayIndex).toString();
}

/// A layout whose table is shown as a 2-D grid; `second` -1: always two dimensions.
ConfigLayout gridLayout(ConfigLayout l, int first, int second)
{
    l.grid = true;
    l.firstDimensionField = first;
    l.secondDimensionField = second;
    return l;
}

} // namespace

std::optional<ConfigLayout> StructuredConfigEditor::layoutFor(const QString &type)
{
    const QString tiers = QStringLiteral("tiers");
    const QString tier = tr("tier");
    const ConfigField groupBy = propertyField("grouping_key", tr("Group by property"));
    const ConfigField packageSize = amountField("package_size", tr("Package size"));
    // Ranges: the first unit is exclusive, the last inclusive and empty on the open last tier.
    const ConfigColumn flat = tierColumn("flat_amount", tr("Flat amount"), false, tr("Optional: charged once when usage enters the tier"));
    const QList<ConfigColumn> ranges = {
        tierColumn("first_unit", tr("First unit"), false, tr("Where the tier starts (exclusive): where the tier above ends; 0 for the first")),
        tierColumn("last_unit", tr("Last unit"), true, tr("Where the tier ends (inclusive); empty on the last tier: no limit")),
        tierColumn("unit_amount", tr("Unit amount")), flat};
    const ConfigColumn lower = tierColumn("tier_lower_bound", tr("Above"), false, tr("The tier applies to units above this bound; 0 for the first"));
    if (type == QLatin1String("unit"))
        return makeLayout({amountField("unit_amount", tr("Unit amount")), flagField("prorated", tr("Prorated (Orb's setting, kept with the price)"))});
    if (type == QLatin1String("package"))
        return makeLayout({amountField("package_amount", tr("Package amount")), packageSize});
    if (type == QLatin1String("unit_with_percent"))
        return makeLayout({amountField("unit_amount", tr("Unit amount")), amountField("percent", tr("Percent (out of 100)"))});
    if (type == QLatin1String("package_with_allocation"))
        return makeLayout({amountField("allocation", tr("Free units (allocation)")), amountField("package_amount", tr("Package amount")), packageSize});
    if (type == QLatin1String("grouped_allocation"))
        return makeLayout({groupBy, amountField("allocation", tr("Free units per group")), amountField("overage_unit_rate", tr("Overage unit rate"))});
    if (type == QLatin1String("grouped_with_prorated_minimum"))
        return makeLayout({groupBy, amountField("minimum", tr("Minimum per group")), amountField("unit_rate", tr("Unit rate"))});
    if (type == QLatin1String("grouped_with_min_max_thresholds"))
        return makeLayout({groupBy, amountField("minimum_charge", tr("Minimum charge per group")),
                           amountField("maximum_charge", tr("Maximum charge per group")), amountField("per_unit_rate", tr("Unit rate"))});
    if (type == QLatin1String("tiered"))
        return makeLayout({}, tiers, tier, ranges);
    if (type == QLatin1String("bulk"))
        return makeLayout(
            {}, tiers, tier,
            {tierColumn("maximum_units", tr("Up to units"), true, tr("All units are priced at the tier the total falls in; empty on the last tier: no limit")),
             tierColumn("unit_amount", tr("Unit amount")), flat});
    if (type == QLatin1String("threshold_total_amount"))
        return makeLayout({flagField("prorate", tr("Prorate the total to the part of the period billed"))}, QStringLiteral("consumption_table"),
                          tr("threshold"), {tierColumn("threshold", tr("From quantity")), tierColumn("total_amount", tr("Total amount"))});
    if (type == QLatin1String("tiered_package"))
        return makeLayout({packageSize}, tiers, tier, {lower, tierColumn("per_unit", tr("Amount per package"))});
    if (type == QLatin1String("tiered_with_minimum"))
        return makeLayout({flagField("hide_zero_amount_tiers", tr("Hide tiers that charge nothing")),
                           flagField("prorate", tr("Prorate the minimum to the part of the period billed"))},
                          tiers, tier, {lower, tierColumn("unit_amount", tr("Unit amount")), tierColumn("minimum_amount", tr("Minimum amount"))});
    if (type == QLatin1String("tiered_package_with_minimum"))
        return makeLayout({packageSize}, tiers, tier,
                          {lower, tierColumn("per_unit", tr("Amount per package")), tierColumn("minimum_amount", tr("Minimum amount"))});
    if (type == QLatin1String("grouped_tiered"))
        return makeLayout({groupBy}, tiers, tier, {lower, tierColumn("unit_amount", tr("Unit amount"))});
    if (type == QLatin1String("grouped_tiered_package"))
        return makeLayout({groupBy, packageSize}, tiers, tier, {lower, tierColumn("per_unit", tr("Amount per package"))});
    // The models that complete Orb's list.
    const ConfigColumn unitAmount = tierColumn("unit_amount", tr("Unit amount"));
    if (type == QLatin1String("unit_with_proration"))
        return makeLayout({amountField("unit_amount", tr("Unit amount"))});
    if (type == QLatin1String("tiered_with_proration"))
        return makeLayout({}, tiers, tier, {lower, unitAmount});
    if (type == QLatin1String("bulk_with_proration"))
        return makeLayout(
            {}, tiers, tier,
            {tierColumn("tier_lower_bound", tr("Above"), false, tr("All units are priced at the tier the quantity is above; empty or 0 for the first")),
             unitAmount});
    if (type == QLatin1String("grouped_tiered_matrix"))
        return gridLayout(makeLayout({propertyField("dimension", tr("Dimension property")), amountField("default_unit_amount", tr("Default unit amount"))},
                                     tiers, tier,
                                     {textColumn("dimension_value", tr("Value"), tr("The dimension value these tiers apply to; other values pay the default")),
                                      tierColumn("tier_lower_bound", tr("Above"), false,
                                                 tr("where each tier starts (units above this bound, 0 for the first); each value is tiered on its own")),
                                      unitAmount}),
                          0, -1);
    const ConfigColumn factor = tierColumn("scaling_factor", tr("Scaling factor"));
    if (type == QLatin1String("grouped_with_metered_minimum"))
        return makeLayout({groupBy, propertyField("pricing_key", tr("Rate by property")), propertyField("scaling_key", tr("Scale by property")),
                           amountField("minimum_unit_amount", tr("Minimum per unit"))},
                          QStringLiteral("unit_amounts"), tr("rate"),
                          {textColumn("pricing_value", tr("Value"), tr("A value of the rate property; others pay the minimum per unit")), unitAmount},
                          {ConfigTable{QStringLiteral("scaling_factors"),
                                       tr("scaling factor"),
                                       {textColumn("scaling_value", tr("Value"), tr("A value of the scale property; others scale by 1")), factor}}});
    if (type == QLatin1String("cumulative_grouped_bulk"))
        return makeLayout(
            {propertyField("group", tr("Group by property"))}, QStringLiteral("dimension_values"), tier,
            {textColumn("grouping_key", tr("Group value")),
             tierColumn("tier_lower_bound", tr("Above"), false, tr("The total of all groups picks the tier; every bound lists every group value")),
             unitAmount});
    if (type == QLatin1String("cumulative_grouped_allocation"))
        return makeLayout({groupBy, amountField("group_allocation", tr("Free units per group")), amountField("cumulative_allocation", tr("Free units in all")),
                           amountField("unit_amount", tr("Unit amount"))});
    const ConfigField first = propertyField("first_dimension", tr("First dimension"));
    const ConfigField second = propertyField("second_dimension", tr("Second dimension (optional)"));
    const QList<ConfigColumn> scaling = {textColumn("first_dimension_value", tr("First value")),
                                         textColumn("second_dimension_value", tr("Second value"), tr("an empty value: every value of the second dimension")),
                                         factor};
    if (type == QLatin1String("scalable_matrix_with_unit_pricing"))
        return gridLayout(
            makeLayout({first, second, propertyField("grouping_key", tr("Group by property (optional)")), amountField("unit_price", tr("Unit price")),
                        flagField("prorate", tr("Prorate the unit price to the part of the period billed"))},
                       QStringLiteral("matrix_scaling_factors"), tr("scaling factor"), scaling),
            0, 1);
    if (type == QLatin1String("scalable_matrix_with_tiered_pricing"))
        return gridLayout(makeLayout({first, second}, QStringLiteral("matrix_scaling_factors"), tr("scaling factor"), scaling,
                                     {ConfigTable{tiers, tier, {lower, unitAmount}}}),
                          0, 1);
    if (type == QLatin1String("matrix_with_threshold_discounts"))
        return gridLayout(
            makeLayout({first, second, amountField("default_unit_amount", tr("Default unit amount"))}, QStringLiteral("matrix_values"), tr("cell"),
                       {textColumn("first_dimension_value", tr("First value")), textColumn("second_dimension_value", tr("Second value")), unitAmount},
                       {ConfigTable{QStringLiteral("threshold_discount_groups"),
                                    tr("discount group"),
                                    {textColumn("cell_coordinates", tr("Cells"), tr("first,second;first,second (or first;first with one dimension)")),
                                     tierColumn("threshold_amount", tr("Threshold")), tierColumn("below_threshold_discount_percentage", tr("% off up to it")),
                                     tierColumn("above_threshold_discount_percentage", tr("% off above it")), textColumn("description", tr("Description"))}}}),
            0, 1);
    if (type == QLatin1String("event_output"))
        return makeLayout({propertyField("unit_rating_key", tr("Unit rate property")), amountField("default_unit_rate", tr("Default unit rate (optional)")),
                           propertyField("grouping_key", tr("Group by property (optional)"))});
    if (type == QLatin1String("metered_allowance"))
        return makeLayout({groupBy, propertyField("consumption_grouping_value", tr("Consumption value")),
                           propertyField("allowance_grouping_value", tr("Allowance value")), amountField("unit_amount", tr("Unit amount")),
                           propertyField("consumption_display_name", tr("Consumption label (optional)")),
                           propertyField("allowance_display_name", tr("Allowance label (optional)"))});
    if (type == QLatin1String("daily_credit_allowance"))
        return gridLayout(
            makeLayout({amountField("daily_allowance", tr("Credits per day")), amountField("default_unit_amount", tr("Default credits per unit")),
                        propertyField("event_day_property", tr("Day property")), arrayField("dimensions", 0, tr("First dimension")),
                        arrayField("dimensions", 1, tr("Second dimension (optional)"))},
                       QStringLiteral("matrix_values"), tr("cell"),
                       {arrayColumn("dimension_values", 0, tr("First value")),
                        arrayColumn("dimension_values", 1, tr("Second value"), tr("an empty value: usage without the second property")), unitAmount}),
            3, 4);
    // Basis points (1 bps = 0.01 %) on each event's value: payments, transfers.
    const ConfigColumn bps = tierColumn("bps", tr("Basis points"), false, tr("1 basis point is 0.01 % of the event's value"));
    const ConfigColumn cap = tierColumn("per_unit_maximum", tr("Cap per event"), false, tr("Optional: the most one event pays"));
    if (type == QLatin1String("bps"))
        return makeLayout({amountField("bps", tr("Basis points (0.01 %)")), amountField("per_unit_maximum", tr("Cap per event (optional)"))});
    if (type == QLatin1String("bulk_bps"))
        return makeLayout({}, tiers, tier,
                          {tierColumn("maximum_amount", tr("Up to volume"), true,
                                      tr("The period's total volume picks one tier for every event; empty on the last tier: no limit")),
                           bps, cap});
    if (type == QLatin1String("tiered_bps"))
        return makeLayout(
            {}, tiers, tier,
            {tierColumn("minimum_amount", tr("From volume"), false, tr("Where the tier starts (exclusive): where the tier above ends; 0 for the first")),
             tierColumn("maximum_amount", tr("To volume"), true, tr("Where the tier ends (inclusive); empty on the last tier: no limit")), bps, cap});
    if (type == QLatin1String("percentage"))
        return makeLayout({amountField("rate", tr("Rate (percent)")), amountField("fixed_amount", tr("Fixed fee per event (optional)")),
                           amountField("free_units_per_events", tr("Free events (optional)")),
                           amountField("free_units_per_total_aggregation", tr("Free volume (optional)")),
                           amountField("per_transaction_min_amount", tr("Minimum per event (optional)")),
                           amountField("per_transaction_max_amount", tr("Maximum per event (optional)"))});
    if (type == QLatin1String("graduated_percentage"))
        return makeLayout({}, tiers, tier,
                          {ranges.at(0), ranges.at(1), tierColumn("rate", tr("Rate (percent)"), false, tr("Percent of the units in the tier")), flat});
    if (type == QLatin1String("percent")) {
        ConfigField share = amountField("percent", tr("Share of the other prices (0.1 = 10 %)"));
        share.placeholder = tr("a fraction, e.g. %1").arg(LocaleFormat::decimal(Decimal::parse("0.1")));
        return makeLayout({share, amountField("minimum_amount", tr("Minimum (optional)")), amountField("maximum_amount", tr("Maximum (optional)")),
                           flagField("prorated", tr("Prorate the minimum to the part of the period billed"))});
    }
    if (type == QLatin1String("minimum_composite"))
        return makeLayout({amountField("minimum_amount", tr("Minimum total of the other prices")),
                           flagField("prorated", tr("Prorate the minimum to the part of the period billed"))});
    if (type == QLatin1String("matrix_with_display_name"))
        return makeLayout({propertyField("dimension", tr("Dimension property"))}, QStringLiteral("unit_amounts"), tr("value"),
                          {textColumn("dimension_value", tr("Value"), tr("A value of the property; values not listed are shown at 0")),
                           textColumn("display_name", tr("Shown as"), tr("The name of the value on the invoice")), unitAmount});
    if (type == QLatin1String("max_group_tiered_package"))
        return makeLayout({groupBy, packageSize}, tiers, tier, {lower, tierColumn("unit_amount", tr("Unit amount"))});
    if (type == QLatin1String("bulk_with_filters"))
        return makeLayout(
            {}, tiers, tier,
            {tierColumn("tier_lower_bound", tr("Above"), false, tr("All matching units are priced at the tier they are above; empty on the first")),
             unitAmount},
            {ConfigTable{QStringLiteral("filters"),
                         tr("filter"),
                         {textColumn("property_key", tr("Property"), tr("Only usage whose events have this property…")),
                          textColumn("property_value", tr("Equal to"), tr("…with this value counts"))}}});
    return std::nullopt;
}

StructuredConfigEditor::StructuredConfigEditor(const ConfigLayout &layout, QWidget *parent) : PriceConfigEditor(parent), m_layout(layout)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    if (!layout.fields.isEmpty()) {
        auto *form = new QFormLayout;
        for (const ConfigField &f : layout.fields) {
            auto *error = errorLabel(QStringLiteral("configError_") + f.key + (f.arrayIndex >= 0 ? QString::number(f.arrayIndex) : QString()), this);
            m_fieldErrors.append(error);
            if (f.flag) {
                auto *box = new QCheckBox(f.label, this);
                box->setObjectName(QStringLiteral("configFlag_") + f.key);
                connect(box, &QCheckBox::toggled, this, &PriceConfigEditor::changed);
                form->addRow(box);
                form->addRow(error);
                m_fields.append(nullptr);
                m_flags.append(box);
                continue;
            }
            auto *edit = new QLineEdit(this);
            edit->setObjectName(QStringLiteral("configField_") + f.key + (f.arrayIndex >= 0 ? QString::number(f.arrayIndex) : QString()));
            edit->setAccessibleName(f.label);
            // Sizes and allocations count units; the rest are amounts or rates.
            if (!f.placeholder.isEmpty())
                edit->setPlaceholderText(f.placeholder);
            else if (f.key == QLatin1String("package_size") || f.key.endsWith(QLatin1String("allocation")))
                edit->setPlaceholderText(tr("units, e.g. 10"));
            else if (f.key == QLatin1String("free_units_per_events"))
                edit->setPlaceholderText(tr("a whole number, e.g. 3"));
            else if (f.key == QLatin1String("bps"))
                edit->setPlaceholderText(tr("e.g. 125 (%1)").arg(LocaleFormat::percent(Decimal::parse("1.25"))));
            else if (f.key == QLatin1String("percent"))
                edit->setPlaceholderText(tr("out of 100, e.g. 50"));
            else if (f.key.endsWith(QLatin1String("_display_name")))
                edit->setPlaceholderText(tr("a label for the invoice"));
            else if (f.key.endsWith(QLatin1String("_grouping_value")))
                edit->setPlaceholderText(tr("a value of the property, e.g. download"));
            else if (!f.text)
                edit->setPlaceholderText(tr("a decimal, e.g. %1").arg(LocaleFormat::decimal(Decimal::parse("0.50"))));
            else
                edit->setPlaceholderText(tr("an event property, e.g. region"));
            connect(edit, &QLineEdit::textEdited, this, &PriceConfigEditor::changed);
            auto *label = new QLabel(f.label + QLatin1Char(':'), this);
            label->setBuddy(edit);
            form->addRow(label, edit);
            form->addRow(QString(), error);
            m_fields.append(edit);
            m_flags.append(nullptr);
        }
        outer->addLayout(form);
    }
    if (!layout.tableKey.isEmpty() && layout.grid && layout.columns.size() == 3) {
        m_grid = new ConfigEditorGrid(ConfigTable{layout.tableKey, layout.rowName, layout.columns}, this);
        m_grid->setObjectName(QStringLiteral("configGridEditor"));
        outer->addWidget(m_grid, 1);
        connect(m_grid, &ConfigEditorGrid::changed, this, &PriceConfigEditor::changed);
        for (const int f : {layout.firstDimensionField, layout.secondDimensionField})
            if (f >= 0 && f < m_fields.size() && m_fields.at(f))
                connect(m_fields.at(f), &QLineEdit::textEdited, this, &StructuredConfigEditor::updateGrid);
        updateGrid();
    } else if (!layout.tableKey.isEmpty()) {
        addTable(ConfigTable{layout.tableKey, layout.rowName, layout.columns}, true);
    }
    for (const ConfigTable &t : layout.moreTables)
        addTable(t, false);
    m_otherErrors = errorLabel(QStringLiteral("configErrors"), this);
    outer->addWidget(m_otherErrors);
    if (m_tables.isEmpty() && !m_grid)
        outer->addStretch();
}

void StructuredConfigEditor::updateGrid()
{
    if (!m_grid)
        return;
    auto fieldText = [this](int f) { return f >= 0 && f < m_fields.size() && m_fields.at(f) ? m_fields.at(f)->text().trimmed() : QString(); };
    const int second = m_layout.secondDimensionField;
    m_grid->setTwoDimensions(second < 0 || !fieldText(second).isEmpty());
    m_grid->setNames(fieldText(m_layout.firstDimensionField), fieldText(second));
}

void StructuredConfigEditor::addTable(const ConfigTable &spec, bool first)
{
    auto *outer = static_cast<QVBoxLayout *>(layout());
    const int index = int(m_tables.size());
    auto *table = new QTableWidget(0, int(spec.columns.size()), this);
    // The first table keeps the names the plan editor's tests and screenshots know.
    table->setObjectName(first ? QStringLiteral("tierTable") : QStringLiteral("configTable_") + spec.key);
    table->setAccessibleName(tr("Table of %1s").arg(spec.rowName));
    QStringList hints;
    for (int c = 0; c < spec.columns.size(); ++c) {
        auto *header = new QTableWidgetItem(spec.columns.at(c).label);
        header->setToolTip(spec.columns.at(c).hint);
        table->setHorizontalHeaderItem(c, header);
        if (!spec.columns.at(c).hint.isEmpty())
            hints << QStringLiteral("%1: %2.").arg(spec.columns.at(c).label, spec.columns.at(c).hint);
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(table, &QTableWidget::itemChanged, this, &PriceConfigEditor::changed);
    auto *add = new QPushButton(tr("Add %1").arg(spec.rowName), this);
    add->setObjectName(first ? QStringLiteral("addTierButton") : QStringLiteral("addRowButton_") + spec.key);
    auto *remove = new QPushButton(tr("Remove %1").arg(spec.rowName), this);
    remove->setObjectName(first ? QStringLiteral("removeTierButton") : QStringLiteral("removeRowButton_") + spec.key);
    connect(add, &QPushButton::clicked, this, [this, index] { addRow(index); });
    connect(remove, &QPushButton::clicked, this, [this, index] { removeRow(index); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    outer->addWidget(table, 1);
    auto *error = errorLabel(first ? QStringLiteral("tierErrors") : QStringLiteral("tableErrors_") + spec.key, this);
    outer->addWidget(error);
    m_tableErrors.append(error);
    outer->addLayout(buttons);
    if (!hints.isEmpty()) {
        auto *hint = new QLabel(hints.join(QLatin1Char(' ')), this);
        hint->setObjectName(first ? QStringLiteral("tierHint") : QStringLiteral("tableHint_") + spec.key);
        hint->setWordWrap(true);
        outer->addWidget(hint);
    }
    m_specs.append(spec);
    m_tables.append(table);
}

void StructuredConfigEditor::setCell(QTableWidget *table, int row, int column, const QString &text, bool alignLeft)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment((alignLeft ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    table->setItem(row, column, item);
}

void StructuredConfigEditor::addRow(int index)
{
    if (index < 0 || index >= m_tables.size())
        return;
    QTableWidget *table = m_tables.at(index);
    const ConfigTable &spec = m_specs.at(index);
    const QSignalBlocker block(table);
    const int row = table->rowCount();
    table->insertRow(row);
    for (int c = 0; c < table->columnCount(); ++c)
        setCell(table, row, c, QString(), spec.columns.at(c).text);
    // A new range tier starts where the one above ends (that is the rule).
    if (row > 0 && spec.columns.size() > 1
        && (spec.columns.at(0).key == QLatin1String("first_unit") || spec.columns.at(0).key == QLatin1String("minimum_amount")))
        table->item(row, 0)->setText(table->item(row - 1, 1)->text());
    table->setCurrentCell(row, 0);
    emit changed();
}

void StructuredConfigEditor::removeRow(int index)
{
    if (index < 0 || index >= m_tables.size())
        return;
    QTableWidget *table = m_tables.at(index);
    const int row = table->currentRow() >= 0 ? table->currentRow() : table->rowCount() - 1;
    if (row < 0)
        return;
    table->removeRow(row);
    emit changed();
}

void StructuredConfigEditor::setConfig(const QJsonObject &config)
{
    m_kept = config;
    m_flagsGiven.clear();
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const ConfigField &f = m_layout.fields.at(i);
        if (f.flag) {
            const QSignalBlocker block(m_flags[i]);
            m_flags[i]->setChecked(config.value(f.key).toBool());
            if (config.value(f.key).isBool())
                m_flagsGiven.insert(f.key);
            m_kept.remove(f.key);
            continue;
        }
        if (!f.arrayKey.isEmpty())
            m_fields[i]->setText(cellText(config, f.key, f.arrayKey, f.arrayIndex, f.text));
        else
            m_fields[i]->setText(f.text ? config.value(f.key).toString() : editText(config.value(f.key)));
        m_kept.remove(f.arrayKey.isEmpty() ? f.key : f.arrayKey);
    }
    if (m_grid) {
        updateGrid();
        m_grid->setRows(config.value(m_layout.tableKey).toArray());
        m_kept.remove(m_layout.tableKey);
    }
    for (qsizetype t = 0; t < m_tables.size(); ++t) {
        QTableWidget *table = m_tables.at(t);
        const ConfigTable &spec = m_specs.at(t);
        m_kept.remove(spec.key);
        const QSignalBlocker block(table);
        const QJsonArray rows = config.value(spec.key).toArray();
        table->setRowCount(int(rows.size()));
        for (int r = 0; r < rows.size(); ++r) {
            const QJsonObject o = rows.at(r).toObject();
            for (int c = 0; c < spec.columns.size(); ++c) {
                const ConfigColumn &col = spec.columns.at(c);
                setCell(table, r, c, cellText(o, col.key, col.arrayKey, col.arrayIndex, col.text), col.text);
            }
        }
    }
}

QJsonObject StructuredConfigEditor::config(QString *) const
{
    QJsonObject o = m_kept;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const ConfigField &f = m_layout.fields.at(i);
        if (f.flag) {
            // Left out when off and never given: Orb's default is off.
            if (m_flags.at(i)->isChecked() || m_flagsGiven.contains(f.key))
                o.insert(f.key, m_flags.at(i)->isChecked());
            continue;
        }
        // A number typed in the locale's form is stored in the canonical one ("0,50" → "0.50").
        const QString text = f.text || !f.arrayKey.isEmpty() ? m_fields.at(i)->text().trimmed() : typedDecimal(m_fields.at(i)->text());
        if (!f.arrayKey.isEmpty())
            setArrayEntry(o, f.arrayKey, f.arrayIndex, text, arraySize(m_layout.fields, f.arrayKey));
        else if (!text.isEmpty()) // left out when empty: the parser then says it is required, with its path
            o.insert(f.key, text);
    }
    if (m_grid)
        o.insert(m_layout.tableKey, m_grid->rows());
    for (qsizetype t = 0; t < m_tables.size(); ++t) {
        const QTableWidget *table = m_tables.at(t);
        const ConfigTable &spec = m_specs.at(t);
        QJsonArray rows;
        for (int r = 0; r < table->rowCount(); ++r) {
            QJsonObject row;
            for (int c = 0; c < spec.columns.size(); ++c) {
                const ConfigColumn &col = spec.columns.at(c);
                const QTableWidgetItem *item = table->item(r, c);
                const QString typed = item ? item->text().trimmed() : QString();
                const QString text = col.text || !col.arrayKey.isEmpty() ? typed : typedDecimal(typed);
                if (!col.arrayKey.isEmpty())
                    setArrayEntry(row, col.arrayKey, col.arrayIndex, text, arraySize(spec.columns, col.arrayKey));
                else if (!text.isEmpty())
                    row.insert(col.key, text);
                else if (col.nullWhenEmpty)
                    row.insert(col.key, QJsonValue(QJsonValue::Null));
            }
            rows.append(row);
        }
        o.insert(spec.key, rows);
    }
    return o;
}

void StructuredConfigEditor::showErrors(const ConfigErrors &errors)
{
    // "tiers[1].first_unit", "unit_amount", "dimensions[0]", "tiers", "": the field, the cell, the table or the whole.
    static const QRegularExpression cellPath(QStringLiteral("^([a-z_]+)\\[(\\d+)\\](?:\\.([a-z_]+)(?:\\[(\\d+)\\])?)?"));
    static const QRegularExpression fieldPath(QStringLiteral("^([a-z_]+)(?:\\[(\\d+)\\])?$"));
    QList<QStringList> fieldLines(m_fieldErrors.size());
    QList<QStringList> tableLines(m_tables.size());
    QStringList other;
    for (QTableWidget *table : std::as_const(m_tables)) {
        const QSignalBlocker block(table); // colouring a cell is no edit
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c = 0; c < table->columnCount(); ++c)
                if (QTableWidgetItem *item = table->item(r, c)) {
                    item->setData(Qt::BackgroundRole, QVariant());
                    item->setToolTip(QString());
                }
    }
    QList<std::pair<int, QString>> gridCells;
    QStringList gridOther;
    for (const auto &[path, rawMessage] : errors) {
        const QString message = plainMessage(rawMessage);
        bool placed = false;
        // A cell of the grid, or the grid as a whole.
        if (m_grid && (path == m_layout.tableKey || path.startsWith(m_layout.tableKey + QLatin1Char('[')))) {
            if (const QRegularExpressionMatch m = cellPath.match(path); m.hasMatch() && m.captured(1) == m_layout.tableKey)
                gridCells.append({m.captured(2).toInt(), message});
            else
                gridOther << message;
            continue;
        }
        // A field of the form.
        if (const QRegularExpressionMatch m = fieldPath.match(path); m.hasMatch()) {
            for (qsizetype i = 0; i < m_layout.fields.size() && !placed; ++i) {
                const ConfigField &f = m_layout.fields.at(i);
                const bool same = f.arrayKey.isEmpty() ? f.key == m.captured(1) && m.captured(2).isEmpty()
                                                       : f.arrayKey == m.captured(1) && (m.captured(2).isEmpty() || m.captured(2).toInt() == f.arrayIndex);
                if (same) {
                    fieldLines[i] << message;
                    placed = true;
                }
            }
            for (qsizetype t = 0; t < m_specs.size() && !placed; ++t)
                if (m_specs.at(t).key == m.captured(1) && m.captured(2).isEmpty()) {
                    tableLines[t] << message;
                    placed = true;
                }
        }
        // A row or cell of a table.
        if (const QRegularExpressionMatch m = cellPath.match(path); !placed && m.hasMatch()) {
            for (qsizetype t = 0; t < m_specs.size() && !placed; ++t) {
                const ConfigTable &spec = m_specs.at(t);
                if (spec.key != m.captured(1))
                    continue;
                const int row = m.captured(2).toInt();
                int column = -1;
                for (int c = 0; c < spec.columns.size() && !m.captured(3).isEmpty(); ++c) {
                    const ConfigColumn &col = spec.columns.at(c);
                    if ((col.arrayKey.isEmpty() && col.key == m.captured(3))
                        || (!col.arrayKey.isEmpty() && col.arrayKey == m.captured(3) && (m.captured(4).isEmpty() || m.captured(4).toInt() == col.arrayIndex)))
                        column = c;
                }
                QString where = tr("%1 %2").arg(spec.rowName).arg(row + 1);
                where[0] = where[0].toUpper();
                if (column >= 0)
                    where += QStringLiteral(", ") + spec.columns.at(column).label;
                tableLines[t] << QStringLiteral("%1: %2").arg(where, message);
                QTableWidget *table = m_tables.at(t);
                const QSignalBlocker block(table);
                for (int c = 0; c < table->columnCount() && row < table->rowCount(); ++c) {
                    if (column >= 0 && c != column)
                        continue;
                    if (QTableWidgetItem *item = table->item(row, c)) {
                        item->setBackground(QColor(0xf9, 0xde, 0xdc));
                        item->setToolTip(message);
                    }
                }
                placed = true;
            }
        }
        if (!placed)
            other << message;
    }
    for (qsizetype i = 0; i < m_fieldErrors.size(); ++i) {
        m_fieldErrors[i]->setText(fieldLines.at(i).join(QLatin1Char('\n')));
        m_fieldErrors[i]->setVisible(!fieldLines.at(i).isEmpty());
    }
    for (qsizetype t = 0; t < m_tableErrors.size(); ++t) {
        m_tableErrors[t]->setText(tableLines.at(t).join(QLatin1Char('\n')));
        m_tableErrors[t]->setVisible(!tableLines.at(t).isEmpty());
    }
    if (m_grid)
        m_grid->showErrors(gridCells, gridOther);
    m_otherErrors->setText(other.join(QLatin1Char('\n')));
    m_otherErrors->setVisible(!other.isEmpty());
}

} // namespace orb
