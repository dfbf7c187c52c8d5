// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/Event.h"

#include "engine/metrics/JsonWriter.h"

#include <QCryptographicHash>

#include <algorithm>

namespace orb {

namespace {

/// "2026-03-01T10:00:00.000Z", written by hand: QDateTime::toString() is several times
/// slower and this runs once per event fingerprinted.
void appendTimestamp(QByteArray &out, const QDateTime &timestamp)
{
    const QDateTime t = timestamp.toUTC();
    const QDate d = t.date();
    const QTime tm = t.time();
    char buf[32];
    auto put = [&buf](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, d.year(), 4);
    buf[4] = '-';
    put(5, d.month(), 2);
    buf[7] = '-';
    put(8, d.day(), 2);
    buf[10] = 'T';
    put(11, tm.hour(), 2);
    buf[13] = ':';
    put(14, tm.minute(), 2);
    buf[16] = ':';
    put(17, tm.second(), 2);
    buf[19] = '.';
    put(20, tm.msec(), 3);
    buf[23] = 'Z';
    out.append('"');
    out.append(buf, 24);
    out.append('"');
}

struct NameLess {
    bool operator()(const EventProperty &p, QStringView name) const { return QStringView(p.name) < name; }
};

} // namespace

const PropertyValue *Event::property(QStringView name) const
{
    const auto it = std::lower_bound(properties.cbegin(), properties.cend(), name, NameLess());
    if (it != properties.cend() && it->name == name)
        return &it->value;
    return nullptr;
}

void Event::setProperty(const QString &name, const PropertyValue &value)
{
    const auto it = std::lower_bound(properties.begin(), properties.end(), QStringView(name), NameLess());
    if (it != properties.end() && it->name == name)
        it->value = value;
    else
        properties.insert(it, EventProperty{name, value});
}

void Event::appendPropertiesJson(QByteArray &out, const QList<EventProperty> &properties)
{
    out.append('{');
    bool first = true;
    for (const EventProperty &p : properties) {
        if (!first)
            out.append(',');
        first = false;
        JsonWriter::appendKey(out, p.name);
        switch (p.value.type()) {
        case PropertyValue::Type::String: JsonWriter::appendString(out, p.value.text()); break;
        case PropertyValue::Type::Number:
        case PropertyValue::Type::Bool:
            out.append(p.value.text().toLatin1()); // number literals and true/false are ASCII
            break;
        case PropertyValue::Type::Null: out.append("null", 4); break;
        }
    }
    out.append('}');
}

QByteArray Event::canonicalJson() const
{
    QByteArray out;
    out.reserve(160 + 32 * properties.size());
    // Fixed members in alphabetical order; properties are already sorted (UTF-16 order).
    out.append('{');
    if (!customerId.isEmpty()) {
        JsonWriter::appendKey(out, u"customer_id");
        JsonWriter::appendString(out, customerId);
        out.append(',');
    }
    JsonWriter::appendKey(out, u"event_name");
    JsonWriter::appendString(out, eventName);
    out.append(',');
    if (!externalCustomerId.isEmpty()) {
        JsonWriter::appendKey(out, u"external_customer_id");
        JsonWriter::appendString(out, externalCustomerId);
        out.append(',');
    }
    JsonWriter::appendKey(out, u"idempotency_key");
    JsonWriter::appendString(out, idempotencyKey);
    out.append(',');
    JsonWriter::appendKey(out, u"properties");
    appendPropertiesJson(out, properties);
    out.append(',');
    JsonWriter::appendKey(out, u"timestamp");
    appendTimestamp(out, timestamp);
    out.append('}');
    return out;
}

QByteArray Event::toJsonLine() const
{
    QByteArray line = canonicalJson();
    line.append('\n');
    return line;
}

QByteArray Event::fingerprint() const
{
    return QCryptographicHash::hash(canonicalJson(), QCryptographicHash::Sha256);
}

bool Event::operator==(const Event &o) const
{
    return eventName == o.eventName && timestamp == o.timestamp && idempotencyKey == o.idempotencyKey && customerId == o.customerId
           && externalCustomerId == o.externalCustomerId && properties == o.properties;
}

} // namespace orb
