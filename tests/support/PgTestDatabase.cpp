// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/PgTestDatabase.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace orb::test {

QString pgTestSocket()
{
    return qEnvironmentVariable("ORB_TEST_PG_SOCKET");
}

QString pgTestDatabase(const QString &name)
{
    const QString socket = pgTestSocket();
    if (socket.isEmpty()) {
        QTest::qFail("ORB_TEST_PG_SOCKET is not set: run this test through ctest (the pg_cluster_start fixture)", __FILE__, __LINE__);
        return {};
    }
    // Unique per process: ctest may run several PostgreSQL tests at once on one cluster.
    const QString db = QStringLiteral("%1_%2").arg(name).arg(QCoreApplication::applicationPid());
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("orb-test-admin"));
        admin.setHostName(socket);
        admin.setUserName(QStringLiteral("orbadmin"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open()) {
            QTest::qFail(qPrintable(QStringLiteral("cannot reach the test cluster in %1: %2").arg(socket, admin.lastError().text())), __FILE__, __LINE__);
        } else {
            QSqlQuery q(admin);
            if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(db)) || !q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(db)))
                QTest::qFail(qPrintable(QStringLiteral("cannot create the test database %1: %2").arg(db, q.lastError().text())), __FILE__, __LINE__);
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("orb-test-admin"));
    return QStringLiteral("postgresql://orbadmin@/%1?host=%2").arg(db, socket);
}

} // namespace orb::test
