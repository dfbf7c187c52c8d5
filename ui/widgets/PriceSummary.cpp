// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PriceSummary.h"

#include "engine/Decimal.h"
#include "ui/CatalogText.h"
#include "ui/widgets/ConfigEditorGrid.h"
#include "ui/widgets/PriceConfigEditor.h"
#include "ui/widgets/StructuredConfigEditor.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

namespace {

QString valueText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return PriceSummary::tr("no limit");
    if (v.isBool())
        return v.toBool() ? PriceSummary::tr("yes") : PriceSummary::tr("no");
    if (v.isString() && !Decimal::tryParse(v.toString()))
        return v.toString();
    return CatalogText::valueText(QString(), v, QString());
}

} // namespace

PriceSummary::PriceSummary(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("priceSummary"));
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("priceSummaryText"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("priceSummaryTable"));
    m_table->setAccessibleName(tr("Tiers, cells or rates of the price"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_table, 1);
}

QString PriceSummary::text() const
{
    return m_header->text();
}

void PriceSummary::setPrice(const QJsonObject &price, const QString &itemName, const QString &metricName, const QString &currency)
{
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    if (price.isEmpty()) {
        m_header->clear();
        m_table->hide();
        return;
    }
    const QString type = price.value(QStringLiteral("model_type")).toString();
    const QJsonObject config = price.value(type + QStringLiteral("_config")).toObject();
    const QString model = CatalogText::modelName(type);
    // Amounts in the price's currency, quantities and rates as plain numbers, in the locale.
    auto money = [&currency](const char *key, const QJsonValue &v) { return CatalogText::valueText(QLatin1String(key), v, currency); };
    QString billing = price.value(QStringLiteral("billing_mode")).toString() == QLatin1String("in_advance") ? tr("in advance") : tr("in arrears");
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(price.value(QStringLiteral("name")).toString().toHtmlEscaped());
    lines << tr("Item: %1 · Metric: %2")
                 .arg(itemName.isEmpty() ? tr("(unknown item)") : itemName.toHtmlEscaped(),
                      metricName.isEmpty() ? tr("none (a fixed fee)") : metricName.toHtmlEscaped());
    lines << tr("%1, billed %2 · %3 · %4 model").arg(CatalogText::cadenceName(price), billing, currency.toHtmlEscaped(), model.toHtmlEscaped());
    QStringList limits;
    if (const QJsonValue v = price.value(QStringLiteral("minimum_amount")); !v.isUndefined() && !v.isNull())
        limits << tr("minimum %1").arg(money("minimum_amount", v));
    if (const QJsonValue v = price.value(QStringLiteral("maximum_amount")); !v.isUndefined() && !v.isNull())
        limits << tr("maximum %1").arg(money("maximum_amount", v));
    if (const QJsonValue v = price.value(QStringLiteral("fixed_price_quantity")); !v.isUndefined() && !v.isNull())
        limits << tr("quantity %1").arg(valueText(v));
    if (!limits.isEmpty())
        lines << limits.join(QStringLiteral(" · "));

    const bool matrix = type == QLatin1String("matrix") || type == QLatin1String("matrix_with_allocation");
    if (matrix) {
        const QJsonArray dims = config.value(QStringLiteral("dimensions")).toArray();
        const bool two = dims.size() > 1 && dims.at(1).isString() && !dims.at(1).toString().isEmpty();
        lines << tr("Default unit amount: %1").arg(money("default_unit_amount", config.value(QStringLiteral("default_unit_amount"))));
        if (config.contains(QStringLiteral("allocation")))
            lines << tr("Free units (allocation): %1").arg(valueText(config.value(QStringLiteral("allocation"))));
        QStringList rows, columns;
        const QJsonArray values = config.value(QStringLiteral("matrix_values")).toArray();
        for (const QJsonValue &v : values) {
            const QJsonArray dv = v.toObject().value(QStringLiteral("dimension_values")).toArray();
            if (!rows.contains(dv.at(0).toString()))
                rows << dv.at(0).toString();
            if (two && !columns.contains(dv.at(1).toString()))
                columns << dv.at(1).toString();
        }
        QStringList headers{dims.at(0).toString()};
        if (two)
            for (const QString &c : columns)
                headers << QStringLiteral("%1 = %2").arg(dims.at(1).toString(), c);
        else
            headers << tr("Unit amount");
        m_table->setColumnCount(int(headers.size()));
        m_table->setHorizontalHeaderLabels(headers);
        m_table->setRowCount(int(rows.size()));
        for (int r = 0; r < rows.size(); ++r) {
            m_table->setItem(r, 0, new QTableWidgetItem(rows.at(r)));
            for (int c = 1; c < headers.size(); ++c) {
                // Not priced of its own: the default unit amount applies.
                auto *item = new QTableWidgetItem(tr("default"));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setForeground(m_table->palette().placeholderText());
                m_table->setItem(r, c, item);
            }
        }
        for (const QJsonValue &v : values) {
            const QJsonObject cell = v.toObject();
            const QJsonArray dv = cell.value(QStringLiteral("dimension_values")).toArray();
            const int r = int(rows.indexOf(dv.at(0).toString()));
            const int c = two ? int(columns.indexOf(dv.at(1).toString())) + 1 : 1;
            auto *item = new QTableWidgetItem(money("unit_amount", cell.value(QStringLiteral("unit_amount"))));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    } else if (const auto layout = StructuredConfigEditor::layoutFor(type)) {
        for (const ConfigField &f : layout->fields) {
            QJsonValue v = f.arrayKey.isEmpty() ? config.value(f.key) : config.value(f.arrayKey).toArray().at(f.arrayIndex);
            if (v.isUndefined() || (v.isNull() && !f.arrayKey.isEmpty()))
                continue; // an optional setting not given
            lines << QStringLiteral("%1: %2").arg(
                f.label.toHtmlEscaped(),
                (f.text ? (v.isString() ? v.toString() : valueText(v)) : CatalogText::valueText(f.arrayKey.isEmpty() ? f.key : f.arrayKey, v, currency))
                    .toHtmlEscaped());
        }
        // The first table of the model (tiers, cells, rates); the others follow below it.
        QList<ConfigTable> tables;
        if (!layout->tableKey.isEmpty() && !layout->grid)
            tables << ConfigTable{layout->tableKey, layout->rowName, layout->columns};
        tables << layout->moreTables;
        int row = 0;
        if (!layout->tableKey.isEmpty() && layout->grid && layout->columns.size() == 3) {
            // A matrix as it is read: the first dimension's values down, the second's across.
            const ConfigTable spec{layout->tableKey, layout->rowName, layout->columns};
            auto fieldValue = [&](int f) {
                if (f < 0 || f >= layout->fields.size())
                    return QString();
                const ConfigField &field = layout->fields.at(f);
                const QJsonValue v = field.arrayKey.isEmpty() ? config.value(field.key) : config.value(field.arrayKey).toArray().at(field.arrayIndex);
                return v.isString() ? v.toString() : QString();
            };
            const QString first = fieldValue(layout->firstDimensionField);
            const QString second = fieldValue(layout->secondDimensionField);
            const bool two = layout->secondDimensionField < 0 || !second.isEmpty();
            const QJsonArray cells = config.value(spec.key).toArray();
            const ConfigEditorGrid::Grid g = ConfigEditorGrid::gridOf(spec, cells, two);
            QStringList headers{first.isEmpty() ? spec.columns.at(0).label : first};
            for (const QString &c : g.columns) {
                if (!two)
                    headers << spec.columns.at(2).label;
                else if (layout->secondDimensionField < 0) // a column of bounds: "Above 100"
                    headers << QStringLiteral("%1 %2").arg(spec.columns.at(1).label, c);
                else
                    headers << QStringLiteral("%1 = %2").arg(second, c.isEmpty() ? tr("any") : c);
            }
            m_table->setColumnCount(int(headers.size()));
            m_table->setHorizontalHeaderLabels(headers);
            for (int r = 0; r < g.rows.size(); ++r, ++row) {
                m_table->insertRow(row);
                m_table->setItem(row, 0, new QTableWidgetItem(g.rows.at(r)));
                for (int c = 0; c < g.columns.size(); ++c) {
                    const int index = g.cells.at(r).at(c);
                    const ConfigColumn &amount = spec.columns.at(2);
                    const QString text = index < 0 ? QString() : CatalogText::valueText(amount.key, cells.at(index).toObject().value(amount.key), currency);
                    auto *item = new QTableWidgetItem(text.isEmpty() ? QStringLiteral("–") : text);
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    if (index < 0)
                        item->setForeground(m_table->palette().placeholderText());
                    m_table->setItem(row, c + 1, item);
                }
            }
        }
        for (const ConfigTable &t : std::as_const(tables)) {
            const QJsonArray rows = config.value(t.key).toArray();
            if (t.columns.size() + 1 > m_table->columnCount())
                m_table->setColumnCount(int(t.columns.size()) + 1);
            if (row == 0) {
                QStringList headers{QString()};
                for (const ConfigColumn &c : t.columns)
                    headers << c.label;
                m_table->setHorizontalHeaderLabels(headers);
            } else {
                // A further table: its own header row.
                m_table->insertRow(row);
                for (int c = 0; c < t.columns.size(); ++c) {
                    auto *item = new QTableWidgetItem(t.columns.at(c).label);
                    QFont f = item->font();
                    f.setBold(true);
                    item->setFont(f);
                    m_table->setItem(row, c + 1, item);
                }
                ++row;
            }
            for (qsizetype r = 0; r < rows.size(); ++r, ++row) {
                m_table->insertRow(row);
                QString label = QStringLiteral("%1 %2").arg(t.rowName).arg(r + 1);
                label[0] = label[0].toUpper();
                m_table->setItem(row, 0, new QTableWidgetItem(label));
                const QJsonObject o = rows.at(r).toObject();
                for (int c = 0; c < t.columns.size(); ++c) {
                    const ConfigColumn &col = t.columns.at(c);
                    const QJsonValue v = col.arrayKey.isEmpty() ? o.value(col.key) : o.value(col.arrayKey).toArray().at(col.arrayIndex);
                    QString text = v.isUndefined() ? QString()
                                   : col.text      ? (v.isString() ? v.toString() : valueText(v))
                                                   : CatalogText::valueText(col.key, v, currency);
                    if (v.isNull() && !col.nullWhenEmpty)
                        text.clear();
                    auto *item = new QTableWidgetItem(text);
                    item->setTextAlignment((col.text ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
                    m_table->setItem(row, c + 1, item);
                }
            }
        }
    }
    m_header->setText(lines.join(QStringLiteral("<br>")));
    m_table->setVisible(m_table->rowCount() > 0);
}

} // namespace orb
