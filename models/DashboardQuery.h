// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Decimal.h"
#include "models/CustomerRepository.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace orb {

class Database;

/// The dashboard's figures, all read in one go.
struct DashboardFigures {
    QDate today;
    int draftsToIssue = 0;                ///< drafts whose invoice date has come
    int overdueInvoices = 0;              ///< issued and past due
    QMap<QString, Decimal> overdueAmount; ///< currency → what remains to be paid on them
    qint64 eventsRejected = 0;            ///< rows rejected by imports in the last 7 days
    int importsWithRejects = 0;
    QDate monthStart;
    QMap<QString, Decimal> invoiced;    ///< this month's issued and paid invoices' totals, by currency
    QMap<QString, Decimal> paid;        ///< this month's payments, by currency
    QMap<QString, Decimal> outstanding; ///< what remains to be paid on every issued invoice, by currency
    struct TopCustomer {
        QString id;
        QString name;
        qint64 events = 0;
    };
    QList<TopCustomer> topCustomers; ///< by this month's active events, most first
    /// The subscriptions the last stored invoice run could not bill: "customer (subscription): reason".
    QStringList failedSubscriptions;
    CustomerCounts customers; ///< active and archived
    /// Invoices whose Stripe payment the customer disputes, still undecided: "INV-… (customer): amount withdrawn, dispute …".
    QStringList disputes;
};

/**
 * The figures behind the dashboard, computed from the company file. Amounts are summed as
 * Decimals in C++, or as exact integers (ten-thousandths) in SQL, never as floating point.
 * Every figure reads a bounded set: the month's invoices and payments through their date
 * indexes, the open (issued) invoices through the status index, the month's usage from the
 * kept month counts (UsageMonthCounts). Takes a Database so it can run on a worker thread's own
 * connection (CompanyFile::openConnection()).
 */
class DashboardQuery final
{
public:
    explicit DashboardQuery(const Database &db) : m_db(db) {}

    /// `today` is the company's date; `monthStartUtc`/`monthEndUtc` bound this month's usage
    /// in the company's zone.
    DashboardFigures compute(QDate today, qint64 monthStartMs, qint64 monthEndMs, int topCount = 5) const;
    /// One customer's active events between two instants, per event name (most first).
    QList<QPair<QString, qint64>> customerUsage(const QString &customerId, qint64 fromMs, qint64 toMs) const;
    /**
     * The customers with the most active events in [monthStartMs, monthEndMs), most first (then
     * by name). A month of the company's zone is read from the kept month counts; any other
     * window from the events.
     */
    QList<DashboardFigures::TopCustomer> topCustomers(qint64 monthStartMs, qint64 monthEndMs, int topCount) const;

private:
    const Database &m_db;
};

} // namespace orb
