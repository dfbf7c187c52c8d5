// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>

namespace orb {

/// One open invoice as of the report date: what of it was still unpaid then.
struct AgingItem {
    QString customerId;
    QString customerName;
    QString invoiceId;
    QString invoiceNumber;
    QString currency;
    QDate invoiceDate;
    QDate dueDate; ///< invalid: due on the invoice date
    Decimal outstanding;
};

/// A customer's receivables in one currency, per bucket.
struct AgingRow {
    QString customerId;
    QString customerName;
    QString currency;
    std::array<Decimal, 5> buckets{}; ///< current, 1–30, 31–60, 61–90, over 90 days past due
    Decimal total;
    int invoices = 0;
};

/**
 * Accounts receivable aging as of a date: what customers owe, by how many days past due.
 * Days past due count from the due date to the report date; an invoice due on or after the
 * report date is current. Rows per customer and currency (amounts of different currencies are
 * never added), sorted by customer name, with one total row per currency.
 */
class AgingReport final
{
public:
    enum Bucket { Current = 0, Days1To30, Days31To60, Days61To90, Over90, BucketCount };

    /// The bucket of an invoice that is `daysPastDue` days past due (zero or less: current).
    static Bucket bucketFor(qint64 daysPastDue);
    static QString bucketTitle(int bucket);

    /// The report of these open invoices (kept as items()).
    static AgingReport build(const QList<AgingItem> &items, QDate asOf);
    /// The report from rows already summed per customer and currency (each row once), without
    /// the invoices behind them: items() stays empty. Sorts the rows and adds the totals as
    /// build() does.
    static AgingReport fromRows(QList<AgingRow> rows, QDate asOf);

    QDate asOf() const { return m_asOf; }
    const QList<AgingRow> &rows() const { return m_rows; }
    /// One row per currency (customerName empty), in currency order.
    const QList<AgingRow> &totals() const { return m_totals; }
    /// The open invoices when built from them (build()), else empty.
    const QList<AgingItem> &items() const { return m_items; }
    /// How many open invoices the report counts, however it was built.
    qint64 openInvoices() const;

    /// customer,external... one row per customer and currency, then the totals; exact amounts.
    QString toCsv() const;
    /// {"as_of", "data": [{customer_id, customer_name, currency, current, days_1_30, ..., total}], "totals": [...]}
    QJsonObject toJson() const;

private:
    QDate m_asOf;
    QList<AgingRow> m_rows;
    QList<AgingRow> m_totals;
    QList<AgingItem> m_items;
};

} // namespace orb
