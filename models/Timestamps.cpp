// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Timestamps.h"

#include "engine/IsoDate.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace orb {

QString toIsoUtc(const QDateTime &instant)
{
    return isoUtcText(instant);
}

QString toApiTimestamp(const QDateTime &instant)
{
    if (!instant.isValid())
        return {};
    const QDateTime utc = instant.toUTC();
    return utc.time().msec() == 0 ? utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime fromIsoUtc(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    return dt.toUTC();
}

QDateTime parseTimestampWithZone(const QString &text)
{
    static const QRegularExpression zoned(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$)"));
    if (!zoned.match(text).hasMatch())
        return {};
    QString t = text;
    // Qt reads at most milliseconds; drop finer digits rather than reject the timestamp.
    static const QRegularExpression fine(QStringLiteral(R"((\.\d{3})\d+)"));
    t.replace(fine, QStringLiteral("\\1"));
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

} // namespace orb
