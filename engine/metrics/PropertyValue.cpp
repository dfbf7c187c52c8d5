// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/PropertyValue.h"

namespace orb {

PropertyValue PropertyValue::fromString(const QString &text)
{
    PropertyValue v;
    v.m_type = Type::String;
    v.m_text = text;
    // Cheap rejection first: most strings (ids, regions) do not start like a number, and
    // tryParse would build an error message for each of them.
    if (!text.isEmpty()) {
        const QChar c = text.front();
        if (c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.'))
            v.m_decimal = Decimal::tryParse(text);
    }
    return v;
}

PropertyValue PropertyValue::fromNumberLiteral(const QString &literal)
{
    PropertyValue v;
    v.m_type = Type::Number;
    v.m_text = literal;
    v.m_decimal = numberLiteralToDecimal(literal);
    return v;
}

PropertyValue PropertyValue::fromBool(bool value)
{
    PropertyValue v;
    v.m_type = Type::Bool;
    v.m_text = value ? QStringLiteral("true") : QStringLiteral("false");
    return v;
}

std::optional<Decimal> PropertyValue::numberLiteralToDecimal(QStringView literal, QString *error)
{
    const qsizetype e = literal.indexOf(QLatin1Char('e'), 0, Qt::CaseInsensitive);
    if (e < 0)
        return Decimal::tryParse(literal, error);

    // Expand the exponent into plain notation, which is all Decimal reads. Exponents beyond
    // what 38 digits can express are refused before any string is built, so "1e999999999"
    // cannot make us allocate a gigabyte of zeros.
    QStringView mantissa = literal.left(e);
    const QStringView expText = literal.mid(e + 1);
    bool ok = false;
    const int exponent = expText.toInt(&ok);
    if (!ok || exponent > 2 * Decimal::MaxDigits || exponent < -2 * Decimal::MaxDigits - 2) {
        if (error)
            *error = QLatin1Char('"') + literal.left(48).toString() + QStringLiteral("\" has an exponent out of range");
        return std::nullopt;
    }
    bool negative = false;
    if (mantissa.startsWith(QLatin1Char('-'))) {
        negative = true;
        mantissa = mantissa.mid(1);
    }
    const qsizetype point = mantissa.indexOf(QLatin1Char('.'));
    QString digits = point < 0 ? mantissa.toString() : mantissa.left(point).toString() + mantissa.mid(point + 1);
    qsizetype intDigits = (point < 0 ? mantissa.size() : point) + exponent;
    if (intDigits <= 0) {
        digits = QString(-intDigits, QLatin1Char('0')) + digits;
        intDigits = 0;
    } else if (intDigits > digits.size()) {
        digits += QString(intDigits - digits.size(), QLatin1Char('0'));
    }
    QString plain = digits.left(intDigits);
    if (plain.isEmpty())
        plain = QStringLiteral("0");
    if (intDigits < digits.size())
        plain += QLatin1Char('.') + digits.mid(intDigits);
    if (negative)
        plain.prepend(QLatin1Char('-'));
    return Decimal::tryParse(plain, error);
}

QString PropertyValue::typeName(Type type)
{
    switch (type) {
    case Type::String: return QStringLiteral("string");
    case Type::Number: return QStringLiteral("number");
    case Type::Bool: return QStringLiteral("boolean");
    case Type::Null: return QStringLiteral("null");
    }
    return QString();
}

} // namespace orb
