// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/CompanyLock.h"

#include <QFileInfo>
#include <QLocale>

namespace orb {

CompanyLock::CompanyLock(const QString &companyPath) : m_lock(lockPath(companyPath))
{
    // Never stale by age: a desktop program may keep a file open for weeks. A lock is stale
    // only when its process is gone (QLockFile checks the pid on this host).
    m_lock.setStaleLockTime(0);
}

CompanyLock::~CompanyLock() = default;

QString CompanyLock::lockPath(const QString &companyPath)
{
    return QFileInfo(companyPath).absoluteFilePath() + QStringLiteral(".lock");
}

bool CompanyLock::tryLock()
{
    if (m_lock.isLocked())
        return true;
    return m_lock.tryLock(0);
}

void CompanyLock::unlock()
{
    if (m_lock.isLocked())
        m_lock.unlock();
}

std::optional<LockOwner> CompanyLock::owner(const QString &companyPath)
{
    const QString path = lockPath(companyPath);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    QLockFile probe(path);
    probe.setStaleLockTime(0);
    // Taking the lock for an instant is the one reliable test of "held by a live process":
    // it also clears a stale lock of a dead one.
    if (probe.tryLock(0)) {
        probe.unlock();
        return std::nullopt;
    }
    LockOwner o;
    if (!probe.getLockInfo(&o.pid, &o.host, &o.program))
        return std::nullopt; // vanished or unreadable between the two calls: not held
    const QFileInfo fi(path);
    o.user = fi.owner();
    o.since = fi.lastModified().toUTC();
    return o;
}

QString CompanyLock::inUseMessage(const QString &companyPath, const LockOwner &o)
{
    const QString who = o.user.isEmpty() ? QStringLiteral("another user") : o.user;
    const QString program = o.program.isEmpty() ? QStringLiteral("an Orb program") : o.program;
    return QStringLiteral("%1 is in use by %2 on %3 (%4, process %5) since %6. "
                          "Open it read-only, or close it there first.")
        .arg(companyPath, who, o.host, program, QString::number(o.pid), QLocale::c().toString(o.since, QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

} // namespace orb
