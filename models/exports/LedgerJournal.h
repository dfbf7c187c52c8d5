// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

namespace orb {

class CompanyFile;

/// One line of a journal entry: an account and an amount, debits positive, credits negative.
struct JournalSplit {
    QString account;
    Decimal amount;
    QString memo;
};

/// A balanced journal entry for one business event: an invoice issued, a payment received, a
/// credit note, a void.
struct JournalEntry {
    enum class Kind { Invoice, Payment, CreditNote, Void };
    QDate date;
    Kind kind = Kind::Invoice;
    QString id;       ///< unique and stable: "invoice:<id>", "payment:<id>", ...
    QString number;   ///< the document number (invoice, credit note) or payment reference
    QString customer; ///< the customer's name
    QString description;
    QString currency;
    QList<JournalSplit> splits;

    /// The sum of the splits: zero for a balanced entry.
    Decimal balance() const;
    static QString kindName(Kind kind);
};

/// The ledger accounts journal entries post to, from the company's settings (ledger.*): one
/// receivable, bank, income and tax account, with income per item and tax per rate mapped in
/// ledger.item_accounts and ledger.tax_accounts ("Platform Fee=Income:Subscriptions; ...").
struct LedgerAccounts {
    QString receivable;
    QString income;
    QString tax;
    QString bank;
    QString customerBalance;
    QString prepaidCredits;
    QMap<QString, QString> items; ///< item (or line) name → income account
    QMap<QString, QString> taxes; ///< tax rate name → tax account

    static LedgerAccounts fromCompany(const CompanyFile &file);
    QString incomeFor(const QString &item) const { return items.value(item, income); }
    QString taxFor(const QString &rate) const { return taxes.value(rate, tax); }
};

/**
 * The journal of a period [from, to] (both days included, the company's time zone): invoices
 * by invoice date (receivable against income per line and tax per rate; balance and prepaid
 * credits applied are their own debits), payments by payment date, credit notes by their date
 * and voids by the day they were voided (the invoice's entry reversed). Sorted by date, kind
 * and number, so the same period gives the same entries.
 */
class LedgerJournal final
{
public:
    static QList<JournalEntry> build(CompanyFile &file, QDate from, QDate to);
    static QList<JournalEntry> build(CompanyFile &file, QDate from, QDate to, const LedgerAccounts &accounts);
};

} // namespace orb
