// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceResult.h"

#include "engine/IsoDate.h"

#include <QJsonArray>

namespace orb::billing {

namespace {

QString money(const Decimal &d, const Currency &c)
{
    return d.rounded(c.minorUnits()).toString();
}

QJsonArray taxesJson(const QList<TaxAmount> &taxes, const Currency &c)
{
    QJsonArray out;
    for (const TaxAmount &t : taxes) {
        out.append(QJsonObject{{QStringLiteral("tax_rate_id"), t.taxRateId},
                               {QStringLiteral("tax_rate_description"), t.name},
                               {QStringLiteral("tax_rate_percentage"), t.percentage.toCanonicalString()},
                               {QStringLiteral("taxable_amount"), money(t.taxableAmount, c)},
                               {QStringLiteral("amount"), money(t.amount, c)}});
    }
    return out;
}

} // namespace

QJsonObject InvoiceResult::toJson() const
{
    QJsonArray items;
    for (const InvoiceLineResult &l : lines) {
        QJsonArray adjustments;
        for (const AppliedAdjustment &a : l.adjustments) {
            adjustments.append(QJsonObject{{QStringLiteral("id"), a.adjustmentId},
                                           {QStringLiteral("adjustment_type"), Adjustment::kindName(a.kind)},
                                           {QStringLiteral("is_invoice_level"), a.invoiceLevel},
                                           {QStringLiteral("amount"), money(a.amount, currency)}});
        }
        items.append(QJsonObject{
            {QStringLiteral("price_id"), l.priceId},
            {QStringLiteral("item_id"), l.itemId},
            {QStringLiteral("name"), l.name},
            {QStringLiteral("quantity"), l.quantity.toCanonicalString()},
            {QStringLiteral("start_date"), isoDateText(l.startDate)},
            {QStringLiteral("end_date"), isoDateText(l.endDate)},
            {QStringLiteral("subtotal"), money(l.subtotal, currency)},
            {QStringLiteral("adjustments"), adjustments},
            {QStringLiteral("adjusted_subtotal"), money(l.adjustedSubtotal, currency)},
            {QStringLiteral("coupon_discount"), money(l.couponDiscount, currency)},
            {QStringLiteral("credits_applied"), money(l.creditsApplied, currency)},
            {QStringLiteral("amount"), money(l.amount, currency)},
            {QStringLiteral("tax_amounts"), taxesJson(l.taxAmounts, currency)},
            {QStringLiteral("tax_total"), money(l.taxTotal, currency)},
            {QStringLiteral("total"), money(l.total, currency)},
            {QStringLiteral("sub_line_items"), l.subLineItems},
        });
    }
    QJsonArray draws;
    for (const CreditDraw &d : creditDraws) {
        draws.append(QJsonObject{{QStringLiteral("block_id"), d.blockId},
                                 {QStringLiteral("amount"), money(d.amount, currency)},
                                 {QStringLiteral("cost_basis"), d.costBasis.toCanonicalString()}});
    }
    return QJsonObject{
        {QStringLiteral("currency"), currency.code()},
        {QStringLiteral("subtotal"), money(subtotal, currency)},
        {QStringLiteral("adjustments_total"), money(adjustmentsTotal, currency)},
        {QStringLiteral("coupons_total"), money(couponsTotal, currency)},
        {QStringLiteral("tax_total"), money(taxTotal, currency)},
        {QStringLiteral("total"), money(total, currency)},
        {QStringLiteral("balance_applied"), money(balanceApplied, currency)},
        {QStringLiteral("credits_applied"), money(creditsApplied, currency)},
        {QStringLiteral("amount_due"), money(amountDue, currency)},
        {QStringLiteral("tax_amounts"), taxesJson(taxes, currency)},
        {QStringLiteral("credit_draws"), draws},
        {QStringLiteral("line_items"), items},
    };
}

} // namespace orb::billing
