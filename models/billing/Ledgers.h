// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Database;

/// A page of a customer's balance ledger, the newest entry first, by keyset on the ledger's
/// sequence over the index (customer_id, seq); instants as stored (toIsoUtc text).
struct BalanceEntryPageQuery {
    QString customerId;
    qint64 beforeSeq = 0; ///< entries older than this one (0: from the newest)
    int limit = 20;
    QString createdAfter, createdFrom, createdBefore, createdTo; ///< > >= < <= (empty: none)
};

/// Where a page of credit blocks ended, in the list's order (effective date, creation, id).
struct CreditBlockKey {
    QString effectiveDate;
    QString createdAt;
    QString id;
};

/// A page of a customer's credit blocks in the order they are drawn (the earliest effective
/// first), by keyset over the index (customer_id, effective_date, created_at, id).
struct CreditBlockPageQuery {
    QString customerId;
    std::optional<CreditBlockKey> after;
    int limit = 20;
    QString currency;                                                  ///< empty: any
    QDate effectiveAfter, effectiveFrom, effectiveBefore, effectiveTo; ///< > >= < <= (invalid: none)
    QDate unexpiredOn;                                                 ///< valid: only blocks whose expiry date is after this day (or none)
};
struct CreditBlockRow {
    CreditBlockRecord block; ///< with its remaining credit
    CreditBlockKey key;
};

/**
 * The customer balance and the prepaid credit blocks, as append-only ledgers: every change
 * is an entry with its cause, a balance is the sum of entries (the balance ledger keeps the
 * running sum in each entry, and customers.balance mirrors the last one for lists). Callers
 * append inside their own transaction.
 */
class Ledgers final
{
public:
    explicit Ledgers(const Database &db) : m_db(db) {}

    /// The customer's balance: the last entry's running sum (0 without entries).
    Decimal balance(const QString &customerId) const;
    /// Appends an entry (positive raises the credit the customer holds) and returns it.
    BalanceEntryRecord appendBalance(const QString &customerId, const Decimal &amount, const QString &currency, const QString &cause,
                                     const QString &description, const QDateTime &at, const QString &invoiceId = {}, const QString &reference = {});
    QList<BalanceEntryRecord> balanceEntries(const QString &customerId) const;
    /// Up to `limit` entries of a customer, the newest first, with their ledger sequence.
    QList<BalanceEntryRecord> balanceEntriesPage(const BalanceEntryPageQuery &query) const;
    /// The entries recorded for an invoice (to reverse them on void).
    QList<BalanceEntryRecord> balanceEntriesForInvoice(const QString &invoiceId) const;
    /// The entries recorded under a reference (a subscription change, to reverse them).
    QList<BalanceEntryRecord> balanceEntriesForReference(const QString &reference) const;
    /// Σ entries recomputed from scratch, beside the running sum: they must agree.
    Decimal recomputedBalance(const QString &customerId) const;

    CreditBlockRecord addBlock(CreditBlockRecord block, const QDateTime &at);
    /// Appends a draw (negative) or a reversal (positive) to a block.
    void appendCredit(const QString &blockId, const QString &customerId, const Decimal &amount, const QString &cause, const QString &invoiceId,
                      const QDateTime &at);
    QList<CreditBlockRecord> blocks(const QString &customerId) const;
    /// Up to `limit` blocks of a customer after `after`, each with its remaining credit.
    QList<CreditBlockRow> blocksPage(const CreditBlockPageQuery &query) const;
    /// What each block gave to an invoice: block id → amount drawn (positive).
    QHash<QString, Decimal> drawsForInvoice(const QString &invoiceId) const;

private:
    const Database &m_db;
};

} // namespace orb
