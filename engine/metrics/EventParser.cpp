// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/EventParser.h"

#include "engine/metrics/JsonReader.h"

#include <algorithm>

namespace orb {

namespace {

bool setError(JsonParseError *error, qsizetype offset, const QString &path, const QString &message)
{
    if (error) {
        error->offset = offset;
        error->path = path;
        error->message = message;
    }
    return false;
}

/// Reads `count` digits at `pos`; -1 when any is not a digit.
int readDigits(QStringView s, qsizetype pos, int count)
{
    if (pos + count > s.size())
        return -1;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = s[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c - u'0');
    }
    return v;
}

} // namespace

std::optional<QDateTime> EventParser::parseTimestamp(QStringView s)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM). Written by hand: Qt's ISO reader takes a
    // missing zone to mean local time, which would make an event's instant depend on the
    // machine that imports it.
    if (s.size() < 20)
        return std::nullopt;
    const int year = readDigits(s, 0, 4);
    const int month = readDigits(s, 5, 2);
    const int day = readDigits(s, 8, 2);
    const int hour = readDigits(s, 11, 2);
    const int minute = readDigits(s, 14, 2);
    const int second = readDigits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    if (s[4] != u'-' || s[7] != u'-' || s[13] != u':' || s[16] != u':')
        return std::nullopt;
    if (s[10] != u'T' && s[10] != u't' && s[10] != u' ')
        return std::nullopt;
    qsizetype pos = 19;
    int millis = 0;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            if (digits < 3)
                millis = millis * 10 + (s[pos].unicode() - u'0');
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 9)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }
    if (pos >= s.size())
        return std::nullopt; // no zone
    int offsetSeconds = 0;
    if (s[pos] == u'Z' || s[pos] == u'z') {
        ++pos;
    } else if (s[pos] == u'+' || s[pos] == u'-') {
        const int sign = s[pos] == u'-' ? -1 : 1;
        ++pos;
        const int oh = readDigits(s, pos, 2);
        if (oh < 0)
            return std::nullopt;
        pos += 2;
        if (pos < s.size() && s[pos] == u':')
            ++pos;
        const int om = readDigits(s, pos, 2);
        if (om < 0 || oh > 23 || om > 59)
            return std::nullopt;
        pos += 2;
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || year < 1)
        return std::nullopt;
    if (hour > 23 || minute > 59 || second > 59)
        return std::nullopt; // leap seconds are not representable
    QDateTime utc(date, QTime(hour, minute, second, millis), Qt::UTC);
    return utc.addSecs(-offsetSeconds);
}

std::optional<Event> EventParser::parse(QByteArrayView json, JsonParseError *error)
{
    JsonParseError syntax;
    const std::optional<JsonValue> doc = JsonReader::parse(json, &syntax);
    if (!doc) {
        if (error)
            *error = syntax;
        return std::nullopt;
    }
    return fromJsonValue(*doc, error);
}

std::optional<Event> EventParser::fromJsonValue(const JsonValue &object, JsonParseError *error)
{
    if (!object.isObject()) {
        setError(error, object.offset(), QString(), QStringLiteral("an event must be a JSON object, not ") + JsonValue::typeName(object.type()));
        return std::nullopt;
    }
    Event event;
    const JsonValue *customer = nullptr;
    const JsonValue *external = nullptr;
    bool haveName = false, haveTimestamp = false, haveKey = false;

    auto requireString = [&](const QString &key, const JsonValue &v, QString &out) {
        if (!v.isString())
            return setError(error, v.offset(), key, QStringLiteral("must be a string, not ") + JsonValue::typeName(v.type()));
        const QString &text = v.text();
        if (std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); }))
            return setError(error, v.offset(), key, QStringLiteral("must not be empty"));
        out = v.text();
        return true;
    };

    for (qsizetype i = 0; i < object.size(); ++i) {
        const QString &key = object.keyAt(i);
        const JsonValue &v = object.at(i);
        if (key == u"event_name") {
            if (!requireString(key, v, event.eventName))
                return std::nullopt;
            haveName = true;
        } else if (key == u"idempotency_key") {
            if (!requireString(key, v, event.idempotencyKey))
                return std::nullopt;
            haveKey = true;
        } else if (key == u"timestamp") {
            if (!v.isString()) {
                setError(error, v.offset(), key, QStringLiteral("must be a string, not ") + JsonValue::typeName(v.type()));
                return std::nullopt;
            }
            const std::optional<QDateTime> ts = parseTimestamp(v.text());
            if (!ts) {
                setError(error, v.offset(), key, QLatin1Char('"') + v.text().left(64) + QStringLiteral("\" is not an ISO 8601 timestamp with a zone"));
                return std::nullopt;
            }
            event.timestamp = *ts;
            haveTimestamp = true;
        } else if (key == u"customer_id") {
            if (!v.isNull()) {
                if (!requireString(key, v, event.customerId))
                    return std::nullopt;
                customer = &v;
            }
        } else if (key == u"external_customer_id") {
            if (!v.isNull()) {
                if (!requireString(key, v, event.externalCustomerId))
                    return std::nullopt;
                external = &v;
            }
        } else if (key == u"properties") {
            if (v.isNull())
                continue;
            if (!v.isObject()) {
                setError(error, v.offset(), key, QStringLiteral("must be an object, not ") + JsonValue::typeName(v.type()));
                return std::nullopt;
            }
            event.properties.reserve(v.size());
            for (qsizetype p = 0; p < v.size(); ++p) {
                const QString &name = v.keyAt(p);
                const JsonValue &pv = v.at(p);
                // Built only when needed: a path string per property would cost an allocation
                // for every property of every event on the import path.
                auto path = [&name]() -> QString { return QStringLiteral("properties.") + name; };
                PropertyValue value;
                switch (pv.type()) {
                case JsonValue::Type::Object: setError(error, pv.offset(), path(), QStringLiteral("nested objects are not allowed")); return std::nullopt;
                case JsonValue::Type::Array: setError(error, pv.offset(), path(), QStringLiteral("arrays are not allowed")); return std::nullopt;
                case JsonValue::Type::String: value = PropertyValue::fromString(pv.text()); break;
                case JsonValue::Type::Number: {
                    value = PropertyValue::fromNumberLiteral(pv.text());
                    if (!value.asDecimal()) {
                        // Refused rather than stored: a number that cannot be billed exactly
                        // would otherwise vanish silently from sums later.
                        QString why;
                        PropertyValue::numberLiteralToDecimal(pv.text(), &why);
                        setError(error, pv.offset(), path(), QStringLiteral("cannot be represented exactly: ") + why);
                        return std::nullopt;
                    }
                    break;
                }
                case JsonValue::Type::Bool: value = PropertyValue::fromBool(pv.toBool()); break;
                case JsonValue::Type::Null: break;
                }
                event.properties.append(EventProperty{name, value});
            }
            std::sort(event.properties.begin(), event.properties.end(), [](const EventProperty &a, const EventProperty &b) { return a.name < b.name; });
        } else {
            setError(error, v.offset(), key, QStringLiteral("unknown field"));
            return std::nullopt;
        }
    }

    const qsizetype end = object.offset();
    if (!haveName) {
        setError(error, end, QStringLiteral("event_name"), QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!haveTimestamp) {
        setError(error, end, QStringLiteral("timestamp"), QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!haveKey) {
        setError(error, end, QStringLiteral("idempotency_key"), QStringLiteral("is required"));
        return std::nullopt;
    }
    if (customer && external) {
        setError(error, external->offset(), QStringLiteral("external_customer_id"), QStringLiteral("give only one of customer_id and external_customer_id"));
        return std::nullopt;
    }
    if (!customer && !external) {
        setError(error, end, QStringLiteral("customer_id"), QStringLiteral("one of customer_id and external_customer_id is required"));
        return std::nullopt;
    }
    return event;
}

} // namespace orb
