// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/billing/InvoiceResult.h"

#include "engine/IsoDate.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

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

namespace {

// A JSON string as Qt's compact writer escapes it: quote, backslash and the control characters
// (short forms where JSON has them, else \u00XX in lower-case hex); everything else as UTF-8.
void appendString(QByteArray &out, const QString &s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s.isValidUtf16()) {
        // A lone surrogate: Qt writes it as an escape; leave such a text to Qt's writer.
        const QByteArray qt = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        out += qt.mid(1, qt.size() - 2);
        return;
    }
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    // Most texts (ids, amounts, dates, names) need no escape: appended whole.
    if (std::none_of(utf8.cbegin(), utf8.cend(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\'; })) {
        out += utf8;
        out += '"';
        return;
    }
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

QByteArray jsonString(const QString &s)
{
    QByteArray out;
    appendString(out, s);
    return out;
}

// An object's members (key, value as JSON text), written in the order QJsonObject keeps them:
// by key. Every key here is ASCII, where that order is the bytes' order.
// Keys are C strings that outlive the call (literals, or the caller's storage).
using Members = std::vector<std::pair<const char *, QByteArray>>;

void appendObject(QByteArray &out, Members &members)
{
    std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return std::strcmp(a.first, b.first) < 0; });
    out += '{';
    bool first = true;
    for (const auto &m : members) {
        if (!first)
            out += ',';
        first = false;
        out += '"';
        out += m.first;
        out += "\":";
        out += m.second;
    }
    out += '}';
}

QByteArray objectText(Members &&members)
{
    QByteArray out;
    appendObject(out, members);
    return out;
}

QByteArray moneyJson(const Decimal &d, const Currency &c)
{
    return jsonString(money(d, c));
}

QByteArray taxesText(const QList<TaxAmount> &taxes, const Currency &c)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < taxes.size(); ++i) {
        const TaxAmount &t = taxes[i];
        if (i)
            out += ',';
        Members m{{"tax_rate_id", jsonString(t.taxRateId)},
                  {"tax_rate_description", jsonString(t.name)},
                  {"tax_rate_percentage", jsonString(t.percentage.toCanonicalString())},
                  {"taxable_amount", moneyJson(t.taxableAmount, c)},
                  {"amount", moneyJson(t.amount, c)}};
        appendObject(out, m);
    }
    out += ']';
    return out;
}

} // namespace

QByteArray InvoiceResult::toCompactJson(const QList<QPair<QString, QString>> &extra) const
{
    const Currency &c = currency;
    QByteArray items = "[";
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const InvoiceLineResult &l = lines[i];
        QByteArray adjustments = "[";
        for (qsizetype k = 0; k < l.adjustments.size(); ++k) {
            const AppliedAdjustment &a = l.adjustments[k];
            if (k)
                adjustments += ',';
            Members m{{"id", jsonString(a.adjustmentId)},
                      {"adjustment_type", jsonString(Adjustment::kindName(a.kind))},
                      {"is_invoice_level", a.invoiceLevel ? QByteArray("true") : QByteArray("false")},
                      {"amount", moneyJson(a.amount, c)}};
            appendObject(adjustments, m);
        }
        adjustments += ']';
        if (i)
            items += ',';
        Members m{{"price_id", jsonString(l.priceId)},
                  {"item_id", jsonString(l.itemId)},
                  {"name", jsonString(l.name)},
                  {"quantity", jsonString(l.quantity.toCanonicalString())},
                  {"start_date", jsonString(isoDateText(l.startDate))},
                  {"end_date", jsonString(isoDateText(l.endDate))},
                  {"subtotal", moneyJson(l.subtotal, c)},
                  {"adjustments", adjustments},
                  {"adjusted_subtotal", moneyJson(l.adjustedSubtotal, c)},
                  {"coupon_discount", moneyJson(l.couponDiscount, c)},
                  {"credits_applied", moneyJson(l.creditsApplied, c)},
                  {"amount", moneyJson(l.amount, c)},
                  {"tax_amounts", taxesText(l.taxAmounts, c)},
                  {"tax_total", moneyJson(l.taxTotal, c)},
                  {"total", moneyJson(l.total, c)},
                  // Whatever the price gave (any JSON): written by Qt's own writer.
                  {"sub_line_items", l.subLineItems.isEmpty() ? QByteArray("[]") : QJsonDocument(l.subLineItems).toJson(QJsonDocument::Compact)}};
        appendObject(items, m);
    }
    items += ']';
    QByteArray draws = "[";
    for (qsizetype i = 0; i < creditDraws.size(); ++i) {
        const CreditDraw &d = creditDraws[i];
        if (i)
            draws += ',';
        Members m{{"block_id", jsonString(d.blockId)}, {"amount", moneyJson(d.amount, c)}, {"cost_basis", jsonString(d.costBasis.toCanonicalString())}};
        appendObject(draws, m);
    }
    draws += ']';
    Members top{{"currency", jsonString(c.code())},
                {"subtotal", moneyJson(subtotal, c)},
                {"adjustments_total", moneyJson(adjustmentsTotal, c)},
                {"coupons_total", moneyJson(couponsTotal, c)},
                {"tax_total", moneyJson(taxTotal, c)},
                {"total", moneyJson(total, c)},
                {"balance_applied", moneyJson(balanceApplied, c)},
                {"credits_applied", moneyJson(creditsApplied, c)},
                {"amount_due", moneyJson(amountDue, c)},
                {"tax_amounts", taxesText(taxes, c)},
                {"credit_draws", draws},
                {"line_items", items}};
    std::vector<QByteArray> extraKeys; // the extra members' keys, alive while they are written
    extraKeys.reserve(size_t(extra.size()));
    for (const auto &e : extra) {
        // A later member of the same key replaces the earlier one, as QJsonObject::insert does.
        extraKeys.push_back(e.first.toUtf8());
        const char *key = extraKeys.back().constData();
        const auto same = std::find_if(top.begin(), top.end(), [&](const auto &m) { return std::strcmp(m.first, key) == 0; });
        if (same != top.end())
            same->second = jsonString(e.second);
        else
            top.emplace_back(key, jsonString(e.second));
    }
    return objectText(std::move(top));
}

} // namespace orb::billing
