// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/MatrixConfigEditor.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

// The grid: row 0 holds the second dimension's values, column 0 the first dimension's; cell
// (0, 0) is the corner. The values are cells, not header sections, so they are typed in place.

MatrixConfigEditor::MatrixConfigEditor(bool withAllocation, QWidget *parent) : PriceConfigEditor(parent)
{
    auto lineEdit = [this](const char *name, const QString &accessible) {
        auto *e = new QLineEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setAccessibleName(accessible);
        connect(e, &QLineEdit::textEdited, this, &PriceConfigEditor::changed);
        return e;
    };
    m_dimension1 = lineEdit("matrixDimension1Edit", tr("First dimension (event property)"));
    m_dimension1->setPlaceholderText(tr("an event property, e.g. region"));
    m_dimension2 = lineEdit("matrixDimension2Edit", tr("Second dimension (optional)"));
    m_dimension2->setPlaceholderText(tr("none"));
    m_default = lineEdit("configField_default_unit_amount", tr("Default unit amount"));
    m_default->setPlaceholderText(tr("for usage in cells left empty"));
    m_dimensionsError = errorLabel(QStringLiteral("configError_dimensions"), this);
    m_defaultError = errorLabel(QStringLiteral("configError_default_unit_amount"), this);
    connect(m_dimension1, &QLineEdit::textEdited, this, &MatrixConfigEditor::updateGrid);
    connect(m_dimension2, &QLineEdit::textEdited, this, &MatrixConfigEditor::updateGrid);
    auto *form = new QFormLayout;
    form->addRow(tr("First dimension:"), m_dimension1);
    form->addRow(tr("Second dimension:"), m_dimension2);
    form->addRow(QString(), m_dimensionsError);
    form->addRow(tr("Default unit amount:"), m_default);
    form->addRow(QString(), m_defaultError);
    if (withAllocation) {
        m_allocation = lineEdit("configField_allocation", tr("Free units (allocation)"));
        m_allocation->setPlaceholderText(tr("units, e.g. 10"));
        m_allocationError = errorLabel(QStringLiteral("configError_allocation"), this);
        form->addRow(tr("Free units (allocation):"), m_allocation);
        form->addRow(QString(), m_allocationError);
    }

    m_grid = new QTableWidget(1, 2, this);
    m_grid->setObjectName(QStringLiteral("matrixGrid"));
    m_grid->setAccessibleName(tr("Unit amount per pair of values"));
    m_grid->horizontalHeader()->hide();
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setDefaultSectionSize(m_grid->fontMetrics().height() + 8);
    connect(m_grid, &QTableWidget::itemChanged, this, &PriceConfigEditor::changed);
    auto *addRow = new QPushButton(tr("Add row"), this);
    addRow->setObjectName(QStringLiteral("addMatrixRowButton"));
    addRow->setToolTip(tr("A further value of the first dimension"));
    auto *removeRow = new QPushButton(tr("Remove row"), this);
    removeRow->setObjectName(QStringLiteral("removeMatrixRowButton"));
    m_addColumn = new QPushButton(tr("Add column"), this);
    m_addColumn->setObjectName(QStringLiteral("addMatrixColumnButton"));
    m_addColumn->setToolTip(tr("A further value of the second dimension"));
    m_removeColumn = new QPushButton(tr("Remove column"), this);
    m_removeColumn->setObjectName(QStringLiteral("removeMatrixColumnButton"));
    connect(addRow, &QPushButton::clicked, this, &MatrixConfigEditor::addRow);
    connect(removeRow, &QPushButton::clicked, this, &MatrixConfigEditor::removeRow);
    connect(m_addColumn, &QPushButton::clicked, this, &MatrixConfigEditor::addColumn);
    connect(m_removeColumn, &QPushButton::clicked, this, &MatrixConfigEditor::removeColumn);
    // Two by two: four buttons in a row made the model settings wider than the plan editor's
    // column ("Spalte hinzufügen" in German) and the grid scrolled sideways.
    auto *buttons = new QGridLayout;
    buttons->addWidget(addRow, 0, 0);
    buttons->addWidget(removeRow, 0, 1);
    buttons->addWidget(m_addColumn, 1, 0);
    buttons->addWidget(m_removeColumn, 1, 1);
    buttons->setColumnStretch(2, 1);
    m_gridErrors = errorLabel(QStringLiteral("matrixErrors"), this);
    auto *hint = new QLabel(tr("Type the values of the first dimension down the left and those of the second across the top; each cell is "
                               "the unit amount of that pair. An empty cell pays the default unit amount."),
                            this);
    hint->setObjectName(QStringLiteral("matrixHint"));
    hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_gridErrors);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    updateGrid();
}

bool MatrixConfigEditor::twoDimensions() const
{
    return !m_dimension2->text().trimmed().isEmpty();
}

QString MatrixConfigEditor::text(int row, int column) const
{
    const QTableWidgetItem *item = m_grid->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void MatrixConfigEditor::setText(int row, int column, const QString &text, bool header)
{
    QTableWidgetItem *item = m_grid->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        m_grid->setItem(row, column, item);
    }
    item->setText(text);
    item->setTextAlignment((header ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (header) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        item->setBackground(m_grid->palette().alternateBase());
    }
}

void MatrixConfigEditor::updateGrid()
{
    const QSignalBlocker block(m_grid);
    const bool two = twoDimensions();
    const QString d1 = m_dimension1->text().trimmed();
    const QString d2 = m_dimension2->text().trimmed();
    // The corner names the dimensions; with one dimension the single column holds the amounts.
    QString corner = d1.isEmpty() ? tr("First dimension") : d1;
    if (two)
        corner += QStringLiteral(" ↓ · ") + d2 + QStringLiteral(" →");
    setText(0, 0, corner, true);
    QTableWidgetItem *cornerItem = m_grid->item(0, 0);
    cornerItem->setFlags(Qt::ItemIsEnabled);
    if (!m_grid->item(0, 1))
        setText(0, 1, QString(), true);
    QTableWidgetItem *top = m_grid->item(0, 1);
    if (two) {
        top->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        if (top->data(Qt::UserRole).toBool()) { // it showed "Unit amount"
            top->setText(QString());
            top->setData(Qt::UserRole, false);
        }
    } else {
        top->setFlags(Qt::ItemIsEnabled);
        top->setText(tr("Unit amount"));
        top->setData(Qt::UserRole, true);
    }
    for (int c = 2; c < m_grid->columnCount(); ++c)
        m_grid->setColumnHidden(c, !two);
    m_addColumn->setEnabled(two);
    m_removeColumn->setEnabled(two && m_grid->columnCount() > 2);
}

void MatrixConfigEditor::addRow()
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

void MatrixConfigEditor::addColumn()
{
    if (!twoDimensions())
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
    updateGrid();
    emit changed();
}

void MatrixConfigEditor::removeRow()
{
    const int row = m_grid->currentRow() >= 1 ? m_grid->currentRow() : m_grid->rowCount() - 1;
    if (row < 1)
        return;
    m_grid->removeRow(row);
    emit changed();
}

void MatrixConfigEditor::removeColumn()
{
    if (!twoDimensions() || m_grid->columnCount() <= 2)
        return;
    const int column = m_grid->currentColumn() >= 1 ? m_grid->currentColumn() : m_grid->columnCount() - 1;
    m_grid->removeColumn(qMax(1, column));
    updateGrid();
    emit changed();
}

void MatrixConfigEditor::setConfig(const QJsonObject &config)
{
    m_kept = config;
    for (const char *key : {"dimensions", "default_unit_amount", "matrix_values", "allocation"})
        m_kept.remove(QLatin1String(key));
    const QJsonArray dimensions = config.value(QStringLiteral("dimensions")).toArray();
    m_dimension1->setText(dimensions.at(0).toString());
    m_dimension2->setText(dimensions.at(1).toString());
    m_trailingNull = dimensions.size() != 1;
    m_default->setText(editText(config.value(QStringLiteral("default_unit_amount"))));
    if (m_allocation)
        m_allocation->setText(editText(config.value(QStringLiteral("allocation"))));
    // Rows and columns in the order their values first appear in the cells.
    const QJsonArray values = config.value(QStringLiteral("matrix_values")).toArray();
    QStringList rows, columns;
    for (const QJsonValue &v : values) {
        const QJsonArray dv = v.toObject().value(QStringLiteral("dimension_values")).toArray();
        if (!rows.contains(dv.at(0).toString()))
            rows << dv.at(0).toString();
        if (twoDimensions() && !columns.contains(dv.at(1).toString()))
            columns << dv.at(1).toString();
    }
    if (!twoDimensions())
        columns = QStringList{QString()};
    {
        const QSignalBlocker block(m_grid);
        m_grid->clear();
        m_grid->setRowCount(int(rows.size()) + 1);
        m_grid->setColumnCount(int(qMax<qsizetype>(1, columns.size())) + 1);
        for (int r = 0; r < rows.size(); ++r) {
            setText(r + 1, 0, rows.at(r), true);
            for (int c = 0; c < columns.size(); ++c)
                setText(r + 1, c + 1, QString(), false);
        }
        for (int c = 0; c < columns.size(); ++c)
            setText(0, c + 1, twoDimensions() ? columns.at(c) : QString(), true);
        for (const QJsonValue &v : values) {
            const QJsonObject cell = v.toObject();
            const QJsonArray dv = cell.value(QStringLiteral("dimension_values")).toArray();
            const int r = int(rows.indexOf(dv.at(0).toString())) + 1;
            const int c = twoDimensions() ? int(columns.indexOf(dv.at(1).toString())) + 1 : 1;
            setText(r, c, editText(cell.value(QStringLiteral("unit_amount"))), false);
        }
    }
    updateGrid();
}

QJsonObject MatrixConfigEditor::config(QString *) const
{
    QJsonObject o = m_kept;
    const QString d1 = m_dimension1->text().trimmed();
    const QString d2 = m_dimension2->text().trimmed();
    const bool two = !d2.isEmpty();
    // Two slots, or one as loaded; the second is null for a one-dimensional matrix.
    auto pair = [&](const QString &first, const QString &second) {
        QJsonArray a{first};
        if (two)
            a.append(second);
        else if (m_trailingNull)
            a.append(QJsonValue(QJsonValue::Null));
        return a;
    };
    o.insert(QStringLiteral("dimensions"), pair(d1, d2));
    // Amounts typed in the locale's form are stored in the canonical one.
    if (const QString d = typedDecimal(m_default->text()); !d.isEmpty())
        o.insert(QStringLiteral("default_unit_amount"), d);
    if (m_allocation)
        if (const QString a = typedDecimal(m_allocation->text()); !a.isEmpty())
            o.insert(QStringLiteral("allocation"), a);
    QJsonArray values;
    m_cellOrder.clear();
    const int lastColumn = two ? m_grid->columnCount() - 1 : 1;
    for (int r = 1; r < m_grid->rowCount(); ++r) {
        for (int c = 1; c <= lastColumn; ++c) {
            const QString amount = typedDecimal(text(r, c));
            if (amount.isEmpty())
                continue; // not priced of its own: the default applies
            values.append(QJsonObject{{QStringLiteral("dimension_values"), pair(text(r, 0), text(0, c))}, {QStringLiteral("unit_amount"), amount}});
            m_cellOrder.append(QPoint(c, r));
        }
    }
    o.insert(QStringLiteral("matrix_values"), values);
    return o;
}

void MatrixConfigEditor::showErrors(const ConfigErrors &errors)
{
    static const QRegularExpression cellPath(QStringLiteral("^matrix_values\\[(\\d+)\\]"));
    QStringList dimensions, defaults, allocation, grid;
    const QSignalBlocker block(m_grid);
    for (int r = 1; r < m_grid->rowCount(); ++r)
        for (int c = 1; c < m_grid->columnCount(); ++c)
            if (QTableWidgetItem *item = m_grid->item(r, c)) {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setToolTip(QString());
            }
    for (const auto &[path, rawMessage] : errors) {
        const QString message = plainMessage(rawMessage);
        if (path.startsWith(QLatin1String("dimensions")))
            dimensions << message;
        else if (path.startsWith(QLatin1String("default_unit_amount")))
            defaults << message;
        else if (path.startsWith(QLatin1String("allocation")) && m_allocationError)
            allocation << message;
        else if (const QRegularExpressionMatch m = cellPath.match(path); m.hasMatch() && m.captured(1).toInt() < m_cellOrder.size()) {
            const QPoint at = m_cellOrder.at(m.captured(1).toInt());
            const QString name = twoDimensions() ? tr("%1 × %2").arg(text(at.y(), 0), text(0, at.x())) : text(at.y(), 0);
            grid << tr("Cell %1: %2").arg(name, message);
            if (QTableWidgetItem *item = m_grid->item(at.y(), at.x())) {
                item->setBackground(QColor(0xf9, 0xde, 0xdc));
                item->setToolTip(message);
            }
        } else {
            grid << message;
        }
    }
    auto show = [](QLabel *label, const QStringList &lines) {
        label->setText(lines.join(QLatin1Char('\n')));
        label->setVisible(!lines.isEmpty());
    };
    show(m_dimensionsError, dimensions);
    show(m_defaultError, defaults);
    if (m_allocationError)
        show(m_allocationError, allocation);
    show(m_gridErrors, grid);
}

} // namespace orb
