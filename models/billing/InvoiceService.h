// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/billing/InvoiceRepository.h"

#include <functional>

namespace orb {

class Clock;
class CompanyFile;
class Database;

/// One line of a one-off invoice.
struct OneOffLine {
    QString name;
    Decimal quantity = Decimal(1);
    Decimal unitAmount;
    QString item; ///< optional item id or name (its tax rates apply)
};

/// One line of a credit note: which invoice line, and how much of it (tax included).
struct CreditNoteRequestLine {
    int position = 0;
    Decimal amount;
};

/**
 * The invoice lifecycle, each action one transaction with an audit entry:
 * draft → issued (gap-free number, due date from net terms; the customer balance and prepaid
 * credits applied; usage of its period locked) → paid (payments, full or partial; an
 * overpayment goes to the balance) or void (gives back what it took from the balance and the
 * credits). Issued invoices never change; corrections are credit notes. One-off invoices.
 */
class InvoiceService final
{
public:
    InvoiceService(CompanyFile &file, const Clock &clock);

    Invoice get(const QString &reference) const;
    QList<Invoice> list(const InvoiceFilter &filter) const;

    /// Issues a draft. `invoiceDate` replaces the draft's date (one-off invoices default to today).
    Invoice issue(const QString &reference, std::optional<QDate> invoiceDate = std::nullopt);
    /// The number the next issued invoice takes ("INV-000013"), read without taking it: what a
    /// confirmation names. Another issue in between (orbctl, a second window) takes it first.
    QString nextInvoiceNumber() const;
    /// Issues every draft whose invoice date is on or before `upTo`; returns them.
    QList<Invoice> issueAll(QDate upTo);
    /// The same, one transaction, handing each issued invoice to `issued` instead of keeping
    /// them: the drafts are read a batch at a time, so memory does not grow with their number.
    /// Returns how many were issued.
    qint64 issueAll(QDate upTo, const std::function<void(const Invoice &)> &issued);
    Invoice voidInvoice(const QString &reference, const QString &reason);
    /// Records a payment; `reference` (an outside id) is recorded once: the same reference again
    /// for the same invoice and amount returns the first payment and changes nothing.
    Payment pay(const QString &reference, const Decimal &amount, QDate paidOn, const QString &method = QStringLiteral("manual"),
                const QString &externalReference = {}, const QString &memo = {});
    /// Pays what remains.
    Payment markPaid(const QString &reference, QDate paidOn, const QString &memo = {});
    QList<Payment> payments(const QString &reference) const;

    Invoice createOneOff(const QString &customer, const QList<OneOffLine> &lines, std::optional<QDate> invoiceDate, const QString &memo,
                         std::optional<int> netTerms);
    /// Deletes a draft (a one-off, or a run's draft that the next run will compose again).
    void deleteDraft(const QString &reference);
    /// Puts a deleted draft back exactly as it was (same id and identity, so the next run
    /// refreshes it instead of composing a second one), with an audit entry: the undo of
    /// deleteDraft. Throws Conflict when a run has composed the draft again meanwhile.
    void restoreDraft(const Invoice &draft);

    /// Lines empty = the whole remaining amount of every line.
    CreditNote createCreditNote(const QString &invoice, const QList<CreditNoteRequestLine> &lines, const QString &reason, const QString &kind,
                                const QString &memo = {});
    QList<CreditNote> creditNotes(const QString &invoice = {}) const;
    CreditNote creditNote(const QString &reference) const;

    /// What a credit note does beyond crediting its lines.
    enum class CreditUse {
        ReduceFirst, ///< it first lowers what is still owed; the rest goes to the balance (adjustment) or is paid back (refund)
        PaidBack,    ///< the whole of it was paid back already (a refund made in Stripe, a lost dispute): nothing owed changes
    };
    /// createCreditNote inside the caller's transaction (the Stripe pull records refunds on its
    /// own connection, in the transaction that moves its cursor), with its audit entries.
    static CreditNote createCreditNoteWithin(Database &db, const QDateTime &at, const QString &invoiceId, const QList<CreditNoteRequestLine> &lines,
                                             const QString &reason, const QString &kind, const QString &memo, CreditUse use = CreditUse::ReduceFirst);
    /// Money given back outside Orb (a refund in Stripe, a lost dispute) as a credit note of kind
    /// refund for exactly `amount`, spread over the invoice's lines in order, inside the caller's
    /// transaction. Throws Conflict when the lines have less than `amount` left to credit.
    static CreditNote refundWithin(Database &db, const QDateTime &at, const QString &invoiceId, const Decimal &amount, const QString &reason,
                                   const QString &memo);

    /// The invoice with its customer, payments and credit notes (invoices show).
    QJsonObject describe(const Invoice &invoice) const;

    /// Voids inside the caller's transaction (subscription changes). Throws Conflict for a paid
    /// invoice or one with credit notes.
    static void voidWithin(Database &db, const QDateTime &at, Invoice invoice, const QString &reason);
    /// Records a payment inside the caller's transaction (the Stripe pull records payments on
    /// its own connection, in the transaction that moves its cursor). Rules as pay().
    static Payment recordPaymentWithin(Database &db, const QDateTime &at, const QString &invoiceId, const Decimal &amount, QDate paidOn, const QString &method,
                                       const QString &externalReference, const QString &memo);
    /// The company's numbering, from its invoice prefix ("INV-" → INV-000001).
    static QString formatNumber(const QString &companyPrefix, qint64 counter, bool creditNote);

private:
    void requireWritable() const;
    /// What issuing a batch reads once rather than per invoice: the settings it numbers and
    /// rounds with, and the customers it has met (issuing changes no customer).
    struct IssueBatch;
    Invoice issueWithin(Invoice inv, std::optional<QDate> invoiceDate, IssueBatch *batch = nullptr);

    CompanyFile &m_file;
    const Clock &m_clock;
};

} // namespace orb
