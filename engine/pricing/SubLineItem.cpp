// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/SubLineItem.h"

namespace orb::pricing {

QJsonObject SubLineItem::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("quantity"), quantity.toCanonicalString());
    o.insert(QStringLiteral("unit_amount"), unitAmount ? QJsonValue(unitAmount->toCanonicalString()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("amount"), amount.toCanonicalString());
    o.insert(QStringLiteral("grouping"), grouping);
    return o;
}

} // namespace orb::pricing
