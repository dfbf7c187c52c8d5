// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StructuredConfigEditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

namespace {

ConfigField amountField(const char *key, const QString &label)
{
    return {QLatin1String(key), label, false};
}

ConfigField propertyField(const char *key, const QString &label)
{
    return {QLatin1String(key), label, true};
}

ConfigColumn tierColumn(const char *key, const QString &label, bool nullWhenEmpty = false, const QString &hint = QString())
{
    return {QLatin1String(key), label, nullWhenEmpty, hint};
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
    const QList<ConfigColumn> ranges = {tierColumn("first_unit", tr("First unit"), false, tr("Where the tier starts (exclusive): where the tier above ends; 0 for the first")),
                                        tierColumn("last_unit", tr("Last unit"), true, tr("Where the tier ends (inclusive); empty on the last tier: no limit")),
                                        tierColumn("unit_amount", tr("Unit amount")), flat};
    const ConfigColumn lower = tierColumn("tier_lower_bound", tr("Above"), false, tr("The tier applies to units above this bound; 0 for the first"));
    if (type == QLatin1String("unit"))
        return ConfigLayout{{amountField("unit_amount", tr("Unit amount"))}, {}, {}, {}};
    if (type == QLatin1String("package"))
        return ConfigLayout{{amountField("package_amount", tr("Package amount")), packageSize}, {}, {}, {}};
    if (type == QLatin1String("unit_with_percent"))
        return ConfigLayout{{amountField("unit_amount", tr("Unit amount")), amountField("percent", tr("Percent (out of 100)"))}, {}, {}, {}};
    if (type == QLatin1String("package_with_allocation"))
        return ConfigLayout{{amountField("allocation", tr("Free units (allocation)")), amountField("package_amount", tr("Package amount")), packageSize}, {}, {}, {}};
    if (type == QLatin1String("grouped_allocation"))
        return ConfigLayout{{groupBy, amountField("allocation", tr("Free units per group")), amountField("overage_unit_rate", tr("Overage unit rate"))}, {}, {}, {}};
    if (type == QLatin1String("grouped_with_prorated_minimum"))
        return ConfigLayout{{groupBy, amountField("minimum", tr("Minimum per group")), amountField("unit_rate", tr("Unit rate"))}, {}, {}, {}};
    if (type == QLatin1String("grouped_with_min_max_thresholds"))
        return ConfigLayout{{groupBy, amountField("minimum_charge", tr("Minimum charge per group")), amountField("maximum_charge", tr("Maximum charge per group")),
                             amountField("per_unit_rate", tr("Unit rate"))}, {}, {}, {}};
    if (type == QLatin1String("tiered"))
        return ConfigLayout{{}, tiers, tier, ranges};
    if (type == QLatin1String("bulk"))
        return ConfigLayout{{}, tiers, tier, {tierColumn("maximum_units", tr("Up to units"), true, tr("All units are priced at the tier the total falls in; empty on the last tier: no limit")),
                                              tierColumn("unit_amount", tr("Unit amount")), flat}};
    if (type == QLatin1String("threshold_total_amount"))
        return ConfigLayout{{}, QStringLiteral("consumption_table"), tr("threshold"),
                            {tierColumn("threshold", tr("From quantity")), tierColumn("total_amount", tr("Total amount"))}};
    if (type == QLatin1String("tiered_package"))
        return ConfigLayout{{packageSize}, tiers, tier, {lower, tierColumn("per_unit", tr("Amount per package"))}};
    if (type == QLatin1String("tiered_with_minimum"))
        return ConfigLayout{{}, tiers, tier, {lower, tierColumn("unit_amount", tr("Unit amount")), tierColumn("minimum_amount", tr("Minimum amount"))}};
    if (type == QLatin1String("tiered_package_with_minimum"))
        return ConfigLayout{{packageSize}, tiers, tier,
                            {lower, tierColumn("per_unit", tr("Amount per package")), tierColumn("minimum_amount", tr("Minimum amount"))}};
    if (type == QLatin1String("grouped_tiered"))
        return ConfigLayout{{groupBy}, tiers, tier, {lower, tierColumn("unit_amount", tr("Unit amount"))}};
    if (type == QLatin1String("grouped_tiered_package"))
        return ConfigLayout{{groupBy, packageSize}, tiers, tier, {lower, tierColumn("per_unit", tr("Amount per package"))}};
    return std::nullopt;
}

StructuredConfigEditor::StructuredConfigEditor(const ConfigLayout &layout, QWidget *parent)
    : PriceConfigEditor(parent), m_layout(layout)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    if (!layout.fields.isEmpty()) {
        auto *form = new QFormLayout;
        for (const ConfigField &f : layout.fields) {
            auto *edit = new QLineEdit(this);
            edit->setObjectName(QStringLiteral("configField_") + f.key);
            edit->setAccessibleName(f.label);
            // Sizes and allocations count units; the rest are amounts or rates.
            if (f.key == QLatin1String("package_size") || f.key == QLatin1String("allocation"))
                edit->setPlaceholderText(tr("units, e.g. 10"));
            else if (f.key == QLatin1String("percent"))
                edit->setPlaceholderText(tr("out of 100, e.g. 50"));
            else if (!f.text)
                edit->setPlaceholderText(tr("a decimal, e.g. 0.50"));
            else
                edit->setPlaceholderText(tr("an event property, e.g. region"));
            connect(edit, &QLineEdit::textEdited, this, &PriceConfigEditor::changed);
            auto *label = new QLabel(f.label + QLatin1Char(':'), this);
            label->setBuddy(edit);
            form->addRow(label, edit);
            m_fields.append(edit);
        }
        outer->addLayout(form);
    }
    if (layout.tableKey.isEmpty()) {
        outer->addStretch();
        return;
    }
    m_table = new QTableWidget(0, int(layout.columns.size()), this);
    m_table->setObjectName(QStringLiteral("tierTable"));
    m_table->setAccessibleName(tr("Table of %1s").arg(layout.rowName));
    QStringList hints;
    for (int c = 0; c < layout.columns.size(); ++c) {
        auto *header = new QTableWidgetItem(layout.columns.at(c).label);
        header->setToolTip(layout.columns.at(c).hint);
        m_table->setHorizontalHeaderItem(c, header);
        if (!layout.columns.at(c).hint.isEmpty())
            hints << QStringLiteral("%1: %2.").arg(layout.columns.at(c).label, layout.columns.at(c).hint);
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_table, &QTableWidget::itemChanged, this, &PriceConfigEditor::changed);
    auto *add = new QPushButton(tr("Add %1").arg(layout.rowName), this);
    add->setObjectName(QStringLiteral("addTierButton"));
    auto *remove = new QPushButton(tr("Remove %1").arg(layout.rowName), this);
    remove->setObjectName(QStringLiteral("removeTierButton"));
    connect(add, &QPushButton::clicked, this, &StructuredConfigEditor::addRow);
    connect(remove, &QPushButton::clicked, this, &StructuredConfigEditor::removeRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    outer->addWidget(m_table, 1);
    outer->addLayout(buttons);
    if (!hints.isEmpty()) {
        auto *hint = new QLabel(hints.join(QLatin1Char(' ')), this);
        hint->setObjectName(QStringLiteral("tierHint"));
        hint->setWordWrap(true);
        outer->addWidget(hint);
    }
}

void StructuredConfigEditor::setCell(int row, int column, const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, column, item);
}

void StructuredConfigEditor::addRow()
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int c = 0; c < m_table->columnCount(); ++c)
        setCell(row, c, QString());
    // A new range tier starts where the one above ends (that is the rule).
    if (row > 0 && m_layout.columns.size() > 1 && m_layout.columns.at(0).key == QLatin1String("first_unit"))
        m_table->item(row, 0)->setText(m_table->item(row - 1, 1)->text());
    m_table->setCurrentCell(row, 0);
    emit changed();
}

void StructuredConfigEditor::removeRow()
{
    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() : m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    emit changed();
}

void StructuredConfigEditor::setConfig(const QJsonObject &config)
{
    m_kept = config;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const ConfigField &f = m_layout.fields.at(i);
        m_fields[i]->setText(f.text ? config.value(f.key).toString() : decimalText(config.value(f.key)));
        m_kept.remove(f.key);
    }
    if (!m_table)
        return;
    m_kept.remove(m_layout.tableKey);
    const QSignalBlocker block(m_table);
    const QJsonArray rows = config.value(m_layout.tableKey).toArray();
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonObject o = rows.at(r).toObject();
        for (int c = 0; c < m_layout.columns.size(); ++c)
            setCell(r, c, decimalText(o.value(m_layout.columns.at(c).key)));
    }
}

QJsonObject StructuredConfigEditor::config(QString *) const
{
    QJsonObject o = m_kept;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const QString text = m_fields.at(i)->text().trimmed();
        // Left out when empty: the parser then says the field is required, with its path.
        if (!text.isEmpty())
            o.insert(m_layout.fields.at(i).key, text);
    }
    if (!m_table)
        return o;
    QJsonArray rows;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QJsonObject row;
        for (int c = 0; c < m_layout.columns.size(); ++c) {
            const ConfigColumn &col = m_layout.columns.at(c);
            const QTableWidgetItem *item = m_table->item(r, c);
            const QString text = item ? item->text().trimmed() : QString();
            if (!text.isEmpty())
                row.insert(col.key, text);
            else if (col.nullWhenEmpty)
                row.insert(col.key, QJsonValue(QJsonValue::Null));
        }
        rows.append(row);
    }
    o.insert(m_layout.tableKey, rows);
    return o;
}

} // namespace orb
