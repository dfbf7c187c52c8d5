// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/metrics/MetricDefinition.h"
#include "models/Database.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace orb {

/// Billable metrics in the company file. The service layer checks the rules.
class MetricRepository final
{
public:
    explicit MetricRepository(const Database &db) : m_db(db) {}

    /// Stores a new metric (its id must be set); a duplicate name is a Conflict.
    void insert(const MetricDefinition &metric, const QDateTime &now);
    void update(const MetricDefinition &metric, const QDateTime &now);

    /// Archives a metric (or unarchives it with an invalid instant).
    void setArchivedAt(const QString &id, const QDateTime &archivedAt, const QDateTime &now);
    /// When the metric was archived; invalid when it is active (or unknown).
    QDateTime archivedAt(const QString &id) const;

    std::optional<MetricDefinition> findById(const QString &id) const;
    std::optional<MetricDefinition> findByName(const QString &name) const;
    /// A metric by id or by name.
    std::optional<MetricDefinition> resolve(const QString &reference) const;
    /// Every metric, by name.
    QList<MetricDefinition> list() const;
    /// The metrics that count events of this name.
    QList<MetricDefinition> forEventName(const QString &eventName) const;

private:
    QList<MetricDefinition> select(const QString &where, const QVariantList &binds) const;
    const Database &m_db;
};

} // namespace orb
