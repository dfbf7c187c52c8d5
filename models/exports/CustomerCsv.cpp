// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/exports/CustomerCsv.h"

#include "engine/Clock.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/CustomerService.h"
#include "models/StorageError.h"
#include "models/UnitOfWork.h"

#include <QFile>
#include <QSet>
#include <QSqlQuery>

namespace orb {

namespace {

QString key(QString s)
{
    s = s.trimmed().toLower();
    s.remove(QLatin1Char(' '));
    s.remove(QLatin1Char('_'));
    s.remove(QLatin1Char('-'));
    s.remove(QLatin1Char('.'));
    return s;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

Address addressFrom(const QHash<QString, QString> &v, const QString &prefix)
{
    return {v.value(prefix + QStringLiteral("_line1")), v.value(prefix + QStringLiteral("_line2")),       v.value(prefix + QStringLiteral("_city")),
            v.value(prefix + QStringLiteral("_state")), v.value(prefix + QStringLiteral("_postal_code")), v.value(prefix + QStringLiteral("_country"))};
}

/// A row's cells as a customer draft; cell formats that cannot be read are field errors.
Customer draftFrom(const QHash<QString, QString> &v, FieldErrors &errors)
{
    Customer c;
    c.externalCustomerId = v.value(QStringLiteral("external_customer_id"));
    c.name = v.value(QStringLiteral("name"));
    c.email = v.value(QStringLiteral("email"));
    c.currency = v.value(QStringLiteral("currency")).toUpper();
    c.timezone = v.value(QStringLiteral("timezone"));
    c.documentLanguage = v.value(QStringLiteral("document_language"));
    const QString terms = v.value(QStringLiteral("net_terms"));
    if (!terms.isEmpty()) {
        bool ok = false;
        const int n = terms.toInt(&ok);
        if (ok)
            c.netTerms = n;
        else
            errors.append({QStringLiteral("net_terms"), QStringLiteral("\"%1\" is not a whole number of days").arg(terms)});
    }
    c.billingAddress = addressFrom(v, QStringLiteral("billing"));
    c.shippingAddress = addressFrom(v, QStringLiteral("shipping"));
    const QString tax = v.value(QStringLiteral("tax_id"));
    if (!tax.isEmpty()) {
        const QStringList parts = tax.split(QLatin1Char(':'));
        if (parts.size() == 3)
            c.taxId = {parts.at(1).trimmed(), parts.at(0).trimmed(), parts.at(2).trimmed()};
        else
            errors.append({QStringLiteral("tax_id"), QStringLiteral("\"%1\" is not TYPE:COUNTRY:VALUE (eu_vat:DE:DE123456789)").arg(tax)});
    }
    const QString meta = v.value(QStringLiteral("metadata"));
    for (const QString &pair : meta.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            errors.append({QStringLiteral("metadata"), QStringLiteral("\"%1\" is not KEY=VALUE").arg(pair.trimmed())});
        else
            c.metadata.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
    }
    return c;
}

} // namespace

const QStringList &CustomerCsv::fields()
{
    static const QStringList f{QStringLiteral("external_customer_id"),
                               QStringLiteral("name"),
                               QStringLiteral("email"),
                               QStringLiteral("currency"),
                               QStringLiteral("timezone"),
                               QStringLiteral("document_language"),
                               QStringLiteral("net_terms"),
                               QStringLiteral("billing_line1"),
                               QStringLiteral("billing_line2"),
                               QStringLiteral("billing_city"),
                               QStringLiteral("billing_state"),
                               QStringLiteral("billing_postal_code"),
                               QStringLiteral("billing_country"),
                               QStringLiteral("shipping_line1"),
                               QStringLiteral("shipping_line2"),
                               QStringLiteral("shipping_city"),
                               QStringLiteral("shipping_state"),
                               QStringLiteral("shipping_postal_code"),
                               QStringLiteral("shipping_country"),
                               QStringLiteral("tax_id"),
                               QStringLiteral("metadata")};
    return f;
}

CsvTable CustomerCsv::parse(const QByteArray &bytes, const QString &source)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    CsvTable table;
    QStringList row;
    QString field;
    bool quoted = false, fieldStarted = false;
    int line = 1, rowLine = 1, quoteLine = 0;
    auto endRow = [&] {
        row << field;
        field.clear();
        fieldStarted = false;
        const bool blank = row.size() == 1 && row.first().trimmed().isEmpty();
        if (!blank) {
            if (table.header.isEmpty()) {
                table.header = row;
            } else {
                if (row.size() > table.header.size())
                    throw ServiceError::invalid(QStringLiteral("%1 line %2: %3 cells, but the header has %4 columns")
                                                    .arg(source)
                                                    .arg(rowLine)
                                                    .arg(row.size())
                                                    .arg(table.header.size()));
                while (row.size() < table.header.size())
                    row << QString();
                table.rows << row;
                table.lines << rowLine;
            }
        }
        row.clear();
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            endRow();
            ++line;
            rowLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        throw ServiceError::invalid(QStringLiteral("%1 line %2: a quoted field is never closed").arg(source).arg(quoteLine));
    if (!field.isEmpty() || !row.isEmpty())
        endRow();
    if (table.header.isEmpty())
        throw ServiceError::invalid(QStringLiteral("%1: no header row (the first line names the columns)").arg(source));
    QSet<QString> seen;
    for (QString &h : table.header) {
        h = h.trimmed();
        if (h.isEmpty())
            throw ServiceError::invalid(QStringLiteral("%1 line 1: a column has no name").arg(source));
        if (seen.contains(key(h)))
            throw ServiceError::invalid(QStringLiteral("%1 line 1: the column \"%2\" appears twice").arg(source, h));
        seen.insert(key(h));
    }
    return table;
}

CsvTable CustomerCsv::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ServiceError::invalid(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    return parse(f.readAll(), path);
}

QHash<QString, int> CustomerCsv::guessMapping(const QStringList &header)
{
    static const QHash<QString, QString> synonyms{{QStringLiteral("externalid"), QStringLiteral("external_customer_id")},
                                                  {QStringLiteral("id"), QStringLiteral("external_customer_id")},
                                                  {QStringLiteral("customerid"), QStringLiteral("external_customer_id")},
                                                  {QStringLiteral("company"), QStringLiteral("name")},
                                                  {QStringLiteral("customer"), QStringLiteral("name")},
                                                  {QStringLiteral("mail"), QStringLiteral("email")},
                                                  {QStringLiteral("vat"), QStringLiteral("tax_id")},
                                                  {QStringLiteral("language"), QStringLiteral("document_language")},
                                                  {QStringLiteral("country"), QStringLiteral("billing_country")},
                                                  {QStringLiteral("city"), QStringLiteral("billing_city")},
                                                  {QStringLiteral("zip"), QStringLiteral("billing_postal_code")},
                                                  {QStringLiteral("postalcode"), QStringLiteral("billing_postal_code")},
                                                  {QStringLiteral("address"), QStringLiteral("billing_line1")},
                                                  {QStringLiteral("street"), QStringLiteral("billing_line1")}};
    QHash<QString, int> mapping;
    for (int c = 0; c < header.size(); ++c) {
        const QString k = key(header.at(c));
        QString field;
        for (const QString &f : fields())
            if (key(f) == k)
                field = f;
        if (field.isEmpty())
            field = synonyms.value(k);
        if (!field.isEmpty() && !mapping.contains(field))
            mapping.insert(field, c);
    }
    return mapping;
}

QList<CustomerImportRow> CustomerCsv::preview(CompanyFile &file, const CsvTable &table, const QHash<QString, int> &mapping)
{
    for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it) {
        if (!fields().contains(it.key()))
            throw ServiceError::invalid(QStringLiteral("\"%1\" is not a customer field (%2)").arg(it.key(), fields().join(QStringLiteral(", "))));
        if (it.value() < 0 || it.value() >= table.header.size())
            throw ServiceError::invalid(QStringLiteral("%1 is mapped to column %2, which the file does not have").arg(it.key()).arg(it.value() + 1));
    }
    if (!mapping.contains(QStringLiteral("name")))
        throw ServiceError::invalid(QStringLiteral("no column is mapped to name, which every customer needs"));
    CustomerRepository repo(file.db());
    const QString companyZone = file.settings().timezone;
    QHash<QString, int> seenExternal; // external id → line
    QList<CustomerImportRow> out;
    for (int r = 0; r < table.rows.size(); ++r) {
        QHash<QString, QString> values;
        for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it)
            values.insert(it.key(), table.rows.at(r).value(it.value()).trimmed());
        CustomerImportRow row;
        row.line = table.lines.value(r);
        row.customer = draftFrom(values, row.errors);
        if (row.customer.timezone.isEmpty())
            row.customer.timezone = companyZone;
        row.errors += validateCustomer(row.customer);
        const QString ext = row.customer.externalCustomerId;
        if (!row.errors.isEmpty()) {
            row.status = CustomerImportRow::Status::Refused;
        } else if (!ext.isEmpty() && seenExternal.contains(ext)) {
            row.status = CustomerImportRow::Status::Duplicate;
            row.errors.append(
                {QStringLiteral("external_customer_id"), QStringLiteral("\"%1\" is already on line %2 of this file").arg(ext).arg(seenExternal.value(ext))});
        } else if (const auto existing = ext.isEmpty() ? std::nullopt : repo.findByExternalId(ext)) {
            row.status = CustomerImportRow::Status::Duplicate;
            row.errors.append(
                {QStringLiteral("external_customer_id"), QStringLiteral("\"%1\" already belongs to %2 (%3)").arg(ext, existing->name, existing->id)});
        }
        if (!ext.isEmpty() && !seenExternal.contains(ext) && row.status != CustomerImportRow::Status::Refused)
            seenExternal.insert(ext, row.line);
        out.append(row);
    }
    return out;
}

CustomerImportResult CustomerCsv::import(CompanyFile &file, const Clock &clock, const CsvTable &table, const QHash<QString, int> &mapping)
{
    const QList<CustomerImportRow> rows = preview(file, table, mapping);
    if (file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was imported").arg(file.path()));
    CustomerImportResult result;
    CustomerService service(file, clock);
    UnitOfWork uow(file.db()); // one import, one transaction: all new customers or none
    for (const CustomerImportRow &row : rows) {
        switch (row.status) {
        case CustomerImportRow::Status::New:
            try {
                service.create(row.customer);
                ++result.created;
            } catch (const ServiceError &e) {
                CustomerImportRow refused = row;
                refused.status = CustomerImportRow::Status::Refused;
                refused.errors = e.errors().isEmpty() ? FieldErrors{{QString(), e.message()}} : e.errors();
                result.refused.append(refused);
            }
            break;
        case CustomerImportRow::Status::Duplicate: result.duplicates.append(row); break;
        case CustomerImportRow::Status::Refused: result.refused.append(row); break;
        }
    }
    uow.commit();
    return result;
}

QByteArray CustomerCsv::exportAll(CompanyFile &file)
{
    QStringList ids;
    QSqlQuery q = file.db().exec(QStringLiteral("SELECT id FROM customers ORDER BY name_key, id"));
    while (q.next())
        ids << q.value(0).toString();
    CustomerRepository repo(file.db());
    QString out = fields().join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QString &id : ids) {
        const auto c = repo.findById(id);
        if (!c)
            continue;
        QStringList meta;
        for (auto it = c->metadata.constBegin(); it != c->metadata.constEnd(); ++it)
            meta << it.key() + QLatin1Char('=') + it.value();
        const QStringList cells{c->externalCustomerId,
                                c->name,
                                c->email,
                                c->currency,
                                c->timezone,
                                c->documentLanguage,
                                c->netTerms ? QString::number(*c->netTerms) : QString(),
                                c->billingAddress.line1,
                                c->billingAddress.line2,
                                c->billingAddress.city,
                                c->billingAddress.state,
                                c->billingAddress.postalCode,
                                c->billingAddress.country,
                                c->shippingAddress.line1,
                                c->shippingAddress.line2,
                                c->shippingAddress.city,
                                c->shippingAddress.state,
                                c->shippingAddress.postalCode,
                                c->shippingAddress.country,
                                c->taxId.isEmpty() ? QString() : c->taxId.type + QLatin1Char(':') + c->taxId.country + QLatin1Char(':') + c->taxId.value,
                                meta.join(QStringLiteral("; "))};
        QStringList escaped;
        for (const QString &cell : cells)
            escaped << csvField(cell);
        out += escaped.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace orb
