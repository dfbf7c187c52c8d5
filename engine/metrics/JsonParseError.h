// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

/// Why a JSON document (an event, a metric definition) was rejected, and where.
struct JsonParseError {
    qsizetype offset = -1; ///< byte offset into the input, -1 when unknown
    QString path;          ///< the field, dotted ("properties.tokens", "filters.and[1]"); empty at the top
    QString message;       ///< the rule broken

    /// "properties.tokens: nested objects are not allowed (at byte offset 57)".
    QString toString() const
    {
        QString s = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
        if (offset >= 0)
            s += QStringLiteral(" (at byte offset ") + QString::number(offset) + QLatin1Char(')');
        return s;
    }
};

} // namespace orb
