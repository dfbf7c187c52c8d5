// SPDX-License-Identifier: GPL-3.0-or-later
// Money after an invoice is finalized (credit notes, refunds, disputes), the account, search and
// meter event summaries, as the stand-in keeps them.
#include "StripeStandin.h"

#include <QRegularExpression>

namespace orb::standin {

namespace {

const QString InvalidRequest = QStringLiteral("invalid_request_error");

StandinResponse missing(const QString &what, const QString &id, const QString &param)
{
    return errorResponse(404, InvalidRequest, QStringLiteral("resource_missing"), QStringLiteral("No such %1: '%2'").arg(what, id), param);
}

qint64 integer(const QJsonObject &p, const QString &key, qint64 fallback = 0)
{
    const QJsonValue v = p.value(key);
    return v.isString() ? v.toString().toLongLong() : fallback;
}

/// The value a search clause names: metadata['k'] or a top-level field.
QString fieldValue(const QJsonObject &o, const QString &field)
{
    static const QRegularExpression meta(QStringLiteral("^metadata\\['([^']*)'\\]$"));
    if (const auto m = meta.match(field); m.hasMatch())
        return o.value(QLatin1String("metadata")).toObject().value(m.captured(1)).toString();
    const QJsonValue v = o.value(field);
    return v.isString() ? v.toString() : (v.isDouble() ? QString::number(v.toInteger()) : QString());
}

} // namespace

StandinResponse StripeStandin::accountObject() const
{
    return jsonResponse({{QStringLiteral("id"), m_accountId},
                         {QStringLiteral("object"), QStringLiteral("account")},
                         {QStringLiteral("country"), QStringLiteral("DE")},
                         {QStringLiteral("default_currency"), QStringLiteral("eur")},
                         {QStringLiteral("charges_enabled"), true},
                         {QStringLiteral("payouts_enabled"), true},
                         {QStringLiteral("type"), QStringLiteral("standard")}});
}

StandinResponse StripeStandin::search(const QString &type, const QString &url, const QJsonObject &p)
{
    // Stripe's query language, the part Orb uses: clauses `field:'value'` (exact match, with
    // \' and \\ escapes) joined by AND; metadata['key'] as a field.
    const QString query = p.value(QLatin1String("query")).toString();
    static const QRegularExpression clause(QStringLiteral("^\\s*([A-Za-z_]+(?:\\['[^']*'\\])?)\\s*:\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*$"));
    QList<QPair<QString, QString>> wanted;
    for (const QString &part : query.split(QStringLiteral(" AND "))) {
        const auto m = clause.match(part);
        if (!m.hasMatch())
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_invalid_string"),
                                 QStringLiteral("Invalid query: '%1' (this stand-in knows field:'value' clauses joined by AND)").arg(part),
                                 QStringLiteral("query"));
        QString value = m.captured(2);
        value.replace(QStringLiteral("\\'"), QStringLiteral("'")).replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        wanted.append({m.captured(1), value});
    }
    const int limit = p.contains(QLatin1String("limit")) ? p.value(QLatin1String("limit")).toString().toInt() : 10;
    QJsonArray data;
    const Store &s = m_stores[type];
    for (auto it = s.order.crbegin(); it != s.order.crend() && data.size() < limit; ++it) {
        const QJsonObject o = s.byId.value(*it);
        bool all = true;
        for (const auto &[field, value] : wanted)
            all = all && fieldValue(o, field) == value;
        if (all)
            data.append(o);
    }
    return jsonResponse({{QStringLiteral("object"), QStringLiteral("search_result")},
                         {QStringLiteral("data"), data},
                         {QStringLiteral("has_more"), false},
                         {QStringLiteral("next_page"), QJsonValue::Null},
                         {QStringLiteral("url"), url}});
}

QJsonObject StripeStandin::applyCustomerBalance(QJsonObject invoice)
{
    // A negative customer balance is a credit: Stripe applies it at finalization, lowering
    // amount_due; a positive one (owed) is added.
    const QString customerId = invoice.value(QLatin1String("customer")).toString();
    QJsonObject customer = m_stores[QStringLiteral("customer")].byId.value(customerId);
    const qint64 balance = customer.value(QLatin1String("balance")).toInteger();
    const qint64 total = invoice.value(QLatin1String("total")).toInteger();
    qint64 applied = 0;
    if (balance < 0)
        applied = std::max(balance, -total);
    else if (balance > 0)
        applied = balance;
    invoice.insert(QStringLiteral("starting_balance"), balance);
    invoice.insert(QStringLiteral("ending_balance"), balance - applied);
    invoice.insert(QStringLiteral("amount_due"), total + applied);
    invoice.insert(QStringLiteral("amount_remaining"), std::max<qint64>(0, total + applied - invoice.value(QLatin1String("amount_paid")).toInteger()));
    if (applied != 0 && !customer.isEmpty()) {
        customer.insert(QStringLiteral("balance"), balance - applied);
        put(QStringLiteral("customer"), customer);
    }
    return invoice;
}

StandinResponse StripeStandin::creditNotes(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("credit_note")];
    const QString &t = m.pathTemplate;
    if (t.startsWith(QLatin1String("/v1/credit_notes/preview")))
        return errorResponse(400, InvalidRequest, QStringLiteral("parameter_unknown"), QStringLiteral("Previews are not kept by this stand-in."));
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString invoice = p.value(QLatin1String("invoice")).toString();
        const QString customer = p.value(QLatin1String("customer")).toString();
        return list(QStringLiteral("credit_note"), QStringLiteral("/v1/credit_notes"), p, [&](const QJsonObject &c) {
            return (invoice.isEmpty() || c.value(QLatin1String("invoice")).toString() == invoice)
                   && (customer.isEmpty() || c.value(QLatin1String("customer")).toString() == customer);
        });
    }
    if (m.pathParams.isEmpty()) {
        const QString invoiceId = p.value(QLatin1String("invoice")).toString();
        Store &invoices = m_stores[QStringLiteral("invoice")];
        if (!invoices.byId.contains(invoiceId))
            return missing(QStringLiteral("invoice"), invoiceId, QStringLiteral("invoice"));
        QJsonObject invoice = invoices.byId.value(invoiceId);
        const QString status = invoice.value(QLatin1String("status")).toString();
        if (status != QLatin1String("open") && status != QLatin1String("paid"))
            return errorResponse(400, InvalidRequest, QStringLiteral("invoice_not_finalized"),
                                 QStringLiteral("You can only create credit notes for open or paid invoices; %1 is %2.").arg(invoiceId, status));
        if (!p.contains(QLatin1String("amount")) && !p.contains(QLatin1String("lines")))
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"), QStringLiteral("Provide either amount or lines."),
                                 QStringLiteral("amount"));
        const qint64 amount = integer(p, QStringLiteral("amount"));
        const qint64 credited = invoice.value(QLatin1String("pre_payment_credit_notes_amount")).toInteger()
                                + invoice.value(QLatin1String("post_payment_credit_notes_amount")).toInteger();
        if (amount <= 0 || amount > invoice.value(QLatin1String("total")).toInteger() - credited)
            return errorResponse(400, InvalidRequest, QStringLiteral("credit_note_invalid_amount"),
                                 QStringLiteral("The credit note amount must be positive and at most what is left to credit on the invoice."),
                                 QStringLiteral("amount"));
        // First what is left to pay, then the excess: which must be refunded, credited to the
        // balance or said to be settled outside Stripe, exactly.
        const qint64 remaining = status == QLatin1String("open") ? invoice.value(QLatin1String("amount_remaining")).toInteger() : 0;
        const qint64 pre = std::min(amount, remaining);
        const qint64 post = amount - pre;
        const qint64 outside = integer(p, QStringLiteral("out_of_band_amount"));
        const qint64 refund = integer(p, QStringLiteral("refund_amount"));
        const qint64 creditBalance = integer(p, QStringLiteral("credit_amount"));
        if (outside + refund + creditBalance != post)
            return errorResponse(400, InvalidRequest, QStringLiteral("credit_note_invalid_amount"),
                                 QStringLiteral("The sum of out_of_band_amount, refund_amount and credit_amount (%1) must equal the post-payment "
                                                "amount of the credit note (%2).")
                                     .arg(outside + refund + creditBalance)
                                     .arg(post),
                                 QStringLiteral("out_of_band_amount"));
        // A refund_amount refunds the invoice's charge, as Stripe does (charge.refunded follows).
        QString refundId;
        if (refund > 0) {
            const QString chargeId = invoice.value(QLatin1String("charge")).toString();
            QJsonObject charge = m_stores[QStringLiteral("charge")].byId.value(chargeId);
            if (charge.isEmpty() || refund > charge.value(QLatin1String("amount")).toInteger() - charge.value(QLatin1String("amount_refunded")).toInteger())
                return errorResponse(400, InvalidRequest, QStringLiteral("credit_note_invalid_refund_amount"),
                                     QStringLiteral("The refund_amount (%1) is more than the invoice's charge has left to refund.").arg(refund),
                                     QStringLiteral("refund_amount"));
            refundId = newId(QStringLiteral("re"));
            const QJsonObject refundObject{{QStringLiteral("id"), refundId},
                                           {QStringLiteral("object"), QStringLiteral("refund")},
                                           {QStringLiteral("amount"), refund},
                                           {QStringLiteral("charge"), chargeId},
                                           {QStringLiteral("created"), now()},
                                           {QStringLiteral("currency"), charge.value(QLatin1String("currency"))},
                                           {QStringLiteral("metadata"), QJsonObject{}},
                                           {QStringLiteral("payment_intent"), charge.value(QLatin1String("payment_intent"))},
                                           {QStringLiteral("status"), QStringLiteral("succeeded")}};
            put(QStringLiteral("refund"), refundObject);
            charge.insert(QStringLiteral("amount_refunded"), charge.value(QLatin1String("amount_refunded")).toInteger() + refund);
            charge.insert(QStringLiteral("refunded"),
                          charge.value(QLatin1String("amount_refunded")).toInteger() == charge.value(QLatin1String("amount")).toInteger());
            put(QStringLiteral("charge"), charge);
            emitEvent(QStringLiteral("refund.created"), refundObject);
            emitEvent(QStringLiteral("charge.refunded"), charge);
        }
        const QJsonObject note{
            {QStringLiteral("id"), newId(QStringLiteral("cn"))},
            {QStringLiteral("refund"), refundId.isEmpty() ? QJsonValue() : QJsonValue(refundId)},
            {QStringLiteral("object"), QStringLiteral("credit_note")},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("created"), now()},
            {QStringLiteral("currency"), invoice.value(QLatin1String("currency"))},
            {QStringLiteral("customer"), invoice.value(QLatin1String("customer"))},
            {QStringLiteral("invoice"), invoiceId},
            {QStringLiteral("memo"), p.value(QLatin1String("memo"))},
            {QStringLiteral("metadata"), p.value(QLatin1String("metadata")).toObject()},
            {QStringLiteral("number"), QStringLiteral("%1-CN-%2").arg(invoice.value(QLatin1String("number")).toString()).arg(s.order.size() + 1)},
            {QStringLiteral("out_of_band_amount"), outside ? QJsonValue(outside) : QJsonValue()},
            {QStringLiteral("pre_payment_amount"), pre},
            {QStringLiteral("post_payment_amount"), post},
            {QStringLiteral("reason"), p.value(QLatin1String("reason"))},
            {QStringLiteral("status"), QStringLiteral("issued")},
            {QStringLiteral("total"), amount},
            {QStringLiteral("type"), pre > 0 ? QStringLiteral("pre_payment") : QStringLiteral("post_payment")}};
        put(QStringLiteral("credit_note"), note);
        emitEvent(QStringLiteral("credit_note.created"), note);
        const QJsonObject previous{{QStringLiteral("amount_remaining"), invoice.value(QLatin1String("amount_remaining"))}};
        invoice.insert(QStringLiteral("pre_payment_credit_notes_amount"), invoice.value(QLatin1String("pre_payment_credit_notes_amount")).toInteger() + pre);
        invoice.insert(QStringLiteral("post_payment_credit_notes_amount"), invoice.value(QLatin1String("post_payment_credit_notes_amount")).toInteger() + post);
        if (pre > 0) {
            invoice.insert(QStringLiteral("amount_due"), invoice.value(QLatin1String("amount_due")).toInteger() - pre);
            invoice.insert(QStringLiteral("amount_remaining"), remaining - pre);
            put(QStringLiteral("invoice"), invoice);
            if (remaining - pre == 0)
                settleInvoice(invoice, true); // nothing left to pay: Stripe marks it paid
            else
                emitEvent(QStringLiteral("invoice.updated"), invoice, previous);
        } else {
            put(QStringLiteral("invoice"), invoice);
        }
        return jsonResponse(note);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("credit note"), id, QStringLiteral("id"));
    QJsonObject note = s.byId.value(id);
    if (r.method == QLatin1String("GET")) {
        if (t.endsWith(QLatin1String("/lines")))
            return jsonResponse(
                {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), QJsonArray{}}, {QStringLiteral("has_more"), false}});
        return jsonResponse(note);
    }
    if (t.endsWith(QLatin1String("/void"))) {
        if (note.value(QLatin1String("status")).toString() == QLatin1String("void"))
            return errorResponse(400, InvalidRequest, QStringLiteral("credit_note_already_voided"), QStringLiteral("Credit note %1 is already void.").arg(id));
        note.insert(QStringLiteral("status"), QStringLiteral("void"));
        put(QStringLiteral("credit_note"), note);
        emitEvent(QStringLiteral("credit_note.voided"), note);
        return jsonResponse(note);
    }
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.key() == QLatin1String("memo") || it.key() == QLatin1String("metadata"))
            note.insert(it.key(), it.value());
    put(QStringLiteral("credit_note"), note);
    emitEvent(QStringLiteral("credit_note.updated"), note);
    return jsonResponse(note);
}

StandinResponse StripeStandin::charges(const StandinRequest &, const OpenApiSubset::Match &, const QJsonObject &p)
{
    const QString customer = p.value(QLatin1String("customer")).toString();
    const QString intent = p.value(QLatin1String("payment_intent")).toString();
    return list(QStringLiteral("charge"), QStringLiteral("/v1/charges"), p, [&](const QJsonObject &c) {
        return (customer.isEmpty() || c.value(QLatin1String("customer")).toString() == customer)
               && (intent.isEmpty() || c.value(QLatin1String("payment_intent")).toString() == intent);
    });
}

StandinResponse StripeStandin::refunds(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("refund")];
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString charge = p.value(QLatin1String("charge")).toString();
        return list(QStringLiteral("refund"), QStringLiteral("/v1/refunds"), p,
                    [&](const QJsonObject &x) { return charge.isEmpty() || x.value(QLatin1String("charge")).toString() == charge; });
    }
    if (m.pathParams.isEmpty()) {
        QString chargeId = p.value(QLatin1String("charge")).toString();
        if (chargeId.isEmpty() && p.contains(QLatin1String("payment_intent")))
            chargeId = m_stores[QStringLiteral("payment_intent")]
                           .byId.value(p.value(QLatin1String("payment_intent")).toString())
                           .value(QLatin1String("latest_charge"))
                           .toString();
        Store &charges = m_stores[QStringLiteral("charge")];
        if (!charges.byId.contains(chargeId))
            return missing(QStringLiteral("charge"), chargeId, QStringLiteral("charge"));
        QJsonObject charge = charges.byId.value(chargeId);
        const qint64 left = charge.value(QLatin1String("amount")).toInteger() - charge.value(QLatin1String("amount_refunded")).toInteger();
        const qint64 amount = p.contains(QLatin1String("amount")) ? integer(p, QStringLiteral("amount")) : left;
        if (amount <= 0 || amount > left)
            return errorResponse(400, InvalidRequest, QStringLiteral("amount_too_large"),
                                 QStringLiteral("Refund amount (%1) is greater than the unrefunded amount on charge (%2).").arg(amount).arg(left),
                                 QStringLiteral("amount"));
        const QJsonObject refund{{QStringLiteral("id"), newId(QStringLiteral("re"))},
                                 {QStringLiteral("object"), QStringLiteral("refund")},
                                 {QStringLiteral("amount"), amount},
                                 {QStringLiteral("charge"), chargeId},
                                 {QStringLiteral("created"), now()},
                                 {QStringLiteral("currency"), charge.value(QLatin1String("currency"))},
                                 {QStringLiteral("metadata"), p.value(QLatin1String("metadata")).toObject()},
                                 {QStringLiteral("payment_intent"), charge.value(QLatin1String("payment_intent"))},
                                 {QStringLiteral("reason"), p.value(QLatin1String("reason"))},
                                 {QStringLiteral("status"), QStringLiteral("succeeded")}};
        put(QStringLiteral("refund"), refund);
        charge.insert(QStringLiteral("amount_refunded"), charge.value(QLatin1String("amount_refunded")).toInteger() + amount);
        charge.insert(QStringLiteral("refunded"),
                      charge.value(QLatin1String("amount_refunded")).toInteger() == charge.value(QLatin1String("amount")).toInteger());
        put(QStringLiteral("charge"), charge);
        emitEvent(QStringLiteral("refund.created"), refund);
        emitEvent(QStringLiteral("charge.refunded"), charge);
        return jsonResponse(refund);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("refund"), id, QStringLiteral("refund"));
    QJsonObject refund = s.byId.value(id);
    if (r.method == QLatin1String("POST") && p.contains(QLatin1String("metadata"))) {
        refund.insert(QStringLiteral("metadata"), p.value(QLatin1String("metadata")));
        put(QStringLiteral("refund"), refund);
    }
    return jsonResponse(refund);
}

StandinResponse StripeStandin::disputes(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("dispute")];
    if (m.pathParams.isEmpty()) {
        const QString charge = p.value(QLatin1String("charge")).toString();
        return list(QStringLiteral("dispute"), QStringLiteral("/v1/disputes"), p,
                    [&](const QJsonObject &d) { return charge.isEmpty() || d.value(QLatin1String("charge")).toString() == charge; });
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("dispute"), id, QStringLiteral("dispute"));
    if (r.method == QLatin1String("GET"))
        return jsonResponse(s.byId.value(id));
    if (m.pathTemplate.endsWith(QLatin1String("/close")))
        return decideDisputeLocked(id, QStringLiteral("lost"));
    QJsonObject d = s.byId.value(id);
    if (p.contains(QLatin1String("metadata")))
        d.insert(QStringLiteral("metadata"), p.value(QLatin1String("metadata")));
    put(QStringLiteral("dispute"), d);
    emitEvent(QStringLiteral("charge.dispute.updated"), d);
    return jsonResponse(d);
}

StandinResponse StripeStandin::openDispute(const QString &chargeId, qint64 amount)
{
    QMutexLocker lock(&m_mutex);
    return openDisputeLocked(chargeId, amount);
}

StandinResponse StripeStandin::decideDispute(const QString &disputeId, const QString &status)
{
    QMutexLocker lock(&m_mutex);
    return decideDisputeLocked(disputeId, status);
}

StandinResponse StripeStandin::openDisputeLocked(const QString &chargeId, qint64 amount)
{
    Store &charges = m_stores[QStringLiteral("charge")];
    if (!charges.byId.contains(chargeId))
        return missing(QStringLiteral("charge"), chargeId, QStringLiteral("charge"));
    QJsonObject charge = charges.byId.value(chargeId);
    if (amount <= 0)
        amount = charge.value(QLatin1String("amount")).toInteger();
    const QJsonObject dispute{{QStringLiteral("id"), newId(QStringLiteral("dp"))},
                              {QStringLiteral("object"), QStringLiteral("dispute")},
                              {QStringLiteral("amount"), amount},
                              {QStringLiteral("charge"), chargeId},
                              {QStringLiteral("created"), now()},
                              {QStringLiteral("currency"), charge.value(QLatin1String("currency"))},
                              {QStringLiteral("payment_intent"), charge.value(QLatin1String("payment_intent"))},
                              {QStringLiteral("reason"), QStringLiteral("fraudulent")},
                              {QStringLiteral("status"), QStringLiteral("needs_response")}};
    put(QStringLiteral("dispute"), dispute);
    charge.insert(QStringLiteral("disputed"), true);
    put(QStringLiteral("charge"), charge);
    emitEvent(QStringLiteral("charge.dispute.created"), dispute);
    emitEvent(QStringLiteral("charge.dispute.funds_withdrawn"), dispute);
    return jsonResponse(dispute);
}

StandinResponse StripeStandin::decideDisputeLocked(const QString &disputeId, const QString &status)
{
    Store &s = m_stores[QStringLiteral("dispute")];
    if (!s.byId.contains(disputeId))
        return missing(QStringLiteral("dispute"), disputeId, QStringLiteral("dispute"));
    if (status != QLatin1String("won") && status != QLatin1String("lost"))
        return errorResponse(400, InvalidRequest, QStringLiteral("parameter_invalid_string"), QStringLiteral("status must be won or lost"),
                             QStringLiteral("status"));
    QJsonObject d = s.byId.value(disputeId);
    const QString was = d.value(QLatin1String("status")).toString();
    if (was == QLatin1String("won") || was == QLatin1String("lost"))
        return errorResponse(400, InvalidRequest, QStringLiteral("dispute_already_closed"), QStringLiteral("Dispute %1 is already closed.").arg(disputeId));
    d.insert(QStringLiteral("status"), status);
    put(QStringLiteral("dispute"), d);
    if (status == QLatin1String("won"))
        emitEvent(QStringLiteral("charge.dispute.funds_reinstated"), d);
    emitEvent(QStringLiteral("charge.dispute.closed"), d);
    return jsonResponse(d);
}

StandinResponse StripeStandin::meterEventSummaries(const OpenApiSubset::Match &m, const QJsonObject &p)
{
    const QString meterId = m.pathParams.value(0);
    const QJsonObject meter = m_stores[QStringLiteral("billing.meter")].byId.value(meterId);
    if (meter.isEmpty())
        return missing(QStringLiteral("billing meter"), meterId, QStringLiteral("id"));
    const QString customer = p.value(QLatin1String("customer")).toString();
    const qint64 start = integer(p, QStringLiteral("start_time"));
    const qint64 end = integer(p, QStringLiteral("end_time"));
    if (start % 60 != 0 || end % 60 != 0 || end <= start)
        return errorResponse(400, InvalidRequest, QStringLiteral("parameter_invalid_integer"),
                             QStringLiteral("start_time and end_time must be aligned to minute boundaries, with end_time after start_time."),
                             QStringLiteral("start_time"));
    const QString formula = meter.value(QLatin1String("default_aggregation")).toObject().value(QLatin1String("formula")).toString();
    const QString customerKey = meter.value(QLatin1String("customer_mapping")).toObject().value(QLatin1String("event_payload_key")).toString();
    const QString valueKey = meter.value(QLatin1String("value_settings")).toObject().value(QLatin1String("event_payload_key")).toString();
    double value = 0; // Stripe states the aggregate as a JSON number
    qint64 latest = -1;
    const Store &events = m_stores[QStringLiteral("billing.meter_event")];
    for (const QString &id : events.order) {
        const QJsonObject e = events.byId.value(id);
        if (e.value(QLatin1String("event_name")).toString() != meter.value(QLatin1String("event_name")).toString())
            continue;
        const QJsonObject payload = e.value(QLatin1String("payload")).toObject();
        const qint64 ts = e.value(QLatin1String("timestamp")).toInteger();
        if (payload.value(customerKey).toString() != customer || ts < start || ts >= end)
            continue;
        const double v = payload.value(valueKey).toString().toDouble();
        if (formula == QLatin1String("count"))
            value += 1;
        else if (formula == QLatin1String("sum"))
            value += v;
        else if (ts >= latest) {
            latest = ts;
            value = v;
        }
    }
    const QJsonObject summary{{QStringLiteral("id"), QStringLiteral("mtrusg_%1_%2").arg(meterId).arg(start)},
                              {QStringLiteral("object"), QStringLiteral("billing.meter_event_summary")},
                              {QStringLiteral("aggregated_value"), value},
                              {QStringLiteral("end_time"), end},
                              {QStringLiteral("livemode"), false},
                              {QStringLiteral("meter"), meterId},
                              {QStringLiteral("start_time"), start}};
    return jsonResponse({{QStringLiteral("object"), QStringLiteral("list")},
                         {QStringLiteral("data"), QJsonArray{summary}},
                         {QStringLiteral("has_more"), false},
                         {QStringLiteral("url"), QStringLiteral("/v1/billing/meters/%1/event_summaries").arg(meterId)}});
}

} // namespace orb::standin
