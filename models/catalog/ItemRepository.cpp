// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/ItemRepository.h"

#include "models/Timestamps.h"

#include <QSqlQuery>

namespace orb {

namespace {

QVariant optionalTimestamp(const QDateTime &t)
{
    return t.isValid() ? QVariant(toIsoUtc(t)) : QVariant(QMetaType::fromType<QString>());
}

} // namespace

void ItemRepository::insert(const Item &item)
{
    m_db.exec(QStringLiteral("INSERT INTO items (id, name, created_at, updated_at, archived_at) VALUES (?, ?, ?, ?, ?)"),
              {item.id, item.name, toIsoUtc(item.createdAt), toIsoUtc(item.updatedAt), optionalTimestamp(item.archivedAt)});
}

void ItemRepository::update(const Item &item)
{
    m_db.exec(QStringLiteral("UPDATE items SET name = ?, updated_at = ?, archived_at = ? WHERE id = ?"),
              {item.name, toIsoUtc(item.updatedAt), optionalTimestamp(item.archivedAt), item.id});
}

QList<Item> ItemRepository::select(const QString &where, const QVariantList &binds) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, name, created_at, updated_at, archived_at FROM items ") + where, binds);
    QList<Item> out;
    while (q.next()) {
        Item item;
        item.id = q.value(0).toString();
        item.name = q.value(1).toString();
        item.createdAt = fromIsoUtc(q.value(2).toString());
        item.updatedAt = fromIsoUtc(q.value(3).toString());
        if (!q.value(4).isNull())
            item.archivedAt = fromIsoUtc(q.value(4).toString());
        out.append(item);
    }
    return out;
}

std::optional<Item> ItemRepository::findById(const QString &id) const
{
    const auto list = select(QStringLiteral("WHERE id = ?"), {id});
    return list.isEmpty() ? std::nullopt : std::optional<Item>(list.first());
}

std::optional<Item> ItemRepository::findByName(const QString &name) const
{
    const auto list = select(QStringLiteral("WHERE name = ?"), {name});
    return list.isEmpty() ? std::nullopt : std::optional<Item>(list.first());
}

std::optional<Item> ItemRepository::resolve(const QString &reference) const
{
    if (auto item = findById(reference))
        return item;
    return findByName(reference);
}

QList<Item> ItemRepository::list() const
{
    return select(QStringLiteral("ORDER BY name"), {});
}

} // namespace orb
