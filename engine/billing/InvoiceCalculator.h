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
 * Composes an invoice from priced lines, purely (no storage, no clock):
 *
 *  1. price-level adjustments on each line, exactly, in Orb's order (usage discount, amount
 *     discount, percentage discount, minimum, maximum); the line is then rounded once to the
 *     currency's minor unit: its adjusted subtotal;
 *  2. plan/invoice-level adjustments, in the same order, each on the sum of the lines it covers,
 *     rounded once and spread over those lines in proportion (largest remainder, in minor units);
 *  3. coupons, in the order given, the same way;
 *  4. taxes per line and rate on the discounted amount, each rounded;
 *  5. the customer balance (positive reduces the amount due, negative adds to it);
 *  6. prepaid credit blocks, soonest expiry first, then lowest cost basis.
 *
 * Totals are sums of rounded lines. docs/BILLING.md has the worked examples and every choice.
 */
class InvoiceCalculator final
{
public:
    InvoiceCalculator() = delete;

    /// Composes the invoice. Throws InvoiceError for an input it cannot honour.
    static InvoiceResult compose(const InvoiceInput &input);

    /// Stages 5 and 6 alone, on a composed invoice: applies the balance and the usable credit
    /// blocks to its total again (issuing a draft composed without them) and replaces its
    /// balanceApplied, balanceEntries, creditsApplied, creditDraws and amountDue.
    static void settle(InvoiceResult &result, const Decimal &customerBalance, const QList<CreditBlock> &creditBlocks,
                       QDate invoiceDate, Rounding rounding = Rounding::HalfUp);

    /// Splits `units` (minor units, any sign) over non-negative weights in proportion: each gets
    /// the floor of its exact share, and what is left goes one unit at a time to the largest
    /// remainders (ties: the earlier entry). The parts sum to `units`. All-zero weights split
    /// equally. Throws InvoiceError for an empty list or a negative weight.
    static QList<qint64> allocate(qint64 units, const QList<qint64> &weights);
};

} // namespace orb::billing
