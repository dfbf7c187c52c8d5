// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/PropertiesJson.h"

#include "engine/metrics/JsonReader.h"
#include "engine/metrics/JsonWriter.h"

#include <algorithm>
#include <cstring>

namespace orb {

QByteArray PropertiesJson::write(const QList<EventProperty> &properties)
{
    QByteArray out;
    out.reserve(2 + 24 * properties.size());
    Event::appendPropertiesJson(out, properties);
    return out;
}

namespace {

// Reads a JSON string starting after its opening quote; leaves i after the closing quote.
bool readString(QByteArrayView s, qsizetype &i, QString &out, QByteArray &scratch)
{
    const qsizetype start = i;
    while (i < s.size() && s[i] != '"' && s[i] != '\\')
        ++i;
    if (i < s.size() && s[i] == '"') { // no escapes: the common case
        out = QString::fromUtf8(s.data() + start, i - start);
        ++i;
        return true;
    }
    scratch.clear();
    scratch.append(s.data() + start, i - start);
    while (i < s.size()) {
        const char c = s[i++];
        if (c == '"') {
            out = QString::fromUtf8(scratch);
            return true;
        }
        if (c != '\\') {
            scratch.append(c);
            continue;
        }
        if (i >= s.size())
            return false;
        const char e = s[i++];
        switch (e) {
        case '"': scratch.append('"'); break;
        case '\\': scratch.append('\\'); break;
        case '/': scratch.append('/'); break;
        case 'b': scratch.append('\b'); break;
        case 'f': scratch.append('\f'); break;
        case 'n': scratch.append('\n'); break;
        case 'r': scratch.append('\r'); break;
        case 't': scratch.append('\t'); break;
        case 'u': {
            auto read4 = [&](char32_t &v) {
                if (i + 4 > s.size())
                    return false;
                v = 0;
                for (int k = 0; k < 4; ++k) {
                    const int h = JsonReader::hexDigit(s[i + k]);
                    if (h < 0)
                        return false;
                    v = v * 16 + char32_t(h);
                }
                i += 4;
                return true;
            };
            char32_t cp = 0;
            if (!read4(cp))
                return false;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                i += 2;
                char32_t lo = 0;
                if (!read4(lo))
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            scratch.append(QString::fromUcs4(&cp, 1).toUtf8());
            break;
        }
        default: return false;
        }
    }
    return false;
}

} // namespace

bool PropertiesJson::parse(QByteArrayView s, QList<EventProperty> &out, QHash<QByteArray, QString> *names)
{
    out.clear();
    QByteArray scratch;
    qsizetype i = 0;
    if (s.size() < 2 || s[0] != '{')
        return false;
    ++i;
    if (s[i] == '}')
        return true;
    while (i < s.size()) {
        if (s[i] != '"')
            return false;
        ++i;
        EventProperty p;
        // Names are interned: canonical names rarely need escapes, so look them up raw.
        const qsizetype nameStart = i;
        qsizetype j = i;
        while (j < s.size() && s[j] != '"' && s[j] != '\\')
            ++j;
        if (names && j < s.size() && s[j] == '"') {
            const QByteArray raw = s.sliced(nameStart, j - nameStart).toByteArray();
            auto it = names->find(raw);
            if (it == names->end())
                it = names->insert(raw, QString::fromUtf8(raw));
            p.name = it.value();
            i = j + 1;
        } else if (!readString(s, i, p.name, scratch)) {
            return false;
        }
        if (i >= s.size() || s[i] != ':')
            return false;
        ++i;
        if (i >= s.size())
            return false;
        const char c = s[i];
        if (c == '"') {
            ++i;
            QString text;
            if (!readString(s, i, text, scratch))
                return false;
            p.value = PropertyValue::fromString(text);
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (s.sliced(i).startsWith("true")) {
                p.value = PropertyValue::fromBool(true);
                i += 4;
            } else if (s.sliced(i).startsWith("false")) {
                p.value = PropertyValue::fromBool(false);
                i += 5;
            } else if (s.sliced(i).startsWith("null")) {
                i += 4;
            } else {
                return false;
            }
        } else {
            const qsizetype start = i;
            while (i < s.size() && s[i] != ',' && s[i] != '}')
                ++i;
            p.value = PropertyValue::fromNumberLiteral(QString::fromLatin1(s.data() + start, i - start));
        }
        out.append(std::move(p));
        if (i >= s.size())
            return false;
        if (s[i] == '}')
            return true;
        if (s[i] != ',')
            return false;
        ++i;
    }
    return false;
}

bool PropertiesJson::extract(QByteArrayView s, const Wanted &wanted, QList<EventProperty> &out)
{
    out.clear();
    const qsizetype n = s.size();
    const char *d = s.data();
    if (n < 2 || d[0] != '{')
        return false;
    qsizetype i = 1;
    if (d[i] == '}')
        return true;
    const char *prevName = nullptr;
    qsizetype prevLen = 0;
    while (i < n) {
        if (d[i] != '"')
            return false;
        const qsizetype nameStart = ++i;
        while (i < n && d[i] != '"') {
            // An escape or a non-ASCII name takes parse(): its order and decoding are subtler.
            if (d[i] == '\\' || (static_cast<unsigned char>(d[i]) & 0x80))
                return false;
            ++i;
        }
        if (i >= n)
            return false;
        const qsizetype nameLen = i - nameStart;
        const char *name = d + nameStart;
        // Lookups bisect the sorted list; a subset of an unsorted list could answer otherwise.
        if (prevName) {
            const int c = std::memcmp(prevName, name, size_t(std::min(prevLen, nameLen)));
            if (c > 0 || (c == 0 && prevLen >= nameLen))
                return false;
        }
        prevName = name;
        prevLen = nameLen;
        ++i;
        if (i >= n || d[i] != ':')
            return false;
        ++i;
        if (i >= n)
            return false;
        int match = -1;
        for (qsizetype w = 0; w < wanted.raw.size(); ++w) {
            const QByteArray &r = wanted.raw.at(w);
            if (r.size() == nameLen && std::memcmp(r.constData(), name, size_t(nameLen)) == 0) {
                match = int(w);
                break;
            }
        }
        const char c = d[i];
        if (c == '"') {
            const qsizetype start = ++i;
            while (i < n && d[i] != '"') {
                if (d[i] == '\\')
                    return false;
                ++i;
            }
            if (i >= n)
                return false;
            if (match >= 0)
                out.append(EventProperty{wanted.names.at(match), PropertyValue::fromString(QString::fromUtf8(d + start, i - start))});
            ++i;
        } else if (c == 't' || c == 'f' || c == 'n') {
            const QByteArrayView rest = s.sliced(i);
            PropertyValue v;
            if (rest.startsWith("true")) {
                v = PropertyValue::fromBool(true);
                i += 4;
            } else if (rest.startsWith("false")) {
                v = PropertyValue::fromBool(false);
                i += 5;
            } else if (rest.startsWith("null")) {
                i += 4;
            } else {
                return false;
            }
            if (match >= 0)
                out.append(EventProperty{wanted.names.at(match), v});
        } else if (c == '{' || c == '[' || c == '\\') {
            return false;
        } else {
            const qsizetype start = i;
            while (i < n && d[i] != ',' && d[i] != '}') {
                if (d[i] == '\\')
                    return false;
                ++i;
            }
            if (match >= 0)
                out.append(EventProperty{wanted.names.at(match), PropertyValue::fromNumberLiteral(QString::fromLatin1(d + start, i - start))});
        }
        if (i >= n)
            return false;
        if (d[i] == '}')
            return true;
        if (d[i] != ',')
            return false;
        ++i;
    }
    return false;
}

} // namespace orb
