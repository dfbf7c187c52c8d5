// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/billing/InvoiceInput.h"
#include "engine/billing/InvoiceResult.h"

#include <QList>

#include <stdexcept>

namespace orb::billing {

/// Raised for an input the composition cannot honour (unknown tax rate, duplicate price,
/// usage discount without a way to reprice, invalid currency). Nothing is composed.
class InvoiceError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

/**
 * Composes an invoice from priced lines, purely (no storage, no clock), in Orb's pipeline
 * (docs.withorb.com/invoicing/invoice-calculation-examples):
 *
 *  1. adjustments on each line in one order whatever level they were defined at (usage
 *     discount, amount discount, percentage discount, minimum, maximum); within a kind the
 *     price-level ones, then the plan-level ones (on the sum of the lines they cover, spread in
 *     proportion by largest remainder), then the coupons of that kind (a coupon is a discount
 *     adjustment); price-level steps are exact, a line is rounded where a multi-line step
 *     covers it and at the end;
 *  2. prepaid credit blocks, soonest expiry first, then lowest cost basis, on the lines'
 *     amounts before tax;
 *  3. taxes per line and rate on what is left, each rounded;
 *  4. the customer balance (positive reduces the amount due, negative adds to it).
 *
 * Totals are sums of rounded lines. docs/BILLING.md has the worked examples and every choice.
 */
class InvoiceCalculator final
{
public:
    InvoiceCalculator() = delete;

    /// Composes the invoice. Throws InvoiceError for an input it cannot honour.
    static InvoiceResult compose(const InvoiceInput &input);

    /// Stages 2 to 4 again on a composed invoice (issuing a draft composed without credits or
    /// balance): puts back what credits its lines had, draws the usable blocks before tax,
    /// taxes each line again with the rates it had, sums the lines and applies the balance.
    /// Without lines only the balance is applied to the total.
    static void settle(InvoiceResult &result, const Decimal &customerBalance, const QList<CreditBlock> &creditBlocks, QDate invoiceDate,
                       Rounding rounding = Rounding::HalfUp);

    /// Splits `units` (minor units, any sign) over non-negative weights in proportion: each gets
    /// the floor of its exact share, and what is left goes one unit at a time to the largest
    /// remainders (ties: the earlier entry). The parts sum to `units`. All-zero weights split
    /// equally. Throws InvoiceError for an empty list or a negative weight.
    static QList<qint64> allocate(qint64 units, const QList<qint64> &weights);
};

} // namespace orb::billing
