// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/InvoiceService.h"

#include "engine/Clock.h"
#include "engine/Currency.h"
#include "engine/Customer.h"
#include "engine/billing/BillingSchedule.h"
#include "engine/billing/InvoiceCalculator.h"
#include "engine/billing/InvoiceNumbering.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerRepository.h"
#include "models/Ids.h"
#include "models/StorageError.h"
#include "models/Timestamps.h"
#include "models/UnitOfWork.h"
#include "models/billing/BillingSetupService.h"
#include "models/billing/Ledgers.h"
#include "models/catalog/ItemRepository.h"
#include "models/sync/Outbox.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimeZone>

#include <sqlite3.h>

namespace orb {

namespace {

int placesOf(const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return c ? c->minorUnits() : 2;
}

QString balanceCause(billing::BalanceEntry::Reason r)
{
    switch (r) {
    case billing::BalanceEntry::Reason::AppliedToInvoice: return QStringLiteral("applied_to_invoice");
    case billing::BalanceEntry::Reason::AddedToInvoice: return QStringLiteral("added_to_invoice");
    case billing::BalanceEntry::Reason::NegativeInvoiceTotal: return QStringLiteral("negative_invoice_total");
    }
    return {};
}

QJsonObject auditView(const Invoice &i)
{
    QJsonObject o = i.toJson();
    o.remove(QStringLiteral("line_items"));
    return o;
}

} // namespace

InvoiceService::InvoiceService(CompanyFile &file, const Clock &clock) : m_file(file), m_clock(clock) {}

void InvoiceService::requireWritable() const
{
    if (m_file.isReadOnly())
        throw ServiceError::conflict(QStringLiteral("%1 is open read-only; nothing was changed").arg(m_file.path()));
}

QString InvoiceService::nextInvoiceNumber() const
{
    return formatNumber(m_file.settings().invoicePrefix, InvoiceRepository(m_file.db()).lastNumber(QStringLiteral("invoice")) + 1, false);
}

QString InvoiceService::formatNumber(const QString &companyPrefix, qint64 counter, bool creditNote)
{
    QString prefix = companyPrefix.trimmed().toUpper();
    while (prefix.endsWith(QLatin1Char('-')) || prefix.endsWith(QLatin1Char(' ')))
        prefix.chop(1);
    if (!billing::InvoiceNumbering::isValidPrefix(prefix))
        prefix = QStringLiteral("INV");
    return billing::InvoiceNumbering(prefix).format(counter,
                                                    creditNote ? billing::InvoiceNumbering::Series::CreditNote : billing::InvoiceNumbering::Series::Invoice);
}

Invoice InvoiceService::get(const QString &reference) const
{
    const auto i = InvoiceRepository(m_file.db()).resolve(reference);
    if (!i)
        throw ServiceError::notFound(QStringLiteral("no invoice with id or number \"%1\"").arg(reference));
    return *i;
}

QList<Invoice> InvoiceService::list(const InvoiceFilter &filter) const
{
    return InvoiceRepository(m_file.db()).list(filter);
}

Invoice InvoiceService::issue(const QString &reference, std::optional<QDate> invoiceDate)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    Invoice inv = issueWithin(get(reference), invoiceDate);
    uow.commit();
    return inv;
}

QList<Invoice> InvoiceService::issueAll(QDate upTo)
{
    QList<Invoice> out;
    issueAll(upTo, [&out](const Invoice &inv) { out.append(inv); });
    return out;
}

struct InvoiceService::IssueBatch {
    QString prefix;
    Rounding rounding = Rounding::HalfUp;
    // Issuing reads a customer's id and time zone alone: every customer's, in one read, where a
    // full customer read per invoice cost more than the rest of issuing it.
    QHash<QString, QString> zones;
    bool zonesRead = false;
};

namespace {

// Issuing every due draft is one transaction that changes each draft's row and its entries in
// the invoice indexes keyed by customer, status and dates, which lie all over those indexes.
// With SQLite's default 2 MB page cache the pages it has changed soon fill the cache and are
// spilled to the WAL and read back, more often the larger the company: the cost per invoice
// grew with the number of invoices while the statements stayed the same. For the batch the
// connection gets the page cache the bulk import uses (pages are taken only as they are
// needed); the former size is restored after it, committed or not.
class BatchPageCache
{
public:
    explicit BatchPageCache(const Database &db) : m_handle(db.isServer() ? nullptr : db.sqliteHandle())
    {
        if (!m_handle)
            return;
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(m_handle, "PRAGMA cache_size", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
            m_before = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        // Only ever larger: a connection tuned as large already keeps its size.
        if (m_before > -262144)
            sqlite3_exec(m_handle, "PRAGMA cache_size = -262144", nullptr, nullptr, nullptr);
    }
    ~BatchPageCache()
    {
        if (m_handle)
            sqlite3_exec(m_handle, QByteArray("PRAGMA cache_size = " + QByteArray::number(m_before)).constData(), nullptr, nullptr, nullptr);
    }
    BatchPageCache(const BatchPageCache &) = delete;
    BatchPageCache &operator=(const BatchPageCache &) = delete;

private:
    sqlite3 *m_handle;
    qint64 m_before = -2000;
};

} // namespace

qint64 InvoiceService::issueAll(QDate upTo, const std::function<void(const Invoice &)> &issued)
{
    requireWritable();
    const BatchPageCache cache(m_file.db());
    UnitOfWork uow(m_file.db());
    // The due drafts' ids in the order they are numbered (invoice date, creation, id), then the
    // drafts a batch at a time, as stored: issuing one draft changes no other draft, so this
    // issues what one read of them all would, holding one batch instead of every draft.
    const InvoiceRepository repo(m_file.db());
    const QStringList ids = repo.draftIdsBefore(upTo.addDays(1));
    constexpr qsizetype batchSize = 500;
    IssueBatch batch;
    batch.prefix = m_file.settings().invoicePrefix;
    batch.rounding = Decimal::roundingFromString(m_file.setting(QStringLiteral("rounding"), QStringLiteral("half_up"))).value_or(Rounding::HalfUp);
    qint64 n = 0;
    for (qsizetype at = 0; at < ids.size(); at += batchSize) {
        for (const Invoice &draft : repo.findMany(ids.mid(at, batchSize))) {
            issued(issueWithin(draft, std::nullopt, &batch));
            ++n;
        }
    }
    uow.commit();
    return n;
}

Invoice InvoiceService::issueWithin(Invoice inv, std::optional<QDate> invoiceDate, IssueBatch *batch)
{
    Database &db = m_file.db();
    const Invoice draft = inv; // as stored: the update writes only what issuing changes
    if (inv.status != InvoiceStatus::Draft)
        throw ServiceError::conflict(
            QStringLiteral("invoice %1 is %2; only a draft can be issued").arg(inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber, toText(inv.status)));
    std::optional<Customer> customer;
    if (batch) {
        if (!batch->zonesRead) {
            QSqlQuery q = db.exec(QStringLiteral("SELECT id, timezone FROM customers"));
            while (q.next())
                batch->zones.insert(q.value(0).toString(), q.value(1).toString());
            batch->zonesRead = true;
        }
        const auto known = batch->zones.constFind(inv.customerId);
        if (known != batch->zones.constEnd()) {
            customer.emplace();
            customer->id = known.key();
            customer->timezone = *known;
        }
    } else {
        customer = CustomerRepository(db).findById(inv.customerId);
    }
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("the customer of invoice %1 no longer exists").arg(inv.id));
    const QDateTime now = m_clock.now();
    const QTimeZone zone(customer->timezone.toUtf8());
    if (invoiceDate)
        inv.invoiceDate = *invoiceDate;
    if (!inv.invoiceDate.isValid())
        inv.invoiceDate = billing::BillingSchedule::localDate(now, zone);
    inv.dueDate = inv.invoiceDate.addDays(inv.netTerms);

    // The balance and the prepaid credits, as they stand now.
    Ledgers ledgers(db);
    QList<billing::CreditBlock> blocks;
    for (const CreditBlockRecord &b : ledgers.blocks(customer->id))
        if (b.currency == inv.currency && b.remaining.isPositive())
            blocks.append(billing::CreditBlock(b.id, b.remaining, b.effectiveDate, b.expiryDate, b.costBasis));
    billing::InvoiceResult r;
    r.currency = *Currency::fromCode(inv.currency);
    r.total = inv.total;
    // The lines as composed: prepaid credits are drawn before tax (Orb's "prepurchase" step),
    // so issuing draws them against the lines' amounts and taxes what is left.
    QJsonArray items = inv.document.value(QStringLiteral("line_items")).toArray();
    const auto money = [](const QJsonObject &o, const char *key) {
        const QString text = o.value(QLatin1String(key)).toString();
        return text.isEmpty() ? Decimal(0) : Decimal::parse(text);
    };
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        billing::InvoiceLineResult l;
        l.priceId = o.value(QStringLiteral("price_id")).toString();
        l.startDate = QDate::fromString(o.value(QStringLiteral("start_date")).toString(), Qt::ISODate);
        l.endDate = QDate::fromString(o.value(QStringLiteral("end_date")).toString(), Qt::ISODate);
        l.subtotal = money(o, "subtotal");
        l.adjustedSubtotal = money(o, "adjusted_subtotal");
        l.couponDiscount = money(o, "coupon_discount");
        l.creditsApplied = money(o, "credits_applied");
        l.amount = money(o, "amount");
        for (const QJsonValue &t : o.value(QStringLiteral("tax_amounts")).toArray()) {
            const QJsonObject to = t.toObject();
            l.taxAmounts.append({to.value(QStringLiteral("tax_rate_id")).toString(), to.value(QStringLiteral("tax_rate_description")).toString(),
                                 money(to, "tax_rate_percentage"), money(to, "taxable_amount"), money(to, "amount")});
        }
        l.taxTotal = money(o, "tax_total");
        l.total = money(o, "total");
        r.lines.append(l);
    }
    const Rounding rounding =
        batch ? batch->rounding : Decimal::roundingFromString(m_file.setting(QStringLiteral("rounding"), QStringLiteral("half_up"))).value_or(Rounding::HalfUp);
    billing::InvoiceCalculator::settle(r, ledgers.balance(customer->id), blocks, inv.invoiceDate, rounding);
    if (!r.lines.isEmpty()) {
        const QJsonObject fresh = r.toJson();
        const QJsonArray freshItems = fresh.value(QStringLiteral("line_items")).toArray();
        for (int i = 0; i < items.size(); ++i) {
            QJsonObject o = items.at(i).toObject();
            const QJsonObject f = freshItems.at(i).toObject();
            for (const char *key : {"credits_applied", "amount", "tax_amounts", "tax_total", "total"})
                o.insert(QLatin1String(key), f.value(QLatin1String(key)));
            items[i] = o;
        }
        inv.document.insert(QStringLiteral("line_items"), items);
        for (const char *key : {"tax_total", "total", "tax_amounts"})
            inv.document.insert(QLatin1String(key), fresh.value(QLatin1String(key)));
        inv.taxTotal = r.taxTotal;
        inv.total = r.total;
    }

    inv.invoiceNumber =
        formatNumber(batch ? batch->prefix : m_file.settings().invoicePrefix, InvoiceRepository(db).takeNextNumber(QStringLiteral("invoice")), false);
    for (const billing::BalanceEntry &e : r.balanceEntries)
        ledgers.appendBalance(customer->id, e.amount, inv.currency, balanceCause(e.reason), QStringLiteral("Invoice %1").arg(inv.invoiceNumber), now, inv.id);
    QJsonArray draws;
    for (const billing::CreditDraw &d : r.creditDraws) {
        ledgers.appendCredit(d.blockId, customer->id, -d.amount, QStringLiteral("invoice"), inv.id, now);
        draws.append(QJsonObject{{QStringLiteral("block_id"), d.blockId}, {QStringLiteral("amount"), moneyText(d.amount, inv.currency)}});
    }
    inv.balanceApplied = r.balanceApplied;
    inv.creditsApplied = r.creditsApplied;
    inv.amountDue = r.amountDue;
    inv.document.insert(QStringLiteral("balance_applied"), moneyText(r.balanceApplied, inv.currency));
    inv.document.insert(QStringLiteral("credits_applied"), moneyText(r.creditsApplied, inv.currency));
    inv.document.insert(QStringLiteral("amount_due"), moneyText(r.amountDue, inv.currency));
    inv.document.insert(QStringLiteral("credit_draws"), draws);
    inv.status = inv.amountDue.isZero() ? InvoiceStatus::Paid : InvoiceStatus::Issued;
    inv.issuedAt = now;
    if (inv.status == InvoiceStatus::Paid)
        inv.paidAt = now;
    inv.updatedAt = now;
    InvoiceRepository(db).updateFrom(draft, inv);
    // Usage behind an issued invoice must not change (amend, deprecate and backfills check).
    if (inv.kind == InvoiceKind::InArrears)
        db.exec(QStringLiteral("INSERT OR IGNORE INTO usage_locks (customer_id, period_start, period_end, reason) VALUES (?,?,?,?)"),
                {inv.customerId, toIsoUtc(billing::BillingSchedule::startOfDayUtc(inv.periodStart, zone)),
                 toIsoUtc(billing::BillingSchedule::startOfDayUtc(inv.periodEnd, zone)), QStringLiteral("invoice %1").arg(inv.id)});
    AuditLog(db).append(now, QStringLiteral("invoice.issue"), QStringLiteral("invoice"), inv.id, std::nullopt, auditView(inv));
    // Stripe learns of the invoice in the same transaction (docs/SYNC.md).
    Outbox::enqueue(db, QStringLiteral("invoice"), inv.id, QStringLiteral("push"));
    return inv;
}

void InvoiceService::voidWithin(Database &db, const QDateTime &at, Invoice inv, const QString &reason)
{
    const QString name = inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
    if (inv.status != InvoiceStatus::Issued && !(inv.status == InvoiceStatus::Paid && inv.amountPaid.isZero() && inv.credited.isZero()))
        throw ServiceError::conflict(QStringLiteral("invoice %1 is %2; only an issued, unpaid invoice can be voided").arg(name, toText(inv.status)));
    if (inv.amountPaid.isPositive())
        throw ServiceError::conflict(QStringLiteral("invoice %1 has payments recorded; refund them with a credit note instead of voiding it").arg(name));
    if (!InvoiceRepository(db).creditNotes(inv.id).isEmpty())
        throw ServiceError::conflict(QStringLiteral("invoice %1 has credit notes; it cannot be voided").arg(name));
    const QJsonObject before = auditView(inv);
    Ledgers ledgers(db);
    for (const BalanceEntryRecord &e : ledgers.balanceEntriesForInvoice(inv.id))
        if (e.cause == QLatin1String("applied_to_invoice") || e.cause == QLatin1String("added_to_invoice")
            || e.cause == QLatin1String("negative_invoice_total"))
            ledgers.appendBalance(inv.customerId, -e.amount, inv.currency, QStringLiteral("void_reversal"), QStringLiteral("Invoice %1 voided").arg(name), at,
                                  inv.id);
    // A change credited the unused days of this invoice; voiding takes back the whole charge,
    // so those credits go too (otherwise the same days would be credited twice).
    Decimal prorated;
    for (const BalanceEntryRecord &e : ledgers.balanceEntriesForInvoice(inv.id))
        if (e.cause == QLatin1String("proration_credit") || e.cause == QLatin1String("proration_reversal"))
            prorated += e.amount;
    if (prorated.isPositive())
        ledgers.appendBalance(inv.customerId, -prorated, inv.currency, QStringLiteral("proration_reversal"),
                              QStringLiteral("Invoice %1 voided: its proration credit is withdrawn").arg(name), at, inv.id);
    const QHash<QString, Decimal> draws = ledgers.drawsForInvoice(inv.id);
    for (auto it = draws.cbegin(); it != draws.cend(); ++it)
        if (it.value().isPositive())
            ledgers.appendCredit(it.key(), inv.customerId, it.value(), QStringLiteral("void_reversal"), inv.id, at);
    db.exec(QStringLiteral("DELETE FROM usage_locks WHERE reason = ?"), {QStringLiteral("invoice %1").arg(inv.id)});
    inv.status = InvoiceStatus::Void;
    inv.voidedAt = at;
    inv.updatedAt = at;
    inv.document.insert(QStringLiteral("void_reason"), reason);
    InvoiceRepository(db).update(inv);
    AuditLog(db).append(at, QStringLiteral("invoice.void"), QStringLiteral("invoice"), inv.id, before, auditView(inv));
    Outbox::enqueue(db, QStringLiteral("invoice_void"), inv.id, QStringLiteral("void"));
}

Invoice InvoiceService::voidInvoice(const QString &reference, const QString &reason)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Invoice inv = get(reference);
    voidWithin(m_file.db(), m_clock.now(), inv, reason.isEmpty() ? QStringLiteral("voided by hand") : reason);
    uow.commit();
    return get(inv.id);
}

Payment InvoiceService::pay(const QString &reference, const Decimal &amount, QDate paidOn, const QString &method, const QString &externalReference,
                            const QString &memo)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Payment p = recordPaymentWithin(m_file.db(), m_clock.now(), get(reference).id, amount, paidOn, method, externalReference, memo);
    uow.commit();
    return p;
}

Payment InvoiceService::recordPaymentWithin(Database &db, const QDateTime &now, const QString &invoiceId, const Decimal &amount, QDate paidOn,
                                            const QString &method, const QString &externalReference, const QString &memo)
{
    InvoiceRepository repo(db);
    auto found = repo.find(invoiceId);
    if (!found)
        throw ServiceError::notFound(QStringLiteral("no invoice with id \"%1\"").arg(invoiceId));
    Invoice inv = *found;
    const QString name = inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
    if (!externalReference.isEmpty() && repo.paymentReferenceExists(externalReference)) {
        for (const Payment &p : repo.payments(inv.id))
            if (p.reference == externalReference && p.amount == amount.rounded(placesOf(inv.currency)))
                return p; // recorded once: the same payment reported again
        throw ServiceError::conflict(QStringLiteral("payment reference \"%1\" is already recorded for another invoice or amount").arg(externalReference));
    }
    if (inv.status != InvoiceStatus::Issued)
        throw ServiceError::conflict(QStringLiteral("invoice %1 is %2; payments are recorded against issued invoices").arg(name, toText(inv.status)));
    const int places = placesOf(inv.currency);
    if (!amount.isPositive() || amount.rounded(places) != amount)
        throw ServiceError::invalid(QStringLiteral("the payment amount \"%1\" must be positive, in whole %2 minor units").arg(amount.toString(), inv.currency));
    if (!paidOn.isValid())
        throw ServiceError::invalid(QStringLiteral("the payment date is required (YYYY-MM-DD)"));
    const QJsonObject before = auditView(inv);
    Payment p;
    p.id = newId();
    p.invoiceId = inv.id;
    p.customerId = inv.customerId;
    p.amount = amount.rounded(places);
    p.currency = inv.currency;
    p.paidOn = paidOn;
    p.method = method;
    p.reference = externalReference;
    p.memo = memo;
    p.createdAt = now;
    repo.insertPayment(p);
    const Decimal remaining = inv.amountRemaining();
    const Decimal applied = Decimal::min(p.amount, remaining);
    const Decimal over = p.amount - applied;
    inv.amountPaid += applied;
    if (over.isPositive())
        Ledgers(db).appendBalance(inv.customerId, over, inv.currency, QStringLiteral("overpayment"), QStringLiteral("Overpayment of invoice %1").arg(name), now,
                                  inv.id, p.id);
    if (inv.amountRemaining().isZero()) {
        inv.status = InvoiceStatus::Paid;
        inv.paidAt = now;
    }
    inv.updatedAt = now;
    repo.update(inv);
    AuditLog(db).append(now, QStringLiteral("invoice.payment"), QStringLiteral("invoice"), inv.id, before, auditView(inv));
    return p;
}

Payment InvoiceService::markPaid(const QString &reference, QDate paidOn, const QString &memo)
{
    const Invoice inv = get(reference);
    if (inv.status != InvoiceStatus::Issued)
        throw ServiceError::conflict(QStringLiteral("invoice %1 is %2; only an issued invoice can be marked paid")
                                         .arg(inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber, toText(inv.status)));
    return pay(inv.id, inv.amountRemaining(), paidOn, QStringLiteral("manual"), QString(), memo);
}

QList<Payment> InvoiceService::payments(const QString &reference) const
{
    return InvoiceRepository(m_file.db()).payments(get(reference).id);
}

Invoice InvoiceService::createOneOff(const QString &customerReference, const QList<OneOffLine> &lines, std::optional<QDate> invoiceDate, const QString &memo,
                                     std::optional<int> netTerms)
{
    requireWritable();
    Database &db = m_file.db();
    UnitOfWork uow(db);
    const auto customer = CustomerRepository(db).resolve(customerReference);
    if (!customer)
        throw ServiceError::notFound(QStringLiteral("no customer with id or external_customer_id \"%1\"").arg(customerReference));
    FieldErrors errors;
    const QString currencyCode = customer->currency.isEmpty() ? m_file.settings().defaultCurrency : customer->currency;
    const auto currency = Currency::fromCode(currencyCode);
    if (!currency)
        errors.append({QStringLiteral("currency"), QStringLiteral("\"%1\" is not a currency").arg(currencyCode)});
    if (lines.isEmpty())
        errors.append({QStringLiteral("lines"), QStringLiteral("a one-off invoice needs at least one line")});
    if (netTerms && (*netTerms < 0 || *netTerms > MaxNetTermsDays))
        errors.append({QStringLiteral("net_terms"), QStringLiteral("must be from 0 to %1 days").arg(MaxNetTermsDays)});
    const QList<TaxRateRecord> rates = BillingSetupService::applicableTaxRates(db);
    billing::InvoiceInput in;
    if (currency)
        in.currency = *currency;
    in.rounding = Decimal::roundingFromString(m_file.setting(QStringLiteral("rounding"), QStringLiteral("half_up"))).value_or(Rounding::HalfUp);
    for (int n = 0; n < lines.size(); ++n) {
        const OneOffLine &l = lines[n];
        const QString path = QStringLiteral("lines[%1]").arg(n);
        if (l.name.trimmed().isEmpty())
            errors.append({path + QStringLiteral(".name"), QStringLiteral("is required")});
        if (l.quantity.isNegative())
            errors.append({path + QStringLiteral(".quantity"), QStringLiteral("must not be negative")});
        billing::InvoiceLineInput line;
        line.priceId = QStringLiteral("line-%1").arg(n + 1);
        line.name = l.name.trimmed();
        line.quantity = l.quantity;
        line.subtotal = l.quantity * l.unitAmount;
        if (!l.item.isEmpty()) {
            const auto item = ItemRepository(db).resolve(l.item);
            if (!item)
                errors.append({path + QStringLiteral(".item"), QStringLiteral("no item \"%1\"").arg(l.item)});
            else
                line.itemId = item->id;
        }
        for (const TaxRateRecord &r : rates)
            if (!line.itemId.isEmpty() && r.itemIds.contains(line.itemId))
                line.taxRateIds.append(r.id);
        line.subLineItems.append(QJsonObject{{QStringLiteral("name"), line.name},
                                             {QStringLiteral("quantity"), l.quantity.toCanonicalString()},
                                             {QStringLiteral("unit_amount"), l.unitAmount.toCanonicalString()},
                                             {QStringLiteral("amount"), line.subtotal.toCanonicalString()},
                                             {QStringLiteral("grouping"), QJsonValue(QJsonValue::Null)}});
        in.lines.append(line);
    }
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the invoice was not created"), errors);
    for (const TaxRateRecord &r : rates) {
        in.taxRates.append(billing::TaxRate(r.id, r.name, r.percentage));
        if (r.customerIds.contains(customer->id))
            in.customerTaxRateIds.append(r.id);
    }
    const QDateTime now = m_clock.now();
    const QDate today = billing::BillingSchedule::localDate(now, QTimeZone(customer->timezone.toUtf8()));
    in.invoiceDate = invoiceDate.value_or(today);
    const billing::InvoiceResult r = billing::InvoiceCalculator::compose(in);
    Invoice inv;
    inv.id = newId();
    inv.customerId = customer->id;
    inv.kind = InvoiceKind::OneOff;
    inv.status = InvoiceStatus::Draft;
    inv.invoiceDate = in.invoiceDate;
    inv.currency = currencyCode;
    inv.netTerms = netTerms ? *netTerms : (customer->netTerms ? *customer->netTerms : m_file.setting(IntSetting::DefaultNetTerms));
    inv.memo = memo;
    inv.subtotal = r.subtotal;
    inv.adjustmentsTotal = r.adjustmentsTotal;
    inv.couponsTotal = r.couponsTotal;
    inv.taxTotal = r.taxTotal;
    inv.total = r.total;
    inv.balanceApplied = r.balanceApplied;
    inv.creditsApplied = r.creditsApplied;
    inv.amountDue = r.amountDue;
    inv.amountPaid = inv.credited = Decimal(0).rounded(in.currency.minorUnits());
    inv.document = r.toJson();
    inv.createdAt = inv.updatedAt = now;
    InvoiceRepository(db).insert(inv);
    AuditLog(db).append(now, QStringLiteral("invoice.create"), QStringLiteral("invoice"), inv.id, std::nullopt, auditView(inv));
    uow.commit();
    return inv;
}

void InvoiceService::deleteDraft(const QString &reference)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const Invoice inv = get(reference);
    if (inv.status != InvoiceStatus::Draft)
        throw ServiceError::conflict(QStringLiteral("invoice %1 is %2; only drafts can be deleted").arg(inv.invoiceNumber, toText(inv.status)));
    InvoiceRepository(m_file.db()).remove(inv.id);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("invoice.delete_draft"), QStringLiteral("invoice"), inv.id, auditView(inv), std::nullopt);
    uow.commit();
}

void InvoiceService::restoreDraft(const Invoice &draft)
{
    requireWritable();
    if (draft.status != InvoiceStatus::Draft)
        throw ServiceError::invalid(QStringLiteral("invoice %1 is %2; only drafts can be restored").arg(draft.id, toText(draft.status)));
    UnitOfWork uow(m_file.db());
    InvoiceRepository repo(m_file.db());
    if (repo.find(draft.id) || (!draft.identity.isEmpty() && repo.findByIdentity(draft.identity)))
        throw ServiceError::conflict(QStringLiteral("The draft was composed again by an invoice run meanwhile."));
    repo.insert(draft);
    AuditLog(m_file.db()).append(m_clock.now(), QStringLiteral("invoice.restore_draft"), QStringLiteral("invoice"), draft.id, std::nullopt, draft.toJson());
    uow.commit();
}

CreditNote InvoiceService::createCreditNote(const QString &invoiceReference, const QList<CreditNoteRequestLine> &requested, const QString &reason,
                                            const QString &kind, const QString &memo)
{
    requireWritable();
    UnitOfWork uow(m_file.db());
    const CreditNote note = createCreditNoteWithin(m_file.db(), m_clock.now(), get(invoiceReference).id, requested, reason, kind, memo);
    uow.commit();
    return note;
}

CreditNote InvoiceService::refundWithin(Database &db, const QDateTime &at, const QString &invoiceId, const Decimal &amount, const QString &reason,
                                        const QString &memo)
{
    const auto found = InvoiceRepository(db).find(invoiceId);
    if (!found)
        throw ServiceError::notFound(QStringLiteral("no invoice with id \"%1\"").arg(invoiceId));
    const int places = placesOf(found->currency);
    if (!amount.isPositive() || amount.rounded(places) != amount)
        throw ServiceError::invalid(QStringLiteral("a refund of \"%1\" must be positive, in whole %2 minor units").arg(amount.toString(), found->currency));
    // Which lines a refund covers is not recorded where the money moved: it is spread over
    // the lines in order, each up to what is left to credit on it.
    const QHash<int, Decimal> credited = InvoiceRepository(db).creditedByLine(invoiceId);
    const QJsonArray lines = found->document.value(QStringLiteral("line_items")).toArray();
    QList<CreditNoteRequestLine> spread;
    Decimal rest = amount;
    for (int n = 0; n < lines.size() && rest.isPositive(); ++n) {
        const Decimal left = Decimal::parse(lines.at(n).toObject().value(QStringLiteral("total")).toString()) - credited.value(n);
        if (!left.isPositive())
            continue;
        const Decimal take = Decimal::min(left, rest);
        spread.append({n, take});
        rest -= take;
    }
    if (rest.isPositive())
        throw ServiceError::conflict(QStringLiteral("invoice %1 has only %2 left to credit, less than the %3 given back")
                                         .arg(found->invoiceNumber.isEmpty() ? found->id : found->invoiceNumber, moneyText(amount - rest, found->currency),
                                              moneyText(amount, found->currency)));
    return createCreditNoteWithin(db, at, invoiceId, spread, reason, QStringLiteral("refund"), memo, CreditUse::PaidBack);
}

CreditNote InvoiceService::createCreditNoteWithin(Database &db, const QDateTime &now, const QString &invoiceId, const QList<CreditNoteRequestLine> &requested,
                                                  const QString &reason, const QString &kind, const QString &memo, CreditUse use)
{
    if (!db.inTransaction())
        throw ServiceError::storage(QStringLiteral("a credit note must be created inside a transaction"));
    const auto found = InvoiceRepository(db).find(invoiceId);
    if (!found)
        throw ServiceError::notFound(QStringLiteral("no invoice with id \"%1\"").arg(invoiceId));
    Invoice inv = *found;
    const QString name = inv.invoiceNumber.isEmpty() ? inv.id : inv.invoiceNumber;
    if (inv.status != InvoiceStatus::Issued && inv.status != InvoiceStatus::Paid)
        throw ServiceError::conflict(QStringLiteral("invoice %1 is %2; credit notes are for issued or paid invoices").arg(name, toText(inv.status)));
    if (kind != QLatin1String("refund") && kind != QLatin1String("adjustment"))
        throw ServiceError::invalid(QStringLiteral("a credit note is a refund or an adjustment, not \"%1\"").arg(kind));
    if (reason.trimmed().isEmpty())
        throw ServiceError::invalid(QStringLiteral("a credit note needs a reason"));
    InvoiceRepository repo(db);
    const QHash<int, Decimal> credited = repo.creditedByLine(inv.id);
    const QJsonArray lines = inv.document.value(QStringLiteral("line_items")).toArray();
    const int places = placesOf(inv.currency);
    QList<CreditNoteRequestLine> wanted = requested;
    if (wanted.isEmpty())
        for (int n = 0; n < lines.size(); ++n) {
            const Decimal left = Decimal::parse(lines.at(n).toObject().value(QStringLiteral("total")).toString()) - credited.value(n);
            if (left.isPositive())
                wanted.append({n, left});
        }
    if (wanted.isEmpty())
        throw ServiceError::conflict(QStringLiteral("invoice %1 has nothing left to credit").arg(name));
    CreditNote note;
    note.id = newId();
    note.invoiceId = inv.id;
    note.customerId = inv.customerId;
    note.reason = reason.trimmed();
    note.kind = kind;
    note.currency = inv.currency;
    note.memo = memo;
    note.subtotal = note.taxTotal = note.total = Decimal(0).rounded(places);
    FieldErrors errors;
    QSet<int> seen;
    for (const CreditNoteRequestLine &w : wanted) {
        const QString path = QStringLiteral("lines[%1]").arg(w.position);
        if (w.position < 0 || w.position >= lines.size() || seen.contains(w.position)) {
            errors.append({path, QStringLiteral("invoice %1 has no line %2 (lines are numbered from 0), or it is named twice").arg(name).arg(w.position)});
            continue;
        }
        seen.insert(w.position);
        const QJsonObject line = lines.at(w.position).toObject();
        const Decimal total = Decimal::parse(line.value(QStringLiteral("total")).toString());
        const Decimal tax = Decimal::parse(line.value(QStringLiteral("tax_total")).toString());
        const Decimal left = total - credited.value(w.position);
        if (!w.amount.isPositive() || w.amount.rounded(places) != w.amount)
            errors.append({path, QStringLiteral("the amount must be positive, in whole minor units")});
        else if (w.amount > left)
            errors.append({path, QStringLiteral("%1 is more than the %2 left to credit on \"%3\"")
                                     .arg(w.amount.toString(), moneyText(left, inv.currency), line.value(QStringLiteral("name")).toString())});
        else {
            const Decimal lineTax = total.isZero() ? Decimal(0) : (w.amount * tax).divide(total, places);
            note.lines.append({w.position, w.amount, lineTax});
            note.total += w.amount;
            note.taxTotal += lineTax;
        }
    }
    if (!errors.isEmpty())
        throw ServiceError::invalid(QStringLiteral("the credit note was not created"), errors);
    note.subtotal = note.total - note.taxTotal;
    note.createdAt = now;
    note.number = formatNumber(repo.companyInvoicePrefix(), repo.takeNextNumber(QStringLiteral("credit_note")), true);
    // The credit first reduces what is still owed; the rest goes to the balance (adjustment)
    // or is paid back outside (refund).
    // Money already given back (a refund made in Stripe) reduces nothing still owed.
    const Decimal reduce = use == CreditUse::PaidBack ? Decimal(0).rounded(places) : Decimal::min(note.total, inv.amountRemaining());
    const Decimal rest = note.total - reduce;
    // Kept on the note: what was paid back cannot be told afterwards from the invoice, whose
    // payments and credits go on changing, and statements and aging need it per note.
    note.paidBack = kind == QLatin1String("refund") ? rest : Decimal(0).rounded(places);
    repo.insertCreditNote(note);
    const QJsonObject before = auditView(inv);
    inv.credited += reduce;
    if (rest.isPositive() && kind == QLatin1String("adjustment"))
        Ledgers(db).appendBalance(inv.customerId, rest, inv.currency, QStringLiteral("credit_note"),
                                  QStringLiteral("Credit note %1 for invoice %2").arg(note.number, name), now, inv.id, note.id);
    if (inv.status == InvoiceStatus::Issued && inv.amountRemaining().isZero()) {
        inv.status = InvoiceStatus::Paid;
        inv.paidAt = now;
    }
    inv.updatedAt = now;
    repo.update(inv);
    AuditLog(db).append(now, QStringLiteral("credit_note.create"), QStringLiteral("credit_note"), note.id, std::nullopt, note.toJson());
    AuditLog(db).append(now, QStringLiteral("invoice.credit"), QStringLiteral("invoice"), inv.id, before, auditView(inv));
    return note;
}

QList<CreditNote> InvoiceService::creditNotes(const QString &invoice) const
{
    return InvoiceRepository(m_file.db()).creditNotes(invoice.isEmpty() ? QString() : get(invoice).id);
}

CreditNote InvoiceService::creditNote(const QString &reference) const
{
    const auto n = InvoiceRepository(m_file.db()).findCreditNote(reference);
    if (!n)
        throw ServiceError::notFound(QStringLiteral("no credit note with id or number \"%1\"").arg(reference));
    return *n;
}

QJsonObject InvoiceService::describe(const Invoice &invoice) const
{
    QJsonObject o = invoice.toJson();
    const auto customer = CustomerRepository(m_file.db()).findById(invoice.customerId);
    if (customer)
        o.insert(QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), customer->id},
                                                         {QStringLiteral("external_customer_id"), customer->externalCustomerId},
                                                         {QStringLiteral("name"), customer->name}});
    QJsonArray payments, notes;
    for (const Payment &p : InvoiceRepository(m_file.db()).payments(invoice.id))
        payments.append(p.toJson());
    for (const CreditNote &n : InvoiceRepository(m_file.db()).creditNotes(invoice.id))
        notes.append(n.toJson());
    o.insert(QStringLiteral("payments"), payments);
    o.insert(QStringLiteral("credit_notes"), notes);
    return o;
}

} // namespace orb
