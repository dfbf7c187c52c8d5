// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Customer.h"
#include "engine/FieldError.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>

namespace orb {

class Clock;
class CompanyFile;

/// The rows of a CSV file: its header and its records, as text.
struct CsvTable {
    QStringList header;
    QList<QStringList> rows;
    QList<int> lines; ///< the file line each row starts on (for messages)
};

/// What becomes of one row of a customer import.
struct CustomerImportRow {
    enum class Status { New, Duplicate, Refused };
    int line = 0;
    Status status = Status::New;
    Customer customer;
    FieldErrors errors; ///< why it is refused, or which customer it duplicates
};

struct CustomerImportResult {
    int created = 0;
    QList<CustomerImportRow> duplicates;
    QList<CustomerImportRow> refused;
};

/**
 * Customers in and out as CSV (RFC 4180, UTF-8, a header row). The columns are Orb's customer
 * fields (fields()); an import maps each field to a column of the file, by name unless told
 * otherwise. A row whose external_customer_id exists already, or appears earlier in the file,
 * is a duplicate: reported, never created twice. A row that breaks a customer rule is refused
 * with every error. The new customers are created in one transaction, each audited. An export
 * imports back into an empty company as the same customers.
 */
class CustomerCsv final
{
public:
    /// The importable fields, in the export's column order.
    static const QStringList &fields();

    /// Parses CSV text; throws ServiceError(InvalidInput) naming the line of an unterminated
    /// quote, a row with more cells than the header, or an empty/duplicate header.
    static CsvTable parse(const QByteArray &bytes, const QString &source);
    static CsvTable read(const QString &path);
    /// Field → column index, for the header's columns named like a field (case and
    /// spaces/underscores ignored, and a few usual synonyms: "Company" for name, "VAT" for tax_id).
    static QHash<QString, int> guessMapping(const QStringList &header);

    /// What each row would become, nothing written.
    static QList<CustomerImportRow> preview(CompanyFile &file, const CsvTable &table, const QHash<QString, int> &mapping);
    /// Creates the new rows in one transaction; throws ServiceError when mapping has no name column.
    static CustomerImportResult import(CompanyFile &file, const Clock &clock, const CsvTable &table, const QHash<QString, int> &mapping);
    /// Every customer (archived ones too), ordered by name then id.
    static QByteArray exportAll(CompanyFile &file);
};

} // namespace orb
