// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sync/PaymentSink.h"
#include "sync/StripeSyncContext.h"

#include <QStringList>

#include <optional>

namespace orb {

/**
 * Stripe to Orb: new events from the persisted cursor, only the types Orb acts on (`types[]`),
 * each object re-read with the pinned API version before anything is recorded (events are
 * rendered in the account's default version, so their payload is not trusted for shape). A
 * cursor close to Stripe's 30 days of retention is noticed before Stripe refuses it: every
 * open invoice is then read directly, and the same direct read runs once a day anyway.
 */
class StripeEventPull final
{
public:
    /// Stripe keeps events 30 days; a cursor older than this is treated as lost.
    static constexpr qint64 CursorTrustSeconds = 29 * 24 * 3600;
    /// How often open invoices are read directly, events or not.
    static constexpr qint64 ReconcileEverySeconds = 24 * 3600;

    explicit StripeEventPull(StripeSyncContext &ctx) : m_ctx(ctx) {}

    /// Pulls new events; false when Stripe could not be read (reason in summary).
    bool pull(SyncRunSummary &summary);
    /// Reads every open invoice Orb pushed directly and records what it says.
    bool reconcile(SyncRunSummary &summary);

    /// The event types Orb asks for (at most 20, Stripe's limit for types[]).
    static QStringList handledTypes();
    /// What one of Stripe's events (or a re-read object in its place) says about money,
    /// without the local invoice id; nothing for an event Orb does not act on. Public for
    /// the fuzz target of Stripe's responses.
    static std::optional<StripePayment> paymentFromEvent(const QJsonObject &event);

private:
    /// Turns a page of events into what the journal records, re-reading each object; false
    /// when Stripe could not be read.
    bool prepare(const QList<QJsonObject> &oldestFirst, QList<PulledEvent> *out, SyncRunSummary &summary);
    /// The object an event is about, as Stripe has it now in the pinned version; an empty
    /// object when Stripe no longer has it, nullopt when Stripe could not be read.
    std::optional<QJsonObject> reread(const QString &type, const QJsonObject &payload, SyncRunSummary &summary);
    void fillLocalInvoice(StripePayment &p, const QJsonObject &object, const QString &type) const;
    bool stop(const StripeError &error, SyncRunSummary &summary);

    StripeSyncContext &m_ctx;
};

} // namespace orb
