// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/PgPrivateCluster.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace orb::test {

PgPrivateCluster::PgPrivateCluster(QString password) : m_password(std::move(password))
{
    // Short and in /tmp: a Unix socket's path has a small limit, and an unprivileged cluster
    // owner must reach it.
    m_dir = QStringLiteral("/tmp/orb-pgp-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(10));
    m_started = script(QStringLiteral("start"));
}

PgPrivateCluster::~PgPrivateCluster()
{
    script(QStringLiteral("stop"));
}

bool PgPrivateCluster::script(const QString &action) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ORB_PG_PASSWORD"), m_password);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("bash"), {qEnvironmentVariable("ORB_SOURCE_DIR") + QStringLiteral("/scripts/pg-test-cluster.sh"), action, m_dir});
    return p.waitForFinished(180000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool PgPrivateCluster::halt() const
{
    return script(QStringLiteral("halt"));
}

bool PgPrivateCluster::resume() const
{
    return script(QStringLiteral("resume"));
}

QString PgPrivateCluster::createDatabase(const QString &name) const
{
    const QString connection = QStringLiteral("orb-private-admin");
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(m_dir);
        admin.setUserName(QStringLiteral("orbadmin"));
        admin.setPassword(m_password);
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (admin.open()) {
            QSqlQuery q(admin);
            ok = q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
            if (!ok)
                qWarning("cannot create %s: %s", qPrintable(name), qPrintable(q.lastError().text()));
        } else {
            qWarning("cannot reach the private cluster in %s: %s", qPrintable(m_dir), qPrintable(admin.lastError().text()));
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok ? QStringLiteral("postgresql://orbadmin@/%1?host=%2").arg(name, m_dir) : QString();
}

} // namespace orb::test
