// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeSync.h"

#include "engine/Clock.h"
#include "models/StorageError.h"
#include "models/sync/Outbox.h"
#include "models/sync/StripeFollowUps.h"
#include "models/sync/SyncState.h"
#include "models/sync/WorkLease.h"
#include "sync/StripeCustomerPush.h"
#include "sync/StripeEventPull.h"
#include "sync/StripeFollowUpPush.h"
#include "sync/StripeInvoicePush.h"
#include "sync/StripeSyncContext.h"
#include "sync/StripeUsagePush.h"

namespace orb {

QString StripeAccount::describe() const
{
    return QStringLiteral("%1 (%2 mode)").arg(id, livemode ? QStringLiteral("live") : QStringLiteral("test"));
}

StripeSync::StripeSync(Database &db, StripeClient &client, const Clock &clock)
    : m_ctx(std::make_unique<StripeSyncContext>(db, client, clock)), m_customers(std::make_unique<StripeCustomerPush>(*m_ctx)),
      m_usage(std::make_unique<StripeUsagePush>(*m_ctx, *m_customers)), m_invoices(std::make_unique<StripeInvoicePush>(*m_ctx, *m_customers)),
      m_followUps(std::make_unique<StripeFollowUpPush>(*m_ctx)), m_events(std::make_unique<StripeEventPull>(*m_ctx))
{
}

StripeSync::~StripeSync() = default;

void StripeSync::setPaymentSink(PaymentSink *sink)
{
    m_ctx->sink = sink;
}

void StripeSync::setProgress(std::function<void(const QString &, int, int)> progress)
{
    m_ctx->progressCallback = std::move(progress);
}

void StripeSync::setCancelFlag(const std::atomic_bool *cancel)
{
    m_ctx->cancel = cancel;
}

StripeError StripeSync::checkKey(StripeClient &client)
{
    StripeError error;
    accountOf(client, &error);
    return error;
}

std::optional<StripeAccount> StripeSync::accountOf(StripeClient &client, StripeError *error)
{
    const StripeResult r = client.get(QStringLiteral("/v1/account"));
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    StripeAccount a;
    a.id = r.response.json.value(QLatin1String("id")).toString();
    // The account object carries no mode; the key does (sk_live_… or sk_test_…).
    a.livemode = client.keyMode() == QLatin1String("live");
    if (a.id.isEmpty()) {
        error->kind = StripeError::Kind::Api;
        error->message = QStringLiteral("Stripe's answer to GET /v1/account names no account");
        return std::nullopt;
    }
    return a;
}

std::optional<StripeAccount> StripeSync::boundAccount(Database &db)
{
    SyncState state(db);
    const QString id = state.get(SyncState::AccountId);
    if (id.isEmpty())
        return std::nullopt;
    return StripeAccount{id, state.get(SyncState::AccountLivemode) == QLatin1String("true")};
}

void StripeSync::bindAccount(Database &db, const Clock &clock, const StripeAccount &account, bool freshStart)
{
    SyncJournal journal(db, clock);
    const auto bound = boundAccount(db);
    const bool other = bound && (bound->id != account.id || bound->livemode != account.livemode);
    if (other && !freshStart)
        throw ServiceError::conflict(QStringLiteral("this company file syncs with Stripe account %1; the key belongs to %2. Start a fresh mapping "
                                                    "for the new account, or keep the old key")
                                         .arg(bound->describe(), account.describe()));
    journal.bindAccount(account.id, account.livemode ? QStringLiteral("true") : QStringLiteral("false"), other,
                        other ? QStringLiteral("Stripe account changed from %1 to %2: the id map and the event cursor were cleared, everything is "
                                               "sent to the new account anew")
                                    .arg(bound->describe(), account.describe())
                              : QStringLiteral("bound to Stripe account %1").arg(account.describe()));
}

bool StripeSync::checkAccount(SyncRunSummary &summary)
{
    StripeError error;
    const auto account = accountOf(m_ctx->client, &error);
    ++summary.requests;
    if (!account) {
        summary.stopReason = error.describe();
        summary.offline = error.retryable || error.kind == StripeError::Kind::Authentication;
        return false;
    }
    const auto bound = boundAccount(m_ctx->db);
    if (!bound) {
        bindAccount(m_ctx->db, m_ctx->clock, *account, false);
        return true;
    }
    if (bound->id == account->id && bound->livemode == account->livemode) {
        if (!SyncState(m_ctx->db).get(SyncState::AccountMismatch).isEmpty()) {
            m_ctx->journal.removeState(SyncState::AccountMismatch);
            m_ctx->journal.removeState(SyncState::AccountMismatchId);
        }
        return true;
    }
    // Nothing goes to another account before a person chooses.
    summary.accountMismatch = true;
    summary.stopReason = QStringLiteral("the Stripe key belongs to account %1, but this company file syncs with %2; nothing was sent. "
                                        "Restore the key of %2, or start a fresh mapping for %1 (`orbctl sync set-key --new-account`)")
                             .arg(account->describe(), bound->describe());
    m_ctx->journal.setState(SyncState::AccountMismatch, account->describe());
    m_ctx->journal.setState(SyncState::AccountMismatchId, account->id + (account->livemode ? QStringLiteral(" live") : QStringLiteral(" test")));
    m_ctx->journal.log(QStringLiteral("error"), QStringLiteral("account"), 0, account->id, summary.stopReason);
    return false;
}

void StripeSync::setLease(WorkLease *lease)
{
    m_lease = lease;
}

bool StripeSync::holdLease(SyncRunSummary &summary)
{
    m_active = m_lease;
    if (!m_active) {
        if (!m_ownLease)
            m_ownLease = std::make_unique<WorkLease>(m_ctx->db, WorkLease::stripeSync(), m_ctx->clock);
        m_active = m_ownLease.get();
    }
    const auto other = m_active->acquire();
    if (other) {
        m_active = nullptr;
        summary.heldElsewhere = WorkLease::describe(QStringLiteral("Stripe sync"), *other);
        summary.stopReason = summary.heldElsewhere;
        return false;
    }
    m_leaseRenewedAt = m_ctx->clock.now();
    return true;
}

SyncRunSummary StripeSync::runOnce()
{
    SyncRunSummary summary;
    summary.startedAt = m_ctx->clock.now();
    // Two workers pushing one outbox would send everything twice: only the lease's holder
    // pushes and pulls; the other reports where sync runs and leaves everything as it is.
    if (!holdLease(summary)) {
        summary.pending = Outbox(m_ctx->db).counts().pending;
        summary.finishedAt = m_ctx->clock.now();
        return summary;
    }
    if (checkAccount(summary)) {
        push(summary);
        if (!summary.offline && !m_ctx->cancelled())
            pull(summary);
    }
    summary.pending = Outbox(m_ctx->db).counts().pending;
    summary.finishedAt = m_ctx->clock.now();
    m_ctx->journal.finishRun(summary.describe(), summary.offline || summary.accountMismatch);
    // A pass's own lease goes with the pass; a worker's stays held until the worker stops.
    if (m_active == m_ownLease.get() && m_ownLease)
        m_ownLease->release();
    m_active = nullptr;
    return summary;
}

void StripeSync::push(SyncRunSummary &summary)
{
    Outbox outbox(m_ctx->db);
    m_ctx->journal.sweep();
    const int total = outbox.counts().pending;
    int done = 0;
    while (!m_ctx->cancelled()) {
        const auto item = outbox.nextPending();
        if (!item)
            break;
        m_ctx->progress(QStringLiteral("Sending %1 %2").arg(item->objectType, item->objectId), done, total);
        // A long pass renews its lease as it goes, so that nobody takes over mid-pass.
        if (m_active && m_leaseRenewedAt.secsTo(m_ctx->clock.now()) > WorkLease::DefaultSeconds / 3) {
            if (m_active->acquire())
                break; // lost it (it expired while a request hung): the holder now goes on
            m_leaseRenewedAt = m_ctx->clock.now();
        }
        const PushOutcome o = pushItem(*item, summary);
        ++done;
        if (o == PushOutcome::Offline)
            break;
    }
    m_ctx->progress(QStringLiteral("Sent"), done, std::max(total, done));
    if (m_ctx->cancelled() && summary.stopReason.isEmpty())
        summary.stopReason = QStringLiteral("cancelled");
}

PushOutcome StripeSync::pushItem(const OutboxItem &item, SyncRunSummary &summary)
{
    try {
        if (item.objectType == QLatin1String("customer"))
            return m_customers->push(item, summary);
        if (item.objectType == QLatin1String("usage_range"))
            return m_usage->push(item, summary);
        if (item.objectType == QLatin1String("invoice") && item.action == QLatin1String("push"))
            return m_invoices->push(item, summary);
        if (item.objectType == QLatin1String("invoice_void"))
            return m_invoices->pushVoid(item, summary);
        if (item.objectType == StripeFollowUps::PaymentItem)
            return m_followUps->pushPayment(item, summary);
        if (item.objectType == StripeFollowUps::CreditItem)
            return m_followUps->pushCreditNote(item, summary);
        return m_ctx->refuse(item, QStringLiteral("this version of Orb cannot send %1 %2 to Stripe").arg(item.objectType, item.action), summary);
    } catch (const ServiceError &e) {
        // The company file failed: stop, the item stays queued.
        summary.stopReason = e.message();
        summary.offline = false;
        throw;
    }
}

bool StripeSync::pull(SyncRunSummary &summary)
{
    return m_events->pull(summary);
}

bool StripeSync::reconcile(SyncRunSummary &summary)
{
    return m_events->reconcile(summary);
}

std::optional<StripePayment> StripeSync::paymentFromEvent(const QJsonObject &event)
{
    return StripeEventPull::paymentFromEvent(event);
}

} // namespace orb
