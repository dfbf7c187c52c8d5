// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/PriceConfigEditor.h"

#include <QList>
#include <QString>

#include <optional>

class QLineEdit;
class QTableWidget;

namespace orb {

/// One field of a model's config shown as a line edit.
struct ConfigField {
    QString key;
    QString label;
    bool text = false; ///< a property name (grouping_key), not an amount
};

/// One column of a model's table (tiers, consumption table).
struct ConfigColumn {
    QString key;
    QString label;
    bool nullWhenEmpty = false; ///< an open bound: an empty cell means "no limit" (JSON null)
    QString hint;               ///< the header's tooltip: what the column means
};

/// How a price model's config is laid out: fields, then an optional table of rows.
struct ConfigLayout {
    QList<ConfigField> fields;
    QString tableKey; ///< "tiers", "consumption_table"; empty = no table
    QString rowName;  ///< "tier", "threshold": for the add/remove buttons
    QList<ConfigColumn> columns;
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

    /// Appends a row; a range tier starts where the row above ends.
    void addRow();
    /// Removes the current row (the last one when none is current).
    void removeRow();

private:
    void setCell(int row, int column, const QString &text);

    ConfigLayout m_layout;
    QList<QLineEdit *> m_fields;
    QTableWidget *m_table = nullptr;
    QJsonObject m_kept; ///< the loaded config's keys without a control (flags such as prorate)
};

} // namespace orb
