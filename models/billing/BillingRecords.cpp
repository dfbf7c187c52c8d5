// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/BillingRecords.h"

#include "engine/Currency.h"
#include "engine/IsoDate.h"
#include "engine/Money.h"
#include "models/Timestamps.h"

#include <QJsonArray>
#include <QVariant>

namespace orb {

QString moneyText(const Decimal &amount, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return amount.rounded(c ? c->minorUnits() : 2).toString();
}

QString dateText(QDate d)
{
    return isoDateText(d);
}

QString displayMoney(const Decimal &amount, const QString &currency, const QLocale &locale)
{
    const auto c = Currency::fromCode(currency);
    if (!c)
        return formatDecimal(amount.rounded(2), locale) + QLatin1Char(' ') + currency;
    return Money(amount.rounded(c->minorUnits()), *c).format(locale);
}

QString displayDateFormat(const QLocale &locale)
{
    QString f = locale.dateFormat(QLocale::ShortFormat);
    // Short formats often write a two-digit year ("dd.MM.yy"); a year on an invoice is whole.
    if (!f.contains(QLatin1String("yyyy")))
        f.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return f;
}

QString displayDate(QDate d, const QLocale &locale)
{
    return d.isValid() ? locale.toString(d, displayDateFormat(locale)) : QString();
}

QString displayPeriod(QDate start, QDate endExclusive, const QLocale &locale)
{
    if (!start.isValid() || !endExclusive.isValid())
        return QString();
    const QDate last = endExclusive > start ? endExclusive.addDays(-1) : start;
    return QStringLiteral("%1 – %2").arg(displayDate(start, locale), displayDate(last, locale));
}

QDate parseDate(const QString &text)
{
    return QDate::fromString(text, Qt::ISODate);
}

std::optional<QDate> parseOptionalDate(const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty())
        return std::nullopt;
    return parseDate(v.toString());
}

namespace {

QJsonValue optionalDate(QDate d)
{
    return d.isValid() ? QJsonValue(dateText(d)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInstant(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(toApiTimestamp(t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalText(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

QString Subscription::status(QDate today) const
{
    // A subscription that ends on its start date (an upcoming one cancelled) never runs.
    if (endDate && (*endDate <= today || *endDate <= startDate))
        return QStringLiteral("ended");
    if (startDate > today)
        return QStringLiteral("upcoming");
    if (endDate && *endDate <= today)
        return QStringLiteral("ended");
    return QStringLiteral("active");
}

const SubscriptionPhase *Subscription::phaseOn(QDate d) const
{
    if (phases.isEmpty() || (endDate && d >= *endDate))
        return nullptr;
    if (d < phases.first().startDate)
        return &phases.first();
    for (const SubscriptionPhase &p : phases)
        if (p.contains(d))
            return &p;
    return nullptr;
}

QJsonObject SubscriptionChange::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("subscription_id"), subscriptionId},
                       {QStringLiteral("kind"), toText(kind)},
                       {QStringLiteral("effective_date"), dateText(effectiveDate)},
                       {QStringLiteral("status"), toText(status)},
                       {QStringLiteral("details"), details},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)}};
}

Decimal Invoice::amountRemaining() const
{
    const Decimal left = amountDue - amountPaid - credited;
    return left.isNegative() ? Decimal(0).rounded(2) : left;
}

QJsonObject Invoice::toJson() const
{
    QJsonObject o = document;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("invoice_number"), optionalText(invoiceNumber));
    o.insert(QStringLiteral("status"), toText(status));
    o.insert(QStringLiteral("customer_id"), customerId);
    o.insert(QStringLiteral("subscription_id"), optionalText(subscriptionId));
    o.insert(QStringLiteral("kind"), toText(kind));
    o.insert(QStringLiteral("period_start"), optionalDate(periodStart));
    o.insert(QStringLiteral("period_end"), optionalDate(periodEnd));
    o.insert(QStringLiteral("invoice_date"), optionalDate(invoiceDate));
    o.insert(QStringLiteral("due_date"), optionalDate(dueDate));
    o.insert(QStringLiteral("net_terms"), netTerms);
    o.insert(QStringLiteral("currency"), currency);
    o.insert(QStringLiteral("memo"), optionalText(memo));
    o.insert(QStringLiteral("subtotal"), moneyText(subtotal, currency));
    o.insert(QStringLiteral("adjustments_total"), moneyText(adjustmentsTotal, currency));
    o.insert(QStringLiteral("coupons_total"), moneyText(couponsTotal, currency));
    o.insert(QStringLiteral("tax_total"), moneyText(taxTotal, currency));
    o.insert(QStringLiteral("total"), moneyText(total, currency));
    o.insert(QStringLiteral("balance_applied"), moneyText(balanceApplied, currency));
    o.insert(QStringLiteral("credits_applied"), moneyText(creditsApplied, currency));
    o.insert(QStringLiteral("amount_due"), moneyText(amountDue, currency));
    o.insert(QStringLiteral("amount_paid"), moneyText(amountPaid, currency));
    o.insert(QStringLiteral("credited"), moneyText(credited, currency));
    o.insert(QStringLiteral("amount_remaining"), moneyText(amountRemaining(), currency));
    o.insert(QStringLiteral("created_at"), toApiTimestamp(createdAt));
    o.insert(QStringLiteral("issued_at"), optionalInstant(issuedAt));
    o.insert(QStringLiteral("paid_at"), optionalInstant(paidAt));
    o.insert(QStringLiteral("voided_at"), optionalInstant(voidedAt));
    return o;
}

QJsonObject Payment::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("invoice_id"), invoiceId},
                       {QStringLiteral("customer_id"), customerId},
                       {QStringLiteral("amount"), moneyText(amount, currency)},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("paid_on"), dateText(paidOn)},
                       {QStringLiteral("method"), method},
                       {QStringLiteral("reference"), optionalText(reference)},
                       {QStringLiteral("memo"), optionalText(memo)},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)}};
}

QJsonObject CreditNote::toJson() const
{
    QJsonArray items;
    for (const CreditNoteLine &l : lines)
        items.append(QJsonObject{{QStringLiteral("invoice_line_position"), l.invoiceLinePosition},
                                 {QStringLiteral("amount"), moneyText(l.amount, currency)},
                                 {QStringLiteral("tax"), moneyText(l.tax, currency)}});
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("credit_note_number"), number},
                       {QStringLiteral("invoice_id"), invoiceId},
                       {QStringLiteral("customer_id"), customerId},
                       {QStringLiteral("reason"), reason},
                       {QStringLiteral("type"), kind},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("subtotal"), moneyText(subtotal, currency)},
                       {QStringLiteral("tax_total"), moneyText(taxTotal, currency)},
                       {QStringLiteral("total"), moneyText(total, currency)},
                       {QStringLiteral("memo"), optionalText(memo)},
                       {QStringLiteral("line_items"), items},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)}};
}

QJsonObject BalanceEntryRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("customer_id"), customerId},
                       {QStringLiteral("amount"), moneyText(amount, currency)},
                       {QStringLiteral("ending_balance"), moneyText(balanceAfter, currency)},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("action"), cause},
                       {QStringLiteral("invoice_id"), optionalText(invoiceId)},
                       {QStringLiteral("reference"), optionalText(reference)},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)}};
}

QJsonObject CreditBlockRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("customer_id"), customerId},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("amount"), moneyText(amount, currency)},
                       {QStringLiteral("balance"), moneyText(remaining, currency)},
                       {QStringLiteral("per_unit_cost_basis"), costBasis.toCanonicalString()},
                       {QStringLiteral("effective_date"), dateText(effectiveDate)},
                       {QStringLiteral("expiry_date"), expiryDate ? QJsonValue(dateText(*expiryDate)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("description"), optionalText(description)},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)}};
}

QJsonObject CouponRecord::toJson() const
{
    QJsonObject discount{{QStringLiteral("discount_type"), discountType}};
    if (discountType == QLatin1String("percentage"))
        discount.insert(QStringLiteral("percentage_discount"), value.toCanonicalString());
    else
        discount.insert(QStringLiteral("amount_discount"), value.toCanonicalString());
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("redemption_code"), code},
                       {QStringLiteral("discount"), discount},
                       {QStringLiteral("duration_in_months"), durationMonths ? QJsonValue(*durationMonths) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("max_redemptions"), maxRedemptions ? QJsonValue(*maxRedemptions) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("times_redeemed"), redemptions},
                       {QStringLiteral("archived_at"), optionalInstant(archivedAt)}};
}

QJsonObject TaxRateRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("percentage"), percentage.toCanonicalString()},
                       {QStringLiteral("customer_ids"), QJsonArray::fromStringList(customerIds)},
                       {QStringLiteral("item_ids"), QJsonArray::fromStringList(itemIds)},
                       {QStringLiteral("created_at"), toApiTimestamp(createdAt)},
                       {QStringLiteral("archived_at"), optionalInstant(archivedAt)}};
}

} // namespace orb
