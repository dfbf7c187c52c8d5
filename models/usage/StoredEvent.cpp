// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/StoredEvent.h"

#include "models/Timestamps.h"

#include <QJsonDocument>

namespace orb {

QString StoredEvent::statusName(UsageEventStatus status)
{
    switch (status) {
    case UsageEventStatus::Active: return QStringLiteral("active");
    case UsageEventStatus::Superseded: return QStringLiteral("superseded");
    case UsageEventStatus::Deprecated: return QStringLiteral("deprecated");
    case UsageEventStatus::Pending: return QStringLiteral("pending");
    case UsageEventStatus::Discarded: return QStringLiteral("discarded");
    case UsageEventStatus::Replaced: return QStringLiteral("replaced");
    }
    return {};
}

QJsonObject StoredEvent::toJson() const
{
    auto text = [](const QByteArray &b) { return b.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromUtf8(b)); };
    // QJsonDocument reads numbers as doubles, so the properties travel as raw canonical text
    // in "properties_json" beside the convenience object.
    return {{QStringLiteral("id"), QString::fromUtf8(row.idempotencyKey)},
            {QStringLiteral("event_name"), QString::fromUtf8(row.eventName)},
            {QStringLiteral("timestamp"), toApiTimestamp(QDateTime::fromMSecsSinceEpoch(row.tsMs, Qt::UTC))},
            {QStringLiteral("customer_id"), text(row.customerId)},
            {QStringLiteral("external_customer_id"), text(row.externalCustomerId)},
            {QStringLiteral("properties"), QJsonDocument::fromJson(row.properties).object()},
            {QStringLiteral("properties_json"), QString::fromUtf8(row.properties)},
            {QStringLiteral("status"), statusName(status)},
            {QStringLiteral("deprecated"), status == UsageEventStatus::Deprecated},
            {QStringLiteral("backfill_id"), backfillId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(backfillId)}};
}

} // namespace orb
