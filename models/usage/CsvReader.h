#pragma once

#include "models/usage/ImportReader.h"

#include <QList>

namespace orb {

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
    CsvReader(const QString &path, const QHash<QString, QString> &propertyColumns);
    bool next(ImportRecord &out) override;

private:
    enum class Column { EventName, Timestamp, Key, CustomerId, ExternalCustomerId, Property };
    /// Reads one record's fields; false at the end of the file. Sets *tooLong when it was cut.
    bool readRecord(QList<QByteArray> &fields, bool *tooLong, QString *error);

    QList<Column> m_columns;
    QStringList m_propertyNames; ///< per column, for Property columns
};

} // namespace orb
