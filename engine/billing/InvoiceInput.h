// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Currency.h"
#include "engine/Decimal.h"
#include "engine/billing/Adjustment.h"
#include "engine/billing/Coupon.h"
#include "engine/billing/CreditBlock.h"
#include "engine/billing/TaxRate.h"

#include <QDate>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace orb::billing {

/// One priced line of an invoice to compose: a price's evaluation over a period.
struct InvoiceLineInput {
    QString priceId; ///< unique on the invoice (Orb's invariant)
    QString itemId;
    QString name;
    Decimal quantity;
    Decimal subtotal; ///< PriceEvaluation::subtotal, exact (not rounded)
    QDate startDate;
    QDate endDate;
    QStringList taxRateIds;  ///< the item's rates; the customer's are added to them
    QJsonArray subLineItems; ///< the price's sub-lines (tiers, cells, groups), shown as they are
    /// Prices a reduced quantity (for usage discounts): usually
    /// `[&](q) { return price.evaluate(UsageQuantities::ofQuantity(q)).subtotal; }`.
    std::function<Decimal(const Decimal &quantity)> reprice;
};

/// Everything the composition needs; the caller has loaded it (see InvoiceCalculator).
struct InvoiceInput {
    Currency currency;
    Rounding rounding = Rounding::HalfUp; ///< the company's choice for every rounding point
    QDate invoiceDate;                    ///< decides which credit blocks are usable
    QList<InvoiceLineInput> lines;
    QList<Adjustment> adjustments; ///< price-, plan- and invoice-level, any order
    QList<Coupon> coupons;         ///< active ones only (Coupon::isActive), applied in order
    QList<TaxRate> taxRates;       ///< every rate referenced below
    QStringList customerTaxRateIds;
    Decimal customerBalance; ///< positive: credit the customer holds; negative: owed
    QList<CreditBlock> creditBlocks;
};

} // namespace orb::billing
