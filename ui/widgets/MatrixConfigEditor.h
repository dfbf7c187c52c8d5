// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

class QLineEdit;
class QTableWidget;

namespace orb {

/**
 * The matrix models (matrix, matrix_with_allocation): one or two dimension names (event
 * properties), the default unit amount, and a grid with one row per priced cell: the value of
 * each dimension and that cell's unit amount.
 */
class MatrixConfigEditor final : public PriceConfigEditor
{
    Q_OBJECT

public:
    /// With an allocation field for matrix_with_allocation.
    explicit MatrixConfigEditor(bool withAllocation, QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config) override;
    QJsonObject config(QString *error) const override;

    /// Appends an empty cell row.
    void addCell();
    /// Removes the current cell row (the last one when none is current).
    void removeCell();

private:
    void updateHeaders();

    QLineEdit *m_dimension1;
    QLineEdit *m_dimension2;
    QLineEdit *m_default;
    QLineEdit *m_allocation = nullptr;
    QTableWidget *m_cells;
    bool m_trailingNull = true; ///< a single dimension is written ["x", null], as loaded
    QJsonObject m_kept;
};

} // namespace orb
