// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

namespace orb {

class Database;

/// Filters for listing invoices; empty fields do not filter.
struct InvoiceFilter {
    QString customerId;
    QString subscriptionId;
    std::optional<InvoiceStatus> status;
    bool overdueOn = false; ///< with `today`: issued and past due
    QDate today;
    QDate periodFrom; ///< invoices whose invoice date is on or after
    QDate periodTo;   ///< and before
    int limit = 0;
    /// Only invoices after this one in the list's order (invoice date, creation, id): the
    /// next page of a list, unmoved by invoices added or deleted before it.
    QString afterId;
};

/// Rows of invoices (header, lines, document), payments, credit notes and the number series.
class InvoiceRepository final
{
public:
    explicit InvoiceRepository(const Database &db) : m_db(db) {}

    void insert(const Invoice &invoice);
    /// insert() for each invoice in order, with its two statements prepared once for all of
    /// them (an invoice run's batch, inside the caller's transaction).
    /// `documentTexts`, when given, holds each invoice's document as compact JSON text (what
    /// QJsonDocument writes for it; an empty one is written from the document).
    void insertMany(const QList<Invoice> &invoices, const QList<QByteArray> &documentTexts = {});
    /// Rewrites everything but the id, identity and creation time (drafts, and the
    /// lifecycle's state changes), and the lines from its document.
    void update(const Invoice &invoice);
    /// The same row as update(after), written as the change from `before` (the invoice as
    /// stored): only the columns and lines that differ. An index whose columns do not change
    /// is not touched, and lines keep their rows, so issuing costs the same in a company of
    /// any size (update() rewrites every index entry of the invoice, most on random pages).
    void updateFrom(const Invoice &before, const Invoice &after);
    void remove(const QString &id);

    std::optional<Invoice> find(const QString &id) const;
    /// The invoices of these ids, in the order given (ids not found are left out).
    QList<Invoice> findMany(const QStringList &ids) const;
    /// The ids of the drafts dated before `before`, in list order (invoice date, creation, id):
    /// the order issuing numbers them in.
    QStringList draftIdsBefore(QDate before) const;
    std::optional<Invoice> findByNumber(const QString &number) const;
    std::optional<Invoice> findByIdentity(const QString &identity) const;
    /// By id or invoice number.
    std::optional<Invoice> resolve(const QString &reference) const;
    QList<Invoice> list(const InvoiceFilter &filter) const;
    /// The identities already present, with their status (the run's existence check).
    QHash<QString, InvoiceStatus> identities() const;

    /// The counter after the last of the series, recorded as used (in the caller's transaction).
    qint64 takeNextNumber(const QString &series);
    /// The company's invoice prefix, for numbering on a connection without its CompanyFile.
    QString companyInvoicePrefix() const;
    qint64 lastNumber(const QString &series) const;

    void insertPayment(const Payment &p);
    QList<Payment> payments(const QString &invoiceId) const;
    bool paymentReferenceExists(const QString &reference) const;

    void insertCreditNote(const CreditNote &note);
    QList<CreditNote> creditNotes(const QString &invoiceId = {}) const;
    std::optional<CreditNote> findCreditNote(const QString &reference) const;
    /// What credit notes took off each line so far (position → amount).
    QHash<int, Decimal> creditedByLine(const QString &invoiceId) const;

    /// Set reads for reports (ReportQueries), one statement each. `where` is a condition on
    /// the table's columns with positional binds, never user text.
    QList<Invoice> invoicesWhere(const QString &where, const QVariantList &binds) const;
    QList<Payment> paymentsWhere(const QString &where, const QVariantList &binds) const;
    /// The currencies of invoices other than drafts, in the order they first appear (by
    /// invoice date, creation and id).
    QStringList issuedCurrencies() const;
    /// Credit notes without their lines (a report needs only the totals).
    QList<CreditNote> creditNoteHeadersWhere(const QString &where, const QVariantList &binds) const;

private:
    QList<Invoice> select(const QString &where, const QVariantList &binds, const QString &tail = {}) const;
    void writeLines(const Invoice &invoice);
    void insertManyOnServer(const QList<Invoice> &invoices);
    void writeLine(const QString &invoiceId, int position, const QJsonObject &line);
    QList<CreditNote> selectNotes(const QString &where, const QVariantList &binds, bool withLines = true) const;

    const Database &m_db;
};

} // namespace orb
