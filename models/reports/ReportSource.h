// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"
#include "models/reports/AgingReport.h"
#include "models/reports/ChartData.h"
#include "models/reports/Statement.h"

#include <QByteArrayView>
#include <QTimeZone>

#include <functional>

namespace orb {

class CompanyFile;
class Database;

/**
 * Loads what the receivables reports need from the company file: open amounts as of a date
 * (aging), a customer's movements (statement) and revenue per month and plan (charts). Reads
 * only; every figure comes from the stored invoices, payments and credit notes.
 *
 * Each report reads only the invoices its period can involve, and their payments and credit
 * notes in one statement each (never one statement per invoice), so a company with a million
 * invoices is read in seconds. Built on a Database, it runs on a BackgroundReader's thread.
 */
class ReportSource final
{
public:
    explicit ReportSource(CompanyFile &file);
    /// On any connection: `zone` is the company's time zone (dates of instants),
    /// `defaultCurrency` the company's currency.
    ReportSource(const Database &db, const QTimeZone &zone, const QString &defaultCurrency);

    /// Open invoices as of a date: issued by then, not void by then, less what was paid and
    /// credited by then. `customerId` empty: every customer.
    QList<AgingItem> agingItems(QDate asOf, const QString &customerId = {}) const;
    /// The aging report of every customer, computed in one pass without keeping the invoices
    /// (its items() are empty; openInvoices() counts them).
    AgingReport aging(QDate asOf) const;

    /// A customer's statement (id or external id) in its currency; throws ServiceError
    /// (NotFound for an unknown customer, InvalidInput when `from` is after `to`).
    Statement statement(const QString &customer, QDate from, QDate to) const;

    ChartData revenueByMonth(QDate from, QDate to, const QString &currency) const;
    ChartData revenueByPlan(QDate from, QDate to, const QString &currency) const;
    /// The currencies of issued invoices, the company's default first.
    QStringList currencies() const;

    /// What of an invoice was unpaid at the end of `asOf` (zero for a draft, or one issued
    /// later or voided by then).
    static Decimal outstandingAsOf(const Invoice &invoice, const QList<Payment> &payments, const QList<QPair<QDate, Decimal>> &credits, QDate voidedOn,
                                   QDate asOf);

private:
    /// The invoices a report needs, with their payments and credit notes by invoice id.
    struct Loaded {
        QList<Invoice> invoices;
        QHash<QString, QList<Payment>> payments;
        QHash<QString, QList<CreditNote>> creditNotes;
    };
    Loaded load(const QString &where, const QVariantList &binds) const;
    /// An invoice open as of a date, as forEachOpen() hands it over: the texts point into the
    /// statement's row and are valid during the call only.
    struct OpenInvoice {
        QByteArrayView customerId;
        QByteArrayView currency;
        QByteArrayView id;
        QByteArrayView number;
        QDate invoiceDate;
        QDate dueDate;
        Decimal outstanding;
    };
    /// Calls `visit` for every invoice with something unpaid at the end of `asOf` (the rule of
    /// outstandingAsOf()), of one customer or all; `ordered` in the order of the invoice list
    /// (invoice date, creation, id), else in no particular order.
    /// The columns of one candidate row of forEachOpen(), as text.
    struct OpenRow {
        QByteArrayView customerId, currency, status, invoiceDate, dueDate, amountDue, voidedAt, id, number;
        QByteArrayView payments;    ///< the amounts of its payments up to the date, space-separated
        QByteArrayView creditNotes; ///< created_at, total and paid back of each credit note
    };
    /// Whether the row is open as of the date; if so, `open` describes it (pointing into `row`).
    bool openAsOf(const OpenRow &row, QDate asOf, OpenInvoice &open) const;
    void forEachOpen(QDate asOf, const QString &customerId, bool ordered, const std::function<void(const OpenInvoice &)> &visit) const;
    QDate localDate(const QDateTime &instant) const;
    QList<QPair<QDate, Decimal>> creditsOf(const QList<CreditNote> &notes) const;

    const Database &m_db;
    QTimeZone m_zone;
    QString m_defaultCurrency;
};

} // namespace orb
