// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/usage/ImportReader.h"

#include <QList>
#include <QSet>
#include <QStringList>

namespace orb {

/**
 * How the columns of a CSV file become an event. A column is read, in this order, as the field
 * `fields` maps to it, as nothing when it is in `ignored`, as the property `properties` names,
 * as the field whose name it has (unless that field is mapped to another column), or as the
 * property NAME when it is named "properties.NAME"; any other column refuses the file.
 */
struct CsvColumnMap {
    QHash<QString, QString> fields;     ///< Orb field (event_name, timestamp, …) → column
    QHash<QString, QString> properties; ///< column → property name
    QSet<QString> ignored;              ///< columns that are not imported
};

/**
 * CSV (RFC 4180): a header row naming the columns event_name, timestamp, idempotency_key,
 * customer_id, external_customer_id and one column per property, either named
 * "properties.NAME" or mapped to a property explicitly. Fields may be quoted, and quoted
 * fields may hold commas, doubled quotes and line breaks.
 *
 * Property cells are typed the way a spreadsheet user means them: an empty cell leaves the
 * property out, `true` / `false` are booleans, a JSON number literal is a number (kept exact),
 * anything else is a string.
 */
class CsvReader final : public ImportReader
{
public:
    /// The event fields a column can be mapped to, in the order of the file format.
    static const QStringList &fieldNames();

    CsvReader(const QString &path, const QHash<QString, QString> &propertyColumns);
    /// Opens the file with this column map; throws ServiceError(InvalidInput) naming every
    /// problem of the header and the map.
    CsvReader(const QString &path, const CsvColumnMap &columns);
    bool next(ImportRecord &out) override;

    /// The header row of a CSV file, as written (trimmed), without checking it; throws
    /// ServiceError(InvalidInput) when the file cannot be read or has no readable header.
    static QStringList header(const QString &path);

private:
    enum class Column { EventName, Timestamp, Key, CustomerId, ExternalCustomerId, Property, Ignored };
    struct HeaderOnly {
    };
    CsvReader(const QString &path, HeaderOnly);
    void readHeader();
    void mapColumns(const CsvColumnMap &columns);
    /// Reads one record's fields; false at the end of the file. Sets *tooLong when it was cut.
    bool readRecord(QList<QByteArray> &fields, bool *tooLong, QString *error);

    QStringList m_header;
    QList<Column> m_columns;
    QStringList m_propertyNames; ///< per column, for Property columns
};

} // namespace orb
