// SPDX-License-Identifier: GPL-3.0-or-later
// The resources of the stand-in: customers, invoice items, invoices and their state machine,
// payment intents and charges, billing meters and meter events.
#include "StripeStandin.h"

#include <QRegularExpression>

namespace orb::standin {

namespace {

const QString InvalidRequest = QStringLiteral("invalid_request_error");

StandinResponse missing(const QString &what, const QString &id, const QString &param)
{
    return errorResponse(404, InvalidRequest, QStringLiteral("resource_missing"), QStringLiteral("No such %1: '%2'").arg(what, id), param);
}

StandinResponse badState(const QString &message)
{
    return errorResponse(400, InvalidRequest, QStringLiteral("invoice_not_editable"), message);
}

qint64 integer(const QJsonObject &p, const QString &key, qint64 fallback = 0)
{
    const QJsonValue v = p.value(key);
    return v.isString() ? v.toString().toLongLong() : fallback;
}

bool flag(const QJsonObject &p, const QString &key, bool fallback = false)
{
    const QJsonValue v = p.value(key);
    return v.isString() ? v.toString() == QLatin1String("true") : fallback;
}

/// Stripe's metadata update: an empty value removes a key, an empty `metadata` clears all.
QJsonObject mergeMetadata(QJsonObject current, const QJsonValue &update)
{
    if (update.isString() && update.toString().isEmpty())
        return {};
    const QJsonObject u = update.toObject();
    for (auto it = u.begin(); it != u.end(); ++it) {
        if (it.value().toString().isEmpty())
            current.remove(it.key());
        else
            current.insert(it.key(), it.value());
    }
    return current;
}

} // namespace

StandinResponse StripeStandin::customers(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("customer")];
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString email = p.value(QLatin1String("email")).toString();
        return list(QStringLiteral("customer"), QStringLiteral("/v1/customers"), p,
                    [&](const QJsonObject &c) { return email.isEmpty() || c.value(QLatin1String("email")).toString() == email; });
    }
    if (m.pathParams.isEmpty()) {
        QJsonObject c{{QStringLiteral("id"), newId(QStringLiteral("cus"))},
                      {QStringLiteral("object"), QStringLiteral("customer")},
                      {QStringLiteral("created"), now()},
                      {QStringLiteral("livemode"), false},
                      {QStringLiteral("balance"), 0},
                      {QStringLiteral("delinquent"), false},
                      {QStringLiteral("metadata"), mergeMetadata({}, p.value(QLatin1String("metadata")))}};
        for (const QString &f : {QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("description"), QStringLiteral("phone"),
                                 QStringLiteral("address"), QStringLiteral("shipping"), QStringLiteral("invoice_settings"), QStringLiteral("preferred_locales"),
                                 QStringLiteral("tax_exempt"), QStringLiteral("invoice_prefix")})
            c.insert(f, p.contains(f) ? p.value(f) : QJsonValue::Null);
        put(QStringLiteral("customer"), c);
        emitEvent(QStringLiteral("customer.created"), c);
        return jsonResponse(c);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("customer"), id, QStringLiteral("customer"));
    QJsonObject c = s.byId.value(id);
    if (r.method == QLatin1String("GET"))
        return jsonResponse(c);
    if (r.method == QLatin1String("DELETE")) {
        s.byId.remove(id);
        s.order.removeAll(id);
        const QJsonObject deleted{{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("customer")}, {QStringLiteral("deleted"), true}};
        emitEvent(QStringLiteral("customer.deleted"), c);
        return jsonResponse(deleted);
    }
    QJsonObject previous;
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.key() == QLatin1String("expand"))
            continue;
        previous.insert(it.key(), c.value(it.key()));
        if (it.key() == QLatin1String("balance"))
            c.insert(it.key(), it.value().toString().toLongLong());
        else
            c.insert(it.key(), it.key() == QLatin1String("metadata") ? QJsonValue(mergeMetadata(c.value(it.key()).toObject(), it.value())) : it.value());
    }
    put(QStringLiteral("customer"), c);
    emitEvent(QStringLiteral("customer.updated"), c, previous);
    return jsonResponse(c);
}

StandinResponse StripeStandin::invoiceItems(const StandinRequest &r, const OpenApiSubset::Match &m, const QJsonObject &p)
{
    Store &s = m_stores[QStringLiteral("invoiceitem")];
    if (m.pathParams.isEmpty() && r.method == QLatin1String("GET")) {
        const QString customer = p.value(QLatin1String("customer")).toString();
        const QString invoice = p.value(QLatin1String("invoice")).toString();
        const QJsonValue pending = p.value(QLatin1String("pending"));
        return list(QStringLiteral("invoiceitem"), QStringLiteral("/v1/invoiceitems"), p, [&](const QJsonObject &i) {
            if (!customer.isEmpty() && i.value(QLatin1String("customer")).toString() != customer)
                return false;
            if (!invoice.isEmpty() && i.value(QLatin1String("invoice")).toString() != invoice)
                return false;
            if (pending.isString() && (pending.toString() == QLatin1String("true")) != i.value(QLatin1String("invoice")).isNull())
                return false;
            return true;
        });
    }
    if (m.pathParams.isEmpty()) {
        const QString customer = p.value(QLatin1String("customer")).toString();
        if (!m_stores[QStringLiteral("customer")].byId.contains(customer))
            return missing(QStringLiteral("customer"), customer, QStringLiteral("customer"));
        const qint64 quantity = integer(p, QStringLiteral("quantity"), 1);
        qint64 amount = 0;
        if (p.contains(QLatin1String("amount")))
            amount = integer(p, QStringLiteral("amount"));
        else if (p.contains(QLatin1String("unit_amount")))
            amount = integer(p, QStringLiteral("unit_amount")) * quantity;
        else
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"),
                                 QStringLiteral("You must specify either `amount` or `unit_amount` (this stand-in has no prices)."), QStringLiteral("amount"));
        const QString currency = p.value(QLatin1String("currency")).toString().toLower();
        if (currency.isEmpty())
            return errorResponse(400, InvalidRequest, QStringLiteral("parameter_missing"), QStringLiteral("Missing required param: currency."),
                                 QStringLiteral("currency"));
        QJsonValue invoiceId = QJsonValue::Null;
        if (p.contains(QLatin1String("invoice"))) {
            const QString inv = p.value(QLatin1String("invoice")).toString();
            const QJsonObject invoice = m_stores[QStringLiteral("invoice")].byId.value(inv);
            if (invoice.isEmpty())
                return missing(QStringLiteral("invoice"), inv, QStringLiteral("invoice"));
            if (invoice.value(QLatin1String("status")).toString() != QLatin1String("draft"))
                return badState(QStringLiteral("Invoice %1 is not a draft; items can only be added to draft invoices.").arg(inv));
            int attached = 0;
            for (const QJsonObject &i : std::as_const(s.byId))
                attached += i.value(QLatin1String("invoice")).toString() == inv ? 1 : 0;
            if (attached >= 250)
                return errorResponse(400, InvalidRequest, QStringLiteral("invoice_too_many_items"),
                                     QStringLiteral("An invoice may contain at most 250 invoice items; %1 has %2.").arg(inv).arg(attached),
                                     QStringLiteral("invoice"));
            invoiceId = inv;
        }
        QJsonObject item{{QStringLiteral("id"), newId(QStringLiteral("ii"))},
                         {QStringLiteral("object"), QStringLiteral("invoiceitem")},
                         {QStringLiteral("amount"), amount},
                         {QStringLiteral("currency"), currency},
                         {QStringLiteral("customer"), customer},
                         {QStringLiteral("date"), now()},
                         {QStringLiteral("description"), p.value(QLatin1String("description"))},
                         {QStringLiteral("discountable"), flag(p, QStringLiteral("discountable"), true)},
                         {QStringLiteral("invoice"), invoiceId},
                         {QStringLiteral("livemode"), false},
                         {QStringLiteral("metadata"), mergeMetadata({}, p.value(QLatin1String("metadata")))},
                         {QStringLiteral("period"), p.value(QLatin1String("period"))},
                         {QStringLiteral("quantity"), quantity},
                         {QStringLiteral("unit_amount"), quantity ? amount / quantity : amount}};
        put(QStringLiteral("invoiceitem"), item);
        emitEvent(QStringLiteral("invoiceitem.created"), item);
        if (invoiceId.isString())
            put(QStringLiteral("invoice"), recomputeInvoice(m_stores[QStringLiteral("invoice")].byId.value(invoiceId.toString())));
        return jsonResponse(item);
    }
    const QString id = m.pathParams.first();
    if (!s.byId.contains(id))
        return missing(QStringLiteral("invoice item"), id, QStringLiteral("invoiceitem"));
    QJsonObject item = s.byId.value(id);
    if (r.method == QLatin1String("GET"))
        return jsonResponse(item);
    const QString inv = item.value(QLatin1String("invoice")).toString();
    if (!inv.isEmpty() && m_stores[QStringLiteral("invoice")].byId.value(inv).value(QLatin1String("status")).toString() != QLatin1String("draft"))
        return badState(QStringLiteral("Invoice item %1 belongs to a finalized invoice and cannot be changed.").arg(id));
    if (r.method == QLatin1String("DELETE")) {
        s.byId.remove(id);
        s.order.removeAll(id);
        emitEvent(QStringLiteral("invoiceitem.deleted"), item);
        if (!inv.isEmpty())
            put(QStringLiteral("invoice"), recomputeInvoice(m_stores[QStringLiteral("invoice")].byId.value(inv)));
        return jsonResponse({{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("invoiceitem")}, {QStringLiteral("deleted"), true}});
    }
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.key() != QLatin1String("expand"))
            item.insert(it.key(), it.key() == QLatin1String("metadata") ? QJsonValue(mergeMetadata(item.value(it.key()).toObject(), it.value())) : it.value());
    if (p.contains(QLatin1String("amount")))
        item.insert(QStringLiteral("amount"), integer(p, QStringLiteral("amount")));
    if (p.contains(QLatin1String("quantity")))
        item.insert(QStringLiteral("quantity"), integer(p, QStringLiteral("quantity")));
    put(QStringLiteral("invoiceitem"), item);
    emitEvent(QStringLiteral("invoiceitem.updated"), item);
    if (!inv.isEmpty())
        put(QStringLiteral("invoice"), recomputeInvoice(m_stores[QStringLiteral("invoice")].byId.value(inv)));
    return jsonResponse(item);
}

QJsonObject StripeStandin::recomputeInvoice(QJsonObject invoice) const
{
    const QString id = invoice.value(QLatin1String("id")).toString();
    QJsonArray lines;
    qint64 total = 0;
    const Store items = m_stores.value(QStringLiteral("invoiceitem"));
    for (const QString &itemId : items.order) {
        const QJsonObject item = items.byId.value(itemId);
        if (item.value(QLatin1String("invoice")).toString() != id)
            continue;
        total += item.value(QLatin1String("amount")).toInteger();
        lines.append(QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("il_") + itemId.mid(3))},
                                 {QStringLiteral("object"), QStringLiteral("line_item")},
                                 {QStringLiteral("amount"), item.value(QLatin1String("amount"))},
                                 {QStringLiteral("currency"), item.value(QLatin1String("currency"))},
                                 {QStringLiteral("description"), item.value(QLatin1String("description"))},
                                 {QStringLiteral("invoice_item"), itemId},
                                 {QStringLiteral("quantity"), item.value(QLatin1String("quantity"))},
                                 {QStringLiteral("type"), QStringLiteral("invoiceitem")}});
    }
    invoice.insert(QStringLiteral("lines"), QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                                        {QStringLiteral("data"), lines},
                                                        {QStringLiteral("has_more"), false},
                                                        {QStringLiteral("total_count"), int(lines.size())},
                                                        {QStringLiteral("url"), QStringLiteral("/v1/invoices/%1/lines").arg(id)}});
    invoice.insert(QStringLiteral("subtotal"), total);
    invoice.insert(QStringLiteral("total"), total);
    const qint64 paid = invoice.value(QLatin1String("amount_paid")).toInteger();
    invoice.insert(QStringLiteral("amount_due"), total);
    invoice.insert(QStringLiteral("amount_remaining"), std::max<qint64>(0, total - paid));
    return invoice;
}

QJsonObject StripeStandin::settleInvoice(QJsonObject invoice, bool outOfBand)
{
    const qint64 due = invoice.value(QLatin1String("amount_remaining")).toInteger();
    if (!outOfBand && due > 0) {
        const QString pi = newId(QStringLiteral("pi"));
        const QString ch = newId(QStringLiteral("ch"));
        const QJsonObject charge{{QStringLiteral("id"), ch},
                                 {QStringLiteral("object"), QStringLiteral("charge")},
                                 {QStringLiteral("amount"), due},
                                 {QStringLiteral("amount_captured"), due},
                                 {QStringLiteral("amount_refunded"), 0},
                                 {QStringLiteral("captured"), true},
                                 {QStringLiteral("created"), now()},
                                 {QStringLiteral("currency"), invoice.value(QLatin1String("currency"))},
                                 {QStringLiteral("customer"), invoice.value(QLatin1String("customer"))},
                                 {QStringLiteral("invoice"), invoice.value(QLatin1String("id"))},
                                 {QStringLiteral("paid"), true},
                                 {QStringLiteral("payment_intent"), pi},
                                 {QStringLiteral("refunded"), false},
                                 {QStringLiteral("status"), QStringLiteral("succeeded")}};
        const QJsonObject intent{{QStringLiteral("id"), pi},
                                 {QStringLiteral("object"), QStringLiteral("payment_intent")},
                                 {QStringLiteral("amount"), due},
                                 {QStringLiteral("amount_received"), due},
                                 {QStringLiteral("created"), now()},
                                 {QStringLiteral("currency"), invoice.value(QLatin1String("currency"))},
                                 {QStringLiteral("customer"), invoice.value(QLatin1String("customer"))},
                                 {QStringLiteral("invoice"), invoice.value(QLatin1String("id"))},
                                 {QStringLiteral("latest_charge"), ch},
                                 {QStringLiteral("status"), QStringLiteral("succeeded")}};
        put(QStringLiteral("payment_intent"), intent);
        put(QStringLiteral("charge"), charge);
        emitEvent(QStringLiteral("payment_intent.succeeded"), intent);
        emitEvent(QStringLiteral("charge.succeeded"), charge);
        invoice.insert(QStringLiteral("charge"), ch);
        invoice.insert(QStringLiteral("payment_intent"), pi);
    }
    invoice.insert(QStringLiteral("paid"), true);
    invoice.insert(QStringLiteral("paid_out_of_band"), outOfBand);
    invoice.insert(QStringLiteral("amount_paid"), invoice.value(QLatin1String("amount_paid")).toInteger() + due);
    invoice.insert(QStringLiteral("amount_remaining"), 0);
    invoice.insert(QStringLiteral("status"), QStringLiteral("paid"));
    QJsonObject transitions = invoice.value(QLatin1String("status_transitions")).toObject();
    transitions.insert(QStringLiteral("paid_at"), now());
    invoice.insert(QStringLiteral("status_transitions"), transitions);
    put(QStringLiteral("invoice"), invoice);
    if (!outOfBand)
        emitEvent(QStringLiteral("invoice.payment_succeeded"), invoice);
    emitEvent(QStringLiteral("invoice.paid"), invoice);
    return invoice;
}

} // namespace orb::standin
