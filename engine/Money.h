// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Currency.h"
#include "engine/Decimal.h"

#include <QLocale>

#include <stdexcept>

namespace orb {

/// Raised when amounts of two currencies meet in one operation.
class CurrencyMismatch : public std::logic_error
{
public:
    using std::logic_error::logic_error;
};

/**
 * An exact amount in a currency. The amount may carry more places than the currency's minor
 * unit (an unrounded subtotal); rounded() brings it to the minor unit at the points where the
 * billing rules say so.
 */
class Money final
{
public:
    Money() = default;
    Money(Decimal amount, Currency currency) : m_amount(amount), m_currency(std::move(currency)) {}

    static Money zero(const Currency &currency) { return Money(Decimal(0).rounded(currency.minorUnits()), currency); }
    /// Parses a decimal string in the given currency ("12.50", "USD"). Throws DecimalError.
    static Money parse(QStringView amount, const Currency &currency);
    static Money fromMinorUnits(qint64 units, const Currency &currency);

    const Decimal &amount() const { return m_amount; }
    const Currency &currency() const { return m_currency; }
    bool isZero() const { return m_amount.isZero(); }
    bool isNegative() const { return m_amount.isNegative(); }

    /// Rounded to the currency's minor unit (half-up unless told otherwise).
    Money rounded(Rounding rounding = Rounding::HalfUp) const;
    /// The amount in minor units; throws if it has more places than the currency allows.
    qint64 toMinorUnits() const { return m_amount.toMinorUnits(m_currency.minorUnits()); }

    Money operator+(const Money &o) const;
    Money operator-(const Money &o) const;
    Money operator-() const { return Money(-m_amount, m_currency); }
    Money operator*(const Decimal &factor) const { return Money(m_amount * factor, m_currency); }
    Money &operator+=(const Money &o) { return *this = *this + o; }
    Money &operator-=(const Money &o) { return *this = *this - o; }

    bool operator==(const Money &o) const { return m_currency == o.m_currency && m_amount == o.m_amount; }
    bool operator!=(const Money &o) const { return !(*this == o); }
    bool operator<(const Money &o) const;

    /// The API form: the amount as a decimal string at the currency's minor unit ("12.50").
    QString toDecimalString() const;
    /// For people: "$1,234.50", "1.234,50 €", "€3.00" or "CHF 179.00", per the locale.
    QString format(const QLocale &locale = QLocale()) const;
    /// The symbol `locale` writes for the currency `code`: its own symbol for the locale's own
    /// currency, the common symbol of a well-known one ("€", "£", "¥"), else the ISO code.
    static QString currencySymbol(const QString &code, const QLocale &locale);

private:
    void requireSameCurrency(const Money &o, const char *op) const;

    Decimal m_amount;
    Currency m_currency;
};

/// Formats a decimal with the locale's group and decimal separators, keeping every digit.
QString formatDecimal(const Decimal &value, const QLocale &locale = QLocale());

} // namespace orb
