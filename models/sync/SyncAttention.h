// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace orb {

class Database;

/// One thing in the Stripe sync that only a person can settle, with what to do about it.
struct AttentionItem {
    QDateTime at;
    QString kind;        ///< account, failed, mismatch, paid_twice, dispute, refund, credit_note, stripe_void, not_recorded
    QString what;        ///< what happened, as the log or the item says
    QString action;      ///< what a person does about it
    qint64 outboxId = 0; ///< the failed item, when it is one
};

/// What needs a person (the Sync screen's list and `orbctl sync status`): a key of another
/// Stripe account, failed items, disputes, refunds, Stripe-side credit notes and voids, money
/// that could not be recorded. Newest first.
class SyncAttention final
{
public:
    explicit SyncAttention(Database &db) : m_db(db) {}

    QList<AttentionItem> list(int limit = 200) const;

private:
    Database &m_db;
};

} // namespace orb
