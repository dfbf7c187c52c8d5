// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/JsonLinesReader.h"

#include "engine/metrics/EventParser.h"
#include "models/usage/FastEventParser.h"

namespace orb {

namespace {

/// QByteArray::trimmed().isEmpty() without the copy (the same whitespace set).
bool blank(const QByteArray &s)
{
    for (const char c : s)
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'))
            return false;
    return true;
}

} // namespace

JsonLinesReader::JsonLinesReader(const QString &path) : ImportReader(path)
{
    skipBom();
}

bool JsonLinesReader::next(ImportRecord &out)
{
    for (;;) {
        const qint64 line = m_line;
        bool tooLong = false;
        if (!readLine(m_row, tooLong))
            return false;
        ++m_line;
        if (!m_row.isEmpty() && m_row.back() == '\r')
            m_row.chop(1);
        out.line = line;
        out.endOffset = offset();
        out.event.reset();
        out.error.clear();
        out.hasRow = false;
        if (tooLong) {
            out.error = QStringLiteral("the line is longer than %1 bytes").arg(MaxRowBytes);
            return true;
        }
        // The common simple line goes straight to the stored form; everything else (and every
        // rejection, with its message) through the reference parser.
        if (FastEventParser::parse(m_row, out.row)) {
            out.hasRow = true;
            return true;
        }
        if (blank(m_row))
            continue; // blank lines are not rows
        JsonParseError error;
        out.event = EventParser::parse(m_row, &error);
        if (!out.event)
            out.error = error.toString();
        return true;
    }
}

} // namespace orb
