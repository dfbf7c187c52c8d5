// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/Item.h"

#include "models/Timestamps.h"

#include <QJsonArray>

namespace orb {

QJsonObject Item::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("created_at"), toApiTimestamp(createdAt)},
                  // Orb lists links to accounting systems here; Orb desktop keeps none yet.
                  {QStringLiteral("external_connections"), QJsonArray()}};
    if (isArchived())
        o.insert(QStringLiteral("archived_at"), toApiTimestamp(archivedAt));
    return o;
}

} // namespace orb
