// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/CsvReader.h"

#include "engine/metrics/EventParser.h"
#include "models/StorageError.h"

#include <QFileInfo>
#include <QStringDecoder>

namespace orb {

namespace {

bool decodeUtf8(const QByteArray &bytes, QString &out)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out = decoder(bytes);
    return !decoder.hasError();
}

// A JSON number literal: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isNumberLiteral(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    auto digit = [&](qsizetype k) { return k < n && s[k] >= u'0' && s[k] <= u'9'; };
    if (i < n && s[i] == u'-')
        ++i;
    if (!digit(i))
        return false;
    if (s[i] == u'0')
        ++i;
    else
        while (digit(i))
            ++i;
    if (i < n && s[i] == u'.') {
        ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < n && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == n;
}

} // namespace

const QStringList &CsvReader::fieldNames()
{
    static const QStringList names = {QStringLiteral("event_name"), QStringLiteral("timestamp"), QStringLiteral("idempotency_key"),
                                      QStringLiteral("customer_id"), QStringLiteral("external_customer_id")};
    return names;
}

CsvReader::CsvReader(const QString &path, const QHash<QString, QString> &propertyColumns) : CsvReader(path, CsvColumnMap{{}, propertyColumns, {}}) {}

CsvReader::CsvReader(const QString &path, const CsvColumnMap &columns) : ImportReader(path)
{
    readHeader();
    mapColumns(columns);
}

CsvReader::CsvReader(const QString &path, HeaderOnly) : ImportReader(path)
{
    readHeader();
}

QStringList CsvReader::header(const QString &path)
{
    if (QFileInfo(path).isDir())
        throw ServiceError::invalid(QStringLiteral("%1: is a folder, not a file").arg(path));
    return CsvReader(path, HeaderOnly{}).m_header;
}

void CsvReader::readHeader()
{
    skipBom();
    QList<QByteArray> header;
    bool tooLong = false;
    QString error;
    if (!readRecord(header, &tooLong, &error))
        throw ServiceError::invalid(QStringLiteral("%1: the file is empty; a CSV import needs a header row").arg(m_path));
    if (tooLong || !error.isEmpty())
        throw ServiceError::invalid(
            QStringLiteral("%1: line 1: the header row is unreadable: %2").arg(m_path, error.isEmpty() ? QStringLiteral("too long") : error));
    for (const QByteArray &raw : header)
        m_header << QString::fromUtf8(raw).trimmed();
}

void CsvReader::mapColumns(const CsvColumnMap &columns)
{
    static const Column fieldColumns[] = {Column::EventName, Column::Timestamp, Column::Key, Column::CustomerId, Column::ExternalCustomerId};
    QStringList problems;
    // The explicit map: column → field index. A field is mapped to one column and a column
    // holds one field; the column must be in the header and not also ignored or a property.
    QHash<QString, int> mappedField;
    for (auto it = columns.fields.constBegin(); it != columns.fields.constEnd(); ++it) {
        const int field = int(fieldNames().indexOf(it.key()));
        if (field < 0) {
            problems << QStringLiteral("unknown field \"%1\" (the fields are %2)").arg(it.key(), fieldNames().join(QStringLiteral(", ")));
            continue;
        }
        if (m_header.count(it.value()) > 1)
            problems << QStringLiteral("the column \"%1\" mapped to %2 appears more than once in the header").arg(it.value(), it.key());
        else if (!m_header.contains(it.value()))
            problems << QStringLiteral("the column \"%1\" mapped to %2 is not in the header").arg(it.value(), it.key());
        else if (mappedField.contains(it.value()))
            problems << QStringLiteral("the column \"%1\" is mapped to both %2 and %3").arg(it.value(), fieldNames()[mappedField.value(it.value())], it.key());
        else if (columns.ignored.contains(it.value()) || columns.properties.contains(it.value()))
            problems << QStringLiteral("the column \"%1\" is mapped to %2 and also %3")
                            .arg(it.value(), it.key(), columns.ignored.contains(it.value()) ? QStringLiteral("ignored") : QStringLiteral("read as a property"));
        else
            mappedField.insert(it.value(), field);
    }
    QSet<int> seen;
    for (const QString &name : std::as_const(m_header)) {
        int field = mappedField.value(name, -1);
        if (field < 0 && !columns.ignored.contains(name) && !columns.properties.contains(name)) {
            // A column named after a field is that field unless the field is mapped elsewhere.
            const int named = int(fieldNames().indexOf(name));
            if (named >= 0 && columns.fields.contains(name))
                problems << QStringLiteral("the column \"%1\" is not used: %1 is read from \"%2\" (ignore the column or read it as a property)")
                                .arg(name, columns.fields.value(name));
            else
                field = named;
        }
        if (field >= 0) {
            m_columns << fieldColumns[field];
            m_propertyNames << QString();
            seen.insert(field);
        } else if (columns.ignored.contains(name)) {
            m_columns << Column::Ignored;
            m_propertyNames << QString();
        } else if (columns.properties.contains(name)) {
            m_columns << Column::Property;
            m_propertyNames << columns.properties.value(name);
        } else if (name.startsWith(QLatin1String("properties.")) && name.size() > 11) {
            m_columns << Column::Property;
            m_propertyNames << name.mid(11);
        } else {
            if (fieldNames().indexOf(name) < 0)
                problems << QStringLiteral("unknown column \"%1\" (name properties \"properties.NAME\" or map the column)").arg(name);
            m_columns << Column::Ignored;
            m_propertyNames << QString();
        }
    }
    if (!seen.contains(0))
        problems << QStringLiteral("the column event_name is missing");
    if (!seen.contains(1))
        problems << QStringLiteral("the column timestamp is missing");
    if (!seen.contains(2))
        problems << QStringLiteral("the column idempotency_key is missing");
    if (!seen.contains(3) && !seen.contains(4))
        problems << QStringLiteral("a customer_id or external_customer_id column is needed");
    if (!problems.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1: line 1 (header): %2").arg(m_path, problems.join(QStringLiteral("; "))));
}

bool CsvReader::readRecord(QList<QByteArray> &fields, bool *tooLong, QString *error)
{
    fields.clear();
    if (peekByte() < 0)
        return false;
    QByteArray field;
    qsizetype total = 0;
    bool quoted = false;     // inside quotes
    bool wasQuoted = false;  // this field started with a quote
    bool afterQuote = false; // just closed the quotes: only , or a line end may follow
    for (;;) {
        const int c = getByte();
        if (c < 0) {
            if (quoted && error->isEmpty())
                *error = QStringLiteral("a quoted field is not closed before the end of the file");
            fields << field;
            return true;
        }
        if (quoted) {
            if (c == '"') {
                if (peekByte() == '"') {
                    getByte();
                    field.append('"');
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                if (++total <= MaxRowBytes)
                    field.append(char(c));
                else
                    *tooLong = true;
            }
            continue;
        }
        if (c == ',') {
            fields << field;
            field.clear();
            wasQuoted = afterQuote = false;
            continue;
        }
        if (c == '\n' || (c == '\r' && peekByte() == '\n') || (c == '\r' && peekByte() < 0)) {
            if (c == '\r' && peekByte() == '\n')
                getByte();
            ++m_line;
            fields << field;
            return true;
        }
        if (c == '"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
            continue;
        }
        if (afterQuote && error->isEmpty())
            *error = QStringLiteral("unexpected text after a closing quote");
        if (++total <= MaxRowBytes)
            field.append(char(c));
        else
            *tooLong = true;
    }
}

bool CsvReader::next(ImportRecord &out)
{
    QList<QByteArray> fields;
    for (;;) {
        const qint64 line = m_line;
        bool tooLong = false;
        QString error;
        if (!readRecord(fields, &tooLong, &error))
            return false;
        out.line = line;
        out.endOffset = offset();
        out.event.reset();
        out.error.clear();
        if (tooLong) {
            out.error = QStringLiteral("the row is longer than %1 bytes").arg(MaxRowBytes);
            return true;
        }
        if (!error.isEmpty()) {
            out.error = error;
            return true;
        }
        if (fields.size() == 1 && fields[0].trimmed().isEmpty())
            continue; // a blank line
        if (fields.size() != m_columns.size()) {
            out.error = QStringLiteral("the row has %1 fields, the header %2").arg(fields.size()).arg(m_columns.size());
            return true;
        }
        Event e;
        QStringList problems;
        QString timestamp;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (m_columns[i] == Column::Ignored)
                continue;
            QString value;
            if (!decodeUtf8(fields[i], value)) {
                problems << QStringLiteral("field %1: not valid UTF-8").arg(i + 1);
                continue;
            }
            switch (m_columns[i]) {
            case Column::EventName: e.eventName = value; break;
            case Column::Timestamp: timestamp = value; break;
            case Column::Key: e.idempotencyKey = value; break;
            case Column::CustomerId: e.customerId = value; break;
            case Column::ExternalCustomerId: e.externalCustomerId = value; break;
            case Column::Ignored: break;
            case Column::Property: {
                const QString &name = m_propertyNames[i];
                if (value.isEmpty())
                    break;
                if (value == QLatin1String("true") || value == QLatin1String("false")) {
                    e.setProperty(name, PropertyValue::fromBool(value == QLatin1String("true")));
                } else if (isNumberLiteral(value)) {
                    QString why;
                    if (!PropertyValue::numberLiteralToDecimal(value, &why))
                        problems << QStringLiteral("properties.%1: %2").arg(name, why);
                    else
                        e.setProperty(name, PropertyValue::fromNumberLiteral(value));
                } else {
                    e.setProperty(name, PropertyValue::fromString(value));
                }
                break;
            }
            }
        }
        if (e.eventName.isEmpty())
            problems << QStringLiteral("event_name: is required");
        if (e.idempotencyKey.isEmpty())
            problems << QStringLiteral("idempotency_key: is required");
        if (timestamp.isEmpty()) {
            problems << QStringLiteral("timestamp: is required");
        } else if (const auto ts = EventParser::parseTimestamp(timestamp)) {
            e.timestamp = *ts;
        } else {
            problems << QStringLiteral("timestamp: \"%1\" is not an ISO 8601 timestamp with a zone").arg(timestamp);
        }
        if (e.customerId.isEmpty() == e.externalCustomerId.isEmpty())
            problems << QStringLiteral("exactly one of customer_id and external_customer_id is required");
        if (problems.isEmpty())
            out.event = std::move(e);
        else
            out.error = problems.join(QStringLiteral("; "));
        return true;
    }
}

} // namespace orb
