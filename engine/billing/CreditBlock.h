// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QString>

#include <optional>

namespace orb::billing {

/**
 * A block of prepaid credits (1 credit = 1 unit of the invoice currency): what is left of it,
 * from when it may be used, when it expires (exclusive: not usable on that date) and what the
 * customer paid per credit (the cost basis; 0 for free credits).
 */
class CreditBlock final
{
public:
    CreditBlock() = default;
    CreditBlock(QString id, const Decimal &remaining, QDate effectiveDate, std::optional<QDate> expiryDate, const Decimal &costBasis);

    const QString &id() const { return m_id; }
    const Decimal &remaining() const { return m_remaining; }
    QDate effectiveDate() const { return m_effectiveDate; }
    std::optional<QDate> expiryDate() const { return m_expiryDate; }
    const Decimal &costBasis() const { return m_costBasis; }

    /// effective ≤ date < expiry, and something left.
    bool isUsableOn(QDate date) const;
    /// Whether the block may pay for service or usage on the local days [start, end): it was
    /// effective from the first of them and had not expired by the last, and something is left.
    /// A block pays for usage by when the usage occurred, not by the invoice date.
    bool covers(QDate start, QDate end) const;
    /// The drawing order: soonest expiry first (no expiry last), then lowest cost basis, then
    /// earliest effective date, then id, so the order is total and runs are repeatable.
    static bool drawsBefore(const CreditBlock &a, const CreditBlock &b);

private:
    QString m_id;
    Decimal m_remaining;
    QDate m_effectiveDate;
    std::optional<QDate> m_expiryDate;
    Decimal m_costBasis;
};

} // namespace orb::billing
