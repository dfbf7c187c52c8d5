// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/StripeSyncContext.h"

#include <QJsonObject>

#include <optional>

namespace orb {

/**
 * Customers to Stripe: created once, updated with every field Orb owns. Before a create the
 * customer is looked up in Stripe by `metadata[orb_id]` (search, and the list by e-mail when
 * search cannot answer), so a create whose answer was lost is never repeated as a second
 * customer, however long after the first attempt it is retried (Stripe forgets an
 * Idempotency-Key after about 24 hours).
 */
class StripeCustomerPush final
{
public:
    explicit StripeCustomerPush(StripeSyncContext &ctx) : m_ctx(ctx) {}

    PushOutcome push(const OutboxItem &item, SyncRunSummary &summary);
    /// The customer's Stripe id, pushing the customer first when it has none yet.
    std::optional<QString> ensure(const QString &customerId, SyncRunSummary &summary, StripeError *error);

    /// Stripe's search query for an object whose metadata[key] is value (quotes escaped).
    static QString metadataQuery(const QString &key, const QString &value);

private:
    /// The Stripe customer made for this Orb customer (an empty object when none); nullopt
    /// with *error when Stripe could not be asked.
    std::optional<QJsonObject> find(const QString &orbId, const QString &email, SyncRunSummary &summary, StripeError *error);

    StripeSyncContext &m_ctx;
};

} // namespace orb
