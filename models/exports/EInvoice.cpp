// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/EInvoice.h"

#include "engine/Currency.h"
#include "models/StorageError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>

namespace orb {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

Decimal dec(const QJsonObject &o, const char *key)
{
    return Decimal::tryParse(str(o, key)).value_or(Decimal(0));
}

/// A VAT number in the EU's form (two letters, then 8 to 12 letters or digits): BT-31 rather
/// than a national tax number (BT-32).
bool looksLikeVat(const QString &id)
{
    static const QRegularExpression form(QStringLiteral("^[A-Z]{2}[0-9A-Z]{8,12}$"));
    return form.match(id).hasMatch();
}

EInvoiceParty sellerOf(const CompanySettings &c)
{
    EInvoiceParty p;
    p.name = c.name;
    p.street = c.addressLine1;
    p.additionalStreet = c.addressLine2;
    p.city = c.city;
    p.postalCode = c.postalCode;
    p.subdivision = c.state;
    p.country = c.country;
    const QString tax = c.taxId.trimmed();
    if (looksLikeVat(tax))
        p.vatId = tax;
    else
        p.taxRegistrationId = tax;
    p.email = c.email;
    return p;
}

EInvoiceParty buyerOf(const Customer &c)
{
    EInvoiceParty p;
    p.name = c.name;
    p.street = c.billingAddress.line1;
    p.additionalStreet = c.billingAddress.line2;
    p.city = c.billingAddress.city;
    p.postalCode = c.billingAddress.postalCode;
    p.subdivision = c.billingAddress.state;
    p.country = c.billingAddress.country;
    if (c.taxId.type.endsWith(QLatin1String("_vat")))
        p.vatId = c.taxId.value;
    p.email = c.email;
    return p;
}

QString adjustmentReason(const QString &type)
{
    QString name = type;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

/// The VAT category and rate of a stored invoice line: its one tax rate (S), or none (Z when
/// the seller is VAT registered, else O). EN 16931 gives a line one VAT rate only.
QPair<QString, Decimal> lineTax(const QJsonObject &line, const EInvoiceParty &seller, int position)
{
    const QJsonArray taxes = line.value(QStringLiteral("tax_amounts")).toArray();
    if (taxes.size() > 1)
        throw ServiceError::invalid(QStringLiteral("line %1 (\"%2\") carries %3 tax rates; an EN 16931 e-invoice allows one VAT rate per line")
                                        .arg(position + 1)
                                        .arg(str(line, "name"))
                                        .arg(taxes.size()));
    if (taxes.size() == 1) {
        const Decimal percent = dec(taxes.first().toObject(), "tax_rate_percentage");
        return {percent.isZero() ? QStringLiteral("Z") : QStringLiteral("S"), percent.normalized()};
    }
    return {seller.vatId.isEmpty() ? QStringLiteral("O") : QStringLiteral("Z"), Decimal(0)};
}

/// Price and base quantity so that quantity × price / base is exactly the line's subtotal:
/// the unit price when it divides exactly, else the subtotal per the whole quantity.
void priceLine(EInvoiceLine &l, const Decimal &subtotal)
{
    if (l.quantity.isZero()) {
        // A fee at zero usage (a first tier's flat fee): one unit at that fee.
        l.quantity = Decimal(1);
        l.price = subtotal.abs();
        if (subtotal.isNegative())
            l.quantity = Decimal(-1);
        return;
    }
    if (subtotal.isNegative() != l.quantity.isNegative())
        l.quantity = -l.quantity; // the net price is never negative (BR-27); the sign goes to the quantity
    const Decimal q = l.quantity.abs();
    const Decimal unit = subtotal.abs().divide(q, 12).normalized();
    if (unit * q == subtotal.abs()) {
        l.price = unit;
    } else {
        l.price = subtotal.abs();
        l.baseQuantity = q.normalized();
    }
}

void requireEn16931(const Currency &c, const QString &what)
{
    if (c.minorUnits() > 2)
        throw ServiceError::invalid(QStringLiteral("%1 is in %2, which has %3 minor digits; EN 16931 amounts have at most two decimals (BR-DEC)")
                                        .arg(what, c.code())
                                        .arg(c.minorUnits()));
}

} // namespace

QString EInvoice::amount(const Decimal &value) const
{
    return value.rounded(minorUnits).toString();
}

EInvoice EInvoice::fromInvoice(const Invoice &inv, const Customer &customer, const CompanySettings &company)
{
    const QString what = QStringLiteral("invoice %1").arg(inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber);
    if (inv.status == InvoiceStatus::Draft || inv.invoiceNumber.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1 is a draft; only issued invoices are e-invoices").arg(what));
    if (inv.status == InvoiceStatus::Void)
        throw ServiceError::invalid(QStringLiteral("%1 is void: it is not payable, so it is no e-invoice").arg(what));
    const Currency currency = Currency::require(inv.currency);
    requireEn16931(currency, what);
    EInvoice e;
    e.type = Type::Invoice;
    e.number = inv.invoiceNumber;
    e.issueDate = inv.invoiceDate;
    e.dueDate = inv.dueDate;
    e.currency = currency.code();
    e.minorUnits = currency.minorUnits();
    e.buyerReference = customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId;
    e.paymentTerms = inv.netTerms > 0 ? QStringLiteral("Net %1 days").arg(inv.netTerms) : QStringLiteral("Due on receipt");
    e.note = inv.memo;
    if (inv.periodStart.isValid()) {
        e.periodStart = inv.periodStart;
        e.periodEnd = inv.periodEnd.addDays(-1);
    }
    e.seller = sellerOf(company);
    e.buyer = buyerOf(customer);

    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    QMap<QPair<QString, QString>, EInvoiceTax> byRate; // (category, percent) → breakdown
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject l = lines.at(i).toObject();
        EInvoiceLine line;
        line.id = QString::number(i + 1);
        line.name = str(l, "name");
        line.quantity = dec(l, "quantity");
        const Decimal subtotal = dec(l, "subtotal");
        priceLine(line, subtotal);
        for (const QJsonValue &av : l.value(QStringLiteral("adjustments")).toArray()) {
            const QJsonObject a = av.toObject();
            const Decimal amount = dec(a, "amount");
            if (!amount.isZero())
                line.allowances.append({amount.isPositive(), amount.abs(), adjustmentReason(str(a, "adjustment_type"))});
        }
        if (!dec(l, "coupon_discount").isZero())
            line.allowances.append({false, dec(l, "coupon_discount").abs(), QStringLiteral("Coupon")});
        // Prepaid credits are drawn inside the line before tax (Orb's calculation pipeline), so
        // they lower the line's net amount like an allowance does; older invoices carry none.
        if (!dec(l, "credits_applied").isZero())
            line.allowances.append({false, dec(l, "credits_applied").abs(), QStringLiteral("Prepaid credits")});
        line.netAmount = dec(l, "amount");
        const QDate start = QDate::fromString(str(l, "start_date"), Qt::ISODate);
        const QDate end = QDate::fromString(str(l, "end_date"), Qt::ISODate);
        if (start.isValid() && end.isValid()) {
            line.periodStart = start;
            line.periodEnd = end > start ? end.addDays(-1) : end;
        }
        const auto [category, percent] = lineTax(l, e.seller, i);
        line.taxCategory = category;
        line.taxPercent = percent;
        EInvoiceTax &t = byRate[{category, percent.toCanonicalString()}];
        t.category = category;
        t.percent = percent;
        t.taxable += line.netAmount;
        t.amount += dec(l, "tax_total");
        if (category == QLatin1String("O"))
            t.exemptionReason = QStringLiteral("Not subject to VAT");
        e.lineTotal += line.netAmount;
        e.lines.append(line);
    }
    // The invoice's own tax per rate is what the PDF shows; it replaces the sum of the lines'.
    for (const QJsonValue &tv : inv.document.value(QStringLiteral("tax_amounts")).toArray()) {
        const QJsonObject t = tv.toObject();
        const Decimal percent = dec(t, "tax_rate_percentage").normalized();
        const auto key = qMakePair(percent.isZero() ? QStringLiteral("Z") : QStringLiteral("S"), percent.toCanonicalString());
        if (byRate.contains(key))
            byRate[key].amount = dec(t, "amount");
    }
    e.taxes = byRate.values();
    e.taxTotal = inv.taxTotal;
    e.taxExclusive = e.lineTotal;
    e.taxInclusive = inv.total;
    const Decimal due = inv.amountRemaining();
    e.prepaid = inv.total - due;
    e.payable = due;
    return e;
}

EInvoice EInvoice::fromCreditNote(const CreditNote &note, const Invoice &inv, const Customer &customer, const CompanySettings &company, QDate issuedOn)
{
    const QString what = QStringLiteral("credit note %1").arg(note.number);
    const Currency currency = Currency::require(note.currency);
    requireEn16931(currency, what);
    EInvoice e;
    e.type = Type::CreditNote;
    e.number = note.number;
    e.issueDate = issuedOn;
    e.currency = currency.code();
    e.minorUnits = currency.minorUnits();
    e.buyerReference = customer.externalCustomerId.isEmpty() ? customer.id : customer.externalCustomerId;
    e.note = note.reason;
    e.precedingNumber = inv.invoiceNumber;
    e.precedingDate = inv.invoiceDate;
    e.seller = sellerOf(company);
    e.buyer = buyerOf(customer);
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    QMap<QPair<QString, QString>, EInvoiceTax> byRate;
    int n = 0;
    for (const CreditNoteLine &cl : note.lines) {
        const QJsonObject l =
            cl.invoiceLinePosition >= 0 && cl.invoiceLinePosition < lines.size() ? lines.at(cl.invoiceLinePosition).toObject() : QJsonObject();
        EInvoiceLine line;
        line.id = QString::number(++n);
        line.name = l.isEmpty() ? QStringLiteral("Line %1").arg(cl.invoiceLinePosition + 1) : str(l, "name");
        line.quantity = Decimal(1);
        line.netAmount = cl.amount - cl.tax;
        priceLine(line, line.netAmount);
        const auto [category, percent] = lineTax(l, e.seller, cl.invoiceLinePosition);
        line.taxCategory = category;
        line.taxPercent = percent;
        EInvoiceTax &t = byRate[{category, percent.toCanonicalString()}];
        t.category = category;
        t.percent = percent;
        t.taxable += line.netAmount;
        t.amount += cl.tax;
        if (category == QLatin1String("O"))
            t.exemptionReason = QStringLiteral("Not subject to VAT");
        e.lineTotal += line.netAmount;
        e.lines.append(line);
    }
    e.taxes = byRate.values();
    e.taxTotal = note.taxTotal;
    e.taxExclusive = e.lineTotal;
    e.taxInclusive = note.total;
    e.prepaid = Decimal(0);
    e.payable = note.total;
    return e;
}

FieldErrors EInvoice::check() const
{
    FieldErrors errors;
    auto rule = [&](bool holds, const char *id, const QString &message) {
        if (!holds)
            errors.append({QString::fromLatin1(id), message});
    };
    rule(!number.isEmpty(), "BR-02", QStringLiteral("an invoice number is required"));
    rule(issueDate.isValid(), "BR-03", QStringLiteral("an issue date is required"));
    rule(!currency.isEmpty(), "BR-05", QStringLiteral("a currency is required"));
    rule(!seller.name.isEmpty(), "BR-06", QStringLiteral("the seller's name is required"));
    rule(!buyer.name.isEmpty(), "BR-07", QStringLiteral("the buyer's name is required (customer name)"));
    rule(!seller.country.isEmpty(), "BR-09", QStringLiteral("the seller's country is required (orbctl company update --country)"));
    rule(!buyer.country.isEmpty(), "BR-11", QStringLiteral("the buyer's country is required (the customer's billing country)"));
    rule(!lines.isEmpty(), "BR-16", QStringLiteral("at least one line is required"));
    rule(minorUnits <= 2, "BR-DEC-01", QStringLiteral("amounts have at most two decimals; %1 has %2").arg(currency).arg(minorUnits));
    Decimal sum(0);
    for (const EInvoiceLine &l : lines) {
        const QString where = QStringLiteral("line %1").arg(l.id);
        rule(!l.name.isEmpty(), "BR-25", where + QStringLiteral(": an item name is required"));
        rule(!l.price.isNegative(), "BR-27", where + QStringLiteral(": the net price must not be negative"));
        rule(!l.taxCategory.isEmpty(), "BR-CO-04", where + QStringLiteral(": a VAT category is required"));
        Decimal expected = l.baseQuantity.isZero() ? l.quantity * l.price : l.quantity * l.price.divide(l.baseQuantity, 20);
        for (const EInvoiceAllowance &a : l.allowances) {
            rule(!a.reason.isEmpty(), "BR-41", where + QStringLiteral(": an allowance or charge needs a reason"));
            expected += a.charge ? a.amount : -a.amount;
        }
        rule(expected.rounded(minorUnits) == l.netAmount.rounded(minorUnits), "BR-LIN",
             where + QStringLiteral(": quantity × price − allowances + charges is %1, not the line amount %2").arg(amount(expected), amount(l.netAmount)));
        sum += l.netAmount;
    }
    rule(sum == lineTotal, "BR-CO-10", QStringLiteral("the sum of the line amounts is %1, not %2").arg(amount(sum), amount(lineTotal)));
    rule(taxExclusive == lineTotal - allowanceTotal + chargeTotal, "BR-CO-13",
         QStringLiteral("the total without VAT %1 is not the lines less allowances plus charges").arg(amount(taxExclusive)));
    Decimal taxSum(0);
    for (const EInvoiceTax &t : taxes) {
        const QString where = QStringLiteral("VAT %1 %2%").arg(t.category, t.percent.toCanonicalString());
        taxSum += t.amount;
        Decimal taxable(0);
        for (const EInvoiceLine &l : lines)
            if (l.taxCategory == t.category && l.taxPercent == t.percent)
                taxable += l.netAmount;
        rule(taxable == t.taxable, "BR-S-08",
             where + QStringLiteral(": the taxable amount %1 is not the sum of its lines %2").arg(amount(t.taxable), amount(taxable)));
        // BR-CO-17: the tax is the taxable amount at the rate, within one unit (lines are taxed one by one).
        const Decimal computed = (t.taxable * t.percent).divide(Decimal(100), minorUnits);
        rule((t.amount - computed).abs() <= Decimal(1), "BR-CO-17",
             where + QStringLiteral(": the tax %1 is not %2 of %3").arg(amount(t.amount), t.percent.toCanonicalString() + QLatin1Char('%'), amount(t.taxable)));
        if (t.category != QLatin1String("S"))
            rule(t.amount.isZero(), "BR-Z-09", where + QStringLiteral(": a zero-rated or untaxed category has no tax"));
        if (t.category == QLatin1String("S"))
            rule(!seller.vatId.isEmpty() || !seller.taxRegistrationId.isEmpty(), "BR-S-02",
                 where + QStringLiteral(": the seller's VAT id or tax number is required (orbctl company update --tax-id)"));
        if (t.category == QLatin1String("Z"))
            rule(!seller.vatId.isEmpty(), "BR-Z-02", where + QStringLiteral(": the seller's VAT id is required"));
        if (t.category == QLatin1String("O"))
            rule(seller.vatId.isEmpty() && buyer.vatId.isEmpty(), "BR-O-02", where + QStringLiteral(": not subject to VAT, so no VAT ids"));
    }
    rule(taxSum == taxTotal, "BR-CO-14", QStringLiteral("the VAT total %1 is not the sum of the breakdown %2").arg(amount(taxTotal), amount(taxSum)));
    rule(taxInclusive == taxExclusive + taxTotal, "BR-CO-15",
         QStringLiteral("the total with VAT %1 is not %2 + %3").arg(amount(taxInclusive), amount(taxExclusive), amount(taxTotal)));
    rule(payable == taxInclusive - prepaid, "BR-CO-16",
         QStringLiteral("the amount due %1 is not the total %2 less %3 paid").arg(amount(payable), amount(taxInclusive), amount(prepaid)));
    if (type == Type::Invoice)
        rule(!payable.isPositive() || dueDate.isValid() || !paymentTerms.isEmpty(), "BR-CO-25", QStringLiteral("a due date or payment terms are required"));
    for (const Decimal *d : {&lineTotal, &taxExclusive, &taxTotal, &taxInclusive, &prepaid, &payable})
        rule(d->rounded(minorUnits) == *d, "BR-DEC", QStringLiteral("the total %1 has more decimals than %2").arg(d->toString(), currency));
    return errors;
}

} // namespace orb
