// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/IsoDate.h"

namespace orb {

namespace {

char *digits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

QString isoDateText(QDate date)
{
    if (!date.isValid())
        return {};
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (y < 1 || y > 9999) // Qt's own rules for years outside four digits
        return date.toString(Qt::ISODate);
    char buf[10];
    char *p = digits(buf, y, 4);
    *p++ = '-';
    p = digits(p, m, 2);
    *p++ = '-';
    digits(p, d, 2);
    return QString::fromLatin1(buf, 10);
}

QString isoUtcText(const QDateTime &instant)
{
    if (!instant.isValid())
        return {};
    const QDateTime utc = instant.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (y < 1 || y > 9999)
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    char buf[24];
    char *p = digits(buf, y, 4);
    *p++ = '-';
    p = digits(p, m, 2);
    *p++ = '-';
    p = digits(p, d, 2);
    *p++ = 'T';
    p = digits(p, time.hour(), 2);
    *p++ = ':';
    p = digits(p, time.minute(), 2);
    *p++ = ':';
    p = digits(p, time.second(), 2);
    *p++ = '.';
    p = digits(p, time.msec(), 3);
    *p = 'Z';
    return QString::fromLatin1(buf, 24);
}

} // namespace orb
