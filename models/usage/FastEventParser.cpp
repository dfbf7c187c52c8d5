// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/FastEventParser.h"

#include "models/usage/UsageKeyHash.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace orb {

namespace {

inline bool isWs(char c)
{
    // JsonReader::skipWhitespace's set.
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// A string token of the simple kind: printable ASCII, no escapes. On success `p` is after the
/// closing quote and [b, e) the contents.
inline bool simpleString(const char *&p, const char *end, const char *&b, const char *&e)
{
    if (p >= end || *p != '"')
        return false;
    ++p;
    b = p;
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            e = p;
            ++p;
            return true;
        }
        if (c < 0x20 || c >= 0x7F || c == '\\')
            return false;
        ++p;
    }
    return false;
}

inline int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = p[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (QDate's calendar).
inline qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

inline bool validDate(int y, int m, int d)
{
    static constexpr int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= dim[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// A JSON number of the simple kind: -?(0|[1-9][0-9]*)(\.[0-9]+)? with at most 18 digits in
/// all, exact in a Decimal (38 digits) and stored as written, as the reference parser stores it.
inline bool simpleNumber(const char *&p, const char *end)
{
    const char *s = p;
    if (p < end && *p == '-')
        ++p;
    if (p >= end || *p < '0' || *p > '9')
        return false;
    qsizetype digits = 0;
    if (*p == '0') {
        ++p;
        ++digits;
    } else {
        const char *d = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        digits += p - d;
    }
    if (p < end && *p == '.') {
        ++p;
        const char *d = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        if (p == d)
            return false;
        digits += p - d;
    }
    if (digits > 18)
        return false;
    // Anything that would continue a number (an exponent, a leading zero's digits) is for the
    // reference parser.
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
        return false;
    return p > s;
}

struct Prop {
    const char *nameB, *nameE; // name bytes
    const char *valB, *valE;   // value bytes as they go into the canonical form
    bool quoted;
};

inline bool lessName(const Prop &a, const Prop &b)
{
    const size_t la = size_t(a.nameE - a.nameB), lb = size_t(b.nameE - b.nameB);
    const int c = std::memcmp(a.nameB, b.nameB, std::min(la, lb));
    return c < 0 || (c == 0 && la < lb);
}

inline bool sameName(const Prop &a, const Prop &b)
{
    return a.nameE - a.nameB == b.nameE - b.nameB && std::memcmp(a.nameB, b.nameB, size_t(a.nameE - a.nameB)) == 0;
}

inline bool notBlank(const char *b, const char *e)
{
    // Printable ASCII only here, where QChar::isSpace is just ' '.
    for (const char *p = b; p < e; ++p)
        if (*p != ' ')
            return true;
    return false;
}

inline bool keyIs(const char *b, const char *e, const char *lit, size_t n)
{
    return size_t(e - b) == n && std::memcmp(b, lit, n) == 0;
}

} // namespace

bool FastEventParser::parseTimestampMs(QByteArrayView text, qint64 &ms)
{
    const char *s = text.data();
    const qsizetype n = text.size();
    if (n < 20)
        return false;
    const int year = digits(s, 4), month = digits(s + 5, 2), day = digits(s + 8, 2);
    const int hour = digits(s + 11, 2), minute = digits(s + 14, 2), second = digits(s + 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return false;
    if (s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
        return false;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return false;
    qsizetype pos = 19;
    int millis = 0;
    if (pos < n && s[pos] == '.') {
        ++pos;
        int count = 0;
        while (pos < n && s[pos] >= '0' && s[pos] <= '9') {
            if (count < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++count;
            ++pos;
        }
        if (count == 0 || count > 9)
            return false;
        for (int i = count; i < 3; ++i)
            millis *= 10;
    }
    if (pos >= n)
        return false;
    int offsetSeconds = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        if (pos + 2 > n)
            return false;
        const int oh = digits(s + pos, 2);
        if (oh < 0)
            return false;
        pos += 2;
        if (pos < n && s[pos] == ':')
            ++pos;
        if (pos + 2 > n)
            return false;
        const int om = digits(s + pos, 2);
        if (om < 0 || oh > 23 || om > 59)
            return false;
        pos += 2;
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return false;
    }
    if (pos != n)
        return false;
    if (!validDate(year, month, day))
        return false;
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    const qint64 secs = daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    ms = secs * 1000 + millis;
    return true;
}

bool FastEventParser::parse(QByteArrayView line, UsageEventRow &row)
{
    const char *p = line.data();
    const char *end = p + line.size();
    while (p < end && isWs(*p))
        ++p;
    if (p >= end || *p != '{')
        return false;
    ++p;

    const char *name[2] = {}, *key[2] = {}, *cust[2] = {}, *ext[2] = {};
    bool haveTs = false, haveProps = false;
    qint64 tsMs = 0;
    std::array<Prop, 16> props;
    int nprops = 0;

    while (p < end && isWs(*p))
        ++p;
    if (p < end && *p == '}')
        return false; // an empty object: the reference reports what is missing
    for (;;) {
        const char *kb, *ke;
        if (!simpleString(p, end, kb, ke))
            return false;
        while (p < end && isWs(*p))
            ++p;
        if (p >= end || *p != ':')
            return false;
        ++p;
        while (p < end && isWs(*p))
            ++p;
        const char *vb, *ve;
        const char **slot = nullptr;
        if (keyIs(kb, ke, "event_name", 10))
            slot = name;
        else if (keyIs(kb, ke, "idempotency_key", 15))
            slot = key;
        else if (keyIs(kb, ke, "customer_id", 11))
            slot = cust;
        else if (keyIs(kb, ke, "external_customer_id", 20))
            slot = ext;
        if (slot) {
            if (slot[0] || !simpleString(p, end, vb, ve) || !notBlank(vb, ve))
                return false;
            slot[0] = vb;
            slot[1] = ve;
        } else if (keyIs(kb, ke, "timestamp", 9)) {
            if (haveTs || !simpleString(p, end, vb, ve) || !parseTimestampMs(QByteArrayView(vb, ve - vb), tsMs))
                return false;
            haveTs = true;
        } else if (keyIs(kb, ke, "properties", 10)) {
            if (haveProps || p >= end || *p != '{')
                return false;
            haveProps = true;
            ++p;
            while (p < end && isWs(*p))
                ++p;
            if (p < end && *p == '}') {
                ++p;
            } else {
                for (;;) {
                    if (nprops == int(props.size()))
                        return false;
                    Prop &pr = props[size_t(nprops++)];
                    if (!simpleString(p, end, pr.nameB, pr.nameE))
                        return false;
                    while (p < end && isWs(*p))
                        ++p;
                    if (p >= end || *p != ':')
                        return false;
                    ++p;
                    while (p < end && isWs(*p))
                        ++p;
                    if (p >= end)
                        return false;
                    if (*p == '"') {
                        if (!simpleString(p, end, pr.valB, pr.valE))
                            return false;
                        pr.quoted = true;
                    } else if (*p == 't' && end - p >= 4 && std::memcmp(p, "true", 4) == 0) {
                        pr.valB = p;
                        pr.valE = p += 4;
                        pr.quoted = false;
                    } else if (*p == 'f' && end - p >= 5 && std::memcmp(p, "false", 5) == 0) {
                        pr.valB = p;
                        pr.valE = p += 5;
                        pr.quoted = false;
                    } else if (*p == 'n' && end - p >= 4 && std::memcmp(p, "null", 4) == 0) {
                        pr.valB = p;
                        pr.valE = p += 4;
                        pr.quoted = false;
                    } else {
                        pr.valB = p;
                        if (!simpleNumber(p, end))
                            return false;
                        pr.valE = p;
                        pr.quoted = false;
                    }
                    while (p < end && isWs(*p))
                        ++p;
                    if (p >= end)
                        return false;
                    if (*p == '}') {
                        ++p;
                        break;
                    }
                    if (*p != ',')
                        return false;
                    ++p;
                    while (p < end && isWs(*p))
                        ++p;
                }
            }
        } else {
            return false; // unknown field: the reference reports it
        }
        while (p < end && isWs(*p))
            ++p;
        if (p >= end)
            return false;
        if (*p == '}') {
            ++p;
            break;
        }
        if (*p != ',')
            return false;
        ++p;
        while (p < end && isWs(*p))
            ++p;
    }
    while (p < end && isWs(*p))
        ++p;
    if (p != end)
        return false;
    if (!name[0] || !key[0] || !haveTs || (cust[0] != nullptr) == (ext[0] != nullptr))
        return false;

    // Properties in the canonical order, with unique names (duplicates are the reference's).
    Prop *pb = props.data(), *pe = pb + nprops;
    std::sort(pb, pe, lessName);
    for (Prop *q = pb; q + 1 < pe; ++q)
        if (sameName(q[0], q[1]))
            return false;

    row.idempotencyKey = QByteArray(key[0], key[1] - key[0]);
    row.keyHash = usageKeyHash(row.idempotencyKey);
    row.tsMs = tsMs;
    row.eventName = QByteArray(name[0], name[1] - name[0]);
    row.customerId = cust[0] ? QByteArray(cust[0], cust[1] - cust[0]) : QByteArray();
    row.externalCustomerId = ext[0] ? QByteArray(ext[0], ext[1] - ext[0]) : QByteArray();
    qsizetype size = 2;
    for (const Prop *q = pb; q < pe; ++q)
        size += (q->nameE - q->nameB) + (q->valE - q->valB) + 6;
    QByteArray &out = row.properties;
    out.clear();
    out.reserve(size);
    out.append('{');
    for (const Prop *q = pb; q < pe; ++q) {
        if (q != pb)
            out.append(',');
        out.append('"');
        out.append(q->nameB, q->nameE - q->nameB);
        out.append("\":", 2);
        if (q->quoted)
            out.append('"');
        out.append(q->valB, q->valE - q->valB);
        if (q->quoted)
            out.append('"');
    }
    out.append('}');
    return true;
}

} // namespace orb
