// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QString>

namespace orb::billing {

/// A tax rate: a percentage (8.25 = 8.25 %) added on top of a line's discounted amount.
class TaxRate final
{
public:
    TaxRate() = default;
    /// Throws std::invalid_argument for an empty id or a percentage outside 0..100.
    TaxRate(QString id, QString name, const Decimal &percentage);

    const QString &id() const { return m_id; }
    const QString &name() const { return m_name; }
    const Decimal &percentage() const { return m_percentage; }
    /// The exact (unrounded) tax on an amount: amount × percentage / 100.
    Decimal exactTaxOn(const Decimal &amount) const;

private:
    QString m_id;
    QString m_name;
    Decimal m_percentage;
};

} // namespace orb::billing
