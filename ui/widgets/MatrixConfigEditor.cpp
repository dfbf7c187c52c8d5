// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/MatrixConfigEditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace orb {

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
    m_dimension2 = lineEdit("matrixDimension2Edit", tr("Second dimension (optional)"));
    m_dimension2->setPlaceholderText(tr("none"));
    m_default = lineEdit("configField_default_unit_amount", tr("Default unit amount"));
    m_default->setPlaceholderText(tr("for usage in cells not listed"));
    connect(m_dimension1, &QLineEdit::textEdited, this, &MatrixConfigEditor::updateHeaders);
    connect(m_dimension2, &QLineEdit::textEdited, this, &MatrixConfigEditor::updateHeaders);
    auto *form = new QFormLayout;
    form->addRow(tr("First dimension:"), m_dimension1);
    form->addRow(tr("Second dimension:"), m_dimension2);
    form->addRow(tr("Default unit amount:"), m_default);
    if (withAllocation) {
        m_allocation = lineEdit("configField_allocation", tr("Free units (allocation)"));
        form->addRow(tr("Free units (allocation):"), m_allocation);
    }

    m_cells = new QTableWidget(0, 3, this);
    m_cells->setObjectName(QStringLiteral("matrixTable"));
    m_cells->setAccessibleName(tr("Unit amount per cell"));
    m_cells->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_cells->verticalHeader()->setDefaultSectionSize(m_cells->fontMetrics().height() + 8);
    connect(m_cells, &QTableWidget::itemChanged, this, &PriceConfigEditor::changed);
    auto *add = new QPushButton(tr("Add cell"), this);
    add->setObjectName(QStringLiteral("addCellButton"));
    auto *remove = new QPushButton(tr("Remove cell"), this);
    remove->setObjectName(QStringLiteral("removeCellButton"));
    connect(add, &QPushButton::clicked, this, &MatrixConfigEditor::addCell);
    connect(remove, &QPushButton::clicked, this, &MatrixConfigEditor::removeCell);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_cells, 1);
    layout->addLayout(buttons);
    updateHeaders();
}

void MatrixConfigEditor::updateHeaders()
{
    const QString d1 = m_dimension1->text().trimmed();
    const QString d2 = m_dimension2->text().trimmed();
    m_cells->setHorizontalHeaderLabels({d1.isEmpty() ? tr("First dimension value") : d1, d2.isEmpty() ? tr("(no second dimension)") : d2, tr("Unit amount")});
    m_cells->setColumnHidden(1, d2.isEmpty());
}

void MatrixConfigEditor::addCell()
{
    const int row = m_cells->rowCount();
    {
        const QSignalBlocker block(m_cells);
        m_cells->insertRow(row);
        for (int c = 0; c < 3; ++c)
            m_cells->setItem(row, c, new QTableWidgetItem);
    }
    m_cells->setCurrentCell(row, 0);
    emit changed();
}

void MatrixConfigEditor::removeCell()
{
    const int row = m_cells->currentRow() >= 0 ? m_cells->currentRow() : m_cells->rowCount() - 1;
    if (row < 0)
        return;
    m_cells->removeRow(row);
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
    m_default->setText(decimalText(config.value(QStringLiteral("default_unit_amount"))));
    if (m_allocation)
        m_allocation->setText(decimalText(config.value(QStringLiteral("allocation"))));
    const QSignalBlocker block(m_cells);
    const QJsonArray values = config.value(QStringLiteral("matrix_values")).toArray();
    m_cells->setRowCount(int(values.size()));
    for (int r = 0; r < values.size(); ++r) {
        const QJsonObject cell = values.at(r).toObject();
        const QJsonArray dv = cell.value(QStringLiteral("dimension_values")).toArray();
        m_cells->setItem(r, 0, new QTableWidgetItem(dv.at(0).toString()));
        m_cells->setItem(r, 1, new QTableWidgetItem(dv.at(1).toString()));
        auto *amount = new QTableWidgetItem(decimalText(cell.value(QStringLiteral("unit_amount"))));
        amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_cells->setItem(r, 2, amount);
    }
    updateHeaders();
}

QJsonObject MatrixConfigEditor::config(QString *) const
{
    QJsonObject o = m_kept;
    const QString d1 = m_dimension1->text().trimmed();
    const QString d2 = m_dimension2->text().trimmed();
    // Two slots, or one as loaded; the second is null for a one-dimensional matrix.
    auto pair = [&](const QString &first, const QString &second) {
        QJsonArray a{first};
        if (!d2.isEmpty())
            a.append(second);
        else if (m_trailingNull)
            a.append(QJsonValue(QJsonValue::Null));
        return a;
    };
    o.insert(QStringLiteral("dimensions"), pair(d1, d2));
    if (const QString d = m_default->text().trimmed(); !d.isEmpty())
        o.insert(QStringLiteral("default_unit_amount"), d);
    if (m_allocation)
        if (const QString a = m_allocation->text().trimmed(); !a.isEmpty())
            o.insert(QStringLiteral("allocation"), a);
    QJsonArray values;
    for (int r = 0; r < m_cells->rowCount(); ++r) {
        auto text = [&](int c) { return m_cells->item(r, c) ? m_cells->item(r, c)->text().trimmed() : QString(); };
        QJsonObject cell{{QStringLiteral("dimension_values"), pair(text(0), text(1))}};
        if (!text(2).isEmpty())
            cell.insert(QStringLiteral("unit_amount"), text(2));
        values.append(cell);
    }
    o.insert(QStringLiteral("matrix_values"), values);
    return o;
}

} // namespace orb
