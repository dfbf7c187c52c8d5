// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/JsonWriter.h"

namespace orb {

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    // Encodes UTF-16 to UTF-8 in the same loop as escaping, without an intermediate
    // QByteArray: this runs for every string of every event written or fingerprinted.
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out.append('"');
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            switch (c) {
            case u'"': out.append("\\\"", 2); break;
            case u'\\': out.append("\\\\", 2); break;
            case u'\n': out.append("\\n", 2); break;
            case u'\r': out.append("\\r", 2); break;
            case u'\t': out.append("\\t", 2); break;
            case u'\b': out.append("\\b", 2); break;
            case u'\f': out.append("\\f", 2); break;
            default:
                if (c < 0x20) {
                    out.append("\\u00", 4);
                    out.append(hex[c >> 4]);
                    out.append(hex[c & 0xF]);
                } else {
                    out.append(static_cast<char>(c));
                }
            }
            continue;
        }
        char32_t cp = c;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && text[i + 1].unicode() >= 0xDC00 && text[i + 1].unicode() <= 0xDFFF) {
            cp = 0x10000 + ((char32_t(c) - 0xD800) << 10) + (char32_t(text[i + 1].unicode()) - 0xDC00);
            ++i;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            cp = 0xFFFD; // a lone surrogate cannot be written as UTF-8
        }
        char buf[4];
        int len;
        if (cp < 0x800) {
            buf[0] = static_cast<char>(0xC0 | (cp >> 6));
            buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
            len = 2;
        } else if (cp < 0x10000) {
            buf[0] = static_cast<char>(0xE0 | (cp >> 12));
            buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
            len = 3;
        } else {
            buf[0] = static_cast<char>(0xF0 | (cp >> 18));
            buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
            len = 4;
        }
        out.append(buf, len);
    }
    out.append('"');
}

void JsonWriter::appendKey(QByteArray &out, QStringView key)
{
    appendString(out, key);
    out.append(':');
}

} // namespace orb
