// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Clock;
class CompanyFile;
class Database;

/// Coupons and tax rates: create, list, assign. Each action is one transaction with an audit entry.
class BillingSetupService final
{
public:
    BillingSetupService(CompanyFile &file, const Clock &clock);

    /// type: percentage (value is a fraction 0..1, or "15%") or amount. Throws ServiceError.
    CouponRecord createCoupon(const QString &code, const QString &type, const QString &value, std::optional<int> durationMonths,
                              std::optional<int> maxRedemptions);
    CouponRecord archiveCoupon(const QString &reference);
    QList<CouponRecord> coupons() const;
    /// By id or redemption code; throws NotFound.
    CouponRecord coupon(const QString &reference) const;

    TaxRateRecord createTaxRate(const QString &name, const QString &percentage);
    /// Assigns the rate to a customer (customerReference) or an item (itemReference).
    TaxRateRecord assignTaxRate(const QString &rateReference, const QString &customerReference, const QString &itemReference);
    QList<TaxRateRecord> taxRates() const;
    TaxRateRecord taxRate(const QString &reference) const;

    static QList<CouponRecord> loadCoupons(const Database &db);
    static QList<TaxRateRecord> loadTaxRates(const Database &db);

private:
    void requireWritable() const;
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
