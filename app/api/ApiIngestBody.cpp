// SPDX-License-Identifier: GPL-3.0-or-later
// The ingestion body's splitter: one pass that validates a body with exactly the acceptance of
// JsonReader and finds the bounds of its events, without building a JSON tree.
#include "app/api/ApiIngest.h"

#include "engine/metrics/JsonReader.h"

#include <cstddef>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace orb::api {

namespace {

/// Bytes that end a run of plain string content: '"', '\\', control characters, non-ASCII.
struct PlainTable {
    bool plain[256] = {};
    constexpr PlainTable()
    {
        for (int c = 0x20; c < 0x80; ++c)
            plain[c] = c != '"' && c != '\\';
    }
};
constexpr PlainTable kPlain;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Length of the valid UTF-8 sequence at p (2 to 4), 0 when invalid: the same rules as
/// JsonReader (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
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
            return 0;
        if (c == 0xED && p[1] >= 0xA0)
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;
        if (c == 0xF4 && p[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

/**
 * JsonReader's grammar, checked without building values. Every rule of JsonReader is mirrored
 * here (depth counted the same way, duplicate member names compared as decoded text), because
 * a body this scanner passes is taken event by event and must never be one the reader refuses;
 * tst_apiingestparser and fuzz_api_ingest compare the two on the corpus and on mutations.
 */
class Scanner
{
public:
    explicit Scanner(QByteArrayView body) : m_p(body.data()), m_end(body.data() + body.size()) {}

    IngestBodySplit run()
    {
        IngestBodySplit out;
        skipWhitespace();
        const bool rootIsObject = m_p < m_end && *m_p == '{';
        if (!scanValue(0)) {
            out.shape = IngestBodyShape::NotJson;
            return out;
        }
        skipWhitespace();
        if (m_p != m_end) {
            out.shape = IngestBodyShape::NotJson;
            return out;
        }
        const bool shaped = rootIsObject && m_rootMembers == 1 && m_sawEvents && m_allObjects;
        out.shape = shaped ? IngestBodyShape::Events : IngestBodyShape::OtherJson;
        if (shaped)
            out.events = std::move(m_events);
        return out;
    }

private:
    void skipWhitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool scanValue(int depth)
    {
        if (m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{': return scanObject(depth + 1);
        case '[': return scanArray(depth + 1, false);
        case '"': return scanString(nullptr);
        case 't': return literal("true", 4);
        case 'f': return literal("false", 5);
        case 'n': return literal("null", 4);
        default: return scanNumber();
        }
    }

    bool literal(const char *word, qsizetype len)
    {
        if (m_end - m_p < len || std::memcmp(m_p, word, size_t(len)) != 0)
            return false;
        m_p += len;
        return true;
    }

    bool scanNumber()
    {
        if (*m_p == '-')
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return false;
        if (*m_p == '0') {
            ++m_p;
            if (m_p < m_end && isDigit(*m_p))
                return false;
        } else {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p >= m_end || !isDigit(*m_p))
                return false;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || !isDigit(*m_p))
                return false;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        return true;
    }

    bool readHex4(int &unit)
    {
        if (m_end - m_p < 4)
            return false;
        unit = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = JsonReader::hexDigit(m_p[i]);
            if (h < 0)
                return false;
            unit = unit * 16 + h;
        }
        m_p += 4;
        return true;
    }

    /// A string at m_p (its opening quote). With decoded, its text as UTF-8 is appended there
    /// (only member names with escapes need it, for duplicate detection).
    bool scanString(std::string *decoded)
    {
        ++m_p;
        const auto *p = reinterpret_cast<const unsigned char *>(m_p);
        const auto *end = reinterpret_cast<const unsigned char *>(m_end);
        const unsigned char *run = p;
        auto flush = [&] {
            if (decoded)
                decoded->append(reinterpret_cast<const char *>(run), size_t(p - run));
        };
        for (;;) {
            while (p < end && kPlain.plain[*p])
                ++p;
            if (p >= end)
                return false;
            const unsigned char c = *p;
            if (c == '"') {
                if (m_hadEscape) // a name without escapes is compared as it stands
                    flush();
                m_p = reinterpret_cast<const char *>(p + 1);
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                flush();
                ++p;
                if (p >= end)
                    return false;
                const unsigned char e = *p++;
                char32_t cp = 0;
                switch (e) {
                case '"': cp = '"'; break;
                case '\\': cp = '\\'; break;
                case '/': cp = '/'; break;
                case 'b': cp = '\b'; break;
                case 'f': cp = '\f'; break;
                case 'n': cp = '\n'; break;
                case 'r': cp = '\r'; break;
                case 't': cp = '\t'; break;
                case 'u': {
                    m_p = reinterpret_cast<const char *>(p);
                    int unit = 0;
                    if (!readHex4(unit))
                        return false;
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                            return false;
                        m_p += 2;
                        int low = 0;
                        if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                            return false;
                        cp = 0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
                    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                        return false;
                    } else {
                        cp = char32_t(unit);
                    }
                    p = reinterpret_cast<const unsigned char *>(m_p);
                    break;
                }
                default: return false;
                }
                if (decoded)
                    appendUtf8(*decoded, cp);
                m_hadEscape = true;
                run = p;
                continue;
            }
            const int len = utf8SequenceLength(p, end);
            if (len == 0)
                return false;
            p += len;
        }
    }

    bool scanArray(int depth, bool events)
    {
        if (depth > JsonReader::MaxDepth)
            return false;
        ++m_p;
        skipWhitespace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            const char *start = m_p;
            if (!scanValue(depth))
                return false;
            if (events) {
                if (*start != '{')
                    m_allObjects = false;
                m_events.append(QByteArrayView(start, m_p - start));
            }
            skipWhitespace();
            if (m_p >= m_end)
                return false;
            if (*m_p == ',') {
                ++m_p;
                skipWhitespace();
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    bool scanObject(int depth)
    {
        if (depth > JsonReader::MaxDepth)
            return false;
        ++m_p;
        const size_t firstKey = m_keys.size();
        // The names of this object from the 17th on are looked up in a set, so that a hostile
        // object with many members cannot make duplicate detection quadratic (as JsonReader).
        std::unique_ptr<std::unordered_set<std::string_view>> many;
        struct Pop {
            std::vector<std::string_view> &keys;
            size_t to;
            ~Pop() { keys.resize(to); }
        } pop{m_keys, firstKey};
        skipWhitespace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (m_p >= m_end || *m_p != '"')
                return false;
            const char *nameStart = m_p + 1;
            m_hadEscape = false;
            m_scratch.clear();
            if (!scanString(&m_scratch))
                return false;
            std::string_view name(nameStart, size_t(m_p - 1 - nameStart));
            if (m_hadEscape) {
                m_decodedNames.push_back(m_scratch);
                name = m_decodedNames.back();
            }
            const size_t count = m_keys.size() - firstKey;
            if (count < 16) {
                for (size_t i = firstKey; i < m_keys.size(); ++i)
                    if (m_keys[i] == name)
                        return false;
            } else {
                if (!many) {
                    many = std::make_unique<std::unordered_set<std::string_view>>();
                    many->insert(m_keys.begin() + std::ptrdiff_t(firstKey), m_keys.end());
                }
                if (!many->insert(name).second)
                    return false;
            }
            m_keys.push_back(name);
            skipWhitespace();
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            skipWhitespace();
            if (depth == 1) {
                ++m_rootMembers;
                if (name == "events" && m_p < m_end && *m_p == '[') {
                    m_sawEvents = true;
                    if (!scanArray(depth + 1, true))
                        return false;
                } else if (!scanValue(depth)) {
                    return false;
                }
            } else if (!scanValue(depth)) {
                return false;
            }
            skipWhitespace();
            if (m_p >= m_end)
                return false;
            if (*m_p == ',') {
                ++m_p;
                skipWhitespace();
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    const char *m_p;
    const char *m_end;
    std::vector<std::string_view> m_keys;   ///< the member names of the objects open now
    std::deque<std::string> m_decodedNames; ///< names with escapes, decoded (stable addresses)
    std::string m_scratch;
    bool m_hadEscape = false;
    int m_rootMembers = 0;
    bool m_sawEvents = false;
    bool m_allObjects = true;
    QList<QByteArrayView> m_events;
};

} // namespace

IngestBodySplit splitIngestBody(QByteArrayView body)
{
    return Scanner(body).run();
}

} // namespace orb::api
