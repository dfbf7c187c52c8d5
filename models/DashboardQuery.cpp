// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/DashboardQuery.h"

#include "models/sync/StripeInvoiceState.h"

#include "models/Database.h"
#include "models/billing/BillingRecords.h"
#include "models/billing/InvoiceRunService.h"
#include "models/usage/CustomerPostings.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>

namespace orb {

namespace {

/// The scale of invoices.remaining_minor (migration 0009).
constexpr int MinorDigits = 4;

void add(QMap<QString, Decimal> &sums, const QString &currency, const Decimal &amount)
{
    sums[currency] = sums.value(currency, Decimal(0)) + amount;
}

} // namespace

DashboardFigures DashboardQuery::compute(QDate today, qint64 monthStartMs, qint64 monthEndMs, int topCount) const
{
    DashboardFigures f;
    f.today = today;
    f.customers = CustomerRepository(m_db).counts();
    f.monthStart = QDate(today.year(), today.month(), 1);
    const QString todayText = dateText(today);
    const QString monthStart = dateText(f.monthStart);
    const QString monthEnd = dateText(f.monthStart.addMonths(1));
    for (const InvoiceRunFailure &r : InvoiceRunSummary::lastRunFailures(m_db))
        f.failedSubscriptions << QStringLiteral("%1 (%2): %3")
                                     .arg(r.customerName.isEmpty() ? r.customerId : r.customerName, r.subscriptionId, r.reasons.join(QStringLiteral("; ")));

    f.disputes = StripeInvoiceState::openDisputes(m_db);

    f.draftsToIssue = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE status = 'draft' AND invoice_date <= ?"), {todayText}).toInt();

    // What remains to be paid on the issued invoices, and on those past due, in one pass of
    // SQLite over them (the status index): remaining_minor is that amount in exact
    // ten-thousandths (migration 0009, kept by triggers; never below zero), so the sums are
    // exact integers and no amount text is read and parsed per invoice.
    // The sums of integers cast back to integers: a server's SUM of BIGINT is a NUMERIC, which
    // the driver would hand over as a double.
    //
    // One query object per statement, each gone before the next starts: on a company server a
    // prepared statement is deallocated when its query object goes, and that would discard the
    // rows of a statement still streaming on the same connection.
    {
        QSqlQuery q =
            m_db.exec(QStringLiteral("SELECT currency, CAST(SUM(remaining_minor) AS INTEGER), "
                                     "CAST(SUM(CASE WHEN due_date < ? THEN remaining_minor ELSE 0 END) AS INTEGER), "
                                     "CAST(SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END) AS INTEGER) FROM invoices WHERE status = 'issued' GROUP BY currency"),
                      {todayText, todayText});
        while (q.next()) {
            const QString currency = q.value(0).toString();
            add(f.outstanding, currency, Decimal::fromMinorUnits(q.value(1).toLongLong(), MinorDigits));
            if (const int overdue = q.value(3).toInt(); overdue > 0) {
                f.overdueInvoices += overdue;
                add(f.overdueAmount, currency, Decimal::fromMinorUnits(q.value(2).toLongLong(), MinorDigits));
            }
        }
    }

    // The month's issued and paid invoices through the (status, invoice_date) index, their
    // totals as exact ten-thousandths (total_minor, migration 0009).
    {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT currency, CAST(SUM(total_minor) AS INTEGER) FROM invoices WHERE status IN ('issued', 'paid') AND "
                                               "invoice_date >= ? AND invoice_date < ? "
                                               "GROUP BY currency"),
                                {monthStart, monthEnd});
        while (q.next())
            add(f.invoiced, q.value(0).toString(), Decimal::fromMinorUnits(q.value(1).toLongLong(), MinorDigits));
    }
    if (m_db.isServer()) {
        // Summed on the server: exact NUMERIC sums of the decimal text (of the largest scale
        // summed, as Decimal adds), returned as text, not as the driver's double.
        QSqlQuery q = m_db.execNative(QStringLiteral("SELECT currency, CAST(SUM(CAST(amount AS NUMERIC)) AS TEXT) FROM payments "
                                                     "WHERE paid_on >= ? AND paid_on < ? GROUP BY currency"),
                                      {monthStart, monthEnd});
        while (q.next())
            add(f.paid, q.value(0).toString(), Decimal::parse(q.value(1).toString()));
    } else {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT currency, amount FROM payments WHERE paid_on >= ? AND paid_on < ?"), {monthStart, monthEnd});
        while (q.next())
            add(f.paid, q.value(0).toString(), Decimal::parse(q.value(1).toString()));
    }
    {
        const QString weekAgo = QDateTime(today.addDays(-7), QTime(0, 0), Qt::UTC).toString(Qt::ISODate);
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT COALESCE(SUM(rejected), 0), COALESCE(SUM(CASE WHEN rejected > 0 THEN 1 ELSE 0 END), 0) "
                                               "FROM usage_imports WHERE started_at >= ?"),
                                {weekAgo});
        if (q.next()) {
            f.eventsRejected = q.value(0).toLongLong();
            f.importsWithRejects = q.value(1).toInt();
        }
    }

    f.topCustomers = topCustomers(monthStartMs, monthEndMs, topCount);
    return f;
}

QList<DashboardFigures::TopCustomer> DashboardQuery::topCustomers(qint64 monthStartMs, qint64 monthEndMs, int topCount) const
{
    QList<DashboardFigures::TopCustomer> top;
    // A month of the company's zone: its counts are kept beside the events (UsageMonthCounts),
    // a few thousand rows instead of the month's events. Customers are found by id for events
    // sent with one ('c' refs) and by external id for the others ('x' refs), as the scan below
    // matches them.
    //
    // A company server counts on the server instead, over the month's events (the time index):
    // its imports stream events in with COPY and keep no month counts (UsageMonthCounts is the
    // file's), so the same figures come from the events themselves, summed where they lie. The
    // two joins (by id; by external id for events sent without one) are the file's scan below;
    // names sort by code point as on a file, whatever the database's collation.
    if (m_db.isServer()) {
        QSqlQuery q = m_db.execNative(
            QStringLiteral(
                "WITH m AS (SELECT customer_id, external_customer_id, COUNT(*) AS n FROM usage_events WHERE ts >= ? AND ts < ? AND status = 0 "
                "GROUP BY customer_id, external_customer_id) "
                "SELECT id, name, SUM(n) AS total FROM ("
                "SELECT c.id AS id, c.name AS name, m.n AS n FROM m JOIN customers c ON c.id = m.customer_id "
                "UNION ALL SELECT c.id, c.name, m.n FROM m JOIN customers c ON m.customer_id IS NULL AND c.external_customer_id = m.external_customer_id"
                ") t GROUP BY id, name ORDER BY total DESC, name COLLATE \"C\", id COLLATE \"C\" LIMIT ?"),
            {monthStartMs, monthEndMs, topCount});
        while (q.next())
            top.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
        return top;
    }
    if (m_db.scalar(QStringLiteral("SELECT 1 FROM usage_months WHERE start_ms = ? AND end_ms = ?"), {monthStartMs, monthEndMs}).isValid()) {
        QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, name, SUM(n) AS total FROM ("
                                               "SELECT c.id AS id, c.name AS name, m.events AS n FROM usage_month_counts m JOIN customers c "
                                               "ON c.id = substr(m.ref, 2) WHERE m.month_start = ? AND m.ref >= 'c' AND m.ref < 'd' "
                                               "UNION ALL "
                                               "SELECT c.id, c.name, m.events FROM usage_month_counts m JOIN customers c "
                                               "ON c.external_customer_id = substr(m.ref, 2) WHERE m.month_start = ? AND m.ref >= 'x' AND m.ref < 'y'"
                                               ") t GROUP BY id, name HAVING SUM(n) > 0 ORDER BY total DESC, name, id LIMIT ?"),
                                {monthStartMs, monthStartMs, topCount});
        while (q.next())
            top.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
        return top;
    }
    // Any other window: the events themselves. Events name their customer by id or by
    // external id; both map to the customer here.
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT c.id, c.name, COUNT(*) AS n FROM usage_events e JOIN customers c "
                                           "ON c.id = e.customer_id OR (e.customer_id IS NULL AND c.external_customer_id = e.external_customer_id) "
                                           "WHERE e.ts >= ? AND e.ts < ? AND e.status = 0 GROUP BY c.id ORDER BY n DESC, c.name, c.id LIMIT ?"),
                            {monthStartMs, monthEndMs, topCount});
    while (q.next())
        top.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    return top;
}

QList<QPair<QString, qint64>> DashboardQuery::customerUsage(const QString &customerId, qint64 fromMs, qint64 toMs) const
{
    // The customer's own events (the customer directory of usage events), not the month's: an
    // event counts when it names the customer by id, or by its current external id and no id.
    const QByteArray id = customerId.toUtf8();
    const QByteArray external = m_db.scalar(QStringLiteral("SELECT external_customer_id FROM customers WHERE id = ?"), {customerId}).toString().toUtf8();
    QHash<QByteArray, qint64> counts;
    for (const CustomerEventRow &e : CustomerPostings::eventsIn(m_db, id, external, fromMs, toMs))
        if (e.status == 0 && (e.customerId.isEmpty() ? !external.isEmpty() && e.externalCustomerId == external : e.customerId == id))
            ++counts[e.eventName];
    QList<QPair<QString, qint64>> out;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        out.append({QString::fromUtf8(it.key()), it.value()});
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return out;
}

} // namespace orb
