// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace orb {

/// Where "now" comes from. Services take a Clock so that tests and `orbctl --now` fix time.
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current instant, in UTC.
    virtual QDateTime now() const = 0;
};

/// The system's clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

/// A clock that stands still at a given instant until moved.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime instant) : m_now(instant.toUTC()) {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &instant) { m_now = instant.toUTC(); }
    void advanceSecs(qint64 secs) { m_now = m_now.addSecs(secs); }

private:
    QDateTime m_now;
};

} // namespace orb
