// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace orb {

class Database;

/// Small named values the worker keeps in the company file (the event cursor, the last run).
class SyncState final
{
public:
    static inline const QString EventCursor = QStringLiteral("event_cursor");                ///< id of the newest event seen
    static inline const QString EventCursorCreated = QStringLiteral("event_cursor_created"); ///< its `created`, Unix seconds
    static inline const QString LastRunAt = QStringLiteral("last_run_at");
    static inline const QString LastRunResult = QStringLiteral("last_run_result");
    static inline const QString LastReconcileAt = QStringLiteral("last_reconcile_at");

    /// The Stripe account (and mode) the id map, cursor and outbox belong to (GET /v1/account).
    static inline const QString AccountId = QStringLiteral("account_id");
    static inline const QString AccountLivemode = QStringLiteral("account_livemode");
    /// Set when the key in use belongs to another account: sync stops until a person chooses.
    static inline const QString AccountMismatch = QStringLiteral("account_mismatch");
    /// The other account's id and mode ("acct_… live"), for the choice to start afresh with it.
    static inline const QString AccountMismatchId = QStringLiteral("account_mismatch_id");

    explicit SyncState(Database &db) : m_db(db) {}
    QString get(const QString &key, const QString &defaultValue = {}) const;
    void set(const QString &key, const QString &value);
    void remove(const QString &key);

private:
    Database &m_db;
};

} // namespace orb
