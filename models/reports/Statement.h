// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "models/reports/AgingReport.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace orb {

/// One movement on a customer's account: an invoice or a refund paid back (debits), a
/// payment, a credit note or a void (credits).
struct StatementLine {
    // The order is the order on one day: a refund paid right after its credit note.
    enum class Kind { Invoice, Payment, CreditNote, RefundPaid, Void };
    QDate date;
    Kind kind = Kind::Invoice;
    QString reference;     ///< invoice or credit note number, payment reference
    QString description;   ///< empty for an invoice with a service period (the document words it)
    QString invoiceNumber; ///< the invoice a payment, credit note or void belongs to
    QString detail;        ///< a payment's method, a credit note's (or its refund's) reason
    QDate periodStart;     ///< an invoice's service period, last day included
    QDate periodEnd;
    Decimal debit;
    Decimal credit;
    Decimal balance; ///< running balance after this line (set by Statement::build)
};

/**
 * A customer statement for [from, to] (both days included) in one currency: the balance owed
 * at the start, every movement in the period with a running balance, the balance at the end,
 * and the aging of what is open at the end.
 */
struct Statement {
    QString customerId;
    QString customerName;
    QStringList customerAddress;
    QString customerTaxId;
    QString customerEmail;
    QString currency;
    QDate from;
    QDate to;
    Decimal opening;
    Decimal closing;
    QList<StatementLine> lines;
    AgingRow aging; ///< the open invoices at `to`, by days past due
    /// Payments the customer disputes with their bank, still undecided: counted as paid above,
    /// but the bank holds the money until the dispute is decided.
    struct Dispute {
        QString invoiceNumber;
        Decimal amount;
        bool withdrawn = false;
    };
    QList<Dispute> disputes;

    /// Sorts the movements by date (invoices before payments on the same day), takes the ones
    /// before `from` into the opening balance and keeps the ones in the period with a running
    /// balance. Movements after `to` are left out.
    static Statement build(QList<StatementLine> movements, QDate from, QDate to, const QString &currency);
    static QString kindName(StatementLine::Kind kind);
};

} // namespace orb
