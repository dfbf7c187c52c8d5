// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/Ledgers.h"

#include "models/billing/BillingRecords.h"

namespace orb {

class Clock;
class CompanyFile;

/// The customer balance and prepaid credits as people see and change them: show, adjust by
/// hand, add a credit block. Each change is one ledger entry, one transaction, one audit entry.
class LedgerService final
{
public:
    LedgerService(CompanyFile &file, const Clock &clock);

    struct BalanceView {
        QString customerId;
        QString currency;
        Decimal balance;
        QList<BalanceEntryRecord> entries;
        QJsonObject toJson() const;
    };
    BalanceView balance(const QString &customer) const;
    /// A manual adjustment (positive credits the customer); the description says why.
    BalanceEntryRecord adjustBalance(const QString &customer, const Decimal &amount, const QString &description);

    CreditBlockRecord addCredits(const QString &customer, const Decimal &amount, const Decimal &costBasis, QDate effectiveDate, std::optional<QDate> expiryDate,
                                 const QString &description);
    QList<CreditBlockRecord> credits(const QString &customer) const;
    /// One page of a customer's balance entries (newest first) or credit blocks (in drawing
    /// order), by keyset in SQL: see Ledgers.
    QList<BalanceEntryRecord> balanceEntriesPage(const BalanceEntryPageQuery &query) const;
    QList<CreditBlockRow> creditBlocksPage(const CreditBlockPageQuery &query) const;

private:
    QString customerId(const QString &reference, QString *currency) const;
    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
