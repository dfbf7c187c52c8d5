#include "models/usage/JsonLinesReader.h"

#include "engine/metrics/EventParser.h"

namespace orb {

JsonLinesReader::JsonLinesReader(const QString &path) : ImportReader(path)
{
    skipBom();
}

bool JsonLinesReader::next(ImportRecord &out)
{
    for (;;) {
        if (peekByte() < 0)
            return false;
        const qint64 line = m_line;
        m_row.clear();
        bool tooLong = false;
        int c;
        while ((c = getByte()) >= 0 && c != '\n') {
            if (m_row.size() < MaxRowBytes)
                m_row.append(char(c));
            else
                tooLong = true; // keep reading to the end of the line, but keep nothing
        }
        ++m_line;
        if (!m_row.isEmpty() && m_row.back() == '\r')
            m_row.chop(1);
        out.line = line;
        out.endOffset = offset();
        out.event.reset();
        out.error.clear();
        if (tooLong) {
            out.error = QStringLiteral("the line is longer than %1 bytes").arg(MaxRowBytes);
            return true;
        }
        if (m_row.trimmed().isEmpty())
            continue; // blank lines are not rows
        JsonParseError error;
        out.event = EventParser::parse(m_row, &error);
        if (!out.event)
            out.error = error.toString();
        return true;
    }
}

} // namespace orb
