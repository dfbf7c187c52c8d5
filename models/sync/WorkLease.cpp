// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/WorkLease.h"

#include "engine/Clock.h"
#include "models/Database.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

#include <cerrno>
#include <csignal>

namespace orb {

namespace {

std::optional<LeaseHolder> readLease(const Database &db, const QString &name)
{
    QSqlQuery q = db.exec(QStringLiteral("SELECT holder, host, pid, db_user, acquired_at, renewed_at, expires_at FROM work_leases WHERE name = ?"), {name});
    if (!q.next())
        return std::nullopt;
    LeaseHolder h;
    h.holder = q.value(0).toString();
    h.host = q.value(1).toString();
    h.pid = q.value(2).toLongLong();
    h.dbUser = q.value(3).toString();
    h.acquiredAt = fromIsoUtc(q.value(4).toString());
    h.renewedAt = fromIsoUtc(q.value(5).toString());
    h.expiresAt = fromIsoUtc(q.value(6).toString());
    return h;
}

// A holder on this machine whose process is gone (killed, crashed) holds nothing: its lease
// need not be waited out. One on another machine can only be judged by its expiry.
bool holderIsGone(const LeaseHolder &h)
{
    if (h.host != QSysInfo::machineHostName() || h.pid <= 0 || h.pid == QCoreApplication::applicationPid())
        return false;
    return ::kill(pid_t(h.pid), 0) != 0 && errno == ESRCH;
}

} // namespace

WorkLease::WorkLease(Database &db, QString name, const Clock &clock, int seconds)
    : m_db(db), m_name(std::move(name)), m_clock(clock), m_seconds(seconds), m_token(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

WorkLease::~WorkLease()
{
    try {
        release();
    } catch (const ServiceError &) {
        // The connection is gone (a server that went away): the lease expires on its own.
    }
}

QString WorkLease::stripeSync()
{
    return QStringLiteral("stripe-sync");
}

std::optional<LeaseHolder> WorkLease::current() const
{
    return readLease(m_db, m_name);
}

std::optional<LeaseHolder> WorkLease::acquire()
{
    // Lease rows carry no audit entry: they record who works, not a change to the books.
    UnitOfWork uow(m_db);
    const QDateTime now = m_clock.now().toUTC();
    const auto existing = readLease(m_db, m_name);
    if (existing && existing->holder != m_token && existing->expiresAt > now && !holderIsGone(*existing)) {
        m_held = false;
        return existing; // held elsewhere and still alive
    }
    const QString expires = toIsoUtc(now.addSecs(m_seconds));
    if (existing && existing->holder == m_token) {
        m_db.exec(QStringLiteral("UPDATE work_leases SET renewed_at = ?, expires_at = ? WHERE name = ? AND holder = ?"),
                  {toIsoUtc(now), expires, m_name, m_token});
    } else {
        // Free, or its holder stopped renewing it (crashed, lost its network) or is gone: take it over.
        m_db.exec(QStringLiteral("DELETE FROM work_leases WHERE name = ?"), {m_name});
        m_db.exec(
            QStringLiteral("INSERT INTO work_leases (name, holder, host, pid, db_user, acquired_at, renewed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {m_name, m_token, QSysInfo::machineHostName(), QCoreApplication::applicationPid(),
             m_db.sessionUser().isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(m_db.sessionUser()), toIsoUtc(now), toIsoUtc(now), expires});
    }
    uow.commit();
    m_held = true;
    return std::nullopt;
}

void WorkLease::release()
{
    if (!m_held)
        return;
    m_held = false;
    if (!m_db.isOpen())
        return;
    UnitOfWork uow(m_db);
    m_db.exec(QStringLiteral("DELETE FROM work_leases WHERE name = ? AND holder = ?"), {m_name, m_token});
    uow.commit();
}

QString WorkLease::describe(const QString &work, const LeaseHolder &h)
{
    const QString who = h.dbUser.isEmpty() ? QStringLiteral("pid %1").arg(h.pid) : QStringLiteral("pid %1, as %2").arg(h.pid).arg(h.dbUser);
    return QStringLiteral("%1 runs on %2 (%3) since %4, until %5 unless renewed")
        .arg(work, h.host, who, toApiTimestamp(h.acquiredAt), toApiTimestamp(h.expiresAt));
}

} // namespace orb
