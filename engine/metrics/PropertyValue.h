// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QString>

#include <optional>

namespace orb {

/**
 * One value of an event's flat `properties` object: a string, a number (kept as its literal
 * text, never a double), a boolean or null.
 *
 * The numeric reading is computed once, at construction, because aggregation asks for it for
 * every event of a period.
 */
class PropertyValue final
{
public:
    enum class Type : quint8 { String, Number, Bool, Null };

    PropertyValue() = default; ///< null
    static PropertyValue fromString(const QString &text);
    /// `literal` is a JSON number literal; an exponent ("1.5e3") is allowed.
    static PropertyValue fromNumberLiteral(const QString &literal);
    static PropertyValue fromBool(bool value);
    static PropertyValue null() { return PropertyValue(); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    /// A string's contents, a number's literal text, "true"/"false", or "" for null. This is
    /// also the value used for grouping and unique counts.
    const QString &text() const { return m_text; }
    /// The exact number of a Number, or of a String that is a plain decimal ("12.5", "-3");
    /// nothing for anything else, or for a number that does not fit in a Decimal.
    const std::optional<Decimal> &asDecimal() const { return m_decimal; }

    /// Same type and same text: "10" and "10.0" differ, as they do in the canonical form.
    bool operator==(const PropertyValue &other) const { return m_type == other.m_type && m_text == other.m_text; }
    bool operator!=(const PropertyValue &other) const { return !(*this == other); }

    /// Converts a JSON number literal to a Decimal, expanding an exponent; nothing when the
    /// value needs more than 38 digits or places (the reason goes to *error).
    static std::optional<Decimal> numberLiteralToDecimal(QStringView literal, QString *error = nullptr);

    static QString typeName(Type type);

private:
    QString m_text;
    std::optional<Decimal> m_decimal;
    Type m_type = Type::Null;
};

} // namespace orb
