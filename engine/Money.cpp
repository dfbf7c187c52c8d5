// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Money.h"

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
        throw CurrencyMismatch(QStringLiteral("cannot %1 %2 and %3 amounts")
                                   .arg(QLatin1String(op), m_currency.code(), o.m_currency.code())
                                   .toStdString());
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

QString Money::format(const QLocale &locale) const
{
    const Decimal shown = m_amount.rounded(std::max(m_currency.minorUnits(), m_amount.normalized().scale()));
    QString symbol = m_currency.code();
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == m_currency.code())
        symbol = locale.currencySymbol(QLocale::CurrencySymbol);
    // Let QLocale place the symbol ("$1", "1 €", "CHF 1"), then put the exact digits in.
    QString result = locale.toCurrencyString(qlonglong(1), symbol);
    result.replace(locale.toString(1), formatDecimal(shown.abs(), locale));
    if (shown.isNegative())
        result.prepend(locale.negativeSign());
    return result;
}

} // namespace orb
