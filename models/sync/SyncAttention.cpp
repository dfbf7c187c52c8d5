// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/SyncAttention.h"

#include "models/Database.h"
#include "models/Timestamps.h"
#include "models/sync/Outbox.h"
#include "models/sync/SyncState.h"

#include <algorithm>

namespace orb {

namespace {

/// What a person does about a movement the recorder reported (by its stripe_type).
QString actionFor(const QString &type, const QString &level)
{
    if (type.startsWith(QLatin1String("dispute_opened")))
        return QStringLiteral("Answer the dispute in Stripe with evidence; the funds stay withdrawn until it is decided");
    if (type == QLatin1String("dispute_won"))
        return QStringLiteral("Nothing: the funds are back and the invoice stays paid");
    if (type == QLatin1String("dispute_lost"))
        return QStringLiteral("Nothing to record: Orb wrote the amount off with a credit note of kind refund; follow up with the customer");
    if (type.startsWith(QLatin1String("dispute_closed")))
        return QStringLiteral("Nothing: the inquiry closed without moving money");
    if (type == QLatin1String("refund_recorded"))
        return QStringLiteral("Check the credit note: Orb spread the refund over the invoice's lines in order");
    if (type == QLatin1String("refund"))
        return QStringLiteral("Record the refund in Orb as a credit note of kind refund on the invoice");
    if (type == QLatin1String("credit_note_refund"))
        return QStringLiteral("Nothing more: its refund is recorded in Orb from the charge; check that credit note's lines");
    if (type.startsWith(QLatin1String("credit_note")))
        return QStringLiteral("Make the same change in Orb (a credit note on the invoice)");
    if (type == QLatin1String("invoice_voided") || type == QLatin1String("invoice_uncollectible"))
        return QStringLiteral("Void or credit the invoice in Orb if that was meant, or reopen it in Stripe");
    if (level == QLatin1String("error"))
        return QStringLiteral("Compare the invoice in Orb and in Stripe and record the difference by hand");
    return {};
}

QString kindFor(const QString &type, const QString &level)
{
    if (type.startsWith(QLatin1String("dispute")))
        return QStringLiteral("dispute");
    if (type.startsWith(QLatin1String("refund")))
        return QStringLiteral("refund");
    if (type.startsWith(QLatin1String("credit_note")))
        return QStringLiteral("credit_note");
    if (type == QLatin1String("invoice_voided") || type == QLatin1String("invoice_uncollectible"))
        return QStringLiteral("stripe_void");
    return level == QLatin1String("error") ? QStringLiteral("not_recorded") : QString();
}

} // namespace

QList<AttentionItem> SyncAttention::list(int limit) const
{
    QList<AttentionItem> items;
    const QString mismatch = SyncState(m_db).get(SyncState::AccountMismatch);
    if (!mismatch.isEmpty()) {
        const QString bound = SyncState(m_db).get(SyncState::AccountId);
        items.append({fromIsoUtc(SyncState(m_db).get(SyncState::LastRunAt)), QStringLiteral("account"),
                      QStringLiteral("The Stripe key belongs to %1, but this company file syncs with %2; sync is stopped").arg(mismatch, bound),
                      QStringLiteral("Restore the key of %1 in Settings › Stripe, or start afresh with %2 (its customers and open invoices are "
                                     "sent to the new account)")
                          .arg(bound, mismatch),
                      0});
    }
    for (const OutboxItem &i : Outbox(m_db).list(QStringLiteral("failed"), limit)) {
        // The two failures that are about money get their own kind and what to do.
        QString kind = QStringLiteral("failed");
        QString action = QStringLiteral("Fix the cause named, then Retry; or Skip if Stripe must not learn of it");
        if (i.lastError.contains(QLatin1String("nothing was collected"))) {
            kind = QStringLiteral("mismatch");
            action = QStringLiteral("Remove Stripe's own customer balance or discount (or correct the invoice in Stripe), then Retry; nothing was "
                                    "collected meanwhile");
        } else if (i.lastError.contains(QLatin1String("may have paid twice"))) {
            kind = QStringLiteral("paid_twice");
            action = QStringLiteral("Refund one of the two payments (in Stripe, or in Orb with a credit note of kind refund), then Skip this item");
        }
        items.append({i.lastAttemptAt, kind, QStringLiteral("%1 %2: %3").arg(i.objectType, i.objectId, i.lastError), action, i.id});
    }
    // Movements the recorder reported (its own log lines carry no event id) and money that
    // could not be recorded.
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT at, level, stripe_type, message FROM sync_log WHERE level IN ('warning', 'error') "
                                           "AND kind IN ('event', 'reconcile') AND stripe_event_id IS NULL ORDER BY id DESC LIMIT ?"),
                            {limit});
    while (q.next()) {
        const QString level = q.value(1).toString();
        const QString type = q.value(2).toString();
        const QString kind = kindFor(type, level);
        if (kind.isEmpty())
            continue;
        items.append({fromIsoUtc(q.value(0).toString()), kind, q.value(3).toString(), actionFor(type, level), 0});
    }
    std::stable_sort(items.begin(), items.end(), [](const AttentionItem &a, const AttentionItem &b) {
        if (a.kind == QLatin1String("account") || b.kind == QLatin1String("account"))
            return a.kind == QLatin1String("account") && b.kind != QLatin1String("account");
        return a.at > b.at;
    });
    if (items.size() > limit)
        items.resize(limit);
    return items;
}

} // namespace orb
