// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Clock;
class CompanyFile;
class Database;

/// Coupons and tax rates: create, edit, archive, assign, and the undo of each. Each action is one transaction with an audit entry.
class BillingSetupService final
{
public:
    BillingSetupService(CompanyFile &file, const Clock &clock);

    /// type: percentage (value is a fraction 0..1, or "15%") or amount. Throws ServiceError.
    CouponRecord createCoupon(const QString &code, const QString &type, const QString &value, std::optional<int> durationMonths,
                              std::optional<int> maxRedemptions);
    /// Changes a coupon's terms (the same rules as create). Once redeemed, only its maximum
    /// redemptions can change (not below the redemptions so far): Conflict otherwise.
    CouponRecord editCoupon(const QString &reference, const QString &code, const QString &type, const QString &value, std::optional<int> durationMonths,
                            std::optional<int> maxRedemptions);
    /// An archived coupon cannot be redeemed anew; subscriptions that took it keep it.
    CouponRecord archiveCoupon(const QString &reference);
    CouponRecord unarchiveCoupon(const QString &reference);
    /// Deletes a coupon never redeemed (the undo of creating it); Conflict once redeemed.
    void deleteCoupon(const QString &reference);
    /// Puts a deleted coupon back as it was, same id (the redo of creating it).
    CouponRecord restoreCoupon(const CouponRecord &deleted);
    QList<CouponRecord> coupons() const;
    /// By id or redemption code; throws NotFound.
    CouponRecord coupon(const QString &reference) const;

    TaxRateRecord createTaxRate(const QString &name, const QString &percentage);
    /// Renames a rate or changes its percentage: issued invoices keep theirs, drafts take the
    /// new one when the next run refreshes them.
    TaxRateRecord editTaxRate(const QString &reference, const QString &name, const QString &percentage);
    /// An archived rate applies to no invoice composed from then on and cannot be assigned; its
    /// assignments are kept for when it is unarchived.
    TaxRateRecord archiveTaxRate(const QString &reference);
    TaxRateRecord unarchiveTaxRate(const QString &reference);
    /// Deletes a rate never assigned (the undo of creating it); Conflict once it was.
    void deleteTaxRate(const QString &reference);
    /// Puts a deleted rate back as it was, same id (the redo of creating it).
    TaxRateRecord restoreTaxRate(const TaxRateRecord &deleted);
    /// Assigns the rate to a customer (customerReference) or an item (itemReference).
    TaxRateRecord assignTaxRate(const QString &rateReference, const QString &customerReference, const QString &itemReference);
    /// Takes the rate off a customer or an item (the undo of assigning it).
    TaxRateRecord unassignTaxRate(const QString &rateReference, const QString &customerReference, const QString &itemReference);
    QList<TaxRateRecord> taxRates() const;
    TaxRateRecord taxRate(const QString &reference) const;

    static QList<CouponRecord> loadCoupons(const Database &db);
    /// Every rate, archived ones included.
    static QList<TaxRateRecord> loadTaxRates(const Database &db);
    /// The rates invoices apply: the ones not archived.
    static QList<TaxRateRecord> applicableTaxRates(const Database &db);

private:
    void requireWritable() const;
    TaxRateRecord setTaxRateArchived(const QString &reference, bool archived);
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
