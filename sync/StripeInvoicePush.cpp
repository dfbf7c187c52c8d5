// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/StripeInvoicePush.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "models/CustomerRepository.h"
#include "models/billing/InvoiceRepository.h"
#include "models/sync/StripeIdMap.h"
#include "models/sync/StripeSettings.h"
#include "sync/StripeCustomerPush.h"

#include <QJsonArray>
#include <QMap>

namespace orb {

namespace {

const QString InvoiceType = QStringLiteral("invoice");
/// The customer metadata key choosing how Stripe collects.
const QString CollectionKey = QStringLiteral("stripe_collection_method");

int placesOf(const QString &currencyCode)
{
    const auto currency = Currency::fromCode(currencyCode);
    return currency ? currency->minorUnits() : 2;
}

/// Folds parts so that at most `maxParts` remain, keeping every amount exact: first each
/// rate's taxes into one part per rate, then runs of consecutive lines into one part each.
QList<StripeInvoicePart> fold(const QList<StripeInvoicePart> &parts, int maxParts)
{
    if (parts.size() <= maxParts)
        return parts;
    QList<StripeInvoicePart> lines, tail;
    QMap<QString, StripeInvoicePart> taxes; // by description of the rate
    QStringList taxOrder;
    for (const StripeInvoicePart &p : parts) {
        if (p.key.startsWith(QLatin1String("tax-"))) {
            // "VAT 19% on Seats" → "VAT 19%"
            const QString rate = p.description.section(QStringLiteral(" on "), 0, 0);
            if (!taxes.contains(rate)) {
                taxOrder.append(rate);
                taxes.insert(rate, {QStringLiteral("taxes-%1").arg(taxOrder.size() - 1), -1, 0, rate});
            }
            taxes[rate].amount += p.amount;
        } else if (p.key.startsWith(QLatin1String("line-"))) {
            lines.append(p);
        } else {
            tail.append(p);
        }
    }
    QList<StripeInvoicePart> out;
    const int room = maxParts - int(taxOrder.size()) - int(tail.size());
    if (lines.size() <= room) {
        out = lines;
    } else {
        // Runs of consecutive lines, as even as possible, each named by its first and last.
        const int runs = std::max(1, room);
        const qsizetype per = (lines.size() + runs - 1) / runs;
        for (qsizetype i = 0; i < lines.size(); i += per) {
            const qsizetype end = std::min(lines.size(), i + per);
            StripeInvoicePart run{QStringLiteral("lines-%1-%2").arg(lines.at(i).position).arg(lines.at(end - 1).position), -1, 0,
                                  QStringLiteral("Lines %1 to %2: ").arg(lines.at(i).position + 1).arg(lines.at(end - 1).position + 1)};
            QStringList names;
            for (qsizetype k = i; k < end; ++k) {
                run.amount += lines.at(k).amount;
                names.append(lines.at(k).description);
            }
            run.description += names.join(QStringLiteral("; "));
            out.append(run);
        }
    }
    for (const QString &rate : std::as_const(taxOrder))
        out.append(taxes.value(rate));
    out.append(tail);
    return out;
}

} // namespace

QList<StripeInvoicePart> StripeInvoicePush::partsOf(const Invoice &inv, QString *error, int maxParts)
{
    const int places = placesOf(inv.currency);
    QList<StripeInvoicePart> parts;
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
                                  .arg(tax.value(QLatin1String("tax_rate_description")).toString(), tax.value(QLatin1String("tax_rate_percentage")).toString(),
                                       l.value(QLatin1String("name")).toString())});
            }
        }
        qint64 sum = 0;
        for (const StripeInvoicePart &p : parts)
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
        parts = fold(parts, maxParts);
        sum = 0;
        for (const StripeInvoicePart &p : parts)
            sum += p.amount;
        if (sum != inv.amountRemaining().toMinorUnits(places)) {
            *error = QStringLiteral("the items of invoice %1 add up to %2 minor units, not the %3 Orb asks for")
                         .arg(inv.invoiceNumber)
                         .arg(sum)
                         .arg(inv.amountRemaining().toString());
            return {};
        }
        if (parts.size() > maxParts) {
            *error =
                QStringLiteral("invoice %1 needs %2 Stripe items even folded; Stripe takes at most %3").arg(inv.invoiceNumber).arg(parts.size()).arg(maxParts);
            return {};
        }
    } catch (const std::exception &e) {
        *error = QStringLiteral("invoice %1 has an amount Stripe cannot take: %2").arg(inv.invoiceNumber, QString::fromStdString(e.what()));
        return {};
    }
    return parts;
}

std::optional<QString> StripeInvoicePush::findDraft(const QString &customer, const QString &orbId, const OutboxItem &item, SyncRunSummary &summary,
                                                    StripeError *error)
{
    // Read from the list (not the search index, which lags): every invoice of the customer
    // made since the item was queued, a day of clock difference allowed.
    const qint64 since = item.createdAt.isValid() ? item.createdAt.toSecsSinceEpoch() - 86400 : 0;
    QString after;
    for (;;) {
        FormParams q;
        q.add(QStringLiteral("customer"), customer).add(QStringLiteral("limit"), QStringLiteral("100"));
        if (since > 0)
            q.addNested(QStringLiteral("created"), QStringLiteral("gte"), QString::number(since));
        if (!after.isEmpty())
            q.add(QStringLiteral("starting_after"), after);
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/invoices"), q);
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            *error = r.error;
            return std::nullopt;
        }
        const QJsonArray data = r.response.json.value(QLatin1String("data")).toArray();
        for (const QJsonValue &v : data) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("metadata")).toObject().value(QLatin1String("orb_id")).toString() == orbId)
                return o.value(QLatin1String("id")).toString();
        }
        if (data.isEmpty() || !r.response.json.value(QLatin1String("has_more")).toBool())
            return QString();
        after = data.last().toObject().value(QLatin1String("id")).toString();
    }
}

PushOutcome StripeInvoicePush::push(const OutboxItem &item, SyncRunSummary &summary)
{
    InvoiceRepository repo(m_ctx.db);
    const auto found = repo.find(item.objectId);
    if (!found)
        return m_ctx.finish(item, QStringLiteral("warning"), {}, QStringLiteral("invoice %1 no longer exists in Orb; nothing sent").arg(item.objectId),
                            summary);
    const Invoice &inv = *found;
    // Read with the invoice: what the push folds into "settled" is known to Stripe afterwards.
    QStringList paymentIds, creditNoteIds;
    for (const Payment &p : repo.payments(inv.id))
        paymentIds.append(p.id);
    for (const CreditNote &c : repo.creditNotes(inv.id))
        creditNoteIds.append(c.id);
    auto stripeId = StripeIdMap(m_ctx.db).stripeId(InvoiceType, inv.id);
    if (inv.status == InvoiceStatus::Void || inv.status == InvoiceStatus::Draft)
        return m_ctx.finish(item, QStringLiteral("info"), stripeId.value_or(QString()),
                            QStringLiteral("invoice %1 is %2; not sent (a void goes as its own item)").arg(inv.invoiceNumber, toText(inv.status)), summary);
    if (!stripeId && inv.amountRemaining().isZero())
        return m_ctx.finish(item, QStringLiteral("info"), {},
                            QStringLiteral("invoice %1 has nothing left to collect; not sent to Stripe").arg(inv.invoiceNumber), summary);

    const auto customer = CustomerRepository(m_ctx.db).findById(inv.customerId);
    if (!customer)
        return m_ctx.refuse(item, QStringLiteral("the customer of invoice %1 no longer exists").arg(inv.invoiceNumber), summary);
    QString method = customer->metadata.value(CollectionKey);
    if (method.isEmpty())
        method = StripeSettings(m_ctx.db).collectionMethod();
    if (method.isEmpty())
        method = QStringLiteral("send_invoice");
    if (method != QLatin1String("send_invoice") && method != QLatin1String("charge_automatically"))
        return m_ctx.refuse(
            item, QStringLiteral("customer %1 has %2 \"%3\"; use send_invoice or charge_automatically").arg(customer->id, CollectionKey, method), summary);
    QString problem;
    const QList<StripeInvoicePart> parts = partsOf(inv, &problem);
    if (!problem.isEmpty())
        return m_ctx.refuse(item, problem, summary);

    StripeError error;
    const auto cus = m_customers.ensure(inv.customerId, summary, &error);
    if (!cus)
        return m_ctx.failOrWait(item, error, summary);

    if (!stripeId) {
        // The draft of an earlier attempt whose answer was lost, however long ago.
        const auto earlier = findDraft(*cus, inv.id, item, summary, &error);
        if (!earlier)
            return m_ctx.failOrWait(item, error, summary);
        if (!earlier->isEmpty()) {
            stripeId = *earlier;
            m_ctx.journal.map(InvoiceType, inv.id, *stripeId);
        }
    }

    QSet<QString> existing; // parts already on the Stripe draft (an interrupted push)
    if (stripeId) {
        const StripeResult r = m_ctx.client.get(QStringLiteral("/v1/invoices/") + *stripeId);
        StripeSyncContext::count(summary, r);
        if (!r.ok())
            return m_ctx.failOrWait(item, r.error, summary);
        const QString status = r.response.json.value(QLatin1String("status")).toString();
        if (status == QLatin1String("open"))
            return collect(item, inv, method, r.response.json, paymentIds, creditNoteIds, summary);
        if (status != QLatin1String("draft")) {
            m_ctx.journal.finishInvoicePush(item, paymentIds, creditNoteIds, *stripeId, QStringLiteral("info"),
                                            QStringLiteral("invoice %1 is already %2 in Stripe as %3").arg(inv.invoiceNumber, status, *stripeId));
            ++summary.pushed;
            return PushOutcome::Done;
        }
        QString after;
        for (;;) {
            FormParams q;
            q.add(QStringLiteral("limit"), QStringLiteral("100"));
            if (!after.isEmpty())
                q.add(QStringLiteral("starting_after"), after);
            const StripeResult lines = m_ctx.client.get(QStringLiteral("/v1/invoices/%1/lines").arg(*stripeId), q);
            StripeSyncContext::count(summary, lines);
            if (!lines.ok())
                return m_ctx.failOrWait(item, lines.error, summary);
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
        const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/invoices"), p, item.idempotencyKey(QStringLiteral("invoice")));
        StripeSyncContext::count(summary, r);
        if (!r.ok())
            return m_ctx.failOrWait(item, r.error, summary);
        stripeId = r.response.json.value(QLatin1String("id")).toString();
        // Stored at once: a void or a later run finds the draft even if the rest fails.
        m_ctx.journal.map(InvoiceType, inv.id, *stripeId);
    }

    int done = 0;
    for (const StripeInvoicePart &part : parts) {
        if (m_ctx.cancelled()) {
            summary.stopReason = QStringLiteral("cancelled");
            return PushOutcome::Offline; // the item stays queued; the next run goes on from the draft
        }
        m_ctx.progress(QStringLiteral("Sending invoice %1").arg(inv.invoiceNumber), done++, int(parts.size()));
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
        const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/invoiceitems"), p, item.idempotencyKey(QStringLiteral("item-") + part.key));
        StripeSyncContext::count(summary, r);
        if (!r.ok())
            return m_ctx.failOrWait(item, r.error, summary);
    }

    // Finalized without automatic collection: Stripe may apply the customer's balance or a
    // discount at this point, and nothing may be collected before the amount is checked.
    FormParams fin;
    fin.add(QStringLiteral("auto_advance"), QStringLiteral("false"));
    const StripeResult r = m_ctx.client.post(QStringLiteral("/v1/invoices/%1/finalize").arg(*stripeId), fin, item.idempotencyKey(QStringLiteral("finalize")));
    StripeSyncContext::count(summary, r);
    if (!r.ok())
        return m_ctx.failOrWait(item, r.error, summary);
    return collect(item, inv, method, r.response.json, paymentIds, creditNoteIds, summary);
}

PushOutcome StripeInvoicePush::collect(const OutboxItem &item, const Invoice &inv, const QString &method, const QJsonObject &stripeInvoice,
                                       const QStringList &paymentIds, const QStringList &creditNoteIds, SyncRunSummary &summary)
{
    const QString stripeId = stripeInvoice.value(QLatin1String("id")).toString();
    const int places = placesOf(inv.currency);
    const qint64 expected = inv.amountRemaining().toMinorUnits(places);
    const qint64 asked = stripeInvoice.value(QLatin1String("amount_due")).toInteger();
    const qint64 paidInStripe = stripeInvoice.value(QLatin1String("amount_paid")).toInteger();
    if (asked != expected && stripeInvoice.value(QLatin1String("status")).toString() == QLatin1String("open") && paidInStripe == 0) {
        // Name what Stripe changed: its customer balance or a discount of its own.
        QStringList causes;
        const qint64 balance =
            stripeInvoice.value(QLatin1String("starting_balance")).toInteger() - stripeInvoice.value(QLatin1String("ending_balance")).toInteger();
        if (balance != 0)
            causes << QStringLiteral("Stripe applied %1 minor units of the customer's Stripe balance").arg(-balance);
        qint64 discounts = 0;
        for (const QJsonValue &d : stripeInvoice.value(QLatin1String("total_discount_amounts")).toArray())
            discounts += d.toObject().value(QLatin1String("amount")).toInteger();
        if (discounts != 0)
            causes << QStringLiteral("Stripe applied discounts of %1 minor units").arg(discounts);
        if (stripeInvoice.value(QLatin1String("total")).toInteger() != expected && causes.isEmpty())
            causes << QStringLiteral("the Stripe invoice's items add up to %1").arg(stripeInvoice.value(QLatin1String("total")).toInteger());
        return m_ctx.refuse(item,
                            QStringLiteral("Stripe invoice %1 asks for %2 minor units but Orb invoice %3 for %4 (%5); nothing was collected: "
                                           "correct it in Stripe (or void it there) and retry")
                                .arg(stripeId)
                                .arg(asked)
                                .arg(inv.invoiceNumber)
                                .arg(expected)
                                .arg(causes.isEmpty() ? QStringLiteral("cause unknown") : causes.join(QStringLiteral("; "))),
                            summary);
    }
    // The amount is right: let Stripe collect as it normally would (reminders, retries), and
    // start it now.
    FormParams advance;
    advance.add(QStringLiteral("auto_advance"), QStringLiteral("true"));
    StripeResult r = m_ctx.client.post(QStringLiteral("/v1/invoices/") + stripeId, advance, item.idempotencyKey(QStringLiteral("advance")));
    StripeSyncContext::count(summary, r);
    if (!r.ok())
        return m_ctx.failOrWait(item, r.error, summary);
    const bool charge = method == QLatin1String("charge_automatically");
    QString note;
    if (asked > 0) {
        r = m_ctx.client.post(QStringLiteral("/v1/invoices/%1/%2").arg(stripeId, charge ? QStringLiteral("pay") : QStringLiteral("send")), {},
                              item.idempotencyKey(charge ? QStringLiteral("pay") : QStringLiteral("send")));
        StripeSyncContext::count(summary, r);
        if (!r.ok()) {
            if (r.error.retryable || r.error.kind == StripeError::Kind::Authentication)
                return m_ctx.failOrWait(item, r.error, summary);
            // A declined card or an invoice paid meanwhile: the invoice is in Stripe with the
            // right amount; what happens to the money comes back as events.
            note = QStringLiteral("; Stripe did not %1 it: %2").arg(charge ? QStringLiteral("charge") : QStringLiteral("send"), r.error.describe());
        }
    }
    m_ctx.journal.finishInvoicePush(item, paymentIds, creditNoteIds, stripeId, note.isEmpty() ? QStringLiteral("info") : QStringLiteral("warning"),
                                    QStringLiteral("invoice %1 sent as %2 (%3, %4 minor units due, %5)%6")
                                        .arg(inv.invoiceNumber, stripeId, stripeInvoice.value(QLatin1String("number")).toString())
                                        .arg(asked)
                                        .arg(method, note));
    ++summary.pushed;
    return PushOutcome::Done;
}

PushOutcome StripeInvoicePush::pushVoid(const OutboxItem &item, SyncRunSummary &summary)
{
    const auto stripeId = StripeIdMap(m_ctx.db).stripeId(InvoiceType, item.objectId);
    if (!stripeId)
        return m_ctx.finish(item, QStringLiteral("info"), {}, QStringLiteral("invoice %1 was never sent to Stripe; nothing to void").arg(item.objectId),
                            summary);
    const StripeResult got = m_ctx.client.get(QStringLiteral("/v1/invoices/") + *stripeId);
    StripeSyncContext::count(summary, got);
    if (!got.ok()) {
        if (got.error.status == 404) {
            // A draft deleted by an earlier attempt (whose answer was lost): nothing left to void.
            m_ctx.journal.unmap(InvoiceType, item.objectId);
            return m_ctx.finish(item, QStringLiteral("info"), *stripeId,
                                QStringLiteral("invoice %1: Stripe no longer has %2 (a deleted draft); nothing to void").arg(item.objectId, *stripeId),
                                summary);
        }
        return m_ctx.failOrWait(item, got.error, summary);
    }
    const QString status = got.response.json.value(QLatin1String("status")).toString();
    if (status == QLatin1String("void"))
        return m_ctx.finish(item, QStringLiteral("info"), *stripeId, QStringLiteral("invoice %1 is already void in Stripe (%2)").arg(item.objectId, *stripeId),
                            summary);
    if (status == QLatin1String("paid"))
        return m_ctx.refuse(
            item, QStringLiteral("invoice %1 was voided in Orb but is paid in Stripe (%2); refund it in Stripe by hand").arg(item.objectId, *stripeId),
            summary);
    // A draft left by an interrupted push is deleted (Stripe voids only finalized invoices).
    const bool draft = status == QLatin1String("draft");
    const StripeResult r = draft ? m_ctx.client.del(QStringLiteral("/v1/invoices/") + *stripeId, item.idempotencyKey(QStringLiteral("delete")))
                                 : m_ctx.client.post(QStringLiteral("/v1/invoices/%1/void").arg(*stripeId), {}, item.idempotencyKey(QStringLiteral("void")));
    StripeSyncContext::count(summary, r);
    if (!r.ok())
        return m_ctx.failOrWait(item, r.error, summary);
    if (draft)
        m_ctx.journal.unmap(InvoiceType, item.objectId);
    return m_ctx.finish(
        item, QStringLiteral("info"), *stripeId,
        QStringLiteral("invoice %1 %2 in Stripe (%3)").arg(item.objectId, draft ? QStringLiteral("draft deleted") : QStringLiteral("voided"), *stripeId),
        summary);
}

} // namespace orb
