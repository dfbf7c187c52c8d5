// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace orb {

/// The stored form of an instant: ISO 8601 in UTC with milliseconds ("2026-03-01T12:00:00.000Z"),
/// which sorts as text in SQLite and PostgreSQL alike.
QString toIsoUtc(const QDateTime &instant);
/// The API form: ISO 8601 in UTC, without milliseconds when they are zero ("2026-03-01T12:00:00Z").
QString toApiTimestamp(const QDateTime &instant);
/// Parses a stored or API timestamp; invalid QDateTime when it is not one.
QDateTime fromIsoUtc(const QString &text);
/// Parses an ISO 8601 timestamp that names its zone ("Z" or an offset); invalid otherwise.
QDateTime parseTimestampWithZone(const QString &text);

} // namespace orb
