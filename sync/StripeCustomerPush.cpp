// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeCustomerPush.h"

#include "models/CustomerRepository.h"
#include "models/sync/StripeIdMap.h"

#include <QJsonArray>

namespace orb {

namespace {

const QString CustomerType = QStringLiteral("customer");

/// The fields of a Stripe customer Orb owns. On an update every field is sent, empty ones as
/// "" (Stripe's way of unsetting), so a field cleared in Orb is cleared in Stripe too.
FormParams customerParams(const Customer &c, bool update)
{
    FormParams p;
    p.add(QStringLiteral("name"), c.name);
    if (update)
        p.add(QStringLiteral("email"), c.email);
    else
        p.addIfSet(QStringLiteral("email"), c.email);
    p.addNested(QStringLiteral("metadata"), QStringLiteral("orb_id"), c.id);
    if (update || !c.externalCustomerId.isEmpty())
        p.addNested(QStringLiteral("metadata"), QStringLiteral("orb_external_customer_id"), c.externalCustomerId);
    const Address &a = c.billingAddress;
    if (!a.isEmpty()) {
        p.addNested(QStringLiteral("address"), QStringLiteral("line1"), a.line1);
        p.addNested(QStringLiteral("address"), QStringLiteral("line2"), a.line2);
        p.addNested(QStringLiteral("address"), QStringLiteral("city"), a.city);
        p.addNested(QStringLiteral("address"), QStringLiteral("state"), a.state);
        p.addNested(QStringLiteral("address"), QStringLiteral("postal_code"), a.postalCode);
        p.addNested(QStringLiteral("address"), QStringLiteral("country"), a.country);
    } else if (update) {
        p.add(QStringLiteral("address"), QString());
    }
    return p;
}

QJsonObject matching(const QJsonArray &data, const QString &orbId)
{
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString() == orbId && !o.value(QLatin1String("deleted")).toBool())
            return o;
    }
    return {};
}

/// Whether a customer found in Stripe already holds every field Orb would send.
bool holds(const QJsonObject &stripe, const Customer &c)
{
    auto text = [](const QJsonValue &v) { return v.isString() ? v.toString() : QString(); };
    if (text(stripe.value(QLatin1String("name"))) != c.name || text(stripe.value(QLatin1String("email"))) != c.email)
        return false;
    if (text(stripe.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_external_customer_id"))) != c.externalCustomerId)
        return false;
    const QJsonObject a = stripe.value(QLatin1String("address")).toObject();
    const Address &b = c.billingAddress;
    return text(a.value(QLatin1String("line1"))) == b.line1 && text(a.value(QLatin1String("line2"))) == b.line2
           && text(a.value(QLatin1String("city"))) == b.city && text(a.value(QLatin1String("state"))) == b.state
           && text(a.value(QLatin1String("postal_code"))) == b.postalCode && text(a.value(QLatin1String("country"))) == b.country;
}

} // namespace

QString StripeCustomerPush::metadataQuery(const QString &key, const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QStringLiteral("metadata['%1']:'%2'").arg(key, escaped);
}

std::optional<QJsonObject> StripeCustomerPush::find(const QString &orbId, const QString &email, SyncRunSummary &summary, StripeError *error)
{
    FormParams q;
    q.add(QStringLiteral("query"), metadataQuery(QStringLiteral("orb_id"), orbId)).add(QStringLiteral("limit"), QStringLiteral("10"));
    const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/customers/search"), q);
    StripeSyncContext::count(summary, r);
    if (r.ok()) {
        const QJsonObject found = matching(r.response.json.value(QLatin1String("data")).toArray(), orbId);
        if (!found.isEmpty())
            return found;
    } else if (r.error.retryable || r.error.kind == StripeError::Kind::Authentication) {
        *error = r.error;
        return std::nullopt;
    }
    // Search is eventually consistent and not offered everywhere: the list by e-mail is read
    // from the source of truth. Without an e-mail the Idempotency-Key covers the first day.
    if (email.isEmpty())
        return QJsonObject();
    QString after;
    for (;;) {
        FormParams l;
        l.add(QStringLiteral("email"), email).add(QStringLiteral("limit"), QStringLiteral("100"));
        if (!after.isEmpty())
            l.add(QStringLiteral("starting_after"), after);
        const StripeResult lr = m_ctx.client.get(QStringLiteral("/v1/customers"), l);
        StripeSyncContext::count(summary, lr);
        if (!lr.ok()) {
            *error = lr.error;
            return std::nullopt;
        }
        const QJsonArray data = lr.response.json.value(QLatin1String("data")).toArray();
        const QJsonObject found = matching(data, orbId);
        if (!found.isEmpty())
            return found;
        if (data.isEmpty() || !lr.response.json.value(QLatin1String("has_more")).toBool())
            return QJsonObject();
        after = data.last().toObject().value(QLatin1String("id")).toString();
    }
}

std::optional<QString> StripeCustomerPush::ensure(const QString &customerId, SyncRunSummary &summary, StripeError *error)
{
    StripeIdMap ids(m_ctx.db);
    if (auto id = ids.stripeId(CustomerType, customerId))
        return id;
    // Push the customer's queued item now (with its own keys), or queue one for a customer
    // that existed before sync was set up.
    const qint64 pending = m_ctx.journal.pendingItemFor(CustomerType, customerId, QStringLiteral("create"));
    Outbox outbox(m_ctx.db);
    const auto item = outbox.find(pending);
    const PushOutcome o = push(*item, summary);
    if (auto id = ids.stripeId(CustomerType, customerId))
        return id;
    error->kind = o == PushOutcome::Offline ? StripeError::Kind::Network : StripeError::Kind::InvalidRequest;
    error->retryable = o == PushOutcome::Offline;
    error->message = QStringLiteral("customer %1 could not be sent to Stripe: %2").arg(customerId, outbox.find(item->id)->lastError);
    return std::nullopt;
}

PushOutcome StripeCustomerPush::push(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto customer = CustomerRepository(m_ctx.db).findById(item.objectId);
    if (!customer)
        return m_ctx.finish(item, QStringLiteral("warning"), {}, QStringLiteral("customer %1 no longer exists in Orb; nothing sent").arg(item.objectId),
                            summary);
    auto stripeId = StripeIdMap(m_ctx.db).stripeId(CustomerType, customer->id);
    bool adopted = false;
    if (!stripeId) {
        // The outcome of an earlier create may be unknown (no answer, a crash, a day offline):
        // find before creating.
        StripeError error;
        const auto found = find(customer->id, customer->email, summary, &error);
        if (!found)
            return m_ctx.failOrWait(item, error, summary);
        if (!found->isEmpty()) {
            stripeId = found->value(QLatin1String("id")).toString();
            adopted = true;
            if (holds(*found, *customer)) {
                // Made by an earlier attempt of this very push, whose answer was lost.
                m_ctx.journal.mapAndFinish(item, CustomerType, customer->id, *stripeId,
                                           QStringLiteral("customer %1 found in Stripe as %2 (made by an earlier attempt)").arg(customer->id, *stripeId));
                ++summary.pushed;
                return PushOutcome::Done;
            }
        }
    }
    const StripeResult r =
        stripeId
            ? m_ctx.client.post(QStringLiteral("/v1/customers/") + *stripeId, customerParams(*customer, true), item.idempotencyKey(QStringLiteral("update")))
            : m_ctx.client.post(QStringLiteral("/v1/customers"), customerParams(*customer, false), item.idempotencyKey(QStringLiteral("create")));
    StripeSyncContext::count(summary, r);
    if (!r.ok())
        return m_ctx.failOrWait(item, r.error, summary);
    const QString id = r.response.json.value(QLatin1String("id")).toString();
    m_ctx.journal.mapAndFinish(
        item, CustomerType, customer->id, id,
        QStringLiteral("customer %1 %2 as %3%4")
            .arg(customer->id, adopted ? QStringLiteral("found in Stripe and updated") : (stripeId ? QStringLiteral("updated") : QStringLiteral("created")), id,
                 r.response.replayed ? QStringLiteral(" (replayed)") : QString()));
    ++summary.pushed;
    return PushOutcome::Done;
}

} // namespace orb
