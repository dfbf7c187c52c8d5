// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/Backfill.h"

#include "models/Timestamps.h"

namespace orb {

QJsonObject Backfill::toJson() const
{
    auto ts = [](const QDateTime &t) { return t.isValid() ? QJsonValue(toApiTimestamp(t)) : QJsonValue(QJsonValue::Null); };
    return {{QStringLiteral("id"), id},
            {QStringLiteral("customer_id"), customerId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(customerId)},
            {QStringLiteral("timeframe_start"), ts(timeframeStart)},
            {QStringLiteral("timeframe_end"), ts(timeframeEnd)},
            {QStringLiteral("replace_existing_events"), replaceExistingEvents},
            {QStringLiteral("status"), status},
            {QStringLiteral("events_ingested"), eventsIngested},
            {QStringLiteral("created_at"), ts(createdAt)},
            {QStringLiteral("close_time"), ts(closeTime)},
            {QStringLiteral("reverted_at"), ts(revertedAt)}};
}

} // namespace orb
