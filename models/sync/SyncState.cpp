// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/SyncState.h"

#include "models/Database.h"

namespace orb {

QString SyncState::get(const QString &key, const QString &defaultValue) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"), {key});
    return v.isValid() ? v.toString() : defaultValue;
}

void SyncState::set(const QString &key, const QString &value)
{
    m_db.exec(QStringLiteral("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
              {key, value.isNull() ? QStringLiteral("") : value}); // a null QString would bind as NULL
}

void SyncState::remove(const QString &key)
{
    m_db.exec(QStringLiteral("DELETE FROM sync_state WHERE key = ?"), {key});
}

} // namespace orb
