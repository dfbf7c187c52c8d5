// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/Event.h"
#include "models/usage/UsageEventRow.h"

#include <QFile>
#include <QHash>
#include <QString>

#include <memory>
#include <optional>

namespace orb {

struct CsvColumnMap;

/// One row of an import file: the event, or why it was rejected.
struct ImportRecord {
    qint64 line = 0;      ///< physical line where the row starts (1-based)
    qint64 endOffset = 0; ///< byte offset just after the row: where a resumed import goes on
    std::optional<Event> event;
    QString error; ///< set when event is empty and hasRow is false
    /// Set instead of `event` when a reader built the stored row form directly (the JSONL fast
    /// path, FastEventParser); `row` is then what UsageEventRow::fromEvent(event) would give.
    bool hasRow = false;
    UsageEventRow row;
};

/**
 * Reads an import file row by row in bounded memory (a fixed read buffer and at most one row
 * of MaxRowBytes), whatever the file's size. A UTF-8 byte order mark is skipped; CRLF and LF
 * line ends are both accepted. A row longer than MaxRowBytes is rejected and skipped.
 * Subclasses turn the rows of one format into events.
 */
class ImportReader
{
public:
    enum class Format { JsonLines, Csv };
    /// Longest accepted row: a defence against a file without line breaks.
    static constexpr qsizetype MaxRowBytes = 1 << 20;

    virtual ~ImportReader();

    /// Opens a reader for the file; throws ServiceError(InvalidInput) when it cannot be read
    /// or its header is wrong. `propertyColumns` maps CSV columns to property names.
    static std::unique_ptr<ImportReader> open(const QString &path, Format format, const QHash<QString, QString> &propertyColumns = {});
    /// As above, with the CSV columns mapped to fields, properties or nothing (CsvColumnMap).
    static std::unique_ptr<ImportReader> open(const QString &path, Format format, const CsvColumnMap &columns);
    static std::optional<Format> formatFromName(const QString &name);
    /// The format a file name suggests (.csv → CSV, else JSON Lines).
    static Format guessFormat(const QString &path);

    /// The next row; false at the end of the file.
    virtual bool next(ImportRecord &out) = 0;
    /// Continues at a byte offset and line number from an earlier run (after the header).
    void seek(qint64 offset, qint64 line);
    qint64 size() const { return m_size; }
    qint64 offset() const { return m_offset; }
    /// The line number of the next row.
    qint64 line() const { return m_line; }

protected:
    explicit ImportReader(const QString &path);
    /// The next byte, or -1 at the end of the file.
    int getByte()
    {
        if (m_pos == m_len && !fill())
            return -1;
        ++m_offset;
        return static_cast<unsigned char>(m_buffer[m_pos++]);
    }
    int peekByte()
    {
        if (m_pos == m_len && !fill())
            return -1;
        return static_cast<unsigned char>(m_buffer[m_pos]);
    }
    void skipBom();
    /**
     * Reads the rest of the current line into `row` (the '\n' is consumed, not stored),
     * keeping at most MaxRowBytes and setting `tooLong` when more was skipped. Scans the read
     * buffer with memchr rather than byte by byte. False at the end of the file.
     */
    bool readLine(QByteArray &row, bool &tooLong);

    QString m_path;
    qint64 m_line = 1; ///< line number of the next byte

private:
    bool fill();

    QFile m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_len = 0;
    qint64 m_offset = 0;
    qint64 m_size = 0;
};

} // namespace orb
