// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CustomerRepository.h"

#include "models/Timestamps.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace orb {

namespace {

const QString kColumns = QStringLiteral("id, external_customer_id, name, email, currency, timezone, billing_line1, billing_line2, billing_city, "
                                        "billing_state, billing_postal_code, billing_country, shipping_line1, shipping_line2, shipping_city, "
                                        "shipping_state, shipping_postal_code, shipping_country, tax_id_country, tax_id_type, tax_id_value, net_terms, "
                                        "metadata, balance, created_at, updated_at, archived_at, document_language");

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString metadataText(const QMap<QString, QString> &metadata)
{
    QJsonObject o;
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Customer fromRow(const QSqlQuery &q)
{
    Customer c;
    c.id = q.value(0).toString();
    c.externalCustomerId = q.value(1).toString();
    c.name = q.value(2).toString();
    c.email = q.value(3).toString();
    c.currency = q.value(4).toString();
    c.timezone = q.value(5).toString();
    c.billingAddress = {q.value(6).toString(), q.value(7).toString(),  q.value(8).toString(),
                        q.value(9).toString(), q.value(10).toString(), q.value(11).toString()};
    c.shippingAddress = {q.value(12).toString(), q.value(13).toString(), q.value(14).toString(),
                         q.value(15).toString(), q.value(16).toString(), q.value(17).toString()};
    c.taxId = {q.value(18).toString(), q.value(19).toString(), q.value(20).toString()};
    if (!q.value(21).isNull())
        c.netTerms = q.value(21).toInt();
    const QJsonObject meta = QJsonDocument::fromJson(q.value(22).toString().toUtf8()).object();
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it)
        c.metadata.insert(it.key(), it.value().toString());
    c.balance = q.value(23).toString();
    c.createdAt = fromIsoUtc(q.value(24).toString());
    c.updatedAt = fromIsoUtc(q.value(25).toString());
    c.archivedAt = fromIsoUtc(q.value(26).toString());
    c.documentLanguage = q.value(27).toString();
    return c;
}

QVariantList binds(const Customer &c)
{
    return {c.id,
            nullable(c.externalCustomerId),
            c.name,
            c.name.toCaseFolded(),
            nullable(c.email),
            nullable(c.currency),
            c.timezone,
            nullable(c.billingAddress.line1),
            nullable(c.billingAddress.line2),
            nullable(c.billingAddress.city),
            nullable(c.billingAddress.state),
            nullable(c.billingAddress.postalCode),
            nullable(c.billingAddress.country),
            nullable(c.shippingAddress.line1),
            nullable(c.shippingAddress.line2),
            nullable(c.shippingAddress.city),
            nullable(c.shippingAddress.state),
            nullable(c.shippingAddress.postalCode),
            nullable(c.shippingAddress.country),
            nullable(c.taxId.country),
            nullable(c.taxId.type),
            nullable(c.taxId.value),
            c.netTerms ? QVariant(*c.netTerms) : QVariant(QMetaType::fromType<int>()),
            metadataText(c.metadata),
            c.balance,
            toIsoUtc(c.createdAt),
            toIsoUtc(c.updatedAt),
            c.archivedAt.isValid() ? QVariant(toIsoUtc(c.archivedAt)) : QVariant(QMetaType::fromType<QString>()),
            nullable(c.documentLanguage)};
}

QString orderBy(const CustomerQuery &q)
{
    const QString dir = q.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    switch (q.sort) {
    case CustomerQuery::Sort::Name: return QStringLiteral(" ORDER BY name_key") + dir + QStringLiteral(", id") + dir;
    case CustomerQuery::Sort::ExternalId: return QStringLiteral(" ORDER BY COALESCE(external_customer_id, '')") + dir + QStringLiteral(", id") + dir;
    case CustomerQuery::Sort::Email: return QStringLiteral(" ORDER BY COALESCE(email, '')") + dir + QStringLiteral(", id") + dir;
    case CustomerQuery::Sort::Currency: return QStringLiteral(" ORDER BY COALESCE(currency, '')") + dir + QStringLiteral(", name_key") + dir;
    case CustomerQuery::Sort::Created: return QStringLiteral(" ORDER BY created_at") + dir + QStringLiteral(", id") + dir;
    }
    return {};
}

QString escapeLike(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    s.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    s.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return s;
}

} // namespace

void CustomerRepository::insert(const Customer &customer)
{
    m_db.exec(QStringLiteral("INSERT INTO customers (id, external_customer_id, name, name_key, email, currency, timezone, "
                             "billing_line1, billing_line2, billing_city, billing_state, billing_postal_code, billing_country, "
                             "shipping_line1, shipping_line2, shipping_city, shipping_state, shipping_postal_code, shipping_country, "
                             "tax_id_country, tax_id_type, tax_id_value, net_terms, metadata, balance, created_at, updated_at, archived_at, "
                             "document_language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
              binds(customer));
}

void CustomerRepository::update(const Customer &customer)
{
    QVariantList b = binds(customer);
    b.append(b.takeFirst()); // id goes last, in the WHERE clause
    m_db.exec(QStringLiteral("UPDATE customers SET external_customer_id = ?, name = ?, name_key = ?, email = ?, currency = ?, "
                             "timezone = ?, billing_line1 = ?, billing_line2 = ?, billing_city = ?, billing_state = ?, "
                             "billing_postal_code = ?, billing_country = ?, shipping_line1 = ?, shipping_line2 = ?, "
                             "shipping_city = ?, shipping_state = ?, shipping_postal_code = ?, shipping_country = ?, "
                             "tax_id_country = ?, tax_id_type = ?, tax_id_value = ?, net_terms = ?, metadata = ?, balance = ?, "
                             "created_at = ?, updated_at = ?, archived_at = ?, document_language = ? WHERE id = ?"),
              b);
}

void CustomerRepository::remove(const QString &id)
{
    m_db.exec(QStringLiteral("DELETE FROM customers WHERE id = ?"), {id});
}

std::optional<Customer> CustomerRepository::findById(const QString &id) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM customers WHERE id = ?"), {id});
    if (q.next())
        return fromRow(q);
    return std::nullopt;
}

std::optional<Customer> CustomerRepository::findByExternalId(const QString &externalId) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM customers WHERE external_customer_id = ?"), {externalId});
    if (q.next())
        return fromRow(q);
    return std::nullopt;
}

std::optional<Customer> CustomerRepository::resolve(const QString &reference) const
{
    if (auto c = findById(reference))
        return c;
    return findByExternalId(reference);
}

QString CustomerRepository::whereClause(const CustomerQuery &query, QVariantList &b) const
{
    QStringList conditions;
    if (!query.includeArchived)
        conditions << QStringLiteral("archived_at IS NULL");
    const QString search = query.search.trimmed();
    if (!search.isEmpty()) {
        const QString pattern = QLatin1Char('%') + escapeLike(search.toCaseFolded()) + QLatin1Char('%');
        conditions << QStringLiteral("(name_key LIKE ? ESCAPE '\\' OR LOWER(COALESCE(external_customer_id, '')) LIKE ? ESCAPE '\\' "
                                     "OR LOWER(COALESCE(email, '')) LIKE ? ESCAPE '\\' OR id = ?)");
        b << pattern << pattern << pattern << search;
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QList<Customer> CustomerRepository::list(const CustomerQuery &query) const
{
    QVariantList b;
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM customers") + whereClause(query, b) + orderBy(query);
    if (query.limit >= 0) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        b << query.limit << query.offset;
    }
    QSqlQuery q = m_db.exec(sql, b);
    QList<Customer> out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

int CustomerRepository::count(const CustomerQuery &query) const
{
    QVariantList b;
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM customers") + whereClause(query, b), b).toInt();
}

CustomerCounts CustomerRepository::counts() const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT SUM(CASE WHEN archived_at IS NULL THEN 1 ELSE 0 END), "
                                           "SUM(CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END) FROM customers"));
    CustomerCounts c;
    if (q.next()) {
        c.active = q.value(0).toInt();
        c.archived = q.value(1).toInt();
    }
    return c;
}

QHash<QString, QString> CustomerRepository::namesById() const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, name FROM customers"));
    QHash<QString, QString> names;
    while (q.next())
        names.insert(q.value(0).toString(), q.value(1).toString());
    return names;
}

QString CustomerRepository::name(const QString &id) const
{
    return m_db.scalar(QStringLiteral("SELECT name FROM customers WHERE id = ?"), {id}).toString();
}

QStringList CustomerRepository::ids(const CustomerQuery &query) const
{
    QVariantList b;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id FROM customers") + whereClause(query, b) + orderBy(query), b);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QList<Customer> CustomerRepository::byIds(const QStringList &ids) const
{
    QList<Customer> out;
    if (ids.isEmpty())
        return out;
    QStringList marks;
    QVariantList b;
    for (const QString &id : ids) {
        marks << QStringLiteral("?");
        b << id;
    }
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM customers WHERE id IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'), b);
    while (q.next())
        out.append(fromRow(q));
    return out;
}

} // namespace orb
