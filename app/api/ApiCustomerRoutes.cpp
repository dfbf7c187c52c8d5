// SPDX-License-Identifier: GPL-3.0-or-later
// Orb's customer endpoints: create, list, fetch (by id or external id), update, balance
// transactions, credits.
#include "app/api/ApiTypes.h"

#include "engine/Clock.h"
#include "engine/Customer.h"
#include "engine/Decimal.h"
#include "models/Timestamps.h"
#include "models/api/ApiCreatedOrder.h"
#include "models/api/ApiDates.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/billing/LedgerService.h"
#include "models/billing/Ledgers.h"

#include <QJsonDocument>

namespace orb::api {

namespace {

QString text(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw ApiError::validation(QStringLiteral("%1: must be a string").arg(field),
                                   {QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("message"), QStringLiteral("must be a string")}}});
    return v.toString();
}

bool present(const QJsonObject &body, const QString &field)
{
    return body.contains(field);
}

Address addressFrom(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isObject())
        throw ApiError::validation(QStringLiteral("%1: must be an address object").arg(field));
    return Address::fromJson(v.toObject());
}

TaxId taxIdFrom(const QJsonObject &body)
{
    const QJsonValue v = body.value(QStringLiteral("tax_id"));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isObject())
        throw ApiError::validation(QStringLiteral("tax_id: must be {country, type, value}"));
    const QJsonObject o = v.toObject();
    return TaxId{text(o, QStringLiteral("country")), text(o, QStringLiteral("type")), text(o, QStringLiteral("value"))};
}

/// Orb's metadata: string values; null (or "") removes a key on update.
QMap<QString, QString> metadataFrom(const QJsonObject &body)
{
    QMap<QString, QString> m;
    const QJsonValue v = body.value(QStringLiteral("metadata"));
    if (v.isNull() || v.isUndefined())
        return m;
    if (!v.isObject())
        throw ApiError::validation(QStringLiteral("metadata: must be an object of strings"));
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString() && !it.value().isNull())
            throw ApiError::validation(QStringLiteral("metadata.%1: must be a string or null").arg(it.key()));
        m.insert(it.key(), it.value().toString());
    }
    return m;
}

std::optional<int> netTermsFrom(const QJsonObject &body)
{
    const QJsonValue v = body.value(QStringLiteral("net_terms"));
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() != double(v.toInt()))
        throw ApiError::validation(QStringLiteral("net_terms: must be a whole number of days"));
    return v.toInt();
}

void rejectUnknown(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.contains(it.key()))
            throw ApiError::validation(QStringLiteral("%1: not a field this server accepts (known: %2)").arg(it.key(), known.join(QStringLiteral(", "))),
                                       {QJsonObject{{QStringLiteral("field"), it.key()}, {QStringLiteral("message"), QStringLiteral("unknown field")}}});
}

const QStringList kCustomerFields = {
    QStringLiteral("name"),
    QStringLiteral("email"),
    QStringLiteral("external_customer_id"),
    QStringLiteral("currency"),
    QStringLiteral("timezone"),
    QStringLiteral("metadata"),
    QStringLiteral("billing_address"),
    QStringLiteral("shipping_address"),
    QStringLiteral("tax_id"),
    QStringLiteral("net_terms"),
    QStringLiteral("document_language"),
    // Accepted and ignored, as they concern features of hosted Orb only.
    QStringLiteral("payment_provider"),
    QStringLiteral("payment_provider_id"),
    QStringLiteral("additional_emails"),
    QStringLiteral("auto_collection"),
    QStringLiteral("email_delivery"),
};

ApiResponse createCustomer(ApiContext &ctx)
{
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, kCustomerFields);
    Customer c;
    c.name = text(body, QStringLiteral("name"));
    c.email = text(body, QStringLiteral("email"));
    c.externalCustomerId = text(body, QStringLiteral("external_customer_id"));
    c.currency = text(body, QStringLiteral("currency"));
    c.timezone = text(body, QStringLiteral("timezone"));
    c.billingAddress = addressFrom(body, QStringLiteral("billing_address"));
    c.shippingAddress = addressFrom(body, QStringLiteral("shipping_address"));
    c.taxId = taxIdFrom(body);
    c.netTerms = netTermsFrom(body);
    c.documentLanguage = text(body, QStringLiteral("document_language"));
    c.metadata = metadataFrom(body);
    for (auto it = c.metadata.begin(); it != c.metadata.end();)
        it = it.value().isEmpty() ? c.metadata.erase(it) : std::next(it);
    if (c.name.trimmed().isEmpty())
        throw ApiError::validation(QStringLiteral("name: required"),
                                   {QJsonObject{{QStringLiteral("field"), QStringLiteral("name")}, {QStringLiteral("message"), QStringLiteral("required")}}});
    return ApiResponse::json(customerObject(CustomerService(ctx.company, ctx.clock).create(c)));
}

ApiResponse listCustomers(ApiContext &ctx)
{
    // Orb lists the newest first: by keyset in SQL over (created_at, id).
    const int limit = ctx.limit();
    CreatedRange range;
    const std::pair<const char *, QDateTime *> fields[] = {
        {"created_at[gt]", &range.after}, {"created_at[gte]", &range.from}, {"created_at[lt]", &range.before}, {"created_at[lte]", &range.to}};
    for (const auto &[name, target] : fields) {
        const QString t = ctx.query(QLatin1String(name));
        if (t.isEmpty())
            continue;
        *target = parseTimestampWithZone(t);
        if (!target->isValid())
            throw ApiError::validation(
                QStringLiteral("%1: \"%2\" is not an ISO 8601 timestamp with a zone").arg(QLatin1String(name), t),
                {QJsonObject{{QStringLiteral("field"), QLatin1String(name)}, {QStringLiteral("message"), QStringLiteral("timestamp required")}}});
    }
    std::optional<CreatedKey> after;
    if (const QString c = ctx.query(QStringLiteral("cursor")); !c.isEmpty()) {
        after = ApiCreatedOrder::parseCursor(ApiCreatedOrder::Table::Customers, c);
        if (!after)
            throw ApiError::validation(
                QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page of this list").arg(c),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    }
    const QList<CreatedKey> keys = ApiCreatedOrder::keys(ctx.company.db(), ApiCreatedOrder::Table::Customers, {}, range, after, limit + 1);
    const bool hasMore = keys.size() > limit;
    CustomerService service(ctx.company, ctx.clock);
    QJsonArray data;
    for (qsizetype i = 0; i < std::min<qsizetype>(keys.size(), limit); ++i)
        if (const auto c = service.repository().findById(keys[i].id))
            data.append(customerObject(*c));
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination_metadata"),
         QJsonObject{{QStringLiteral("has_more"), hasMore},
                     {QStringLiteral("next_cursor"),
                      hasMore ? QJsonValue(ApiCreatedOrder::cursor(ApiCreatedOrder::Table::Customers, keys[limit - 1])) : QJsonValue(QJsonValue::Null)}}}});
}

/// By Orb id only (`/customers/{id}`) or by external id only (`/customers/external_customer_id/{id}`).
Customer customerFor(ApiContext &ctx, bool external)
{
    CustomerService service(ctx.company, ctx.clock);
    const auto c = external ? service.repository().findByExternalId(ctx.params[0]) : service.repository().findById(ctx.params[0]);
    if (!c)
        throw ApiError::notFound(external ? QStringLiteral("no customer with external_customer_id \"%1\"").arg(ctx.params[0])
                                          : QStringLiteral("no customer with id \"%1\"").arg(ctx.params[0]));
    return *c;
}

ApiResponse fetchCustomer(ApiContext &ctx)
{
    return ApiResponse::json(customerObject(customerFor(ctx, false)));
}

ApiResponse fetchCustomerByExternalId(ApiContext &ctx)
{
    return ApiResponse::json(customerObject(customerFor(ctx, true)));
}

ApiResponse updateCustomerImpl(ApiContext &ctx, bool external)
{
    const Customer current = customerFor(ctx, external);
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, kCustomerFields);
    CustomerPatch p;
    if (present(body, QStringLiteral("name")))
        p.name = text(body, QStringLiteral("name"));
    if (present(body, QStringLiteral("email")))
        p.email = text(body, QStringLiteral("email"));
    if (present(body, QStringLiteral("external_customer_id")))
        p.externalCustomerId = text(body, QStringLiteral("external_customer_id"));
    if (present(body, QStringLiteral("currency")))
        p.currency = text(body, QStringLiteral("currency"));
    if (present(body, QStringLiteral("timezone")))
        p.timezone = text(body, QStringLiteral("timezone"));
    if (present(body, QStringLiteral("billing_address")))
        p.billingAddress = addressFrom(body, QStringLiteral("billing_address"));
    if (present(body, QStringLiteral("shipping_address")))
        p.shippingAddress = addressFrom(body, QStringLiteral("shipping_address"));
    if (present(body, QStringLiteral("tax_id")))
        p.taxId = taxIdFrom(body);
    if (present(body, QStringLiteral("net_terms")))
        p.netTerms = netTermsFrom(body);
    if (present(body, QStringLiteral("document_language")))
        p.documentLanguage = text(body, QStringLiteral("document_language"));
    if (present(body, QStringLiteral("metadata")))
        p.metadata = metadataFrom(body);
    CustomerService service(ctx.company, ctx.clock);
    if (p.isEmpty())
        return ApiResponse::json(customerObject(current));
    return ApiResponse::json(customerObject(service.update(current.id, p)));
}

ApiResponse updateCustomer(ApiContext &ctx)
{
    return updateCustomerImpl(ctx, false);
}

ApiResponse updateCustomerByExternalId(ApiContext &ctx)
{
    return updateCustomerImpl(ctx, true);
}

/// Orb's name (its `action` enum) for why a ledger entry was made.
QString orbAction(const QString &cause)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("applied_to_invoice"), QStringLiteral("applied_to_invoice")},
        {QStringLiteral("added_to_invoice"), QStringLiteral("applied_to_invoice")},       // a debt billed on the invoice
        {QStringLiteral("negative_invoice_total"), QStringLiteral("applied_to_invoice")}, // the invoice's credit kept
        {QStringLiteral("manual_adjustment"), QStringLiteral("manual_adjustment")},
        {QStringLiteral("proration_credit"), QStringLiteral("prorated_refund")},
        {QStringLiteral("proration_reversal"), QStringLiteral("revert_prorated_refund")},
        {QStringLiteral("void_reversal"), QStringLiteral("return_from_voiding")},
        {QStringLiteral("credit_note"), QStringLiteral("credit_note_applied")},
        {QStringLiteral("overpayment"), QStringLiteral("overpayment_refund")},
    };
    return names.value(cause, cause);
}

/// Orb's balance transaction object from a ledger entry.
QJsonObject balanceTransaction(const BalanceEntryRecord &e)
{
    const QJsonObject stored = e.toJson();
    const Decimal starting = e.balanceAfter - e.amount;
    QJsonObject o{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("action"), orbAction(e.cause)},
        {QStringLiteral("amount"), stored.value(QStringLiteral("amount"))},
        {QStringLiteral("ending_balance"), stored.value(QStringLiteral("ending_balance"))},
        {QStringLiteral("starting_balance"), moneyText(starting, e.currency)},
        {QStringLiteral("type"), e.amount.isNegative() ? QStringLiteral("decrement") : QStringLiteral("increment")},
        {QStringLiteral("description"), e.description.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.description)},
        {QStringLiteral("invoice"), e.invoiceId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject{{QStringLiteral("id"), e.invoiceId}})},
        {QStringLiteral("credit_note"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), stored.value(QStringLiteral("created_at"))}};
    return o;
}

/// The opaque cursor of a ledger page: a tag naming the list, then where the page ended.
QString ledgerCursor(const char *tag, const QStringList &parts)
{
    const QByteArray raw = QByteArray(tag) + '\n' + parts.join(QLatin1Char('\n')).toUtf8();
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QStringList parseLedgerCursor(const ApiContext &ctx, const char *tag, qsizetype parts)
{
    const QString c = ctx.query(QStringLiteral("cursor"));
    if (c.isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(c.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QList<QByteArray> raw = decoded ? decoded.decoded.split('\n') : QList<QByteArray>();
    QStringList out;
    for (qsizetype i = 1; i < raw.size(); ++i)
        out << QString::fromUtf8(raw[i]);
    if (raw.size() != parts + 1 || raw[0] != tag || out.contains(QString()))
        throw ApiError::validation(
            QStringLiteral("cursor: \"%1\" is not a next_cursor from a previous page of this list").arg(c),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    return out;
}

QJsonObject ledgerPage(const QJsonArray &data, bool hasMore, const QString &next)
{
    return QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination_metadata"),
         QJsonObject{{QStringLiteral("has_more"), hasMore}, {QStringLiteral("next_cursor"), hasMore ? QJsonValue(next) : QJsonValue(QJsonValue::Null)}}}};
}

ApiResponse listBalanceTransactions(ApiContext &ctx)
{
    const Customer c = customerFor(ctx, false);
    // The newest first, a page at a time by keyset on the ledger's sequence (in SQL).
    BalanceEntryPageQuery q;
    q.customerId = c.id;
    q.limit = ctx.limit() + 1;
    if (const QStringList cur = parseLedgerCursor(ctx, "t1", 1); !cur.isEmpty()) {
        bool ok = false;
        q.beforeSeq = cur[0].toLongLong(&ok);
        if (!ok || q.beforeSeq <= 0)
            throw ApiError::validation(
                QStringLiteral("cursor: not a next_cursor from a previous page of this list"),
                {QJsonObject{{QStringLiteral("field"), QStringLiteral("cursor")}, {QStringLiteral("message"), QStringLiteral("unknown cursor")}}});
    }
    // Orb's operation_time[gt|gte|lt|lte]: instants with a zone, compared as stored.
    const std::pair<const char *, QString *> fields[] = {{"operation_time[gt]", &q.createdAfter},
                                                         {"operation_time[gte]", &q.createdFrom},
                                                         {"operation_time[lt]", &q.createdBefore},
                                                         {"operation_time[lte]", &q.createdTo}};
    for (const auto &[name, target] : fields) {
        const QString t = ctx.query(QLatin1String(name));
        if (t.isEmpty())
            continue;
        const QDateTime instant = parseTimestampWithZone(t);
        if (!instant.isValid())
            throw ApiError::validation(
                QStringLiteral("%1: \"%2\" is not an ISO 8601 timestamp with a zone").arg(QLatin1String(name), t),
                {QJsonObject{{QStringLiteral("field"), QLatin1String(name)}, {QStringLiteral("message"), QStringLiteral("timestamp required")}}});
        *target = toIsoUtc(instant);
    }
    const QList<BalanceEntryRecord> rows = LedgerService(ctx.company, ctx.clock).balanceEntriesPage(q);
    const bool hasMore = rows.size() == q.limit;
    QJsonArray data;
    for (qsizetype i = 0; i < rows.size() && i < q.limit - 1; ++i)
        data.append(balanceTransaction(rows[i]));
    return ApiResponse::json(ledgerPage(data, hasMore, hasMore ? ledgerCursor("t1", {QString::number(rows[q.limit - 2].seq)}) : QString()));
}

ApiResponse createBalanceTransaction(ApiContext &ctx)
{
    const Customer c = customerFor(ctx, false);
    const QJsonObject body = ctx.bodyObject();
    rejectUnknown(body, {QStringLiteral("amount"), QStringLiteral("type"), QStringLiteral("description")});
    const QString amountText = text(body, QStringLiteral("amount"));
    const auto amount = Decimal::tryParse(amountText);
    if (!amount || !amount->isPositive())
        throw ApiError::validation(
            QStringLiteral("amount: \"%1\" must be a positive decimal string, e.g. \"10.00\"").arg(amountText),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("amount")}, {QStringLiteral("message"), QStringLiteral("positive decimal string")}}});
    const QString type = text(body, QStringLiteral("type"));
    if (type != QLatin1String("increment") && type != QLatin1String("decrement"))
        throw ApiError::validation(
            QStringLiteral("type: \"%1\" must be increment or decrement").arg(type),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("type")}, {QStringLiteral("message"), QStringLiteral("increment or decrement")}}});
    QString description = text(body, QStringLiteral("description"));
    if (description.trimmed().isEmpty())
        description = QStringLiteral("API balance %1").arg(type);
    const Decimal signedAmount = type == QLatin1String("increment") ? *amount : -*amount;
    return ApiResponse::json(balanceTransaction(LedgerService(ctx.company, ctx.clock).adjustBalance(c.id, signedAmount, description)));
}

/// Orb's credit block object (a block here is always a manual one in the customer's currency,
/// with no price filters; Orb sends its balances as JSON numbers).
QJsonObject creditBlock(const CreditBlockRecord &b, const QTimeZone &zone)
{
    QJsonObject o = b.toJson();
    ApiDates::creditBlockDays(o, zone);
    const auto number = [](const QString &decimal) { return QJsonDocument::fromJson("[" + decimal.toLatin1() + "]").array().at(0); };
    o.insert(QStringLiteral("balance"), number(moneyText(b.remaining, b.currency)));
    o.insert(QStringLiteral("maximum_initial_balance"), number(moneyText(b.amount, b.currency)));
    o.insert(QStringLiteral("credit_block_source"), QStringLiteral("manual"));
    o.insert(QStringLiteral("status"), QStringLiteral("active"));
    o.insert(QStringLiteral("filters"), QJsonArray());
    o.insert(QStringLiteral("metadata"), QJsonObject());
    return o;
}

ApiResponse listCredits(ApiContext &ctx)
{
    const Customer c = customerFor(ctx, false);
    const QString all = ctx.query(QStringLiteral("include_all_blocks"));
    if (!all.isEmpty() && all != QLatin1String("true") && all != QLatin1String("false"))
        throw ApiError::validation(
            QStringLiteral("include_all_blocks: \"%1\" must be true or false").arg(all),
            {QJsonObject{{QStringLiteral("field"), QStringLiteral("include_all_blocks")}, {QStringLiteral("message"), QStringLiteral("boolean")}}});
    const bool includeAll = all == QLatin1String("true");
    const QTimeZone zone = ApiDates::customerZone(ctx.company.db(), c.id);
    const int limit = ctx.limit();
    // The blocks in the order they are drawn, by keyset in SQL; as Orb, without
    // include_all_blocks only those with credit left and not expired (today in the customer's
    // zone). Expiry is filtered in SQL, a block's remaining credit is an exact sum of its
    // entries, so depleted blocks are skipped here, reading on in batches until the page is full.
    CreditBlockPageQuery q;
    q.customerId = c.id;
    q.limit = limit + 1;
    q.currency = ctx.query(QStringLiteral("currency"));
    if (const QStringList cur = parseLedgerCursor(ctx, "k1", 3); !cur.isEmpty())
        q.after = CreditBlockKey{cur[0], cur[1], cur[2]};
    if (const auto b = dayBound(ctx, QStringLiteral("effective_date[gt]"), zone))
        q.effectiveAfter = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("effective_date[gte]"), zone))
        (b->atStart ? q.effectiveFrom : q.effectiveAfter) = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("effective_date[lt]"), zone))
        (b->atStart ? q.effectiveBefore : q.effectiveTo) = b->day;
    if (const auto b = dayBound(ctx, QStringLiteral("effective_date[lte]"), zone))
        q.effectiveTo = b->day;
    if (!includeAll)
        q.unexpiredOn = ctx.clock.now().toTimeZone(zone).date();
    const LedgerService ledger(ctx.company, ctx.clock);
    QJsonArray data;
    bool hasMore = false;
    CreditBlockKey last;
    for (bool more = true; more && !hasMore;) {
        const QList<CreditBlockRow> rows = ledger.creditBlocksPage(q);
        more = rows.size() == q.limit;
        for (const CreditBlockRow &r : rows) {
            q.after = r.key;
            if (!includeAll && !r.block.remaining.isPositive())
                continue;
            if (data.size() == limit) {
                hasMore = true;
                break;
            }
            data.append(creditBlock(r.block, zone));
            last = r.key;
        }
    }
    return ApiResponse::json(ledgerPage(data, hasMore, hasMore ? ledgerCursor("k1", {last.effectiveDate, last.createdAt, last.id}) : QString()));
}

} // namespace

QList<Route> customerRoutes()
{
    return {
        {"POST", QStringLiteral("/v1/customers"), Access::Billing, &createCustomer},
        {"GET", QStringLiteral("/v1/customers"), Access::Billing, &listCustomers},
        {"GET", QStringLiteral("/v1/customers/external_customer_id/{id}"), Access::Billing, &fetchCustomerByExternalId},
        {"PUT", QStringLiteral("/v1/customers/external_customer_id/{id}"), Access::Billing, &updateCustomerByExternalId},
        {"GET", QStringLiteral("/v1/customers/{id}"), Access::Billing, &fetchCustomer},
        {"PUT", QStringLiteral("/v1/customers/{id}"), Access::Billing, &updateCustomer},
        {"GET", QStringLiteral("/v1/customers/{id}/balance_transactions"), Access::Billing, &listBalanceTransactions},
        {"POST", QStringLiteral("/v1/customers/{id}/balance_transactions"), Access::Billing, &createBalanceTransaction},
        {"GET", QStringLiteral("/v1/customers/{id}/credits"), Access::Billing, &listCredits},
    };
}

} // namespace orb::api
