// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/PriceModel.h"

#include <stdexcept>

namespace orb::pricing {

ModelResult PriceModel::evaluateComposite(const Decimal &, const EvaluationContext &) const
{
    throw std::logic_error("evaluateComposite() called on a non-composite price model");
}

QList<UsageGroup> PriceModel::project(const UsageQuantities &usage, const QStringList &keys)
{
    QList<UsageGroup> out;
    if (usage.groups.isEmpty()) {
        if (!usage.total.isZero()) {
            QStringList empty;
            empty.fill(QString(), keys.size());
            out.append(UsageGroup{empty, usage.total});
        }
        return out;
    }
    QList<qsizetype> positions;
    for (const QString &key : keys)
        positions.append(usage.groupKeys.indexOf(key));
    for (const UsageGroup &group : usage.groups) {
        QStringList values;
        for (const qsizetype pos : positions)
            values.append(pos >= 0 && pos < group.values.size() ? group.values.at(pos) : QString());
        bool merged = false;
        for (UsageGroup &existing : out) {
            if (existing.values == values) {
                existing.quantity += group.quantity;
                merged = true;
                break;
            }
        }
        if (!merged)
            out.append(UsageGroup{values, group.quantity});
    }
    return out;
}

QList<Decimal> PriceModel::eventsOf(const UsageQuantities &usage)
{
    if (usage.hasEventValues)
        return usage.eventValues;
    if (usage.total.isZero())
        return {};
    return {usage.total};
}

SubLineItem PriceModel::line(const QString &name, const Decimal &quantity, std::optional<Decimal> unitAmount, const Decimal &amount,
                             const QJsonObject &grouping)
{
    return SubLineItem{name, quantity, std::move(unitAmount), amount, grouping};
}

Decimal PriceModel::percentOf(const Decimal &value, const Decimal &percent)
{
    return value * percent * Decimal::fromCoefficient(1, 2);
}

Decimal PriceModel::packagesFor(const Decimal &quantity, const Decimal &size)
{
    if (!quantity.isPositive())
        return Decimal(0);
    return quantity.divide(size, 0, Rounding::Ceiling);
}

} // namespace orb::pricing
