#include "models/usage/CsvReader.h"

#include "engine/metrics/EventParser.h"
#include "models/StorageError.h"

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

CsvReader::CsvReader(const QString &path, const QHash<QString, QString> &propertyColumns) : ImportReader(path)
{
    skipBom();
    QList<QByteArray> header;
    bool tooLong = false;
    QString error;
    if (!readRecord(header, &tooLong, &error))
        throw ServiceError::invalid(QStringLiteral("%1: the file is empty; a CSV import needs a header row").arg(path));
    if (tooLong || !error.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1: line 1: the header row is unreadable: %2").arg(path, error.isEmpty() ? QStringLiteral("too long") : error));
    QStringList problems;
    bool hasName = false, hasTs = false, hasKey = false;
    for (const QByteArray &raw : header) {
        const QString name = QString::fromUtf8(raw).trimmed();
        if (propertyColumns.contains(name)) {
            m_columns << Column::Property;
            m_propertyNames << propertyColumns.value(name);
        } else if (name == QLatin1String("event_name")) {
            m_columns << Column::EventName;
            hasName = true;
        } else if (name == QLatin1String("timestamp")) {
            m_columns << Column::Timestamp;
            hasTs = true;
        } else if (name == QLatin1String("idempotency_key")) {
            m_columns << Column::Key;
            hasKey = true;
        } else if (name == QLatin1String("customer_id")) {
            m_columns << Column::CustomerId;
        } else if (name == QLatin1String("external_customer_id")) {
            m_columns << Column::ExternalCustomerId;
        } else if (name.startsWith(QLatin1String("properties.")) && name.size() > 11) {
            m_columns << Column::Property;
            m_propertyNames << name.mid(11);
            continue;
        } else {
            problems << QStringLiteral("unknown column \"%1\" (name properties \"properties.NAME\" or map the column)").arg(name);
            m_columns << Column::Property;
        }
        if (m_columns.back() != Column::Property)
            m_propertyNames << QString();
    }
    if (!hasName)
        problems << QStringLiteral("the column event_name is missing");
    if (!hasTs)
        problems << QStringLiteral("the column timestamp is missing");
    if (!hasKey)
        problems << QStringLiteral("the column idempotency_key is missing");
    if (!m_columns.contains(Column::CustomerId) && !m_columns.contains(Column::ExternalCustomerId))
        problems << QStringLiteral("a customer_id or external_customer_id column is needed");
    if (!problems.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1: line 1 (header): %2").arg(path, problems.join(QStringLiteral("; "))));
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
