// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace orb {

class Database;

/// One line of the sync log: a Stripe event seen, a push, a refusal the user must know of.
struct SyncLogEntry {
    qint64 id = 0;
    QDateTime at;
    QString level; ///< info, warning, error
    QString kind;  ///< event, push, usage_window, run
    qint64 outboxId = 0;
    QString stripeEventId;
    QString stripeType;
    QString stripeObjectId;
    QString message;
};

/// What the worker did and saw, kept in the company file (never the key, never a request body).
class SyncLog final
{
public:
    explicit SyncLog(Database &db) : m_db(db) {}

    void add(const SyncLogEntry &entry);
    /// Records a Stripe event once; false when it was already recorded.
    bool addEvent(const SyncLogEntry &entry);
    /// Newest first; an empty level lists all.
    /// beforeId: only lines older than that one (the next page of a list).
    QList<SyncLogEntry> list(const QString &level = {}, int limit = 200, qint64 beforeId = 0) const;

private:
    Database &m_db;
};

} // namespace orb
