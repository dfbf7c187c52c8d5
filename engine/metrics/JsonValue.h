// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace orb {

/**
 * A JSON value that keeps every number as the literal text it was written with, so that an
 * amount such as 0.1 or 12345678901234567890.123 reaches Decimal without passing through a
 * double (QJsonDocument would round it). Objects keep their members in document order.
 */
class JsonValue final
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    JsonValue() = default;
    static JsonValue null(qsizetype offset = -1);
    static JsonValue boolean(bool value, qsizetype offset = -1);
    /// `literal` must be a JSON number literal ("-12.50", "1e3").
    static JsonValue number(const QString &literal, qsizetype offset = -1);
    static JsonValue string(const QString &text, qsizetype offset = -1);
    static JsonValue array(qsizetype offset = -1);
    static JsonValue object(qsizetype offset = -1);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    /// Scalars other than null.
    bool isScalar() const { return m_type == Type::Bool || m_type == Type::Number || m_type == Type::String; }

    /// A string's contents, a number's literal text, "true"/"false", or "null".
    const QString &text() const { return m_text; }
    bool toBool() const { return m_type == Type::Bool && m_text.size() == 4; }
    /// Byte offset of the value in the parsed document (-1 when built in code).
    qsizetype offset() const { return m_offset; }

    /// Elements of an array or member values of an object.
    qsizetype size() const { return static_cast<qsizetype>(m_items.size()); }
    const JsonValue &at(qsizetype index) const { return m_items[static_cast<size_t>(index)]; }
    /// Member names of an object, parallel to at().
    const QString &keyAt(qsizetype index) const { return m_keys[static_cast<size_t>(index)]; }
    /// An object's member, or nullptr.
    const JsonValue *find(QStringView key) const;

    /// Room for `count` elements or members, to avoid regrowing while parsing.
    void reserve(qsizetype count);
    void append(JsonValue value);
    void insert(const QString &key, JsonValue value);

    /// A human name of the type for messages ("an object", "a number").
    static QString typeName(Type type);

private:
    std::vector<QString> m_keys;
    std::vector<JsonValue> m_items;
    QString m_text = QStringLiteral("null");
    qsizetype m_offset = -1;
    Type m_type = Type::Null;
};

} // namespace orb
