// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Money.h"

#include <QHash>

namespace orb {

Money Money::parse(QStringView amount, const Currency &currency)
{
    return Money(Decimal::parse(amount), currency);
}

Money Money::fromMinorUnits(qint64 units, const Currency &currency)
{
    return Money(Decimal::fromMinorUnits(units, currency.minorUnits()), currency);
}

Money Money::rounded(Rounding rounding) const
{
    return Money(m_amount.rounded(m_currency.minorUnits(), rounding), m_currency);
}

void Money::requireSameCurrency(const Money &o, const char *op) const
{
    if (m_currency != o.m_currency)
        throw CurrencyMismatch(QStringLiteral("cannot %1 %2 and %3 amounts").arg(QLatin1String(op), m_currency.code(), o.m_currency.code()).toStdString());
}

Money Money::operator+(const Money &o) const
{
    requireSameCurrency(o, "add");
    return Money(m_amount + o.m_amount, m_currency);
}

Money Money::operator-(const Money &o) const
{
    requireSameCurrency(o, "subtract");
    return Money(m_amount - o.m_amount, m_currency);
}

bool Money::operator<(const Money &o) const
{
    requireSameCurrency(o, "compare");
    return m_amount < o.m_amount;
}

QString Money::toDecimalString() const
{
    const int places = std::max(m_currency.minorUnits(), m_amount.normalized().scale());
    return m_amount.rounded(places).toString();
}

QString formatDecimal(const Decimal &value, const QLocale &locale)
{
    const QString plain = value.abs().toString();
    const qsizetype dot = plain.indexOf(QLatin1Char('.'));
    const QString intPart = dot < 0 ? plain : plain.left(dot);
    const QString fracPart = dot < 0 ? QString() : plain.mid(dot + 1);
    QString grouped;
    const QString group = (locale.numberOptions() & QLocale::OmitGroupSeparator) ? QString() : locale.groupSeparator();
    for (qsizetype i = 0; i < intPart.size(); ++i) {
        if (i > 0 && (intPart.size() - i) % 3 == 0)
            grouped += group;
        grouped += intPart[i];
    }
    QString out = grouped;
    if (!fracPart.isEmpty())
        out += locale.decimalPoint() + fracPart;
    if (value.isNegative())
        out.prepend(locale.negativeSign());
    return out;
}

namespace {

/// The symbol a locale uses for a currency that is not its own. QLocale only knows each
/// locale's own currency, so these are CLDR's symbols for the currencies an invoice commonly
/// carries (the same in English and German); any other currency is written by its ISO code.
QString foreignSymbol(const QString &code, const QLocale &locale)
{
    static const QHash<QString, QString> symbols{
        {QStringLiteral("EUR"), QStringLiteral("€")},   {QStringLiteral("GBP"), QStringLiteral("£")},   {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("CNY"), QStringLiteral("CN¥")}, {QStringLiteral("INR"), QStringLiteral("₹")},   {QStringLiteral("KRW"), QStringLiteral("₩")},
        {QStringLiteral("ILS"), QStringLiteral("₪")},   {QStringLiteral("VND"), QStringLiteral("₫")},   {QStringLiteral("CAD"), QStringLiteral("CA$")},
        {QStringLiteral("AUD"), QStringLiteral("A$")},  {QStringLiteral("NZD"), QStringLiteral("NZ$")}, {QStringLiteral("HKD"), QStringLiteral("HK$")},
        {QStringLiteral("MXN"), QStringLiteral("MX$")}, {QStringLiteral("BRL"), QStringLiteral("R$")},  {QStringLiteral("TWD"), QStringLiteral("NT$")},
    };
    if (code == QLatin1String("USD"))
        // "$" is the US dollar unless the locale's own currency is a dollar too (en_CA, en_AU).
        return locale.currencySymbol(QLocale::CurrencySymbol).contains(QLatin1Char('$')) ? QStringLiteral("US$") : QStringLiteral("$");
    return symbols.value(code, code);
}

} // namespace

QString Money::currencySymbol(const QString &code, const QLocale &locale)
{
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code)
        return locale.currencySymbol(QLocale::CurrencySymbol);
    return foreignSymbol(code, locale);
}

QString Money::format(const QLocale &locale) const
{
    const Decimal shown = m_amount.rounded(std::max(m_currency.minorUnits(), m_amount.normalized().scale()));
    const QString symbol = currencySymbol(m_currency.code(), locale);
    // Let QLocale place the symbol ("$1", "1 €"), then put the exact digits in.
    QString result = locale.toCurrencyString(qlonglong(1), symbol);
    const QString one = locale.toString(1);
    qsizetype at = result.indexOf(one);
    if (at < 0)
        return formatDecimal(m_amount, locale) + QLatin1Char(' ') + m_currency.code();
    // CLDR's currency spacing: a symbol that ends (or starts) in a letter next to the digits is
    // kept apart by a no-break space ("CHF 179.00", never "CHF179.00").
    const QChar nbsp(0x00A0);
    if (at > 0 && result.at(at - 1).isLetter())
        result.insert(at++, nbsp);
    if (at + one.size() < result.size() && result.at(at + one.size()).isLetter())
        result.insert(at + one.size(), nbsp);
    result.replace(at, one.size(), formatDecimal(shown.abs(), locale));
    if (shown.isNegative())
        result.prepend(locale.negativeSign());
    return result;
}

} // namespace orb
