// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/TaxRate.h"

#include <stdexcept>

namespace orb::billing {

TaxRate::TaxRate(QString id, QString name, const Decimal &percentage) : m_id(std::move(id)), m_name(std::move(name)), m_percentage(percentage)
{
    if (m_id.isEmpty())
        throw std::invalid_argument("a tax rate needs an id");
    if (m_percentage.isNegative() || m_percentage > Decimal(100))
        throw std::invalid_argument("a tax rate is a percentage from 0 to 100");
}

Decimal TaxRate::exactTaxOn(const Decimal &amount) const
{
    // Dividing by 100 is exact in decimal: it only moves the point.
    return amount * m_percentage * Decimal::fromCoefficient(1, 2);
}

} // namespace orb::billing
