// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/FieldError.h"
#include "engine/metrics/JsonValue.h"
#include "engine/metrics/MetricFilter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace orb {

/// How a billable metric turns the matching events of a period into one quantity.
enum class Aggregation : quint8 {
    Count,       ///< number of matching events
    Sum,         ///< sum of the property
    Max,         ///< largest value of the property
    Min,         ///< smallest value of the property
    Average,     ///< arithmetic mean of the property (20 places, half-up)
    UniqueCount, ///< number of distinct values of the property
    Latest,      ///< value of the last event by timestamp (ties: the later fed event)
    WeightedSum, ///< time-weighted running total, as Lago's weighted_sum
};

/**
 * A billable metric: which events count (`event_name` and `filters`), which property is
 * aggregated and how, and the default grouping property. JSON form:
 *
 *   {"id": "...", "name": "...", "description": "...", "event_name": "api_call",
 *    "aggregation": "sum", "property": "tokens", "filters": {...}, "group_by": "region"}
 *
 * fromJson() reads numbers exactly (filter values) and reports every broken rule with a
 * JSON path; toJson() writes the same canonical form back, so fromJson(toJson()) == *this.
 */
class MetricDefinition final
{
public:
    MetricDefinition() = default;

    static std::optional<MetricDefinition> fromJson(QByteArrayView json, FieldErrors *errors);
    static std::optional<MetricDefinition> fromJsonValue(const JsonValue &json, FieldErrors *errors);
    QByteArray toJson() const;
    /// The rules fromJson() applies, for a definition built in code.
    FieldErrors validate() const;

    const QString &id() const { return m_id; }
    void setId(const QString &id) { m_id = id; }
    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    const QString &description() const { return m_description; }
    void setDescription(const QString &description) { m_description = description; }
    const QString &eventName() const { return m_eventName; }
    void setEventName(const QString &eventName) { m_eventName = eventName; }
    Aggregation aggregation() const { return m_aggregation; }
    void setAggregation(Aggregation aggregation) { m_aggregation = aggregation; }
    /// The aggregated property; empty for count.
    const QString &property() const { return m_property; }
    void setProperty(const QString &property) { m_property = property; }
    const std::optional<MetricFilter> &filter() const { return m_filter; }
    void setFilter(const std::optional<MetricFilter> &filter) { m_filter = filter; }
    /// The property usage is split by when the price names no grouping of its own.
    const QString &groupBy() const { return m_groupBy; }
    void setGroupBy(const QString &groupBy) { m_groupBy = groupBy; }

    static QString aggregationName(Aggregation aggregation);
    static std::optional<Aggregation> aggregationFromName(QStringView name);
    /// Every aggregation but count reads a property.
    static bool needsProperty(Aggregation aggregation) { return aggregation != Aggregation::Count; }

    bool operator==(const MetricDefinition &o) const;
    bool operator!=(const MetricDefinition &o) const { return !(*this == o); }

private:
    QString m_id;
    QString m_name;
    QString m_description;
    QString m_eventName;
    QString m_property;
    QString m_groupBy;
    std::optional<MetricFilter> m_filter;
    Aggregation m_aggregation = Aggregation::Count;
};

} // namespace orb
