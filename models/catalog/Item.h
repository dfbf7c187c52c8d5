// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace orb {

/// A product or service that prices are billed under (Orb's Item): invoice lines group by it.
struct Item {
    QString id;
    QString name;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime archivedAt;

    bool isArchived() const { return archivedAt.isValid(); }
    /// Orb's shape: {"id", "name", "created_at", "external_connections": []} (+ "archived_at").
    QJsonObject toJson() const;
};

} // namespace orb
