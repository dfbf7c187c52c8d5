// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace orb {

class Clock;
class Database;

/// Who holds a lease (a row of work_leases).
struct LeaseHolder {
    QString holder; ///< the holding worker's own token
    QString host;
    qint64 pid = 0;
    QString dbUser; ///< the database user of the holder's connection (a server), else empty
    QDateTime acquiredAt;
    QDateTime renewedAt;
    QDateTime expiresAt;
};

/**
 * Work that must run in one place only (the Stripe worker: two pushing the same outbox would
 * send everything twice) holds a lease in the company itself, so it works across processes on
 * one company file and across machines on a company server alike. acquire() takes a free or
 * expired lease or renews the one held here, in one transaction under the writer lock, so two
 * workers never both think they hold it; a holder that vanished without release() is taken
 * over once its lease expires. Use it from the thread that owns the connection.
 */
class WorkLease final
{
public:
    /// name: the kind of work ("stripe-sync"); seconds: how long a lease lasts unrenewed.
    WorkLease(Database &db, QString name, const Clock &clock, int seconds = DefaultSeconds);
    ~WorkLease(); ///< releases a lease still held (never throws)
    WorkLease(const WorkLease &) = delete;
    WorkLease &operator=(const WorkLease &) = delete;

    static constexpr int DefaultSeconds = 300;

    /// Takes or renews the lease. Nothing when it is held here now; otherwise who holds it.
    std::optional<LeaseHolder> acquire();
    /// Gives the lease up if held here, so another worker may start at once.
    void release();
    bool isHeld() const { return m_held; }
    void setSeconds(int seconds) { m_seconds = seconds; }

    /// The lease as stored now, if any (expired or not).
    std::optional<LeaseHolder> current() const;
    /// "Stripe sync runs on HOST (pid N, as USER) since …, until …" for people.
    static QString describe(const QString &work, const LeaseHolder &holder);

    /// The name of the Stripe worker's lease.
    static QString stripeSync();

private:
    Database &m_db;
    QString m_name;
    const Clock &m_clock;
    int m_seconds;
    QString m_token;
    bool m_held = false;
};

} // namespace orb
