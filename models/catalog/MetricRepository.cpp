// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/MetricRepository.h"

#include "models/StorageError.h"
#include "models/Timestamps.h"

#include <QSqlQuery>

namespace orb {

void MetricRepository::insert(const MetricDefinition &m, const QDateTime &now)
{
    m_db.exec(
        QStringLiteral("INSERT INTO billable_metrics (id, name, event_name, aggregation, definition, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {m.id(), m.name(), m.eventName(), MetricDefinition::aggregationName(m.aggregation()), QString::fromUtf8(m.toJson()), toIsoUtc(now), toIsoUtc(now)});
}

void MetricRepository::update(const MetricDefinition &m, const QDateTime &now)
{
    m_db.exec(QStringLiteral("UPDATE billable_metrics SET name = ?, event_name = ?, aggregation = ?, definition = ?, updated_at = ? WHERE id = ?"),
              {m.name(), m.eventName(), MetricDefinition::aggregationName(m.aggregation()), QString::fromUtf8(m.toJson()), toIsoUtc(now), m.id()});
}

void MetricRepository::setArchivedAt(const QString &id, const QDateTime &archivedAt, const QDateTime &now)
{
    m_db.exec(QStringLiteral("UPDATE billable_metrics SET archived_at = ?, updated_at = ? WHERE id = ?"),
              {archivedAt.isValid() ? QVariant(toIsoUtc(archivedAt)) : QVariant(QMetaType::fromType<QString>()), toIsoUtc(now), id});
}

QDateTime MetricRepository::archivedAt(const QString &id) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT archived_at FROM billable_metrics WHERE id = ?"), {id});
    return v.isNull() ? QDateTime() : fromIsoUtc(v.toString());
}

QList<MetricDefinition> MetricRepository::select(const QString &where, const QVariantList &binds) const
{
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, definition FROM billable_metrics ") + where, binds);
    QList<MetricDefinition> out;
    while (q.next()) {
        FieldErrors errors;
        auto m = MetricDefinition::fromJson(q.value(1).toString().toUtf8(), &errors);
        if (!m)
            throw ServiceError::storage(QStringLiteral("billable metric %1 in the company file is damaged: %2").arg(q.value(0).toString(), joinErrors(errors)));
        m->setId(q.value(0).toString());
        out.append(*m);
    }
    return out;
}

std::optional<MetricDefinition> MetricRepository::findById(const QString &id) const
{
    const auto list = select(QStringLiteral("WHERE id = ?"), {id});
    return list.isEmpty() ? std::nullopt : std::optional<MetricDefinition>(list.first());
}

std::optional<MetricDefinition> MetricRepository::findByName(const QString &name) const
{
    const auto list = select(QStringLiteral("WHERE name = ?"), {name});
    return list.isEmpty() ? std::nullopt : std::optional<MetricDefinition>(list.first());
}

std::optional<MetricDefinition> MetricRepository::resolve(const QString &reference) const
{
    if (auto m = findById(reference))
        return m;
    return findByName(reference);
}

QList<MetricDefinition> MetricRepository::list() const
{
    return select(QStringLiteral("ORDER BY name"), {});
}

QList<MetricDefinition> MetricRepository::forEventName(const QString &eventName) const
{
    return select(QStringLiteral("WHERE event_name = ? ORDER BY name"), {eventName});
}

} // namespace orb
