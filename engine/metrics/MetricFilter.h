// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"
#include "engine/metrics/Event.h"
#include "engine/metrics/JsonValue.h"
#include "engine/metrics/PropertyValue.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace orb {

/**
 * A condition on event properties, or an and/or of nested conditions (see docs/METRICS.md).
 *
 *   {"property": "region", "operator": "in", "values": ["eu", "us"]}
 *   {"and": [{...}, {"or": [{...}, {...}]}]}
 *
 * Comparisons are numeric when both sides read as numbers (10 equals "10.0"), textual
 * otherwise. A missing or null property never equals anything, so `not_equals` and `not_in`
 * (their exact negations) let it through; `exists` / `not_exists` test presence.
 */
class MetricFilter final
{
public:
    enum class Kind : quint8 { Condition, And, Or };
    enum class Operator : quint8 {
        Equals,
        NotEquals,
        In,
        NotIn,
        LessThan,
        LessOrEqual,
        GreaterThan,
        GreaterOrEqual,
        Exists,
        NotExists,
    };

    MetricFilter() = default; ///< an `and` of nothing: matches every event
    static MetricFilter condition(const QString &property, Operator op, const QList<PropertyValue> &values = {});
    static MetricFilter allOf(std::vector<MetricFilter> children);
    static MetricFilter anyOf(std::vector<MetricFilter> children);

    /// Reads a filter node; errors carry JSON paths below `path` (e.g. "$.filters").
    static std::optional<MetricFilter> fromJson(const JsonValue &json, const QString &path, FieldErrors *errors);
    void appendJson(QByteArray &out) const;
    QByteArray toJson() const;

    bool matches(const Event &event) const;

    Kind kind() const { return m_kind; }
    const QString &property() const { return m_property; }
    Operator op() const { return m_op; }
    const QList<PropertyValue> &values() const { return m_values; }
    const std::vector<MetricFilter> &children() const { return m_children; }

    static QString operatorName(Operator op);
    /// Accepts the names and, for the numeric operators, the symbols "<", "<=", ">", ">=".
    static std::optional<Operator> operatorFromName(QStringView name);

    bool operator==(const MetricFilter &o) const;
    bool operator!=(const MetricFilter &o) const { return !(*this == o); }

private:
    bool conditionMatches(const PropertyValue *value) const;

    QString m_property;
    QList<PropertyValue> m_values;
    std::vector<MetricFilter> m_children;
    Kind m_kind = Kind::And;
    Operator m_op = Operator::Equals;
};

} // namespace orb
