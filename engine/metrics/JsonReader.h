// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/JsonParseError.h"
#include "engine/metrics/JsonValue.h"

#include <QByteArrayView>

#include <optional>

namespace orb {

/**
 * A strict RFC 8259 reader over UTF-8 bytes that keeps number literals as text.
 *
 * Strict on purpose, because its input comes from files and other programs: invalid UTF-8,
 * unescaped control characters, lone surrogates, trailing garbage, duplicate member names and
 * nesting deeper than MaxDepth are errors, never crashes or silent replacements. Errors carry
 * the byte offset and the dotted path of the field they occur in.
 */
class JsonReader final
{
public:
    /// Deeper documents are rejected: it bounds the recursion against hostile input.
    static constexpr int MaxDepth = 64;

    static std::optional<JsonValue> parse(QByteArrayView data, JsonParseError *error = nullptr);
    /// The value of a hexadecimal digit (for \\uXXXX escapes), -1 for any other byte.
    static int hexDigit(char c);

private:
    explicit JsonReader(QByteArrayView data);

    bool parseValue(JsonValue &out, int depth);
    bool parseObject(JsonValue &out, int depth);
    bool parseArray(JsonValue &out, int depth);
    bool parseString(QString &out);
    bool parseNumber(JsonValue &out);
    bool parseLiteral(const char *word, JsonValue &out, JsonValue value);
    void skipWhitespace();
    bool fail(qsizetype offset, const QString &message);
    /// Prepends a path segment to an error travelling up the recursion, so that the
    /// success path never pays for building paths.
    void prependPath(const QString &segment);
    qsizetype pos() const { return m_p - m_begin; }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    JsonParseError m_error;
};

} // namespace orb
