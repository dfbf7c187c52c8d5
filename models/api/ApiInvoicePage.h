// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/billing/BillingRecords.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace orb {

class Database;

/// One page of Orb's invoice list: its filters, and where the previous page ended.
struct InvoicePageQuery {
    QStringList statuses; ///< stored statuses (draft, issued, paid, void); empty: none match
    QString customerId;
    QString subscriptionId;
    /// Invoice dates (the invoice's calendar date) strictly after / on or after / before / on
    /// or before; invalid when not asked for.
    QDate invoiceDateAfter, invoiceDateFrom, invoiceDateBefore, invoiceDateTo;
    QDate dueDate, dueDateAfter, dueDateBefore; ///< Orb's due_date, due_date[gt], due_date[lt]
    int limit = 20;
    /// Where the previous page ended (its last invoice's sort key), from a cursor.
    struct After {
        QString invoiceDate; ///< empty for an invoice without a date
        QString createdAt;
        QString id;
    };
    std::optional<After> after;
};

struct InvoicePage {
    QList<Invoice> invoices;
    bool hasMore = false;
    /// The sort key of the last invoice, for the next page's cursor.
    InvoicePageQuery::After last;
};

/**
 * Orb's invoice list in Orb's order (the latest invoice date first; then the latest created,
 * then by id, so the order is total), one page at a time by keyset in SQL: a page costs an
 * index range of `limit + 1` rows whatever the company's size and the page's depth, and
 * invoices added while a client pages through move no row of the pages still to come.
 * Invoices without a date come after all dated ones. Migration 0035 gives the indexes.
 */
class ApiInvoicePage final
{
public:
    explicit ApiInvoicePage(const Database &db) : m_db(db) {}
    InvoicePage fetch(const InvoicePageQuery &query) const;

    /// The opaque cursor for a page after `last`, and back (nothing for a cursor not made here).
    static QString cursor(const InvoicePageQuery::After &last);
    static std::optional<InvoicePageQuery::After> parseCursor(const QString &cursor);

private:
    const Database &m_db;
};

} // namespace orb
