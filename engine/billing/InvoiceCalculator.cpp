// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceCalculator.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace orb::billing {

namespace {

constexpr Adjustment::Kind KindOrder[] = {
    Adjustment::Kind::UsageDiscount, Adjustment::Kind::AmountDiscount, Adjustment::Kind::PercentageDiscount,
    Adjustment::Kind::Minimum,       Adjustment::Kind::Maximum,
};

// The composition works on one invoice; this keeps its currency and rounding at hand.
struct Context {
    const InvoiceInput &in;
    int places;

    Decimal round(const Decimal &d) const { return d.rounded(places, in.rounding); }
    qint64 units(const Decimal &roundedAmount) const { return roundedAmount.toMinorUnits(places); }
    Decimal fromUnits(qint64 u) const { return Decimal::fromMinorUnits(u, places); }
    Decimal zero() const { return Decimal(0).rounded(places); }
};

InvoiceError error(const QString &message)
{
    return InvoiceError(message.toStdString());
}

// Spreads a signed amount in minor units over the covered lines, in proportion to their
// positive amounts (equally if none is positive).
QList<qint64> spread(const Context &c, qint64 units, const QList<int> &covered, const QList<Decimal> &amounts)
{
    QList<qint64> weights;
    for (int i : covered)
        weights.append(std::max<qint64>(0, c.units(amounts.at(i))));
    return InvoiceCalculator::allocate(units, weights);
}

// Stages 1-3: every adjustment of a line in Orb's one order (usage discount, amount discount,
// percentage discount, minimum, maximum), whatever level it was defined at. Within a kind the
// price-level ones come first, then the plan-level ones, then the coupons of that kind (Orb
// turns a redeemed coupon into a discount adjustment on the subscription's prices).
// Price-level steps work on the line's exact running value; a step that spans lines rounds the
// lines it covers first and spreads its change in minor units. Each shown amount is the step
// between rounded running values, so the shown amounts add up to the line's change.
void applyAdjustments(const Context &c, const QList<InvoiceLineInput> &inputs, QList<InvoiceLineResult> &lines, InvoiceResult &result)
{
    const int n = int(lines.size());
    QList<Decimal> running, quantity, shown;
    for (int i = 0; i < n; ++i) {
        running.append(inputs.at(i).subtotal);
        quantity.append(inputs.at(i).quantity);
        shown.append(c.round(inputs.at(i).subtotal));
    }
    for (const Coupon &coupon : c.in.coupons)
        result.coupons.append({coupon.id(), c.zero()});
    // Records line i's step to its new running value.
    const auto step = [&](int i, const QString &id, Adjustment::Kind kind, bool multiLine, bool coupon) {
        const Decimal next = c.round(running.at(i));
        const Decimal delta = next - shown.at(i);
        shown[i] = next;
        if (coupon)
            lines[i].couponDiscount -= delta;
        else
            lines[i].adjustments.append({id, kind, multiLine, delta});
    };
    // A change over several lines: on their rounded values, spread by largest remainder.
    const auto spanning = [&](const QString &id, Adjustment::Kind kind, const QList<int> &covered, const Decimal &change, bool coupon) {
        for (int i : covered)
            running[i] = shown.at(i);
        const QList<qint64> shares = spread(c, c.units(c.round(change)), covered, shown);
        for (int k = 0; k < covered.size(); ++k) {
            running[covered.at(k)] += c.fromUnits(shares.at(k));
            step(covered.at(k), id, kind, true, coupon);
        }
    };
    for (const Adjustment::Kind kind : KindOrder) {
        for (int i = 0; i < n; ++i) {
            const InvoiceLineInput &line = inputs.at(i);
            for (const Adjustment &a : c.in.adjustments) {
                if (a.kind() != kind || !a.isPriceLevel() || !a.appliesTo(line.priceId))
                    continue;
                Decimal &r = running[i];
                switch (kind) {
                case Adjustment::Kind::UsageDiscount:
                    if (!line.reprice)
                        throw error(QStringLiteral("line %1: a usage discount needs the price to reprice the quantity").arg(line.priceId));
                    quantity[i] = Decimal::max(Decimal(0), quantity.at(i) - a.value());
                    r = line.reprice(quantity.at(i));
                    break;
                case Adjustment::Kind::AmountDiscount: r -= Decimal::min(a.value(), Decimal::max(r, Decimal(0))); break;
                case Adjustment::Kind::PercentageDiscount: r -= Decimal::max(r, Decimal(0)) * a.value(); break;
                case Adjustment::Kind::Minimum: r = Decimal::max(r, a.value()); break;
                case Adjustment::Kind::Maximum: r = Decimal::min(r, a.value()); break;
                }
                step(i, a.id(), kind, false, false);
            }
        }
        for (const Adjustment &a : c.in.adjustments) {
            if (a.kind() != kind || a.isPriceLevel() || kind == Adjustment::Kind::UsageDiscount)
                continue;
            QList<int> covered;
            Decimal sum;
            for (int i = 0; i < n; ++i)
                if (a.appliesTo(lines.at(i).priceId)) {
                    covered.append(i);
                    sum += shown.at(i);
                }
            if (covered.isEmpty())
                continue;
            const Decimal positive = Decimal::max(sum, Decimal(0));
            Decimal change; // signed, at the minor unit
            if (kind == Adjustment::Kind::AmountDiscount)
                change = -Decimal::min(c.round(a.value()), positive);
            else if (kind == Adjustment::Kind::PercentageDiscount)
                change = -c.round(positive * a.value());
            else if (kind == Adjustment::Kind::Minimum)
                change = Decimal::max(c.round(a.value()) - sum, Decimal(0));
            else
                change = -Decimal::max(sum - c.round(a.value()), Decimal(0));
            spanning(a.id(), kind, covered, change, false);
        }
        const bool amountKind = kind == Adjustment::Kind::AmountDiscount;
        if (!amountKind && kind != Adjustment::Kind::PercentageDiscount)
            continue;
        for (int k = 0; k < c.in.coupons.size(); ++k) {
            const Coupon &coupon = c.in.coupons.at(k);
            if ((coupon.type() == Coupon::Type::Amount) != amountKind)
                continue;
            QList<int> covered;
            Decimal sum;
            for (int i = 0; i < n; ++i) {
                const QStringList &ids = coupon.appliesToPriceIds();
                if (ids.isEmpty() || ids.contains(lines.at(i).priceId)) {
                    covered.append(i);
                    sum += shown.at(i);
                }
            }
            if (covered.isEmpty())
                continue;
            const Decimal positive = Decimal::max(sum, Decimal(0));
            const Decimal discount = amountKind ? Decimal::min(c.round(coupon.value()), positive) : c.round(positive * coupon.value());
            spanning(coupon.id(), kind, covered, -discount, true);
            result.coupons[k].amount = c.round(discount);
            result.couponsTotal += c.round(discount);
        }
    }
    // What the customer is charged before tax; the coupons are shown apart from the other
    // adjustments (adjusted subtotal − coupon discount = amount).
    for (int i = 0; i < n; ++i) {
        lines[i].amount = shown.at(i);
        lines[i].adjustedSubtotal = shown.at(i) + lines.at(i).couponDiscount;
    }
}

// Stage 4: taxes per line and rate; the totals per rate keep the order rates first appear in.
void applyTaxes(const Context &c, QList<InvoiceLineResult> &lines, const QList<InvoiceLineInput> &inputs, InvoiceResult &result)
{
    QHash<QString, TaxRate> rates;
    for (const TaxRate &r : c.in.taxRates)
        rates.insert(r.id(), r);
    QHash<QString, int> totalIndex;
    for (int i = 0; i < lines.size(); ++i) {
        InvoiceLineResult &line = lines[i];
        QStringList ids;
        for (const QString &id : c.in.customerTaxRateIds + inputs.at(i).taxRateIds) {
            if (!ids.contains(id))
                ids.append(id);
        }
        line.taxTotal = c.zero();
        for (const QString &id : ids) {
            const auto it = rates.constFind(id);
            if (it == rates.constEnd())
                throw error(QStringLiteral("line %1: unknown tax rate %2").arg(line.priceId, id));
            const Decimal tax = c.round(it->exactTaxOn(line.amount));
            line.taxAmounts.append({id, it->name(), it->percentage(), line.amount, tax});
            line.taxTotal += tax;
            if (!totalIndex.contains(id)) {
                totalIndex.insert(id, static_cast<int>(result.taxes.size()));
                result.taxes.append({id, it->name(), it->percentage(), c.zero(), c.zero()});
            }
            TaxAmount &total = result.taxes[totalIndex.value(id)];
            total.taxableAmount += line.amount;
            total.amount += tax;
        }
    }
}

// Stage 4 (Orb's "prepurchase" step, before tax): usable credit blocks pay the lines' amounts,
// soonest expiry first, then lowest cost basis; what a block gives is spread over the lines in
// proportion to what is left on them (largest remainder, minor units). Tax is then computed on
// what the credits left.
void drawCredits(const Context &c, QList<InvoiceLineResult> &lines, InvoiceResult &result)
{
    result.creditsApplied = c.zero();
    result.creditDraws.clear();
    for (InvoiceLineResult &line : lines)
        line.creditsApplied = c.zero();
    QList<CreditBlock> blocks;
    for (const CreditBlock &b : c.in.creditBlocks) {
        if (b.remaining().isPositive())
            blocks.append(b);
    }
    std::stable_sort(blocks.begin(), blocks.end(), &CreditBlock::drawsBefore);
    for (const CreditBlock &b : blocks) {
        QList<int> covered;
        QList<Decimal> left;
        Decimal payable;
        for (int i = 0; i < lines.size(); ++i) {
            const InvoiceLineResult &line = lines.at(i);
            left.append(line.amount);
            // A block pays a line's usage or service only for days it was effective and not
            // expired; a line without a period is judged at the invoice date.
            const bool usable = line.startDate.isValid() && line.endDate.isValid() ? b.covers(line.startDate, line.endDate) : b.isUsableOn(c.in.invoiceDate);
            if (usable && line.amount.isPositive()) {
                covered.append(i);
                payable += line.amount;
            }
        }
        if (covered.isEmpty())
            continue;
        // Blocks hold whole minor units; a stray fraction is not drawn (it stays in the block).
        const Decimal available = b.remaining().rounded(c.places, Rounding::Down);
        const Decimal draw = Decimal::min(available, payable);
        if (!draw.isPositive())
            continue;
        const QList<qint64> shares = spread(c, c.units(draw), covered, left);
        for (int k = 0; k < covered.size(); ++k) {
            const Decimal share = c.fromUnits(shares.at(k));
            lines[covered.at(k)].creditsApplied += share;
            lines[covered.at(k)].amount -= share;
        }
        result.creditDraws.append({b.id(), draw, b.costBasis()});
        result.creditsApplied += draw;
    }
}

// Stage 6: the customer balance, after tax, and the entries to record.
void settleBalance(const Context &c, InvoiceResult &result)
{
    Decimal due = result.total;
    const Decimal balance = c.round(c.in.customerBalance);
    result.balanceApplied = c.zero();
    result.balanceEntries.clear();
    if (balance.isNegative()) {
        result.balanceApplied = balance;
        due -= balance;
        result.balanceEntries.append({BalanceEntry::Reason::AddedToInvoice, -balance});
    } else if (balance.isPositive() && due.isPositive()) {
        const Decimal used = Decimal::min(balance, due);
        result.balanceApplied = used;
        due -= used;
        result.balanceEntries.append({BalanceEntry::Reason::AppliedToInvoice, -used});
    }
    if (due.isNegative()) {
        result.balanceEntries.append({BalanceEntry::Reason::NegativeInvoiceTotal, -due});
        due = c.zero();
    }
    result.amountDue = due;
}

// The totals are sums of the rounded lines.
void sumLines(const Context &c, InvoiceResult &result)
{
    result.subtotal = result.adjustmentsTotal = result.taxTotal = result.total = c.zero();
    for (InvoiceLineResult &line : result.lines) {
        line.total = line.amount + line.taxTotal;
        result.subtotal += line.subtotal;
        result.adjustmentsTotal += line.adjustedSubtotal - line.subtotal;
        result.taxTotal += line.taxTotal;
        result.total += line.total;
    }
}

} // namespace

QList<qint64> InvoiceCalculator::allocate(qint64 units, const QList<qint64> &weights)
{
    if (weights.isEmpty())
        throw InvoiceError("nothing to allocate over");
    Int128 total = 0;
    for (qint64 w : weights) {
        if (w < 0)
            throw InvoiceError("allocation weights cannot be negative");
        total += w;
    }
    QList<qint64> effective = weights;
    if (total == 0) {
        std::fill(effective.begin(), effective.end(), 1);
        total = effective.size();
    }
    const bool negative = units < 0;
    const Int128 magnitude = negative ? -Int128(units) : Int128(units);
    QList<qint64> parts;
    QList<Int128> remainders;
    Int128 given = 0;
    for (qint64 w : effective) {
        const Int128 product = magnitude * w;
        parts.append(static_cast<qint64>(product / total));
        remainders.append(product % total);
        given += product / total;
    }
    QList<int> order(parts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return remainders.at(a) > remainders.at(b); });
    for (Int128 left = magnitude - given, k = 0; left > 0; --left, ++k)
        ++parts[order.at(static_cast<int>(k))];
    if (negative) {
        for (qint64 &p : parts)
            p = -p;
    }
    return parts;
}

InvoiceResult InvoiceCalculator::compose(const InvoiceInput &input)
{
    if (!input.currency.isValid())
        throw error(QStringLiteral("the invoice has no valid currency"));
    const Context c{input, input.currency.minorUnits()};

    InvoiceResult result;
    result.currency = input.currency;
    result.subtotal = result.adjustmentsTotal = result.couponsTotal = result.taxTotal = result.total = c.zero();
    result.creditsApplied = c.zero();

    QSet<QString> seen;
    for (const InvoiceLineInput &in : input.lines) {
        if (seen.contains(in.priceId))
            throw error(QStringLiteral("price %1 appears on two lines of the invoice").arg(in.priceId));
        seen.insert(in.priceId);
        InvoiceLineResult line;
        line.priceId = in.priceId;
        line.itemId = in.itemId;
        line.name = in.name;
        line.quantity = in.quantity;
        line.startDate = in.startDate;
        line.endDate = in.endDate;
        line.subLineItems = in.subLineItems;
        line.subtotal = c.round(in.subtotal);
        line.couponDiscount = c.zero();
        result.lines.append(line);
    }

    applyAdjustments(c, input.lines, result.lines, result);
    drawCredits(c, result.lines, result);
    applyTaxes(c, result.lines, input.lines, result);
    sumLines(c, result);
    settleBalance(c, result);
    return result;
}

void InvoiceCalculator::settle(InvoiceResult &result, const Decimal &customerBalance, const QList<CreditBlock> &creditBlocks, QDate invoiceDate,
                               Rounding rounding)
{
    InvoiceInput input;
    input.currency = result.currency;
    input.rounding = rounding;
    input.invoiceDate = invoiceDate;
    input.customerBalance = customerBalance;
    input.creditBlocks = creditBlocks;
    const Context c{input, input.currency.minorUnits()};
    if (result.lines.isEmpty()) {
        // Nothing to draw credits against before tax: the balance alone.
        result.creditDraws.clear();
        result.creditsApplied = c.zero();
        settleBalance(c, result);
        return;
    }
    // Credits come before tax: put back what an earlier settlement drew, draw again, and tax
    // each line again with the rates it had.
    QList<InvoiceLineInput> rates;
    QSet<QString> seen;
    for (InvoiceLineResult &line : result.lines) {
        line.amount += line.creditsApplied;
        InvoiceLineInput in;
        for (const TaxAmount &t : line.taxAmounts) {
            in.taxRateIds.append(t.taxRateId);
            if (!seen.contains(t.taxRateId)) {
                seen.insert(t.taxRateId);
                input.taxRates.append(TaxRate(t.taxRateId, t.name, t.percentage));
            }
        }
        line.taxAmounts.clear();
        rates.append(in);
    }
    result.taxes.clear();
    drawCredits(c, result.lines, result);
    applyTaxes(c, result.lines, rates, result);
    sumLines(c, result);
    settleBalance(c, result);
}

} // namespace orb::billing
