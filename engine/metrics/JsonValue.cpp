// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/JsonValue.h"

namespace orb {

JsonValue JsonValue::null(qsizetype offset)
{
    JsonValue v;
    v.m_offset = offset;
    return v;
}

JsonValue JsonValue::boolean(bool value, qsizetype offset)
{
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_text = value ? QStringLiteral("true") : QStringLiteral("false");
    v.m_offset = offset;
    return v;
}

JsonValue JsonValue::number(const QString &literal, qsizetype offset)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_text = literal;
    v.m_offset = offset;
    return v;
}

JsonValue JsonValue::string(const QString &text, qsizetype offset)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_text = text;
    v.m_offset = offset;
    return v;
}

JsonValue JsonValue::array(qsizetype offset)
{
    JsonValue v;
    v.m_type = Type::Array;
    v.m_text.clear();
    v.m_offset = offset;
    return v;
}

JsonValue JsonValue::object(qsizetype offset)
{
    JsonValue v;
    v.m_type = Type::Object;
    v.m_text.clear();
    v.m_offset = offset;
    return v;
}

const JsonValue *JsonValue::find(QStringView key) const
{
    // Objects here are small (an event, a metric definition): a linear scan beats hashing.
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i] == key)
            return &m_items[i];
    }
    return nullptr;
}

void JsonValue::reserve(qsizetype count)
{
    if (m_type == Type::Object)
        m_keys.reserve(static_cast<size_t>(count));
    m_items.reserve(static_cast<size_t>(count));
}

void JsonValue::append(JsonValue value)
{
    m_items.push_back(std::move(value));
}

void JsonValue::insert(const QString &key, JsonValue value)
{
    m_keys.push_back(key);
    m_items.push_back(std::move(value));
}

QString JsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null: return QStringLiteral("null");
    case Type::Bool: return QStringLiteral("a boolean");
    case Type::Number: return QStringLiteral("a number");
    case Type::String: return QStringLiteral("a string");
    case Type::Array: return QStringLiteral("an array");
    case Type::Object: return QStringLiteral("an object");
    }
    return QString();
}

} // namespace orb
