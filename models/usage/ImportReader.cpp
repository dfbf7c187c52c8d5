// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/ImportReader.h"

#include "models/StorageError.h"
#include "models/usage/CsvReader.h"
#include "models/usage/JsonLinesReader.h"

#include <QFileInfo>

#include <cstring>

namespace orb {

namespace {
constexpr qsizetype BufferBytes = 1 << 20;
}

ImportReader::ImportReader(const QString &path) : m_path(path), m_file(path)
{
    if (!m_file.open(QIODevice::ReadOnly))
        throw ServiceError::invalid(QStringLiteral("%1: cannot read the file: %2").arg(path, m_file.errorString()));
    m_size = m_file.size();
    m_buffer.resize(BufferBytes);
}

ImportReader::~ImportReader() = default;

std::unique_ptr<ImportReader> ImportReader::open(const QString &path, Format format, const QHash<QString, QString> &propertyColumns)
{
    return open(path, format, CsvColumnMap{{}, propertyColumns, {}});
}

std::unique_ptr<ImportReader> ImportReader::open(const QString &path, Format format, const CsvColumnMap &columns)
{
    if (QFileInfo(path).isDir())
        throw ServiceError::invalid(QStringLiteral("%1: is a folder, not a file").arg(path));
    if (format == Format::Csv)
        return std::make_unique<CsvReader>(path, columns);
    return std::make_unique<JsonLinesReader>(path);
}

std::optional<ImportReader::Format> ImportReader::formatFromName(const QString &name)
{
    if (name == QLatin1String("jsonl") || name == QLatin1String("ndjson"))
        return Format::JsonLines;
    if (name == QLatin1String("csv"))
        return Format::Csv;
    return std::nullopt;
}

ImportReader::Format ImportReader::guessFormat(const QString &path)
{
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? Format::Csv : Format::JsonLines;
}

bool ImportReader::fill()
{
    const qint64 n = m_file.read(m_buffer.data(), m_buffer.size());
    m_pos = 0;
    m_len = n > 0 ? qsizetype(n) : 0;
    return m_len > 0;
}

void ImportReader::skipBom()
{
    if (m_offset != 0)
        return;
    if (peekByte() == 0xEF && m_len >= 3 && static_cast<unsigned char>(m_buffer[1]) == 0xBB && static_cast<unsigned char>(m_buffer[2]) == 0xBF) {
        m_pos += 3;
        m_offset += 3;
    }
}

bool ImportReader::readLine(QByteArray &row, bool &tooLong)
{
    row.clear();
    tooLong = false;
    if (m_pos == m_len && !fill())
        return false;
    for (;;) {
        if (m_pos == m_len && !fill())
            return true; // the last line, without a line break
        const char *start = m_buffer.constData() + m_pos;
        const qsizetype avail = m_len - m_pos;
        const void *nl = std::memchr(start, '\n', size_t(avail));
        const qsizetype chunk = nl ? static_cast<const char *>(nl) - start : avail;
        const qsizetype room = MaxRowBytes - row.size();
        if (chunk > room) {
            row.append(start, room);
            tooLong = true;
        } else {
            row.append(start, chunk);
        }
        const qsizetype consumed = nl ? chunk + 1 : chunk;
        m_pos += consumed;
        m_offset += consumed;
        if (nl)
            return true;
    }
}

void ImportReader::seek(qint64 offset, qint64 line)
{
    if (offset <= m_offset)
        return;
    m_file.seek(offset);
    m_offset = offset;
    m_pos = m_len = 0;
    m_line = line;
}

} // namespace orb
