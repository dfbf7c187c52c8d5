// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QTableWidget;

namespace orb {

class PriceEditor;

/**
 * A plan's adjustments as a table: usage, amount and percentage discounts, a minimum and a
 * maximum, each with its amount, the prices it applies to (chosen from the plan's prices; none
 * chosen: all of them) and a reason. Written in Orb's request shape, naming prices by their
 * external price id.
 */
class AdjustmentsEditor final : public QWidget
{
    Q_OBJECT

public:
    /// `prices` gives the plan's price editors as they are now (for the "applies to" choice).
    explicit AdjustmentsEditor(std::function<QList<PriceEditor *>()> prices, QWidget *parent = nullptr);

    /// Shows adjustments whose applies_to_price_ids are external price ids.
    void setAdjustments(const QJsonArray &adjustments);
    /// The adjustments typed. A price chosen without an external id is given one from its name
    /// first (adjustments can only name prices by it).
    QJsonArray adjustments() const;
    /// Appends an adjustment of that type ("percentage_discount", …).
    void addAdjustment(const QString &type = QStringLiteral("percentage_discount"));
    /// Removes the current adjustment (the last when none is current).
    void removeAdjustment();
    /// Chooses the prices row `row` applies to (none: all).
    void setAppliesTo(int row, const QList<PriceEditor *> &prices);
    int count() const;

    /// Shows refusals (paths below "adjustments[i].") next to the table; an empty list clears them.
    void showErrors(const FieldErrors &errors);

signals:
    void changed();

private:
    void updateAppliesText(int row);

    std::function<QList<PriceEditor *>()> m_prices;
    QTableWidget *m_table;
    QLabel *m_errors;
    QList<QJsonObject> m_kept;                       ///< per row: the fields without a control (id, item of a minimum)
    QList<QList<QPointer<PriceEditor>>> m_appliesTo; ///< per row
};

} // namespace orb
