// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace orb {

__extension__ typedef __int128 Int128; ///< the coefficient type (GCC and Clang)

/// Raised for a malformed decimal string, an overflow or a division by zero.
class DecimalError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// How a value is rounded when digits are dropped.
enum class Rounding {
    HalfUp,   ///< ties away from zero (the default for money)
    HalfEven, ///< ties to the even digit (banker's rounding)
    Down,     ///< towards zero (truncate)
    Up,       ///< away from zero
    Floor,    ///< towards negative infinity
    Ceiling,  ///< towards positive infinity
};

/**
 * An exact decimal number: a signed integer coefficient of at most 38 digits and a scale
 * (digits after the point) from 0 to 38, the value being coefficient × 10^-scale.
 *
 * Addition, subtraction and multiplication are exact whenever the result fits in 38
 * significant digits and 38 decimal places; a result that needs more digits in its fraction is
 * rounded half-even once, to the largest number of places that fits (as Python's decimal does
 * with a 38-digit context). A result whose integer part needs more than 38 digits raises
 * DecimalError; nothing overflows silently. Division always names its precision.
 *
 * Like Python's decimal, the scale is kept: 2.50 + 1 is 3.50, 1.5 × 2.0 is 3.00. Comparison is
 * numeric (1.0 == 1.00).
 */
class Decimal final
{
public:
    static constexpr int MaxDigits = 38;
    static constexpr int MaxScale = 38;

    constexpr Decimal() = default;
    Decimal(int value);       // NOLINT(google-explicit-constructor): integers convert exactly
    Decimal(long value);      // NOLINT(google-explicit-constructor)
    Decimal(long long value); // NOLINT(google-explicit-constructor)
    Decimal(unsigned value);  // NOLINT(google-explicit-constructor)

    /// Parses "-12.3400", "+5", ".5", "0.00002". No exponent, no grouping, no spaces.
    /// Throws DecimalError naming the problem.
    static Decimal parse(QStringView text);
    static Decimal parse(const char *latin1) { return parse(QString::fromLatin1(latin1)); }
    /// As parse(), but returns nothing (and the reason in *error) instead of throwing.
    static std::optional<Decimal> tryParse(QStringView text, QString *error = nullptr);
    /// coefficient × 10^-scale.
    static Decimal fromCoefficient(Int128 coefficient, int scale);
    /// Minor units of a currency with the given number of decimals (cents → dollars).
    static Decimal fromMinorUnits(qint64 units, int decimals) { return fromCoefficient(units, decimals); }

    /// Plain notation, never an exponent; keeps the scale ("1250.50").
    QString toString() const;
    /// Plain notation without trailing fractional zeros ("1250.5", "3").
    QString toCanonicalString() const;
    /// The same value with trailing fractional zeros removed.
    Decimal normalized() const;

    int scale() const { return m_scale; }
    Int128 coefficient() const { return m_coefficient; }
    int signum() const { return m_coefficient > 0 ? 1 : (m_coefficient < 0 ? -1 : 0); }
    bool isZero() const { return m_coefficient == 0; }
    bool isNegative() const { return m_coefficient < 0; }
    bool isPositive() const { return m_coefficient > 0; }
    bool isInteger() const;
    /// Number of significant digits of the coefficient (1 for zero).
    int digits() const;

    Decimal operator-() const;
    Decimal abs() const;
    Decimal operator+(const Decimal &other) const;
    Decimal operator-(const Decimal &other) const;
    Decimal operator*(const Decimal &other) const;
    Decimal &operator+=(const Decimal &other) { return *this = *this + other; }
    Decimal &operator-=(const Decimal &other) { return *this = *this - other; }
    Decimal &operator*=(const Decimal &other) { return *this = *this * other; }

    /// this ÷ divisor rounded to `scale` decimal places. Throws on a zero divisor.
    Decimal divide(const Decimal &divisor, int scale, Rounding rounding = Rounding::HalfUp) const;
    /// Rounded (or padded with zeros) to exactly `places` decimal places.
    Decimal rounded(int places, Rounding rounding = Rounding::HalfUp) const;
    /// Smallest integer not less than this value.
    Decimal ceil() const { return rounded(0, Rounding::Ceiling); }
    /// Largest integer not greater than this value.
    Decimal floor() const { return rounded(0, Rounding::Floor); }
    /// The integer value; throws when the value is not an integer or does not fit.
    qint64 toInt64() const;
    /// this × 10^-scale as an integer of minor units; throws if digits would be lost.
    qint64 toMinorUnits(int decimals) const;

    /// Three-way numeric comparison: -1, 0 or 1.
    int compare(const Decimal &other) const;
    bool operator==(const Decimal &o) const { return compare(o) == 0; }
    bool operator!=(const Decimal &o) const { return compare(o) != 0; }
    bool operator<(const Decimal &o) const { return compare(o) < 0; }
    bool operator<=(const Decimal &o) const { return compare(o) <= 0; }
    bool operator>(const Decimal &o) const { return compare(o) > 0; }
    bool operator>=(const Decimal &o) const { return compare(o) >= 0; }

    static Decimal min(const Decimal &a, const Decimal &b) { return b < a ? b : a; }
    static Decimal max(const Decimal &a, const Decimal &b) { return a < b ? b : a; }

    /// Parses a rounding name ("half_up", "half_even", "down", "up", "floor", "ceiling").
    static std::optional<Rounding> roundingFromString(QStringView name);
    static QString roundingToString(Rounding rounding);

private:
    Int128 m_coefficient = 0;
    int m_scale = 0;
};

} // namespace orb

Q_DECLARE_METATYPE(orb::Decimal)
