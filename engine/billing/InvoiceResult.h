// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/billing/Adjustment.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace orb::billing {

/// What one adjustment did to one line, in minor units (negative reduces).
struct AppliedAdjustment {
    QString adjustmentId;
    Adjustment::Kind kind = Adjustment::Kind::AmountDiscount;
    bool invoiceLevel = false; ///< a share of a plan/invoice-level adjustment
    Decimal amount;
};

/// One tax rate on one line, or the total of a rate over the invoice.
struct TaxAmount {
    QString taxRateId;
    QString name;
    Decimal percentage;
    Decimal taxableAmount;
    Decimal amount;
};

/// A composed line. Every amount is at the currency's minor unit.
struct InvoiceLineResult {
    QString priceId;
    QString itemId;
    QString name;
    Decimal quantity;
    QDate startDate;
    QDate endDate;
    QJsonArray subLineItems; ///< as given by the line's input
    Decimal subtotal;        ///< the price's subtotal, rounded
    QList<AppliedAdjustment> adjustments;
    Decimal adjustedSubtotal; ///< subtotal + adjustments
    Decimal couponDiscount;   ///< this line's share of the coupons (≥ 0, subtracted)
    Decimal creditsApplied;   ///< prepaid credits drawn for this line, before tax (≥ 0)
    Decimal amount;           ///< adjustedSubtotal − couponDiscount − creditsApplied: the taxable amount
    QList<TaxAmount> taxAmounts;
    Decimal taxTotal;
    Decimal total; ///< amount + taxTotal
};

/// What one coupon took off the invoice.
struct CouponApplication {
    QString couponId;
    Decimal amount;
};

/// A change to the customer balance to record with the invoice (positive raises the credit
/// the customer holds).
struct BalanceEntry {
    enum class Reason {
        AppliedToInvoice,    ///< a positive balance paid part of the invoice
        AddedToInvoice,      ///< a negative balance (money owed) moved onto the invoice
        NegativeInvoiceTotal ///< an invoice whose total is below zero credits the customer
    };
    Reason reason = Reason::AppliedToInvoice;
    Decimal amount;
};

/// A draw from a prepaid credit block.
struct CreditDraw {
    QString blockId;
    Decimal amount;
    Decimal costBasis;
};

/// A composed invoice. Totals are sums of rounded lines.
struct InvoiceResult {
    Currency currency;
    QList<InvoiceLineResult> lines;
    Decimal subtotal;         ///< Σ line subtotals (before adjustments)
    Decimal adjustmentsTotal; ///< Σ applied adjustments (signed)
    Decimal couponsTotal;     ///< Σ coupon discounts (≥ 0)
    QList<CouponApplication> coupons;
    QList<TaxAmount> taxes; ///< per rate, in order of first appearance
    Decimal taxTotal;
    Decimal total;          ///< Σ line totals (after tax)
    Decimal balanceApplied; ///< taken off the amount due by the balance (negative: added)
    QList<BalanceEntry> balanceEntries;
    Decimal creditsApplied;
    QList<CreditDraw> creditDraws;
    Decimal amountDue; ///< total − balanceApplied − creditsApplied, never below zero

    /// Orb's invoice shape (amounts as strings at the minor unit): subtotal, total, amount_due,
    /// line_items [{price_id, name, quantity, subtotal, adjusted_subtotal, amount, start_date,
    /// end_date, adjustments, tax_amounts}], ... for `invoices show --json`.
    QJsonObject toJson() const;
    /// The same object with `extra` string members added, written straight to compact JSON
    /// text: byte for byte what QJsonDocument(object).toJson(Compact) gives, without building
    /// the object (an invoice run stores thousands; parsing this text back is also cheaper than
    /// toJson()'s member-by-member inserts).
    QByteArray toCompactJson(const QList<QPair<QString, QString>> &extra = {}) const;
};

} // namespace orb::billing
