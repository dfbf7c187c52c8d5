// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QString>
#include <QStringList>

namespace orb::billing {

/**
 * One of Orb's adjustments: a usage, amount or percentage discount, a minimum or a maximum,
 * applying to the prices named in appliesToPriceIds. One price id makes it a price-level
 * adjustment (applied to that line alone, exactly); several, or none (= every line of the
 * invoice), make it a plan/invoice-level adjustment applied to the sum of the lines it covers
 * and spread over them. See docs/BILLING.md for the order and the rounding.
 */
class Adjustment final
{
public:
    /// In Orb's order of application.
    enum class Kind { UsageDiscount = 0, AmountDiscount = 1, PercentageDiscount = 2, Minimum = 3, Maximum = 4 };

    Adjustment() = default;
    /// Takes `units` off the line's quantity before it is priced. Price-level only.
    static Adjustment usageDiscount(const Decimal &units, QStringList appliesToPriceIds, QString id = {});
    /// Takes an amount off, never below zero.
    static Adjustment amountDiscount(const Decimal &amount, QStringList appliesToPriceIds, QString id = {});
    /// Takes a fraction off (0.15 = 15 %, Orb's percentage_discount), 0 ≤ fraction ≤ 1.
    static Adjustment percentageDiscount(const Decimal &fraction, QStringList appliesToPriceIds, QString id = {});
    /// Tops the covered amount up to at least `amount`.
    static Adjustment minimum(const Decimal &amount, QStringList appliesToPriceIds, QString id = {});
    /// Caps the covered amount at `amount`.
    static Adjustment maximum(const Decimal &amount, QStringList appliesToPriceIds, QString id = {});

    Kind kind() const { return m_kind; }
    const Decimal &value() const { return m_value; }
    const QStringList &appliesToPriceIds() const { return m_priceIds; }
    const QString &id() const { return m_id; }
    /// Price-level: names exactly one price.
    bool isPriceLevel() const { return m_priceIds.size() == 1; }
    /// Whether it covers the line of that price.
    bool appliesTo(const QString &priceId) const { return m_priceIds.isEmpty() || m_priceIds.contains(priceId); }
    /// Orb's adjustment_type: usage_discount, amount_discount, percentage_discount, minimum, maximum.
    static QString kindName(Kind kind);

private:
    Adjustment(Kind kind, const Decimal &value, QStringList priceIds, QString id);

    Kind m_kind = Kind::AmountDiscount;
    Decimal m_value;
    QStringList m_priceIds;
    QString m_id;
};

} // namespace orb::billing
