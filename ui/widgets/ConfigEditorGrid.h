// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/StructuredConfigEditor.h"

#include <QJsonArray>
#include <QList>
#include <QPoint>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace orb {

/**
 * A list of cells of a price config (matrix_values, matrix_scaling_factors, a tiered matrix's
 * tiers) shown as a 2-D grid: the values of the first column down the left, those of the second
 * across the top, each cell the third column's amount for that pair. An empty cell is no entry.
 * With one dimension the grid has a single column of amounts. The spec's columns are, in order,
 * the row value, the column value and the cell's amount.
 */
class ConfigEditorGrid final : public QWidget
{
    Q_OBJECT

public:
    /// The grid of a config's rows: its row and column values (as a form shows them) and,
    /// per (row, column), the index of the row that fills the cell.
    struct Grid {
        QStringList rows;
        QStringList columns;
        QList<QList<int>> cells; ///< [row][column]: index into the array, -1 for none
    };
    /// Lays out `rows` (the config's array) as a grid; with `two` false every entry is in one column.
    static Grid gridOf(const ConfigTable &spec, const QJsonArray &rows, bool two);
    /// A cell value as the form shows it (the locale's decimal mark for amounts).
    static QString valueText(const QJsonObject &row, const ConfigColumn &column);

    ConfigEditorGrid(const ConfigTable &spec, QWidget *parent = nullptr);

    /// Two dimensions (values across the top) or one (a single column of amounts).
    void setTwoDimensions(bool two);
    bool twoDimensions() const { return m_two; }
    /// The names the corner shows: the first dimension's, the second's.
    void setNames(const QString &first, const QString &second);

    void setRows(const QJsonArray &rows);
    /// The cells typed as the config's array, row by row (a column of bounds in rising order).
    QJsonArray rows() const;

    /// Shows refusals: (index into the array last written, message) at their cells; the rest below.
    void showErrors(const QList<std::pair<int, QString>> &cells, const QStringList &other);

    void addRow();
    void addColumn();
    void removeRow();
    void removeColumn();

    QTableWidget *table() const { return m_grid; }

signals:
    void changed();

private:
    void updateHeaders();
    QString text(int row, int column) const;
    void setText(int row, int column, const QString &text, bool header);
    /// The grid's columns in the order they are written (bounds rising).
    QList<int> writeOrder() const;

    ConfigTable m_spec;
    bool m_two = false;
    QString m_first;
    QString m_second;
    QTableWidget *m_grid;
    QPushButton *m_addColumn;
    QPushButton *m_removeColumn;
    QLabel *m_errors;
    mutable QList<QPoint> m_cellOrder; ///< the grid cell (column, row) of each array entry last written
};

} // namespace orb
