// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Decimal.h"

#include <array>

namespace orb {

namespace {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

/// A 512-bit unsigned magnitude for intermediates: products of two 38-digit coefficients,
/// coefficients shifted by up to 76 places, and the numerators of divisions.
class Wide
{
public:
    static constexpr int Limbs = 8;

    Wide() { m_limb.fill(0); }
    explicit Wide(u128 v)
    {
        m_limb.fill(0);
        m_limb[0] = static_cast<u64>(v);
        m_limb[1] = static_cast<u64>(v >> 64);
    }

    bool isZero() const
    {
        for (u64 l : m_limb)
            if (l)
                return false;
        return true;
    }
    bool isOdd() const { return m_limb[0] & 1U; }

    /// True when the value fits in 128 bits.
    bool fits128() const
    {
        for (int i = 2; i < Limbs; ++i)
            if (m_limb[i])
                return false;
        return true;
    }
    u128 toU128() const { return (static_cast<u128>(m_limb[1]) << 64) | m_limb[0]; }

    int compare(const Wide &o) const
    {
        for (int i = Limbs - 1; i >= 0; --i) {
            if (m_limb[i] != o.m_limb[i])
                return m_limb[i] < o.m_limb[i] ? -1 : 1;
        }
        return 0;
    }

    /// Multiplies in place by a small factor; throws if 512 bits overflow.
    void mulSmall(u64 f)
    {
        u128 carry = 0;
        for (int i = 0; i < Limbs; ++i) {
            u128 t = static_cast<u128>(m_limb[i]) * f + carry;
            m_limb[i] = static_cast<u64>(t);
            carry = t >> 64;
        }
        if (carry)
            throw DecimalError("decimal overflow in an intermediate result");
    }

    void add(const Wide &o)
    {
        u128 carry = 0;
        for (int i = 0; i < Limbs; ++i) {
            u128 t = static_cast<u128>(m_limb[i]) + o.m_limb[i] + carry;
            m_limb[i] = static_cast<u64>(t);
            carry = t >> 64;
        }
        if (carry)
            throw DecimalError("decimal overflow in an intermediate result");
    }

    /// this -= o; requires this >= o.
    void sub(const Wide &o)
    {
        u64 borrow = 0;
        for (int i = 0; i < Limbs; ++i) {
            u128 t = static_cast<u128>(m_limb[i]) - o.m_limb[i] - borrow;
            m_limb[i] = static_cast<u64>(t);
            borrow = (t >> 64) ? 1 : 0;
        }
    }

    static Wide mul(const Wide &a, const Wide &b)
    {
        Wide r;
        for (int i = 0; i < Limbs; ++i) {
            if (!a.m_limb[i])
                continue;
            u128 carry = 0;
            for (int j = 0; i + j < Limbs; ++j) {
                u128 t = static_cast<u128>(a.m_limb[i]) * b.m_limb[j] + r.m_limb[i + j] + carry;
                r.m_limb[i + j] = static_cast<u64>(t);
                carry = t >> 64;
            }
            if (carry)
                throw DecimalError("decimal overflow in an intermediate result");
        }
        return r;
    }

    /// Divides in place by a small divisor, returning the remainder.
    u64 divSmall(u64 d)
    {
        u128 rem = 0;
        for (int i = Limbs - 1; i >= 0; --i) {
            u128 cur = (rem << 64) | m_limb[i];
            m_limb[i] = static_cast<u64>(cur / d);
            rem = cur % d;
        }
        return static_cast<u64>(rem);
    }

    int bitLength() const
    {
        for (int i = Limbs - 1; i >= 0; --i) {
            if (m_limb[i])
                return i * 64 + (64 - __builtin_clzll(m_limb[i]));
        }
        return 0;
    }
    bool bit(int n) const { return (m_limb[n / 64] >> (n % 64)) & 1U; }
    void shiftLeft1()
    {
        for (int i = Limbs - 1; i > 0; --i)
            m_limb[i] = (m_limb[i] << 1) | (m_limb[i - 1] >> 63);
        m_limb[0] <<= 1;
    }
    void setBit0() { m_limb[0] |= 1U; }
    void setBit(int n) { m_limb[n / 64] |= (u64(1) << (n % 64)); }

    /// Long division: quotient and remainder of n / d (d non-zero).
    static void divMod(const Wide &n, const Wide &d, Wide &q, Wide &r)
    {
        q = Wide();
        r = Wide();
        if (d.fits128() && (d.toU128() >> 64) == 0) {
            q = n;
            r = Wide(q.divSmall(static_cast<u64>(d.toU128())));
            return;
        }
        for (int i = n.bitLength() - 1; i >= 0; --i) {
            r.shiftLeft1();
            if (n.bit(i))
                r.setBit0();
            if (r.compare(d) >= 0) {
                r.sub(d);
                q.setBit(i);
            }
        }
    }

    /// Number of decimal digits (1 for zero).
    int decimalDigits() const
    {
        if (isZero())
            return 1;
        Wide t = *this;
        int digits = 0;
        // Strip 19 digits at a time while the value is large.
        while (!t.fits128() || (t.toU128() >> 64) != 0) {
            t.divSmall(10000000000000000000ULL);
            digits += 19;
        }
        u64 v = static_cast<u64>(t.toU128());
        while (v) {
            v /= 10;
            ++digits;
        }
        return digits;
    }

    static Wide pow10(int n)
    {
        Wide w(1);
        while (n >= 19) {
            w.mulSmall(10000000000000000000ULL);
            n -= 19;
        }
        static constexpr u64 small[] = {1ULL,
                                        10ULL,
                                        100ULL,
                                        1000ULL,
                                        10000ULL,
                                        100000ULL,
                                        1000000ULL,
                                        10000000ULL,
                                        100000000ULL,
                                        1000000000ULL,
                                        10000000000ULL,
                                        100000000000ULL,
                                        1000000000000ULL,
                                        10000000000000ULL,
                                        100000000000000ULL,
                                        1000000000000000ULL,
                                        10000000000000000ULL,
                                        100000000000000000ULL,
                                        1000000000000000000ULL};
        w.mulSmall(small[n]);
        return w;
    }

private:
    std::array<u64, Limbs> m_limb;
};

u128 magnitude(Int128 v)
{
    return v < 0 ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v);
}

/// Whether dropping remainder r of divisor d from quotient q must add one unit.
bool roundsAway(const Wide &q, const Wide &r, const Wide &d, Rounding mode, bool negative)
{
    if (r.isZero())
        return false;
    switch (mode) {
    case Rounding::Down: return false;
    case Rounding::Up: return true;
    case Rounding::Floor: return negative;
    case Rounding::Ceiling: return !negative;
    case Rounding::HalfUp:
    case Rounding::HalfEven: {
        Wide twice = r;
        twice.mulSmall(2);
        const int c = twice.compare(d);
        if (c != 0)
            return c > 0;
        return mode == Rounding::HalfUp || q.isOdd();
    }
    }
    return false;
}

/// Divides m by 10^drop with the rounding mode, in place.
void dropDigits(Wide &m, int drop, Rounding mode, bool negative)
{
    if (drop <= 0)
        return;
    if (drop > m.decimalDigits() + 1) {
        // Everything is dropped and the remainder is less than half a unit.
        const bool nonZero = !m.isZero();
        m = Wide();
        if (nonZero && (mode == Rounding::Up || (mode == Rounding::Floor && negative) || (mode == Rounding::Ceiling && !negative)))
            m = Wide(1);
        return;
    }
    const Wide d = Wide::pow10(drop);
    Wide q, r;
    Wide::divMod(m, d, q, r);
    if (roundsAway(q, r, d, mode, negative))
        q.add(Wide(1));
    m = q;
}

const Wide &maxCoefficient()
{
    static const Wide limit = Wide::pow10(Decimal::MaxDigits); // exclusive
    return limit;
}

/// Builds a Decimal from an exact magnitude and scale, rounding half-even once when it needs
/// more than 38 digits or 38 places, and throwing when the integer part is too large.
Decimal finish(bool negative, Wide m, int scale, Rounding mode = Rounding::HalfEven)
{
    const int digits = m.decimalDigits();
    int drop = std::max({digits - Decimal::MaxDigits, scale - Decimal::MaxScale, 0});
    if (drop > 0) {
        dropDigits(m, drop, mode, negative);
        scale -= drop;
        if (m.compare(maxCoefficient()) >= 0) { // 99.9 rounded up to 100.0
            m.divSmall(10);
            --scale;
        }
    }
    if (scale < 0 || m.compare(maxCoefficient()) >= 0)
        throw DecimalError("decimal overflow: the result has more than 38 integer digits");
    Int128 c = static_cast<Int128>(m.toU128());
    return Decimal::fromCoefficient(negative ? -c : c, scale);
}

QString u128ToString(u128 v)
{
    if (v == 0)
        return QStringLiteral("0");
    char buf[48];
    int pos = 47;
    buf[pos] = '\0';
    while (v) {
        buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    }
    return QString::fromLatin1(buf + pos);
}

} // namespace

Decimal::Decimal(int value) : m_coefficient(value) {}
Decimal::Decimal(long value) : m_coefficient(value) {}
Decimal::Decimal(long long value) : m_coefficient(value) {}
Decimal::Decimal(unsigned value) : m_coefficient(value) {}

Decimal Decimal::fromCoefficient(Int128 coefficient, int scale)
{
    if (scale < 0 || scale > MaxScale)
        throw DecimalError("decimal scale out of range");
    if (Wide(magnitude(coefficient)).compare(maxCoefficient()) >= 0)
        throw DecimalError("decimal overflow: more than 38 digits");
    Decimal d;
    d.m_coefficient = coefficient;
    d.m_scale = scale;
    return d;
}

std::optional<Decimal> Decimal::tryParse(QStringView text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Decimal> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // Built only for a message: numbers are parsed by the million (usage properties, amounts).
    const auto quotedText = [&]() -> QString {
        return QLatin1Char('"') + text.left(60).toString() + (text.size() > 60 ? QStringLiteral("…\"") : QStringLiteral("\""));
    };
    if (text.isEmpty())
        return fail(QStringLiteral("an empty string is not a decimal number"));
    qsizetype i = 0;
    bool negative = false;
    if (text[0] == QLatin1Char('+') || text[0] == QLatin1Char('-')) {
        negative = text[0] == QLatin1Char('-');
        ++i;
    }
    u128 coefficient = 0;
    int significant = 0;
    int scale = 0;
    bool seenPoint = false;
    bool seenDigit = false;
    for (; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (ch == QLatin1Char('.')) {
            if (seenPoint)
                return fail(quotedText() + QStringLiteral(" is not a decimal number (a second decimal point at position %1)").arg(i + 1));
            seenPoint = true;
            continue;
        }
        if (ch < QLatin1Char('0') || ch > QLatin1Char('9')) {
            if (ch == QLatin1Char('e') || ch == QLatin1Char('E'))
                return fail(quotedText() + QStringLiteral(" is not a plain decimal number (exponents are not accepted)"));
            return fail(quotedText() + QStringLiteral(" is not a decimal number (unexpected character '%1' at position %2)").arg(ch).arg(i + 1));
        }
        seenDigit = true;
        const int digit = ch.unicode() - '0';
        if (seenPoint)
            ++scale;
        if (coefficient != 0 || digit != 0)
            ++significant;
        if (significant > MaxDigits)
            return fail(quotedText() + QStringLiteral(" has more than %1 significant digits").arg(MaxDigits));
        coefficient = coefficient * 10 + static_cast<u128>(digit);
    }
    if (!seenDigit)
        return fail(quotedText() + QStringLiteral(" is not a decimal number (no digits)"));
    if (scale > MaxScale)
        return fail(quotedText() + QStringLiteral(" has more than %1 decimal places").arg(MaxScale));
    Decimal d;
    d.m_coefficient = negative ? -static_cast<Int128>(coefficient) : static_cast<Int128>(coefficient);
    d.m_scale = scale;
    return d;
}

Decimal Decimal::parse(QStringView text)
{
    QString error;
    auto d = tryParse(text, &error);
    if (!d)
        throw DecimalError(error.toStdString());
    return *d;
}

QString Decimal::toString() const
{
    QString digits = u128ToString(magnitude(m_coefficient));
    if (m_scale > 0) {
        if (digits.size() <= m_scale)
            digits = QString(m_scale - digits.size() + 1, QLatin1Char('0')) + digits;
        digits.insert(digits.size() - m_scale, QLatin1Char('.'));
    }
    if (m_coefficient < 0)
        digits.prepend(QLatin1Char('-'));
    return digits;
}

QString Decimal::toCanonicalString() const
{
    return normalized().toString();
}

Decimal Decimal::normalized() const
{
    Decimal d = *this;
    while (d.m_scale > 0 && d.m_coefficient % 10 == 0) {
        d.m_coefficient /= 10;
        --d.m_scale;
    }
    if (d.m_coefficient == 0)
        d.m_scale = 0;
    return d;
}

bool Decimal::isInteger() const
{
    return normalized().m_scale == 0;
}

int Decimal::digits() const
{
    return Wide(magnitude(m_coefficient)).decimalDigits();
}

Decimal Decimal::operator-() const
{
    Decimal d = *this;
    d.m_coefficient = -d.m_coefficient;
    return d;
}

Decimal Decimal::abs() const
{
    return m_coefficient < 0 ? -*this : *this;
}

Decimal Decimal::operator+(const Decimal &other) const
{
    // Fast path: same scale, no overflow of the 38-digit range.
    if (m_scale == other.m_scale) {
        Int128 sum = m_coefficient + other.m_coefficient; // |each| < 1e38, so no int128 overflow
        if (Wide(magnitude(sum)).compare(maxCoefficient()) < 0)
            return fromCoefficient(sum, m_scale);
    }
    const int scale = std::max(m_scale, other.m_scale);
    Wide a(magnitude(m_coefficient));
    Wide b(magnitude(other.m_coefficient));
    a = Wide::mul(a, Wide::pow10(scale - m_scale));
    b = Wide::mul(b, Wide::pow10(scale - other.m_scale));
    const bool negA = m_coefficient < 0;
    const bool negB = other.m_coefficient < 0;
    if (negA == negB) {
        a.add(b);
        return finish(negA, a, scale);
    }
    if (a.compare(b) >= 0) {
        a.sub(b);
        return finish(negA && !a.isZero(), a, scale);
    }
    b.sub(a);
    return finish(negB, b, scale);
}

Decimal Decimal::operator-(const Decimal &other) const
{
    return *this + (-other);
}

Decimal Decimal::operator*(const Decimal &other) const
{
    const bool negative = (m_coefficient < 0) != (other.m_coefficient < 0);
    const Wide product = Wide::mul(Wide(magnitude(m_coefficient)), Wide(magnitude(other.m_coefficient)));
    return finish(negative && !product.isZero(), product, m_scale + other.m_scale);
}

Decimal Decimal::divide(const Decimal &divisor, int scale, Rounding rounding) const
{
    if (divisor.isZero())
        throw DecimalError("division by zero");
    if (scale < 0 || scale > MaxScale)
        throw DecimalError("division precision must be 0 to 38 decimal places");
    const bool negative = (m_coefficient < 0) != (divisor.m_coefficient < 0);
    // q = round(ca × 10^(scale + sb - sa) / cb)
    const int k = scale + divisor.m_scale - m_scale;
    Wide n(magnitude(m_coefficient));
    Wide d(magnitude(divisor.m_coefficient));
    if (k >= 0)
        n = Wide::mul(n, Wide::pow10(k));
    else
        d = Wide::mul(d, Wide::pow10(-k));
    Wide q, r;
    Wide::divMod(n, d, q, r);
    if (roundsAway(q, r, d, rounding, negative))
        q.add(Wide(1));
    if (q.compare(maxCoefficient()) >= 0)
        throw DecimalError("decimal overflow: the quotient needs more than 38 digits at that precision");
    const Int128 c = static_cast<Int128>(q.toU128());
    return fromCoefficient(negative ? -c : c, scale);
}

Decimal Decimal::rounded(int places, Rounding rounding) const
{
    if (places < 0 || places > MaxScale)
        throw DecimalError("rounding precision must be 0 to 38 decimal places");
    if (places == m_scale)
        return *this;
    const bool negative = m_coefficient < 0;
    Wide m(magnitude(m_coefficient));
    if (places > m_scale) {
        m = Wide::mul(m, Wide::pow10(places - m_scale));
        if (m.compare(maxCoefficient()) >= 0)
            throw DecimalError("decimal overflow: too many digits at that precision");
    } else {
        dropDigits(m, m_scale - places, rounding, negative);
        if (m.compare(maxCoefficient()) >= 0)
            throw DecimalError("decimal overflow: too many digits at that precision");
    }
    const Int128 c = static_cast<Int128>(m.toU128());
    return fromCoefficient(negative ? -c : c, places);
}

qint64 Decimal::toInt64() const
{
    const Decimal n = normalized();
    if (n.m_scale != 0)
        throw DecimalError(QStringLiteral("%1 is not a whole number").arg(toString()).toStdString());
    if (n.m_coefficient > std::numeric_limits<qint64>::max() || n.m_coefficient < std::numeric_limits<qint64>::min())
        throw DecimalError(QStringLiteral("%1 is out of the 64-bit range").arg(toString()).toStdString());
    return static_cast<qint64>(n.m_coefficient);
}

qint64 Decimal::toMinorUnits(int decimals) const
{
    const Decimal r = rounded(decimals, Rounding::Down);
    if (r != *this)
        throw DecimalError(QStringLiteral("%1 has more than %2 decimal places").arg(toString()).arg(decimals).toStdString());
    if (r.m_coefficient > std::numeric_limits<qint64>::max() || r.m_coefficient < std::numeric_limits<qint64>::min())
        throw DecimalError(QStringLiteral("%1 is out of the 64-bit range").arg(toString()).toStdString());
    return static_cast<qint64>(r.m_coefficient);
}

int Decimal::compare(const Decimal &other) const
{
    const int sa = signum();
    const int sb = other.signum();
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    if (m_scale == other.m_scale)
        return m_coefficient < other.m_coefficient ? -1 : (m_coefficient > other.m_coefficient ? 1 : 0);
    const int scale = std::max(m_scale, other.m_scale);
    const Wide a = Wide::mul(Wide(magnitude(m_coefficient)), Wide::pow10(scale - m_scale));
    const Wide b = Wide::mul(Wide(magnitude(other.m_coefficient)), Wide::pow10(scale - other.m_scale));
    const int c = a.compare(b);
    return sa > 0 ? c : -c;
}

std::optional<Rounding> Decimal::roundingFromString(QStringView name)
{
    if (name == u"half_up")
        return Rounding::HalfUp;
    if (name == u"half_even")
        return Rounding::HalfEven;
    if (name == u"down")
        return Rounding::Down;
    if (name == u"up")
        return Rounding::Up;
    if (name == u"floor")
        return Rounding::Floor;
    if (name == u"ceiling")
        return Rounding::Ceiling;
    return std::nullopt;
}

QString Decimal::roundingToString(Rounding rounding)
{
    switch (rounding) {
    case Rounding::HalfUp: return QStringLiteral("half_up");
    case Rounding::HalfEven: return QStringLiteral("half_even");
    case Rounding::Down: return QStringLiteral("down");
    case Rounding::Up: return QStringLiteral("up");
    case Rounding::Floor: return QStringLiteral("floor");
    case Rounding::Ceiling: return QStringLiteral("ceiling");
    }
    return {};
}

} // namespace orb
