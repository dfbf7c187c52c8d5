// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace orb {

/// "yyyy-MM-dd", as QDate::toString(Qt::ISODate) writes it, without its format machinery
/// (a formatted print per call): invoice runs and issuing write several dates per invoice.
/// An invalid date gives an empty text.
QString isoDateText(QDate date);

/// "yyyy-MM-ddTHH:mm:ss.zzzZ" of the instant in UTC, as QDateTime::toString with that format
/// writes it; an invalid instant gives an empty text.
QString isoUtcText(const QDateTime &instant);

} // namespace orb
