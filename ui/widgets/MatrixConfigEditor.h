// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

#include <QList>
#include <QPoint>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace orb {

/**
 * The matrix models (matrix, matrix_with_allocation) as a grid: the values of the first
 * dimension down the left, the values of the second across the top, each cell the unit amount
 * of that pair; an empty cell is not priced of its own (its usage pays the default unit amount).
 * With one dimension the grid has a single column of unit amounts.
 */
class MatrixConfigEditor final : public PriceConfigEditor
{
    Q_OBJECT

public:
    /// With an allocation field for matrix_with_allocation.
    explicit MatrixConfigEditor(bool withAllocation, QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config) override;
    QJsonObject config(QString *error) const override;
    void showErrors(const ConfigErrors &errors) override;

    /// Appends a value of the first dimension (a row of the grid).
    void addRow();
    /// Appends a value of the second dimension (a column of the grid).
    void addColumn();
    /// Removes the row of the current cell (the last row when none is current).
    void removeRow();
    /// Removes the column of the current cell (the last column when none is current).
    void removeColumn();

private:
    bool twoDimensions() const;
    void updateGrid();
    QString text(int row, int column) const;
    void setText(int row, int column, const QString &text, bool header);

    QLineEdit *m_dimension1;
    QLineEdit *m_dimension2;
    QLineEdit *m_default;
    QLineEdit *m_allocation = nullptr;
    QLabel *m_dimensionsError;
    QLabel *m_defaultError;
    QLabel *m_allocationError = nullptr;
    QLabel *m_gridErrors;
    QTableWidget *m_grid;
    QPushButton *m_addColumn;
    QPushButton *m_removeColumn;
    bool m_trailingNull = true;        ///< a single dimension is written ["x", null], as loaded
    mutable QList<QPoint> m_cellOrder; ///< the grid cell (column, row) of each matrix_values entry last written
    QJsonObject m_kept;
};

} // namespace orb
