// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb::test {

/**
 * A PostgreSQL cluster of one test's own (scripts/pg-test-cluster.sh in a folder of its own),
 * for what the shared fixture's cluster must not see: logins with passwords (orbadmin's is
 * password()) and a server stopped and started again in the middle of work. Removed when the
 * object goes.
 */
class PgPrivateCluster final
{
public:
    explicit PgPrivateCluster(QString password = QStringLiteral("Orb-test-pw-1"));
    ~PgPrivateCluster();
    PgPrivateCluster(const PgPrivateCluster &) = delete;
    PgPrivateCluster &operator=(const PgPrivateCluster &) = delete;

    bool isRunning() const { return m_started; }
    const QString &socket() const { return m_dir; }
    const QString &password() const { return m_password; }
    /// An empty database NAME; its location (postgresql://orbadmin@/NAME?host=SOCKET).
    QString createDatabase(const QString &name) const;
    /// pg_ctl stop -m fast (data kept) and start again.
    bool halt() const;
    bool resume() const;

private:
    bool script(const QString &action) const;
    QString m_dir;
    QString m_password;
    bool m_started = false;
};

} // namespace orb::test
