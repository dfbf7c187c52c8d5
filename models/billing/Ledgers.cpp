// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/billing/Ledgers.h"

#include "models/Database.h"
#include "models/Ids.h"
#include "models/Timestamps.h"

#include <QSqlQuery>
#include <QVariant>

namespace orb {

namespace {

const char *kBalanceColumns = "seq, id, customer_id, amount, balance_after, currency, cause, invoice_id, reference, description, created_at";

BalanceEntryRecord readEntry(const QSqlQuery &q)
{
    BalanceEntryRecord e;
    e.seq = q.value(0).toLongLong();
    e.id = q.value(1).toString();
    e.customerId = q.value(2).toString();
    e.amount = Decimal::parse(q.value(3).toString());
    e.balanceAfter = Decimal::parse(q.value(4).toString());
    e.currency = q.value(5).toString();
    e.cause = q.value(6).toString();
    e.invoiceId = q.value(7).toString();
    e.reference = q.value(8).toString();
    e.description = q.value(9).toString();
    e.createdAt = fromIsoUtc(q.value(10).toString());
    return e;
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

Decimal Ledgers::balance(const QString &customerId) const
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT balance_after FROM balance_entries WHERE customer_id = ? ORDER BY seq DESC LIMIT 1"), {customerId});
    return v.isNull() ? Decimal(0) : Decimal::parse(v.toString());
}

BalanceEntryRecord Ledgers::appendBalance(const QString &customerId, const Decimal &amount, const QString &currency, const QString &cause,
                                          const QString &description, const QDateTime &at, const QString &invoiceId, const QString &reference)
{
    BalanceEntryRecord e;
    e.id = newId();
    e.customerId = customerId;
    e.amount = amount;
    e.balanceAfter = balance(customerId) + amount;
    e.currency = currency;
    e.cause = cause;
    e.invoiceId = invoiceId;
    e.reference = reference;
    e.description = description;
    e.createdAt = at;
    m_db.exec(QStringLiteral("INSERT INTO balance_entries (id, customer_id, amount, balance_after, currency, cause, invoice_id, reference, "
                             "description, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"),
              {e.id, customerId, moneyText(amount, currency), moneyText(e.balanceAfter, currency), currency, cause, nullable(invoiceId), nullable(reference),
               description, toIsoUtc(at)});
    m_db.exec(QStringLiteral("UPDATE customers SET balance = ? WHERE id = ?"), {moneyText(e.balanceAfter, currency), customerId});
    return e;
}

QList<BalanceEntryRecord> Ledgers::balanceEntries(const QString &customerId) const
{
    QList<BalanceEntryRecord> out;
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT %1 FROM balance_entries WHERE customer_id = ? ORDER BY seq").arg(QLatin1String(kBalanceColumns)), {customerId});
    while (q.next())
        out.append(readEntry(q));
    return out;
}

QList<BalanceEntryRecord> Ledgers::balanceEntriesForInvoice(const QString &invoiceId) const
{
    QList<BalanceEntryRecord> out;
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT %1 FROM balance_entries WHERE invoice_id = ? ORDER BY seq").arg(QLatin1String(kBalanceColumns)), {invoiceId});
    while (q.next())
        out.append(readEntry(q));
    return out;
}

QList<BalanceEntryRecord> Ledgers::balanceEntriesForReference(const QString &reference) const
{
    QList<BalanceEntryRecord> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM balance_entries WHERE reference = ? ORDER BY seq").arg(QLatin1String(kBalanceColumns)), {reference});
    while (q.next())
        out.append(readEntry(q));
    return out;
}

QList<BalanceEntryRecord> Ledgers::balanceEntriesPage(const BalanceEntryPageQuery &query) const
{
    QStringList where{QStringLiteral("customer_id = ?")};
    QVariantList binds{query.customerId};
    if (query.beforeSeq > 0) {
        where << QStringLiteral("seq < ?");
        binds << query.beforeSeq;
    }
    // Stored instants are fixed-width UTC text (toIsoUtc), so text order is time order.
    const std::pair<const QString *, const char *> bounds[] = {
        {&query.createdAfter, ">"}, {&query.createdFrom, ">="}, {&query.createdBefore, "<"}, {&query.createdTo, "<="}};
    for (const auto &[value, op] : bounds)
        if (!value->isEmpty()) {
            where << QStringLiteral("created_at %1 ?").arg(QLatin1String(op));
            binds << *value;
        }
    QList<BalanceEntryRecord> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM balance_entries WHERE %2 ORDER BY seq DESC LIMIT %3")
                                .arg(QLatin1String(kBalanceColumns), where.join(QStringLiteral(" AND ")))
                                .arg(std::max(0, query.limit)),
                            binds);
    while (q.next())
        out.append(readEntry(q));
    return out;
}

Decimal Ledgers::recomputedBalance(const QString &customerId) const
{
    Decimal sum;
    for (const BalanceEntryRecord &e : balanceEntries(customerId))
        sum += e.amount;
    return sum;
}

CreditBlockRecord Ledgers::addBlock(CreditBlockRecord b, const QDateTime &at)
{
    b.id = newId();
    b.createdAt = at;
    b.remaining = b.amount;
    m_db.exec(QStringLiteral("INSERT INTO credit_blocks (id, customer_id, currency, amount, cost_basis, effective_date, expiry_date, "
                             "description, created_at) VALUES (?,?,?,?,?,?,?,?,?)"),
              {b.id, b.customerId, b.currency, moneyText(b.amount, b.currency), b.costBasis.toCanonicalString(), dateText(b.effectiveDate),
               b.expiryDate ? QVariant(dateText(*b.expiryDate)) : QVariant(), nullable(b.description), toIsoUtc(at)});
    appendCredit(b.id, b.customerId, b.amount, QStringLiteral("added"), QString(), at);
    return b;
}

void Ledgers::appendCredit(const QString &blockId, const QString &customerId, const Decimal &amount, const QString &cause, const QString &invoiceId,
                           const QDateTime &at)
{
    m_db.exec(QStringLiteral("INSERT INTO credit_entries (block_id, customer_id, amount, cause, invoice_id, created_at) VALUES (?,?,?,?,?,?)"),
              {blockId, customerId, amount.toCanonicalString(), cause, nullable(invoiceId), toIsoUtc(at)});
}

namespace {

constexpr const char *kBlockColumns = "id, customer_id, currency, amount, cost_basis, effective_date, expiry_date, description, created_at";

CreditBlockRecord readBlock(const QSqlQuery &q)
{
    CreditBlockRecord b;
    b.id = q.value(0).toString();
    b.customerId = q.value(1).toString();
    b.currency = q.value(2).toString();
    b.amount = Decimal::parse(q.value(3).toString());
    b.costBasis = Decimal::parse(q.value(4).toString());
    b.effectiveDate = parseDate(q.value(5).toString());
    b.expiryDate = parseOptionalDate(q.value(6));
    b.description = q.value(7).toString();
    b.createdAt = fromIsoUtc(q.value(8).toString());
    return b;
}

/// Each block's remaining credit: the exact sum of its entries (text decimals, never summed
/// by SQL as floating point), read in one query for the blocks given.
void fillRemaining(const Database &db, QList<CreditBlockRecord *> blocks)
{
    if (blocks.isEmpty())
        return;
    QHash<QString, CreditBlockRecord *> byId;
    QStringList marks;
    QVariantList binds;
    for (CreditBlockRecord *b : blocks) {
        b->remaining = Decimal();
        byId.insert(b->id, b);
        marks << QStringLiteral("?");
        binds << b->id;
    }
    QSqlQuery e = db.exec(QStringLiteral("SELECT block_id, amount FROM credit_entries WHERE block_id IN (%1)").arg(marks.join(QLatin1Char(','))), binds);
    while (e.next())
        if (CreditBlockRecord *b = byId.value(e.value(0).toString()))
            b->remaining += Decimal::parse(e.value(1).toString());
}

} // namespace

QList<CreditBlockRecord> Ledgers::blocks(const QString &customerId) const
{
    QList<CreditBlockRecord> out;
    QSqlQuery q = m_db.exec(
        QStringLiteral("SELECT %1 FROM credit_blocks WHERE customer_id = ? ORDER BY effective_date, created_at, id").arg(QLatin1String(kBlockColumns)),
        {customerId});
    while (q.next())
        out.append(readBlock(q));
    for (CreditBlockRecord &b : out) {
        QSqlQuery e = m_db.exec(QStringLiteral("SELECT amount FROM credit_entries WHERE block_id = ?"), {b.id});
        Decimal sum;
        while (e.next())
            sum += Decimal::parse(e.value(0).toString());
        b.remaining = sum;
    }
    return out;
}

QList<CreditBlockRow> Ledgers::blocksPage(const CreditBlockPageQuery &query) const
{
    QStringList where{QStringLiteral("customer_id = ?")};
    QVariantList binds{query.customerId};
    if (query.after) {
        where << QStringLiteral("(effective_date, created_at, id) > (?, ?, ?)");
        binds << query.after->effectiveDate << query.after->createdAt << query.after->id;
    }
    if (!query.currency.isEmpty()) {
        where << QStringLiteral("currency = ?");
        binds << query.currency;
    }
    // Stored days are YYYY-MM-DD text (dateText), so text order is day order.
    const std::pair<const QDate *, const char *> bounds[] = {
        {&query.effectiveAfter, ">"}, {&query.effectiveFrom, ">="}, {&query.effectiveBefore, "<"}, {&query.effectiveTo, "<="}};
    for (const auto &[day, op] : bounds)
        if (day->isValid()) {
            where << QStringLiteral("effective_date %1 ?").arg(QLatin1String(op));
            binds << dateText(*day);
        }
    if (query.unexpiredOn.isValid()) {
        where << QStringLiteral("(expiry_date IS NULL OR expiry_date > ?)");
        binds << dateText(query.unexpiredOn);
    }
    QList<CreditBlockRow> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM credit_blocks WHERE %2 ORDER BY effective_date, created_at, id LIMIT %3")
                                .arg(QLatin1String(kBlockColumns), where.join(QStringLiteral(" AND ")))
                                .arg(std::max(0, query.limit)),
                            binds);
    while (q.next())
        out.append(CreditBlockRow{readBlock(q), CreditBlockKey{q.value(5).toString(), q.value(8).toString(), q.value(0).toString()}});
    QList<CreditBlockRecord *> blocks;
    for (CreditBlockRow &r : out)
        blocks << &r.block;
    fillRemaining(m_db, blocks);
    return out;
}

QHash<QString, Decimal> Ledgers::drawsForInvoice(const QString &invoiceId) const
{
    QHash<QString, Decimal> out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT block_id, amount FROM credit_entries WHERE invoice_id = ?"), {invoiceId});
    while (q.next())
        out[q.value(0).toString()] -= Decimal::parse(q.value(1).toString());
    return out;
}

} // namespace orb
