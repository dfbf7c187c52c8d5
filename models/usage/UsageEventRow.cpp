// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/usage/UsageEventRow.h"

#include "models/usage/PropertiesJson.h"
#include "models/usage/UsageKeyHash.h"

namespace orb {

UsageEventRow UsageEventRow::fromEvent(const Event &event)
{
    UsageEventRow r;
    r.idempotencyKey = event.idempotencyKey.toUtf8();
    r.keyHash = usageKeyHash(r.idempotencyKey);
    r.tsMs = event.timestamp.toMSecsSinceEpoch();
    r.eventName = event.eventName.toUtf8();
    r.customerId = event.customerId.toUtf8();
    r.externalCustomerId = event.externalCustomerId.toUtf8();
    r.properties = PropertiesJson::write(event.properties);
    return r;
}

Event UsageEventRow::toEvent() const
{
    Event e;
    e.idempotencyKey = QString::fromUtf8(idempotencyKey);
    e.eventName = QString::fromUtf8(eventName);
    e.timestamp = QDateTime::fromMSecsSinceEpoch(tsMs, Qt::UTC);
    e.customerId = QString::fromUtf8(customerId);
    e.externalCustomerId = QString::fromUtf8(externalCustomerId);
    PropertiesJson::parse(properties, e.properties);
    return e;
}

} // namespace orb
