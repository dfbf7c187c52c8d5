// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/MetricDefinition.h"

#include "engine/metrics/JsonReader.h"
#include "engine/metrics/JsonWriter.h"

namespace orb {

namespace {

const struct {
    const char16_t *name;
    Aggregation aggregation;
} kAggregations[] = {
    {u"count", Aggregation::Count},     {u"sum", Aggregation::Sum},
    {u"max", Aggregation::Max},         {u"min", Aggregation::Min},
    {u"average", Aggregation::Average}, {u"unique_count", Aggregation::UniqueCount},
    {u"latest", Aggregation::Latest},   {u"weighted_sum", Aggregation::WeightedSum},
};

} // namespace

QString MetricDefinition::aggregationName(Aggregation aggregation)
{
    for (const auto &entry : kAggregations) {
        if (entry.aggregation == aggregation)
            return QString::fromUtf16(entry.name);
    }
    return QString();
}

std::optional<Aggregation> MetricDefinition::aggregationFromName(QStringView name)
{
    for (const auto &entry : kAggregations) {
        if (name == QStringView(entry.name))
            return entry.aggregation;
    }
    return std::nullopt;
}

std::optional<MetricDefinition> MetricDefinition::fromJson(QByteArrayView json, FieldErrors *errors)
{
    JsonParseError syntax;
    const std::optional<JsonValue> doc = JsonReader::parse(json, &syntax);
    if (!doc) {
        if (errors) {
            const QString path = syntax.path.isEmpty() ? QStringLiteral("$") : QStringLiteral("$.") + syntax.path;
            errors->append(FieldError{path, syntax.message + QStringLiteral(" (at byte offset ") + QString::number(syntax.offset) + QLatin1Char(')')});
        }
        return std::nullopt;
    }
    return fromJsonValue(*doc, errors);
}

std::optional<MetricDefinition> MetricDefinition::fromJsonValue(const JsonValue &json, FieldErrors *errors)
{
    FieldErrors found;
    if (!json.isObject()) {
        found.append(FieldError{QStringLiteral("$"), QStringLiteral("a metric must be an object")});
        if (errors)
            errors->append(found);
        return std::nullopt;
    }
    MetricDefinition m;
    bool haveAggregation = false;
    bool aggregationInvalid = false;
    auto readString = [&](const QString &key, const JsonValue &v, QString &out, bool nullable) {
        if (nullable && v.isNull())
            return;
        if (!v.isString()) {
            found.append(FieldError{QStringLiteral("$.") + key, QStringLiteral("must be a string, not ") + JsonValue::typeName(v.type())});
            return;
        }
        out = v.text();
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QString &key = json.keyAt(i);
        const JsonValue &v = json.at(i);
        if (key == u"id") {
            readString(key, v, m.m_id, true);
        } else if (key == u"name") {
            readString(key, v, m.m_name, false);
        } else if (key == u"description") {
            readString(key, v, m.m_description, true);
        } else if (key == u"event_name") {
            readString(key, v, m.m_eventName, false);
        } else if (key == u"property") {
            readString(key, v, m.m_property, true);
        } else if (key == u"group_by") {
            readString(key, v, m.m_groupBy, true);
        } else if (key == u"aggregation") {
            std::optional<Aggregation> a;
            if (v.isString())
                a = aggregationFromName(v.text());
            if (a) {
                m.m_aggregation = *a;
                haveAggregation = true;
            } else {
                found.append(FieldError{QStringLiteral("$.aggregation"),
                                        QStringLiteral("must be one of count, sum, max, min, average, unique_count, latest, weighted_sum")});
                haveAggregation = true; // reported; do not also say it is missing
                aggregationInvalid = true;
            }
        } else if (key == u"filters") {
            if (!v.isNull()) {
                std::optional<MetricFilter> f = MetricFilter::fromJson(v, QStringLiteral("$.filters"), &found);
                if (f)
                    m.m_filter = std::move(*f);
            }
        } else {
            found.append(FieldError{QStringLiteral("$.") + key, QStringLiteral("unknown field")});
        }
    }
    if (!haveAggregation) {
        found.append(FieldError{QStringLiteral("$.aggregation"), QStringLiteral("is required")});
        aggregationInvalid = true;
    }
    // The remaining rules are shared with validate(); skip those already reported above.
    for (const FieldError &e : m.validate()) {
        bool duplicate = false;
        for (const FieldError &f : found)
            duplicate = duplicate || f.path == e.path;
        if (!duplicate && !(aggregationInvalid && e.path == u"$.property"))
            found.append(e);
    }
    if (!found.isEmpty()) {
        if (errors)
            errors->append(found);
        return std::nullopt;
    }
    return m;
}

FieldErrors MetricDefinition::validate() const
{
    FieldErrors errors;
    if (m_name.trimmed().isEmpty())
        errors.append(FieldError{QStringLiteral("$.name"), QStringLiteral("is required")});
    if (m_eventName.trimmed().isEmpty())
        errors.append(FieldError{QStringLiteral("$.event_name"), QStringLiteral("is required")});
    if (needsProperty(m_aggregation) && m_property.trimmed().isEmpty())
        errors.append(FieldError{QStringLiteral("$.property"), QStringLiteral("is required for ") + aggregationName(m_aggregation)});
    if (!needsProperty(m_aggregation) && !m_property.isEmpty())
        errors.append(FieldError{QStringLiteral("$.property"), QStringLiteral("count does not read a property")});
    return errors;
}

QByteArray MetricDefinition::toJson() const
{
    QByteArray out;
    out.append('{');
    auto member = [&](const char16_t *key, const QString &value) {
        if (out.size() > 1)
            out.append(',');
        JsonWriter::appendKey(out, key);
        JsonWriter::appendString(out, value);
    };
    if (!m_id.isEmpty())
        member(u"id", m_id);
    member(u"name", m_name);
    if (!m_description.isEmpty())
        member(u"description", m_description);
    member(u"event_name", m_eventName);
    member(u"aggregation", aggregationName(m_aggregation));
    if (!m_property.isEmpty())
        member(u"property", m_property);
    if (m_filter) {
        out.append(',');
        JsonWriter::appendKey(out, u"filters");
        m_filter->appendJson(out);
    }
    if (!m_groupBy.isEmpty())
        member(u"group_by", m_groupBy);
    out.append('}');
    return out;
}

bool MetricDefinition::operator==(const MetricDefinition &o) const
{
    return m_id == o.m_id && m_name == o.m_name && m_description == o.m_description && m_eventName == o.m_eventName && m_aggregation == o.m_aggregation
           && m_property == o.m_property && m_groupBy == o.m_groupBy && m_filter == o.m_filter;
}

} // namespace orb
