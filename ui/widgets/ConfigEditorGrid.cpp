// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ConfigEditorGrid.h"

#include "engine/Decimal.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace orb {

// The grid: row 0 holds the second dimension's values, column 0 the first dimension's; cell
// (0, 0) is the corner. The values are cells, not header sections, so they are typed in place.

namespace {

QJsonValue columnValue(const QJsonObject &row, const ConfigColumn &column)
{
    if (column.arrayKey.isEmpty())
        return row.value(column.key);
    return row.value(column.arrayKey).toArray().at(column.arrayIndex);
}

/// The size of the array a column writes into: one more than the largest index of its columns.
int arraySize(const ConfigTable &spec, const QString &key)
{
    int size = 0;
    for (const ConfigColumn &c : spec.columns)
        if (c.arrayKey == key)
            size = std::max(size, c.arrayIndex + 1);
    return size;
}

/// Writes what a column's cell holds: a value, null in an array when empty, null for an open
/// bound, nothing otherwise (the parser then names what is missing).
void writeColumn(QJsonObject &row, const ConfigTable &spec, const ConfigColumn &column, const QString &typed)
{
    const QString text = column.text || !column.arrayKey.isEmpty() ? typed.trimmed() : PriceConfigEditor::typedDecimal(typed);
    if (!column.arrayKey.isEmpty()) {
        QJsonArray a = row.value(column.arrayKey).toArray();
        while (a.size() < arraySize(spec, column.arrayKey))
            a.append(QJsonValue(QJsonValue::Null));
        a.replace(column.arrayIndex, text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text));
        row.insert(column.arrayKey, a);
    } else if (!text.isEmpty()) {
        row.insert(column.key, text);
    } else if (column.nullWhenEmpty) {
        row.insert(column.key, QJsonValue(QJsonValue::Null));
    }
}

/// A column of bounds (amounts, not names) is kept in rising order, as the tiers must be.
bool isBound(const ConfigColumn &column)
{
    return !column.text && column.arrayKey.isEmpty();
}

bool boundLess(const QString &a, const QString &b)
{
    const auto x = Decimal::tryParse(PriceConfigEditor::typedDecimal(a));
    const auto y = Decimal::tryParse(PriceConfigEditor::typedDecimal(b));
    if (x && y)
        return *x < *y;
    return x.has_value() && !y.has_value(); // what is no number goes last, for the parser to name
}

} // namespace

QString ConfigEditorGrid::valueText(const QJsonObject &row, const ConfigColumn &column)
{
    const QJsonValue v = columnValue(row, column);
    if (v.isNull() || v.isUndefined())
        return {};
    if (column.text || !column.arrayKey.isEmpty())
        return v.isString() ? v.toString() : PriceConfigEditor::decimalText(v);
    return PriceConfigEditor::editText(v);
}

ConfigEditorGrid::Grid ConfigEditorGrid::gridOf(const ConfigTable &spec, const QJsonArray &rows, bool two)
{
    Grid g;
    const ConfigColumn &rowColumn = spec.columns.at(0);
    const ConfigColumn &columnColumn = spec.columns.at(1);
    // Rows and columns in the order their values first appear in the cells.
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        if (const QString r = valueText(o, rowColumn); !g.rows.contains(r))
            g.rows << r;
        if (two)
            if (const QString c = valueText(o, columnColumn); !g.columns.contains(c))
                g.columns << c;
    }
    if (!two)
        g.columns = QStringList{QString()};
    else if (isBound(columnColumn))
        std::stable_sort(g.columns.begin(), g.columns.end(), boundLess);
    g.cells = QList<QList<int>>(g.rows.size(), QList<int>(g.columns.size(), -1));
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject o = rows.at(i).toObject();
        const auto r = g.rows.indexOf(valueText(o, rowColumn));
        const auto c = two ? g.columns.indexOf(valueText(o, columnColumn)) : 0;
        g.cells[r][c] = i;
    }
    return g;
}

ConfigEditorGrid::ConfigEditorGrid(const ConfigTable &spec, QWidget *parent) : QWidget(parent), m_spec(spec)
{
    m_grid = new QTableWidget(1, 2, this);
    m_grid->setObjectName(QStringLiteral("configGrid"));
    m_grid->setAccessibleName(tr("%1 per pair of values").arg(spec.columns.at(2).label));
    m_grid->horizontalHeader()->hide();
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setDefaultSectionSize(m_grid->fontMetrics().height() + 8);
    connect(m_grid, &QTableWidget::itemChanged, this, &ConfigEditorGrid::changed);
    auto *addRow = new QPushButton(tr("Add row"), this);
    addRow->setObjectName(QStringLiteral("addGridRowButton"));
    addRow->setToolTip(tr("A further value down the left"));
    auto *removeRow = new QPushButton(tr("Remove row"), this);
    removeRow->setObjectName(QStringLiteral("removeGridRowButton"));
    m_addColumn = new QPushButton(tr("Add column"), this);
    m_addColumn->setObjectName(QStringLiteral("addGridColumnButton"));
    m_addColumn->setToolTip(tr("A further value across the top"));
    m_removeColumn = new QPushButton(tr("Remove column"), this);
    m_removeColumn->setObjectName(QStringLiteral("removeGridColumnButton"));
    for (QPushButton *b : {addRow, removeRow, m_addColumn, m_removeColumn})
        b->setAutoDefault(false);
    connect(addRow, &QPushButton::clicked, this, &ConfigEditorGrid::addRow);
    connect(removeRow, &QPushButton::clicked, this, &ConfigEditorGrid::removeRow);
    connect(m_addColumn, &QPushButton::clicked, this, &ConfigEditorGrid::addColumn);
    connect(m_removeColumn, &QPushButton::clicked, this, &ConfigEditorGrid::removeColumn);
    // Two by two: four buttons in a row made the model settings wider than the plan editor's
    // column ("Spalte hinzufügen" in German) and the grid scrolled sideways.
    auto *buttons = new QGridLayout;
    buttons->addWidget(addRow, 0, 0);
    buttons->addWidget(removeRow, 0, 1);
    buttons->addWidget(m_addColumn, 1, 0);
    buttons->addWidget(m_removeColumn, 1, 1);
    buttons->setColumnStretch(2, 1);
    m_errors = PriceConfigEditor::errorLabel(QStringLiteral("gridErrors"), this);
    QString hint = tr("Values of the first dimension down the left, of the second across the top; each cell: %1 of that pair. An empty cell "
                      "is no entry.")
                       .arg(spec.columns.at(2).label);
    if (!spec.columns.at(1).hint.isEmpty())
        hint += QLatin1Char(' ') + tr("Across the top: %1.").arg(spec.columns.at(1).hint);
    auto *hintLabel = new QLabel(hint, this);
    hintLabel->setObjectName(QStringLiteral("gridHint"));
    hintLabel->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_errors);
    layout->addLayout(buttons);
    layout->addWidget(hintLabel);
    updateHeaders();
}

QString ConfigEditorGrid::text(int row, int column) const
{
    const QTableWidgetItem *item = m_grid->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void ConfigEditorGrid::setText(int row, int column, const QString &text, bool header)
{
    QTableWidgetItem *item = m_grid->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        m_grid->setItem(row, column, item);
    }
    item->setText(text);
    // Names left, amounts (and a column of bounds) right.
    const bool left = header && (row > 0 || m_spec.columns.at(1).text || !m_spec.columns.at(1).arrayKey.isEmpty());
    item->setTextAlignment((left || (header && column == 0) ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (header) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        item->setBackground(m_grid->palette().alternateBase());
    }
}

void ConfigEditorGrid::setNames(const QString &first, const QString &second)
{
    m_first = first;
    m_second = second;
    updateHeaders();
}

void ConfigEditorGrid::setTwoDimensions(bool two)
{
    if (two == m_two)
        return;
    m_two = two;
    updateHeaders();
}

void ConfigEditorGrid::updateHeaders()
{
    const QSignalBlocker block(m_grid);
    // The corner names the dimensions; with one dimension the single column holds the amounts.
    QString corner = m_first.isEmpty() ? m_spec.columns.at(0).label : m_first;
    if (m_two)
        corner += QStringLiteral(" ↓ · ") + (m_second.isEmpty() ? m_spec.columns.at(1).label : m_second) + QStringLiteral(" →");
    setText(0, 0, corner, true);
    m_grid->item(0, 0)->setFlags(Qt::ItemIsEnabled);
    if (!m_grid->item(0, 1))
        setText(0, 1, QString(), true);
    QTableWidgetItem *top = m_grid->item(0, 1);
    if (m_two) {
        top->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        if (top->data(Qt::UserRole).toBool()) { // it showed the amount's name
            top->setText(QString());
            top->setData(Qt::UserRole, false);
        }
    } else {
        top->setFlags(Qt::ItemIsEnabled);
        top->setText(m_spec.columns.at(2).label);
        top->setData(Qt::UserRole, true);
    }
    for (int c = 2; c < m_grid->columnCount(); ++c)
        m_grid->setColumnHidden(c, !m_two);
    m_addColumn->setEnabled(m_two);
    m_removeColumn->setEnabled(m_two && m_grid->columnCount() > 2);
}

void ConfigEditorGrid::setRows(const QJsonArray &rows)
{
    const Grid g = gridOf(m_spec, rows, m_two);
    {
        const QSignalBlocker block(m_grid);
        m_grid->clear();
        m_grid->setRowCount(int(g.rows.size()) + 1);
        m_grid->setColumnCount(int(std::max<qsizetype>(1, g.columns.size())) + 1);
        for (int c = 0; c < g.columns.size(); ++c)
            setText(0, c + 1, m_two ? g.columns.at(c) : QString(), true);
        for (int r = 0; r < g.rows.size(); ++r) {
            setText(r + 1, 0, g.rows.at(r), true);
            for (int c = 0; c < g.columns.size(); ++c) {
                const int index = g.cells.at(r).at(c);
                setText(r + 1, c + 1, index < 0 ? QString() : valueText(rows.at(index).toObject(), m_spec.columns.at(2)), false);
            }
        }
    }
    updateHeaders();
}

QList<int> ConfigEditorGrid::writeOrder() const
{
    QList<int> order;
    const int last = m_two ? m_grid->columnCount() - 1 : 1;
    for (int c = 1; c <= last; ++c)
        order << c;
    if (m_two && isBound(m_spec.columns.at(1)))
        std::stable_sort(order.begin(), order.end(), [this](int a, int b) { return boundLess(text(0, a), text(0, b)); });
    return order;
}

QJsonArray ConfigEditorGrid::rows() const
{
    QJsonArray out;
    m_cellOrder.clear();
    const QList<int> order = writeOrder();
    for (int r = 1; r < m_grid->rowCount(); ++r) {
        for (const int c : order) {
            const QString amount = text(r, c);
            if (amount.isEmpty())
                continue; // no entry for this pair
            QJsonObject o;
            writeColumn(o, m_spec, m_spec.columns.at(0), text(r, 0));
            writeColumn(o, m_spec, m_spec.columns.at(1), m_two ? text(0, c) : QString());
            writeColumn(o, m_spec, m_spec.columns.at(2), amount);
            out.append(o);
            m_cellOrder.append(QPoint(c, r));
        }
    }
    return out;
}

void ConfigEditorGrid::addRow()
{
    {
        const QSignalBlocker block(m_grid);
        const int row = m_grid->rowCount();
        m_grid->insertRow(row);
        setText(row, 0, QString(), true);
        for (int c = 1; c < m_grid->columnCount(); ++c)
            setText(row, c, QString(), false);
        m_grid->setCurrentCell(row, 0);
    }
    emit changed();
}

void ConfigEditorGrid::addColumn()
{
    if (!m_two)
        return;
    {
        const QSignalBlocker block(m_grid);
        const int column = m_grid->columnCount();
        m_grid->insertColumn(column);
        setText(0, column, QString(), true);
        for (int r = 1; r < m_grid->rowCount(); ++r)
            setText(r, column, QString(), false);
        m_grid->setCurrentCell(0, column);
    }
    updateHeaders();
    emit changed();
}

void ConfigEditorGrid::removeRow()
{
    const int row = m_grid->currentRow() >= 1 ? m_grid->currentRow() : m_grid->rowCount() - 1;
    if (row < 1)
        return;
    m_grid->removeRow(row);
    emit changed();
}

void ConfigEditorGrid::removeColumn()
{
    if (!m_two || m_grid->columnCount() <= 2)
        return;
    const int column = m_grid->currentColumn() >= 1 ? m_grid->currentColumn() : m_grid->columnCount() - 1;
    m_grid->removeColumn(std::max(1, column));
    updateHeaders();
    emit changed();
}

void ConfigEditorGrid::showErrors(const QList<std::pair<int, QString>> &cells, const QStringList &other)
{
    const QSignalBlocker block(m_grid); // colouring a cell is no edit
    for (int r = 1; r < m_grid->rowCount(); ++r)
        for (int c = 1; c < m_grid->columnCount(); ++c)
            if (QTableWidgetItem *item = m_grid->item(r, c)) {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setToolTip(QString());
            }
    QStringList lines;
    for (const auto &[index, message] : cells) {
        if (index < 0 || index >= m_cellOrder.size()) {
            lines << message;
            continue;
        }
        const QPoint at = m_cellOrder.at(index);
        const QString name = m_two ? tr("%1 × %2").arg(text(at.y(), 0), text(0, at.x())) : text(at.y(), 0);
        lines << tr("Cell %1: %2").arg(name, message);
        if (QTableWidgetItem *item = m_grid->item(at.y(), at.x())) {
            item->setBackground(QColor(0xf9, 0xde, 0xdc));
            item->setToolTip(message);
        }
    }
    lines << other;
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->setVisible(!lines.isEmpty());
}

} // namespace orb
