// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/CreditBlock.h"

namespace orb::billing {

CreditBlock::CreditBlock(QString id, const Decimal &remaining, QDate effectiveDate, std::optional<QDate> expiryDate, const Decimal &costBasis)
    : m_id(std::move(id)), m_remaining(remaining), m_effectiveDate(effectiveDate), m_expiryDate(expiryDate), m_costBasis(costBasis)
{
}

bool CreditBlock::isUsableOn(QDate date) const
{
    if (!m_remaining.isPositive())
        return false;
    if (m_effectiveDate.isValid() && date < m_effectiveDate)
        return false;
    return !m_expiryDate || date < *m_expiryDate;
}

bool CreditBlock::covers(QDate start, QDate end) const
{
    if (!m_remaining.isPositive())
        return false;
    if (m_effectiveDate.isValid() && start < m_effectiveDate)
        return false;
    return !m_expiryDate || end <= *m_expiryDate;
}

bool CreditBlock::drawsBefore(const CreditBlock &a, const CreditBlock &b)
{
    if (a.m_expiryDate != b.m_expiryDate) {
        if (!a.m_expiryDate || !b.m_expiryDate)
            return a.m_expiryDate.has_value(); // a block that never expires goes last
        return *a.m_expiryDate < *b.m_expiryDate;
    }
    if (a.m_costBasis != b.m_costBasis)
        return a.m_costBasis < b.m_costBasis;
    if (a.m_effectiveDate != b.m_effectiveDate)
        return a.m_effectiveDate < b.m_effectiveDate;
    return a.m_id < b.m_id;
}

} // namespace orb::billing
