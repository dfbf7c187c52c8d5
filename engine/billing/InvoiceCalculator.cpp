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
    Adjustment::Kind::Minimum, Adjustment::Kind::Maximum,
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

// Stage 1: the price-level adjustments of one line, on its exact subtotal.
void applyPriceLevel(const Context &c, const InvoiceLineInput &line, InvoiceLineResult &out)
{
    Decimal running = line.subtotal;
    Decimal quantity = line.quantity;
    Decimal shown = c.round(running);
    for (const Adjustment::Kind kind : KindOrder) {
        for (const Adjustment &a : c.in.adjustments) {
            if (a.kind() != kind || !a.isPriceLevel() || !a.appliesTo(line.priceId))
                continue;
            switch (kind) {
            case Adjustment::Kind::UsageDiscount:
                if (!line.reprice)
                    throw error(QStringLiteral("line %1: a usage discount needs the price to reprice the quantity").arg(line.priceId));
                quantity = Decimal::max(Decimal(0), quantity - a.value());
                running = line.reprice(quantity);
                break;
            case Adjustment::Kind::AmountDiscount:
                running -= Decimal::min(a.value(), Decimal::max(running, Decimal(0)));
                break;
            case Adjustment::Kind::PercentageDiscount:
                running -= Decimal::max(running, Decimal(0)) * a.value();
                break;
            case Adjustment::Kind::Minimum:
                running = Decimal::max(running, a.value());
                break;
            case Adjustment::Kind::Maximum:
                running = Decimal::min(running, a.value());
                break;
            }
            // Each shown amount is the step between rounded running values, so the shown
            // adjustments always add up to adjusted − subtotal while nothing is rounded on the way.
            const Decimal next = c.round(running);
            out.adjustments.append({a.id(), kind, false, next - shown});
            shown = next;
        }
    }
    out.adjustedSubtotal = shown;
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

// Stage 2: plan/invoice-level adjustments over the rounded lines.
void applyInvoiceLevel(const Context &c, QList<InvoiceLineResult> &lines)
{
    for (const Adjustment::Kind kind : KindOrder) {
        for (const Adjustment &a : c.in.adjustments) {
            if (a.kind() != kind || a.isPriceLevel())
                continue;
            QList<int> covered;
            QList<Decimal> amounts;
            Decimal sum;
            for (int i = 0; i < lines.size(); ++i) {
                amounts.append(lines.at(i).adjustedSubtotal);
                if (a.appliesTo(lines.at(i).priceId)) {
                    covered.append(i);
                    sum += lines.at(i).adjustedSubtotal;
                }
            }
            if (covered.isEmpty())
                continue;
            const Decimal positive = Decimal::max(sum, Decimal(0));
            Decimal change; // signed, at the minor unit
            switch (kind) {
            case Adjustment::Kind::UsageDiscount:
                continue; // refused by Adjustment itself
            case Adjustment::Kind::AmountDiscount:
                change = -Decimal::min(c.round(a.value()), positive);
                break;
            case Adjustment::Kind::PercentageDiscount:
                change = -c.round(positive * a.value());
                break;
            case Adjustment::Kind::Minimum:
                change = Decimal::max(c.round(a.value()) - sum, Decimal(0));
                break;
            case Adjustment::Kind::Maximum:
                change = -Decimal::max(sum - c.round(a.value()), Decimal(0));
                break;
            }
            const QList<qint64> shares = spread(c, c.units(c.round(change)), covered, amounts);
            for (int k = 0; k < covered.size(); ++k) {
                InvoiceLineResult &line = lines[covered.at(k)];
                const Decimal share = c.fromUnits(shares.at(k));
                line.adjustments.append({a.id(), kind, true, share});
                line.adjustedSubtotal += share;
            }
        }
    }
}

// Stage 3: coupons, each on what the earlier ones left.
void applyCoupons(const Context &c, QList<InvoiceLineResult> &lines, InvoiceResult &result)
{
    for (const Coupon &coupon : c.in.coupons) {
        QList<int> covered;
        QList<Decimal> amounts;
        Decimal sum;
        for (int i = 0; i < lines.size(); ++i) {
            const Decimal left = lines.at(i).adjustedSubtotal - lines.at(i).couponDiscount;
            amounts.append(left);
            const QStringList &ids = coupon.appliesToPriceIds();
            if (ids.isEmpty() || ids.contains(lines.at(i).priceId)) {
                covered.append(i);
                sum += left;
            }
        }
        const Decimal positive = Decimal::max(sum, Decimal(0));
        const Decimal discount = coupon.type() == Coupon::Type::Percentage
            ? c.round(positive * coupon.value())
            : Decimal::min(c.round(coupon.value()), positive);
        if (!covered.isEmpty()) {
            const QList<qint64> shares = spread(c, c.units(c.round(discount)), covered, amounts);
            for (int k = 0; k < covered.size(); ++k)
                lines[covered.at(k)].couponDiscount += c.fromUnits(shares.at(k));
        }
        result.coupons.append({coupon.id(), covered.isEmpty() ? c.zero() : c.round(discount)});
        result.couponsTotal += covered.isEmpty() ? c.zero() : c.round(discount);
    }
}

// Stage 4: taxes per line and rate; the totals per rate keep the order rates first appear in.
void applyTaxes(const Context &c, QList<InvoiceLineResult> &lines, const QList<InvoiceLineInput> &inputs,
                InvoiceResult &result)
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

// Stages 5 and 6: the balance, then the credit blocks, and the entries to record.
void settleBalance(const Context &c, InvoiceResult &result)
{
    Decimal due = result.total;
    const Decimal balance = c.round(c.in.customerBalance);
    result.balanceApplied = c.zero();
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

    result.creditsApplied = c.zero();
    QList<CreditBlock> blocks;
    for (const CreditBlock &b : c.in.creditBlocks) {
        if (b.isUsableOn(c.in.invoiceDate))
            blocks.append(b);
    }
    std::stable_sort(blocks.begin(), blocks.end(), &CreditBlock::drawsBefore);
    for (const CreditBlock &b : blocks) {
        if (!due.isPositive())
            break;
        // Blocks hold whole minor units; a stray fraction is not drawn (it stays in the block).
        const Decimal available = b.remaining().rounded(c.places, Rounding::Down);
        const Decimal draw = Decimal::min(available, due);
        if (!draw.isPositive())
            continue;
        result.creditDraws.append({b.id(), draw, b.costBasis()});
        result.creditsApplied += draw;
        due -= draw;
    }

    if (due.isNegative()) {
        result.balanceEntries.append({BalanceEntry::Reason::NegativeInvoiceTotal, -due});
        due = c.zero();
    }
    result.amountDue = due;
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
        applyPriceLevel(c, in, line);
        result.lines.append(line);
    }

    applyInvoiceLevel(c, result.lines);
    applyCoupons(c, result.lines, result);
    for (InvoiceLineResult &line : result.lines)
        line.amount = line.adjustedSubtotal - line.couponDiscount;
    applyTaxes(c, result.lines, input.lines, result);

    for (InvoiceLineResult &line : result.lines) {
        line.total = line.amount + line.taxTotal;
        result.subtotal += line.subtotal;
        result.adjustmentsTotal += line.adjustedSubtotal - line.subtotal;
        result.taxTotal += line.taxTotal;
        result.total += line.total;
    }
    settleBalance(c, result);
    return result;
}

void InvoiceCalculator::settle(InvoiceResult &result, const Decimal &customerBalance,
                               const QList<CreditBlock> &creditBlocks, QDate invoiceDate, Rounding rounding)
{
    InvoiceInput input;
    input.currency = result.currency;
    input.rounding = rounding;
    input.invoiceDate = invoiceDate;
    input.customerBalance = customerBalance;
    input.creditBlocks = creditBlocks;
    const Context c{input, input.currency.minorUnits()};
    result.balanceEntries.clear();
    result.creditDraws.clear();
    settleBalance(c, result);
}

} // namespace orb::billing
