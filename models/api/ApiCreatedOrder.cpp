// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/api/ApiCreatedOrder.h"

#include "models/Database.h"
#include "models/Timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

/// Names from this file only (never from a request).
QString tableName(ApiCreatedOrder::Table t)
{
    switch (t) {
    case ApiCreatedOrder::Table::Subscriptions: return QStringLiteral("subscriptions");
    case ApiCreatedOrder::Table::Customers: return QStringLiteral("customers");
    case ApiCreatedOrder::Table::Backfills: return QStringLiteral("usage_backfills");
    }
    return {};
}

QByteArray tag(ApiCreatedOrder::Table t)
{
    switch (t) {
    case ApiCreatedOrder::Table::Subscriptions: return "s1";
    case ApiCreatedOrder::Table::Customers: return "c1";
    case ApiCreatedOrder::Table::Backfills: return "b1";
    }
    return {};
}

} // namespace

QList<CreatedKey> ApiCreatedOrder::keys(const Database &db, Table table, const QString &customerId, const CreatedRange &range,
                                        const std::optional<CreatedKey> &after, int limit)
{
    QStringList where;
    QVariantList binds;
    if (table == Table::Customers)
        where << QStringLiteral("archived_at IS NULL");
    if (!customerId.isEmpty() && table == Table::Subscriptions) {
        where << QStringLiteral("customer_id = ?");
        binds << customerId;
    }
    // Stored instants are fixed-width UTC text (toIsoUtc), so text order is time order.
    auto bound = [&](const QDateTime &t, const char *op) {
        if (t.isValid()) {
            where << QStringLiteral("created_at %1 ?").arg(QLatin1String(op));
            binds << toIsoUtc(t);
        }
    };
    bound(range.after, ">");
    bound(range.from, ">=");
    bound(range.before, "<");
    bound(range.to, "<=");
    if (after) {
        where << QStringLiteral("(created_at, id) < (?, ?)");
        binds << after->createdAt << after->id;
    }
    QSqlQuery q = db.exec(QStringLiteral("SELECT created_at, id FROM %1 %2 ORDER BY created_at DESC, id DESC LIMIT %3")
                              .arg(tableName(table), where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                              .arg(std::max(0, limit)),
                          binds);
    QList<CreatedKey> out;
    while (q.next())
        out.append(CreatedKey{q.value(0).toString(), q.value(1).toString()});
    return out;
}

QString ApiCreatedOrder::cursor(Table table, const CreatedKey &last)
{
    const QByteArray raw = tag(table) + '\n' + last.createdAt.toUtf8() + '\n' + last.id.toUtf8();
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<CreatedKey> ApiCreatedOrder::parseCursor(Table table, const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split('\n');
    if (parts.size() != 3 || parts[0] != tag(table) || parts[1].isEmpty() || parts[2].isEmpty())
        return std::nullopt;
    return CreatedKey{QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2])};
}

} // namespace orb
