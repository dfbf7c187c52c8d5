// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sync/SyncJournal.h"

#include "engine/Clock.h"
#include "models/Database.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/sync/StripeFollowUps.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncState.h"

namespace orb {

void SyncJournal::log(const QString &level, const QString &kind, qint64 outboxId, const QString &stripeObjectId, const QString &message)
{
    UnitOfWork uow(m_db);
    SyncLog(m_db).add({0, m_clock.now(), level, kind, outboxId, {}, {}, stripeObjectId, message});
    uow.commit();
}

void SyncJournal::finishItem(const OutboxItem &item, const QString &level, const QString &stripeId, const QString &message)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), level, QStringLiteral("push"), item.id, {}, {}, stripeId, message});
    uow.commit();
}

void SyncJournal::failItem(const OutboxItem &item, const QString &error)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).markFailed(item.id, error, m_clock.now());
    SyncLog(m_db).add({0,
                       m_clock.now(),
                       QStringLiteral("error"),
                       QStringLiteral("push"),
                       item.id,
                       {},
                       {},
                       {},
                       QStringLiteral("%1 %2 (%3): %4").arg(item.objectType, item.objectId, item.action, error)});
    uow.commit();
}

void SyncJournal::attemptItem(const OutboxItem &item, const QString &error)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).markAttempt(item.id, error, m_clock.now());
    uow.commit();
}

void SyncJournal::map(const QString &objectType, const QString &localId, const QString &stripeId)
{
    UnitOfWork uow(m_db);
    StripeIdMap(m_db).set(objectType, localId, stripeId);
    uow.commit();
}

void SyncJournal::mapAndFinish(const OutboxItem &item, const QString &objectType, const QString &localId, const QString &stripeId, const QString &message)
{
    UnitOfWork uow(m_db);
    StripeIdMap(m_db).set(objectType, localId, stripeId);
    Outbox(m_db).markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("info"), QStringLiteral("push"), item.id, {}, {}, stripeId, message});
    uow.commit();
}

void SyncJournal::finishInvoicePush(const OutboxItem &item, const QStringList &paymentIds, const QStringList &creditNoteIds, const QString &stripeId,
                                    const QString &level, const QString &message)
{
    UnitOfWork uow(m_db);
    StripeFollowUps(m_db).markTold(paymentIds, creditNoteIds, QStringLiteral("settled:") + stripeId);
    Outbox(m_db).markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), level, QStringLiteral("push"), item.id, {}, {}, stripeId, message});
    uow.commit();
}

void SyncJournal::finishFollowUp(const OutboxItem &item, const QString &objectType, const QString &stripeId, const QString &level, const QString &message)
{
    UnitOfWork uow(m_db);
    StripeIdMap(m_db).set(objectType, item.objectId, stripeId);
    Outbox(m_db).markDone(item.id, m_clock.now());
    SyncLog(m_db).add({0, m_clock.now(), level, QStringLiteral("push"), item.id, {}, {}, stripeId, message});
    uow.commit();
}

void SyncJournal::unmap(const QString &objectType, const QString &localId)
{
    UnitOfWork uow(m_db);
    StripeIdMap(m_db).remove(objectType, localId);
    uow.commit();
}

qint64 SyncJournal::pendingItemFor(const QString &objectType, const QString &objectId, const QString &action)
{
    if (const auto pending = Outbox(m_db).pendingFor(objectType, objectId))
        return *pending;
    UnitOfWork uow(m_db);
    const qint64 id = Outbox::enqueue(m_db, objectType, objectId, action);
    uow.commit();
    return id;
}

void SyncJournal::sweep()
{
    UnitOfWork uow(m_db);
    Outbox::sweepUsage(m_db);
    StripeFollowUps(m_db).sweep();
    uow.commit();
}

void SyncJournal::setState(const QString &key, const QString &value)
{
    UnitOfWork uow(m_db);
    SyncState(m_db).set(key, value);
    uow.commit();
}

void SyncJournal::removeState(const QString &key)
{
    UnitOfWork uow(m_db);
    SyncState(m_db).remove(key);
    uow.commit();
}

void SyncJournal::saveUsageProgress(const OutboxItem &item, qint64 progress, const QString &refusedKey, int refused, const QString &inflightKey,
                                    const QString &inflight)
{
    UnitOfWork uow(m_db);
    Outbox(m_db).setProgress(item.id, progress);
    SyncState state(m_db);
    state.set(refusedKey, QString::number(refused));
    if (!inflightKey.isEmpty()) {
        if (inflight.isEmpty())
            state.remove(inflightKey);
        else
            state.set(inflightKey, inflight);
    }
    uow.commit();
}

void SyncJournal::finishUsage(const OutboxItem &item, const QString &refusedKey, int refused, const QString &message)
{
    UnitOfWork uow(m_db);
    SyncState(m_db).remove(refusedKey);
    Outbox outbox(m_db);
    if (refused > 0) {
        // Reported, never dropped in silence: the item stays failed until the user skips it.
        SyncLog(m_db).add({0,
                           m_clock.now(),
                           QStringLiteral("error"),
                           QStringLiteral("push"),
                           item.id,
                           {},
                           {},
                           {},
                           QStringLiteral("usage %1: %2").arg(item.objectId, message)});
        outbox.markFailed(item.id, message, m_clock.now());
    } else {
        outbox.markDone(item.id, m_clock.now());
    }
    uow.commit();
}

bool SyncJournal::usageOriginalMayBeSent(qint64 originalSeq, qint64 amendedAtMs) const
{
    // The original went to Stripe if the item holding it got past it before the amendment;
    // an item that reached it only later found it superseded and skipped it. When unsure
    // (an item still under way), say yes: a refusal is reported, a double count is not.
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT progress, done_at FROM sync_outbox WHERE object_type = 'usage_range' "
                                           "AND CAST(substr(object_id, 1, instr(object_id, '-') - 1) AS INTEGER) <= ? "
                                           "AND CAST(substr(object_id, instr(object_id, '-') + 1) AS INTEGER) >= ?"),
                            {originalSeq, originalSeq});
    while (q.next()) {
        if (q.value(0).toLongLong() < originalSeq)
            continue;
        const QDateTime doneAt = fromIsoUtc(q.value(1).toString());
        if (!doneAt.isValid() || doneAt.toMSecsSinceEpoch() <= amendedAtMs)
            return true;
    }
    return false;
}

int SyncJournal::recordEventPage(const QList<PulledEvent> &oldestFirst, PaymentSink *sink)
{
    if (oldestFirst.isEmpty())
        return 0;
    UnitOfWork uow(m_db);
    SyncLog log(m_db);
    int fresh = 0;
    for (const PulledEvent &e : oldestFirst) {
        const bool isNew =
            log.addEvent({0, QDateTime::fromSecsSinceEpoch(e.created, Qt::UTC), e.level, QStringLiteral("event"), 0, e.id, e.type, e.objectId, e.message});
        if (!isNew)
            continue; // seen before (a run that stopped before moving the cursor)
        ++fresh;
        if (e.payment && sink) {
            const QString problem = sink->record(m_db, *e.payment);
            if (!problem.isEmpty())
                log.add({0,
                         m_clock.now(),
                         QStringLiteral("error"),
                         QStringLiteral("event"),
                         0,
                         {},
                         e.type,
                         e.payment->stripeObjectId,
                         QStringLiteral("%1 could not be recorded: %2").arg(e.id, problem)});
        }
    }
    SyncState state(m_db);
    state.set(SyncState::EventCursor, oldestFirst.last().id);
    state.set(SyncState::EventCursorCreated, QString::number(oldestFirst.last().created));
    uow.commit();
    return fresh;
}

void SyncJournal::recordRead(const StripePayment &payment, PaymentSink *sink, const QString &kind)
{
    if (!sink)
        return;
    UnitOfWork uow(m_db);
    const QString problem = sink->record(m_db, payment);
    if (!problem.isEmpty())
        SyncLog(m_db).add({0, m_clock.now(), QStringLiteral("error"), kind, 0, {}, {}, payment.stripeObjectId, problem});
    uow.commit();
}

void SyncJournal::bindAccount(const QString &accountId, const QString &livemode, bool freshStart, const QString &message)
{
    UnitOfWork uow(m_db);
    SyncState state(m_db);
    if (freshStart) {
        const QList<QPair<QString, QString>> open = StripeFollowUps(m_db).mappedOpenInvoices();
        StripeIdMap(m_db).clear();
        state.remove(SyncState::EventCursor);
        state.remove(SyncState::EventCursorCreated);
        state.remove(SyncState::LastReconcileAt);
        for (const auto &[local, stripe] : open) {
            Q_UNUSED(stripe)
            Outbox::enqueue(m_db, QStringLiteral("invoice"), local, QStringLiteral("push"));
        }
    }
    state.set(SyncState::AccountId, accountId);
    state.set(SyncState::AccountLivemode, livemode);
    state.remove(SyncState::AccountMismatch);
    state.remove(SyncState::AccountMismatchId);
    SyncLog(m_db).add(
        {0, m_clock.now(), freshStart ? QStringLiteral("warning") : QStringLiteral("info"), QStringLiteral("account"), 0, {}, {}, accountId, message});
    uow.commit();
}

void SyncJournal::finishRun(const QString &result, bool offline)
{
    UnitOfWork uow(m_db);
    SyncState state(m_db);
    state.set(SyncState::LastRunAt, toIsoUtc(m_clock.now()));
    state.set(SyncState::LastRunResult, result);
    SyncLog(m_db).add({0, m_clock.now(), offline ? QStringLiteral("warning") : QStringLiteral("info"), QStringLiteral("run"), 0, {}, {}, {}, result});
    uow.commit();
}

} // namespace orb
