// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/Database.h"
#include "models/catalog/Item.h"

#include <QList>

#include <optional>

namespace orb {

/// Items in the company file. The service layer checks the rules.
class ItemRepository final
{
public:
    explicit ItemRepository(const Database &db) : m_db(db) {}

    /// Stores a new item (its id must be set); a duplicate name is a Conflict.
    void insert(const Item &item);
    void update(const Item &item);

    std::optional<Item> findById(const QString &id) const;
    std::optional<Item> findByName(const QString &name) const;
    /// An item by id or by name.
    std::optional<Item> resolve(const QString &reference) const;
    /// Every item (archived too), by name.
    QList<Item> list() const;

private:
    QList<Item> select(const QString &where, const QVariantList &binds) const;
    const Database &m_db;
};

} // namespace orb
