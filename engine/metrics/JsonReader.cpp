// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/metrics/JsonReader.h"

#include <QSet>

#include <cstring>

namespace orb {

namespace {

QString describeByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return QStringLiteral("'") + QChar(QLatin1Char(c)) + QStringLiteral("'");
    return QStringLiteral("byte 0x") + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Length of the valid UTF-8 sequence at p (2 to 4), or 0 when it is invalid: overlong forms,
/// surrogates and code points above U+10FFFF are rejected as RFC 3629 requires.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; // overlong
        if (c == 0xED && p[1] >= 0xA0)
            return 0; // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

JsonReader::JsonReader(QByteArrayView data) : m_begin(data.data()), m_p(data.data()), m_end(data.data() + data.size()) {}

std::optional<JsonValue> JsonReader::parse(QByteArrayView data, JsonParseError *error)
{
    JsonReader reader(data);
    JsonValue value;
    reader.skipWhitespace();
    bool ok = reader.parseValue(value, 0);
    if (ok) {
        reader.skipWhitespace();
        if (reader.m_p != reader.m_end)
            ok = reader.fail(reader.pos(), QStringLiteral("unexpected ") + describeByte(*reader.m_p) + QStringLiteral(" after the end of the document"));
    }
    if (!ok) {
        if (error)
            *error = reader.m_error;
        return std::nullopt;
    }
    return value;
}

bool JsonReader::fail(qsizetype offset, const QString &message)
{
    m_error.offset = offset;
    m_error.path.clear();
    m_error.message = message;
    return false;
}

void JsonReader::prependPath(const QString &segment)
{
    if (m_error.path.isEmpty() || m_error.path.startsWith(QLatin1Char('[')))
        m_error.path = segment + m_error.path;
    else
        m_error.path = segment + QLatin1Char('.') + m_error.path;
}

void JsonReader::skipWhitespace()
{
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
        ++m_p;
}

bool JsonReader::parseValue(JsonValue &out, int depth)
{
    if (m_p >= m_end)
        return fail(pos(), QStringLiteral("unexpected end of input, a value was expected"));
    const char c = *m_p;
    switch (c) {
    case '{': return parseObject(out, depth + 1);
    case '[': return parseArray(out, depth + 1);
    case '"': {
        const qsizetype at = pos();
        QString s;
        if (!parseString(s))
            return false;
        out = JsonValue::string(s, at);
        return true;
    }
    case 't': return parseLiteral("true", out, JsonValue::boolean(true, pos()));
    case 'f': return parseLiteral("false", out, JsonValue::boolean(false, pos()));
    case 'n': return parseLiteral("null", out, JsonValue::null(pos()));
    default:
        if (c == '-' || isDigit(c))
            return parseNumber(out);
        if (static_cast<unsigned char>(c) == 0xEF && m_p == m_begin)
            return fail(pos(), QStringLiteral("a byte order mark is not allowed"));
        return fail(pos(), QStringLiteral("unexpected ") + describeByte(c) + QStringLiteral(", a value was expected"));
    }
}

bool JsonReader::parseLiteral(const char *word, JsonValue &out, JsonValue value)
{
    const auto len = static_cast<qsizetype>(std::strlen(word));
    if (m_end - m_p < len || std::memcmp(m_p, word, static_cast<size_t>(len)) != 0)
        return fail(pos(), QStringLiteral("invalid literal, expected ") + QLatin1String(word));
    m_p += len;
    out = std::move(value);
    return true;
}

bool JsonReader::parseNumber(JsonValue &out)
{
    const char *start = m_p;
    if (*m_p == '-')
        ++m_p;
    if (m_p >= m_end || !isDigit(*m_p))
        return fail(pos(), QStringLiteral("a digit was expected in the number"));
    if (*m_p == '0') {
        ++m_p;
        if (m_p < m_end && isDigit(*m_p))
            return fail(pos(), QStringLiteral("leading zeros are not allowed in a number"));
    } else {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(pos(), QStringLiteral("a digit was expected after the decimal point"));
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(pos(), QStringLiteral("a digit was expected in the exponent"));
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    out = JsonValue::number(QString::fromLatin1(start, m_p - start), start - m_begin);
    return true;
}

bool JsonReader::parseString(QString &out)
{
    ++m_p; // opening quote
    const char *runStart = m_p;
    bool escaped = false;
    QString built;
    auto flushRun = [&](const char *runEnd) {
        if (runEnd > runStart)
            built += QString::fromUtf8(runStart, runEnd - runStart);
    };
    while (true) {
        if (m_p >= m_end)
            return fail(pos(), QStringLiteral("unterminated string"));
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"')
            break;
        if (c < 0x20)
            return fail(pos(), QStringLiteral("control character ") + describeByte(*m_p) + QStringLiteral(" must be escaped in a string"));
        if (c < 0x80) {
            if (c != '\\') {
                ++m_p;
                continue;
            }
            escaped = true;
            flushRun(m_p);
            const qsizetype escAt = pos();
            ++m_p;
            if (m_p >= m_end)
                return fail(pos(), QStringLiteral("unterminated string"));
            const char e = *m_p++;
            switch (e) {
            case '"': built += QLatin1Char('"'); break;
            case '\\': built += QLatin1Char('\\'); break;
            case '/': built += QLatin1Char('/'); break;
            case 'b': built += QLatin1Char('\b'); break;
            case 'f': built += QLatin1Char('\f'); break;
            case 'n': built += QLatin1Char('\n'); break;
            case 'r': built += QLatin1Char('\r'); break;
            case 't': built += QLatin1Char('\t'); break;
            case 'u': {
                auto readHex4 = [&](int &unit) {
                    if (m_end - m_p < 4)
                        return false;
                    unit = 0;
                    for (int i = 0; i < 4; ++i) {
                        const int h = hexDigit(m_p[i]);
                        if (h < 0)
                            return false;
                        unit = unit * 16 + h;
                    }
                    m_p += 4;
                    return true;
                };
                int unit = 0;
                if (!readHex4(unit))
                    return fail(escAt, QStringLiteral("\\u must be followed by four hex digits"));
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    int low = 0;
                    if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                        return fail(escAt, QStringLiteral("a high surrogate escape must be followed by a low surrogate escape"));
                    m_p += 2;
                    if (!readHex4(low))
                        return fail(escAt, QStringLiteral("\\u must be followed by four hex digits"));
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(escAt, QStringLiteral("a high surrogate escape must be followed by a low surrogate escape"));
                    built += QChar(static_cast<char16_t>(unit));
                    built += QChar(static_cast<char16_t>(low));
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    return fail(escAt, QStringLiteral("a lone low surrogate escape is not allowed"));
                } else {
                    built += QChar(static_cast<char16_t>(unit));
                }
                break;
            }
            default: return fail(escAt, QStringLiteral("invalid escape \\") + QString::fromLatin1(&e, 1));
            }
            runStart = m_p;
            continue;
        }
        const int len = utf8SequenceLength(reinterpret_cast<const unsigned char *>(m_p), reinterpret_cast<const unsigned char *>(m_end));
        if (len == 0)
            return fail(pos(), QStringLiteral("invalid UTF-8 in a string"));
        m_p += len;
    }
    if (escaped) {
        flushRun(m_p);
        out = built;
    } else {
        out = QString::fromUtf8(runStart, m_p - runStart);
    }
    ++m_p; // closing quote
    return true;
}

bool JsonReader::parseArray(JsonValue &out, int depth)
{
    if (depth > MaxDepth)
        return fail(pos(), QStringLiteral("nesting deeper than %1 levels").arg(MaxDepth));
    out = JsonValue::array(pos());
    ++m_p;
    skipWhitespace();
    if (m_p < m_end && *m_p == ']') {
        ++m_p;
        return true;
    }
    for (qsizetype index = 0;; ++index) {
        JsonValue item;
        if (!parseValue(item, depth)) {
            prependPath(QLatin1Char('[') + QString::number(index) + QLatin1Char(']'));
            return false;
        }
        out.append(std::move(item));
        skipWhitespace();
        if (m_p >= m_end)
            return fail(pos(), QStringLiteral("unexpected end of input, ',' or ']' was expected"));
        if (*m_p == ',') {
            ++m_p;
            skipWhitespace();
            continue;
        }
        if (*m_p == ']') {
            ++m_p;
            return true;
        }
        return fail(pos(), QStringLiteral("unexpected ") + describeByte(*m_p) + QStringLiteral(", ',' or ']' was expected"));
    }
}

bool JsonReader::parseObject(JsonValue &out, int depth)
{
    if (depth > MaxDepth)
        return fail(pos(), QStringLiteral("nesting deeper than %1 levels").arg(MaxDepth));
    out = JsonValue::object(pos());
    ++m_p;
    // Events and metric definitions have a handful of members: one allocation instead of
    // growing 1, 2, 4, 8.
    out.reserve(8);
    QSet<QString> seen;
    skipWhitespace();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
        return true;
    }
    while (true) {
        if (m_p >= m_end)
            return fail(pos(), QStringLiteral("unexpected end of input, a member name was expected"));
        if (*m_p != '"')
            return fail(pos(), QStringLiteral("unexpected ") + describeByte(*m_p) + QStringLiteral(", a member name in double quotes was expected"));
        const qsizetype keyAt = pos();
        QString key;
        if (!parseString(key))
            return false;
        // Small objects are scanned; large ones switch to a set so that a hostile object with
        // many members cannot make duplicate detection quadratic.
        bool duplicate = false;
        if (out.size() < 16) {
            duplicate = out.find(key) != nullptr;
        } else {
            if (seen.isEmpty()) {
                for (qsizetype i = 0; i < out.size(); ++i)
                    seen.insert(out.keyAt(i));
            }
            duplicate = seen.contains(key);
            seen.insert(key);
        }
        if (duplicate)
            return fail(keyAt, QStringLiteral("duplicate key \"") + key + QLatin1Char('"'));
        skipWhitespace();
        if (m_p >= m_end || *m_p != ':')
            return fail(pos(), QStringLiteral("':' was expected after the member name \"") + key + QLatin1Char('"'));
        ++m_p;
        skipWhitespace();
        JsonValue value;
        if (!parseValue(value, depth)) {
            prependPath(key);
            return false;
        }
        out.insert(key, std::move(value));
        skipWhitespace();
        if (m_p >= m_end)
            return fail(pos(), QStringLiteral("unexpected end of input, ',' or '}' was expected"));
        if (*m_p == ',') {
            ++m_p;
            skipWhitespace();
            continue;
        }
        if (*m_p == '}') {
            ++m_p;
            return true;
        }
        return fail(pos(), QStringLiteral("unexpected ") + describeByte(*m_p) + QStringLiteral(", ',' or '}' was expected"));
    }
}

int JsonReader::hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace orb
