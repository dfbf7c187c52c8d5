// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/Timestamps.h"

#include "engine/IsoDate.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <optional>

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

namespace {

// The digits at [at, at + n) of `text` as a number, or -1 when any is not an ASCII digit.
int number(const QString &text, qsizetype at, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char16_t c = text.at(at + i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + int(c - u'0');
    }
    return v;
}

// "yyyy-MM-ddTHH:mm:ss.zzzZ" (what isoUtcText writes, so what Orb reads back by the
// thousand in every run) or the same without milliseconds, read without Qt's general ISO
// parser; nullopt for anything else, which that parser reads as before.
std::optional<QDateTime> storedUtc(const QString &text)
{
    const qsizetype n = text.size();
    if ((n != 24 && n != 20) || text.at(4) != u'-' || text.at(7) != u'-' || text.at(10) != u'T' || text.at(13) != u':' || text.at(16) != u':'
        || text.at(n - 1) != u'Z' || (n == 24 && text.at(19) != u'.'))
        return std::nullopt;
    const int y = number(text, 0, 4), mo = number(text, 5, 2), d = number(text, 8, 2);
    const int h = number(text, 11, 2), mi = number(text, 14, 2), s = number(text, 17, 2);
    const int ms = n == 24 ? number(text, 20, 3) : 0;
    // Hour 24 (the end of a day) and every other oddity: Qt's own reading.
    if (y < 1 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || s < 0 || ms < 0)
        return std::nullopt;
    const QDate date(y, mo, d);
    const QTime time(h, mi, s, ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime fromIsoUtc(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (const auto fast = storedUtc(text))
        return *fast;
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
