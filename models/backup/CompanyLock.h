// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QLockFile>
#include <QString>

#include <optional>

namespace orb {

/// Who holds a company file's lock, as the lock file beside it tells.
struct LockOwner {
    qint64 pid = 0;
    QString host;
    QString program;
    QString user;
    QDateTime since; ///< UTC
};

/**
 * The lock beside a company file (`company.orb.lock`) that the desktop program holds for as
 * long as it has the file open, so that a second program opening the file learns who has it
 * (user, host, program, process and since when) instead of both writing behind each other's
 * screens. The lock of a process that died on this host is stale and is taken over.
 *
 * Decided for the command-line tool: `orbctl` commands do not take the lock. Each command is
 * one short SQLite transaction, and SQLite's WAL mode with a busy timeout lets it work safely
 * alongside the desktop program (whose views refresh on their own). Only `orbctl restore`,
 * which replaces the file itself, checks the lock and refuses a file in use unless forced.
 */
class CompanyLock final
{
public:
    explicit CompanyLock(const QString &companyPath);
    ~CompanyLock();
    CompanyLock(const CompanyLock &) = delete;
    CompanyLock &operator=(const CompanyLock &) = delete;

    /// The lock file's path for a company file.
    static QString lockPath(const QString &companyPath);

    /// Takes the lock, taking over a stale one; false when a live process holds it.
    bool tryLock();
    void unlock();
    bool isLocked() const { return m_lock.isLocked(); }

    /// Who holds the lock of a company file now (a stale lock counts as free), if anyone.
    static std::optional<LockOwner> owner(const QString &companyPath);

    /// The message a second program shows: who has the file, and what the user can do.
    static QString inUseMessage(const QString &companyPath, const LockOwner &owner);

private:
    QLockFile m_lock;
};

} // namespace orb
