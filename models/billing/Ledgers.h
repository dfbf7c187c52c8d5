// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Database;

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
    /// What each block gave to an invoice: block id → amount drawn (positive).
    QHash<QString, Decimal> drawsForInvoice(const QString &invoiceId) const;

private:
    const Database &m_db;
};

} // namespace orb
