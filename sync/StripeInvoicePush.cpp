// SPDX-License-Identifier: GPL-3.0-or-later
// Issued invoices as Stripe invoices (items, invoice, finalize) and voids.
#include "sync/StripeSync.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/CustomerRepository.h"
#include "models/Database.h"
#include "models/UnitOfWork.h"
#include "models/billing/InvoiceRepository.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/SyncLog.h"

#include <QJsonArray>

namespace orb {

namespace {

const QString InvoiceType = QStringLiteral("invoice");
/// The customer metadata key (and company setting) choosing how Stripe collects.
const QString CollectionKey = QStringLiteral("stripe_collection_method");
const QString CollectionSetting = QStringLiteral("stripe.collection_method");

/// One Stripe invoice item: a part of an Orb invoice, in minor units.
struct Part {
    QString key;         ///< metadata[orb_part]: line-3, tax-3-1, balance, credits, settled
    int position = -1;   ///< the Orb line (its position, as `invoices show` numbers them), -1 for invoice-level parts
    qint64 amount = 0;
    QString description;
};

/// The Orb invoice as items whose sum is what Orb still asks for: each line after its
/// adjustments and coupons, each line's tax per rate, then the balance and the prepaid credits
/// Orb applied at issue, and what was paid or credited in Orb before the push, as negative
/// items. Empty with *error set when an amount does not fit the currency's minor unit or the
/// sum does not come out at Orb's figure.
QList<Part> partsOf(const Invoice &inv, QString *error)
{
    const auto currency = Currency::fromCode(inv.currency);
    const int places = currency ? currency->minorUnits() : 2;
    QList<Part> parts;
    try {
        auto minor = [&](const QString &text) { return Decimal::parse(text).toMinorUnits(places); };
        const QJsonArray lines = inv.document.value(QLatin1String("line_items")).toArray();
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject l = lines.at(i).toObject();
            const int position = i;
            QString name = l.value(QLatin1String("name")).toString();
            const QString start = l.value(QLatin1String("start_date")).toString();
            const QString end = l.value(QLatin1String("end_date")).toString();
            if (!start.isEmpty() && !end.isEmpty())
                name += QStringLiteral(" (%1 – %2)").arg(start, end);
            parts.append({QStringLiteral("line-%1").arg(position), position, minor(l.value(QLatin1String("amount")).toString()), name});
            const QJsonArray taxes = l.value(QLatin1String("tax_amounts")).toArray();
            for (int t = 0; t < taxes.size(); ++t) {
                const QJsonObject tax = taxes.at(t).toObject();
                parts.append({QStringLiteral("tax-%1-%2").arg(position).arg(t), position, minor(tax.value(QLatin1String("amount")).toString()),
                              QStringLiteral("%1 %2% on %3")
                                  .arg(tax.value(QLatin1String("tax_rate_description")).toString(),
                                       tax.value(QLatin1String("tax_rate_percentage")).toString(), l.value(QLatin1String("name")).toString())});
            }
        }
        qint64 sum = 0;
        for (const Part &p : parts)
            sum += p.amount;
        if (sum != inv.total.toMinorUnits(places)) {
            *error = QStringLiteral("the lines and taxes of invoice %1 add up to %2 minor units, not its total %3")
                         .arg(inv.invoiceNumber)
                         .arg(sum)
                         .arg(inv.total.toString());
            return {};
        }
        if (!inv.balanceApplied.isZero())
            parts.append({QStringLiteral("balance"), -1, -inv.balanceApplied.toMinorUnits(places),
                          inv.balanceApplied.isPositive() ? QStringLiteral("Customer balance applied") : QStringLiteral("Balance owed added")});
        // Prepaid credits are drawn inside the lines before tax (each line item's
        // credits_applied), so its amount already nets them; an invoice issued before that
        // carries them after its total.
        bool creditsInLines = false;
        for (const QJsonValue &l : lines)
            creditsInLines = creditsInLines || l.toObject().contains(QLatin1String("credits_applied"));
        if (!inv.creditsApplied.isZero() && !creditsInLines)
            parts.append({QStringLiteral("credits"), -1, -inv.creditsApplied.toMinorUnits(places), QStringLiteral("Prepaid credits applied")});
        const Decimal settled = inv.amountDue - inv.amountRemaining();
        if (settled.isPositive())
            parts.append({QStringLiteral("settled"), -1, -settled.toMinorUnits(places), QStringLiteral("Paid or credited in Orb")});
        sum = 0;
        for (const Part &p : parts)
            sum += p.amount;
        if (sum != inv.amountRemaining().toMinorUnits(places)) {
            *error = QStringLiteral("the items of invoice %1 add up to %2 minor units, not the %3 Orb asks for")
                         .arg(inv.invoiceNumber)
                         .arg(sum)
                         .arg(inv.amountRemaining().toString());
            return {};
        }
    } catch (const std::exception &e) {
        *error = QStringLiteral("invoice %1 has an amount Stripe cannot take: %2").arg(inv.invoiceNumber, QString::fromStdString(e.what()));
        return {};
    }
    return parts;
}

} // namespace

StripeSync::Outcome StripeSync::pushInvoice(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto found = InvoiceRepository(m_db).find(item.objectId);
    if (!found)
        return finish(item, QStringLiteral("warning"), {}, QStringLiteral("invoice %1 no longer exists in Orb; nothing sent").arg(item.objectId), summary);
    const Invoice &inv = *found;
    StripeIdMap ids(m_db);
    auto stripeId = ids.stripeId(InvoiceType, inv.id);
    if (inv.status == QLatin1String("void") || inv.status == QLatin1String("draft"))
        return finish(item, QStringLiteral("info"), stripeId.value_or(QString()),
                      QStringLiteral("invoice %1 is %2; not sent (a void goes as its own item)").arg(inv.invoiceNumber, inv.status), summary);
    if (!stripeId && inv.amountRemaining().isZero())
        return finish(item, QStringLiteral("info"), {},
                      QStringLiteral("invoice %1 has nothing left to collect; not sent to Stripe").arg(inv.invoiceNumber), summary);

    const auto customer = CustomerRepository(m_db).findById(inv.customerId);
    if (!customer)
        return refuse(item, QStringLiteral("the customer of invoice %1 no longer exists").arg(inv.invoiceNumber), summary);
    QString method = customer->metadata.value(CollectionKey);
    if (method.isEmpty()) {
        const QVariant v = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {CollectionSetting});
        method = v.isValid() ? v.toString() : QStringLiteral("send_invoice");
    }
    if (method != QLatin1String("send_invoice") && method != QLatin1String("charge_automatically"))
        return refuse(item, QStringLiteral("customer %1 has %2 \"%3\"; use send_invoice or charge_automatically").arg(customer->id, CollectionKey, method),
                      summary);
    QString problem;
    const QList<Part> parts = partsOf(inv, &problem);
    if (!problem.isEmpty())
        return refuse(item, problem, summary);

    StripeError error;
    const auto cus = ensureCustomer(inv.customerId, summary, &error);
    if (!cus)
        return failOrWait(item, error, summary);

    QSet<QString> existing; // parts already on the Stripe draft (an interrupted push)
    if (stripeId) {
        const StripeResult r = m_client.get(QStringLiteral("/v1/invoices/") + *stripeId);
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok())
            return failOrWait(item, r.error, summary);
        const QString status = r.response.json.value(QLatin1String("status")).toString();
        if (status != QLatin1String("draft"))
            return finish(item, QStringLiteral("info"), *stripeId,
                          QStringLiteral("invoice %1 is already %2 in Stripe as %3").arg(inv.invoiceNumber, status, *stripeId), summary);
        QString after;
        for (;;) {
            FormParams q;
            q.add(QStringLiteral("limit"), QStringLiteral("100"));
            if (!after.isEmpty())
                q.add(QStringLiteral("starting_after"), after);
            const StripeResult lines = m_client.get(QStringLiteral("/v1/invoices/%1/lines").arg(*stripeId), q);
            summary.requests += lines.ok() ? lines.response.attempts : lines.error.attempts;
            if (!lines.ok())
                return failOrWait(item, lines.error, summary);
            const QJsonArray data = lines.response.json.value(QLatin1String("data")).toArray();
            for (const QJsonValue &v : data)
                existing.insert(v.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_part")).toString());
            if (data.isEmpty() || !lines.response.json.value(QLatin1String("has_more")).toBool())
                break;
            after = data.last().toObject().value(QLatin1String("id")).toString();
        }
    } else {
        // The draft first, then items attached to it: pending items of the customer (another
        // invoice's, left by a push that failed) can never slip into this one.
        FormParams p;
        p.add(QStringLiteral("customer"), *cus)
            .add(QStringLiteral("currency"), inv.currency.toLower())
            .add(QStringLiteral("collection_method"), method)
            .add(QStringLiteral("pending_invoice_items_behavior"), QStringLiteral("exclude"))
            .add(QStringLiteral("auto_advance"), QStringLiteral("false"))
            .add(QStringLiteral("description"), QStringLiteral("Invoice %1").arg(inv.invoiceNumber))
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_id"), inv.id)
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_invoice_number"), inv.invoiceNumber);
        if (method == QLatin1String("send_invoice"))
            p.add(QStringLiteral("days_until_due"), QString::number(inv.netTerms));
        const StripeResult r = m_client.post(QStringLiteral("/v1/invoices"), p, item.idempotencyKey(QStringLiteral("invoice")));
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok())
            return failOrWait(item, r.error, summary);
        stripeId = r.response.json.value(QLatin1String("id")).toString();
        // Stored at once: a void or a later run finds the draft even if the rest fails.
        UnitOfWork uow(m_db);
        ids.set(InvoiceType, inv.id, *stripeId);
        uow.commit();
    }

    int done = 0;
    for (const Part &part : parts) {
        if (cancelled()) {
            summary.stopReason = QStringLiteral("cancelled");
            return Outcome::Offline; // the item stays queued; the next run goes on from the draft
        }
        progress(QStringLiteral("Sending invoice %1").arg(inv.invoiceNumber), done++, int(parts.size()));
        if (existing.contains(part.key))
            continue;
        FormParams p;
        p.add(QStringLiteral("customer"), *cus)
            .add(QStringLiteral("invoice"), *stripeId)
            .add(QStringLiteral("amount"), QString::number(part.amount))
            .add(QStringLiteral("currency"), inv.currency.toLower())
            .add(QStringLiteral("description"), part.description.left(5000))
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_invoice_id"), inv.id)
            .addNested(QStringLiteral("metadata"), QStringLiteral("orb_part"), part.key);
        if (part.position >= 0)
            p.addNested(QStringLiteral("metadata"), QStringLiteral("orb_position"), QString::number(part.position));
        const StripeResult r = m_client.post(QStringLiteral("/v1/invoiceitems"), p, item.idempotencyKey(QStringLiteral("item-") + part.key));
        summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
        if (!r.ok())
            return failOrWait(item, r.error, summary);
    }

    FormParams fin;
    fin.add(QStringLiteral("auto_advance"), QStringLiteral("true"));
    const StripeResult r = m_client.post(QStringLiteral("/v1/invoices/%1/finalize").arg(*stripeId), fin, item.idempotencyKey(QStringLiteral("finalize")));
    summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
    if (!r.ok())
        return failOrWait(item, r.error, summary);
    const auto currency = Currency::fromCode(inv.currency);
    const qint64 expected = inv.amountRemaining().toMinorUnits(currency ? currency->minorUnits() : 2);
    const qint64 asked = r.response.json.value(QLatin1String("amount_due")).toInteger();
    if (asked != expected)
        return refuse(item, QStringLiteral("Stripe invoice %1 asks for %2 minor units but Orb invoice %3 for %4; check it in Stripe")
                                .arg(*stripeId)
                                .arg(asked)
                                .arg(inv.invoiceNumber)
                                .arg(expected),
                      summary);
    return finish(item, QStringLiteral("info"), *stripeId,
                  QStringLiteral("invoice %1 sent as %2 (%3, %4 minor units due, %5)%6")
                      .arg(inv.invoiceNumber, *stripeId, r.response.json.value(QLatin1String("number")).toString())
                      .arg(asked)
                      .arg(method, r.response.replayed ? QStringLiteral(" (replayed)") : QString()),
                  summary);
}

StripeSync::Outcome StripeSync::pushInvoiceVoid(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto stripeId = StripeIdMap(m_db).stripeId(InvoiceType, item.objectId);
    if (!stripeId)
        return finish(item, QStringLiteral("info"), {}, QStringLiteral("invoice %1 was never sent to Stripe; nothing to void").arg(item.objectId), summary);
    const StripeResult got = m_client.get(QStringLiteral("/v1/invoices/") + *stripeId);
    summary.requests += got.ok() ? got.response.attempts : got.error.attempts;
    if (!got.ok())
        return failOrWait(item, got.error, summary);
    const QString status = got.response.json.value(QLatin1String("status")).toString();
    if (status == QLatin1String("void"))
        return finish(item, QStringLiteral("info"), *stripeId, QStringLiteral("invoice %1 is already void in Stripe (%2)").arg(item.objectId, *stripeId),
                      summary);
    if (status == QLatin1String("paid"))
        return refuse(item, QStringLiteral("invoice %1 was voided in Orb but is paid in Stripe (%2); refund it in Stripe by hand").arg(item.objectId, *stripeId),
                      summary);
    // A draft left by an interrupted push is deleted (Stripe voids only finalized invoices).
    const bool draft = status == QLatin1String("draft");
    const StripeResult r = draft ? m_client.del(QStringLiteral("/v1/invoices/") + *stripeId, item.idempotencyKey(QStringLiteral("delete")))
                                 : m_client.post(QStringLiteral("/v1/invoices/%1/void").arg(*stripeId), {}, item.idempotencyKey(QStringLiteral("void")));
    summary.requests += r.ok() ? r.response.attempts : r.error.attempts;
    if (!r.ok())
        return failOrWait(item, r.error, summary);
    return finish(item, QStringLiteral("info"), *stripeId,
                  QStringLiteral("invoice %1 %2 in Stripe (%3)").arg(item.objectId, draft ? QStringLiteral("draft deleted") : QStringLiteral("voided"), *stripeId),
                  summary);
}

} // namespace orb
