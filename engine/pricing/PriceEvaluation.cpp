// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pricing/PriceEvaluation.h"

#include <QJsonArray>

namespace orb::pricing {

QJsonObject PriceEvaluation::toJson() const
{
    QJsonArray lines;
    for (const SubLineItem &line : subLineItems)
        lines.append(line.toJson());
    QJsonObject o;
    o.insert(QStringLiteral("quantity"), quantity.toCanonicalString());
    o.insert(QStringLiteral("subtotal"), subtotal.toCanonicalString());
    o.insert(QStringLiteral("amount"), amount.toString());
    o.insert(QStringLiteral("currency"), currency.code());
    o.insert(QStringLiteral("sub_line_items"), lines);
    return o;
}

} // namespace orb::pricing
