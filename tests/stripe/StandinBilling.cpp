// SPDX-License-Identifier: GPL-3.0-or-later
// The invoice state machine, payment intents, billing meters and meter events of the stand-in.
#include "StripeStandin.h"

namespace orb::standin {

namespace {

const QString InvalidRequest = QStringLiteral("invalid_request_error");

StandinResponse missing(const QString &what, const QString &id, const QString &param)
{
    return errorResponse(404, InvalidRequest, QStringLiteral("resource_missing"), QStringLiteral("No such %1: '%2'").arg(what, id), param);
}

StandinResponse wrongState(const QString &id, const QString &status, const QString &action)
{
    return errorResponse(400, InvalidRequest, QStringLiteral("invoice_unexpected_state"),
                         QStringLiteral("Invoice %1 is %2; it cannot be %3.").arg(id, status, action));
}

StandinResponse declined()
{
    StandinResponse r = errorResponse(402, QStringLiteral("card_error"), QStringLiteral("card_declined"), QStringLiteral("Your card was declined."));
    return r;
}

} // namespace

StandinResponse StripeStandin::invoices(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p, bool decline)
{
    Store &s = m_stores[QStringLiteral("invoice")];
    const QString &t = m.pathTemplate;
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString customer = p.value(QLatin1String("customer")).toString();
        const QString status = p.value(QLatin1String("status")).toString();
        const QJsonObject created = p.value(QLatin1String("created")).toObject();
        return list(QStringLiteral("invoice"), QStringLiteral("/v1/invoices"), p, [&](const QJsonObject &i) {
            const qint64 c = i.value(QLatin1String("created")).toInteger();
            if (created.contains(QLatin1String("gte")) && c < created.value(QLatin1String("gte")).toString().toLongLong())
                return false;
            if (created.contains(QLatin1String("gt")) && c <= created.value(QLatin1String("gt")).toString().toLongLong())
                return false;
            return (customer.isEmpty() || i.value(QLatin1String("customer")).toString() == customer)
                   && (status.isEmpty() || i.value(QLatin1String("status")).toString() == status);
        });
    }
    if (m.pathParams.isEmpty()) {
        const QString customer = p.value(QLatin1String("customer")).toString();
        if (customer.isEmpty())
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"), QStringLiteral("Missing required param: customer."),
                                 QStringLiteral("customer"));
        if (!m_stores[QStringLiteral("customer")].byId.contains(customer))
            return missing(QStringLiteral("customer"), customer, QStringLiteral("customer"));
        const QString method = p.value(QLatin1String("collection_method")).toString(QStringLiteral("charge_automatically"));
        if (method == QLatin1String("send_invoice") && !p.contains(QLatin1String("days_until_due")) && !p.contains(QLatin1String("due_date")))
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"),
                                 QStringLiteral("Missing required param: days_until_due (or due_date) for send_invoice."), QStringLiteral("days_until_due"));
        const QString id = newId(QStringLiteral("in"));
        QJsonObject invoice{{QStringLiteral("id"), id},
                            {QStringLiteral("object"), QStringLiteral("invoice")},
                            {QStringLiteral("amount_paid"), 0},
                            // One-off invoices made through the API do not advance by themselves unless asked
                            // (the default since 2018-11-08).
                            {QStringLiteral("auto_advance"), p.value(QLatin1String("auto_advance")).toString() == QLatin1String("true")},
                            {QStringLiteral("collection_method"), method},
                            {QStringLiteral("created"), now()},
                            {QStringLiteral("currency"), p.value(QLatin1String("currency")).toString(QStringLiteral("usd")).toLower()},
                            {QStringLiteral("customer"), customer},
                            {QStringLiteral("description"), p.value(QLatin1String("description"))},
                            {QStringLiteral("livemode"), false},
                            {QStringLiteral("metadata"), p.value(QLatin1String("metadata")).toObject()},
                            {QStringLiteral("number"), QJsonValue::Null},
                            {QStringLiteral("paid"), false},
                            {QStringLiteral("status"), QStringLiteral("draft")},
                            {QStringLiteral("status_transitions"), QJsonObject{}}};
        if (p.contains(QLatin1String("days_until_due")))
            invoice.insert(QStringLiteral("due_date"), now() + p.value(QLatin1String("days_until_due")).toString().toLongLong() * 86400);
        else if (p.contains(QLatin1String("due_date")))
            invoice.insert(QStringLiteral("due_date"), p.value(QLatin1String("due_date")).toString().toLongLong());
        put(QStringLiteral("invoice"), invoice);
        // Since 2022-08-01 pending items are left out unless asked for.
        if (p.value(QLatin1String("pending_invoice_items_behavior")).toString() == QLatin1String("include")) {
            Store &items = m_stores[QStringLiteral("invoiceitem")];
            for (const QString &itemId : items.order) {
                QJsonObject item = items.byId.value(itemId);
                if (item.value(QLatin1String("customer")).toString() == customer && item.value(QLatin1String("invoice")).isNull()) {
                    item.insert(QStringLiteral("invoice"), id);
                    items.byId.insert(itemId, item);
                    // Without an explicit currency the invoice takes its items'.
                    if (!p.contains(QLatin1String("currency")))
                        invoice.insert(QStringLiteral("currency"), item.value(QLatin1String("currency")));
                }
            }
        }
        invoice = recomputeInvoice(invoice);
        put(QStringLiteral("invoice"), invoice);
        emitEvent(QStringLiteral("invoice.created"), invoice);
        return jsonResponse(invoice);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("invoice"), id, QStringLiteral("invoice"));
    QJsonObject invoice = s.byId.value(id);
    const QString status = invoice.value(QLatin1String("status")).toString();
    if (t.endsWith(QLatin1String("/lines")))
        return list(QStringLiteral("invoiceitem"), QStringLiteral("/v1/invoices/%1/lines").arg(id), p,
                    [&](const QJsonObject &i) { return i.value(QLatin1String("invoice")).toString() == id; });
    if (r.method == QLatin1String("GET"))
        return jsonResponse(invoice);
    if (r.method == QLatin1String("DELETE")) {
        if (status != QLatin1String("draft"))
            return wrongState(id, status, QStringLiteral("deleted (only drafts can be)"));
        s.byId.remove(id);
        s.order.removeAll(id);
        emitEvent(QStringLiteral("invoice.deleted"), invoice);
        return jsonResponse({{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("invoice")}, {QStringLiteral("deleted"), true}});
    }
    QJsonObject transitions = invoice.value(QLatin1String("status_transitions")).toObject();
    if (t.endsWith(QLatin1String("/finalize"))) {
        if (status != QLatin1String("draft"))
            return wrongState(id, status, QStringLiteral("finalized"));
        invoice.insert(QStringLiteral("number"), QStringLiteral("STANDIN-%1").arg(++m_invoiceNumber, 4, 10, QLatin1Char('0')));
        invoice.insert(QStringLiteral("status"), QStringLiteral("open"));
        transitions.insert(QStringLiteral("finalized_at"), now());
        invoice.insert(QStringLiteral("status_transitions"), transitions);
        invoice = applyCustomerBalance(recomputeInvoice(invoice));
        if (p.contains(QLatin1String("auto_advance")))
            invoice.insert(QStringLiteral("auto_advance"), p.value(QLatin1String("auto_advance")).toString() == QLatin1String("true"));
        put(QStringLiteral("invoice"), invoice);
        emitEvent(QStringLiteral("invoice.finalized"), invoice);
        if (invoice.value(QLatin1String("amount_due")).toInteger() == 0)
            invoice = settleInvoice(invoice, true);
        else if (invoice.value(QLatin1String("auto_advance")).toBool()) {
            // Automatic collection starts at once: the card is charged, or the invoice sent.
            if (invoice.value(QLatin1String("collection_method")).toString() == QLatin1String("charge_automatically") && !decline)
                invoice = settleInvoice(invoice, false);
            else if (invoice.value(QLatin1String("collection_method")).toString() == QLatin1String("send_invoice"))
                emitEvent(QStringLiteral("invoice.sent"), invoice);
        }
        return jsonResponse(invoice);
    }
    if (t.endsWith(QLatin1String("/pay"))) {
        if (status != QLatin1String("open"))
            return wrongState(id, status, QStringLiteral("paid"));
        if (p.value(QLatin1String("paid_out_of_band")).toString() == QLatin1String("true"))
            return jsonResponse(settleInvoice(invoice, true));
        if (decline) {
            invoice.insert(QStringLiteral("attempt_count"), invoice.value(QLatin1String("attempt_count")).toInt() + 1);
            invoice.insert(QStringLiteral("attempted"), true);
            put(QStringLiteral("invoice"), invoice);
            emitEvent(QStringLiteral("invoice.payment_failed"), invoice);
            return declined();
        }
        return jsonResponse(settleInvoice(invoice, false));
    }
    if (t.endsWith(QLatin1String("/void"))) {
        if (status != QLatin1String("open") && status != QLatin1String("uncollectible"))
            return wrongState(id, status, QStringLiteral("voided"));
        invoice.insert(QStringLiteral("status"), QStringLiteral("void"));
        transitions.insert(QStringLiteral("voided_at"), now());
        invoice.insert(QStringLiteral("status_transitions"), transitions);
        put(QStringLiteral("invoice"), invoice);
        emitEvent(QStringLiteral("invoice.voided"), invoice);
        return jsonResponse(invoice);
    }
    if (t.endsWith(QLatin1String("/mark_uncollectible"))) {
        if (status != QLatin1String("open"))
            return wrongState(id, status, QStringLiteral("marked uncollectible"));
        invoice.insert(QStringLiteral("status"), QStringLiteral("uncollectible"));
        transitions.insert(QStringLiteral("marked_uncollectible_at"), now());
        invoice.insert(QStringLiteral("status_transitions"), transitions);
        put(QStringLiteral("invoice"), invoice);
        emitEvent(QStringLiteral("invoice.marked_uncollectible"), invoice);
        return jsonResponse(invoice);
    }
    if (t.endsWith(QLatin1String("/send"))) {
        if (status != QLatin1String("open"))
            return wrongState(id, status, QStringLiteral("sent"));
        if (invoice.value(QLatin1String("collection_method")).toString() != QLatin1String("send_invoice"))
            return errorResponse(400, InvalidRequest, QStringLiteral("invoice_not_editable"),
                                 QStringLiteral("Invoice %1 is charged automatically; only send_invoice invoices can be sent.").arg(id));
        emitEvent(QStringLiteral("invoice.sent"), invoice);
        return jsonResponse(invoice);
    }
    // Update: only drafts change freely; finalized invoices keep their amounts.
    if (status != QLatin1String("draft"))
        for (auto it = p.begin(); it != p.end(); ++it)
            if (it.key() != QLatin1String("metadata") && it.key() != QLatin1String("description") && it.key() != QLatin1String("expand")
                && it.key() != QLatin1String("auto_advance"))
                return wrongState(id, status, QStringLiteral("changed in %1").arg(it.key()));
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.key() == QLatin1String("expand"))
            continue;
        if (it.key() == QLatin1String("auto_advance"))
            invoice.insert(it.key(), it.value().toString() == QLatin1String("true"));
        else if (it.key() == QLatin1String("metadata")) {
            QJsonObject meta = invoice.value(QLatin1String("metadata")).toObject();
            const QJsonObject update = it.value().toObject();
            for (auto u = update.begin(); u != update.end(); ++u) {
                if (u.value().toString().isEmpty())
                    meta.remove(u.key());
                else
                    meta.insert(u.key(), u.value());
            }
            invoice.insert(it.key(), meta);
        } else
            invoice.insert(it.key(), it.value());
    }
    put(QStringLiteral("invoice"), invoice);
    emitEvent(QStringLiteral("invoice.updated"), invoice);
    return jsonResponse(invoice);
}

StandinResponse StripeStandin::partialPayment(const QString &id, qint64 amount)
{
    Store &s = m_stores[QStringLiteral("invoice")];
    if (!s.byId.contains(id))
        return missing(QStringLiteral("invoice"), id, QStringLiteral("invoice"));
    QJsonObject invoice = s.byId.value(id);
    const QString status = invoice.value(QLatin1String("status")).toString();
    if (status != QLatin1String("open"))
        return wrongState(id, status, QStringLiteral("paid"));
    if (amount <= 0)
        return errorResponse(400, InvalidRequest, QStringLiteral("parameter_invalid_integer"), QStringLiteral("amount must be positive."),
                             QStringLiteral("amount"));
    const qint64 remaining = invoice.value(QLatin1String("amount_remaining")).toInteger();
    if (amount >= remaining)
        return jsonResponse(settleInvoice(invoice, false));
    const QString pi = newId(QStringLiteral("pi"));
    const QString ch = newId(QStringLiteral("ch"));
    const QJsonObject charge{{QStringLiteral("id"), ch},
                             {QStringLiteral("object"), QStringLiteral("charge")},
                             {QStringLiteral("amount"), amount},
                             {QStringLiteral("amount_captured"), amount},
                             {QStringLiteral("amount_refunded"), 0},
                             {QStringLiteral("captured"), true},
                             {QStringLiteral("created"), now()},
                             {QStringLiteral("currency"), invoice.value(QLatin1String("currency"))},
                             {QStringLiteral("customer"), invoice.value(QLatin1String("customer"))},
                             {QStringLiteral("invoice"), id},
                             {QStringLiteral("paid"), true},
                             {QStringLiteral("payment_intent"), pi},
                             {QStringLiteral("refunded"), false},
                             {QStringLiteral("status"), QStringLiteral("succeeded")}};
    const QJsonObject intent{{QStringLiteral("id"), pi},
                             {QStringLiteral("object"), QStringLiteral("payment_intent")},
                             {QStringLiteral("amount"), amount},
                             {QStringLiteral("amount_received"), amount},
                             {QStringLiteral("created"), now()},
                             {QStringLiteral("currency"), invoice.value(QLatin1String("currency"))},
                             {QStringLiteral("customer"), invoice.value(QLatin1String("customer"))},
                             {QStringLiteral("invoice"), id},
                             {QStringLiteral("latest_charge"), ch},
                             {QStringLiteral("status"), QStringLiteral("succeeded")}};
    put(QStringLiteral("payment_intent"), intent);
    put(QStringLiteral("charge"), charge);
    emitEvent(QStringLiteral("payment_intent.succeeded"), intent);
    emitEvent(QStringLiteral("charge.succeeded"), charge);
    const QJsonObject previous{{QStringLiteral("amount_paid"), invoice.value(QLatin1String("amount_paid"))}, {QStringLiteral("amount_remaining"), remaining}};
    invoice.insert(QStringLiteral("amount_paid"), invoice.value(QLatin1String("amount_paid")).toInteger() + amount);
    invoice.insert(QStringLiteral("amount_remaining"), remaining - amount);
    put(QStringLiteral("invoice"), invoice);
    emitEvent(QStringLiteral("invoice.updated"), invoice, previous);
    return jsonResponse(invoice);
}

StandinResponse StripeStandin::paymentIntents(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p, bool decline)
{
    Store &s = m_stores[QStringLiteral("payment_intent")];
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString customer = p.value(QLatin1String("customer")).toString();
        return list(QStringLiteral("payment_intent"), QStringLiteral("/v1/payment_intents"), p,
                    [&](const QJsonObject &i) { return customer.isEmpty() || i.value(QLatin1String("customer")).toString() == customer; });
    }
    auto confirm = [&](QJsonObject intent) -> StandinResponse {
        if (decline) {
            intent.insert(QStringLiteral("status"), QStringLiteral("requires_payment_method"));
            intent.insert(QStringLiteral("last_payment_error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("card_declined")},
                                                                            {QStringLiteral("message"), QStringLiteral("Your card was declined.")}});
            put(QStringLiteral("payment_intent"), intent);
            emitEvent(QStringLiteral("payment_intent.payment_failed"), intent);
            return declined();
        }
        const QString ch = newId(QStringLiteral("ch"));
        const qint64 amount = intent.value(QLatin1String("amount")).toInteger();
        put(QStringLiteral("charge"), QJsonObject{{QStringLiteral("id"), ch},
                                                  {QStringLiteral("object"), QStringLiteral("charge")},
                                                  {QStringLiteral("amount"), amount},
                                                  {QStringLiteral("amount_captured"), amount},
                                                  {QStringLiteral("amount_refunded"), 0},
                                                  {QStringLiteral("created"), now()},
                                                  {QStringLiteral("currency"), intent.value(QLatin1String("currency"))},
                                                  {QStringLiteral("customer"), intent.value(QLatin1String("customer"))},
                                                  {QStringLiteral("paid"), true},
                                                  {QStringLiteral("payment_intent"), intent.value(QLatin1String("id"))},
                                                  {QStringLiteral("status"), QStringLiteral("succeeded")}});
        intent.insert(QStringLiteral("status"), QStringLiteral("succeeded"));
        intent.insert(QStringLiteral("amount_received"), amount);
        intent.insert(QStringLiteral("latest_charge"), ch);
        put(QStringLiteral("payment_intent"), intent);
        emitEvent(QStringLiteral("payment_intent.succeeded"), intent);
        return jsonResponse(intent);
    };
    if (m.pathParams.isEmpty()) {
        const qint64 amount = p.value(QLatin1String("amount")).toString().toLongLong();
        if (amount < 1)
            return errorResponse(400, InvalidRequest, QStringLiteral("amount_too_small"), QStringLiteral("Amount must be at least 1."),
                                 QStringLiteral("amount"));
        QJsonObject intent{{QStringLiteral("id"), newId(QStringLiteral("pi"))},
                           {QStringLiteral("object"), QStringLiteral("payment_intent")},
                           {QStringLiteral("amount"), amount},
                           {QStringLiteral("amount_received"), 0},
                           {QStringLiteral("created"), now()},
                           {QStringLiteral("currency"), p.value(QLatin1String("currency")).toString().toLower()},
                           {QStringLiteral("customer"), p.value(QLatin1String("customer"))},
                           {QStringLiteral("metadata"), p.value(QLatin1String("metadata")).toObject()},
                           {QStringLiteral("status"), QStringLiteral("requires_payment_method")}};
        put(QStringLiteral("payment_intent"), intent);
        emitEvent(QStringLiteral("payment_intent.created"), intent);
        if (p.value(QLatin1String("confirm")).toString() == QLatin1String("true"))
            return confirm(intent);
        return jsonResponse(intent);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("payment_intent"), id, QStringLiteral("intent"));
    QJsonObject intent = s.byId.value(id);
    const QString status = intent.value(QLatin1String("status")).toString();
    if (r.method == QLatin1String("GET"))
        return jsonResponse(intent);
    if (m.pathTemplate.endsWith(QLatin1String("/confirm"))) {
        if (status == QLatin1String("succeeded") || status == QLatin1String("canceled"))
            return errorResponse(400, InvalidRequest, QStringLiteral("payment_intent_unexpected_state"),
                                 QStringLiteral("This PaymentIntent's status is %1; it cannot be confirmed.").arg(status));
        return confirm(intent);
    }
    if (m.pathTemplate.endsWith(QLatin1String("/cancel"))) {
        if (status == QLatin1String("succeeded") || status == QLatin1String("canceled"))
            return errorResponse(400, InvalidRequest, QStringLiteral("payment_intent_unexpected_state"),
                                 QStringLiteral("This PaymentIntent's status is %1; it cannot be canceled.").arg(status));
        intent.insert(QStringLiteral("status"), QStringLiteral("canceled"));
        put(QStringLiteral("payment_intent"), intent);
        emitEvent(QStringLiteral("payment_intent.canceled"), intent);
        return jsonResponse(intent);
    }
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.key() != QLatin1String("expand"))
            intent.insert(it.key(), it.key() == QLatin1String("amount") ? QJsonValue(it.value().toString().toLongLong()) : it.value());
    put(QStringLiteral("payment_intent"), intent);
    return jsonResponse(intent);
}

StandinResponse StripeStandin::meters(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("billing.meter")];
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString status = p.value(QLatin1String("status")).toString();
        return list(QStringLiteral("billing.meter"), QStringLiteral("/v1/billing/meters"), p,
                    [&](const QJsonObject &x) { return status.isEmpty() || x.value(QLatin1String("status")).toString() == status; });
    }
    if (m.pathParams.isEmpty()) {
        const QString eventName = p.value(QLatin1String("event_name")).toString();
        for (const QJsonObject &x : std::as_const(s.byId))
            if (x.value(QLatin1String("event_name")).toString() == eventName && x.value(QLatin1String("status")).toString() == QLatin1String("active"))
                return errorResponse(400, InvalidRequest, QStringLiteral("resource_already_exists"),
                                     QStringLiteral("An active meter with event_name '%1' already exists.").arg(eventName), QStringLiteral("event_name"));
        const QString formula = p.value(QLatin1String("default_aggregation")).toObject().value(QLatin1String("formula")).toString();
        if (formula != QLatin1String("sum") && formula != QLatin1String("count") && formula != QLatin1String("last"))
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"),
                                 QStringLiteral("default_aggregation[formula] must be sum, count or last."), QStringLiteral("default_aggregation[formula]"));
        const QJsonObject mapping = p.value(QLatin1String("customer_mapping")).toObject();
        const QJsonObject value = p.value(QLatin1String("value_settings")).toObject();
        const QJsonObject meter{
            {QStringLiteral("id"), newId(QStringLiteral("mtr"))},
            {QStringLiteral("object"), QStringLiteral("billing.meter")},
            {QStringLiteral("created"), now()},
            {QStringLiteral("customer_mapping"), QJsonObject{{QStringLiteral("event_payload_key"),
                                                              mapping.value(QLatin1String("event_payload_key")).toString(QStringLiteral("stripe_customer_id"))},
                                                             {QStringLiteral("type"), QStringLiteral("by_id")}}},
            {QStringLiteral("default_aggregation"), QJsonObject{{QStringLiteral("formula"), formula}}},
            {QStringLiteral("display_name"), p.value(QLatin1String("display_name"))},
            {QStringLiteral("event_name"), eventName},
            {QStringLiteral("event_time_window"), p.value(QLatin1String("event_time_window"))},
            {QStringLiteral("livemode"), false},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("value_settings"),
             QJsonObject{{QStringLiteral("event_payload_key"), value.value(QLatin1String("event_payload_key")).toString(QStringLiteral("value"))}}}};
        put(QStringLiteral("billing.meter"), meter);
        return jsonResponse(meter);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("billing meter"), id, QStringLiteral("id"));
    QJsonObject meter = s.byId.value(id);
    if (r.method == QLatin1String("GET"))
        return jsonResponse(meter);
    if (m.pathTemplate.endsWith(QLatin1String("/deactivate")))
        meter.insert(QStringLiteral("status"), QStringLiteral("inactive"));
    else if (m.pathTemplate.endsWith(QLatin1String("/reactivate")))
        meter.insert(QStringLiteral("status"), QStringLiteral("active"));
    else if (p.contains(QLatin1String("display_name")))
        meter.insert(QStringLiteral("display_name"), p.value(QLatin1String("display_name")));
    put(QStringLiteral("billing.meter"), meter);
    return jsonResponse(meter);
}

StandinResponse StripeStandin::meterEvents(const QJsonObject &p)
{
    const QString eventName = p.value(QLatin1String("event_name")).toString();
    QJsonObject meter;
    for (const QJsonObject &x : std::as_const(m_stores[QStringLiteral("billing.meter")].byId))
        if (x.value(QLatin1String("event_name")).toString() == eventName && x.value(QLatin1String("status")).toString() == QLatin1String("active"))
            meter = x;
    if (meter.isEmpty())
        return errorResponse(400, InvalidRequest, QStringLiteral("resource_missing"),
                             QStringLiteral("No active meter was found for event_name '%1'.").arg(eventName), QStringLiteral("event_name"));
    const QJsonObject payload = p.value(QLatin1String("payload")).toObject();
    const QString customerKey = meter.value(QLatin1String("customer_mapping")).toObject().value(QLatin1String("event_payload_key")).toString();
    const QString valueKey = meter.value(QLatin1String("value_settings")).toObject().value(QLatin1String("event_payload_key")).toString();
    for (const QString &k : {customerKey, valueKey})
        if (!payload.contains(k))
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"), QStringLiteral("Missing required param: payload[%1].").arg(k),
                                 QStringLiteral("payload[%1]").arg(k));
    bool numeric = false;
    payload.value(valueKey).toString().toDouble(&numeric); // a check of form only; the value is kept as sent
    if (!numeric)
        return errorResponse(400, InvalidRequest, QStringLiteral("parameter_invalid_string"), QStringLiteral("payload[%1] must be a number.").arg(valueKey),
                             QStringLiteral("payload[%1]").arg(valueKey));
    const qint64 ts = p.contains(QLatin1String("timestamp")) ? p.value(QLatin1String("timestamp")).toString().toLongLong() : now();
    if (ts < now() - 35 * 86400)
        return errorResponse(400, InvalidRequest, QStringLiteral("timestamp_too_far_in_past"),
                             QStringLiteral("Timestamp must be within the past 35 calendar days."), QStringLiteral("timestamp"));
    if (ts > now() + 300)
        return errorResponse(400, InvalidRequest, QStringLiteral("timestamp_in_future"),
                             QStringLiteral("Timestamp must be no more than 5 minutes in the future."), QStringLiteral("timestamp"));
    const QString identifier = p.contains(QLatin1String("identifier")) ? p.value(QLatin1String("identifier")).toString() : newId(QStringLiteral("mev"));
    // Identifiers deduplicate for about 24 hours on Stripe's clock, then are forgotten: the
    // same identifier later is a new event that counts again.
    const auto seen = m_meterIdentifiers.constFind(identifier);
    if (seen != m_meterIdentifiers.constEnd() && *seen + 24 * 3600 > now())
        return errorResponse(400, InvalidRequest, QStringLiteral("duplicate_meter_event"),
                             QStringLiteral("A meter event with identifier '%1' already exists.").arg(identifier), QStringLiteral("identifier"));
    m_meterIdentifiers.insert(identifier, now());
    const QJsonObject event{{QStringLiteral("id"), newId(QStringLiteral("mev"))},
                            {QStringLiteral("object"), QStringLiteral("billing.meter_event")},
                            {QStringLiteral("created"), now()},
                            {QStringLiteral("event_name"), eventName},
                            {QStringLiteral("identifier"), identifier},
                            {QStringLiteral("livemode"), false},
                            {QStringLiteral("payload"), payload},
                            {QStringLiteral("timestamp"), ts}};
    put(QStringLiteral("billing.meter_event"), event);
    return jsonResponse(event);
}

} // namespace orb::standin
