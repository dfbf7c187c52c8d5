// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Validation.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

namespace orb::validation {

bool isEmail(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$)"));
    return text.size() <= 254 && re.match(text).hasMatch() && !text.contains(QStringLiteral(".."));
}

bool isTimeZone(const QString &text)
{
    if (text.isEmpty())
        return false;
    return QTimeZone::isTimeZoneIdAvailable(text.toUtf8());
}

bool isCountryCode(const QString &text)
{
    if (text.size() != 2 || text != text.toUpper())
        return false;
    return QLocale::codeToTerritory(text) != QLocale::AnyTerritory;
}

} // namespace orb::validation
