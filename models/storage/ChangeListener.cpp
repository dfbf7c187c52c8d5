// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storage/ChangeListener.h"

#include "models/Database.h"

#include <QSqlDriver>

namespace orb {

ChangeListener::ChangeListener(Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    if (!db.isServer() || !db.isOpen())
        return;
    QSqlDriver *driver = db.handle().driver();
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    m_listening = driver->subscribeToNotification(Database::changeChannel());
    if (!m_listening)
        return;
    connect(driver, &QSqlDriver::notification, this, [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
        // Our own commits: the screen that made them has shown them already.
        if (name != Database::changeChannel() || source == QSqlDriver::SelfSource)
            return;
        emit changed(payload.toString().split(QLatin1Char(','), Qt::SkipEmptyParts));
    });
}

ChangeListener::~ChangeListener()
{
    if (m_listening && m_db.isOpen())
        m_db.handle().driver()->unsubscribeFromNotification(Database::changeChannel());
}

} // namespace orb
