// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

/// One broken rule in some input: where (a JSON path such as `$.plans[0].prices[2].unit_config.unit_amount`,
/// a CSV column, or a field name) and what rule was broken.
struct FieldError {
    QString path;
    QString message;

    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
};

using FieldErrors = QList<FieldError>;

/// All errors, one a line.
inline QString joinErrors(const FieldErrors &errors)
{
    QStringList lines;
    for (const FieldError &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace orb
