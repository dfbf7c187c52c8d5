// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace orb {

class ConfigEditorGrid;

/// One field of a model's config shown as a line edit.
struct ConfigField {
    QString key;
    QString label;
    bool text = false; ///< a property name (grouping_key) or a label, not an amount
    QString arrayKey;  ///< set: the field is entry `arrayIndex` of this array (dimensions), "" = null
    int arrayIndex = -1;
    bool flag = false;   ///< a true/false option (prorate), shown as a check box
    QString placeholder; ///< set: the hint shown in the empty field (else one by the key)
};

/// One column of a model's table (tiers, consumption table, cells).
struct ConfigColumn {
    QString key;
    QString label;
    bool nullWhenEmpty = false; ///< an open bound: an empty cell means "no limit" (JSON null)
    QString hint;               ///< the header's tooltip: what the column means
    bool text = false;          ///< a property value or a label, not an amount
    QString arrayKey;           ///< set: the cell is entry `arrayIndex` of this array, "" = null
    int arrayIndex = -1;
};

/// A further table of a config (scaling factors beside tiers, discount groups beside cells).
struct ConfigTable {
    QString key;
    QString rowName;
    QList<ConfigColumn> columns;
};

/// How a price model's config is laid out: fields, then an optional table of rows, then more
/// tables when the model has several lists.
struct ConfigLayout {
    QList<ConfigField> fields;
    QString tableKey; ///< "tiers", "consumption_table"; empty = no table
    QString rowName;  ///< "tier", "threshold": for the add/remove buttons
    QList<ConfigColumn> columns;
    QList<ConfigTable> moreTables;
    /// The table is a 2-D grid (its columns: the row value, the column value, the amount), as a
    /// matrix is read: values of the first dimension down the left, of the second across the top.
    bool grid = false;
    int firstDimensionField = -1;  ///< the field naming the rows' property, for the grid's corner
    int secondDimensionField = -1; ///< the field naming the columns' property (empty: one column); -1: always two
};

/**
 * A form for the price models whose config is a few amounts and, for the tiered family, a
 * table of tiers: unit, package, tiered, bulk, threshold, tiered package and minimum models and
 * the grouped models with a single grouping key. Cells stay the decimal text typed.
 */
class StructuredConfigEditor final : public PriceConfigEditor
{
    Q_OBJECT

public:
    /// The layout of a model this editor handles; nothing for the others.
    static std::optional<ConfigLayout> layoutFor(const QString &modelType);

    explicit StructuredConfigEditor(const ConfigLayout &layout, QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config) override;
    QJsonObject config(QString *error) const override;
    void showErrors(const ConfigErrors &errors) override;

    /// Appends a row to a table (0: the first); a range tier starts where the row above ends.
    void addRow(int table = 0);
    /// Removes the current row of a table (the last one when none is current).
    void removeRow(int table = 0);

private:
    void addTable(const ConfigTable &spec, bool first);
    /// The grid follows the dimension fields: their names in its corner, one column or several.
    void updateGrid();
    static void setCell(QTableWidget *table, int row, int column, const QString &text, bool alignLeft);

    ConfigLayout m_layout;
    QList<QLineEdit *> m_fields; ///< per field; nullptr for a flag
    QList<QCheckBox *> m_flags;  ///< per field; nullptr for the others
    QSet<QString> m_flagsGiven;  ///< flags the loaded config set (false included), written back as given
    QList<ConfigTable> m_specs;
    QList<QTableWidget *> m_tables;
    QList<QLabel *> m_fieldErrors; ///< per field, under it
    QList<QLabel *> m_tableErrors; ///< per table, under it
    QLabel *m_otherErrors;
    ConfigEditorGrid *m_grid = nullptr; ///< the first table as a 2-D grid, when the layout asks for one
    QJsonObject m_kept;                 ///< the loaded config's keys without a control (flags such as prorate)
};

} // namespace orb
