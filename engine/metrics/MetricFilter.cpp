// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/MetricFilter.h"

#include "engine/metrics/JsonWriter.h"

namespace orb {

namespace {

bool equalValues(const PropertyValue &property, const PropertyValue &wanted)
{
    const std::optional<Decimal> &a = property.asDecimal();
    const std::optional<Decimal> &b = wanted.asDecimal();
    if (a && b)
        return *a == *b;
    return property.text() == wanted.text();
}

PropertyValue toPropertyValue(const JsonValue &v)
{
    switch (v.type()) {
    case JsonValue::Type::String: return PropertyValue::fromString(v.text());
    case JsonValue::Type::Number: return PropertyValue::fromNumberLiteral(v.text());
    case JsonValue::Type::Bool: return PropertyValue::fromBool(v.toBool());
    default: return PropertyValue();
    }
}

void appendValue(QByteArray &out, const PropertyValue &v)
{
    if (v.type() == PropertyValue::Type::String)
        JsonWriter::appendString(out, v.text());
    else
        out.append(v.text().toLatin1());
}

bool isNumeric(MetricFilter::Operator op)
{
    return op == MetricFilter::Operator::LessThan || op == MetricFilter::Operator::LessOrEqual || op == MetricFilter::Operator::GreaterThan
           || op == MetricFilter::Operator::GreaterOrEqual;
}

bool isList(MetricFilter::Operator op)
{
    return op == MetricFilter::Operator::In || op == MetricFilter::Operator::NotIn;
}

bool isPresence(MetricFilter::Operator op)
{
    return op == MetricFilter::Operator::Exists || op == MetricFilter::Operator::NotExists;
}

} // namespace

MetricFilter MetricFilter::condition(const QString &property, Operator op, const QList<PropertyValue> &values)
{
    MetricFilter f;
    f.m_kind = Kind::Condition;
    f.m_property = property;
    f.m_op = op;
    f.m_values = values;
    return f;
}

MetricFilter MetricFilter::allOf(std::vector<MetricFilter> children)
{
    MetricFilter f;
    f.m_kind = Kind::And;
    f.m_children = std::move(children);
    return f;
}

MetricFilter MetricFilter::anyOf(std::vector<MetricFilter> children)
{
    MetricFilter f;
    f.m_kind = Kind::Or;
    f.m_children = std::move(children);
    return f;
}

QString MetricFilter::operatorName(Operator op)
{
    switch (op) {
    case Operator::Equals: return QStringLiteral("equals");
    case Operator::NotEquals: return QStringLiteral("not_equals");
    case Operator::In: return QStringLiteral("in");
    case Operator::NotIn: return QStringLiteral("not_in");
    case Operator::LessThan: return QStringLiteral("less_than");
    case Operator::LessOrEqual: return QStringLiteral("less_than_or_equal");
    case Operator::GreaterThan: return QStringLiteral("greater_than");
    case Operator::GreaterOrEqual: return QStringLiteral("greater_than_or_equal");
    case Operator::Exists: return QStringLiteral("exists");
    case Operator::NotExists: return QStringLiteral("not_exists");
    }
    return QString();
}

std::optional<MetricFilter::Operator> MetricFilter::operatorFromName(QStringView name)
{
    static const struct {
        const char16_t *name;
        Operator op;
    } table[] = {
        {u"equals", Operator::Equals},
        {u"not_equals", Operator::NotEquals},
        {u"in", Operator::In},
        {u"not_in", Operator::NotIn},
        {u"less_than", Operator::LessThan},
        {u"less_than_or_equal", Operator::LessOrEqual},
        {u"greater_than", Operator::GreaterThan},
        {u"greater_than_or_equal", Operator::GreaterOrEqual},
        {u"exists", Operator::Exists},
        {u"not_exists", Operator::NotExists},
        {u"<", Operator::LessThan},
        {u"<=", Operator::LessOrEqual},
        {u">", Operator::GreaterThan},
        {u">=", Operator::GreaterOrEqual},
    };
    for (const auto &entry : table) {
        if (name == QStringView(entry.name))
            return entry.op;
    }
    return std::nullopt;
}

std::optional<MetricFilter> MetricFilter::fromJson(const JsonValue &json, const QString &path, FieldErrors *errors)
{
    auto error = [&](const QString &where, const QString &message) {
        if (errors)
            errors->append(FieldError{where, message});
    };
    if (!json.isObject()) {
        error(path, QStringLiteral("a filter must be an object, not ") + JsonValue::typeName(json.type()));
        return std::nullopt;
    }
    const JsonValue *andNode = json.find(u"and");
    const JsonValue *orNode = json.find(u"or");
    const JsonValue *propertyNode = json.find(u"property");
    const int forms = (andNode ? 1 : 0) + (orNode ? 1 : 0) + (propertyNode ? 1 : 0);
    if (forms != 1) {
        error(path, forms == 0 ? QStringLiteral("a filter needs \"and\", \"or\" or \"property\"")
                               : QStringLiteral("a filter takes only one of \"and\", \"or\" and \"property\""));
        return std::nullopt;
    }

    if (andNode || orNode) {
        const QString key = andNode ? QStringLiteral("and") : QStringLiteral("or");
        const JsonValue &list = andNode ? *andNode : *orNode;
        const QString listPath = path + QLatin1Char('.') + key;
        bool ok = true;
        for (qsizetype i = 0; i < json.size(); ++i) {
            if (json.keyAt(i) != key) {
                error(path + QLatin1Char('.') + json.keyAt(i), QStringLiteral("unknown field in an \"") + key + QStringLiteral("\" filter"));
                ok = false;
            }
        }
        if (!list.isArray()) {
            error(listPath, QStringLiteral("must be an array of filters"));
            return std::nullopt;
        }
        if (list.size() == 0) {
            error(listPath, QStringLiteral("needs at least one filter"));
            return std::nullopt;
        }
        std::vector<MetricFilter> children;
        children.reserve(static_cast<size_t>(list.size()));
        for (qsizetype i = 0; i < list.size(); ++i) {
            std::optional<MetricFilter> child = fromJson(list.at(i), listPath + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), errors);
            if (child)
                children.push_back(std::move(*child));
            else
                ok = false;
        }
        if (!ok)
            return std::nullopt;
        return andNode ? allOf(std::move(children)) : anyOf(std::move(children));
    }

    bool ok = true;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QString &k = json.keyAt(i);
        if (k != u"property" && k != u"operator" && k != u"value" && k != u"values") {
            error(path + QLatin1Char('.') + k, QStringLiteral("unknown field in a condition"));
            ok = false;
        }
    }
    if (!propertyNode->isString() || propertyNode->text().isEmpty()) {
        error(path + QStringLiteral(".property"), QStringLiteral("must be a non-empty string"));
        ok = false;
    }
    const JsonValue *opNode = json.find(u"operator");
    std::optional<Operator> op;
    if (!opNode) {
        error(path + QStringLiteral(".operator"), QStringLiteral("is required"));
    } else if (!opNode->isString() || !(op = operatorFromName(opNode->text()))) {
        error(path + QStringLiteral(".operator"), QStringLiteral("must be one of equals, not_equals, in, not_in, less_than, less_than_or_equal, "
                                                                 "greater_than, greater_than_or_equal, exists, not_exists"));
    }
    if (!op)
        return std::nullopt;

    const JsonValue *valueNode = json.find(u"value");
    const JsonValue *valuesNode = json.find(u"values");
    QList<PropertyValue> values;
    auto readScalar = [&](const JsonValue &v, const QString &where) {
        if (!v.isScalar()) {
            error(where, QStringLiteral("must be a string, number or boolean, not ") + JsonValue::typeName(v.type()));
            return false;
        }
        PropertyValue pv = toPropertyValue(v);
        if (v.isNumber() && !pv.asDecimal()) {
            error(where, QStringLiteral("the number cannot be represented exactly"));
            return false;
        }
        if (isNumeric(*op) && !pv.asDecimal()) {
            error(where, QStringLiteral("must be a number for ") + operatorName(*op));
            return false;
        }
        values.append(pv);
        return true;
    };

    if (isPresence(*op)) {
        if (valueNode || valuesNode) {
            error(path + (valueNode ? QStringLiteral(".value") : QStringLiteral(".values")), operatorName(*op) + QStringLiteral(" takes no value"));
            ok = false;
        }
    } else if (isList(*op)) {
        if (valueNode) {
            error(path + QStringLiteral(".value"), operatorName(*op) + QStringLiteral(" takes \"values\", an array"));
            ok = false;
        } else if (!valuesNode) {
            error(path + QStringLiteral(".values"), QStringLiteral("is required for ") + operatorName(*op));
            ok = false;
        } else if (!valuesNode->isArray() || valuesNode->size() == 0) {
            error(path + QStringLiteral(".values"), QStringLiteral("must be a non-empty array"));
            ok = false;
        } else {
            for (qsizetype i = 0; i < valuesNode->size(); ++i)
                ok = readScalar(valuesNode->at(i), path + QStringLiteral(".values[") + QString::number(i) + QLatin1Char(']')) && ok;
        }
    } else {
        if (valuesNode) {
            error(path + QStringLiteral(".values"), operatorName(*op) + QStringLiteral(" takes one \"value\""));
            ok = false;
        } else if (!valueNode) {
            error(path + QStringLiteral(".value"), QStringLiteral("is required for ") + operatorName(*op));
            ok = false;
        } else {
            ok = readScalar(*valueNode, path + QStringLiteral(".value")) && ok;
        }
    }
    if (!ok)
        return std::nullopt;
    return condition(propertyNode->text(), *op, values);
}

void MetricFilter::appendJson(QByteArray &out) const
{
    out.append('{');
    if (m_kind != Kind::Condition) {
        JsonWriter::appendKey(out, m_kind == Kind::And ? u"and" : u"or");
        out.append('[');
        for (size_t i = 0; i < m_children.size(); ++i) {
            if (i)
                out.append(',');
            m_children[i].appendJson(out);
        }
        out.append("]}", 2);
        return;
    }
    JsonWriter::appendKey(out, u"property");
    JsonWriter::appendString(out, m_property);
    out.append(',');
    JsonWriter::appendKey(out, u"operator");
    JsonWriter::appendString(out, operatorName(m_op));
    if (isList(m_op)) {
        out.append(',');
        JsonWriter::appendKey(out, u"values");
        out.append('[');
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            if (i)
                out.append(',');
            appendValue(out, m_values[i]);
        }
        out.append(']');
    } else if (!isPresence(m_op) && !m_values.isEmpty()) {
        out.append(',');
        JsonWriter::appendKey(out, u"value");
        appendValue(out, m_values.front());
    }
    out.append('}');
}

QByteArray MetricFilter::toJson() const
{
    QByteArray out;
    appendJson(out);
    return out;
}

bool MetricFilter::matches(const Event &event) const
{
    switch (m_kind) {
    case Kind::And:
        for (const MetricFilter &c : m_children) {
            if (!c.matches(event))
                return false;
        }
        return true;
    case Kind::Or:
        for (const MetricFilter &c : m_children) {
            if (c.matches(event))
                return true;
        }
        return false;
    case Kind::Condition: return conditionMatches(event.property(m_property));
    }
    return false;
}

bool MetricFilter::conditionMatches(const PropertyValue *value) const
{
    const bool present = value && !value->isNull();
    auto anyEqual = [&] {
        if (!present)
            return false;
        for (const PropertyValue &wanted : m_values) {
            if (equalValues(*value, wanted))
                return true;
        }
        return false;
    };
    auto compare = [&](auto predicate) {
        if (!present || m_values.isEmpty() || !value->asDecimal() || !m_values.front().asDecimal())
            return false;
        return predicate(value->asDecimal()->compare(*m_values.front().asDecimal()));
    };
    switch (m_op) {
    case Operator::Equals:
    case Operator::In: return anyEqual();
    case Operator::NotEquals:
    case Operator::NotIn: return !anyEqual();
    case Operator::LessThan: return compare([](int c) { return c < 0; });
    case Operator::LessOrEqual: return compare([](int c) { return c <= 0; });
    case Operator::GreaterThan: return compare([](int c) { return c > 0; });
    case Operator::GreaterOrEqual: return compare([](int c) { return c >= 0; });
    case Operator::Exists: return present;
    case Operator::NotExists: return !present;
    }
    return false;
}

bool MetricFilter::operator==(const MetricFilter &o) const
{
    return m_kind == o.m_kind && m_property == o.m_property && m_op == o.m_op && m_values == o.m_values && m_children == o.m_children;
}

} // namespace orb
